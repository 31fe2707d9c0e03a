"""Fixtures of the workbench suite: the same tests against SQLite and against a real PostgreSQL.

PostgreSQL: Debian's server binaries (/usr/lib/postgresql/*/bin) are started by the session
fixture below in a temporary folder, on a free port, with a private socket folder, and stopped at
the end. The server refuses to run as root, so as root it runs as the dedicated OS user `juece_pg`
(created with useradd if missing). Without the binaries the PostgreSQL half is skipped locally and
fails in CI (CI=true): .ci/run installs them (apt-get install -y postgresql).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "cases"
IN_CI = os.environ.get("CI", "").lower() == "true"
PG_USER = "juece_pg"


def _pg_bin() -> Path | None:
    for d in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(d, "initdb").exists() and Path(d, "pg_ctl").exists():
            return Path(d)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Postgres:
    def __init__(self, bindir: Path):
        self.bindir = bindir
        self.tmp = Path(tempfile.mkdtemp(prefix="juece-pg-"))
        self.data, self.sock = self.tmp / "data", self.tmp / "sock"
        self.port = _free_port()
        self.as_root = os.geteuid() == 0
        self.sock.mkdir()
        if self.as_root:
            try:
                pwd.getpwnam(PG_USER)
            except KeyError:
                subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", PG_USER],
                               check=True, capture_output=True)
            os.chmod(self.tmp, 0o755)
            shutil.chown(self.tmp, PG_USER)
            shutil.chown(self.sock, PG_USER)

    def _run(self, *cmd: str, timeout: float = 60) -> subprocess.CompletedProcess:
        full = [str(self.bindir / cmd[0]), *cmd[1:]]
        if self.as_root:
            full = ["runuser", "-u", PG_USER, "--", *full]
        return subprocess.run(full, capture_output=True, text=True, timeout=timeout, cwd="/")

    def start(self) -> None:
        r = self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync")
        if r.returncode:
            raise RuntimeError(f"initdb failed: {r.stderr[-1500:]}")
        opts = f"-p {self.port} -k {self.sock} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        r = self._run("pg_ctl", "-D", str(self.data), "-o", opts, "-l", str(self.tmp / "log"), "-w", "-t", "60", "start")
        if r.returncode:
            log = (self.tmp / "log").read_text(errors="replace") if (self.tmp / "log").exists() else ""
            raise RuntimeError(f"postgres did not start: {r.stderr[-1500:]} {log[-1500:]}")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        shutil.rmtree(self.tmp, ignore_errors=True)

    def url(self, db: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{db}"

    def new_database(self) -> str:
        import psycopg
        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


@pytest.fixture(scope="session")
def postgres():
    bindir = _pg_bin()
    if bindir is None:
        if IN_CI:
            pytest.fail("PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin); .ci/run must apt-get install -y postgresql")
        pytest.skip("PostgreSQL server not installed (apt-get install -y postgresql); required in CI")
    pg = _Postgres(bindir)
    pg.start()
    try:
        yield pg
    finally:
        pg.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A fresh, empty database of each kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'juece.db'}"
    return request.getfixturevalue("postgres").new_database()


def make_client(db_url: str, **kw):
    from fastapi.testclient import TestClient

    from engine.serve import Settings, create_app
    s = Settings(db_url=db_url, workers=kw.pop("workers", 1), **kw)
    return TestClient(create_app(s), base_url="http://127.0.0.1:8000")


@pytest.fixture
def client(db_url):
    with make_client(db_url) as c:
        yield c


def case(rel: str) -> bytes:
    return (CASES / rel).read_bytes()
