"""Which ruleset applies, and why a dossier is not checked under one: the sentences of the result's
`reason`, its `selection` and its `warnings`.

    chosen_for / ruleset_chosen  按决策日期 2023-05-01 和行政区划 640425 选用：…（… 第 N 版，全国，有效期 … 至 今）
    no_ruleset                   没有在 …（决策日期）有效、适用于行政区划 … 的重大行政决策规则集
    stacked_* / sector_*         the layers stacked on it (decision-body level, sectors), or why not
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

KIND_ZH = {"mad": "重大行政决策", "normative_document": "行政规范性文件", "major_enforcement_decision": "重大执法决定"}


# ------------------------------------------------------------------------------ the chain chosen

def _where_zh(j: str) -> str:
    return "全国" if j == "CN" else f"行政区划 {j}"


def _where_en(j: str) -> str:
    return "national" if j == "CN" else f"division {j}"


def window(rs: Any) -> str:
    """2019-09-01 至 今: when a ruleset is in force."""
    return f"{rs.index.valid_from or '—'} 至 {rs.index.valid_to or '今'}"


def _window_en(rs: Any) -> str:
    return f"{rs.index.valid_from or '—'} to {rs.index.valid_to or 'now'}"


def no_ruleset(on: Any, basis: tuple[str, str], jurisdiction: Optional[str], kind: str) -> tuple[str, str]:
    """No ruleset for this kind of dossier covers the division and is in force on the date."""
    return ((f"没有在 {on}（{basis[0]}）有效、适用于行政区划 {jurisdiction or '（未填）'} 的{KIND_ZH.get(kind, kind)}规则集"),
            f"no {kind} ruleset in force on {on} ({basis[1]}) for division {jurisdiction or '(none given)'}")


def chosen_for(on: Any, basis: tuple[str, str], jurisdiction: Optional[str], chosen: tuple[str, str]) -> tuple[str, str]:
    """按决策日期 … 和行政区划 … 选用：<ruleset_chosen>."""
    return (f"按{basis[0]} {on} 和行政区划 {jurisdiction or '（未填）'} 选用：{chosen[0]}",
            f"chosen for {basis[1]} {on} and division {jurisdiction or '(none)'}: {chosen[1]}")


def ruleset_chosen(rs: Ruleset, passed: list) -> tuple[str, str]:
    """The ruleset chosen: title, version, place, window and layers; and the more specific ones passed
    over because they were not in force on the date."""
    j = rs.index.jurisdiction
    layers = " → ".join(rs.lineage)
    zh = (f"{rs.index.title.zh}（{rs.id} 第 {rs.index.version} 版，"
          f"{_where_zh(j)}，有效期 {window(rs)}" + (f"，层级 {layers}" if len(rs.lineage) > 1 else "") + "）")
    en = (f"{rs.index.title.en or rs.index.title.zh}"
          f" ({rs.id} version {rs.index.version}, {_where_en(j)}, in force {_window_en(rs)}"
          + (f", layers {layers}" if len(rs.lineage) > 1 else "") + ")")
    if passed:
        zh += "；未选用（当日不在有效期内）：" + "、".join(f"{m.id}（{window(m)}）" for m in passed)
        en += "; not chosen (not in force on that date): " + ", ".join(f"{m.id} ({_window_en(m)})" for m in passed)
    return zh, en


# ------------------------------------------------------------------------------ the layers stacked on it

def cannot_stack(forced: Ruleset, base: Ruleset) -> tuple[str, str]:
    """A layer named by --ruleset that is written for another chain."""
    return (f"--ruleset 指定的 {forced.id} 是为{forced.index.stacks_on}（{forced.index.kind}）编写的，"
            f"不能叠加在 {base.id}（层级 {' → '.join(base.lineage)}）上，未叠加",
            f"--ruleset {forced.id} is written for {forced.index.stacks_on} ({forced.index.kind}); "
            f"it cannot be stacked on {base.id} (layers {' → '.join(base.lineage)}); not stacked")


def stacked_by_ruleset(forced: Ruleset) -> tuple[str, str]:
    return (f"按 --ruleset 叠加：{forced.index.title.zh}（{forced.id}）",
            f"stacked by --ruleset: {forced.index.title.en or forced.index.title.zh} ({forced.id})")


def stacked_layer(r: Any) -> tuple[str, str]:
    """A decision-body layer stacked for the body's level (713 Art. 42)."""
    return (f"叠加{r.index.title.zh}（{r.id} 第 {r.index.version} 版，有效期 {window(r)}）",
            f"stacked: {r.index.title.en or r.index.title.zh} ({r.id} version {r.index.version})")


def decree_applies_directly() -> tuple[str, str]:
    """A county-level-or-above government: no decision-body layer, the Decree itself (Art. 2)."""
    return "直接适用条例（第二条）", "the Decree applies directly (Art. 2)"


def sector_by_ruleset(forced: Ruleset) -> tuple[str, str]:
    return (f"按 --ruleset 叠加领域规则集：{forced.index.title.zh}（{forced.id}，{forced.index.law.zh}）",
            f"sector layer by --ruleset: {forced.index.title.en or forced.index.title.zh} ({forced.id}, {forced.index.law.en or forced.index.law.zh})")


def sector_stacked(name: str, r: Any) -> tuple[str, str]:
    """The sector layer stacked for a 事项领域 the dossier names, with the law it rests on."""
    return (f"事项领域“{name}”：叠加领域规则集{r.index.title.zh}（{r.id} 第 {r.index.version} 版，"
            f"依据{r.index.law.zh}，有效期 {window(r)}）",
            f"sector '{name}': stacked {r.index.title.en or r.index.title.zh} ({r.id} version {r.index.version}, "
            f"under {r.index.law.en or r.index.law.zh})")


def sector_not_in_force(name: str, cands: list, on: Any) -> tuple[str, str]:
    return (f"事项领域“{name}”：领域规则集 " + "、".join(f"{r.id}（{window(r)}）" for r in cands) + f" 于 {on} 不在有效期内，未叠加",
            f"sector '{name}': sector ruleset(s) {', '.join(r.id for r in cands)} not in force on {on}; not stacked")


def sector_unknown(name: str, known: list[str]) -> tuple[str, str]:
    """A 事项领域 no sector ruleset answers to: checked under the chain alone, and which sectors there are."""
    return (f"事项领域“{name}”：没有对应的领域规则集，仅按上述规则集检查（已有领域：{'、'.join(known) or '无'}）",
            f"sector '{name}': no sector ruleset answers to it; checked under the ruleset above only (known: {', '.join(known) or 'none'})")


def never_together(ov: Any, rs: Any) -> tuple[str, str]:
    """A layer and a base (given by --ruleset for another period) never in force together."""
    return (f"{ov.id}（{window(ov)}）与 {rs.id}（{window(rs)}）的有效期不重叠，未叠加",
            f"{ov.id} and {rs.id} are never in force together; not stacked")


# ------------------------------------------------------------------------------ the dossier's own result


def given_selection(rs: Ruleset) -> tuple[str, str]:
    """The selection sentence of a ruleset named by --ruleset."""
    return (f"按 --ruleset 指定：{rs.index.title.zh}（{rs.id} 第 {rs.index.version} 版）",
            f"given by --ruleset: {rs.index.title.en or rs.index.title.zh} ({rs.id} version {rs.index.version})")


def wrong_kind(rs: Ruleset, kind: str) -> tuple[str, str]:
    """A --ruleset for another kind of dossier (`kind`: the dossier's)."""
    kind_rs_zh, kind_zh = KIND_ZH.get(rs.index.kind, rs.index.kind), KIND_ZH.get(kind, kind)
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
