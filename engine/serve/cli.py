"""`juece serve` and `juece users …` (registered in engine/cli/__init__.py; imported only when they run)."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from ..load import iter_paths

EXIT_UNUSABLE = 2

users_app = typer.Typer(help="工作台用户：添加、列出、停用、签发令牌 / workbench users: add, list, disable, token", no_args_is_help=True)

def _say(msg: str) -> None:
    typer.echo(msg, err=True)


def _open(db: Optional[str]):
    from . import db as dbmod
    try:
        url = dbmod.normalize_url(db)
        engine = dbmod.connect(url)
        dbmod.migrate(engine)
    except dbmod.DatabaseRefused as e:
        _say(e.text("zh"))
        _say(e.text("en"))
        raise typer.Exit(EXIT_UNUSABLE)
    return engine, dbmod.sessions(engine)


def dbmod_url(db: Optional[str]) -> str:
    from . import db as dbmod
    return dbmod.normalize_url(db)


def serve_command(
    host: str = typer.Option("127.0.0.1", "--host", help="监听地址 / address to bind"),
    port: int = typer.Option(8000, "--port", help="端口 / port"),
    db: Optional[str] = typer.Option(None, "--db", help="数据库 SQLAlchemy URL（默认当前目录 juece.db）/ database URL, e.g. postgresql+psycopg://user@host/juece"),
    load: List[str] = typer.Option([], "--load", help="启动时导入这些案卷文件或目录（已存档的同一版本跳过）/ store these dossier files or folders at start"),
    workers: Optional[int] = typer.Option(None, "--workers", help="检查进程数 / check worker processes"),
    timeout: float = typer.Option(20.0, "--timeout", help="单次检查时限（秒）/ time limit per check, seconds"),
) -> None:
    """启动审查工作台（网页和 API）/ Start the reviewer workbench (web page and API)."""
    from . import auth
    from .app import Settings, create_app, is_loopback
    engine, Sessionmaker = _open(db)
    with Sessionmaker() as s:
        n = auth.user_count(s)
    if n == 0 and not is_loopback(host):
        _say(f"拒绝监听 {host}：尚未配置用户，只能监听本机地址（127.0.0.1）。请先用 `juece users add` 添加用户")
        _say(f"refusing to bind {host}: no users are configured, so only a loopback address is allowed. Add users first with `juece users add`")
        raise typer.Exit(EXIT_UNUSABLE)
    engine.dispose()
    settings = Settings(db_url=dbmod_url(db), check_timeout=timeout, secure_cookies=False)
    if workers:
        settings.workers = workers
    app = create_app(settings)
    if load:
        _preload(app, load)
    import uvicorn
    mode = "（无用户：本机开放模式 / no users: local open mode）" if n == 0 else f"（{n} 个用户 / users）"
    _say(f"juece 审查工作台 / workbench: http://{host if ':' not in host else '[' + host + ']'}:{port}/  API: /api/v1/docs  {mode}")
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="info", access_log=True, server_header=False))
    try:
        server.run()
    except SystemExit:  # uvicorn exits 1 when it cannot bind (port in use, address not here)
        _say(f"无法监听 {host}:{port}（端口已被占用或地址不可用）/ cannot listen on {host}:{port} (port in use or address not available)")
        raise typer.Exit(EXIT_UNUSABLE)
    if server.should_exit:  # stopped by Ctrl-C or SIGTERM
        _say("已停止 / stopped")
        raise typer.Exit(130)


def _preload(app, inputs: List[str]) -> None:
    """Check and store the given dossiers as the local user; a version already stored is skipped."""
    from sqlalchemy import select

    from .auth import LOCAL, Actor
    from .models import Check
    from .pool import run_check
    from .service import store
    actor = Actor("导入", "启动时导入 (loaded at start)", "reviewer")
    stored = skipped = bad = 0
    with app.state.sessions() as s:
        for p in iter_paths(inputs):
            try:
                data = p.read_bytes()
            except OSError as e:
                _say(f"{p}: {e.strerror}")
                bad += 1
                continue
            out = run_check(data, p.name, None, None)
            if not out["ok"]:
                _say(out["text"])
                bad += 1
                continue
            sha = out["result"]["manifest"]["input_sha256"]
            if s.scalar(select(Check.id).where(Check.sha256 == sha).limit(1)) is not None:
                skipped += 1
                continue
            store(s, actor, data, p.name, out, action="dossier.load")
            s.commit()
            stored += 1
    _ = LOCAL
    _say(f"导入 {stored} 份案卷，跳过已存档 {skipped} 份，无法使用 {bad} 份 / stored {stored}, already there {skipped}, unusable {bad}")


@users_app.command("add")
def users_add(
    name: str = typer.Argument(..., help="登录名 / login name"),
    role: str = typer.Option(..., "--role", help="审查人员 | 承办单位 | 只读  (reviewer | unit | readonly)"),
    unit: Optional[str] = typer.Option(None, "--unit", help="承办单位名称（角色为承办单位时必填）/ the unit's name (required for the unit role)"),
    display_name: Optional[str] = typer.Option(None, "--display-name", help="显示名 / display name"),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="从标准输入读取密码 / read the password from stdin"),
    password_file: Optional[Path] = typer.Option(None, "--password-file", help="从文件第一行读取密码 / read the password from a file's first line"),
    db: Optional[str] = typer.Option(None, "--db", help="数据库 URL / database URL"),
) -> None:
    """添加用户并签发一个 API 令牌 / Add a user and issue an API token."""
    from sqlalchemy import select

    from . import auth
    from .models import User
    from .service import audit
    r = auth.parse_role(role)
    if r is None:
        _say(f"未知角色“{role}”，可用：审查人员、承办单位、只读 / unknown role '{role}'; use reviewer, unit or readonly")
        raise typer.Exit(EXIT_UNUSABLE)
    if r == "unit" and not unit:
        _say("承办单位角色需要 --unit（与案卷“承办单位”一致）/ the unit role needs --unit (as the dossiers' 承办单位 reads)")
        raise typer.Exit(EXIT_UNUSABLE)
    if password_file is not None:
        try:
            pw = password_file.read_text(encoding="utf-8").splitlines()[0] if password_file.read_text(encoding="utf-8") else ""
        except OSError as e:
            _say(f"无法读取密码文件：{e.strerror} / cannot read the password file: {e.strerror}")
            raise typer.Exit(EXIT_UNUSABLE)
    elif password_stdin:
        pw = sys.stdin.readline().rstrip("\n")
    elif os.environ.get("JUECE_PASSWORD"):
        pw = os.environ["JUECE_PASSWORD"]
    else:
        pw = getpass.getpass("密码 / password: ")
        if pw != getpass.getpass("再次输入 / again: "):
            _say("两次输入的密码不一致 / the passwords differ")
            raise typer.Exit(EXIT_UNUSABLE)
    if len(pw) < 8:
        _say("密码至少 8 个字符 / the password needs at least 8 characters")
        raise typer.Exit(EXIT_UNUSABLE)
    engine, S = _open(db)
    with S() as s:
        if s.scalar(select(User).where(User.name == name)) is not None:
            _say(f"用户“{name}”已存在 / user '{name}' exists")
            raise typer.Exit(EXIT_UNUSABLE)
        u = auth.add_user(s, name, pw, r, unit, display_name)
        tok = auth.new_token(s, u, "juece users add")
        audit(s, auth.Actor("命令行", "命令行 (command line)", "reviewer"), "user.add", name, role=r, unit=unit)
        s.commit()
    engine.dispose()
    typer.echo(f"已添加用户 {name}（{r}）/ added user {name} ({r})")
    typer.echo(f"API 令牌（只显示这一次）/ API token (shown once): {tok}")


@users_app.command("list")
def users_list(db: Optional[str] = typer.Option(None, "--db", help="数据库 URL / database URL")) -> None:
    """列出用户 / List users."""
    from sqlalchemy import select

    from .models import ROLES, User
    engine, S = _open(db)
    with S() as s:
        rows = list(s.scalars(select(User).order_by(User.name)))
    engine.dispose()
    if not rows:
        typer.echo("尚无用户（服务只能在本机开放模式运行）/ no users (the server runs in local open mode only)")
    for u in rows:
        state = "" if u.active else "  已停用 disabled"
        typer.echo(f"{u.name}\t{ROLES[u.role][0]} {u.role}\t{u.unit or ''}\t{u.display_name}{state}")


@users_app.command("disable")
def users_disable(name: str = typer.Argument(..., help="登录名 / login name"),
                  db: Optional[str] = typer.Option(None, "--db", help="数据库 URL / database URL")) -> None:
    """停用用户（其会话和令牌立即失效；记录保留）/ Disable a user (sessions and tokens stop working; records kept)."""
    from sqlalchemy import select

    from .auth import Actor
    from .models import ApiToken, User
    from .service import audit
    engine, S = _open(db)
    with S() as s:
        u = s.scalar(select(User).where(User.name == name))
        if u is None:
            _say(f"没有用户“{name}” / no user '{name}'")
            raise typer.Exit(EXIT_UNUSABLE)
        u.active = False
        for t in s.scalars(select(ApiToken).where(ApiToken.user_id == u.id)):
            t.revoked = True
        audit(s, Actor("命令行", "命令行 (command line)", "reviewer"), "user.disable", name)
        s.commit()
    engine.dispose()
    typer.echo(f"已停用 {name} / disabled {name}")


@users_app.command("token")
def users_token(name: str = typer.Argument(..., help="登录名 / login name"),
                db: Optional[str] = typer.Option(None, "--db", help="数据库 URL / database URL")) -> None:
    """为用户签发新的 API 令牌 / Issue a new API token for a user."""
    from sqlalchemy import select

    from . import auth
    from .models import User
    from .service import audit
    engine, S = _open(db)
    with S() as s:
        u = s.scalar(select(User).where(User.name == name, User.active.is_(True)))
        if u is None:
            _say(f"没有可用的用户“{name}” / no active user '{name}'")
            raise typer.Exit(EXIT_UNUSABLE)
        tok = auth.new_token(s, u, "juece users token")
        audit(s, auth.Actor("命令行", "命令行 (command line)", "reviewer"), "token.issue", name)
        s.commit()
    engine.dispose()
    typer.echo(f"API 令牌（只显示这一次）/ API token (shown once): {tok}")
