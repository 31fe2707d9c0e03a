"""latest_before — the last A record dated before each B must not match `where`.

    latest_before: {procedure: legality_review, date: date, where: [{field: conclusion, in: [unlawful]}],
                    before: {procedure: collective_discussion, date: date}}

E.g. the meeting may not be held on an unlawful review (713 Art. 25): a re-review dated after the
meeting does not cure it, so "latest" is taken before the meeting, not in the whole file. A latest
record whose `where` field is not recorded is reported as `unrecorded` (docs/open-world.md).
"""

from __future__ import annotations

from ..compile import SENTINEL_JOIN, record_pattern, record_pattern_conds, unrecorded_variants
from ..core.encoding import field_kinds, key
from ..models.ruleset import LatestBefore
from ..openworld import ABSENCE, FACT, Reading, field_fact, frame_records, where_holds
from . import CheckKind


class LatestBeforeKind(CheckKind):
    name = "latest_before"
    spec = LatestBefore
    summary = ("每一个 B 之前最近一次 A 不得符合所列条件", "the last A before each B must not match (e.g. no meeting on an unlawful review)")

    def references(self, s: LatestBefore, v) -> None:
        if v.proc(s.procedure) and v.proc(s.before.procedure):
            v.where(s.procedure, s.where)
            v.where(s.before.procedure, s.before.where)
            v.field(s.procedure, s.date, {"date"})
            v.field(s.before.procedure, s.before.date, {"date"})

    def patterns(self, s: LatestBefore, c) -> list:
        ad, b = key(s.date), s.before
        bd = key(b.date)
        b_dated = record_pattern(b.procedure, b.where, [{"$gte": {bd: 0}}])
        a_match = record_pattern(s.procedure, s.where, [{"$gte": {ad: 0}}],
                                 joins=[{"$lt": {ad: {"b": bd}}}, {SENTINEL_JOIN: {"b": SENTINEL_JOIN}}])
        a_later = record_pattern(s.procedure, [], [{"$gte": {ad: 0}}],
                                 joins=[{"$gt": {ad: {"a": ad}}}, {"$lt": {ad: {"b": bd}}}, {SENTINEL_JOIN: {"b": SENTINEL_JOIN}}])
        out = [("violated", "latest_before", [{"b": b_dated}, {"a": a_match}, {"x$not": a_later}])]
        for conds in unrecorded_variants(field_kinds()[s.procedure], s.where):  # open world
            a_maybe = record_pattern_conds(s.procedure, conds, [{"$gte": {ad: 0}}],
                                           joins=[{"$lt": {ad: {"b": bd}}}, {SENTINEL_JOIN: {"b": SENTINEL_JOIN}}])
            out.append(("violated", "unrecorded", [{"b": b_dated}, {"a": a_maybe}, {"x$not": a_later}]))
        return out

    def classify(self, s: LatestBefore, cause: str, record_ids: list[str], dossier) -> Reading:
        if cause == "latest_before":
            return Reading(FACT)
        recs = frame_records(dossier, record_ids, s.procedure)
        return Reading(ABSENCE, tuple(field_fact(s.procedure, w.field_) for w in s.where
                                      if recs and where_holds(recs[-1], w) is None))

    def fields(self, s: LatestBefore) -> list[tuple[str, str]]:
        return ([(s.before.procedure, s.before.date), (s.procedure, s.date)]
                + [(s.procedure, w.field_) for w in s.where])

    # covers: none — a layer's latest_before never counts as keeping the parent's (as before)

    def describe(self, s: LatestBefore, h) -> str:
        return h.t(f"每次“{h.proc(s.before.procedure)}”之前最近一次“{h.proc(s.procedure)}”不得为",
                   f"the last {s.procedure} before each {s.before.procedure} must not be") + h.where(s.where, s.procedure)


KIND = LatestBeforeKind
