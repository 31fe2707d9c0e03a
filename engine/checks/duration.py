"""duration — between two dates of a record, at least / at most N calendar days, working days or years.

    duration: {procedure: public_comment, from: start, to: end, at_least: comment_period_days}

N is never written in the rule: `at_least` / `at_most` name a ruleset parameter (its unit:
calendar_days, working_days or years), so a local ruleset can tighten it. `unless` names a record
field that, when recorded, justifies the deviation. Working days need the State Council holiday
calendar of the years involved; without it the check is undecided (calendar_unknown).
"""

from __future__ import annotations

from ..compile import record_pattern
from ..core.encoding import key
from ..models.ruleset import Duration
from ..openworld import ABSENCE, FACT, Reading, field_fact, frame_records
from ..tighten import wheres
from . import CheckKind


class DurationKind(CheckKind):
    name = "duration"
    spec = Duration
    summary = ("记录的两个日期之间不少于 / 不超过 N 日（自然日、工作日或年）",
               "between two dates of a record, at least / at most N calendar days, working days or years")

    def references(self, s: Duration, v) -> None:
        if v.proc(s.procedure):
            v.where(s.procedure, s.where)
            v.field(s.procedure, s.from_, {"date"})
            v.field(s.procedure, s.to, {"date"})
            v.field(s.procedure, s.unless)
        pname = s.at_least or s.at_most
        param = v.parameters.get(pname)
        if param is None:
            v.err(f"未定义的参数“{pname}”（期限必须是规则集的具名参数）",
                  f"undefined parameter '{pname}' (periods must be named ruleset parameters)")
        elif param.unit == "count":
            v.err(f"参数“{pname}”不是天数", f"parameter '{pname}' is not a number of days")

    def patterns(self, s: Duration, c) -> list:
        out = []
        pname = s.at_least or s.at_most
        unit = c.ruleset.index.parameters[pname].unit
        working = unit == "working_days"
        f, t = key(s.from_), key(s.to)
        fv, tv = (f + "__wd", t + "__wd") if working else (f, t)
        n = c.params[pname]
        if unit == "years":  # yyyymmdd + N*10000 is the same day N years later (facts.ymd)
            fv, tv, n = f + "__ymd", t + ("__ymde" if s.at_least else "__ymd"), n * 10000
        bound = ({"$lt": {tv: {"$add": {"$l": {"$m": fv}, "$r": n}}}} if s.at_least
                 else {"$gt": {tv: {"$add": {"$l": {"$m": fv}, "$r": n}}}})
        excuse = [{"$neq": {key(s.unless): 1}}] if s.unless else []
        out.append(("violated", "duration", [{"r": record_pattern(s.procedure, s.where,
                    [{"$gte": {fv: 0}}, {"$gte": {tv: 0}}, *excuse, bound])}]))
        out.append(("indeterminate", "date_unknown", [{"r": record_pattern(s.procedure, s.where,
                    [*excuse], joins=[{"$or": [{f: -1}, {t: -1}]}])}]))
        if working:
            out.append(("indeterminate", "calendar_unknown", [{"r": record_pattern(s.procedure, s.where,
                        [{"$gte": {f: 0}}, {"$gte": {t: 0}}, *excuse], joins=[{"$or": [{fv: -1}, {tv: -1}]}])}]))
        return out

    def classify(self, s: Duration, cause: str, record_ids: list[str], dossier) -> Reading:
        if cause == "duration":
            return Reading(FACT)
        recs = frame_records(dossier, record_ids, s.procedure)
        missing = [f for f in (s.from_, s.to) if not recs or getattr(recs[0], f, None) is None]
        return Reading(ABSENCE, tuple(field_fact(s.procedure, f) for f in missing))

    def fields(self, s: Duration) -> list[tuple[str, str]]:
        return [(s.procedure, s.from_), (s.procedure, s.to)] + ([(s.procedure, s.unless)] if s.unless else [])

    def date_fields(self, s: Duration, pairs):
        return pairs[:2]

    def record_evidence(self, b, s: Duration, rec, src: str, extras: dict) -> list:
        """The days actually elapsed (and the counting rule they rest on): the number the message shows as {days}."""
        out = []
        a, z = getattr(rec, s.from_), getattr(rec, s.to)
        if a and z:
            from ..prose import evidence
            unit = b.rs.index.parameters[s.at_least or s.at_most].unit
            if unit == "working_days":
                from ..core.calendar import working_days_between
                n = working_days_between(a, z)
            else:
                n = (z - a).days
            if n is not None:
                extras["days"] = n
                cal = unit != "working_days"  # years: shown as the days actually elapsed
                out.append(evidence(fact="days", label="实际期限" if cal else "实际工作日",
                               label_en="actual days" if cal else "actual working days",
                               value=f"{n}{'日' if cal else '个工作日'}",
                               value_en=f"{n} {'days' if cal else 'working days'}", source=src))
                dc = b.rs.index.day_counting  # the counting rule the number rests on
                out.append(evidence(fact="day_counting", label="期间计算", label_en="counting",
                               value=dc.zh, value_en=dc.en or dc.zh, source=None))
        return out

    def covers(self, c: Duration, p: Duration) -> bool:
        return ((c.procedure, c.from_, c.to, c.at_least, c.at_most) == (p.procedure, p.from_, p.to, p.at_least, p.at_most)
                and wheres(c) <= wheres(p) and (c.unless is None or c.unless == p.unless))

    def describe(self, s: Duration, h) -> str:
        lang = h.lang
        pname = s.at_least or s.at_most
        p = h.rs.index.parameters.get(pname)
        n = (f"{p.value}{h.unit_zh.get(p.unit, p.unit)}" if lang == "zh" else f"{p.value} {p.unit.replace('_', ' ')}") if p else pname
        bound = h.t("不少于" if s.at_least else "不超过", "at least" if s.at_least else "at most")
        fr, to = (h.label(s.procedure, s.from_).split("·")[-1], h.label(s.procedure, s.to).split("·")[-1]) \
            if lang == "zh" else (s.from_, s.to)
        unless = h.label(s.procedure, s.unless).split("·")[-1] if s.unless and lang == "zh" else s.unless
        out = h.t(f"“{h.proc(s.procedure)}”自{fr}至{to}{bound} {n}（参数 {pname}）",
                  f"{s.procedure}: {s.from_} to {s.to} {bound} {n} (parameter {pname})") + h.where(s.where, s.procedure)
        if s.unless:
            out += h.t(f"，记载了{unless}的除外", f", unless {s.unless} is recorded")
        return out


KIND = DurationKind
