"""Open world: what a fired check means, given what the dossier is (docs/open-world.md).

The engine (compile.py, evaluate.py) says which check is *not shown to be met*. Whether that is a
violation depends on why: a fact the file records that contradicts the duty, or a fact nobody
recorded. This module reads, for one fired branch, the very facts the check reads (the rule's own
metadata: its procedure, where-conditions, fields and dates) and sorts it into one of

    fact      recorded and contrary (an explicit 否, dates in the wrong order, a `未履行` record)
    absence   not recorded
    unknown   recorded as `未知` (the file cannot show whether the step happened)
    keep      not a question of recording (same-day dates, a missing holiday calendar, an
              unstated trigger judgement, a legal exception): the branch's own outcome stands

and `resolve` turns that, with the dossier's `案卷来源`, into the outcome and its ground:

    fact                      → 违反, grounds = fact        (the message states the fact)
    absence, 完整案卷          → 违反, grounds = absence     (the message says "案卷未载明…")
    absence, 台账 / 公开信息    → 无法判定, "需补充：…"
    unknown, any source        → 无法判定, "需补充：…"

This is the one place the three-state semantics is written; no rule carries its own version.
Exceptions (`unless`, `waived_when`, a duration's stated justification) count only when recorded,
in every kind of source: the dossier must show the exception, so a violation whose only
unrecorded fact is an exception is grounded on the recorded facts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from .checks import kind_of
from .models.dossier import Dossier, Record, RecordBasis, RecordStatus
from .models.ruleset import Check, Rule, Where
from .prose.labels import field_label, whether_performed

FACT, ABSENCE, UNKNOWN, KEEP = "fact", "absence", "unknown", "keep"
_PERFORMED = RecordStatus.performed

#: branch causes that are never about recording (see the module docstring)
_KEPT = frozenset(("same_day", "calendar_unknown", "unknown_trigger", "exception", "not_applicable"))


@dataclass(frozen=True)
class Reading:
    kind: str  # fact | absence | unknown | keep
    needed: tuple[tuple[str, str], ...] = ()  # (zh, en): the facts that would settle it
    # The check's own message would claim what is not there (an order, with no date to compare):
    # the finding says what the rule's message says instead.
    quiet: bool = False


def performed(rec: Record) -> bool:
    st = rec.effective_status()
    return st is None or st is _PERFORMED


# ----------------------------------------------------------------------- three-valued reads

def _missing(v: Any) -> bool:
    return v is None or v == [] or (isinstance(v, str) and not v.strip())


def _value(holder: Any, path: str) -> Any:
    """The value a rule path reads, three-valued for the derived paths (None: not recorded)."""
    parts = path.split(".")
    if path == "latest":
        return True  # the engine works it out from recorded dates: never "not recorded"
    v = getattr(holder, parts[0], None)
    if len(parts) == 3 and isinstance(v, list):
        mode, sub = parts[1], parts[2]
        if mode == "has":
            return None if not v else any(getattr(m, "value", m) == sub for m in v)
        vals = [getattr(x, sub, None) for x in v]
        if not vals:
            return None
        if mode == "all":
            return False if False in vals else None if None in vals else True
        return True if True in vals else None if None in vals else False
    return None if _missing(v) else v


def _raw(v: Any) -> Any:
    return getattr(v, "value", v)


def where_holds(rec: Record, w: Where) -> Optional[bool]:
    """True / False, or None when the field is not recorded (a `not_in` reads silence as a match)."""
    v = _value(rec, w.field_)
    if w.present is not None:
        if v is None:  # recordedness itself: silence meets `present: false`, and may hide a `present: true`
            return None if w.present else True
        return w.present
    if v is None:
        return True if w.not_in is not None else None
    if w.is_ is not None:
        return bool(v) == w.is_
    if w.in_ is not None:
        return _raw(v) in w.in_
    return _raw(v) not in (w.not_in or [])


def element_state(holder: Any, path: str) -> Optional[bool]:
    """An element a rule requires: True present / met, False recorded contrary, None not recorded."""
    v = _value(holder, path)
    if v is None:
        return None
    if isinstance(v, bool):
        return v
    return True


# ----------------------------------------------------------------------------- labels

def field_fact(proc: str, path: str) -> tuple[str, str]:
    return field_label(proc, path, "zh"), field_label(proc, path, "en")


def records_of(dossier: Dossier, proc: str) -> list[tuple[int, Record]]:
    return [(i, p) for i, p in enumerate(dossier.procedures) if p.type == proc]


def frame_records(dossier: Dossier, ids: list[str], proc: Optional[str] = None) -> list[Record]:
    out = []
    for fid in ids:
        if fid.startswith("p") and fid[1:].isdigit() and int(fid[1:]) < len(dossier.procedures):
            rec = dossier.procedures[int(fid[1:])]
            if proc is None or rec.type == proc:
                out.append(rec)
    return out


# ----------------------------------------------------------------------------- classify

def classify(rule: Rule, check: Check, cause: str, record_ids: list[str], dossier: Dossier) -> Reading:
    """Why a fired branch fired: on a recorded fact, or on a fact nobody recorded."""
    if cause in _KEPT:
        return Reading(KEEP)
    return kind_of(check).classify(check.spec, cause, record_ids, dossier) or Reading(KEEP)  # each kind reads its own facts: engine/checks/


def case_state(v: Any) -> Optional[bool]:
    if _missing(v):
        return None
    return v if isinstance(v, bool) else True


def required_reading(proc: str, where: list[Where], dossier: Dossier) -> Reading:
    """No record shows the step (as the rule wants it): recorded as not done, or not recorded?"""
    recs = [p for _, p in records_of(dossier, proc)]
    done = [p for p in recs if performed(p)]
    needed: list[tuple[str, str]] = []
    for p in done:
        states = [(w, where_holds(p, w)) for w in where]
        if all(v is not False for _, v in states):  # fails only on what is not recorded
            needed += [field_fact(proc, w.field_) for w, v in states if v is None]
    if needed:
        return Reading(ABSENCE, tuple(dict.fromkeys(needed)))
    if any(p.effective_status() is RecordStatus.unknown for p in recs):
        return Reading(UNKNOWN, (whether_performed(proc),))
    if any(p.effective_status() is RecordStatus.not_performed for p in recs) or done:
        return Reading(FACT)  # recorded as not done, or every record is recorded as not qualifying
    return Reading(ABSENCE, (whether_performed(proc),))


# ------------------------------------------------------------------------------ resolve

def resolve(reading: Reading, outcome: str, basis: RecordBasis) -> tuple[str, Optional[str]]:
    """(outcome, grounds) for a branch's outcome as read: see the table in the module docstring."""
    k = reading.kind
    if k == KEEP:
        return outcome, (FACT if outcome == "violated" else None)
    if k == FACT:
        return "violated", FACT
    if k == ABSENCE and basis is RecordBasis.complete_file:
        return "violated", ABSENCE
    return "indeterminate", None


def status_evidence(dossier: Dossier, proc: str) -> list[tuple[int, Record]]:
    """The records of a procedure that are marked 未履行 or 未知 (shown as evidence)."""
    return [(i, p) for i, p in records_of(dossier, proc) if not performed(p)]
