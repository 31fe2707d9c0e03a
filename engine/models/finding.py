"""Report contract: outcomes, findings, per-dossier results and the run manifest. No logic."""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

Outcome = Literal["violated", "indeterminate", "waived", "satisfied", "not_applicable"]
OUTCOME_ZH = {"violated": "违反", "indeterminate": "无法判定", "waived": "豁免",
              "satisfied": "符合", "not_applicable": "不适用"}
OUTCOME_EN = {"violated": "violated", "indeterminate": "indeterminate", "waived": "waived",
              "satisfied": "satisfied", "not_applicable": "not applicable"}
# Which outcome wins when a rule's checks disagree.
OUTCOME_RANK = {"violated": 4, "indeterminate": 3, "waived": 2, "satisfied": 1, "not_applicable": 0}


class Evidence(BaseModel):
    """One fact that made a rule fire: what, its value, and where in the dossier it is.

    Frozen: findings share the Evidence of common values (findings.Builder.value_evidence, shared_evidence)."""

    model_config = ConfigDict(frozen=True)

    fact: str  # e.g. legality_review.opinion_date
    label: str  # 中文 label, e.g. 合法性审查·审查意见日期
    label_en: str
    value: str
    value_en: str
    source: Optional[str] = None  # e.g. procedures[2]


class Finding(BaseModel):
    """Frozen: a finding that recurs with the same evidence is the same object (findings.Builder._finding)."""

    model_config = ConfigDict(frozen=True)

    rule: str
    title: str
    title_en: str
    outcome: Outcome
    severity: str
    basis: str  # 《重大行政决策程序暂行条例》第二十五条第二款
    basis_en: str
    article_text: Optional[str] = None
    section: Optional[str] = None
    message: str
    message_en: str
    remedy: str
    remedy_en: str
    reason: Optional[str] = None  # for indeterminate / waived / not applicable: why
    reason_en: Optional[str] = None
    evidence: list[Evidence] = Field(default_factory=list)
    # Open world (docs/open-world.md): a violation rests on a recorded fact, or on the file's silence.
    grounds: Optional[Literal["fact", "absence"]] = None
    needed: list[str] = Field(default_factory=list)  # indeterminate / absence: the facts that would settle it
    needed_en: list[str] = Field(default_factory=list)
    conditional: bool = False  # 是否重大行政决策: 待定 — the finding holds only if the matter is one

    def text(self, field: str, lang: str) -> str:
        return getattr(self, f"{field}_en") if lang == "en" else getattr(self, field)


class Manifest(BaseModel):
    """Enough to reproduce an archived result."""

    engine: str
    durable_rules: str
    ruleset: str
    ruleset_version: str
    ruleset_hash: str
    ruleset_date: Optional[str]  # the date the ruleset was chosen for
    selection: str
    selection_en: str
    input_sha256: Optional[str]
    stage: str
    mode: str
    # sector and decision-body layers stacked on the jurisdiction ruleset (engine/layers.py)
    layers: list[dict] = Field(default_factory=list)  # [{id, layer, law, version, title, sector}]
    decision_body_level: Optional[str] = None  # government | department | township (stated or inferred)
    displaced: list[dict] = Field(default_factory=list)  # rules beneath not applied, and on what basis


VERDICT_ZH = {"compliant": "合规", "noncompliant": "不合规", "noncompliant_unrecorded": "不合规（未见记载）",
              "unconfirmed": "无法确认合规", "not_applicable": "不适用"}
VERDICT_EN = {"compliant": "compliant", "noncompliant": "not compliant (on recorded facts)",
              "noncompliant_unrecorded": "not compliant (not recorded)", "unconfirmed": "compliance not confirmed",
              "not_applicable": "not applicable"}


def verdict_of(applicable: bool, findings: list) -> str:
    """The headline: a violation on recorded facts, on silence, an unsettled 违法-level duty, or none.

    Never "compliant" while a 违法-level duty is indeterminate; a conditional finding (是否重大行政决策:
    待定) is never a plain violation."""
    if not applicable:
        return "not_applicable"
    duties = [f for f in findings if f.severity == "violation"]
    if any(f.outcome == "violated" and f.grounds != "absence" and not f.conditional for f in duties):
        return "noncompliant"
    if any(f.outcome == "violated" and not f.conditional for f in duties):
        return "noncompliant_unrecorded"
    if any(f.outcome in ("violated", "indeterminate") for f in duties):
        return "unconfirmed"
    return "compliant"


class DossierResult(BaseModel):
    dossier: str
    title: str
    file: str
    ruleset: dict
    stage: str
    applicable: bool
    reason: Optional[str] = None
    reason_en: Optional[str] = None
    compliant: bool
    counts: dict[str, int]
    findings: list[Finding]
    outcomes: Optional[list[Finding]] = None  # every rule's outcome (--explain)
    manifest: Manifest
    decision_body: Optional[str] = None
    undertaking_unit: Optional[str] = None
    year: Optional[int] = None
    category: Optional[str] = None
    # Open world (docs/open-world.md): the headline and what the file is.
    verdict: str = "compliant"  # compliant | noncompliant | noncompliant_unrecorded | unconfirmed | not_applicable
    verdict_zh: str = "合规"
    verdict_en: str = "compliant"
    record_basis: str = "complete_file"
    sources: list[str] = Field(default_factory=list)  # where the dossier was read from, one line each
    warnings: list[dict] = Field(default_factory=list)  # {code, message, message_en}: e.g. a --ruleset for another place or date
