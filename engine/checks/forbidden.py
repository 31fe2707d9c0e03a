"""forbidden — these records must not exist together (Declare: not-coexistence).

    forbidden: {all: [{procedure: expert_argumentation, where: [{field: interested, is: true}]}]}

With one record, a record that might be the forbidden one (a field its `where` reads is not
recorded) is reported as `unrecorded` (docs/open-world.md).
"""

from __future__ import annotations

from ..compile import record_pattern, record_pattern_conds, unrecorded_variants
from ..core.encoding import field_kinds
from ..models.ruleset import Forbidden
from ..openworld import ABSENCE, FACT, Reading, field_fact, frame_records, where_holds
from ..tighten import wheres
from . import CheckKind


class ForbiddenKind(CheckKind):
    name = "forbidden"
    spec = Forbidden
    summary = ("这些记录不得并存（不共存）", "these records must not exist together (not-coexistence)")
    keyed = ("forbidden", "unknown_trigger")

    def references(self, s: Forbidden, v) -> None:
        for ref in s.all:
            if v.proc(ref.procedure):
                v.where(ref.procedure, ref.where)

    def patterns(self, s: Forbidden, c) -> list:
        out = [("violated", "forbidden", [{f"f{i}": record_pattern(p.procedure, p.where)} for i, p in enumerate(s.all)])]
        if len(s.all) == 1:  # open world: a record that might be the forbidden one
            p = s.all[0]
            for conds in unrecorded_variants(field_kinds()[p.procedure], p.where):
                out.append(("violated", "unrecorded", [{"f0": record_pattern_conds(p.procedure, conds)}]))
        return out

    def classify(self, s: Forbidden, cause: str, record_ids: list[str], dossier) -> Reading:
        if cause == "forbidden":
            return Reading(FACT)
        ref = s.all[0]
        recs = frame_records(dossier, record_ids, ref.procedure)
        return Reading(ABSENCE, tuple(field_fact(ref.procedure, w.field_) for w in ref.where
                                      if recs and where_holds(recs[0], w) is None))

    def fields(self, s: Forbidden) -> list[tuple[str, str]]:
        return [(p.procedure, w.field_) for p in s.all for w in p.where]

    def covers(self, c: Forbidden, p: Forbidden) -> bool:
        # forbidding fewer records together (each no narrower) is stricter
        return all(any(cr.procedure == pr.procedure and wheres(cr) <= wheres(pr) for pr in p.all) for cr in c.all)

    def describe(self, s: Forbidden, h) -> str:
        parts = [h.proc(p.procedure) + h.where(p.where, p.procedure) for p in s.all]
        return h.t("不得并存：", "must not coexist: ") + (" + ".join(parts))


KIND = ForbiddenKind
