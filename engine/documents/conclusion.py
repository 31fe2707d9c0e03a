"""The conclusion of a 合法性审查意见书, derived from one dossier's findings. The only place it is decided.

Forms (docs/documents.md), in the order they win:

    not_applicable   不适用          the dossier is outside the ruleset (scope exclusion, no ruleset in force)
    unlawful         不合法          a 违法-level duty is violated and can no longer be cured before the meeting
                                     (the meeting has been held, or the duty was due after it)
    cannot_conclude  无法出具结论    a 违法-level duty cannot be decided from the file: materials must be supplied
                                     (also a violation that holds only if the matter is a major decision, `conditional`)
    revise           修改后提交      every 违法-level violation is of a duty due before the collective discussion,
                                     and the dossier has not reached the meeting yet: cure, then submit
    lawful           合法            no 违法-level duty violated or undecided (警示/提示 items become advice)

A violation "can be cured before the meeting" when the rule is due at or before the 集体讨论前 stage
(Rule.due) and the dossier is checked at a stage no later than 集体讨论前: the step can still be
taken, or taken again properly, before the draft goes to the meeting.

Grounds: a violated finding is either a recorded fact (the file shows the step was done wrongly)
or an absence (the file does not record the step at all). Findings carry `grounds`
("fact" | "absence") once the open-world evidence work lands; until then, and whenever the field is
missing, a violated finding counts as a recorded fact. The conclusion's text says "依据所报材料" and an
absence item asks for the material if the step was in fact taken: it never states as fact what the
file only fails to record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from ..models.dossier import Stage

FORMS = ("lawful", "unlawful", "revise", "cannot_conclude", "not_applicable")
FORM_ZH = {"lawful": "合法", "unlawful": "不合法", "revise": "修改后提交", "cannot_conclude": "无法出具结论",
           "not_applicable": "不适用"}
FORM_EN = {"lawful": "lawful", "unlawful": "unlawful", "revise": "revise and resubmit",
           "cannot_conclude": "no conclusion (materials incomplete)", "not_applicable": "not applicable"}
GROUNDS_ZH = {"fact": "案卷记载的事实", "absence": "案卷未见记载", "undecided": "案卷记载不足，无法判定"}
GROUNDS_EN = {"fact": "a fact the file records", "absence": "not recorded in the file",
              "undecided": "the file does not say enough to decide"}
CURE_BY = Stage.discussion  # the last stage at which a pre-meeting duty can still be performed

# The words for each kind of dossier (engine/rulesets.py kinds): what the matter is called, its draft,
# the meeting that decides it, and what the opinion is.
TERMS = {
    "mad": {"noun": "决策", "draft": "决策草案", "meeting": "集体讨论", "kind": "重大行政决策", "review": "合法性审查",
            "noun_en": "decision", "draft_en": "draft", "meeting_en": "collective discussion", "kind_en": "major administrative decision"},
    "normative_document": {"noun": "规范性文件", "draft": "规范性文件送审稿", "meeting": "集体审议", "kind": "行政规范性文件",
                           "review": "合法性审核", "noun_en": "normative document", "draft_en": "draft",
                           "meeting_en": "collective deliberation", "kind_en": "normative document"},
    "major_enforcement_decision": {"noun": "执法决定", "draft": "执法决定草案", "meeting": "集体讨论", "kind": "重大执法决定",
                                   "review": "法制审核", "noun_en": "enforcement decision", "draft_en": "draft decision",
                                   "meeting_en": "collective discussion", "kind_en": "major enforcement decision"},
}
DEFAULT_TERMS = {"noun": "事项", "draft": "草案", "meeting": "集体讨论", "kind": "该类事项", "review": "合法性审查",
                 "noun_en": "matter", "draft_en": "draft", "meeting_en": "collective discussion", "kind_en": "matter"}


def terms_for(kind: Optional[str]) -> dict:
    return TERMS.get(kind or "mad", DEFAULT_TERMS)


def kind_of_result(result: Any, ruleset: Any = None) -> str:
    """The dossier kind: the ruleset's, else the mad default."""
    if ruleset is not None:
        return ruleset.index.kind
    rs = _load_ruleset(result)
    return rs.index.kind if rs is not None else "mad"


def grounds_of(f: Any) -> str:
    """fact | absence | undecided. Reads `grounds` (issue 12) when present; violated without it → fact."""
    outcome = get_field(f, "outcome")
    if outcome == "indeterminate":
        return "undecided"
    g = get_field(f, "grounds")
    return g if g in ("fact", "absence") else "fact"


def get_field(f: Any, key: str, default: Any = None) -> Any:
    return f.get(key, default) if isinstance(f, dict) else getattr(f, key, default)


@dataclass
class Item:
    """One finding as the opinion and the rectification list use it."""

    finding: Any
    grounds: str
    curable: bool
    due: Optional[str]  # the rule's due stage, when the ruleset is at hand

    @property
    def rule(self) -> str:
        return get_field(self.finding, "rule")


@dataclass
class Conclusion:
    form: str
    label: str  # 合法 / 不合法 / 修改后提交 / 无法出具结论 / 不适用
    label_en: str
    text: str  # the sentence of the opinion's conclusion section
    text_en: str
    unlawful: list[Item] = field(default_factory=list)  # violation-level, not curable
    curable: list[Item] = field(default_factory=list)  # violation-level, curable before the meeting
    missing: list[Item] = field(default_factory=list)  # violation-level, indeterminate: supply materials
    advice: list[Item] = field(default_factory=list)  # 警示/提示-level violated or indeterminate
    supplement: list[str] = field(default_factory=list)  # what to supply (zh), one line per missing item
    supplement_en: list[str] = field(default_factory=list)

    @property
    def items(self) -> list[Item]:
        return self.unlawful + self.curable + self.missing + self.advice

    def to_dict(self) -> dict:
        return {"form": self.form, "label": self.label, "label_en": self.label_en, "text": self.text, "text_en": self.text_en,
                "unlawful": [i.rule for i in self.unlawful], "curable": [i.rule for i in self.curable],
                "missing": [i.rule for i in self.missing], "advice": [i.rule for i in self.advice],
                "supplement": self.supplement, "supplement_en": self.supplement_en}


def _rule_due(ruleset: Any, rule_id: str) -> Optional[Stage]:
    if ruleset is None:
        return None
    try:
        return ruleset.rule(rule_id).due
    except Exception:  # noqa: BLE001 - a rule the ruleset no longer has: not known to be curable
        return None


def _load_ruleset(result: Any) -> Any:
    rid = (get_field(result, "ruleset") or {}).get("id")
    if not rid:
        return None
    from .. import rulesets
    try:
        return rulesets.load(rid)
    except Exception:  # noqa: BLE001 - the result names a ruleset no longer on disk
        return None


def _names(items: list[Item], lang: str) -> str:
    sep = "；" if lang == "zh" else "; "
    return sep.join(f"{get_field(i.finding, 'title' if lang == 'zh' else 'title_en')}（{get_field(i.finding, 'basis')}）" if lang == "zh"
                    else f"{get_field(i.finding, 'title_en')} ({get_field(i.finding, 'basis_en')})" for i in items)


def conclude(result: Any, ruleset: Any = None, stage: Optional[str] = None, kind: Optional[str] = None) -> Conclusion:
    """One dossier's result (DossierResult or its JSON dict) → the opinion's conclusion.

    `ruleset`: the Ruleset the result was checked against (loaded from result.ruleset.id if not given),
    for each rule's due stage. `stage`: the stage the dossier was checked at (default: result.stage).
    `kind`: mad | normative_document | major_enforcement_decision (default: the ruleset's) — only the words change."""
    rs = ruleset if ruleset is not None else _load_ruleset(result)
    T = terms_for(kind or (rs.index.kind if rs is not None else None))
    if not get_field(result, "applicable"):
        reason, reason_en = get_field(result, "reason") or "", get_field(result, "reason_en") or ""
        return Conclusion("not_applicable", FORM_ZH["not_applicable"], FORM_EN["not_applicable"],
                          f"经审查，{reason}。本意见不就{T['kind']}法定程序出具合法性结论。",
                          f"{reason}. This opinion gives no conclusion on the statutory procedure of a {T['kind_en']}.")
    st = Stage.parse(stage or get_field(result, "stage") or "completed")
    before_meeting = isinstance(st, Stage) and st.rank <= CURE_BY.rank
    c = Conclusion("lawful", "", "", "", "")
    for f in get_field(result, "findings") or []:
        outcome, severity = get_field(f, "outcome"), get_field(f, "severity")
        if outcome not in ("violated", "indeterminate"):
            continue
        due = _rule_due(rs, get_field(f, "rule"))
        curable = before_meeting and due is not None and due.rank <= CURE_BY.rank
        item = Item(f, grounds_of(f), curable, due.value if due is not None else None)
        conditional = bool(get_field(f, "conditional", False))  # holds only if the matter is a major decision (是否重大行政决策: 待定)
        if severity != "violation":
            c.advice.append(item)
        elif outcome == "indeterminate" or conditional:
            c.missing.append(item)
            needed, needed_en = get_field(f, "needed") or [], get_field(f, "needed_en") or []
            why = "、".join(needed) if needed else (get_field(f, "reason") or get_field(f, "message"))
            why_en = ", ".join(needed_en) if needed_en else (get_field(f, "reason_en") or get_field(f, "message_en"))
            if conditional:
                why, why_en = f"确认该事项是否属于{T['kind']}事项；{why}", f"confirm whether the matter is a {T['kind_en']}; {why_en}"
            c.supplement.append(f"{get_field(f, 'title')}（{get_field(f, 'basis')}）：{why}")
            c.supplement_en.append(f"{get_field(f, 'title_en')} ({get_field(f, 'basis_en')}): {why_en}")
        elif curable:
            c.curable.append(item)
        else:
            c.unlawful.append(item)

    absent = [i for i in c.unlawful + c.curable if i.grounds == "absence"]
    absent_zh = ("其中" + _names(absent, "zh") + "系案卷未见记载，如已履行，请补送相应材料后重新送审。") if absent else ""
    absent_en = (" Of these, " + _names(absent, "en") + " are not recorded in the file; if they were performed, send the records and resubmit.") if absent else ""
    if c.unlawful:
        c.form = "unlawful"
        c.text = (f"经审查，依据所报材料，该{T['noun']}存在违反法定程序的情形：{_names(c.unlawful, 'zh')}，"
                  f"上述问题已无法在提请{T['meeting']}前补正，该{T['noun']}程序不合法。" + absent_zh)
        c.text_en = (f"On the materials submitted, the {T['noun_en']} breaches the statutory procedure: {_names(c.unlawful, 'en')}. "
                     f"These can no longer be cured before the {T['meeting_en']}; the procedure is unlawful." + absent_en)
    elif c.missing:
        c.form = "cannot_conclude"
        extra = f"另，{_names(c.curable, 'zh')}应当在提请{T['meeting']}前补正。" if c.curable else ""
        extra_en = f" Also, {_names(c.curable, 'en')} must be cured before the {T['meeting_en']}." if c.curable else ""
        c.text = f"所报材料不全，无法出具{T['review']}结论，需补充：{_names(c.missing, 'zh')}的相关材料。{extra}" + absent_zh
        c.text_en = (f"The materials are incomplete and no conclusion can be given; supply the records for: {_names(c.missing, 'en')}."
                     + extra_en + absent_en)
    elif c.curable:
        c.form = "revise"
        c.text = (f"经审查，依据所报材料，该{T['draft']}存在以下应当在提请{T['meeting']}前补正的问题：{_names(c.curable, 'zh')}。"
                  f"请按本意见修改、补正后重新送审，未补正前不得提请{T['meeting']}。" + absent_zh)
        c.text_en = (f"On the materials submitted, the {T['draft_en']} has problems to cure before the {T['meeting_en']}: {_names(c.curable, 'en')}. "
                     "Revise and resubmit as this opinion says; it may not go to the meeting before then." + absent_en)
    else:
        c.form = "lawful"
        adv = f"以下事项建议予以完善：{_names(c.advice, 'zh')}。" if c.advice else ""
        adv_en = f" We advise improving: {_names(c.advice, 'en')}." if c.advice else ""
        c.text = (f"经审查，依据所报材料，未发现该{T['noun']}违反所适用规则集规定的法定程序的情形，程序合法。" + adv
                  + f"本意见仅就{T['noun']}程序出具；权限和内容的合法性由审查人员另行审查。")
        c.text_en = ("On the materials submitted, no breach of the statutory procedure in the applied rulesets was found; the procedure is lawful."
                     + adv_en + " This opinion covers the procedure only; the decision's competence and content are reviewed separately.")
    c.label, c.label_en = FORM_ZH[c.form], FORM_EN[c.form]
    return c


__all__ = ["CURE_BY", "TERMS", "terms_for", "kind_of_result", "Conclusion", "FORMS", "FORM_EN", "FORM_ZH", "GROUNDS_EN", "GROUNDS_ZH", "Item", "conclude", "grounds_of"]
