"""Database tables of the workbench (SQLAlchemy 2 ORM). The schema is made by the Alembic
migrations in engine/serve/migrations/, never by `create_all`; these classes must match the head.

Nothing is overwritten that a reviewer may need later: every stored version of a dossier is a row
of `checks` (its bytes kept in the database, never in a file), dispositions and the audit log are
append-only.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Optional

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


class Base(DeclarativeBase):
    pass


ROLES = {"reviewer": ("审查人员", "reviewer"), "unit": ("承办单位", "undertaking unit"), "readonly": ("只读", "read-only")}
ROLE_ALIASES = {"reviewer": "reviewer", "审查人员": "reviewer", "审查": "reviewer",
                "unit": "unit", "承办单位": "unit", "承办": "unit",
                "readonly": "readonly", "只读": "readonly", "read-only": "readonly"}
DISPOSITIONS = {"accepted": ("采纳（需整改）", "accepted (to be rectified)"),
                "rejected": ("不采纳", "not accepted"),
                "fixed": ("已整改", "rectified")}


class Setting(Base):
    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(128))
    role: Mapped[str] = mapped_column(String(16))
    unit: Mapped[Optional[str]] = mapped_column(String(256), nullable=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class ApiToken(Base):
    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[Optional[str]] = mapped_column(String(128), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class StoredDossier(Base):
    __tablename__ = "dossiers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(256), unique=True)  # 编号
    title: Mapped[str] = mapped_column(Text)
    unit: Mapped[Optional[str]] = mapped_column(String(256), nullable=True, index=True)
    decision_body: Mapped[Optional[str]] = mapped_column(String(256), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    created_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class Check(Base):
    __tablename__ = "checks"
    __table_args__ = (UniqueConstraint("dossier_id", "seq"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)  # 1, 2, … per dossier
    filename: Mapped[str] = mapped_column(String(256))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    stage: Mapped[str] = mapped_column(String(32))
    ruleset: Mapped[Optional[str]] = mapped_column(String(128), nullable=True)
    applicable: Mapped[bool] = mapped_column(Boolean)
    compliant: Mapped[bool] = mapped_column(Boolean)
    violated: Mapped[int] = mapped_column(Integer, default=0)
    indeterminate: Mapped[int] = mapped_column(Integer, default=0)
    result_json: Mapped[str] = mapped_column(Text)  # the CLI's JSON for this dossier
    digest_json: Mapped[str] = mapped_column(Text)  # what the audit summary reads
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    created_by: Mapped[str] = mapped_column(String(64))


class StoredFinding(Base):
    __tablename__ = "findings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    check_id: Mapped[int] = mapped_column(ForeignKey("checks.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # its index in the result's findings
    fingerprint: Mapped[str] = mapped_column(String(40), index=True)
    rule: Mapped[str] = mapped_column(String(128))
    outcome: Mapped[str] = mapped_column(String(16))
    severity: Mapped[str] = mapped_column(String(16))
    basis: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    change: Mapped[str] = mapped_column(String(16))  # new | persisting (against the previous check)
    grounds: Mapped[Optional[str]] = mapped_column(String(16), nullable=True)  # fact | absence (migration 0002)


class Disposition(Base):
    __tablename__ = "dispositions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    fingerprint: Mapped[str] = mapped_column(String(40), index=True)
    rule: Mapped[str] = mapped_column(String(128))
    status: Mapped[str] = mapped_column(String(16))  # accepted | rejected | fixed
    text: Mapped[Optional[str]] = mapped_column(Text, nullable=True)  # reason (rejected) / what was done (fixed)
    user_name: Mapped[str] = mapped_column(String(64))
    check_id: Mapped[Optional[int]] = mapped_column(ForeignKey("checks.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class AuditEntry(Base):
    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    user_name: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[Optional[str]] = mapped_column(String(256), nullable=True)
    detail: Mapped[Optional[str]] = mapped_column(Text, nullable=True)  # JSON; never dossier content
