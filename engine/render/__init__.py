"""Render: DossierResult list → text | json | md | html. Layout only; every word of law comes from findings.py."""

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
           "all_rules": "逐条结果", "errors": "无法读取的文件", "warning": "注意"},
    "en": {"outcome": OUTCOME_EN, "severity": {"violation": "violation", "warning": "warning", "notice": "notice"},
           "result": "Result", "rule": "Rule", "basis": "Basis", "problem": "Problem", "evidence": "Evidence",
           "remedy": "Remedy", "reason": "Reason", "compliant": "compliant", "noncompliant": "not compliant",
           "not_applicable": "outside this ruleset", "dossier": "Dossier", "ruleset": "Ruleset", "stage": "Stage",
           "file": "File", "findings": "Findings", "none": "no findings", "title": "Major administrative decision: procedure check",
           "selection": "Ruleset chosen", "summary": "Summary", "all_rules": "Every rule", "errors": "Files that could not be read", "warning": "Warning"},
}


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
def _env():
    from jinja2 import Environment, PackageLoader, select_autoescape  # md and html only: text and json never pay for it
    env = Environment(loader=PackageLoader("engine.render", "templates"),
                      autoescape=select_autoescape(["html", "html.j2"]), trim_blocks=True, lstrip_blocks=True)
    env.globals["stage_label"] = stage_label
    env.globals["evidence_line"] = evidence_line
    return env


def to_json(results: Iterable[DossierResult]) -> str:
    return json.dumps([r.model_dump(mode="json") for r in results], ensure_ascii=False, indent=2)


def render(results: list[DossierResult], fmt: str, lang: str = "zh", explain: bool = False,
           errors: list[dict] | None = None) -> str:
    if fmt == "json":
        return to_json(results)
    if fmt in ("md", "html"):
        tpl = _env().get_template(f"report.{fmt}.j2")
        return tpl.render(results=results, lang=lang, L=LABELS[lang], explain=explain, errors=errors or [])
    from .text import render_text
    return render_text(results, lang, explain, [])  # the CLI has already printed errors to stderr
