"""Users, passwords, sessions, CSRF and API tokens.

- Passwords: argon2id (argon2-cffi's defaults), never stored or logged in clear.
- Browser sessions: a cookie signed with itsdangerous (the key is kept in the database's settings
  table, made at first start, or given in JUECE_SECRET), holding the user id and a random nonce;
  it expires after SESSION_HOURS. The CSRF token of a form is an HMAC of that nonce.
- API: `Authorization: Bearer <token>`; only the SHA-256 of a token is stored.
- Open mode: while no user exists the server only runs on a loopback address and everyone is the
  local reviewer `本机`; cross-site requests are refused by the Origin check all the same.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from typing import Optional

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .models import ROLE_ALIASES, ApiToken, Setting, User

SESSION_COOKIE = "juece_session"
SESSION_HOURS = 12
_hasher = PasswordHasher()


@dataclass(frozen=True)
class Actor:
    """Who is making a request."""

    name: str
    display_name: str
    role: str  # reviewer | unit | readonly
    unit: Optional[str] = None
    user_id: Optional[int] = None
    open_mode: bool = False

    @property
    def can_review(self) -> bool:
        return self.role == "reviewer"

    @property
    def can_submit(self) -> bool:
        return self.role in ("reviewer", "unit")

    def sees_unit(self, unit: Optional[str]) -> bool:
        return self.role != "unit" or (unit is not None and unit == self.unit)


LOCAL = Actor("本机", "本机审查人员 (local reviewer)", "reviewer", open_mode=True)


def hash_password(pw: str) -> str:
    return _hasher.hash(pw)


def verify_password(hashed: str, pw: str) -> bool:
    try:
        return _hasher.verify(hashed, pw)
    except (VerificationError, InvalidHashError):
        return False


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def secret_key(db: Session) -> str:
    env = os.environ.get("JUECE_SECRET")
    if env:
        return env
    row = db.get(Setting, "secret_key")
    if row is None:
        row = Setting(key="secret_key", value=secrets.token_urlsafe(48))
        db.add(row)
        db.commit()
    return row.value


def user_count(db: Session) -> int:
    return db.scalar(select(func.count()).select_from(User)) or 0


def parse_role(text: str) -> Optional[str]:
    return ROLE_ALIASES.get(text.strip().lower() if text.isascii() else text.strip())


def add_user(db: Session, name: str, password: str, role: str, unit: Optional[str] = None,
             display_name: Optional[str] = None) -> User:
    u = User(name=name, display_name=display_name or name, role=role, unit=unit,
             password_hash=hash_password(password), active=True)
    db.add(u)
    db.flush()
    return u


def new_token(db: Session, user: User, label: Optional[str] = None) -> str:
    tok = "jc_" + secrets.token_urlsafe(32)
    db.add(ApiToken(user_id=user.id, token_hash=token_hash(tok), label=label, revoked=False))
    db.flush()
    return tok


def actor_of(u: User) -> Actor:
    return Actor(u.name, u.display_name, u.role, u.unit, u.id)


class Sessions:
    """Signed session cookies and the CSRF tokens bound to them."""

    def __init__(self, key: str):
        self.key = key.encode("utf-8")
        self.s = URLSafeTimedSerializer(key, salt="juece-session")

    def dump(self, user_id: Optional[int], nonce: Optional[str] = None) -> str:
        return self.s.dumps({"u": user_id, "n": nonce or secrets.token_urlsafe(16)})

    def load(self, cookie: Optional[str]) -> Optional[dict]:
        if not cookie:
            return None
        try:
            data = self.s.loads(cookie, max_age=SESSION_HOURS * 3600)
        except BadSignature:
            return None
        return data if isinstance(data, dict) and "n" in data else None

    def csrf(self, nonce: str) -> str:
        return hmac.new(self.key, b"csrf:" + nonce.encode("utf-8"), hashlib.sha256).hexdigest()

    def csrf_ok(self, nonce: Optional[str], token: Optional[str]) -> bool:
        return bool(nonce and token) and hmac.compare_digest(self.csrf(nonce), token)


def from_token(db: Session, token: str) -> Optional[Actor]:
    row = db.scalar(select(ApiToken).where(ApiToken.token_hash == token_hash(token), ApiToken.revoked.is_(False)))
    if row is None:
        return None
    u = db.get(User, row.user_id)
    return actor_of(u) if u is not None and u.active else None


def from_session(db: Session, data: Optional[dict]) -> Optional[Actor]:
    if not data or not data.get("u"):
        return None
    u = db.get(User, data["u"])
    return actor_of(u) if u is not None and u.active else None
