"""The third kind of dossier: a major administrative enforcement decision (重大执法决定), as legal staff write it.

`案卷类型: 重大执法决定` / `document_kind: major_enforcement_decision`. The procedure is the
《中华人民共和国行政处罚法》(2021) ordinary procedure with its hearing: investigation (Arts. 42,
54–55), notice of the proposed penalty and of rights (Art. 44), statement and defence (Art. 45),
hearing (Arts. 63–65), legal review (法制审核, Art. 58), the heads' collective discussion (Art. 57
¶2), the decision document (Art. 59) within 90 days of 立案 (Art. 60), service (Art. 61),
publication (Art. 48) and the full-process record (Art. 47).

The vocabulary is data, like models/dossier.py's: the enums, parts, records and the dossier are
declared in rulesets/vocabulary/enforcement.yaml and built by models/vocabulary.py (what the
dossier does beyond holding fields, filling in dates the records show, is
behaviour.EnforcementDossierBase). Chinese keys first (`field(zh=...)`), English aliases,
enums with Chinese labels, and the same three states for what a dossier does not say (yes / no /
not recorded). Party data are kept to what the checks need: whether the party is a person or an
organisation, and a name; no identity numbers, addresses or contact details.

The records join the engine's procedure registry (models/dossier.PROCEDURES) under names of their
own, so the compiler, facts and findings treat them like every other record; the dossier itself
(`EnforcementDossier`) is chosen by load.py from `案卷类型`.
"""

from __future__ import annotations

from typing import Any, Optional

from .base import Code, RequiredCode, ZhBool, ZhDate, ZhEnum, ZhModel, field, zh_enum, zh_enum_list  # noqa: F401
from . import vocabulary as _vocabulary

KIND = "major_enforcement_decision"

_built = _vocabulary.build()
globals().update(_built.names[__name__])  # the enums and models, in the declaration's order
# what this kind shares with the decision's vocabulary (declared in decision.yaml, open-world.yaml), from
# the same build, so that this module does not import models/dossier.py (which imports this one)
_shared = _built.names[_vocabulary.MODULES["mad"]]
DocumentKind, Record, RecordBasis, Source, Stage, Waiver = (_shared[n] for n in ("DocumentKind", "Record", "RecordBasis", "Source", "Stage", "Waiver"))

PenaltyKind: Any
PartyKind: Any
ReviewResult: Any
DecisionResult: Any
RecordStep: Any
Party: Any
Penalty: Any
Officer: Any
EnforcementTriggers: Any
CaseDates: Any
EnforcementDossier: Any

ENFORCEMENT_PROCEDURES: dict[str, type] = dict(_built.procedures[KIND])
ENFORCEMENT_PROCEDURE_ZH: dict[str, tuple[str, ...]] = dict(_built.procedure_zh[KIND])
TYPE_LOOKUP = _built.lookups[KIND]  # type: ignore[attr-defined]

#: the dossier's records: the discriminated union its `procedures` field holds
EnforcementRecord = EnforcementDossier.model_fields["procedures"].annotation.__args__[0]  # type: ignore[union-attr]


def _zh(name: str) -> str:
    return ENFORCEMENT_PROCEDURE_ZH.get(name, (name,))[0]


def _normalise_type(value: Any) -> Any:
    return EnforcementDossier._normalise(value)


#: the top-level fields that make up the case fact's dates (the same names as CaseDates)
DATE_FIELDS = tuple(CaseDates.model_fields)


# The case fact's parts, as models (facts.field_kinds, docs): prefix → model
CASE_PARTS: dict[str, type[ZhModel]] = {"": CaseDates, "party.": Party, "proposed.": Penalty, "decided.": Penalty}
EMPTY_PARTS: tuple[tuple[str, ZhModel], ...] = (("", CaseDates()), ("party__", Party()), ("proposed__", Penalty()), ("decided__", Penalty()))

_CASE_LABEL_PREFIX = {"party.": "当事人·", "proposed.": "拟处罚·", "decided.": "决定处罚·"}


def case_label_zh(fact: str) -> Optional[str]:
    """The Chinese label of a case fact of this kind, or None if the fact is not one."""
    if fact in EnforcementTriggers.model_fields:
        return EnforcementTriggers.zh_name(fact)
    for prefix, model in CASE_PARTS.items():
        if prefix and fact.startswith(prefix):
            rest = fact[len(prefix):]
            head = rest.split(".")[0]
            if head in model.model_fields:
                label = _CASE_LABEL_PREFIX[prefix] + model.zh_name(head)
                if rest.startswith(head + ".has."):
                    member = rest.split(".")[-1]
                    label += f"·包含“{PenaltyKind(member).zh if member in PenaltyKind._value2member_map_ else member}”"
                return label
    if fact in CaseDates.model_fields:
        return CaseDates.zh_name(fact)
    return None


def case_value(dossier: EnforcementDossier, fact: str) -> Any:
    """The dossier's value for a case fact of this kind (what evidence shows)."""
    if fact in EnforcementTriggers.model_fields:
        return getattr(dossier.triggers, fact)
    for prefix in ("party.", "proposed.", "decided."):
        if fact.startswith(prefix):
            part = getattr(dossier, prefix[:-1])
            rest = fact[len(prefix):].split(".")
            v = getattr(part, rest[0], None) if part is not None else None
            if len(rest) == 3 and rest[1] == "has":
                return any(getattr(m, "value", m) == rest[2] for m in (v or []))
            return v
    return getattr(dossier, fact, None)


def case_source(fact: str) -> str:
    if fact in EnforcementTriggers.model_fields:
        return f"triggers.{fact}"
    return fact.split(".has.")[0]


def dossier_model_for(obj: Any) -> type[ZhModel]:
    """The model a raw dossier mapping is validated with: this kind's, when `案卷类型` names it."""
    if isinstance(obj, dict):
        raw = obj.get("document_kind", obj.get("案卷类型"))
        if isinstance(raw, str) and DocumentKind.parse(raw) is DocumentKind.major_enforcement_decision:
            return EnforcementDossier
    return _shared["Dossier"]


__all__ = [n for n in dir() if not n.startswith("_")]
