"""Facts: Dossier → list of flat facts for durable_rules (dates as day numbers, working days counted).

The encoding itself — the names and kinds of the properties (`case`, `is__<procedure>`, `key`,
`field_kinds`), how each kind of value is written — is engine/core/encoding.py: compile.py writes
its patterns against it, this module emits the facts under it. This module knows nothing about any rule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional

from pydantic import BaseModel

from .core.calendar import workday_ordinal
from .core.encoding import CASE, key, schema_of, tag
from .core.memo import by_identity
from .models.dossier import PROCEDURES, Catalog, Dossier, RecordStatus
from .models import enforcement

# --------------------------------------------------------------------------- encoding

def ymd(d: Optional[dt.date], month_end: bool = False) -> int:
    """yyyymmdd, -1 if not recorded: adding N*10000 moves to the same calendar day N years later.

    That is how a period of N years ends (Civil Code Art. 202): on the corresponding day, or, when
    the later year has no 29 February, on 28 February. Compared as numbers, a yyyymmdd "29
    February" of a common year falls between 28 February and 1 March, so `to > from + N*10000`
    is exactly "after the last day". With `month_end`, 28 February of a common year is encoded
    as 0229, so that a period that began on 29 February is reached on 28 February (`at least`).
    """
    if d is None:
        return -1
    day = 29 if month_end and d.month == 2 and d.day == 28 and not _leap(d.year) else d.day
    return d.year * 10000 + d.month * 100 + day


def _leap(y: int) -> bool:
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def _encoder(model: type[BaseModel], prefix: str, keep: Optional[frozenset]) -> list[tuple]:
    """(attribute, property key, kind, derived keys) for the fields a ruleset reads; built once per model.

    The derived keys are resolved here, against `keep`, so that encoding a dossier only emits:
    for a date, its __wd / __ymd / __ymde forms (or None); for an enum list, the (member, key)
    pairs of its __has__ flags; for a list of models, the (attribute, key, "all"|"any") flags."""
    def kept(k: str) -> Optional[str]:
        return k if keep is None or k in keep else None

    out = []
    for name, (kind, extra) in _model_kinds(model).items():
        k = prefix + name
        if keep is None or k in keep or (k + "__wd") in keep or (k + "__ymd") in keep or (k + "__ymde") in keep or (kind in ("enum_list", "model_list") and any(x.startswith(k + "__") for x in keep)):
            derived: Any = None
            if kind == "date":
                derived = (kept(k + "__wd"), kept(k + "__ymd"), kept(k + "__ymde"))
            elif kind == "enum_list":  # plain strings: enum .value is a slow descriptor
                derived = [(m._value_, hk) for m in extra if (hk := kept(f"{k}__has__{m._value_}"))]
            elif kind == "model_list":
                derived = [(sk, fk, mode) for sk, (kind_, _) in schema_of(extra).items() if kind_ == "bool"
                           for mode in ("all", "any") if (fk := kept(f"{k}__{mode}__{sk}"))]
            out.append((name, k, kind, derived))
    return out


_ENCODERS: dict[tuple, tuple] = {}


def _split(enc: list[tuple]) -> tuple:
    """An encoder's fields grouped by kind, so that encoding a record runs one tight loop per kind."""
    by: dict[str, list] = {k: [] for k in ("bool", "date", "text", "list", "int", "enum", "enum_list", "model_list")}
    for name, k, kind, derived in enc:
        by[kind].append((name, k, derived) if kind in ("date", "enum_list", "model_list") else (name, k))
    dates = tuple((n, k, wd, y, ye) for n, k, (wd, y, ye) in by["date"])
    return (tuple(by["bool"]), dates, tuple(by["text"]), tuple(by["list"]), tuple(by["int"]), tuple(by["enum"]),
            tuple(by["enum_list"]), tuple(by["model_list"]))


def _encode_into(out: dict[str, Any], obj: BaseModel, prefix: str = "", keep: Optional[frozenset] = None) -> None:
    ck = (type(obj), prefix, keep)
    enc = _ENCODERS.get(ck)
    if enc is None:
        enc = _ENCODERS[ck] = _split(_encoder(type(obj), prefix, keep))
    bools, dates, texts, lists, ints, enums, enum_lists, model_lists = enc
    values = obj.__dict__  # pydantic keeps field values here; reading it skips attribute lookup
    for name, k in bools:
        v = values[name]
        out[k] = -1 if v is None else int(v)
    for name, k, wd, ymd_, ymde in dates:
        v = values[name]
        out[k] = v.toordinal() if v else -1
        if wd:
            out[wd] = workday_ordinal(v) if v else -1
        if ymd_:
            out[ymd_] = ymd(v)
        if ymde:
            out[ymde] = ymd(v, month_end=True)
    for name, k in texts:
        v = values[name]
        out[k] = 1 if (v is not None and str(v).strip()) else -1
    for name, k in lists:
        out[k] = len(values[name])
    for name, k in ints:
        v = values[name]
        out[k] = -1 if v is None else v
    for name, k in enums:
        v = values[name]
        out[k] = v._value_ if v is not None else ""
    for name, k, derived in enum_lists:
        v = values[name]
        out[k] = len(v)
        if derived:
            present = {m._value_ for m in v}
            for member, hk in derived:
                out[hk] = int(member in present)
    for name, k, derived in model_lists:
        v = values[name]
        out[k] = len(v)
        for sk, fk, mode in derived:
            vals = [getattr(item, sk) for item in v]
            if mode == "all":
                out[fk] = (-1 if not vals else 0 if False in vals else -1 if None in vals else 1)
            else:
                out[fk] = (1 if True in vals else -1 if (None in vals or not vals) else 0)


@lru_cache(maxsize=None)
def _model_kinds(model: type[BaseModel]) -> dict[str, tuple[str, Any]]:
    return {n: k for n, k in schema_of(model).items() if k[0] != "literal"}


_RECORD_IDS = [f"p{i:03d}" for i in range(1000)]


def record_id(index: int) -> str:
    return _RECORD_IDS[index] if index < 1000 else f"p{index:03d}"


_EMPTY_CATALOG = Catalog()
_PERFORMED = RecordStatus.performed
_CASE_TAG = tag(CASE)
_TAGS = {p: tag(p) for p in PROCEDURES}
_CASE_TEXT = ("decision_body", "undertaking_unit", "jurisdiction", "special_procedure_basis")


@dataclass(frozen=True)
class _Plan:
    """What to_facts emits for one compiled ruleset's `keys`, worked out once (None: everything)."""

    case_keep: Optional[frozenset]
    text: tuple[str, ...]  # case text fields rules read
    category: bool
    exclusion: bool
    decision_date: bool
    counts: tuple[tuple[str, str], ...]  # (procedure, n__ key)
    record_keep: Optional[dict]  # procedure → the properties rules read (None: all)
    latest: Optional[frozenset]  # procedures whose "latest" flag rules read (None: all)
    records: Optional[frozenset] = None  # procedures some pattern reads (None: all); no other record can match
    enforcement: bool = True  # rules read the case facts of 重大执法决定 (dates, party, penalties)


@by_identity
def _plan(keys: Optional[dict]) -> _Plan:
    if keys is None:
        return _Plan(None, _CASE_TEXT, True, True, True, tuple((p, f"n__{p}") for p in PROCEDURES), None, None)
    keep = keys.get(CASE, frozenset())
    return _Plan(keep, tuple(n for n in _CASE_TEXT if n in keep), "category" in keep, "exclusion" in keep,
                 "decision_date" in keep, tuple((p, f"n__{p}") for p in PROCEDURES if f"n__{p}" in keep),
                 {p: keys.get(p, frozenset()) for p in PROCEDURES},
                 frozenset(p for p in PROCEDURES if "latest" in keys.get(p, ())),
                 frozenset(p for p in PROCEDURES if p in keys),
                 bool(keep & _ENFORCEMENT_CASE_KEYS))


def _enforcement_case_keys() -> frozenset:
    out: set[str] = set()
    for prefix, model in enforcement.CASE_PARTS.items():
        for name, (kind, extra) in schema_of(model).items():
            k = key(prefix + name)
            out |= {k, k + "__wd"}
            if kind == "enum_list":
                out |= {f"{k}__has__{m.value}" for m in extra}
    return frozenset(out)


_ENFORCEMENT_CASE_KEYS = _enforcement_case_keys()


def to_facts(dossier: Dossier, stage_rank: int, keys: Optional[dict] = None) -> list[dict[str, Any]]:
    """The dossier as facts: the `case` fact first, then one fact per procedure record.

    The case fact is also the engine's trigger: evaluate.py asserts it after the records (probe
    Q3: negation is decided once), so every rule's first pattern reads the case.

    `keys`: per fact kind, the properties the compiled ruleset reads (compile.Compiled.keys);
    others are left out, so the engine's work follows what the law asks about.
    """
    plan = _plan(keys)
    keep = plan.case_keep
    case: dict[str, Any] = {"id": CASE, _CASE_TAG: 1, "stage": stage_rank}
    _encode_into(case, dossier.triggers, keep=keep)
    _encode_into(case, dossier.catalog or _EMPTY_CATALOG, prefix="catalog__", keep=keep)
    if plan.enforcement:  # 重大执法决定: every key its rules read, also for another kind of dossier
        parts = dossier.case_parts() if isinstance(dossier, enforcement.EnforcementDossier) else enforcement.EMPTY_PARTS
        for (prefix, part), (_, empty) in zip(parts, enforcement.EMPTY_PARTS):
            _encode_into(case, part if part is not None else empty, prefix=prefix, keep=keep)
    for name in plan.text:
        v = getattr(dossier, name)
        case[name] = 1 if v and str(v).strip() else -1
    if plan.category:
        case["category"] = dossier.category._value_ if dossier.category else ""
    if plan.exclusion:
        case["exclusion"] = dossier.exclusion._value_ if dossier.exclusion else ""
    d = dossier.decision_date
    if plan.decision_date:
        case["decision_date"] = d.toordinal() if d else -1
        case["decision_date__wd"] = workday_ordinal(d) if d else -1

    counts: dict[str, int] = {}
    latest: dict[str, dt.date] = {}
    for rec in dossier.procedures:
        st = rec.effective_status()
        if st is not None and st is not _PERFORMED:
            continue  # 未履行 / 未知: not evidence that the step happened (engine/openworld.py reads them)
        t = rec.type
        counts[t] = counts.get(t, 0) + 1
        main = getattr(rec, rec.main_date, None)
        if main and (t not in latest or main > latest[t]):
            latest[t] = main
    for proc, k in plan.counts:
        case[k] = counts.get(proc, 0)

    facts = [case]
    records = plan.records
    for i, rec in enumerate(dossier.procedures):
        st = rec.effective_status()
        if st is not None and st is not _PERFORMED:
            continue
        t = rec.type
        if records is not None and t not in records:  # every pattern starts with its procedure's tag
            continue  # (compile._referenced_keys): a record of a procedure no rule names matches nothing
        fact: dict[str, Any] = {"id": record_id(i), _TAGS[t]: 1, "one": 1}
        _encode_into(fact, rec, keep=plan.record_keep[t] if plan.record_keep is not None else None)
        # Ties share "latest" so the result cannot depend on the order records are listed in.
        if plan.latest is None or t in plan.latest:
            main = getattr(rec, rec.main_date, None)
            fact["latest"] = int(t not in latest or (main is not None and main == latest[t]))
        if len(fact) > 250:  # durable_rules segfaults beyond 254 properties (probe Q6)
            raise RuntimeError(f"fact {fact['id']} has {len(fact)} properties")
        facts.append(fact)
    return facts
