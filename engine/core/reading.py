"""Reading a dossier's values by the names rules use: a case fact (`catalog.included`,
`party.kind`), a record by its fact id (`p003`), the records of a procedure that count.

The findings, the open-world readings and the check kinds all ask the dossier the same questions;
this is the one answer. Nothing here encodes (engine/core/encoding.py) or phrases (engine/prose/).
"""

from __future__ import annotations

from typing import Any, Optional

from ..models.dossier import Dossier, Record, RecordStatus, Triggers
from ..models import enforcement

_PERFORMED = RecordStatus.performed


def case_value(dossier: Dossier, fact: str) -> Any:
    """The dossier's value of a case fact a rule names (None: not recorded)."""
    if isinstance(dossier, enforcement.EnforcementDossier):
        return enforcement.case_value(dossier, fact)
    if fact.startswith("catalog."):
        return getattr(dossier.catalog, fact.split(".", 1)[1], None) if dossier.catalog else None
    if fact in Triggers.model_fields:
        return getattr(dossier.triggers, fact)
    return getattr(dossier, fact, None)


def case_source(fact: str) -> str:
    """Where in the dossier a case fact is read: `triggers.public_interest`, `catalog`, `party.kind` …"""
    if fact.startswith("catalog."):
        return "catalog"
    if fact in Triggers.model_fields:
        return f"triggers.{fact}"
    if enforcement.case_label_zh(fact):
        return enforcement.case_source(fact)
    return fact


def record_of(dossier: Dossier, fact_id: str) -> Optional[Record]:
    """The procedure record a fact id (`p003`, facts.record_id) stands for."""
    if fact_id.startswith("p") and fact_id[1:].isdigit():
        i = int(fact_id[1:])
        if i < len(dossier.procedures):
            return dossier.procedures[i]
    return None


def performed_count(dossier: Dossier, proc: str) -> int:
    """How many records of a procedure the dossier has that are not marked 未履行 / 未知."""
    return sum(1 for p in dossier.procedures if p.type == proc and p.effective_status() in (None, _PERFORMED))
