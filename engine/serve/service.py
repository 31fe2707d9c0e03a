"""What the API and the web page both do, on a database session: store and re-check dossiers,
compare a check with the previous one, record dispositions, write the audit log, summarise.

The API and the web page are thin layers over these functions; neither touches the tables itself.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Optional

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ..tools.baseline import diff, fingerprint
from .auth import Actor
from .models import DISPOSITIONS, AuditEntry, Check, Disposition, StoredDossier, StoredFinding, now


class Refused(Exception):
    """A request the caller may not make or that cannot be done; → HTTP status with a zh/en message."""

    def __init__(self, status: int, code: str, zh: str, en: str, extra: Optional[dict] = None):
        self.status, self.code, self.zh, self.en, self.extra = status, code, zh, en, extra or {}
        super().__init__(en)


def forbidden() -> Refused:
    return Refused(403, "serve.forbidden", "无权进行此操作", "you may not do this")


def not_found(what_zh: str = "案卷", what_en: str = "dossier") -> Refused:
    return Refused(404, "serve.not-found", f"{what_zh}不存在", f"no such {what_en}")


# ----------------------------------------------------------------------------- audit log

def audit(db: Session, actor: Actor, action: str, target: Optional[str] = None, **detail: Any) -> None:
    """One line of the audit log: who, when, what. `detail` holds ids and labels, never dossier content."""
    db.add(AuditEntry(user_name=actor.name, action=action, target=target,
                      detail=json.dumps(detail, ensure_ascii=False, default=str) if detail else None))


def audit_log(db: Session, limit: int = 200, offset: int = 0) -> list[dict]:
    rows = db.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit).offset(offset))
    return [{"id": r.id, "at": _iso(r.at), "user": r.user_name, "action": r.action, "target": r.target,
             "detail": json.loads(r.detail) if r.detail else None} for r in rows]


def _iso(t: Optional[datetime]) -> Optional[str]:
    if t is None:
        return None
    if t.tzinfo is None:  # SQLite gives naive datetimes back; they were stored as UTC
        return t.isoformat() + "Z"
    return t.isoformat().replace("+00:00", "Z")


# ----------------------------------------------------------------------------- dossiers

def get_dossier(db: Session, actor: Actor, number: str) -> StoredDossier:
    d = db.scalar(select(StoredDossier).where(StoredDossier.number == number))
    if d is None or not actor.sees_unit(d.unit):
        raise not_found()  # a unit does not learn that another unit's dossier exists
    return d


def latest_check(db: Session, d: StoredDossier) -> Optional[Check]:
    return db.scalar(select(Check).where(Check.dossier_id == d.id).order_by(Check.seq.desc()).limit(1))


def checks_of(db: Session, d: StoredDossier) -> list[Check]:
    return list(db.scalars(select(Check).where(Check.dossier_id == d.id).order_by(Check.seq)))


def get_check(db: Session, d: StoredDossier, seq: int) -> Check:
    c = db.scalar(select(Check).where(Check.dossier_id == d.id, Check.seq == seq))
    if c is None:
        raise not_found("检查记录", "check")
    return c


def store(db: Session, actor: Actor, data: bytes, filename: str, out: dict, action: str = "dossier.store") -> Check:
    """A finished check (pool output) → a new version of its dossier (by 编号), with its findings
    marked new / persisting against the previous version's check."""
    res = out["result"]
    number, unit = res["dossier"], res.get("undertaking_unit")
    if not actor.can_submit:
        raise forbidden()
    if actor.role == "unit" and unit != actor.unit:
        raise Refused(403, "serve.other-unit", f"案卷的承办单位（{unit or '未填写'}）不是您的单位（{actor.unit}），不能提交",
                      f"the dossier's undertaking unit ({unit or 'not given'}) is not your unit ({actor.unit})")
    d = db.scalar(select(StoredDossier).where(StoredDossier.number == number))
    if d is None:
        d = StoredDossier(number=number, title=res["title"], unit=unit, decision_body=res.get("decision_body"),
                          created_by=actor.name)
        db.add(d)
        db.flush()
        prev = None
    else:
        if actor.role == "unit" and d.unit != actor.unit:
            raise Refused(403, "serve.other-unit", "同一编号的案卷属于其他承办单位", "a dossier with this number belongs to another unit")
        prev = latest_check(db, d)
        d.title, d.unit, d.decision_body, d.updated_at = res["title"], unit, res.get("decision_body"), now()
    c = _add_check(db, actor, d, prev, data, filename, out)
    audit(db, actor, action, number, seq=c.seq, file=filename, sha256=c.sha256, compliant=c.compliant,
          violated=c.violated, indeterminate=c.indeterminate)
    return c


def _add_check(db: Session, actor: Actor, d: StoredDossier, prev: Optional[Check], data: bytes, filename: str, out: dict) -> Check:
    res = out["result"]
    counts = res.get("counts") or {}
    c = Check(dossier_id=d.id, seq=(prev.seq + 1) if prev else 1, filename=filename, content=data,
              sha256=res["manifest"]["input_sha256"] or "", stage=res["stage"], ruleset=res["ruleset"].get("id"),
              applicable=res["applicable"], compliant=res["compliant"], violated=counts.get("violated", 0),
              indeterminate=counts.get("indeterminate", 0), result_json=out["json"],
              digest_json=json.dumps(out["digest"], ensure_ascii=False), created_by=actor.name)
    db.add(c)
    db.flush()
    before = {f.fingerprint for f in _stored_findings(db, prev)} if prev else set()
    for i, f in enumerate(res["findings"]):
        fp = fingerprint(f)
        db.add(StoredFinding(check_id=c.id, position=i, fingerprint=fp, rule=f["rule"], outcome=f["outcome"],
                             severity=f["severity"], basis=f["basis"], title=f["title"],
                             change="persisting" if fp in before else "new", grounds=f.get("grounds")))
    return c


def _stored_findings(db: Session, c: Check) -> list[StoredFinding]:
    return list(db.scalars(select(StoredFinding).where(StoredFinding.check_id == c.id).order_by(StoredFinding.position)))


def result_of(c: Check) -> dict:
    return json.loads(c.result_json)[0]


def list_dossiers(db: Session, actor: Actor, unit: Optional[str] = None, compliant: Optional[bool] = None,
                  q: Optional[str] = None, ruleset: Optional[str] = None, limit: int = 100, offset: int = 0) -> dict:
    latest = (select(Check.dossier_id, func.max(Check.seq).label("seq")).group_by(Check.dossier_id)).subquery()
    stmt = (select(StoredDossier, Check).join(latest, latest.c.dossier_id == StoredDossier.id)
            .join(Check, (Check.dossier_id == StoredDossier.id) & (Check.seq == latest.c.seq)))
    if actor.role == "unit":
        stmt = stmt.where(StoredDossier.unit == actor.unit)
    if unit:
        stmt = stmt.where(StoredDossier.unit == unit)
    if compliant is not None:
        stmt = stmt.where(Check.compliant.is_(compliant))
    if ruleset:
        stmt = stmt.where(Check.ruleset == ruleset)
    if q:
        like = f"%{q}%"
        stmt = stmt.where(or_(StoredDossier.number.like(like), StoredDossier.title.like(like)))
    total = db.scalar(select(func.count()).select_from(stmt.subquery()))
    rows = db.execute(stmt.order_by(StoredDossier.updated_at.desc(), StoredDossier.id.desc()).limit(limit).offset(offset)).all()
    return {"total": total, "dossiers": [dossier_row(d, c) for d, c in rows]}


def dossier_row(d: StoredDossier, c: Check) -> dict:
    return {"number": d.number, "title": d.title, "unit": d.unit, "decision_body": d.decision_body,
            "created_at": _iso(d.created_at), "updated_at": _iso(d.updated_at), "created_by": d.created_by,
            "checks": c.seq, "latest": check_row(c)}


def check_row(c: Check) -> dict:
    return {"seq": c.seq, "file": c.filename, "sha256": c.sha256, "stage": c.stage, "ruleset": c.ruleset,
            "applicable": c.applicable, "compliant": c.compliant, "violated": c.violated,
            "indeterminate": c.indeterminate, "at": _iso(c.created_at), "by": c.created_by}


# ----------------------------------------------------------------------------- findings, diffs, dispositions

def dispositions_of(db: Session, d: StoredDossier) -> dict[str, list[dict]]:
    """fingerprint → its dispositions, oldest first (the last is the current one)."""
    out: dict[str, list[dict]] = {}
    for r in db.scalars(select(Disposition).where(Disposition.dossier_id == d.id).order_by(Disposition.id)):
        out.setdefault(r.fingerprint, []).append(disposition_row(r))
    return out


def disposition_row(r: Disposition) -> dict:
    zh, en = DISPOSITIONS[r.status]
    return {"id": r.id, "fingerprint": r.fingerprint, "rule": r.rule, "status": r.status, "status_zh": zh, "status_en": en,
            "text": r.text, "by": r.user_name, "at": _iso(r.created_at), "check": r.check_id}


def findings_view(db: Session, d: StoredDossier, c: Check, result: Optional[dict] = None) -> dict:
    """The findings of check `c` (or of `result`, a check of c's content at another stage), each with
    its fingerprint, change (new | persisting against the previous check) and dispositions; plus the
    previous check's findings that are gone (resolved)."""
    res = result or result_of(c)
    prev = db.scalar(select(Check).where(Check.dossier_id == d.id, Check.seq < c.seq).order_by(Check.seq.desc()).limit(1))
    prev_findings = result_of(prev)["findings"] if prev else []
    dd = diff(prev_findings, res["findings"]) if prev else {"new": list(res["findings"]), "persisting": [], "resolved": []}
    persisting = {id(f) for f in dd["persisting"]}
    disp = dispositions_of(db, d)

    def item(f: dict, change: str) -> dict:
        fp = fingerprint(f)
        hist = disp.get(fp, [])
        return {**f, "fingerprint": fp, "change": change, "disposition": hist[-1] if hist else None, "history": hist}

    return {"findings": [item(f, "persisting" if id(f) in persisting else ("new" if prev else "first")) for f in res["findings"]],
            "resolved": [item(f, "resolved") for f in dd["resolved"]],
            "previous": prev.seq if prev else None,
            "counts": {"new": len(dd["new"]) if prev else 0, "persisting": len(dd["persisting"]), "resolved": len(dd["resolved"])}}


def dossier_view(db: Session, d: StoredDossier, c: Optional[Check] = None, result: Optional[dict] = None) -> dict:
    c = c or latest_check(db, d)
    res = result or result_of(c)
    return {"number": d.number, "title": d.title, "unit": d.unit, "decision_body": d.decision_body,
            "created_at": _iso(d.created_at), "updated_at": _iso(d.updated_at),
            "check": check_row(c), "checks": [check_row(x) for x in checks_of(db, d)],
            "result": res, **findings_view(db, d, c, res)}


def dispose(db: Session, actor: Actor, d: StoredDossier, fp: str, status: str, text: Optional[str]) -> dict:
    if not actor.can_review:
        raise forbidden()
    if status not in DISPOSITIONS:
        raise Refused(422, "serve.disposition.status", f"处理结果应为：{'、'.join(f'{v[0]}（{k}）' for k, v in DISPOSITIONS.items())}",
                      f"status must be one of: {', '.join(DISPOSITIONS)}")
    text = (text or "").strip() or None
    if status == "rejected" and not text:
        raise Refused(422, "serve.disposition.reason", "不采纳须写明理由", "a finding not accepted needs a reason")
    if status == "fixed" and not text:
        raise Refused(422, "serve.disposition.action", "已整改须写明整改情况", "say what was done to rectify it")
    if text and len(text) > 4000:
        raise Refused(422, "serve.disposition.too-long", "说明过长（上限 4000 字）", "text too long (4,000 characters at most)")
    c = latest_check(db, d)
    f = db.scalar(select(StoredFinding).where(StoredFinding.check_id == c.id, StoredFinding.fingerprint == fp).limit(1))
    if f is None:
        raise Refused(404, "serve.finding.not-found", "最近一次检查中没有这项问题（可能已解决，或编号有误）",
                      "the latest check has no such finding (it may be resolved, or the fingerprint is wrong)")
    r = Disposition(dossier_id=d.id, fingerprint=fp, rule=f.rule, status=status, text=text, user_name=actor.name, check_id=c.id)
    db.add(r)
    db.flush()
    audit(db, actor, "finding.dispose", d.number, fingerprint=fp, rule=f.rule, status=status, seq=c.seq)
    return disposition_row(r)


# ----------------------------------------------------------------------------- summary

def summary(db: Session, actor: Actor, unit: Optional[str] = None) -> dict:
    """The audit summary (engine/audit/summary.py: rates, by body/unit/year, rules) of the latest
    check of every stored dossier the caller may see."""
    from ..audit.summary import Tally
    latest = (select(Check.dossier_id, func.max(Check.seq).label("seq")).group_by(Check.dossier_id)).subquery()
    stmt = (select(Check.digest_json).join(latest, (latest.c.dossier_id == Check.dossier_id) & (latest.c.seq == Check.seq))
            .join(StoredDossier, StoredDossier.id == Check.dossier_id))
    if actor.role == "unit":
        stmt = stmt.where(StoredDossier.unit == actor.unit)
    if unit:
        stmt = stmt.where(StoredDossier.unit == unit)
    t = Tally()
    for (dj,) in db.execute(stmt):
        t.add_result(json.loads(dj))
    return t.summary()


# ----------------------------------------------------------------------------- opinion (JSON)

def opinion(result: dict, view: Optional[dict] = None) -> dict:
    """A review opinion (审查意见) as data: the conclusion and one item per finding, with its basis,
    article text, what the file shows, the remedy and (for a stored dossier) its disposition."""
    items = (view or {}).get("findings") or result["findings"]
    viol = [f for f in items if f["outcome"] == "violated" and f["severity"] == "violation"]
    indet = [f for f in items if f["outcome"] == "indeterminate"]
    if not result["applicable"]:
        concl = (f"不适用：{result.get('reason') or ''}", f"not applicable: {result.get('reason_en') or ''}")
    elif viol:
        concl = (f"程序不合规：发现 {len(viol)} 项违法问题，应当整改后再提请审议或予以纠正",
                 f"not compliant: {len(viol)} violation(s) to rectify")
    elif indet:
        concl = (f"未发现违法问题，但有 {len(indet)} 项因材料未记载无法判定，请补充材料",
                 f"no violation found; {len(indet)} item(s) cannot be decided from the file: supply the records")
    else:
        concl = ("未发现程序问题", "no procedural problem found")
    return {
        "kind": "审查意见", "kind_en": "review opinion", "dossier": result["dossier"], "title": result["title"],
        "decision_body": result.get("decision_body"), "undertaking_unit": result.get("undertaking_unit"),
        "ruleset": result["ruleset"], "stage": result["stage"], "compliant": result["compliant"],
        "conclusion": concl[0], "conclusion_en": concl[1],
        "items": [{"no": i, "rule": f["rule"], "title": f["title"], "title_en": f["title_en"], "outcome": f["outcome"],
                   "severity": f["severity"], "basis": f["basis"], "basis_en": f["basis_en"],
                   "article_text": f.get("article_text"), "problem": f["message"], "problem_en": f["message_en"],
                   "remedy": f["remedy"], "remedy_en": f["remedy_en"], "grounds": f.get("grounds"),
                   "evidence": f.get("evidence", []), "fingerprint": f.get("fingerprint") or fingerprint(f),
                   **({"change": f.get("change"), "disposition": f.get("disposition")} if view else {})}
                  for i, f in enumerate(items, 1)],
        "manifest": result["manifest"],
    }
