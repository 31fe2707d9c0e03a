"""The web page at `/`: server-rendered Jinja2, Chinese first (English with ?lang=en), no build step.

Every form posts with a CSRF token bound to the signed session cookie; the pages call the same
service functions as the API (service.py), so what a reviewer sees is what the API returns.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import select

from .. import __version__
from . import auth, service
from .app import current_actor, get_db, session_data
from .models import DISPOSITIONS, ROLES, User
from .service import Refused

router = APIRouter(include_in_schema=False)
HERE = Path(__file__).parent
_env = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=select_autoescape(["html"]),
                   trim_blocks=True, lstrip_blocks=True)

L = {
    "zh": {"app": "决策 · 审查工作台", "login": "登录", "logout": "退出", "user": "用户名", "password": "密码",
           "bad_login": "用户名或密码错误，或用户已停用", "dossiers": "案卷", "upload": "上传案卷", "paste": "或粘贴 YAML / JSON",
           "form": "按表单填写", "submit": "检查并存档", "check_only": "只检查不存档", "number": "编号", "title": "标题",
           "unit": "承办单位", "result": "结果", "checks": "检查次数", "updated": "更新", "search": "编号或标题", "filter": "筛选",
           "all": "全部", "compliant": "合规", "noncompliant": "不合规", "none": "尚无案卷", "file": "文件",
           "violated": "违反", "indeterminate": "无法判定", "resolved": "已解决（与上次检查相比）", "new": "新增", "persisting": "仍存在",
           "first": "首次检查", "basis": "依据", "article": "条文", "evidence": "证据", "problem": "问题", "remedy": "整改",
           "grounds": "认定依据", "grounds_fact": "所记载的事实", "grounds_absence": "未记载（缺少记录）",
           "disposition": "处理", "dispose": "记录处理", "reason": "理由 / 整改情况", "history": "处理记录", "by": "处理人",
           "stage": "检查阶段", "pre": "会前审查（集体讨论前）", "post": "事后（按案卷所处阶段）", "stage_note": "按所选阶段重新检查，仅供查看，不存档",
           "downloads": "下载", "opinion_docx": "审查意见书（.docx）", "rect_xlsx": "整改清单（.xlsx）", "json": "检查结果（JSON）",
           "opinion_json": "审查意见（JSON）", "source": "案卷原文", "recheck": "用现行规则集重新检查", "diff": "复查对比",
           "versions": "历次检查", "no_findings": "未发现问题", "problems": "案卷无法使用，请修改后重新提交：",
           "filter_text": "筛选问题（规则、依据、文字）", "role": "角色", "open_mode": "本机开放模式（尚未配置用户）",
           "add_record": "添加程序记录", "remove": "删除", "procedures": "程序记录", "triggers": "情形", "general": "基本信息",
           "preview": "预览 JSON", "record_type": "程序类型", "summary": "汇总", "api": "API 文档", "seq": "第 {n} 次检查",
           "lang_other": "English", "lang_other_code": "en", "no_disposition": "未处理", "ruleset": "规则集",
           "verdict": "结论", "choose": "请选择", "yes": "是", "no": "否", "unknown": "未载明"},
    "en": {"app": "juece · Reviewer workbench", "login": "Log in", "logout": "Log out", "user": "User name", "password": "Password",
           "bad_login": "wrong user name or password, or the user is disabled", "dossiers": "Dossiers", "upload": "Upload a dossier",
           "paste": "or paste YAML / JSON", "form": "Fill in a form", "submit": "Check and store", "check_only": "Check only",
           "number": "No.", "title": "Title", "unit": "Undertaking unit", "result": "Result", "checks": "Checks", "updated": "Updated",
           "search": "number or title", "filter": "Filter", "all": "all", "compliant": "compliant", "noncompliant": "not compliant",
           "none": "no dossiers yet", "file": "File", "violated": "Violated", "indeterminate": "Indeterminate",
           "resolved": "Resolved (since the previous check)", "new": "new", "persisting": "persisting", "first": "first check",
           "basis": "Basis", "article": "Article", "evidence": "Evidence", "problem": "Problem", "remedy": "Remedy",
           "grounds": "Grounds", "grounds_fact": "a recorded fact", "grounds_absence": "not recorded (a record is missing)",
           "disposition": "Disposition", "dispose": "Record", "reason": "reason / what was done", "history": "History", "by": "by",
           "stage": "Stage", "pre": "before the meeting (pre-discussion review)", "post": "after the fact (the dossier's stage)",
           "stage_note": "checked again at the chosen stage, for viewing only, not stored",
           "downloads": "Downloads", "opinion_docx": "Review opinion (.docx)", "rect_xlsx": "Rectification list (.xlsx)",
           "json": "Result (JSON)", "opinion_json": "Opinion (JSON)", "source": "Dossier file", "recheck": "Re-check with the current rulesets",
           "diff": "Re-check diff", "versions": "Checks", "no_findings": "no findings", "problems": "The dossier cannot be used; fix and resubmit:",
           "filter_text": "filter findings (rule, basis, text)", "role": "Role", "open_mode": "local open mode (no users configured)",
           "add_record": "Add a procedure record", "remove": "Remove", "procedures": "Procedure records", "triggers": "Triggers",
           "general": "General", "preview": "Preview JSON", "record_type": "Procedure", "summary": "Summary", "api": "API docs",
           "seq": "check {n}", "lang_other": "中文", "lang_other_code": "zh", "no_disposition": "not disposed", "ruleset": "Ruleset",
           "verdict": "Verdict", "choose": "choose", "yes": "yes", "no": "no", "unknown": "not stated"},
}


def mount_static(app) -> None:  # noqa: ANN001
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")


def _lang(request: Request) -> str:
    q = request.query_params.get("lang")
    if q in ("zh", "en"):
        return q
    c = request.cookies.get("juece_lang")
    return c if c in ("zh", "en") else "zh"


def _nonce(request: Request) -> tuple[str, Optional[str]]:
    """(nonce, a new cookie value when the browser has no session yet)."""
    data = session_data(request)
    if data:
        return data["n"], None
    signer = request.app.state.signer
    cookie = signer.dump(None)
    return signer.load(cookie)["n"], cookie


def _page(request: Request, name: str, actor: Optional[auth.Actor], status: int = 200, **ctx) -> HTMLResponse:
    lang = _lang(request)
    nonce, cookie = _nonce(request)
    here = request.url.path + (("?" + request.url.query) if request.url.query else "")
    html = _env.get_template(name).render(
        L=L[lang], lang=lang, actor=actor, roles=ROLES, csrf=request.app.state.signer.csrf(nonce), version=__version__,
        here=here, q=quote, DISPOSITIONS=DISPOSITIONS, **ctx)
    r = HTMLResponse(html, status_code=status)
    r.headers["Content-Security-Policy"] = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'"
    r.headers["Cache-Control"] = "no-store"
    if cookie:
        _set_cookie(request, r, cookie)
    if request.query_params.get("lang") in ("zh", "en"):
        r.set_cookie("juece_lang", lang, max_age=365 * 86400, samesite="lax")
    return r


def _set_cookie(request: Request, r: Response, value: str) -> None:
    r.set_cookie(auth.SESSION_COOKIE, value, httponly=True, samesite="lax", max_age=auth.SESSION_HOURS * 3600,
                 secure=request.app.state.settings.secure_cookies)


def _login_redirect(request: Request) -> RedirectResponse:
    return RedirectResponse("/login?next=" + quote(request.url.path), status_code=303)


async def _form_csrf(request: Request) -> dict:
    form = await request.form(max_files=1, max_fields=50, max_part_size=request.app.state.settings.max_bytes)
    data = session_data(request)
    if not request.app.state.signer.csrf_ok(data["n"] if data else None, form.get("csrf")):
        raise Refused(403, "serve.csrf", "表单已过期或来源不明（CSRF），请刷新页面后重试", "the form expired or came from elsewhere (CSRF); reload the page and retry")
    return {"form": form}


# ----------------------------------------------------------------------------- login

@router.get("/login")
def login_page(request: Request, next: str = "/", actor=Depends(current_actor)):
    return _page(request, "login.html", actor, next=next if next.startswith("/") and not next.startswith("//") else "/")


@router.post("/login")
def login(request: Request, f: dict = Depends(_form_csrf), db=Depends(get_db)):
    form = f["form"]
    name, pw = str(form.get("name", "")), str(form.get("password", ""))
    nxt = str(form.get("next", "/"))
    if not nxt.startswith("/") or nxt.startswith("//"):
        nxt = "/"
    u = db.scalar(select(User).where(User.name == name))
    if u is None or not u.active or not auth.verify_password(u.password_hash, pw):
        service.audit(db, auth.Actor(name[:64] or "?", "", "readonly"), "login.failed")
        db.commit()
        return _page(request, "login.html", None, status=401, error=True, next=nxt)
    service.audit(db, auth.actor_of(u), "login")
    db.commit()
    r = RedirectResponse(nxt, status_code=303)
    _set_cookie(request, r, request.app.state.signer.dump(u.id))  # a new nonce: no session fixation
    return r


@router.post("/logout")
def logout(request: Request, f: dict = Depends(_form_csrf)):
    r = RedirectResponse("/login", status_code=303)
    r.delete_cookie(auth.SESSION_COOKIE)
    return r


# ----------------------------------------------------------------------------- pages

@router.get("/")
def index(request: Request, q: Optional[str] = None, compliant: Optional[str] = None, actor=Depends(current_actor), db=Depends(get_db)):
    if actor is None:
        return _login_redirect(request)
    c = {"yes": True, "no": False}.get(compliant or "")
    rows = service.list_dossiers(db, actor, q=q or None, compliant=c, limit=500)
    return _page(request, "index.html", actor, rows=rows, query=q or "", compliant=compliant or "")


@router.get("/new")
def new_form(request: Request, actor=Depends(current_actor)):
    if actor is None:
        return _login_redirect(request)
    return _page(request, "form.html", actor)


@router.post("/dossiers")
def submit(request: Request, f: dict = Depends(_form_csrf), actor=Depends(current_actor), db=Depends(get_db)):
    if actor is None:
        return _login_redirect(request)
    from .api import Upload, run, safe_name
    form = f["form"]
    up = form.get("file")
    data, name = b"", "dossier.yaml"
    if up is not None and hasattr(up, "file"):
        data = up.file.read()
        name = safe_name(up.filename, "dossier.yaml")
    if not data and form.get("text"):
        data = str(form.get("text")).encode("utf-8")
        name = "form.json" if form.get("from_form") else "pasted.yaml"
    try:
        if not data:
            raise Refused(422, "serve.no-file", "请选择案卷文件或粘贴内容", "choose a file or paste the dossier")
        if not actor.can_submit:
            raise service.forbidden()
        out = run(request, Upload(data, name), None, None)
        chk = service.store(db, actor, data, name, out)
        db.commit()
    except Refused as e:
        rows = service.list_dossiers(db, actor, limit=500)
        return _page(request, "index.html", actor, status=e.status, rows=rows, query="", compliant="", error=e,
                     pasted=data.decode("utf-8", "replace") if name == "pasted.yaml" else "")
    return RedirectResponse(f"/dossiers/{quote(out['result']['dossier'], safe='')}?seq={chk.seq}", status_code=303)


@router.get("/dossiers/{number}")
def dossier_page(request: Request, number: str, stage: Optional[str] = None, seq: Optional[int] = None,
                 actor=Depends(current_actor), db=Depends(get_db)):
    if actor is None:
        return _login_redirect(request)
    from .api import Upload, run
    try:
        d = service.get_dossier(db, actor, number)
        c = service.get_check(db, d, seq) if seq else service.latest_check(db, d)
        result = None
        if stage:
            result = run(request, Upload(c.content, c.filename), None, stage)["result"]
        view = service.dossier_view(db, d, c, result)
    except Refused as e:
        return _page(request, "error.html", actor, status=e.status, error=e)
    latest = service.latest_check(db, d)
    return _page(request, "dossier.html", actor, v=view, stage=stage or "", is_latest=(c.seq == latest.seq),
                 groups=[(o, [f for f in view["findings"] if f["outcome"] == o]) for o in ("violated", "indeterminate")])


@router.post("/dossiers/{number}/findings/{fp}/dispose")
def dispose(request: Request, number: str, fp: str, f: dict = Depends(_form_csrf), actor=Depends(current_actor), db=Depends(get_db)):
    if actor is None:
        return _login_redirect(request)
    form = f["form"]
    try:
        d = service.get_dossier(db, actor, number)
        service.dispose(db, actor, d, fp, str(form.get("status", "")), str(form.get("text", "")))
        db.commit()
    except Refused as e:
        return _page(request, "error.html", actor, status=e.status, error=e, back=f"/dossiers/{quote(number, safe='')}")
    return RedirectResponse(f"/dossiers/{quote(number, safe='')}#f-{fp}", status_code=303)


@router.post("/dossiers/{number}/recheck")
def recheck(request: Request, number: str, f: dict = Depends(_form_csrf), actor=Depends(current_actor), db=Depends(get_db)):
    if actor is None:
        return _login_redirect(request)
    from .api import Upload, run
    try:
        d = service.get_dossier(db, actor, number)
        if not actor.can_submit:
            raise service.forbidden()
        c = service.latest_check(db, d)
        out = run(request, Upload(c.content, c.filename), None, None)
        service.store(db, actor, c.content, c.filename, out, action="dossier.recheck")
        db.commit()
    except Refused as e:
        return _page(request, "error.html", actor, status=e.status, error=e)
    return RedirectResponse(f"/dossiers/{quote(number, safe='')}", status_code=303)


@router.get("/summary")
def summary_page(request: Request, actor=Depends(current_actor), db=Depends(get_db)):
    if actor is None:
        return _login_redirect(request)
    return _page(request, "summary.html", actor, s=service.summary(db, actor))


def _json_attr(obj) -> str:  # noqa: ANN001
    return json.dumps(obj, ensure_ascii=False)


_env.filters["tojson_attr"] = _json_attr
