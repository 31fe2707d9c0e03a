"""elements — a record (or, with `procedure: case`, the dossier itself) carries the listed elements.

    elements: {procedure: hearing, fields: [notice_date, transcript]}

Violated when a record meeting `where` lacks one of `fields` (an explicit 否 is a recorded
fact; a field left out is an absence, docs/open-world.md).
"""

from __future__ import annotations

from ..compile import missing_cond, record_pattern
from ..core.encoding import CASE, field_kinds, key
from ..core.reading import case_source, case_value
from ..models.ruleset import Elements
from ..openworld import ABSENCE, FACT, KEEP, Reading, case_state, element_state, field_fact, frame_records
from ..tighten import wheres
from . import CheckKind


class ElementsKind(CheckKind):
    name = "elements"
    spec = Elements
    summary = ("记录（或案卷本身）载明所列要素", "a record (or the dossier) carries the listed elements")
    keyed = ("elements", "unknown_trigger")

    def references(self, s: Elements, v) -> None:
        if v.proc(s.procedure, allow_case=True):
            v.where(s.procedure, s.where) if s.procedure != CASE else None
            for fl in s.fields:
                v.field(s.procedure, fl)

    def patterns(self, s: Elements, c) -> list:
        kinds = field_kinds()[s.procedure]
        missing = [missing_cond(kinds[fl], key(fl)) for fl in s.fields]
        any_missing = missing[0] if len(missing) == 1 else {"$or": missing}
        if s.procedure == CASE:
            return [("violated", "elements", [{"__case_extra__": any_missing}])]
        return [("violated", "elements", [{"r": record_pattern(s.procedure, s.where, joins=[any_missing])}])]

    def classify(self, s: Elements, cause: str, record_ids: list[str], dossier) -> Reading:
        if s.procedure == CASE:
            states = [(f, case_state(case_value(dossier, f))) for f in s.fields]
            proc = CASE
        else:
            recs = frame_records(dossier, record_ids, s.procedure)
            if not recs:
                return Reading(KEEP)
            states = [(f, element_state(recs[0], f)) for f in s.fields]
            proc = s.procedure
        if any(v is False for _, v in states):
            return Reading(FACT)
        return Reading(ABSENCE, tuple(field_fact(proc, f) for f, v in states if v is None))

    def fields(self, s: Elements) -> list[tuple[str, str]]:
        return [(s.procedure, f) for f in s.fields]

    def shown(self, s: Elements, dossier):
        if s.procedure != CASE:
            return None
        return tuple([case_value(dossier, f) for f in s.fields])

    def lead_evidence(self, b, s: Elements, dossier) -> list:
        if s.procedure != CASE:  # the frame holds the case only: the elements are the case's
            return []
        from ..prose import case_label
        return [b.value_evidence(f, case_label(f, "zh"), f, case_value(dossier, f), case_source(f)) for f in s.fields]

    def covers(self, c: Elements, p: Elements) -> bool:
        # fewer where-conditions (applies to more records), more fields: stricter
        return c.procedure == p.procedure and wheres(c) <= wheres(p) and set(c.fields) >= set(p.fields)

    def describe(self, s: Elements, h) -> str:
        labels = [h.label(s.procedure, f) for f in s.fields]
        return h.t("须载明：", "must record: ") + ("、" if h.lang == "zh" else ", ").join(labels) + h.where(s.where, s.procedure)


KIND = ElementsKind
