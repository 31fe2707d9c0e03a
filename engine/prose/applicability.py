"""Which ruleset applies, and why a dossier is not checked under one: the sentences of the result's
`reason`, its `selection` and its `warnings`.

    given_selection(rs)          按 --ruleset 指定：…（… 第 N 版）
    wrong_kind(...)              --ruleset … 适用于重大行政决策，而本案卷是…
    out_of_force_reason(rs, on)  …有效期为…至…，本决策日期为…，已失效，不适用
    exclusion_reason(ex, rs, d)  the Decree does not apply to this kind of decision (Art. 3), citing it
    ruleset_warnings(...)        a --ruleset of another place, or not in force on the dossier's date
    date_warnings(d)             a decision date after its own publication, or in the future
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from ..models.dossier import Dossier
from ..models.ruleset import Ruleset
from .cite import cite


def given_selection(rs: Ruleset) -> tuple[str, str]:
    """The selection sentence of a ruleset named by --ruleset."""
    return (f"按 --ruleset 指定：{rs.index.title.zh}（{rs.id} 第 {rs.index.version} 版）",
            f"given by --ruleset: {rs.index.title.en or rs.index.title.zh} ({rs.id} version {rs.index.version})")


def wrong_kind(rs: Ruleset, kind: str, kind_rs_zh: str, kind_zh: str) -> tuple[str, str]:
    """A --ruleset for another kind of dossier (`kind`: the dossier's; *_zh: both kinds' Chinese names)."""
    return (f"--ruleset {rs.id} 适用于{kind_rs_zh}，而本案卷是{kind_zh}（案卷类型：{kind}）；请换用{kind_zh}规则集，或不写 --ruleset 自动选用",
            f"--ruleset {rs.id} is for {rs.index.kind} dossiers, but this dossier is a {kind} dossier; "
            f"use a {kind} ruleset, or leave out --ruleset to choose one automatically")


def out_of_force_reason(rs: Ruleset, on: dt.date) -> tuple[str, str]:
    """Why a ruleset (given by --ruleset) is not applied on the dossier's date: no longer, or not yet in force."""
    ix = rs.index
    if ix.valid_to and on > ix.valid_to:
        return (f"{ix.title.zh}有效期为{ix.valid_from or '—'}至{ix.valid_to}，本决策日期为{on}，已失效，不适用",
                f"{ix.title.en or rs.id} was in force {ix.valid_from or '—'} to {ix.valid_to}; this decision is dated {on}")
    return (f"{ix.title.zh}自{ix.valid_from}起施行，本决策日期为{on}，不适用",
            f"{ix.title.en or rs.id} is in force from {ix.valid_from}; this decision is dated {on}")


def exclusion_reason(ex: Any, rs: Ruleset, d: Dossier) -> tuple[str, str]:
    """Why the ruleset's law does not apply to this decision (an `exclusions` entry of its index), citing it;
    for a decision under another law's procedure, which one (the dossier must name it)."""
    zh, en = f"{ex.reason.zh}（{cite(ex.basis, rs, 'zh')}）", f"{ex.reason.en or ex.reason.zh} ({cite(ex.basis, rs, 'en')})"
    if ex.value == "other_law" and d.special_procedure_basis:
        zh += f"：本决策依照{d.special_procedure_basis}规定的程序作出，未适用{rs.index.law.zh}"
        en += f": this decision follows the procedure of {d.special_procedure_basis}; {rs.index.law.en or rs.index.law.zh} was not applied"
    return zh, en


def date_warnings(d: Dossier, today: Optional[dt.date] = None) -> list[dict]:
    """A decision date that cannot be right: after the dossier's own publication, or in the future
    (year 9999). The ruleset is chosen by that date, so the whole result rests on it: say so."""
    if d.decision_date is None:
        return []
    out = []
    today = today or dt.date.today()
    published = [p.date for p in d.procedures if p.type == "publication" and p.date]
    if published and d.decision_date > min(published):
        out.append({"code": "load.date-implausible",
                    "message": f"决策日期 {d.decision_date} 晚于本案卷记载的决策公布日期 {min(published)}，请核对（规则集按决策日期选用）",
                    "message_en": f"the decision date {d.decision_date} is after the publication date {min(published)} this dossier records; "
                                  "please check it (the ruleset is chosen by the decision date)"})
    if d.decision_date > today:
        out.append({"code": "load.date-in-future",
                    "message": f"决策日期 {d.decision_date} 晚于今天（{today}），请核对（规则集按决策日期选用）",
                    "message_en": f"the decision date {d.decision_date} is after today ({today}); please check it (the ruleset is chosen by the decision date)"})
    return out


def ruleset_warnings(d: Dossier, rs: Ruleset, on, basis_zh: str, basis_en: str) -> list[dict]:
    """Why a ruleset given by --ruleset may not be the law of this dossier: another place's, or
    not in force on the dossier's date. Shown in every output format (`warnings`)."""
    out = []
    j = rs.index.jurisdiction
    if j != "CN" and not (d.jurisdiction and d.jurisdiction.startswith(j)):
        out.append({"code": "ruleset.other-jurisdiction",
                    "message": f"规则集 {rs.id} 适用于行政区划 {j}，本案卷的行政区划为 {d.jurisdiction or '（未填）'}：按 --ruleset 要求仍予适用，结论不是该地的法定要求",
                    "message_en": f"ruleset {rs.id} is for division {j}; this dossier's division is {d.jurisdiction or '(none given)'}: "
                                  "applied because --ruleset asks for it; the result is not what that place's law requires"})
    if on is not None and not rs.in_force(on):
        out.append({"code": "ruleset.not-in-force",
                    "message": f"--ruleset {rs.id} 的有效期为 {rs.index.valid_from or '—'} 至 {rs.index.valid_to or '今'}，本案卷{basis_zh}为 {on}，当日不在有效期内："
                               "未按该规则集检查（这不是“未发现违法”）；去掉 --ruleset 即按日期自动选用",
                    "message_en": f"--ruleset {rs.id} is in force {rs.index.valid_from or '—'} to {rs.index.valid_to or 'now'}; this dossier's {basis_en} is {on}, "
                                  "outside that window: the dossier was not checked under it (this is not \"no violation\"); leave out --ruleset to choose by date"})
    return out
