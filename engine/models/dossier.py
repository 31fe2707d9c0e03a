"""Dossier (案卷): the facts of one major administrative decision, as legal staff write them.

The vocabulary is data: the enums, the sub-models, the procedure records and the dossier are
declared in rulesets/vocabulary/*.yaml (decision.yaml, normative-documents.yaml, sector.yaml,
open-world.yaml, and any ruleset folder's own vocabulary.yaml) and built by models/vocabulary.py;
this module gives them the names the engine imports (`from engine.models.dossier import Stage,
LegalityReview, Dossier`). What they do beyond holding fields is models/behaviour.py. Every field
has a Chinese key (see `field(zh=...)`); enum values have Chinese labels. The fields follow
requirements-brief §6.3 ("minimum dossier schema"): triggers are explicit assertions, never
inferred defaults (brief §6.1).
"""

from __future__ import annotations

from typing import Any, Optional

from .base import Code, RequiredCode, Text, ZhBool, ZhDate, ZhEnum, ZhModel, field, written_as, zh_enum, zh_enum_list  # noqa: F401
from . import vocabulary as _vocabulary

_built = _vocabulary.build()
globals().update(_built.names[__name__])  # the enums and models, in the declaration's order

Stage: Any
Category: Any
Exclusion: Any
PPMethod: Any
MeetingType: Any
Conclusion: Any
ReviewForm: Any
ReviewTopic: Any
RiskLevel: Any
View: Any
Channel: Any
BodyLevel: Any
DocumentKind: Any
RecordBasis: Any
RecordStatus: Any
SourceKind: Any
MajorStatus: Any
MaterialItem: Any
Catalog: Any
Triggers: Any
Expert: Any
Source: Any
Waiver: Any
Record: Any
CollectiveDiscussion: Any
Dossier: Any

_STAGE_RANK = {s: i for i, s in enumerate(Stage)}  # position in the procedure's order


def unknown_stage(text: str) -> tuple[str, str]:
    """The (zh, en) message for a stage name that is none of Stage's: every command says the same."""
    names = "、".join(f"{s.zh}（{s.value}）" for s in Stage)
    return (f"未知阶段“{text}”，可用：{names}", f"unknown stage '{text}'; use one of: {', '.join(s.value for s in Stage)}")


#: {record type: record model} of a 重大行政决策 / 行政规范性文件 dossier (the enforcement kind's join below)
PROCEDURES: dict[str, type] = dict(_built.procedures["mad"])
PROCEDURE_ZH: dict[str, tuple[str, ...]] = dict(_built.procedure_zh["mad"])
#: {every name a record type of this kind is written with: its type value}
TYPE_LOOKUP: dict[str, str] = _built.lookups["mad"]  # type: ignore[attr-defined]

#: the dossier's records: the discriminated union its `procedures` field holds
ProcedureRecord = Dossier.model_fields["procedures"].annotation.__args__[0]  # type: ignore[union-attr]


def procedure_zh(name: str) -> str:
    return PROCEDURE_ZH.get(name, (name,))[0]


def _procedure_tag(value: Any) -> Optional[str]:
    from .behaviour import procedure_tag
    return procedure_tag(TYPE_LOOKUP)(value)


def _normalise_type(value: Any) -> Any:
    return Dossier._normalise(value)


# The third kind (重大执法决定) has its own vocabulary file (rulesets/vocabulary/enforcement.yaml) and
# module (models/enforcement.py, which does not import this one); its records join the registry here, so the compiler, facts and
# findings know them (a 重大行政决策 dossier does not accept them: its union holds its own kind's records).
from .enforcement import ENFORCEMENT_PROCEDURE_ZH, ENFORCEMENT_PROCEDURES  # noqa: E402

PROCEDURES.update(ENFORCEMENT_PROCEDURES)
# Names both kinds use (听证、集体讨论、公布、归档) keep meaning the decision's record wherever the kind
# is not known (specs, docs); an enforcement dossier reads them with its own table (enforcement.TYPE_LOOKUP).
_DECISION_NAMES = {n for names in PROCEDURE_ZH.values() for n in names}
PROCEDURE_ZH.update({k: tuple(n for n in names if n not in _DECISION_NAMES) for k, names in ENFORCEMENT_PROCEDURE_ZH.items()})

__all__ = [n for n in dir() if not n.startswith("_")]
