"""Schema migrations at start: an older database is upgraded without losing a row; a newer or
foreign one is refused with a zh/en message and left as it was. SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from engine.serve import db as dbmod

from .conftest import make_client
from .helpers import ART25, NUMBER, bad

YAML = {"content-type": "application/yaml"}


def _old_database(url: str) -> None:
    """A database as juece made it at revision 0001, with a stored dossier, a check, a finding and a disposition."""
    eng = dbmod.connect(url)
    dbmod.migrate(eng, to="0001")
    assert dbmod.current_revision(eng) == "0001"
    with eng.begin() as c:
        c.execute(sa.text("INSERT INTO users (name, display_name, role, unit, password_hash, active, created_at) "
                          "VALUES ('zhou', '周文斌', 'reviewer', NULL, 'x', :t, CURRENT_TIMESTAMP)"), {"t": True})
        c.execute(sa.text("INSERT INTO dossiers (number, title, unit, decision_body, created_at, created_by, updated_at) "
                          "VALUES ('OLD-1', '旧库中的案卷', '某局', '某市人民政府', CURRENT_TIMESTAMP, 'zhou', CURRENT_TIMESTAMP)"))
        did = c.execute(sa.text("SELECT id FROM dossiers WHERE number = 'OLD-1'")).scalar()
        c.execute(sa.text("INSERT INTO checks (dossier_id, seq, filename, content, sha256, stage, ruleset, applicable, compliant, "
                          "violated, indeterminate, result_json, digest_json, created_at, created_by) VALUES (:did, 1, 'old.yaml', :b, 'abc', "
                          "'completed', 'cn.mad.decree-713', :t, :f, 1, 0, :r, :d, CURRENT_TIMESTAMP, 'zhou')"),
                  {"did": did, "b": "编号: OLD-1\n".encode(), "t": True, "f": False,
                   "r": '[{"dossier": "OLD-1", "title": "旧库中的案卷", "findings": [], "applicable": true, "compliant": false, "stage": "completed", "ruleset": {"id": "cn.mad.decree-713"}, "counts": {}, "manifest": {}}]',
                   "d": '{"dossier": "OLD-1", "applicable": true, "compliant": false, "ruleset": {"id": "cn.mad.decree-713"}, "findings": []}'})
        cid = c.execute(sa.text("SELECT id FROM checks WHERE dossier_id = :did"), {"did": did}).scalar()
        c.execute(sa.text("INSERT INTO findings (check_id, position, fingerprint, rule, outcome, severity, basis, title, change) "
                          "VALUES (:cid, 0, 'fp1', :rule, 'violated', 'violation', '第二十五条', '合法性审查', 'new')"), {"rule": ART25, "cid": cid})
        c.execute(sa.text("INSERT INTO dispositions (dossier_id, fingerprint, rule, status, text, user_name, check_id, created_at) "
                          "VALUES (:did, 'fp1', :rule, 'rejected', '旧理由', 'zhou', :cid, CURRENT_TIMESTAMP)"), {"rule": ART25, "cid": cid, "did": did})
        c.execute(sa.text("INSERT INTO audit_log (at, user_name, action, target) VALUES (CURRENT_TIMESTAMP, 'zhou', 'dossier.store', 'OLD-1')"))
    eng.dispose()


def test_older_database_is_migrated_without_losing_data(db_url):
    _old_database(db_url)
    with make_client(db_url) as c:
        eng = c.app.state.engine
        assert dbmod.current_revision(eng) == dbmod.head_revision() == "0002"
        cols = {x["name"] for x in sa.inspect(eng).get_columns("findings")}
        assert "grounds" in cols and "api_tokens" in sa.inspect(eng).get_table_names()
        with eng.connect() as conn:
            assert conn.execute(sa.text("SELECT text FROM dispositions WHERE fingerprint = 'fp1'")).scalar() == "旧理由"
            assert conn.execute(sa.text("SELECT content FROM checks WHERE filename = 'old.yaml'")).scalar() == "编号: OLD-1\n".encode()
            assert conn.execute(sa.text("SELECT count(*) FROM audit_log")).scalar() == 1
        # the migrated database works: the old user exists (so a token is needed), the old dossier is listed
        from engine.serve import auth
        with c.app.state.sessions() as s:
            from engine.serve.models import User
            tok = auth.new_token(s, s.scalar(sa.select(User).where(User.name == "zhou")))
            s.commit()
        h = {"authorization": f"Bearer {tok}"}
        assert [d["number"] for d in c.get("/api/v1/dossiers", headers=h).json()["dossiers"]] == ["OLD-1"]
        assert c.post("/api/v1/dossiers", content=bad(), headers={**YAML, **h}).status_code == 201
        assert c.get("/api/v1/dossiers", headers=h).json()["total"] == 2
    if db_url.startswith("sqlite"):
        path = Path(sa.engine.make_url(db_url).database)
        assert Path(f"{path}.before-0002").exists()  # a copy of the file as it was, kept next to it


def test_newer_database_is_refused_and_left_alone(db_url):
    eng = dbmod.connect(db_url)
    dbmod.migrate(eng)
    with eng.begin() as c:
        c.execute(sa.text("UPDATE alembic_version SET version_num = '0099_from_the_future'"))
    eng.dispose()
    from engine.serve import Settings, create_app
    with pytest.raises(dbmod.DatabaseRefused) as e:
        create_app(Settings(db_url=db_url, workers=1))
    assert e.value.code == "serve.db.newer" and "0099_from_the_future" in e.value.zh and "newer juece" in e.value.en
    eng = dbmod.connect(db_url)
    assert dbmod.current_revision(eng) == "0099_from_the_future"
    eng.dispose()


def test_foreign_database_is_refused(db_url):
    eng = dbmod.connect(db_url)
    with eng.begin() as c:
        c.execute(sa.text("CREATE TABLE payroll (id INTEGER PRIMARY KEY, amount INTEGER)"))
        c.execute(sa.text("INSERT INTO payroll VALUES (1, 100)"))
    with pytest.raises(dbmod.DatabaseRefused) as e:
        dbmod.migrate(eng)
    assert e.value.code == "serve.db.foreign" and "payroll" in e.value.zh
    with eng.connect() as c:
        assert c.execute(sa.text("SELECT amount FROM payroll")).scalar() == 100
        assert "alembic_version" not in sa.inspect(eng).get_table_names()
    eng.dispose()


def test_empty_database_gets_the_head_schema(db_url):
    eng = dbmod.connect(db_url)
    assert dbmod.migrate(eng) == (None, "0002")
    assert dbmod.migrate(eng) == ("0002", "0002")  # idempotent
    from engine.serve.models import Base
    have = set(sa.inspect(eng).get_table_names())
    assert set(Base.metadata.tables) <= have
    for name, table in Base.metadata.tables.items():
        cols = {c["name"] for c in sa.inspect(eng).get_columns(name)}
        assert cols == {c.name for c in table.columns}, name  # the models match the migrated schema
    eng.dispose()
    _ = NUMBER
