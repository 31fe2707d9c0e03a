"""order — inside one record, date `first` comes before date `then`.

    order: {procedure: collective_discussion, first: notice_date, then: date}

Violated when `first` is on or after `then`, or `then` is recorded and `first` is not; undecided
when `then` is not recorded.
"""

from __future__ import annotations

from ..compile import record_pattern
from ..core.encoding import key
from ..models.ruleset import Order
from ..openworld import ABSENCE, FACT, Reading, field_fact
from ..tighten import wheres
from . import CheckKind


class OrderKind(CheckKind):
    name = "order"
    spec = Order
    summary = ("同一记录内，日期 first 早于日期 then", "inside one record, date `first` before date `then`")

    def references(self, s: Order, v) -> None:
        if v.proc(s.procedure):
            v.where(s.procedure, s.where)
            v.field(s.procedure, s.first, {"date"})
            v.field(s.procedure, s.then, {"date"})

    def patterns(self, s: Order, c) -> list:
        f, t = key(s.first), key(s.then)
        return [
            ("violated", "order", [{"r": record_pattern(s.procedure, s.where, [{"$gte": {t: 0}}, {"$gte": {f: {"$m": t}}}])}]),
            ("violated", "missing", [{"r": record_pattern(s.procedure, s.where, [{"$gte": {t: 0}}, {f: -1}])}]),
            ("indeterminate", "date_unknown", [{"r": record_pattern(s.procedure, s.where, [{t: -1}])}]),
        ]

    def classify(self, s: Order, cause: str, record_ids: list[str], dossier) -> Reading:
        if cause == "order":
            return Reading(FACT)
        return Reading(ABSENCE, (field_fact(s.procedure, s.first if cause == "missing" else s.then),))

    def fields(self, s: Order) -> list[tuple[str, str]]:
        return [(s.procedure, s.first), (s.procedure, s.then)]

    def date_fields(self, s: Order, pairs):
        return pairs[:2]

    def covers(self, c: Order, p: Order) -> bool:
        return (c.procedure, c.first, c.then) == (p.procedure, p.first, p.then) and wheres(c) <= wheres(p)

    def describe(self, s: Order, h) -> str:
        return h.t(f"“{h.proc(s.procedure)}”中 {s.first} 早于 {s.then}", f"in {s.procedure}: {s.first} before {s.then}") \
            + h.where(s.where, s.procedure)


KIND = OrderKind
