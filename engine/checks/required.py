"""required — a procedure record exists (Declare: existence).

    required: legality_review                       # shorthand for {procedure: legality_review}
    required: {procedure: expert_argumentation, where: [...], alternatives: [{procedure: hearing}]}

Fails when no record of the procedure (meeting `where`) exists, and none of the `alternatives`
(other records that meet the duty as well, 713 Art. 14 para. 2) does.
"""

from __future__ import annotations

from ..compile import record_pattern
from ..models.ruleset import ProcRef
from ..openworld import ABSENCE, FACT, UNKNOWN, Reading, required_reading
from ..tighten import wheres
from . import CheckKind


class Required(CheckKind):
    name = "required"
    spec = ProcRef
    summary = ("须有某程序的记录（存在性）", "a procedure record exists (existence)")
    keyed = ("missing", "unknown_trigger")
    frame_has_records = False  # it fires on the case alone: the record is `$not`

    def references(self, s: ProcRef, v) -> None:
        for ref in (s, *s.alternatives):
            if v.proc(ref.procedure):
                v.where(ref.procedure, ref.where)

    def patterns(self, s: ProcRef, c) -> list:
        return [("violated", "missing", [{"r$not": record_pattern(s.procedure, s.where)}]
                 + [{f"r{i}$not": record_pattern(alt.procedure, alt.where)} for i, alt in enumerate(s.alternatives)])]

    def classify(self, s: ProcRef, cause: str, record_ids: list[str], dossier) -> Reading:
        readings = [required_reading(ref.procedure, ref.where, dossier) for ref in (s, *s.alternatives)]
        if len(readings) == 1:
            return readings[0]
        # any of the records would do: silence about one of them leaves the duty open
        for k in (UNKNOWN, ABSENCE):
            if any(r.kind == k for r in readings):
                return Reading(k, tuple(dict.fromkeys(n for r in readings for n in r.needed)))
        return Reading(FACT)

    def fields(self, s: ProcRef) -> list[tuple[str, str]]:
        return [(s.procedure, w.field_) for w in s.where]

    def status_of(self, s: ProcRef, reading_kind: str):
        return s.procedure  # whether recorded as not done, unknown or not qualifying

    def shown(self, s: ProcRef, dossier):
        # the count, the records' status, and what they say on the fields the check asks about
        from ..core.reading import performed_count
        from ..prose import recorded_where
        n = performed_count(dossier, s.procedure)
        return (n, tuple(p.effective_status() for p in dossier.procedures
                         if p.type == s.procedure or any(p.type == x.procedure for x in s.alternatives)),
                recorded_where(dossier, s.procedure, s.where) if n and s.where else ())

    def evidence(self, b, s: ProcRef, dossier, cause: str) -> list:
        from ..core.reading import performed_count
        from ..models.dossier import procedure_zh
        from ..prose import evidence, recorded_where
        proc = s.procedure
        n = performed_count(dossier, proc)
        shown = recorded_where(dossier, proc, s.where) if n and s.where else ()
        return [b.shared_evidence(("required", proc, n, shown), lambda: evidence(
            fact=proc, label=f"{procedure_zh(proc)}记录", label_en=f"{proc} records",
            value=("无" if n == 0 else f"{n}份，均不符合条件" + (f"：{'；'.join(z for z, _ in shown)}" if shown else "")),
            value_en=("none" if n == 0 else f"{n}, none qualifying" + (f": {'; '.join(x for _, x in shown)}" if shown else "")),
            source="procedures"))]

    def covers(self, c: ProcRef, p: ProcRef) -> bool:
        # more where-conditions on the required record: stricter
        return c.procedure == p.procedure and wheres(c) >= wheres(p)

    def describe(self, s: ProcRef, h) -> str:
        return h.t(f"须有“{h.proc(s.procedure)}”记录", f"a {s.procedure} record exists") + h.where(s.where, s.procedure)


KIND = Required
