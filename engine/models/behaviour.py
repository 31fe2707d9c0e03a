"""What the vocabulary's models do beyond holding fields: the Python a declaration names.

The fields, enums and record types are data (rulesets/vocabulary/*.yaml, built by vocabulary.py).
What stays Python is generic and driven by the declaration: the behaviour a declared model names
(`behaviour: record`, `decision_dossier`, …, the bases below) and the named derivations a model
lists (`derive: [first_quarter]`). Declarative constraints (`dates_in_order`,
`not_performed_when`, a dossier field's `split`/`list_into`/`requires`) are turned into validators
by vocabulary.py. Record types are named by their `type` value, never by Python class.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Callable, ClassVar, Optional

from pydantic import PrivateAttr, model_validator

from .base import ZhEnum, ZhModel, written_as


def named(name: str) -> Any:
    """A built enum or model by its declared name (models/vocabulary.py): behaviour reads the
    vocabulary's own types without importing the modules that expose them (models/dossier.py,
    models/enforcement.py), which import this one."""
    from .vocabulary import build
    return build().by_name[name]

# ------------------------------------------------------------------------------------ enums


class StageBase(ZhEnum):
    """`behaviour: stage`: a stage knows its place in the procedure's order."""

    @property
    def rank(self) -> int:
        table = type(self).__dict__.get("_rank_table")
        if table is None:
            table = {s: i for i, s in enumerate(type(self))}
            setattr(type(self), "_rank_table", table)
        return table[self]


# ---------------------------------------------------------------------------- sub-models


class SourceBase(ZhModel):
    """`behaviour: source`: where a dossier or a record was read from (docs/open-world.md)."""

    def cite(self) -> str:
        """One line a lawyer can follow: 类型《名称》（文号，日期）网址."""
        kind, name, ref, date, url = (getattr(self, k, None) for k in ("kind", "name", "ref", "date", "url"))
        parts = [kind.zh if kind else ""]
        if name:
            parts.append(f"《{name}》")
        inner = "，".join(x for x in (ref, date.isoformat() if date else None) if x)
        if inner:
            parts.append(f"（{inner}）")
        if url:
            parts.append(url)
        return "".join(parts) or "—"


def _mentions_enum(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, ZhEnum):
        return True
    return any(_mentions_enum(a) for a in getattr(annotation, "__args__", None) or ())


def _enum_keys(cls: type) -> dict[str, str]:
    """{every key a record of cls may write a field with: the field}, for the fields that hold ZhEnums
    (the only values `written_as` can differ from); once per class."""
    enum_fields = {n for n, info in cls.model_fields.items() if _mentions_enum(info.annotation)}
    keys = {k: v for k, v in cls._zh_to_en.items() if v in enum_fields}
    keys.update({n: n for n in enum_fields if n not in cls._zh_to_en})  # as `_zh_to_en.get(k, k)` reads
    cls._enum_keys = keys
    return keys


class RecordBase(ZhModel):
    """`behaviour: record`: common to every procedure record."""

    #: the field holding the record's main date (used for ordering and "latest"); `main_date:` in the declaration
    main_date: ClassVar[str] = "date"
    #: {field: the text as written} for values read through a synonym or an enum's `phrasings`
    #: (rulesets/vocabulary): evidence shows what the file says, the rules read the value
    _written: dict = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_written(cls, data: Any, handler: Any) -> Any:
        obj = handler(data)
        if isinstance(data, dict) and isinstance(obj, RecordBase):
            keys = type(obj).__dict__.get("_enum_keys")
            if keys is None:
                keys = _enum_keys(type(obj))
            hit = keys.keys() & data.keys()  # only an enum field (or a list of one) can be read from other words
            if not hit:
                return obj
            for k in (hit if len(hit) == 1 else [k for k in data if k in hit]):  # in the file's order
                name, v = keys[k], data[k]
                if isinstance(v, str) or (isinstance(v, list) and v and isinstance(v[0], str)):
                    got = getattr(obj, name, None)
                    if isinstance(got, ZhEnum):
                        w = written_as(got, v)
                    elif isinstance(got, list) and isinstance(v, list) and len(got) == len(v) and any(written_as(g, t) for g, t in zip(got, v)):
                        w = "、".join(str(t).strip() for t in v)
                    else:
                        w = None
                    if w:
                        obj._written[name] = w
        return obj

    def effective_status(self) -> Any:
        """The record's status as the engine reads it (docs/open-world.md); None is 已履行."""
        return self.status  # type: ignore[attr-defined]


# ------------------------------------------------------------- record type discrimination


def type_lookup(names: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """{every name a record type is written with: its `type` value}: the kind's own names, and the values."""
    return {zh: en for en, zhs in names.items() for zh in zhs} | {en: en for en in names}


def procedure_tag(lookup: dict[str, str]) -> Callable[[Any], Optional[str]]:
    """The discriminator: which record type a raw record (or a record object) is."""
    def tag(value: Any) -> Optional[str]:
        if isinstance(value, dict):
            raw = value.get("type", value.get("类型"))
            return lookup.get(str(raw).strip()) if raw is not None else None
        return getattr(value, "type", None)
    return tag


def normalise_type(lookup: dict[str, str]) -> Callable[[Any], Any]:
    """A raw record with its `类型` written in Chinese gets the type value (`听证会` → hearing)."""
    def normalise(value: Any) -> Any:
        if isinstance(value, dict):
            for key in ("type", "类型"):
                if key in value and str(value[key]).strip() in lookup:
                    value = dict(value)
                    value[key] = lookup[str(value[key]).strip()]
        return value
    return normalise


#: where a list written as one string is split (a dossier field declared `split: true`)
SPLIT = re.compile(r"[、，,；;]")


class DossierBase(ZhModel):
    """What every dossier kind does, driven by its declaration (set by vocabulary.py on the built class):
    `_record_keys` the keys of the records field, `_normalise` the record-type normaliser,
    `_split_keys` the keys of list fields that may be written as one string, `_list_into`
    {keys of a text field that may be written as a list: (keys of the list field it fills, its name)},
    `_requires` [(field, value, required field, error)]."""

    _record_keys: ClassVar[tuple[str, ...]] = ()
    _normalise: ClassVar[Any] = None
    _split_keys: ClassVar[tuple[str, ...]] = ()
    _list_into: ClassVar[tuple[tuple[tuple[str, ...], tuple[str, ...], str], ...]] = ()
    _requires: ClassVar[tuple[tuple[str, str, str, str], ...]] = ()

    @model_validator(mode="before")
    @classmethod
    def _lists(cls, data: Any) -> Any:
        """A list field written as one string (事项领域: 政府定价、城乡规划); a text field written as a
        list that fills a list field (决策机关 as a list = a joint decision, 联合发文)."""
        if isinstance(data, dict):
            for key in cls._split_keys:
                if isinstance(data.get(key), str):
                    data = dict(data, **{key: [x.strip() for x in SPLIT.split(data[key]) if x.strip()]})
            for keys, into, into_name in cls._list_into:
                for key in keys:
                    if isinstance(data.get(key), list):
                        items = [str(x).strip() for x in data[key] if str(x).strip()]
                        data = dict(data, **{key: "、".join(items)})
                        if not any(k in data for k in into):
                            data[into_name] = items
        return data

    @model_validator(mode="after")
    def _required_with(self) -> Any:
        for name, value, needed, error in self._requires:
            got = getattr(self, name, None)
            if got is not None and getattr(got, "value", got) == value and not (getattr(self, needed, None) or "").strip():
                raise ValueError(error)
        return self

    @model_validator(mode="before")
    @classmethod
    def _normalise_procedure_types(cls, data: Any) -> Any:
        if isinstance(data, dict) and cls._normalise is not None:
            for key in cls._record_keys:
                if isinstance(data.get(key), list):
                    data = dict(data)
                    data[key] = [cls._normalise(v) for v in data[key]]
        return data

    def effective_stage(self) -> Any:
        return self.stage or named("Stage").completed  # type: ignore[attr-defined]

    def basis_of(self) -> Any:
        return self.record_basis or named("RecordBasis").complete_file  # type: ignore[attr-defined]

    def effective_date(self) -> Optional[dt.date]:
        """The date a ruleset is chosen for."""
        return self.effective_date_basis()[0]  # type: ignore[attr-defined]


# ------------------------------------------------------------------ the decision dossier

FORWARD_DATES = frozenset({"effective_date", "expiry_date"})  # dates a document looks ahead to, not steps taken


def dates_of(record: Any) -> list[dt.date]:
    """Dates on which a procedure step was taken (a validity end date in 2025 is not one)."""
    return [v for k, v in record.__dict__.items() if isinstance(v, dt.date) and k not in FORWARD_DATES]


def _performed(p: Any) -> bool:
    return p.status is None or p.status.value == "performed"


class DecisionDossierBase(DossierBase):
    """`behaviour: decision_dossier`: one major administrative decision (or normative document)."""

    def bodies(self) -> list[str]:
        """The decision bodies: several for a joint decision, else the one named."""
        if self.decision_bodies:  # type: ignore[attr-defined]
            return list(self.decision_bodies)  # type: ignore[attr-defined]
        return [self.decision_body] if self.decision_body else []  # type: ignore[attr-defined]

    def incoherent_dates(self) -> list[tuple[str, str]]:
        """(zh, en) for dates that cannot both be right: a decision dated before the meeting that made it."""
        out = []
        decision_date = self.decision_date  # type: ignore[attr-defined]
        if decision_date:
            meetings = [(i, p) for i, p in enumerate(self.procedures)  # type: ignore[attr-defined]
                        if p.type == "collective_discussion" and p.date and _performed(p)]
            if meetings and all(p.date > decision_date for _, p in meetings):
                i, p = min(meetings, key=lambda x: x[1].date)
                out.append((f"决策日期（{decision_date}）早于集体讨论的会议日期（{p.date}，程序第{i + 1}项）：决定不能早于作出它的会议，请核对两个日期",
                            f"the decision date ({decision_date}) is before the meeting that made it ({p.date}, procedure {i + 1}): check both dates"))
        return out

    def effective_date_basis(self) -> tuple[Optional[dt.date], str, str]:
        """The date a ruleset is chosen for, and what that date is (zh, en)."""
        if self.decision_date:  # type: ignore[attr-defined]
            return self.decision_date, "决策日期", "decision date"  # type: ignore[attr-defined]
        meetings = [p.date for p in self.procedures if p.type == "collective_discussion" and p.date]  # type: ignore[attr-defined]
        if meetings:
            return max(meetings), "集体讨论日期（案卷未载明决策日期）", "meeting date (no decision date given)"
        dates = [d for p in self.procedures for d in dates_of(p)]  # type: ignore[attr-defined]
        if dates:
            return max(dates), "已到阶段最近一项程序的日期（案卷未载明决策日期）", "date of the latest procedure reached (no decision date given)"
        return None, "（案卷无任何日期）", "(the dossier gives no date)"

    def kind_of(self) -> str:
        return self.document_kind.value if self.document_kind else "mad"  # type: ignore[attr-defined]


# ------------------------------------------------------------- the enforcement dossier


class EnforcementDossierBase(DossierBase):
    """`behaviour: enforcement_dossier`: one major administrative enforcement decision (a 行政处罚 case)."""

    KIND: ClassVar[str] = "major_enforcement_decision"

    #: what `_derive` filled in: ("", field) for the dossier's own, (index, field) for a record's
    _derived: set = PrivateAttr(default_factory=set)

    # What the engine reads from every kind of dossier (check.py, facts.py, the audit): the
    # enforcing body stands where a decision has its decision body; the rest does not apply.
    category: ClassVar[None] = None
    exclusion: ClassVar[None] = None
    catalog: ClassVar[None] = None
    undertaking_unit: ClassVar[None] = None
    special_procedure_basis: ClassVar[None] = None
    decision_body_level: ClassVar[None] = None  # Decree 713 Art. 42's levels do not apply to enforcement
    major: ClassVar[None] = None  # whether the case is major is what the Art. 58 triggers (情形) say

    @property
    def decision_body(self) -> Optional[str]:
        return self.enforcing_body  # type: ignore[attr-defined]

    def bodies(self) -> list[str]:
        return [self.enforcing_body] if self.enforcing_body else []  # type: ignore[attr-defined]

    @model_validator(mode="after")
    def _derive(self) -> Any:
        """Dates and judgements the records show, filled in where the dossier leaves them out."""
        if self.filing_date and self.decision_date and self.decision_date < self.filing_date:  # type: ignore[attr-defined]
            raise ValueError("end_before_start:decision_date:filing_date")

        derived = self._derived
        procedures = self.procedures  # type: ignore[attr-defined]

        def last(kind: str, attr: str = "date") -> Optional[dt.date]:
            dates = [getattr(p, attr) for p in procedures if p.type == kind and getattr(p, attr)]
            return max(dates) if dates else None

        def fill(obj: Any, name: str, value: Any, where: Any) -> None:
            # only where the key is left out: one written empty (`立案日期:`) says "not recorded"
            if getattr(obj, name) is None and value is not None and name not in obj.model_fields_set:
                setattr(obj, name, value)
                derived.add((where, name))

        fill(self, "notice_date", last("penalty_notice"), "")
        fill(self, "decision_date", last("decision_document"), "")
        fill(self, "service_date", last("service"), "")
        for i, p in enumerate(procedures):
            if p.type == "decision_document":
                fill(p, "filing_date", self.filing_date, i)  # type: ignore[attr-defined]
            elif p.type == "service":
                fill(p, "announced_date", self.decision_date, i)  # type: ignore[attr-defined]
            elif p.type == "penalty_hearing":
                fill(p, "rights_notice_date", self.notice_date, i)  # type: ignore[attr-defined]
            elif p.type == "investigation" and p.officers and ("two_officers" not in p.model_fields_set):
                derived.add((i, "two_officers"))
        t = self.triggers  # type: ignore[attr-defined]
        proposed, decided = self.proposed, self.decided  # type: ignore[attr-defined]
        if t.heavier_than_proposed is None and proposed and decided:
            if proposed.fine_amount is not None and decided.fine_amount is not None:
                heavier: Optional[bool] = (decided.fine_amount > proposed.fine_amount
                                           or bool(set(decided.kinds) - set(proposed.kinds)))
            elif proposed.kinds and decided.kinds:
                heavier = bool(set(decided.kinds) - set(proposed.kinds))
            else:
                heavier = None
            fill(t, "heavier_than_proposed", heavier, "triggers")
        return self

    def dump_given(self) -> dict:
        """The dossier as plain data (English keys) without what `_derive` worked out: what was written."""
        out = self.model_dump(mode="json", exclude_none=True)
        for where, name in self._derived:
            part = out if where == "" else out.get("triggers", {}) if where == "triggers" else out["procedures"][where]
            part.pop(name, None)
        return out

    def kind_of(self) -> str:
        return self.KIND

    def effective_date_basis(self) -> tuple[Optional[dt.date], str, str]:
        """The date a ruleset is chosen for: the decision date, else the latest step's date."""
        if self.decision_date:  # type: ignore[attr-defined]
            return self.decision_date, "处罚决定日期", "decision date"  # type: ignore[attr-defined]
        dates = [v for p in self.procedures for v in p.__dict__.values() if isinstance(v, dt.date)]  # type: ignore[attr-defined]
        dates += [d for d in (self.filing_date, self.investigation_end_date, self.notice_date) if d]  # type: ignore[attr-defined]
        if dates:
            return max(dates), "已到阶段最近一项程序的日期（案卷未载明处罚决定日期）", "date of the latest step reached (no decision date given)"
        return None, "（案卷无任何日期）", "(the dossier gives no date)"

    def case_parts(self) -> tuple[tuple[str, Optional[ZhModel]], ...]:
        """(prefix, sub-model) pairs the case fact is encoded from, besides `triggers` (see facts.py)."""
        dates = named("CaseDates")
        return (("", dates.model_construct(**{n: getattr(self, n) for n in dates.model_fields})),
                ("party__", self.party), ("proposed__", self.proposed), ("decided__", self.decided))  # type: ignore[attr-defined]


#: `behaviour: NAME` of an enum in a declaration: its base class
ENUM_BEHAVIOURS: dict[str, type] = {"stage": StageBase}
#: `behaviour: NAME` of a part, a record base or a dossier: its base class
MODEL_BEHAVIOURS: dict[str, type] = {"source": SourceBase, "record": RecordBase,
                                     "decision_dossier": DecisionDossierBase, "enforcement_dossier": EnforcementDossierBase}
BEHAVIOURS: dict[str, type] = {**ENUM_BEHAVIOURS, **MODEL_BEHAVIOURS}


# ----------------------------------------------------------------- named derivations

def _first_quarter(self: Any) -> Any:
    """一季度公布: worked out from 年度 and 公布日期 when both are given (713 Art. 3 para. 3)."""
    if self.published_in_first_quarter is None and self.year and self.published_date:
        self.published_in_first_quarter = self.published_date <= dt.date(self.year, 3, 31)
    return self


def _two_officers(self: Any) -> Any:
    """执法人员不少于两人: worked out from the officers listed (行政处罚法 Art. 42 para. 1)."""
    if self.two_officers is None and self.officers and "two_officers" not in self.model_fields_set:
        # the law's own words: 执法人员不得少于两人 (set in __dict__: worked out, not written)
        self.__dict__["two_officers"] = len(self.officers) >= 2
    return self


#: `derive: [name]` in a declaration: a derivation run after the model is validated
DERIVATIONS: dict[str, Callable[[Any], Any]] = {"first_quarter": _first_quarter, "two_officers": _two_officers}


def differs(target: str, a: str, b: str) -> Callable[[Any], Any]:
    """`derive: [{differs: X, of: [A, B]}]`: X, when not given, is whether A and B (both given) differ."""
    def derive(self: Any) -> Any:
        if getattr(self, target) is None and getattr(self, a) and getattr(self, b):
            setattr(self, target, getattr(self, a) != getattr(self, b))
        return self
    return derive


def dates_in_order(pairs: list[tuple[str, str]]) -> Callable[[Any], Any]:
    """`dates_in_order: [[earlier, later]]`: a later date before the earlier one is refused (end_before_start)."""
    def check(self: Any) -> Any:
        for earlier, later in pairs:
            e, lt = getattr(self, earlier), getattr(self, later)
            if e and lt and lt < e:
                raise ValueError(f"end_before_start:{later}:{earlier}")
        return self
    return check


def not_performed_when(conditions: dict[str, Any]) -> Callable[[Any], Any]:
    """`not_performed_when: {held: false}`: a record whose fields say so is a step not performed (absent 状态)."""
    def effective_status(self: Any) -> Any:
        if self.status is None and all(getattr(self, k) is v for k, v in conditions.items()):
            return named("RecordStatus").not_performed
        return self.status
    effective_status.__doc__ = "The record's status as the engine reads it: one its fields show not performed is so (docs/open-world.md)."
    return effective_status
