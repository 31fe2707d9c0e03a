"""precedes — every B record has an A record dated before it (Declare: precedence).

    precedes: {before: {procedure: legality_review, date: date}, after: {procedure: collective_discussion, date: date}}

Violated when a dated B has no A dated on or before it; the same day is undecided (the dates alone
cannot tell which came first), and so is a B with no date.
"""

from __future__ import annotations

from ..compile import SENTINEL_JOIN, record_pattern
from ..core.encoding import key
from ..models.ruleset import Precedes
from ..openworld import ABSENCE, FACT, UNKNOWN, Reading, field_fact, performed, records_of, required_reading, where_holds
from ..tighten import ref_key, wheres
from . import CheckKind


class PrecedesKind(CheckKind):
    name = "precedes"
    spec = Precedes
    summary = ("每一个 B 记录之前都有日期更早的 A 记录（先后）", "every B record has an A record dated before it (precedence)")

    def references(self, s: Precedes, v) -> None:
        for ref in (s.before, s.after):
            if v.proc(ref.procedure):
                v.where(ref.procedure, ref.where)
                if ref.date is None:
                    v.err("precedes 的两端都需要 date 字段", "both ends of precedes need a date field")
                v.field(ref.procedure, ref.date, {"date"})

    def patterns(self, s: Precedes, c) -> list:
        a, b = s.before, s.after
        ad, bd = key(a.date), key(b.date)
        b_dated = record_pattern(b.procedure, b.where, [{"$gte": {bd: 0}}])
        a_on_or_before = record_pattern(a.procedure, a.where, [{"$gte": {ad: 0}}],
                                        joins=[{"$lte": {ad: {"b": bd}}}, {SENTINEL_JOIN: {"b": SENTINEL_JOIN}}])
        a_before = record_pattern(a.procedure, a.where, [{"$gte": {ad: 0}}],
                                  joins=[{"$lt": {ad: {"b": bd}}}, {SENTINEL_JOIN: {"b": SENTINEL_JOIN}}])
        a_same_day = record_pattern(a.procedure, a.where, [{"$gte": {ad: 0}}],
                                    joins=[{ad: {"b": bd}}, {SENTINEL_JOIN: {"b": SENTINEL_JOIN}}])
        return [
            ("violated", "order", [{"b": b_dated}, {"a$not": a_on_or_before}]),
            # Same day: dates alone cannot tell which came first, so it is not decided either way.
            ("indeterminate", "same_day", [{"b": b_dated}, {"s": a_same_day}, {"a$not": a_before}]),
            ("indeterminate", "date_unknown", [{"b": record_pattern(b.procedure, b.where, [{bd: -1}])}]),
        ]

    def classify(self, s: Precedes, cause: str, record_ids: list[str], dossier) -> Reading:
        a, b = s.before, s.after
        if cause == "date_unknown":
            return Reading(ABSENCE, (field_fact(b.procedure, b.date),))
        cands = [p for _, p in records_of(dossier, a.procedure)
                 if performed(p) and all(where_holds(p, w) is not False for w in a.where)]
        if any(getattr(p, a.date, None) for p in cands):
            return Reading(FACT)  # the file dates the step, and dates it too late
        if cands:
            return Reading(ABSENCE, (field_fact(a.procedure, a.date),))
        # No step to date at all: an order cannot be claimed, only that the step is not shown.
        r = required_reading(a.procedure, a.where, dossier)
        return Reading(r.kind, r.needed, quiet=True)

    def fields(self, s: Precedes) -> list[tuple[str, str]]:
        return ([(s.after.procedure, s.after.date)] + [(s.after.procedure, w.field_) for w in s.after.where]
                + [(s.before.procedure, s.before.date)] + [(s.before.procedure, w.field_) for w in s.before.where])

    def date_fields(self, s: Precedes, pairs):
        return [(s.after.procedure, s.after.date)]

    def status_of(self, s: Precedes, reading_kind: str):
        return s.before.procedure if reading_kind == UNKNOWN else None

    def evidence(self, b, s: Precedes, dossier, cause: str) -> list:
        if cause != "order":
            return []
        from ..prose import display_value, evidence, field_label, record_value
        from ..models.dossier import procedure_zh
        out = []
        a = s.before
        for i, p in enumerate(dossier.procedures):
            if p.type == a.procedure:
                out.append(evidence(fact=f"{a.procedure}.{a.date}", label=field_label(a.procedure, a.date, "zh"),
                               label_en=field_label(a.procedure, a.date, "en"),
                               value=display_value(getattr(p, a.date), "zh"), value_en=display_value(getattr(p, a.date), "en"),
                               source=f"procedures[{i}]"))
                for w in a.where:
                    out.append(evidence(fact=f"{a.procedure}.{w.field_}", label=field_label(a.procedure, w.field_, "zh"),
                                   label_en=field_label(a.procedure, w.field_, "en"), value=record_value(p, w.field_, "zh"),
                                   value_en=record_value(p, w.field_, "en"), source=f"procedures[{i}]"))
        if not any(p.type == a.procedure for p in dossier.procedures):
            out.append(evidence(fact=a.procedure, label=f"{procedure_zh(a.procedure)}记录", label_en=f"{a.procedure} records",
                           value="无", value_en="none", source="procedures"))
        return out

    def covers(self, c: Precedes, p: Precedes) -> bool:
        return (ref_key(c.before) == ref_key(p.before) and ref_key(c.after) == ref_key(p.after)
                and wheres(c.before) >= wheres(p.before) and wheres(c.after) <= wheres(p.after))

    def describe(self, s: Precedes, h) -> str:
        return h.t(f"“{h.proc(s.before.procedure)}”的{s.before.date}早于“{h.proc(s.after.procedure)}”的{s.after.date}",
                   f"{s.before.procedure}.{s.before.date} before {s.after.procedure}.{s.after.date}")


KIND = PrecedesKind
