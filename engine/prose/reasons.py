"""The reasons a finding gives, and the messages that replace a rule's own when it would say too much.

A rule's message and remedy are written in its ruleset. What is written here is what the engine
adds, in the same words every time:

    reason(...)               why a branch fired, for the causes the message does not explain:
                              案卷未说明：…  (a trigger nobody stated)
                              案卷未记载判断所需的日期：…
                              …为同一天，仅凭日期无法判断先后 (a same-day tie)
                              工作日计算需要国务院公布的节假日安排：缺少…年 (a missing calendar)
                              the rule's own exception (waived_when), or why the rule does not apply
                              (not yet due at this stage; a trigger is 否; an exception holds)
    waiver_reason(w)          已由…豁免：… (a waiver the dossier records)
    absence_message           案卷未载明…（<title>）     (a violation that rests on silence in a complete file)
    needed_reason             台账未载明，需补充：…      (an undecided rule: what would settle it)
    indeterminate_message     无法判定是否符合：<title>   (the violation text would assert what is not known)
    conditional_message       如属重大行政决策：…        (the dossier does not yet say it is major)
    fill(template, values)    a message template with the ruleset's parameters and the dossier's numbers
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..checks import kind_of
from ..core.encoding import key
from ..models.dossier import RecordBasis, Stage, procedure_zh
from ..models.ruleset import Check, Rule
from .cite import zh_number
from .labels import case_label, field_label

#: how the reason for a missing holiday calendar begins (check.py names the missing year once, in `warnings`)
CALENDAR_MISSING = "工作日计算需要国务院公布的节假日安排"

#: the causes `reason` explains (the others' message and evidence say it all)
REASONED = frozenset(("unknown_trigger", "date_unknown", "same_day", "calendar_unknown", "exception", "not_applicable"))


class _Fmt(dict):
    def __missing__(self, k: str) -> str:
        return "{" + k + "}"


def fill(template: str, values: dict[str, Any]) -> str:
    """`{days}` and the ruleset's parameters filled in; a name not given stays as written."""
    return template.format_map(_Fmt(values)) if "{" in template else template


def reason(rule: Rule, check: Check, frame: dict, cause: str, stage: Stage,
           fields: list[tuple[str, str]]) -> tuple[str, str]:
    """(zh, en) why the branch of `cause` fired on `frame` (the facts it matched: `c` the case, `r` a
    record); `fields` are the (procedure, field) pairs the check looks at. ("", "") when the
    message and evidence say it all."""
    if cause not in REASONED:
        return "", ""
    case = frame.get("c", {}) if cause in ("unknown_trigger", "not_applicable") else {}
    if cause == "unknown_trigger":
        unknown = [c.fact for c in rule.when if c.fact and case.get(c.fact.replace(".", "__")) in (-1, "")]
        unknown += [f for c in rule.when if c.any for f in c.any if case.get(f.replace(".", "__")) == -1]
        zh = "案卷未说明：" + "、".join(case_label(f, "zh") for f in unknown)
        en = "the dossier does not say: " + ", ".join(unknown)
        return zh, en
    if cause == "date_unknown":
        pairs = kind_of(check).date_fields(check.spec, list(dict.fromkeys(fields)))
        return ("案卷未记载判断所需的日期：" + "、".join(field_label(p, f, "zh") for p, f in pairs),
                "a date needed to decide is not recorded: " + ", ".join(f"{p}.{f}" for p, f in pairs))
    if cause == "same_day":
        a, b = check.spec.before, check.spec.after
        return (f"{field_label(a.procedure, a.date, 'zh')}与{field_label(b.procedure, b.date, 'zh')}为同一天，仅凭日期无法判断先后，请核对会议纪要或文件时间",
                f"{a.procedure}.{a.date} and {b.procedure}.{b.date} fall on the same day; the dates alone cannot tell which came first")
    if cause == "calendar_unknown":
        return _calendar_reason(check, frame)
    if cause == "exception" and rule.waived_when:
        w = rule.waived_when
        return f"{w.by.zh}：{w.reason.zh}", f"{w.by.en or w.by.zh}: {w.reason.en or w.reason.zh}"
    if cause == "not_applicable":
        return _not_applicable_reason(rule, check, case, stage)
    return "", ""


def _calendar_reason(check: Check, frame: dict) -> tuple[str, str]:
    from ..core.calendar import last_year, missing_years
    rec = frame.get("r", {})  # only a duration (its record: `r`) counts working days
    days = [dt.date.fromordinal(rec[k]) for k in (key(check.spec.from_), key(check.spec.to))
            if isinstance(rec.get(k), int) and rec[k] > 0] if rec else []
    years = missing_years(*days) or [last_year() + 1]
    ys = "、".join(f"{y}年" for y in years)
    return (f"{CALENDAR_MISSING}：缺少{ys}的放假和调休安排（现有数据只到{last_year()}年）；"
            f"可用 --calendar 或环境变量 JUECE_CALENDAR 提供该年的节假日日历（YAML，载明国务院办公厅通知文号）",
            f"counting working days needs the State Council holiday calendar: {', '.join(map(str, years))} is missing "
            f"(data only to {last_year()}); supply that year's calendar with --calendar or JUECE_CALENDAR (YAML with the notice number)")


def _not_applicable_reason(rule: Rule, check: Check, case: dict, stage: Stage) -> tuple[str, str]:
    """Why the rule does not apply: not yet due, a trigger that is 否, an exception that holds."""
    due = check.due or rule.due
    if case.get("stage", 99) < due.rank:
        return (f"尚未到“{due.zh}”阶段（当前：{stage.zh}），此项义务尚未到期",
                f"not yet due: it applies from stage '{due.value}' (now: {stage.value})")
    parts_zh, parts_en = [], []
    for c in rule.when:
        if c.fact:
            v = case.get(c.fact.replace(".", "__"))
            want = 1 if c.is_ else 0
            if c.is_ is not None and v == 1 - want:
                parts_zh.append(f"{case_label(c.fact, 'zh')}：{'否' if v == 0 else '是'}")
                parts_en.append(f"{c.fact}: {'no' if v == 0 else 'yes'}")
            elif c.is_ is not None and v == -1 and c.if_silent is not None and int(c.if_silent) != want:
                parts_zh.append(f"{case_label(c.fact, 'zh')}：未记载（按{'是' if c.if_silent else '否'}处理）")
                parts_en.append(f"{c.fact}: not recorded (read as {'yes' if c.if_silent else 'no'})")
        elif c.any is not None:
            parts_zh.append("、".join(case_label(f, "zh") for f in c.any) + "：均为否")
            parts_en.append(", ".join(c.any) + ": all no")
        else:
            n = case.get(f"n__{c.performed or c.not_performed}", 0)
            if c.performed and n == 0:
                parts_zh.append(f"未进行{procedure_zh(c.performed)}")
                parts_en.append(f"no {c.performed}")
            if c.not_performed and n > 0:
                parts_zh.append(f"已进行{procedure_zh(c.not_performed)}")
                parts_en.append(f"{c.not_performed} performed")
    for c in rule.unless:
        if c.fact and case.get(c.fact.replace(".", "__")) == (1 if c.is_ else 0):
            parts_zh.append(f"例外情形：{case_label(c.fact, 'zh')}")
            parts_en.append(f"exception: {c.fact}")
    b = rule.basis
    art, art_en = (f"第{zh_number(b.article)}条", f"Art. {b.article}") if b.article else (b.section, b.section_en or b.section)
    return ("；".join(parts_zh) + f"，{art}不适用", "; ".join(parts_en) + f": {art_en} does not apply")


def waiver_reason(w: Any) -> tuple[str, str]:
    """已由县人民政府豁免：…（2023-05-01）: a waiver the dossier records (dossier `豁免`)."""
    return (f"已由{w.by}豁免：{w.reason}" + (f"（{w.date}）" if w.date else ""),
            f"waived by {w.by}: {w.reason}" + (f" ({w.date})" if w.date else ""))


def indeterminate_message(rule: Rule) -> tuple[str, str]:
    """The message of an undecided rule: its violation text would assert what is not known."""
    return f"无法判定是否符合：{rule.title.zh}", f"cannot decide: {rule.title.en or rule.title.zh}"


def conditional_message(message: tuple[str, str]) -> tuple[str, str]:
    """A finding on a dossier not yet determined to be a major decision (重大 待定)."""
    return f"如属重大行政决策：{message[0]}", f"if this is a major administrative decision: {message[1]}"


def absence_message(rule: Rule, needed: tuple[tuple[str, str], ...]) -> tuple[str, str]:
    """The message of a violation that rests on silence: never state as fact what nobody recorded."""
    zh = "、".join(n[0] for n in needed) or "判断所需的事实"
    en = ", ".join(n[1] for n in needed) or "the facts needed"
    return (f"案卷未载明{zh}（{rule.title.zh}）",
            f"the file does not record {en} ({rule.title.en or rule.title.zh})")


def needed_reason(needed: tuple[tuple[str, str], ...], basis: RecordBasis, unknown: bool) -> tuple[str, str]:
    """What would settle an undecided rule, and why it is missing: marked 未知 (`unknown`), or not in
    the ledger / the published sources / the file (`basis`, the dossier's 案卷来源)."""
    zh = "、".join(n[0] for n in needed) or "判断所需的事实"
    en = ", ".join(n[1] for n in needed) or "the facts needed"
    if unknown:
        head_zh, head_en = "案卷标明履行情况未知", "the file marks it unknown"
    else:
        head_zh = {RecordBasis.ledger: "台账未载明", RecordBasis.public_sources: "公开信息中未见"}.get(basis, "案卷未载明")
        head_en = {RecordBasis.ledger: "the ledger does not say",
                   RecordBasis.public_sources: "not found in the published sources"}.get(basis, "not recorded")
    return f"{head_zh}，需补充：{zh}", f"{head_en}; needed: {en}"
