"""How a rule reads to legal staff: its conditions and its checks in words, for `juece rulesets show`,
the ruleset handbook (`juece rulesets docs`) and the generated docs. Each check kind phrases itself
(`describe` in engine/checks/<kind>.py) with the `Phrasing` helper here: the language, the ruleset
(its parameters) and the phrases every kind shares."""

from __future__ import annotations

from typing import Optional

from ..models.ruleset import Check, Condition, Ruleset


def _t(zh: str, en: str, lang: str) -> str:
    return en if lang == "en" else zh


UNIT_ZH = {"calendar_days": "日", "working_days": "个工作日", "count": "人", "years": "年", "months": "个月"}


def _value_zh(v: str) -> str:
    """An enum value a ruleset names (standing) as the dossier writes it in Chinese (常务会议)."""
    from ..models import dossier as m
    for cls in vars(m).values():
        if isinstance(cls, type) and issubclass(cls, m.ZhEnum) and cls is not m.ZhEnum and v in cls._value2member_map_:
            return f"“{cls(v).zh}”"
    return f"“{v}”"


def describe_condition(c: Condition, lang: str) -> str:
    from .labels import case_label
    from ..models.dossier import procedure_zh
    if c.performed:
        return _t(f"已履行“{procedure_zh(c.performed)}”", f"{c.performed} was performed", lang)
    if c.not_performed:
        return _t(f"未履行“{procedure_zh(c.not_performed)}”", f"{c.not_performed} was not performed", lang)
    if c.any is not None:
        names = [case_label(f, lang) for f in c.any]
        return _t("以下任一为“是”：" + "、".join(names), "any of: " + ", ".join(names), lang)
    name = case_label(c.fact or "", lang)
    if c.is_ is not None:
        out = _t(f"{name}为“{'是' if c.is_ else '否'}”", f"{name} is {'yes' if c.is_ else 'no'}", lang)
    else:
        out = _t(f"{name}属于 {'、'.join(c.in_ or [])}", f"{name} in {', '.join(c.in_ or [])}", lang)
    if c.if_silent is not None:
        out += _t(f"（案卷未载明时按“{'是' if c.if_silent else '否'}”）", f" (silence read as {'yes' if c.if_silent else 'no'})", lang)
    return out


class Phrasing:
    """What a check kind's `describe` (engine/checks/<kind>.py) writes with: the language, the
    ruleset (its parameters), and the phrases every kind shares."""

    unit_zh = UNIT_ZH

    def __init__(self, rs: Ruleset, lang: str) -> None:
        self.rs, self.lang = rs, lang

    def t(self, zh: str, en: str) -> str:
        return _t(zh, en, self.lang)

    def label(self, proc: str, f: str) -> str:
        from .labels import field_label
        return field_label(proc, f, self.lang)

    def proc(self, p: str) -> str:
        from ..models.dossier import procedure_zh
        return _t("案卷", "the dossier", self.lang) if p == "case" else (procedure_zh(p) if self.lang == "zh" else p)

    def where(self, ws, p: Optional[str]) -> str:
        """The where-conditions on procedure `p`, as a parenthesis (nothing when there are none)."""
        from .labels import field_label
        lang = self.lang
        if not ws:
            return ""
        parts = []
        for w in ws:
            name = field_label(p, w.field_, lang).split("·")[-1] if p and lang == "zh" else w.field_
            if w.present is not None:
                parts.append(_t(f"{name}{'已' if w.present else '未'}记载", f"{w.field_} {'present' if w.present else 'absent'}", lang))
            elif w.is_ is not None:
                parts.append(f"{name}为“{'是' if w.is_ else '否'}”" if lang == "zh" else f"{w.field_}={w.is_}")
            elif w.in_ is not None:
                parts.append(_t(f"{name}为{'或'.join(_value_zh(v) for v in w.in_)}", f"{w.field_} in {{{', '.join(w.in_)}}}", lang))
            else:
                parts.append(_t(f"{name}不为{'或'.join(_value_zh(v) for v in (w.not_in or []))}", f"{w.field_} not in {{{', '.join(w.not_in or [])}}}", lang))
        return _t("（其中 " + "，".join(parts) + "）", " (where " + ", ".join(parts) + ")", lang)


def describe_check(chk: Check, rs: Ruleset, lang: str) -> str:
    """One line for `rulesets show` and the docs: the check's kind phrases it (engine/checks/<kind>.py)."""
    from ..checks import kind_of
    return kind_of(chk).describe(chk.spec, Phrasing(rs, lang))
