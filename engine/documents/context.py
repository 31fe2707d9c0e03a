"""DossierResult (+ the Dossier, when at hand) → the variables of a 合法性审查意见书 and its 整改清单.

Every template (the shipped .docx, an office's own letterhead .docx, the Markdown and HTML ones)
reads only these variables; docs/documents.md lists them. No legal judgement is made here: the
conclusion comes from conclusion.conclude, the words of law from the findings.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Optional


from .. import __version__
from ..core.yamlload import load_file
from ..models.finding import OUTCOME_EN, OUTCOME_ZH
from ..models.ruleset import SEVERITY_ZH
from .conclusion import GROUNDS_EN, GROUNDS_ZH, Conclusion, Item, get_field, conclude, kind_of_result, terms_for

RESPONSIBLE_FILE = Path(__file__).resolve().parents[2] / "rulesets" / "responsible.yaml"  # law data: whom each article obliges
NUMBER_PLACEHOLDER = "〔    〕    号"
CN_NUM = "一二三四五六七八九十"
SEVERITY_EN = {"violation": "violation", "warning": "warning", "notice": "notice"}

LABELS = {
    "zh": {
        "doc_title": "合法性审查意见书", "matter": "一、审查事项", "materials": "二、审查材料", "basis": "三、审查依据",
        "review": "四、程序审查情况", "conclusion": "五、审查结论", "rectification": "六、整改清单",
        "title": "决策事项", "dossier_id": "案卷编号", "decision_body": "决策机关", "undertaking_unit": "承办单位",
        "category": "事项类别", "stage": "审查时所处阶段", "kind": "案卷类型",
        "no": "序号", "item": "审查事项", "article": "依据", "result": "审查结果",
        "requirement": "法定要求", "shows": "案卷记载", "grounds": "认定依据", "action": "处理意见",
        "problem": "问题", "rect_requirement": "整改要求", "unit": "责任单位", "deadline": "整改时限", "status": "状态",
        "rulesets": "适用规则集", "laws": "引用的法律法规", "source": "案卷文件", "reviewer": "审查机构",
        "reviewer_person": "审查人", "checker": "复核人", "date": "日期", "check_record": "检查记录",
        "supplement": "需补充的材料", "no_items": "经逐项审查，未发现违反法定程序的情形。",
        "no_materials": "（案卷未列明程序材料）", "intro_tail": "现提出审查意见如下：", "colon": "：", "record_basis": "案卷来源",
    },
    "en": {
        "doc_title": "Legality review opinion", "matter": "1. The matter", "materials": "2. Materials reviewed",
        "basis": "3. Review basis", "review": "4. Procedure review", "conclusion": "5. Conclusion",
        "rectification": "6. Rectification list",
        "title": "Decision", "dossier_id": "Dossier", "decision_body": "Decision body", "undertaking_unit": "Undertaking unit",
        "category": "Category", "stage": "Stage at review", "kind": "Dossier kind",
        "no": "No.", "item": "Item reviewed", "article": "Basis", "result": "Result",
        "requirement": "What the law requires", "shows": "What the file shows", "grounds": "Ground", "action": "What to do",
        "problem": "Problem", "rect_requirement": "Required action", "unit": "Responsible unit", "deadline": "Deadline", "status": "Status",
        "rulesets": "Rulesets applied", "laws": "Laws cited", "source": "Dossier file", "reviewer": "Reviewing body",
        "reviewer_person": "Reviewer", "checker": "Checked by", "date": "Date", "check_record": "Check record",
        "supplement": "Materials to supply", "no_items": "Item by item, no breach of the statutory procedure was found.",
        "no_materials": "(the dossier lists no procedure records)", "intro_tail": "Our opinion follows.", "colon": ": ", "record_basis": "What the file is",
    },
}
DOC_TITLE = {"mad": ("合法性审查意见书", "Legality review opinion"),
             "normative_document": ("合法性审核意见书", "Legality review opinion (normative document)"),
             "major_enforcement_decision": ("法制审核意见书", "Legal review opinion (major enforcement decision)")}
STATUS_TODO = {"zh": "待整改", "en": "to do"}
STATUS_SUPPLY = {"zh": "待补充材料", "en": "materials to supply"}


@lru_cache(maxsize=1)
def _responsible() -> dict:
    return load_file(RESPONSIBLE_FILE)


def responsible_role(rule_id: str) -> str:
    """The role (undertaking_unit | decision_body | legality_body) responsible.yaml gives a rule."""
    cfg = _responsible()
    best = ""
    for prefix in cfg["prefixes"]:
        if rule_id.startswith(prefix) and len(prefix) > len(best):
            best = prefix
    return cfg["prefixes"][best] if best else cfg["default"]


def responsible_unit(rule_id: str, result: Any, dossier: Any = None, lang: str = "zh") -> str:
    """The named body for a rule's role in this dossier, else the role's name (决策承办单位, 决策机关, …)."""
    role = responsible_role(rule_id)
    name = None
    if role == "undertaking_unit":
        name = get_field(result, "undertaking_unit")
    elif role == "decision_body":
        name = get_field(result, "decision_body")
    elif role == "legality_body" and dossier is not None:
        name = next((p.reviewing_body for p in dossier.procedures if p.type == "legality_review" and p.reviewing_body), None)
    return name or _responsible()["roles"][role]["zh" if lang == "zh" else "en"]


def cn_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _date_text(d: Optional[dt.date], lang: str) -> str:
    if d is None:
        return ""
    return cn_date(d) if lang == "zh" else d.isoformat()


def _laws(bases: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for b in bases:
        for law in re.findall(r"《[^》]+》", b or ""):
            if law not in seen:
                seen.append(law)
    return seen


def _evidence_lines(f: Any, lang: str) -> list[str]:
    out = []
    for e in get_field(f, "evidence") or []:
        label = get_field(e, "label" if lang == "zh" else "label_en")
        value = get_field(e, "value" if lang == "zh" else "value_en")
        src = get_field(e, "source")
        if src and src.startswith("procedures["):  # where the user wrote it: 程序第4项（公众参与）
            from ..render import where
            src = where(src, get_field(e, "fact") or "", lang) or src
        out.append(f"{label}：{value}" + (f"（{src}）" if src else "") if lang == "zh"
                   else f"{label}: {value}" + (f" ({src})" if src else ""))
    return out


def _materials(dossier: Any, lang: str) -> list[dict]:
    if dossier is None:
        return []
    from ..models.dossier import procedure_zh
    rows = []
    for i, p in enumerate(dossier.procedures, 1):
        d = getattr(p, p.main_date, None) if getattr(p, "main_date", None) else None
        d = d or next((v for v in p.__dict__.values() if isinstance(v, dt.date)), None)
        name = procedure_zh(p.type) if lang == "zh" else p.type.replace("_", " ")
        session = getattr(p, "session", None)
        method = getattr(p, "method", None)
        method = (method.zh if lang == "zh" else method.value) if hasattr(method, "zh") else method
        extra = [x for x in (method, session, getattr(p, "reviewing_body", None)) if x]
        start = getattr(p, "start_date", None)
        when = _date_text(d, lang)
        if start and d and start != d:
            when = f"{_date_text(start, lang)}至{when}" if lang == "zh" else f"{_date_text(start, lang)} to {when}"
        rows.append({"no": i, "name": name + (f"（{'，'.join(extra)}）" if extra and lang == "zh" else f" ({', '.join(extra)})" if extra else ""),
                     "date": when, "ref": p.ref or "", "source": f"procedures[{i - 1}]"})
    return rows


def _item_dict(no: int, it: Item, result: Any, dossier: Any, lang: str) -> dict:
    f = it.finding
    zh = lang == "zh"
    requirement = get_field(f, "article_text") if zh and get_field(f, "article_text") else get_field(f, "title" if zh else "title_en")
    outcome = get_field(f, "outcome")
    shows = get_field(f, "message" if zh else "message_en") or ""
    reason = get_field(f, "reason" if zh else "reason_en")
    if outcome == "indeterminate" and reason:
        shows = f"{shows}（{reason}）" if zh else f"{shows} ({reason})"
    if outcome == "indeterminate":
        action = (f"补充相关材料：{get_field(f, 'remedy')}" if zh else f"supply the records: {get_field(f, 'remedy_en')}")
    elif it.grounds == "absence":
        action = (f"{get_field(f, 'remedy')}；如已履行，补送相应材料" if zh else f"{get_field(f, 'remedy_en')}; if it was done, send the records")
    else:
        action = get_field(f, "remedy" if zh else "remedy_en")
    return {
        "no": no, "no_zh": f"（{_cn(no)}）", "rule": get_field(f, "rule"), "title": get_field(f, "title" if zh else "title_en"),
        "basis": get_field(f, "basis" if zh else "basis_en"), "requirement": requirement, "shows": shows,
        "evidence": _evidence_lines(f, lang), "grounds": it.grounds,
        "grounds_label": (GROUNDS_ZH if zh else GROUNDS_EN)[it.grounds], "action": action,
        "outcome": outcome, "outcome_label": (OUTCOME_ZH if zh else OUTCOME_EN)[outcome],
        "severity": get_field(f, "severity"), "severity_label": (SEVERITY_ZH if zh else SEVERITY_EN).get(get_field(f, "severity"), get_field(f, "severity")),
        "curable": it.curable, "responsible": responsible_unit(get_field(f, "rule"), result, dossier, lang),
    }


def _cn(n: int) -> str:
    if n <= 10:
        return CN_NUM[n - 1]
    if n < 20:
        return "十" + (CN_NUM[n - 11] if n > 10 else "")
    t, u = divmod(n, 10)
    return CN_NUM[t - 1] + "十" + (CN_NUM[u - 1] if u else "")


def rectification_rows(result: Any, dossier: Any = None, lang: str = "zh", deadline: Optional[str] = None,
                       conclusion: Optional[Conclusion] = None) -> list[dict]:
    """One row per finding to fix (violated, any severity) or to supply materials for (违法-level undecided).

    序号, 问题, 依据, 整改要求, 责任单位, 整改时限, 状态 — plus the dossier and rule, for an archive-wide list."""
    kind = dossier.kind_of() if dossier is not None else kind_of_result(result)
    c = conclusion or conclude(result, kind=kind)
    T = terms_for(kind)
    zh = lang == "zh"
    rows = []
    for it in c.unlawful + c.curable + c.missing + [a for a in c.advice if get_field(a.finding, "outcome") == "violated"]:
        f = it.finding
        undecided = get_field(f, "outcome") == "indeterminate"
        if deadline:
            when = deadline
        elif it.curable or undecided:
            when = f"提请{T['meeting']}前" if zh else f"before the {T['meeting_en']}"
        else:
            when = "由决策机关确定" if zh else "as the decision body sets"
        problem = get_field(f, "message" if zh else "message_en") or ""
        if it.grounds == "absence":
            problem += "（案卷未见记载）" if zh else " (not recorded in the file)"
        if undecided:
            reason = get_field(f, "reason" if zh else "reason_en")
            problem = (f"无法判定：{problem}" + (f"（{reason}）" if reason else "")) if zh else (f"undecided: {problem}" + (f" ({reason})" if reason else ""))
        requirement = get_field(f, "remedy" if zh else "remedy_en") or ""
        if undecided:
            requirement = (f"补充材料，核实后{requirement}" if zh else f"supply the records; if confirmed, {requirement}")
        elif it.grounds == "absence":
            requirement += "；如已履行，补送相应材料" if zh else "; if it was done, send the records"
        rows.append({"no": len(rows) + 1, "problem": problem, "basis": get_field(f, "basis" if zh else "basis_en"),
                     "requirement": requirement, "unit": responsible_unit(get_field(f, "rule"), result, dossier, lang),
                     "deadline": when, "status": (STATUS_SUPPLY if undecided else STATUS_TODO)[lang],
                     "rule": get_field(f, "rule"), "title": get_field(f, "title" if zh else "title_en"),
                     "severity": get_field(f, "severity"), "dossier": get_field(result, "dossier"), "dossier_title": get_field(result, "title"),
                     "file": get_field(result, "file")})
    return rows


def _record_basis(result: Any, lang: str) -> str:
    """完整案卷 / 台账 / 公开信息 (docs/open-world.md): how the file's silence was read; 完整案卷 when not given."""
    from ..models.dossier import RecordBasis
    try:
        rb = RecordBasis(get_field(result, "record_basis") or "complete_file")
    except ValueError:
        return str(get_field(result, "record_basis"))
    return rb.zh if lang == "zh" else rb.value.replace("_", " ")


def opinion_context(result: Any, dossier: Any = None, *, number: Optional[str] = None, reviewer: Optional[str] = None,
                    date: Optional[dt.date] = None, lang: str = "zh", deadline: Optional[str] = None) -> dict:
    """The template variables (docs/documents.md). `result`: a DossierResult (explain mode lists every
    rule reviewed; findings mode lists the problems only) or its JSON dict; `dossier`: the loaded Dossier."""
    zh = lang == "zh"
    kind = dossier.kind_of() if dossier is not None else kind_of_result(result)
    T = terms_for(kind)
    L = dict(LABELS[lang], doc_title=DOC_TITLE.get(kind, DOC_TITLE["mad"])[0 if zh else 1])
    c = conclude(result, kind=kind)
    today = date or dt.date.today()
    from ..models.dossier import Category, DocumentKind, Stage
    rs_info = get_field(result, "ruleset") or {}
    manifest = get_field(result, "manifest")
    rulesets = []
    if rs_info.get("id"):
        from .. import rulesets as _rs
        try:
            rs = _rs.load(rs_info["id"])
            for rid in rs.lineage:
                r = _rs.load(rid)
                rulesets.append({"id": r.id, "title": r.index.title.zh if zh else (r.index.title.en or r.index.title.zh),
                                 "version": r.index.version, "law": r.index.law.zh if zh else (r.index.law.en or r.index.law.zh),
                                 "instrument": r.index.instrument or "", "hash": r.content_hash[:12]})
        except Exception:  # noqa: BLE001 - the ruleset is gone: what the result recorded
            rulesets.append({"id": rs_info["id"], "title": rs_info.get("title") or rs_info["id"], "version": rs_info.get("version"),
                             "law": "", "instrument": "", "hash": (get_field(manifest, "ruleset_hash") or "")[:12]})
    outcomes = get_field(result, "outcomes")
    reviewed = [f for f in (outcomes if outcomes is not None else get_field(result, "findings") or []) if get_field(f, "outcome") != "not_applicable"]
    if zh:
        laws = _laws([get_field(f, "basis") for f in reviewed] + [r["law"] for r in rulesets])
    else:
        laws = list(dict.fromkeys(r["law"] for r in rulesets if r["law"]))
    review_rows = [{"no": i, "title": get_field(f, "title" if zh else "title_en"), "basis": get_field(f, "basis" if zh else "basis_en"),
                    "outcome": get_field(f, "outcome"), "outcome_label": (OUTCOME_ZH if zh else OUTCOME_EN)[get_field(f, "outcome")],
                    "rule": get_field(f, "rule")} for i, f in enumerate(reviewed, 1)]
    items = [_item_dict(i, it, result, dossier, lang) for i, it in enumerate(c.items, 1)]
    stage = get_field(result, "stage")
    st = Stage.parse(stage) if stage else None
    stage_label = (st.zh if zh else st.value) if isinstance(st, Stage) else (stage or "")
    cat = get_field(result, "category")
    try:
        cat_label = Category(cat).zh if (cat and zh) else (cat or "")
    except ValueError:
        cat_label = cat or ""
    kind_label = ""
    if kind:
        try:
            kind_label = DocumentKind(kind).zh if zh else kind
        except (ValueError, AttributeError):
            kind_label = kind
    addressee = get_field(result, "undertaking_unit") or get_field(result, "decision_body") or ("（承办单位未载明）" if zh else "(undertaking unit not given)")
    reviewer = reviewer or (next((p.reviewing_body for p in dossier.procedures if p.type == "legality_review" and p.reviewing_body), None)
                            if dossier is not None else None) or ("（审查机构）" if zh else "(reviewing body)")
    title = get_field(result, "title")
    intro = (f"你单位报送的《{title}》（案卷编号：{get_field(result, 'dossier')}）及相关材料收悉。"
             f"根据{('、'.join(laws[:3]) if laws else '有关法律法规')}等规定，本机关对该{T['noun']}履行法定程序的情况进行了{T['review']}。{L['intro_tail']}"
             if zh else
             f"We have received “{title}” (dossier {get_field(result, 'dossier')}) and its materials, and reviewed whether the {T['noun_en']} "
             f"followed the statutory procedure under {', '.join(laws[:3]) if laws else 'the applicable law'}. {L['intro_tail']}")
    counts = get_field(result, "counts") or {}
    counts_text = ("，".join(f"{OUTCOME_ZH[k]} {counts[k]} 项" for k in OUTCOME_ZH if counts.get(k)) if zh
                   else ", ".join(f"{OUTCOME_EN[k]} {counts[k]}" for k in OUTCOME_EN if counts.get(k)))
    materials = _materials(dossier, lang)
    verdict = get_field(result, "verdict_zh" if zh else "verdict_en")
    if not verdict:  # before the open-world headline: what the result's compliant flag says
        verdict = ((("合规" if get_field(result, "compliant") else "不合规") if zh else ("compliant" if get_field(result, "compliant") else "not compliant"))
                   if get_field(result, "applicable") else ("不适用" if zh else "not applicable"))
    return {
        "lang": lang, "L": L,
        "doc_title": L["doc_title"], "number": number or NUMBER_PLACEHOLDER, "addressee": addressee, "intro": intro,
        "matter": {"title": title, "id": get_field(result, "dossier"), "decision_body": get_field(result, "decision_body") or "",
                   "undertaking_unit": get_field(result, "undertaking_unit") or "", "category": cat_label, "stage": stage_label,
                   "kind": kind_label},
        "materials": materials, "has_materials": bool(materials),
        "source": {"file": get_field(result, "file"), "sha256": get_field(manifest, "input_sha256") or ""},
        "sources": list(get_field(result, "sources") or []), "verdict": verdict, "record_basis": _record_basis(result, lang),
        "rulesets": rulesets, "laws": laws,
        "review_rows": review_rows, "counts": counts, "counts_text": counts_text,
        "items": items, "has_items": bool(items),
        "conclusion": {**c.to_dict(), "text": c.text if zh else c.text_en, "label": c.label if zh else c.label_en,
                       "supplement": c.supplement if zh else c.supplement_en},
        "rectification": rectification_rows(result, dossier, lang, deadline, c),
        "reviewer": reviewer, "date": _date_text(today, lang), "date_iso": today.isoformat(),
        "check": {"engine": __version__, "ruleset": get_field(manifest, "ruleset") or "", "ruleset_version": get_field(manifest, "ruleset_version") or "",
                  "ruleset_hash": get_field(manifest, "ruleset_hash") or "", "input_sha256": get_field(manifest, "input_sha256") or "",
                  "stage": stage_label, "date": today.isoformat(), "selection": get_field(manifest, "selection" if zh else "selection_en") or ""},
    }


__all__ = ["LABELS", "NUMBER_PLACEHOLDER", "cn_date", "opinion_context", "rectification_rows", "responsible_role", "responsible_unit"]
