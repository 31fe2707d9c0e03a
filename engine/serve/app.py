"""The FastAPI application: settings, start-up (migrate, worker pool), limits, errors, auth dependencies.

`create_app(Settings(...))` is what `juece serve` runs under uvicorn and what the tests drive with
httpx. Routers: api.py (/api/v1, JSON) and web.py (/, HTML).
"""

from __future__ import annotations

import ipaddress
import logging
import os
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Iterator, Optional
from urllib.parse import urlsplit

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from .. import __version__
from ..core.yamlload import MAX_BYTES
from . import auth, db as dbmod
from .service import Refused

log = logging.getLogger("juece.serve")


@dataclass
class Settings:
    db_url: str = field(default_factory=dbmod.default_url)
    workers: int = max(1, min(4, os.cpu_count() or 1))
    check_timeout: float = 20.0  # seconds a single check may take
    max_pending: int = 32  # checks running or waiting at once; one more gets 503
    max_bytes: int = MAX_BYTES  # request bodies (the loader's limit)
    secure_cookies: bool = False  # set the Secure flag (behind HTTPS)


def is_loopback(host: str) -> bool:
    if host in ("localhost", "ip6-localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def error_body(code: str, zh: str, en: str, **extra) -> dict:
    return {"error": {"code": code, "message": zh, "message_en": en, **extra}}


class BodyLimit:
    """Refuse request bodies over `limit` bytes (by Content-Length, and while they stream in) with 413."""

    def __init__(self, app: ASGIApp, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self.limit + 64 * 1024  # room for multipart headers around a file at the limit
        for k, v in scope.get("headers", []):
            if k == b"content-length":
                try:
                    if int(v) > limit:
                        return await self._too_large(send)
                except ValueError:
                    pass
        seen = 0
        started = False

        async def limited() -> dict:
            nonlocal seen
            msg = await receive()
            if msg["type"] == "http.request":
                seen += len(msg.get("body", b""))
                if seen > limit:
                    raise _TooLarge()
            return msg

        async def tracking_send(msg: dict) -> None:
            nonlocal started
            if msg["type"] == "http.response.start":
                started = True
            await send(msg)

        try:
            await self.app(scope, limited, tracking_send)
        except Exception as e:  # noqa: BLE001 - _TooLarge, possibly wrapped in a task group's ExceptionGroup
            if not _too_large_in(e):
                raise
            if not started:
                await self._too_large(send)

    async def _too_large(self, send: Send) -> None:
        mb = self.limit // 1048576
        r = JSONResponse(error_body("load.too-large", f"请求过大（上限 {mb} MB）", f"request too large (the limit is {mb} MB)"), status_code=413)
        await r({"type": "http"}, _no_receive, send)


class _TooLarge(Exception):
    pass


def _too_large_in(e: BaseException) -> bool:
    if isinstance(e, _TooLarge):
        return True
    if isinstance(e, BaseExceptionGroup):
        return any(_too_large_in(x) for x in e.exceptions)
    return False


async def _no_receive() -> dict:
    return {"type": "http.disconnect"}


def create_app(settings: Optional[Settings] = None) -> FastAPI:
    settings = settings or Settings()
    from starlette.formparsers import MultiPartParser
    # uploads stay in memory (never spooled to a temporary file): they are at most max_bytes, and they
    # are kept in the database only
    MultiPartParser.spool_max_size = max(MultiPartParser.spool_max_size, settings.max_bytes + 64 * 1024)
    engine = dbmod.connect(settings.db_url)
    dbmod.migrate(engine)  # refuses (DatabaseRefused) before anything is served
    Sessionmaker = dbmod.sessions(engine)
    with Sessionmaker() as s:
        key = auth.secret_key(s)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        from anyio import to_thread
        to_thread.current_default_thread_limiter().total_tokens = max(64, settings.max_pending * 2)
        from .pool import CheckPool
        app.state.pool = CheckPool(settings.workers, settings.check_timeout, settings.max_pending)
        try:
            yield
        finally:
            app.state.pool.close()
            engine.dispose()

    app = FastAPI(
        title="juece 决策 · 审查工作台 API", version=__version__, lifespan=lifespan,
        description="重大行政决策和规范性文件程序合规审查：检查、存档、处理意见、复查对比。\n\n"
                    "Checks major administrative decisions and normative documents; stores dossiers, dispositions and re-check diffs.\n\n"
                    "认证 Auth: `Authorization: Bearer <token>`（`juece users add` 签发 / issued by `juece users add`）。",
        docs_url="/api/v1/docs", redoc_url=None, openapi_url="/api/v1/openapi.json")
    app.state.settings, app.state.engine, app.state.sessions = settings, engine, Sessionmaker
    app.state.signer = auth.Sessions(key)

    @app.middleware("http")
    async def same_origin(request: Request, call_next):
        """A browser on another site may not post here (CSRF), even in open mode without users."""
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            origin = request.headers.get("origin")
            if origin and origin != "null":
                o = urlsplit(origin)
                if o.netloc != request.headers.get("host", ""):
                    return JSONResponse(error_body("serve.cross-origin", "拒绝跨站请求", "cross-site request refused"), status_code=403)
            elif origin == "null":
                return JSONResponse(error_body("serve.cross-origin", "拒绝跨站请求", "cross-site request refused"), status_code=403)
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    app.add_middleware(BodyLimit, limit=settings.max_bytes)

    @app.exception_handler(Refused)
    async def _refused(request: Request, e: Refused):
        if not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", ""):
            from .web import error_page  # a person at the page gets a page, not JSON
            return error_page(request, e)
        return JSONResponse(error_body(e.code, e.zh, e.en, **e.extra), status_code=e.status,
                            headers={"WWW-Authenticate": "Bearer"} if e.status == 401 else None)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, e: RequestValidationError):
        problems = [{"field": ".".join(str(x) for x in err.get("loc", ())), "message": f"参数无效：{err.get('msg')}",
                     "message_en": f"invalid parameter: {err.get('msg')}"} for err in e.errors()]
        return JSONResponse(error_body("serve.invalid-request", "请求参数无效", "invalid request parameters", problems=problems), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, e: StarletteHTTPException):
        zh = {404: "页面不存在", 405: "不支持此请求方法", 401: "需要登录"}.get(e.status_code, "请求无法处理")
        en = {404: "not found", 405: "method not allowed", 401: "login required"}.get(e.status_code, str(e.detail))
        return JSONResponse(error_body(f"http.{e.status_code}", zh, en), status_code=e.status_code)

    @app.exception_handler(dbmod.DatabaseRefused)
    async def _dbref(request: Request, e: dbmod.DatabaseRefused):
        return JSONResponse(error_body(e.code, e.zh, e.en), status_code=503)

    @app.exception_handler(Exception)
    async def _bug(request: Request, e: Exception):
        log.error("internal error on %s %s: %s", request.method, request.url.path, type(e).__name__)
        return JSONResponse(error_body("serve.internal", f"内部错误（请报告此问题）：{type(e).__name__}",
                                       f"internal error (please report): {type(e).__name__}"), status_code=500)

    from .api import router as api_router
    from .web import router as web_router, mount_static
    app.include_router(api_router)
    app.include_router(web_router)
    mount_static(app)
    return app


# ----------------------------------------------------------------------------- dependencies

def get_db(request: Request) -> Iterator:
    s = request.app.state.sessions()
    try:
        yield s
    finally:
        s.close()


def session_data(request: Request) -> Optional[dict]:
    return request.app.state.signer.load(request.cookies.get(auth.SESSION_COOKIE))


def current_actor(request: Request, db=Depends(get_db)) -> Optional[auth.Actor]:
    """The bearer token's user, else the session's, else the local reviewer while no user exists, else None."""
    h = request.headers.get("authorization", "")
    if h[:7].lower() == "bearer ":
        a = auth.from_token(db, h[7:].strip())
        if a is None:
            raise Refused(401, "serve.bad-token", "令牌无效或已停用", "invalid or revoked token")
        request.state.via = "token"
        return a
    data = session_data(request)
    a = auth.from_session(db, data)
    if a is not None:
        request.state.via = "session"
        request.state.nonce = data["n"]
        return a
    if auth.user_count(db) == 0:
        request.state.via = "open"
        request.state.nonce = data["n"] if data else None
        return auth.LOCAL
    return None


def api_actor(request: Request, actor=Depends(current_actor)) -> auth.Actor:
    if actor is None:
        raise Refused(401, "serve.login-required", "需要认证：请使用 Authorization: Bearer 令牌，或先登录",
                      "authentication required: send Authorization: Bearer <token>, or log in")
    if request.method not in ("GET", "HEAD", "OPTIONS") and getattr(request.state, "via", "") == "session":
        if not request.app.state.signer.csrf_ok(getattr(request.state, "nonce", None), request.headers.get("x-csrf-token")):
            raise Refused(403, "serve.csrf", "缺少或错误的 CSRF 令牌（X-CSRF-Token）", "missing or wrong CSRF token (X-CSRF-Token)")
    return actor
