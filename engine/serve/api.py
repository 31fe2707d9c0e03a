"""/api/v1: JSON for OA systems and scripts. Every error is JSON: {"error": {code, message, message_en, …}}.

The check endpoint answers exactly what `juece check -f json FILE` prints for that dossier (a list of
one result); an unusable dossier is a 422 whose `problems` are the CLI's, with file:line:column.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Optional

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from .app import api_actor, error_body, get_db
from .auth import Actor
from .pool import Busy, TimedOut, WorkerFailed
from .service import Refused, forbidden
from . import service

router = APIRouter(prefix="/api/v1")

_BODY_DOC = {"requestBody": {"required": True, "content": {
    "application/yaml": {"schema": {"type": "string"}, "example": "编号: PY-2023-017\n标题: …\n程序: []\n"},
    "application/json": {"schema": {"type": "object", "description": "案卷（见 /api/v1/schema/dossier）/ a dossier, see /api/v1/schema/dossier"}},
    "multipart/form-data": {"schema": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}},
}}}


_FMT_DOC = Query("json", description="json | docx | html | md")


@dataclass
class Upload:
    data: bytes
    name: str


_SAFE = re.compile(r"[^\w.\-\u3400-\u9fff（）()〔〕]+")


def safe_name(raw: Optional[str], default: str) -> str:
    """A label for the upload (shown in results), never a path: the last part, harmless characters only."""
    if not raw:
        return default
    base = re.split(r"[\\/]", raw)[-1]
    base = _SAFE.sub("_", base).strip("._") or default
    return base[:120]


async def read_upload(request: Request, name: Optional[str] = Query(None, description="文件名（仅作标签）/ file name shown in results")) -> Upload:
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    limit = request.app.state.settings.max_bytes
    if ctype == "multipart/form-data":
        form = await request.form(max_files=1, max_fields=20, max_part_size=limit)
        f = form.get("file") or form.get("dossier")
        if f is not None and hasattr(f, "read"):
            data = await f.read()
            nm = safe_name(name or f.filename, "dossier.yaml")
        elif isinstance(form.get("text"), str):
            data, nm = form["text"].encode("utf-8"), safe_name(name, "dossier.yaml")
        else:
            raise Refused(422, "serve.no-file", "请上传案卷文件（字段 file）", "upload the dossier as the form field `file`")
    else:
        data = await request.body()
        nm = safe_name(name, "dossier.json" if ctype.endswith("json") else "dossier.yaml")
    if len(data) > limit:
        raise Refused(413, "load.too-large", f"案卷过大（上限 {limit // 1048576} MB）", f"dossier too large (the limit is {limit // 1048576} MB)")
    if ctype.endswith("json") and not nm.endswith(".json"):
        nm += ".json"
    return Upload(data, nm)


def parse_stage(stage: Optional[str]) -> Optional[str]:
    if not stage:
        return None
    from ..models.dossier import Stage, unknown_stage
    st = Stage.parse(stage)
    if not isinstance(st, Stage):
        raise Refused(422, "serve.stage", *unknown_stage(stage))
    return st.value


def run(request: Request, up: Upload, ruleset: Optional[str], stage: Optional[str]) -> dict:
    """The pool's answer, or Refused with the CLI's messages."""
    try:
        out = request.app.state.pool.check(up.data, up.name, ruleset, parse_stage(stage))
    except Busy:
        raise Refused(503, "serve.busy", "检查任务已满，请稍后重试", "every check slot is taken; retry shortly") from None
    except TimedOut:
        t = request.app.state.settings.check_timeout
        raise Refused(504, "serve.timeout", f"检查超时（上限 {t:g} 秒），已中止", f"the check took longer than {t:g} s and was stopped") from None
    except WorkerFailed:
        raise Refused(500, "serve.worker-failed", "检查进程异常退出（可能是内存不足）", "the check worker died (out of memory?)") from None
    if out["ok"]:
        return out
    if out["kind"] == "load":
        n = len(out["problems"])
        raise Refused(422, "load.invalid", f"案卷无法使用：{n} 处问题", f"the dossier cannot be used: {n} problem(s)",
                      {"problems": out["problems"], "text": out["text"], "text_en": out["text_en"]})
    if out["kind"] == "ruleset":
        raise Refused(422, "ruleset.invalid", out["text"], out["text_en"], {"problems": out["errors"]})
    raise Refused(500, "serve.internal", out["text"], out["text_en"])


def _json(body: str, status: int = 200) -> Response:
    return Response(body, status_code=status, media_type="application/json")


# ----------------------------------------------------------------------------- stateless

@router.get("/me", summary="当前用户 / who am I")
def me(actor: Actor = Depends(api_actor)) -> dict:
    from .models import ROLES
    return {"name": actor.name, "display_name": actor.display_name, "role": actor.role, "role_zh": ROLES[actor.role][0],
            "unit": actor.unit, "open_mode": actor.open_mode}


@router.post("/check", summary="检查案卷（不存档）/ check a dossier (not stored)", openapi_extra=_BODY_DOC,
             responses={200: {"description": "与 `juece check -f json` 的输出相同 / exactly the CLI's JSON"},
                        422: {"description": "案卷无法使用，列出每一处问题 / unusable dossier, every problem listed"}})
def check(request: Request, up: Upload = Depends(read_upload), ruleset: Optional[str] = None,
          stage: Optional[str] = Query(None, description="如 集体讨论前（会前审查）、已完成 / e.g. discussion"),
          actor: Actor = Depends(api_actor)) -> Response:
    return _json(run(request, up, ruleset, stage)["json"])


@router.post("/opinion", summary="审查意见书（JSON、.docx、HTML、Markdown；不存档）/ review opinion (not stored)", openapi_extra=_BODY_DOC)
def opinion(request: Request, up: Upload = Depends(read_upload), ruleset: Optional[str] = None, stage: Optional[str] = None,
            format: str = _FMT_DOC, actor: Actor = Depends(api_actor)) -> Response:
    out = run(request, up, ruleset, stage)
    if format == "json":
        return JSONResponse(service.opinion(out["result"]))
    if format not in ("docx", "html", "md"):
        raise Refused(422, "serve.format", "format 只能是 json、docx、html 或 md", "format must be json, docx, html or md")
    from ..load import load_dossier
    dossier = load_dossier(up.name, data=up.data, name=up.name).dossier
    return _document(out["result"], dossier, format, out["result"]["dossier"])


@router.get("/rulesets", summary="规则集列表 / rulesets")
def rulesets_list(actor: Actor = Depends(api_actor)) -> list[dict]:
    from ..rulesets import all_ids, load
    rows = []
    for rid in all_ids():
        ix = load(rid).index
        rs = load(rid)
        rows.append({"id": ix.id, "title": ix.title.zh, "title_en": ix.title.en, "kind": ix.kind, "version": ix.version,
                     "jurisdiction": ix.jurisdiction, "valid_from": ix.valid_from.isoformat() if ix.valid_from else None,
                     "valid_to": ix.valid_to.isoformat() if ix.valid_to else None, "extends": ix.extends,
                     "rules": len(rs.rules), "checkable_rules": sum(r.checkable for r in rs.rules)})
    return rows


@router.get("/rulesets/{ruleset_id}", summary="规则集详情 / one ruleset")
def rulesets_show(ruleset_id: str, actor: Actor = Depends(api_actor)) -> Response:
    from ..core.errors import RulesetErrors
    from ..rulesets import all_ids, load
    if ruleset_id not in set(all_ids()):
        raise Refused(404, "ruleset.not-found", f"没有规则集“{ruleset_id}”", f"no ruleset '{ruleset_id}'")
    try:
        rs = load(ruleset_id)
    except RulesetErrors as e:
        raise Refused(422, "ruleset.invalid", e.text("zh"), e.text("en")) from None
    return _json(rs.model_dump_json(by_alias=True))


@router.get("/schema/dossier", summary="案卷 JSON Schema / the dossier JSON Schema")
def dossier_schema(actor: Actor = Depends(api_actor)) -> dict:
    return _schema()


_schema_cache: Optional[str] = None


def _schema() -> dict:
    global _schema_cache
    if _schema_cache is None:
        from ..tools.docsgen import json_schema
        _schema_cache = json.dumps(json_schema(), ensure_ascii=False)
    return json.loads(_schema_cache)



# ----------------------------------------------------------------------------- stored dossiers

@router.post("/dossiers", status_code=201, summary="提交并检查、存档案卷（同一编号为新版本）/ store and check a dossier (same 编号 = new version)",
             openapi_extra=_BODY_DOC)
def dossiers_store(request: Request, up: Upload = Depends(read_upload), ruleset: Optional[str] = None, stage: Optional[str] = None,
                   actor: Actor = Depends(api_actor), db=Depends(get_db)) -> dict:
    if not actor.can_submit:
        raise forbidden()
    out = run(request, up, ruleset, stage)
    c = service.store(db, actor, up.data, up.name, out)
    db.commit()
    d = service.get_dossier(db, actor, out["result"]["dossier"])
    return service.dossier_view(db, d, c)


@router.get("/dossiers", summary="案卷列表（可筛选）/ list stored dossiers")
def dossiers_list(unit: Optional[str] = None, compliant: Optional[bool] = None, q: Optional[str] = Query(None, description="编号或标题包含 / number or title contains"),
                  ruleset: Optional[str] = None, limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0),
                  actor: Actor = Depends(api_actor), db=Depends(get_db)) -> dict:
    return service.list_dossiers(db, actor, unit, compliant, q, ruleset, limit, offset)


@router.get("/dossiers/{number}", summary="案卷：最近一次检查、问题、处理和复查对比 / a dossier with its latest check, findings, dispositions and diff")
def dossiers_get(number: str, actor: Actor = Depends(api_actor), db=Depends(get_db)) -> dict:
    d = service.get_dossier(db, actor, number)
    return service.dossier_view(db, d)


@router.get("/dossiers/{number}/content", summary="存档的案卷原文 / the stored dossier file")
def dossiers_content(number: str, seq: Optional[int] = None, actor: Actor = Depends(api_actor), db=Depends(get_db)) -> Response:
    d = service.get_dossier(db, actor, number)
    c = service.get_check(db, d, seq) if seq else service.latest_check(db, d)
    media = "application/json" if c.filename.endswith(".json") else "application/yaml"
    return Response(c.content, media_type=media, headers={"Content-Disposition": f"attachment; filename*=UTF-8''{_quote(c.filename)}"})


def _quote(s: str) -> str:
    from urllib.parse import quote
    return quote(s, safe="")


@router.post("/dossiers/{number}/recheck", status_code=201, summary="用现行规则集重新检查最近一版 / re-check the latest version")
def dossiers_recheck(request: Request, number: str, ruleset: Optional[str] = None, stage: Optional[str] = None,
                     actor: Actor = Depends(api_actor), db=Depends(get_db)) -> dict:
    d = service.get_dossier(db, actor, number)
    if not actor.can_submit:
        raise forbidden()
    c = service.latest_check(db, d)
    out = run(request, Upload(c.content, c.filename), ruleset, stage)
    if out["result"]["dossier"] != d.number:  # cannot happen for stored content; guard all the same
        raise Refused(409, "serve.number-changed", "案卷编号与存档不符", "the dossier number differs from the stored one")
    c2 = service.store(db, actor, c.content, c.filename, out, action="dossier.recheck")
    db.commit()
    return service.dossier_view(db, d, c2)


@router.get("/dossiers/{number}/checks", summary="历次检查 / every check of a dossier")
def dossiers_checks(number: str, actor: Actor = Depends(api_actor), db=Depends(get_db)) -> list[dict]:
    d = service.get_dossier(db, actor, number)
    return [service.check_row(c) for c in service.checks_of(db, d)]


@router.get("/dossiers/{number}/checks/{seq}", summary="某次检查（CLI JSON）/ one check, the CLI's JSON")
def dossiers_check(number: str, seq: int, actor: Actor = Depends(api_actor), db=Depends(get_db)) -> Response:
    d = service.get_dossier(db, actor, number)
    return _json(service.get_check(db, d, seq).result_json)


@router.get("/dossiers/{number}/findings", summary="问题及处理、复查对比 / findings with dispositions and re-check diff")
def dossiers_findings(request: Request, number: str, stage: Optional[str] = Query(None, description="换一个阶段查看（不存档）/ view at another stage (not stored)"),
                      actor: Actor = Depends(api_actor), db=Depends(get_db)) -> dict:
    d = service.get_dossier(db, actor, number)
    c = service.latest_check(db, d)
    result = None
    if stage:
        result = run(request, Upload(c.content, c.filename), None, stage)["result"]
    return service.findings_view(db, d, c, result)


class DispositionIn(BaseModel):
    status: str = Field(description="accepted 采纳（需整改）| rejected 不采纳（须写理由）| fixed 已整改（须写整改情况）")
    text: Optional[str] = Field(None, description="理由或整改情况 / reason or what was done")


_STATUS = {"accepted": "accepted", "采纳": "accepted", "采纳（需整改）": "accepted", "rejected": "rejected", "不采纳": "rejected",
           "fixed": "fixed", "已整改": "fixed"}


@router.post("/dossiers/{number}/findings/{fp}/dispositions", status_code=201, summary="记录处理意见 / record a disposition")
def dispositions_add(number: str, fp: str, body: DispositionIn, actor: Actor = Depends(api_actor), db=Depends(get_db)) -> dict:
    d = service.get_dossier(db, actor, number)
    row = service.dispose(db, actor, d, fp, _STATUS.get(body.status.strip(), body.status), body.text)
    db.commit()
    return row


@router.get("/dossiers/{number}/findings/{fp}/dispositions", summary="处理记录（只增不改）/ disposition history (append-only)")
def dispositions_list(number: str, fp: str, actor: Actor = Depends(api_actor), db=Depends(get_db)) -> list[dict]:
    d = service.get_dossier(db, actor, number)
    return service.dispositions_of(db, d).get(fp, [])


_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _attachment(data: bytes, media: str, name: str) -> Response:
    return Response(data, media_type=media, headers={"Content-Disposition": f"attachment; filename*=UTF-8''{_quote(name)}"})


def _dossier_of(c) -> object:  # noqa: ANN001
    """The stored dossier, loaded again (for the materials the opinion lists); None if it cannot be."""
    from ..core.errors import JueceError
    from ..load import load_dossier
    try:
        return load_dossier(c.filename, data=c.content, name=c.filename).dossier
    except JueceError:
        return None


def _document(result: dict, dossier, fmt: str, number: str, reviewer: Optional[str] = None) -> Response:  # noqa: ANN001
    """审查意见书 in the documents package's formats (docx | html | md)."""
    from .. import documents as docs
    try:
        if fmt == "docx":
            return _attachment(docs.build_opinion_docx(result, dossier, reviewer=reviewer), _DOCX, f"审查意见书-{number}.docx")
        if fmt == "html":
            return Response(docs.build_opinion_html(result, dossier, reviewer=reviewer), media_type="text/html; charset=utf-8")
        return Response(docs.build_opinion_markdown(result, dossier, reviewer=reviewer), media_type="text/markdown; charset=utf-8")
    except docs.TemplateProblem as e:
        raise Refused(500, "documents.template", e.zh, e.en) from None


@router.get("/dossiers/{number}/opinion", summary="审查意见书（JSON、.docx、HTML、Markdown）/ review opinion of a stored dossier")
def dossiers_opinion(number: str, format: str = _FMT_DOC, actor: Actor = Depends(api_actor), db=Depends(get_db)) -> Response:
    d = service.get_dossier(db, actor, number)
    c = service.latest_check(db, d)
    v = service.dossier_view(db, d, c)
    if format == "json":
        return JSONResponse(service.opinion(v["result"], v))
    if format not in ("docx", "html", "md"):
        raise Refused(422, "serve.format", "format 只能是 json、docx、html 或 md", "format must be json, docx, html or md")
    return _document(v["result"], _dossier_of(c), format, d.number, reviewer=actor.display_name if not actor.open_mode else None)


@router.get("/dossiers/{number}/rectification", summary="整改清单（.xlsx 或 .docx）/ rectification list")
def dossiers_rectification(number: str, format: str = Query("xlsx", description="xlsx | docx"),
                           actor: Actor = Depends(api_actor), db=Depends(get_db)) -> Response:
    from .. import documents as docs
    d = service.get_dossier(db, actor, number)
    c = service.latest_check(db, d)
    res, dossier = service.result_of(c), _dossier_of(c)
    if format == "xlsx":
        return _attachment(docs.build_rectification_xlsx(res, dossier), _XLSX, f"整改清单-{d.number}.xlsx")
    if format == "docx":
        return _attachment(docs.build_rectification_docx(res, dossier), _DOCX, f"整改清单-{d.number}.docx")
    raise Refused(422, "serve.format", "format 只能是 xlsx 或 docx", "format must be xlsx or docx")


@router.get("/summary", summary="存档案卷的审计汇总（合规率等）/ audit summary of the stored dossiers")
def summary(unit: Optional[str] = None, actor: Actor = Depends(api_actor), db=Depends(get_db)) -> dict:
    return service.summary(db, actor, unit)


@router.get("/audit-log", summary="操作日志（审查人员）/ audit log (reviewers)")
def audit_log(limit: int = Query(200, ge=1, le=1000), offset: int = Query(0, ge=0),
              actor: Actor = Depends(api_actor), db=Depends(get_db)) -> list[dict]:
    if not actor.can_review:
        raise forbidden()
    return service.audit_log(db, limit, offset)
