"""The workbench database: connect (any SQLAlchemy URL), migrate with Alembic at start, refuse what
it does not know.

- An empty database gets the whole schema; an older one is upgraded to the head revision (for a
  SQLite file, a copy of the file is kept next to it first: `juece.db.before-<rev>`).
- A database stamped with a revision this juece does not ship (made by a newer juece), or one that
  holds tables but no Alembic stamp (not a juece database), is refused with a zh/en message and
  left untouched.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Optional

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).with_name("migrations")


class DatabaseRefused(Exception):
    """The database cannot be used as it is; nothing was changed."""

    def __init__(self, code: str, zh: str, en: str):
        self.code, self.zh, self.en = code, zh, en
        super().__init__(en)

    def text(self, lang: str = "zh") -> str:
        return f"{self.en if lang == 'en' else self.zh} [{self.code}]"


def default_url() -> str:
    return "sqlite:///juece.db"


def normalize_url(db: str | None) -> str:
    """`--db` takes an SQLAlchemy URL or a plain file path (an SQLite file; its folder is created).
    A string that is neither is refused with a message (DatabaseRefused), never a traceback."""
    from pathlib import Path
    if not db:
        return default_url()
    if "://" not in db:
        p = Path(db).expanduser()
        p.parent.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{p}"
    try:
        make_url(db).get_dialect()  # the backend's driver can be loaded
    except Exception as e:  # noqa: BLE001 - sqlalchemy.exc.ArgumentError and friends
        raise DatabaseRefused("db.url", f"--db 不是可用的数据库地址：{db}（例：juece.db 或 postgresql+psycopg://用户@主机/库名）",
                              f"--db is not a usable database URL: {db} (e.g. juece.db or postgresql+psycopg://user@host/db)") from e
    return db


def connect(url: str) -> Engine:
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        eng = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, pool_pre_ping=True)

        @event.listens_for(eng, "connect")
        def _pragmas(dbapi_conn, _):  # noqa: ANN001
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            if u.database and u.database != ":memory:":
                cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()
        return eng
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def _alembic_config():
    from alembic.config import Config
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory
    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def current_revision(engine: Engine) -> Optional[str]:
    from alembic.runtime.migration import MigrationContext
    with engine.connect() as c:
        heads = MigrationContext.configure(c).get_current_heads()
    return heads[0] if heads else None


def migrate(engine: Engine, to: Optional[str] = None) -> tuple[Optional[str], str]:
    """Bring the database to `to` (default: head). → (revision before, revision after)."""
    from alembic import command
    from alembic.script import ScriptDirectory
    cfg = _alembic_config()
    script = ScriptDirectory.from_config(cfg)
    known = {r.revision for r in script.walk_revisions()}
    tables = set(inspect(engine).get_table_names())
    before = current_revision(engine) if "alembic_version" in tables else None
    if before is None and tables - {"alembic_version"}:
        raise DatabaseRefused(
            "serve.db.foreign",
            f"数据库中已有其他表（{'、'.join(sorted(tables)[:5])}），不是 juece 工作台数据库；为免损坏数据，未作任何改动。请用 --db 指定一个空数据库或 juece 数据库",
            f"the database already holds other tables ({', '.join(sorted(tables)[:5])}) and is not a juece workbench database; nothing was changed. "
            "Give --db an empty or a juece database")
    if before is not None and before not in known:
        raise DatabaseRefused(
            "serve.db.newer",
            f"数据库结构版本 {before} 不是本版 juece 所知的版本（最新为 {script.get_current_head()}），可能由更新版本的 juece 创建；未作任何改动。请升级 juece 后再启动",
            f"the database schema revision {before} is unknown to this juece (its newest is {script.get_current_head()}); "
            "it was probably made by a newer juece. Nothing was changed: upgrade juece and start again")
    target = to or script.get_current_head()
    if before == target:
        return before, target
    u = engine.url
    if before is not None and u.get_backend_name() == "sqlite" and u.database and u.database != ":memory:" and Path(u.database).exists():
        engine.dispose()
        shutil.copy2(u.database, f"{u.database}.before-{target}")
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
    return before, target


def sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)
