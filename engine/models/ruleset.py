"""Ruleset language: the contract for `rulesets/**.yaml` (law as data; no expressions, no code).

A rule says which article it encodes (`basis`), when it applies (`when` / `unless`, over the
dossier's assertions), from which stage it is due (`due`), and one or more `checks` drawn from a
small vocabulary modelled on Declare templates:

    required   a procedure record exists                      (existence)
    precedes   every B record has an A record dated before it  (precedence)
    order      inside one record, date `first` < date `then`
    duration   between two dates of a record, at least / at most N calendar days, working days or years
    elements   a record (or the dossier) carries the listed elements
    forbidden  these records must not exist together           (not-coexistence)
    latest_before  the last A before each B must not match     (e.g. no meeting on an unlawful review)

What each kind means to the engine (its durable_rules patterns, evidence, prose and only-tighten
comparison) is in one file per kind, engine/checks/<kind>.py, found through engine/checks/__init__.py.

Numbers are never written in a rule: they are named `parameters` of the ruleset, so a local
ruleset can tighten them.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Literal, Optional, Union

from pydantic import Field, model_validator

from .base import Text, ZhDate, ZhModel, field, zh_enum
from .dossier import Stage

Severity = Literal["violation", "warning", "notice"]
Modality = Literal["MUST", "MUST_IF", "DEFAULT", "MAY"]
SEVERITY_ZH = {"violation": "违法", "warning": "警示", "notice": "提示"}
MODALITY_ZH = {"MUST": "应当", "MUST_IF": "符合条件时应当", "DEFAULT": "一般应当", "MAY": "可以"}


class Basis(ZhModel):
    """Legal basis: which law, article, paragraph, item — and the words of the law.

    Laws and regulations are cited by article. Local plans and notices (法治政府建设实施方案,
    工作要点 …) are numbered 一、（二）3. rather than by article: such a basis gives `section`, the
    place as the document itself numbers it (e.g. `第四部分第（八）项第29条`), instead of `article`.
    """

    law: Optional[str] = field("法律", "name of the law; defaults to the ruleset's law")
    law_en: Optional[str] = field("法律英文", "the law's name in English")
    article: Optional[int] = field("条", "article number (required unless `section` is given)", ge=1)
    paragraph: Optional[int] = field("款", "paragraph", ge=1)
    item: Optional[int] = field("项", "item", ge=1)
    section: Optional[str] = field("部分", "place in a document numbered by parts and items, as the document numbers it", min_length=1)
    section_en: Optional[str] = field("部分英文", "the same place in English, e.g. 'Part 4 (8) item 29'")
    text: Optional[str] = field("条文", "verbatim text of the provision")

    @model_validator(mode="after")
    def _located(self) -> "Basis":
        if self.article is None and not self.section:
            raise ValueError("a basis needs article (or, for a document numbered by parts, section)")
        return self


class Disable(ZhModel):
    """A parent rule a layer switches off — only with the legal reason why (lint rejects one without)."""

    rule: str = field("规则", "id of the parent's rule", required=True)
    reason: Optional[Text] = field("理由", "the legal reason (e.g. a special law governs the matter)")
    basis: Optional[Basis] = field("依据", "the provision that makes the parent's rule inapplicable here")

    @model_validator(mode="before")
    @classmethod
    def _plain_reason(cls, data):  # `reason: 某某规定另有规定` == `reason: {zh: 某某规定另有规定}`
        if isinstance(data, dict):
            for k in ("reason", "理由"):
                if isinstance(data.get(k), str):
                    data = dict(data, **{k: {"zh": data[k]}})
        return data


class Parameter(ZhModel):
    """A number the law sets, e.g. the 30-day comment period (713 Art. 15)."""

    value: int = field("数值", required=True, ge=0)
    # years: "N years" ends on the same calendar day N years later, or on the month's last day when
    # that day does not exist (Civil Code Art. 202); the first day is not counted (Art. 201).
    unit: Literal["calendar_days", "working_days", "years", "count"] = field("单位", required=True)
    direction: Literal["minimum", "maximum"] = field("方向", "tightening raises a minimum and lowers a maximum", default="minimum")
    basis: Basis = field("依据", required=True)
    description: Text = field("说明", required=True)


class Condition(ZhModel):
    """A condition over the dossier's assertions (情形) or over which procedures were performed.

    `fact` names a dossier fact such as `specialised` or `catalog.listed`; a fact the dossier
    leaves out is *unknown*, which makes a `when` indeterminate and an `unless` not established.
    """

    fact: Optional[str] = None
    is_: Optional[bool] = Field(None, alias="is")
    in_: Optional[list[str]] = Field(None, alias="in")
    performed: Optional[str] = None
    not_performed: Optional[str] = None
    any: Optional[list[str]] = None  # any of these yes/no facts is yes (e.g. 713 Art. 32)
    # How to read a dossier that is silent: None → the rule is indeterminate (a judgement the
    # dossier must state, brief §6.1); false/true → read silence as no/yes (for affirmative,
    # exceptional facts such as "another law requires a hearing").
    if_silent: Optional[bool] = None

    @model_validator(mode="after")
    def _one_form(self) -> "Condition":
        forms = [self.fact is not None, self.performed is not None, self.not_performed is not None, self.any is not None]
        if sum(forms) != 1:
            raise ValueError("a condition has exactly one of: fact, performed, not_performed, any")
        if self.fact is not None and (self.is_ is None) == (self.in_ is None):
            raise ValueError("a fact condition needs exactly one of: is, in")
        return self


class Where(ZhModel):
    """A condition over one field of a procedure record."""

    field_: str = Field(alias="field")
    is_: Optional[bool] = Field(None, alias="is")
    in_: Optional[list[str]] = Field(None, alias="in")
    not_in: Optional[list[str]] = None
    present: Optional[bool] = None

    @model_validator(mode="after")
    def _one_form(self) -> "Where":
        if sum(x is not None for x in (self.is_, self.in_, self.not_in, self.present)) != 1:
            raise ValueError("a where-condition needs exactly one of: is, in, not_in, present")
        return self


class ProcRef(ZhModel):
    procedure: str
    date: Optional[str] = None
    where: list[Where] = Field(default_factory=list)
    # `required` only: other records that meet the duty as well (713 Art. 14 para. 2: a hearing is one
    # of the forms of public participation)
    alternatives: list["ProcRef"] = Field(default_factory=list)


class Precedes(ZhModel):
    before: ProcRef
    after: ProcRef


class Order(ZhModel):
    procedure: str
    where: list[Where] = Field(default_factory=list)
    first: str
    then: str


class Duration(ZhModel):
    procedure: str
    where: list[Where] = Field(default_factory=list)
    from_: str = Field(alias="from")
    to: str
    at_least: Optional[str] = None
    at_most: Optional[str] = None
    unless: Optional[str] = None  # a record field that, when recorded, justifies the deviation

    @model_validator(mode="after")
    def _one_bound(self) -> "Duration":
        if (self.at_least is None) == (self.at_most is None):
            raise ValueError("a duration needs exactly one of: at_least, at_most (a parameter name)")
        return self


class Elements(ZhModel):
    procedure: str  # a procedure name, or `case` for the dossier itself
    where: list[Where] = Field(default_factory=list)
    fields: list[str] = Field(min_length=1)


class Forbidden(ZhModel):
    all: list[ProcRef] = Field(min_length=1)


class LatestBefore(ZhModel):
    """The last `procedure` record dated before each `before` record must not match `where`.

    E.g. the meeting may not be held on an unlawful review (713 Art. 25): a re-review dated after
    the meeting does not cure it, so "latest" is taken before the meeting, not in the whole file.
    """

    procedure: str
    date: str
    where: list[Where] = Field(min_length=1)
    before: ProcRef


class Check(ZhModel):
    """One check; exactly one of the vocabulary keys is set."""

    required: Optional[ProcRef] = None
    precedes: Optional[Precedes] = None
    order: Optional[Order] = None
    duration: Optional[Duration] = None
    elements: Optional[Elements] = None
    forbidden: Optional[Forbidden] = None
    latest_before: Optional[LatestBefore] = None
    due: zh_enum(Stage) = None  # overrides the rule's `due`
    message: Optional[Text] = None  # overrides the rule's message for this check

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data):  # `required: legality_review` == `required: {procedure: legality_review}`
        if isinstance(data, dict) and isinstance(data.get("required"), str):
            data = dict(data, required={"procedure": data["required"]})
        return data

    @model_validator(mode="after")
    def _one_kind(self) -> "Check":
        if len(self.kinds()) != 1:
            raise ValueError("a check has exactly one of: required, precedes, order, duration, elements, forbidden, latest_before")
        return self

    def kinds(self) -> list[str]:
        return [k for k in ("required", "precedes", "order", "duration", "elements", "forbidden", "latest_before")
                if getattr(self, k) is not None]

    @cached_property
    def kind(self) -> str:
        return self.kinds()[0]

    @property
    def spec(self) -> Union[ProcRef, Precedes, Order, Duration, Elements, Forbidden, LatestBefore]:
        return getattr(self, self.kind)


class Exception_(ZhModel):
    """A legal exception that waives the rule when its conditions hold (e.g. 713 Art. 25 para. 2)."""

    when: list[Condition] = Field(min_length=1)
    by: Text
    reason: Text


class OpenWorld(ZhModel):
    """Where a rule cannot honestly follow the three-state table (docs/open-world.md): which facts, and why."""

    exempt: list[str] = Field(min_length=1)  # facts as the generated test names them: `procedure` or `procedure.field`
    reason: Text


class Rule(ZhModel):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9.\-]*[a-z0-9]$")
    title: Text
    basis: Basis
    modality: Modality
    severity: Severity = "violation"
    due: zh_enum(Stage) = Stage.drafting
    when: list[Condition] = Field(default_factory=list)
    unless: list[Condition] = Field(default_factory=list)
    waived_when: Optional[Exception_] = None
    checks: list[Check] = Field(default_factory=list)
    message: Text
    remedy: Text
    checkable: bool = True
    not_checkable_reason: Optional[Text] = None
    tightens: Optional[str] = None  # id of the parent rule this one tightens (layered rulesets)
    open_world: Optional[OpenWorld] = None  # facts exempt from the three-state table, with the reason
    # Sector and decision-body layers (rulesets/sector/**, docs/sectors.md): how this rule stands to
    # the rules of the ruleset it is stacked on — it adds a duty (both apply), replaces one or more
    # rules (they are not applied; the finding cites this rule's law), or tightens one.
    relation: Optional[Literal["adds", "replaces", "tightens"]] = None
    replaces: list[str] = Field(default_factory=list)
    reading: Optional[Text] = None  # why the replaced rule is not applied, or how it is read here

    @model_validator(mode="after")
    def _relation(self) -> "Rule":
        if self.replaces and self.relation not in (None, "replaces"):
            raise ValueError(f"relation is {self.relation} but the rule lists replaces")
        if self.relation == "replaces" and not self.replaces:
            raise ValueError("a rule with relation: replaces names the rule(s) it replaces (replaces: [rule id])")
        if self.relation == "tightens" and not self.tightens:
            raise ValueError("a rule with relation: tightens names the rule it tightens (tightens: rule id)")
        if self.relation == "adds" and self.tightens:
            raise ValueError("a rule with relation: adds cannot also tighten another rule")
        return self

    @property
    def stands(self) -> Optional[str]:
        """adds | replaces | tightens, as declared or as implied by `replaces` / `tightens`."""
        return self.relation or ("replaces" if self.replaces else "tightens" if self.tightens else None)

    @model_validator(mode="before")
    @classmethod
    def _single_check(cls, data):
        if isinstance(data, dict) and "check" in data:
            if "checks" in data:
                raise ValueError("give either check or checks, not both")
            data = dict(data)
            data["checks"] = [data.pop("check")]
        return data

    @model_validator(mode="after")
    def _checkable(self) -> "Rule":
        if self.checkable and not self.checks:
            raise ValueError("a checkable rule needs at least one check")
        if not self.checkable and not self.not_checkable_reason:
            raise ValueError("a rule marked checkable: false must say why (not_checkable_reason)")
        return self


class ScopeExclusion(ZhModel):
    """A category of decision the ruleset does not govern (713 Art. 3 para. 2)."""

    value: str
    basis: Basis
    reason: Text


class RulesetIndex(ZhModel):
    """`index.yaml` of a ruleset folder."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9.\-]*$")
    title: Text
    version: str
    kind: Literal["mad", "normative_document", "major_enforcement_decision"] = "mad"
    law: Text  # the instrument's name, e.g. 《重大行政决策程序暂行条例》
    instrument: Optional[str] = None  # e.g. 国务院令第713号
    jurisdiction: str = Field(pattern=r"^(CN|\d{2,12})$")
    valid_from: ZhDate
    valid_to: ZhDate = None
    issued: ZhDate = None  # the date the source document was issued (may precede valid_from)
    source: Optional[str] = None  # document number and where the text was read, e.g. 宜政发〔2012〕60号
    note: Optional[Text] = None  # what legal staff should know about this ruleset's reach
    extends: Optional[str] = None
    day_counting: Text = Field(default_factory=lambda: Text(
        zh="期间开始的当日不计入，参照《民法典》第二百零一条", en="the first day is not counted (by analogy with Civil Code Art. 201)"))
    parameters: dict[str, Parameter] = Field(default_factory=dict)
    exclusions: list[ScopeExclusion] = Field(default_factory=list)
    disable: list[Disable] = Field(default_factory=list)
    # Layers of their own kind, stacked on the jurisdiction chain (docs/sectors.md):
    #   sector          chosen by the dossier's 事项领域 (`sector` lists the names it answers to)
    #   decision_body   chosen by the decision body's level (`body_levels`), e.g. 713 Art. 42
    layer: Literal["jurisdiction", "sector", "decision_body"] = "jurisdiction"
    sector: list[str] = Field(default_factory=list)  # first name is the sector's own, the rest are aliases
    body_levels: list[Literal["government", "department", "township"]] = Field(default_factory=list)
    stacks_on: Optional[str] = None  # the ruleset whose rule ids this layer names (e.g. cn.mad.decree-713)
    reference: Optional[Basis] = None  # the base law's rules apply by reference (参照), under this provision

    def in_force(self, on: Optional[dt.date]) -> bool:
        """In force on that day (both ends included); a dossier with no date is not excluded."""
        if on is None:
            return True
        if self.valid_from and on < self.valid_from:
            return False
        return not (self.valid_to and on > self.valid_to)

    @model_validator(mode="after")
    def _dates(self) -> "RulesetIndex":
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValueError("valid_to is before valid_from")
        if self.layer == "sector" and not self.sector:
            raise ValueError("a sector layer lists the sector names it answers to (sector: [政府定价, …])")
        if self.layer == "decision_body" and not self.body_levels:
            raise ValueError("a decision_body layer lists the levels it applies to (body_levels: [department, …])")
        if self.layer != "jurisdiction" and self.extends:
            raise ValueError("a sector or decision_body layer is stacked on the chosen ruleset (stacks_on), it does not extend one")
        if self.layer != "jurisdiction" and not self.stacks_on:
            raise ValueError("a sector or decision_body layer names the ruleset its rule ids refer to (stacks_on)")
        return self


class RuleFile(ZhModel):
    """A chapter file: the rules of one chapter or section of the law, in article order."""

    section: Text
    rules: list[Rule]


class Ruleset(ZhModel):
    """A loaded ruleset: its index, its rules (in file order) and provenance."""

    index: RulesetIndex
    rules: list[Rule]
    sections: dict[str, Text] = Field(default_factory=dict)  # rule id -> section heading
    files: list[str] = Field(default_factory=list)
    content_hash: str = ""
    lineage: list[str] = Field(default_factory=list)  # this ruleset's id, then its parent's, … up to the root
    declared: Optional[RulesetIndex] = None  # the layer's own index as written (before merging with its parent)
    # Set on a ruleset built by stacking layers (engine/layers.py):
    layers: list[dict] = Field(default_factory=list)  # [{id, layer, law, version, title}] of the stacked layers
    displaced: list[dict] = Field(default_factory=list)  # rules not applied: {rule, title, basis, by, by_basis, reason, reason_en}
    by_reference: Optional[Basis] = None  # rules of this law apply by reference (参照, 713 Art. 42)
    parent: Optional["Ruleset"] = Field(None, exclude=True, repr=False)  # what the top layer was merged onto
    own: list[str] = Field(default_factory=list)  # ids of the rules the top layer itself defines (merged rulesets)

    @property
    def id(self) -> str:
        return self.index.id

    def in_force(self, on: Optional[dt.date]) -> bool:
        return self.index.in_force(on)

    def rule(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)
