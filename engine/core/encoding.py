"""The fact encoding: how a dossier's values are named and typed as durable_rules facts.

Both sides of the engine depend on it and neither owns it: compile.py writes patterns against
these names, facts.py emits facts under them, and the check kinds (engine/checks/) and labels
(engine/prose/) read the schema. One `case` fact (`is__case: 1`) holds the dossier-level
assertions; one fact per procedure record (`is__<procedure>: 1`, see `tag`). Every value is
encoded so that the rules never meet a missing property (a bare `$nex` hangs the engine, probe
Q6) and never meet free text (no user string reaches the engine, so no size limit or injection
can):

    bool   →  1 true, 0 false, -1 not recorded
    date   →  day ordinal, -1 not recorded; plus `<name>__wd`, the working-day ordinal (-1 unknown),
              and, for periods counted in years, `<name>__ymd` = yyyymmdd and `<name>__ymde` (the
              same, but 28 February of a common year counts as 0229: the month's last day)
    text   →  1 recorded, -1 not recorded
    list   →  number of items
    enum   →  its value, "" not recorded
    int    →  its value, -1 not recorded
    list of enums        →  `<name>__has__<value>` 1/0 for every member
    list of sub-records  →  `<name>__all__<bool>` and `<name>__any__<bool>` (1/0/-1)

`field_kinds` is the same schema as data, so the compiler can refuse a rule that names a field the
dossier format does not have. This module knows nothing about any rule and nothing about a dossier's
values (facts.to_facts encodes those).
"""

from __future__ import annotations

import datetime as dt
import enum
import typing
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from ..models.base import unwrap
from ..models.dossier import PROCEDURES, Catalog, Triggers
from ..models import enforcement

CASE = "case"
RESERVED = {"id", "one", "sid", "latest", "stage"}  # engine-owned fact properties (and every is__<kind>)
TAG = "is__"


def field_kind(annotation: Any) -> tuple[str, Any]:
    """A model field's annotation → (kind, detail): ("enum", the enum), ("model_list", the item model), ("date", None) …"""
    t = unwrap(annotation)
    origin = typing.get_origin(t)
    if origin is list:
        inner = unwrap(typing.get_args(t)[0])
        if isinstance(inner, type) and issubclass(inner, enum.Enum):
            return "enum_list", inner
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return "model_list", inner
        return "list", None
    if t is bool:
        return "bool", None
    if t is dt.date:
        return "date", None
    if t is int:
        return "int", None
    if isinstance(t, type) and issubclass(t, enum.Enum):
        return "enum", t
    if typing.get_origin(t) is typing.Literal:
        return "literal", None
    return "text", None


def tag(kind: str) -> str:
    """The property that says what a fact is: `is__case`, `is__session`, `is__<procedure>`, valued 1.

    A name rather than a value (`kind: rec, proc: hearing`): durable_rules' alpha network finds a
    node's children by the hash of a property's *name* and then compares values one child at a
    time, so seventeen `proc == …` children cost seventeen comparisons for every record, where a
    name costs one hash probe (measured: about a tenth of the engine's time)."""
    return TAG + kind


def schema_of(model: type[BaseModel], prefix: str = "") -> dict[str, tuple[str, Any]]:
    """field name (with `prefix`) → field_kind, for the fields of a model that become fact properties."""
    out: dict[str, tuple[str, Any]] = {}
    for name, info in model.model_fields.items():
        if name in ("type", "ref", "note", "status", "sources"):  # status: read by facts.to_facts itself
            continue
        assert name not in RESERVED and not name.startswith(TAG), f"{model.__name__}.{name} would overwrite an engine fact property"
        kind, extra = field_kind(info.annotation)
        out[prefix + name] = (kind, extra)
    return out


@lru_cache(maxsize=1)
def field_kinds() -> dict[str, dict[str, str]]:
    """procedure → {field path as rules write it → kind}. `case` is the dossier itself."""
    schema: dict[str, dict[str, str]] = {}
    for proc, model in PROCEDURES.items():
        kinds: dict[str, str] = {"latest": "bool"}
        for name, (kind, extra) in schema_of(model).items():
            if kind == "enum_list":
                kinds[name] = "list"
                for member in extra:
                    kinds[f"{name}.has.{member.value}"] = "bool"
            elif kind == "model_list":
                kinds[name] = "list"
                for sub, (sub_kind, _) in schema_of(extra).items():
                    if sub_kind == "bool":
                        kinds[f"{name}.all.{sub}"] = "bool"
                        kinds[f"{name}.any.{sub}"] = "bool"
            elif kind != "literal":
                kinds[name] = kind
        schema[proc] = kinds
    case: dict[str, str] = {}
    for name, (kind, _) in schema_of(Triggers).items():
        case[name] = kind
    for name, (kind, _) in schema_of(Catalog).items():
        case[f"catalog.{name}"] = kind
    for name in ("decision_body", "undertaking_unit", "jurisdiction", "special_procedure_basis"):
        case[name] = "text"
    # 重大执法决定: its triggers, its dates, the party and the penalties proposed and decided
    for name, (kind, _) in schema_of(enforcement.EnforcementTriggers).items():
        case[name] = kind
    for prefix, model in enforcement.CASE_PARTS.items():
        for name, (kind, extra) in schema_of(model).items():
            case[prefix + name] = "list" if kind == "enum_list" else kind
            if kind == "enum_list":
                for member in extra:
                    case[f"{prefix}{name}.has.{member.value}"] = "bool"
    case.update({"category": "enum", "exclusion": "enum", "decision_date": "date"})
    schema[CASE] = case
    return schema


def key(path: str) -> str:
    """A rule's dotted field path → the flat property name in a fact (dots would mean nesting)."""
    return path.replace(".", "__")
