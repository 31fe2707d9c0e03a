"""How layers are named and described: 领域规则集, 政府部门, 替代 mad.x（被替代的规则不再适用）.

engine/layers.py stacks the layers; the words it and `rulesets show` / the docs use for them are here.
"""

from __future__ import annotations

from ..models.ruleset import Rule, Ruleset
from .cite import article_zh

LEVEL_ZH = {"government": "县级以上人民政府", "department": "政府部门", "township": "乡镇人民政府、街道办事处"}
LEVEL_EN = {"government": "county-level-or-above government", "department": "government department",
            "township": "township government or sub-district office"}
LAYER_ZH = {"sector": "领域规则集", "decision_body": "决策机关层级规则集", "jurisdiction": "规则集"}
RELATION_ZH = {"adds": "增加", "replaces": "替代", "tightens": "收紧"}
RELATION_EN = {"adds": "adds", "replaces": "replaces", "tightens": "tightens"}


def level_stated(lv: str) -> tuple[str, str]:
    """The decision body's level as the dossier states it (决策机关层级)."""
    return f"决策机关层级：{LEVEL_ZH[lv]}（案卷载明）", f"decision body level: {LEVEL_EN[lv]} (stated in the dossier)"


def level_no_body() -> tuple[str, str]:
    return ("决策机关层级：案卷未载明决策机关，按县级以上人民政府适用条例（第二条）",
            "decision body level: no decision body given; the Decree is applied as to a county-level-or-above government (Art. 2)")


def level_unknown(names: list[str]) -> tuple[str, str]:
    """Bodies whose names show no level: the Decree applies as to a government (Art. 2), and the dossier should say."""
    shown = "、".join(f"“{b}”" for b in names)
    return ((f"决策机关层级：无法从名称{shown}判断，按县级以上人民政府适用条例（第二条）；"
             "政府部门或乡镇人民政府、街道办事处的决策请载明“决策机关层级”"),
            (f"decision body level: cannot be told from the name(s) {', '.join(names)}; the Decree is applied as to a "
             "county-level-or-above government (Art. 2); state decision_body_level for a department or township"))


def level_inferred(lv: str, levels: list[tuple[str, str]]) -> tuple[str, str]:
    """The level inferred from the bodies' names (`levels`: (name, level) each); a joint decision takes the highest."""
    shown = "、".join(f"“{b}”→{LEVEL_ZH[x]}" for b, x in levels)
    joint = "（联合发文，按其中最高层级）" if len(levels) > 1 else ""
    joint_en = " (joint decision: the highest level among them)" if len(levels) > 1 else ""
    return (f"决策机关层级：{LEVEL_ZH[lv]}{joint}（按名称推断：{shown}；可在案卷中以“决策机关层级”载明）",
            f"decision body level: {LEVEL_EN[lv]}{joint_en} (inferred from the name(s): "
            + ", ".join(f"{b} → {LEVEL_EN[x]}" for b, x in levels) + "; state decision_body_level to override)")


def displaced_reason(r: Rule, rule_beneath: str, by: tuple[str, str], was: tuple[str, str],
                     by_reference: bool) -> tuple[str, str]:
    """Why a rule beneath a layer is not applied: 依照《城乡规划法》第二十六条，不适用…，由规则 x 代替.

    `by`, `was`: the citations (zh, en) of the layer's rule and of the rule it replaces. A layer read
    by reference (713 Art. 42) does not set the rule aside: it reads it otherwise."""
    reading = r.reading
    if by_reference:
        return (f"{by[0]}：{reading.zh if reading else '不按字面适用'}（由规则 {r.id} 代替 {rule_beneath}）",
                f"{by[1]}: {(reading.en or reading.zh) if reading else 'not applied literally'} (rule {r.id} instead of {rule_beneath})")
    return ((f"依照{by[0]}（由规则 {r.id} 代替）：{reading.zh}" if reading
             else f"依照{by[0]}，不适用{was[0]}，由规则 {r.id} 代替"),
            (f"under {by[1]} (rule {r.id} instead): {reading.en or reading.zh}" if reading
             else f"under {by[1]}, {was[1]} is not applied; rule {r.id} applies instead"))


def relation_text(r: Rule, lang: str) -> str:
    """增加（条例各条照常适用） / 替代 mad.x（不适用 mad.x）/ 收紧 mad.y — what a layer's rule does beneath it."""
    k = r.stands or "adds"
    if k == "replaces":
        out = (f"替代 {'、'.join(r.replaces)}（被替代的规则不再适用）" if lang == "zh"
               else f"replaces {', '.join(r.replaces)} (not applied)")
    elif k == "tightens":
        out = f"收紧 {r.tightens}（要求不低于原规则）" if lang == "zh" else f"tightens {r.tightens} (demands at least as much)"
    else:
        out = "增加（下层规则照常适用）" if lang == "zh" else "adds (the rules beneath still apply)"
    if r.reading:
        out += ("：" if lang == "zh" else ": ") + (r.reading.zh if lang == "zh" else (r.reading.en or r.reading.zh))
    return out


def layer_header(rs: Ruleset, lang: str) -> str:
    """One line under a layer's title: its kind, its law, what it is for, what it stacks on."""
    ix = rs.index
    if lang == "zh":
        what = ("领域：" + "、".join(ix.sector)) if ix.layer == "sector" else ("决策机关层级：" + "、".join(LEVEL_ZH[x] for x in ix.body_levels))
        out = f"  {LAYER_ZH[ix.layer]}，依据{ix.law.zh}；{what}；叠加于 {ix.stacks_on}（及其地方层）之上"
        if ix.reference is not None:
            out += f"；{ix.stacks_on} 的各条按“参照”引用（{_art(ix.reference.article)}）"
        return out
    what = ("sector: " + ", ".join(ix.sector)) if ix.layer == "sector" else ("decision body level: " + ", ".join(LEVEL_EN[x] for x in ix.body_levels))
    out = f"  {ix.layer} layer under {ix.law.en or ix.law.zh}; {what}; stacked on {ix.stacks_on} (and its local layers)"
    if ix.reference is not None:
        out += f"; {ix.stacks_on}'s rules apply by reference (Art. {ix.reference.article})"
    return out


def _art(n) -> str:
    return article_zh(n) if n else ""
