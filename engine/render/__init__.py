"""Render: DossierResult list → text | json | md | html. Layout only; every word of law comes from findings.py and engine/prose/."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Iterable


from ..models.finding import OUTCOME_EN, OUTCOME_ZH, DossierResult
from ..models.ruleset import SEVERITY_ZH

FORMATS = ("text", "json", "md", "html")

LABELS = {
    "zh": {"outcome": OUTCOME_ZH, "severity": SEVERITY_ZH, "result": "结果", "rule": "规则", "basis": "依据",
           "problem": "问题", "evidence": "证据", "remedy": "整改", "reason": "理由", "compliant": "合规",
           "noncompliant": "不合规", "not_applicable": "不适用本规则集", "dossier": "案卷", "ruleset": "规则集",
           "stage": "检查阶段", "file": "文件", "findings": "发现问题", "none": "未发现问题",
           "title": "重大行政决策程序合规检查报告", "selection": "规则集选用", "summary": "汇总",
           "all_rules": "逐条结果", "errors": "无法读取的文件", "warning": "注意", "checked_at": "检查时间", "dossiers": "案卷",
           "unit_items": " 件", "not_applicable_short": "不适用", "ruleset_hash": "规则集哈希", "input_hash": "案卷 SHA-256",
           "counts": "各结果计数", "reviewer": "审查人", "review_date": "日期", "record_basis": "案卷来源", "unconfirmed": "无法确认合规",
           "sources": "信息来源", "needed": "需补充", "grounds": {"fact": "有记载事实", "absence": "未见记载"}},
    "en": {"outcome": OUTCOME_EN, "severity": {"violation": "violation", "warning": "warning", "notice": "notice"},
           "result": "Result", "rule": "Rule", "basis": "Basis", "problem": "Problem", "evidence": "Evidence",
           "remedy": "Remedy", "reason": "Reason", "compliant": "compliant", "noncompliant": "not compliant",
           "not_applicable": "outside this ruleset", "dossier": "Dossier", "ruleset": "Ruleset", "stage": "Stage",
           "file": "File", "findings": "Findings", "none": "no findings", "title": "Major administrative decision: procedure check",
           "selection": "Ruleset chosen", "summary": "Summary", "all_rules": "Every rule", "errors": "Files that could not be read", "warning": "Warning",
           "checked_at": "Checked at", "dossiers": "Dossiers", "unit_items": "", "not_applicable_short": "not applicable",
           "ruleset_hash": "Ruleset hash", "input_hash": "Dossier SHA-256", "counts": "Outcome counts", "reviewer": "Reviewer",
           "review_date": "Date", "record_basis": "Record basis", "unconfirmed": "not confirmed", "sources": "Sources", "needed": "Needed",
           "grounds": {"fact": "on recorded facts", "absence": "not recorded"}},
}


BASIS_LABEL = {"complete_file": ("完整案卷", "complete file"), "ledger": ("台账", "ledger row"),
               "public_sources": ("公开信息", "published sources")}


def tally(r: DossierResult) -> dict[str, int]:
    """The counts a headline shows: violations on recorded facts and on silence, indeterminate, others."""
    rows = r.findings if r.outcomes is None else r.outcomes
    out = {"fact": 0, "absence": 0, "indeterminate": 0}
    for f in rows:
        if f.outcome == "violated":
            out["absence" if f.grounds == "absence" else "fact"] += 1
        elif f.outcome == "indeterminate":
            out["indeterminate"] += 1
    return out


def headline(r: DossierResult, lang: str) -> str:
    """合规 / 不合规 / 不合规（未见记载） / 无法确认合规, with the counts behind it (text, md, html agree)."""
    if not r.applicable:
        return LABELS[lang]["not_applicable"] + ("：" if lang == "zh" else ": ") + ((r.reason if lang == "zh" else r.reason_en) or "")
    c = tally(r)
    if lang == "zh":
        return (f"{r.verdict_zh} · 违反 {c['fact'] + c['absence']} 项：有记载事实 {c['fact']}，未见记载 {c['absence']}；"
                f"无法判定 {c['indeterminate']} 项")
    return (f"{r.verdict_en} · {c['fact'] + c['absence']} violated: {c['fact']} on recorded facts, {c['absence']} not recorded; "
            f"{c['indeterminate']} indeterminate")


def basis_label(r: DossierResult, lang: str) -> str:
    zh, en = BASIS_LABEL.get(r.record_basis, (r.record_basis, r.record_basis))
    return zh if lang == "zh" else en


def stage_label(stage: str, lang: str) -> str:
    from ..models.dossier import Stage
    return Stage(stage).zh if lang == "zh" else stage


_ITEM = __import__("re").compile(r"^procedures\[(\d+)\]$")


@lru_cache(maxsize=4096)
def where(source: "str | None", fact: str, lang: str) -> str:
    """Where a piece of evidence is in the dossier, as the user wrote it: 程序第10项（集体讨论决定）
    (the user's list, counted from 1) in Chinese; procedures[9] (collective_discussion) in English.
    Only records are located: a case-level fact is found by its label."""
    m = _ITEM.match(source or "")
    if not m:
        return ""
    from ..models.dossier import PROCEDURES, procedure_zh
    proc = fact.split(".", 1)[0]
    proc = proc if proc in PROCEDURES else None
    if lang == "zh":
        return f"程序第{int(m.group(1)) + 1}项" + (f"（{procedure_zh(proc)}）" if proc else "")
    return f"procedures[{m.group(1)}]" + (f" ({proc})" if proc else "")


def evidence_line(e, lang: str, sep: str = ": ") -> str:  # noqa: ANN001 - e: Evidence
    """`会议类型: 县长办公会议（程序第10项（集体讨论决定））`."""
    text = f"{e.label if lang == 'zh' else e.label_en}{sep}{e.value if lang == 'zh' else e.value_en}"
    w = where(e.source, e.fact, lang)
    return (text + (f"（{w}）" if lang == "zh" else f" ({w})")) if w else text


@lru_cache(maxsize=1)
def environment():
    from jinja2 import Environment, PackageLoader, select_autoescape  # md and html only: text and json never pay for it
    env = Environment(loader=PackageLoader("engine.render", "templates"),
                      autoescape=select_autoescape(["html", "html.j2"]), trim_blocks=True, lstrip_blocks=True)
    env.globals["stage_label"] = stage_label
    env.globals["evidence_line"] = evidence_line
    env.globals["headline"] = headline
    env.globals["tally"] = tally
    env.globals["basis_label"] = basis_label
    return env


def error_object(err: dict) -> dict:
    """An unusable input in `--format json`: where and why, in the shape of the first problem."""
    probs = err.get("problems") or []
    first = probs[0] if probs else {}
    return {"file": err["file"], "error": True, "code": first.get("code", "load.error"),
            "message": "；".join(p.get("message", "") for p in probs) or err.get("text", ""),
            "message_en": "; ".join(p.get("message_en", "") for p in probs) or err.get("text", ""),
            "line": first.get("line"), "col": first.get("column"), "problems": probs}


def json_rows(rows: list) -> str:
    """One JSON object per input path: a dossier's result, or an error object for an unusable one."""
    return json.dumps([error_object(r) if isinstance(r, dict) else r.model_dump(mode="json") for r in rows],
                      ensure_ascii=False, indent=2)


def to_json(results: Iterable[DossierResult]) -> str:
    return json.dumps([r.model_dump(mode="json") for r in results], ensure_ascii=False, indent=2)


def render(results: list[DossierResult], fmt: str, lang: str = "zh", explain: bool = False,
           errors: list[dict] | None = None) -> str:
    if fmt == "json":
        return to_json(results)
    if fmt in ("md", "html"):
        import datetime as dt
        tpl = environment().get_template(f"report.{fmt}.j2")
        totals = {"dossiers": len(results), "compliant": sum(1 for r in results if r.applicable and r.verdict == "compliant"),
                  "noncompliant": sum(1 for r in results if r.applicable and not r.compliant),
                  "unconfirmed": sum(1 for r in results if r.applicable and r.verdict == "unconfirmed"),
                  "not_applicable": sum(1 for r in results if not r.applicable)}
        return tpl.render(results=results, lang=lang, L=LABELS[lang], explain=explain, errors=errors or [], totals=totals,
                          checked_at=dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M"))
    from .text import render_text
    return render_text(results, lang, explain, [])  # the CLI has already printed errors to stderr
