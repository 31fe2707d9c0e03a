"""Check: one loaded dossier → DossierResult. The pipeline, in the order data flows:

    load.py       file → Dossier                       (done by the caller: CLI, audit, specs)
    rulesets.py   Dossier → Ruleset                    (--ruleset, or by division code and date)
    compile.py    Ruleset → durable_rules spec         (cached per ruleset and mode)
    facts.py      Dossier → facts                      (dates resolved, working days counted)
    evaluate.py   facts + spec → activations           (durable_rules, trigger asserted last)
    outcome.py    activations → each rule's outcome    (worst of, waivers, satisfied by silence)
    findings.py   outcomes + Rule metadata → findings  (evidence; the words from engine/prose/)
    render/       DossierResult → text | json | md | html
"""

from __future__ import annotations

import random
from functools import lru_cache
from typing import Optional

import durable_rules_engine  # noqa: F401 - imported for its version in the manifest

from . import __version__, evaluate, rulesets
from .compile import Compiled, compile_ruleset
from .facts import to_facts
from .findings import Builder
from .load import Loaded
from .models.dossier import Dossier, Stage
from .models.finding import VERDICT_EN, VERDICT_ZH, DossierResult, Finding, Manifest, verdict_of
from .models.ruleset import Ruleset
from .prose.applicability import date_warnings, exclusion_reason, given_selection, out_of_force_reason, ruleset_warnings, wrong_kind
from .prose.reasons import CALENDAR_MISSING

FINDING_OUTCOMES = frozenset(("violated", "indeterminate"))  # the outcomes a result lists as findings
_new_result = DossierResult.__pydantic_validator__.validate_python
_new_manifest = Manifest.__pydantic_validator__.validate_python


@lru_cache(maxsize=None)
def _durable_version() -> str:
    try:
        from importlib.metadata import version
        return version("durable_rules")
    except Exception:  # noqa: BLE001
        return "unknown"


_compiled: dict[tuple[str, str], tuple[Compiled, Builder]] = {}


def compiled_for(rs: Ruleset, mode: str) -> tuple[Compiled, Builder]:
    k = (rs.id + "@" + rs.content_hash, mode)
    if k not in _compiled:
        c = compile_ruleset(rs, mode)
        _compiled[k] = (c, Builder(c))
    return _compiled[k]


def choose_ruleset(d: Dossier, ruleset_id: Optional[str], root: str,
                   basis: Optional[tuple] = None) -> tuple[Optional[Ruleset], str, str]:
    """--ruleset if given, else the most specific ruleset for the dossier's kind, division and date.

    `basis`: the dossier's effective_date_basis(), when the caller has it already. A --ruleset for
    another kind of dossier is refused (RulesetErrors, stage "usage"); one for another place is
    applied with a warning, one not in force on the date is not applied, with a warning
    (ruleset_warnings): the CLI reports that as a usage notice (exit 2), never as "no violation"."""
    on, basis_zh, basis_en = basis or d.effective_date_basis()
    from .layers import apply as stack_layers
    forced = None
    if ruleset_id:
        rs = rulesets.given(ruleset_id, root)
        kind = d.kind_of()
        if rs.index.kind != kind:
            from .core.errors import RulesetError, RulesetErrors
            zh, en = wrong_kind(rs, kind)
            raise RulesetErrors([RulesetError(
                "ruleset.wrong-kind", str(rs.files[0]) if rs.files else rs.id, None, zh, en, stage="usage")])
        if rs.index.layer != "jurisdiction":  # a sector or decision-body layer: stacked on the chain chosen as usual
            forced = rs
            ruleset_id = None
    if ruleset_id:
        zh, en = given_selection(rs)
        return stack_layers(rs, d, on, root, zh, en)
    rs, zh, en = rulesets.select(d.jurisdiction, on, kind=d.kind_of(), root=root, date_basis=(basis_zh, basis_en))
    if rs is None:
        return rs, zh, en
    return stack_layers(rs, d, on, root, zh, en, forced)


def check(loaded: Loaded, ruleset_id: Optional[str] = None, stage: Optional[Stage] = None,
          explain: bool = False, shuffle: Optional[random.Random] = None,
          root: str = str(rulesets.RULESETS_DIR)) -> DossierResult:
    """Check one dossier. `shuffle` permutes the evidence facts (the order-independence tests)."""
    return _check(loaded, ruleset_id, stage, "explain" if explain else "findings", shuffle, root)[0]


def check_with_outcomes(loaded: Loaded, ruleset_id: Optional[str] = None, stage: Optional[Stage] = None,
                        root: str = str(rulesets.RULESETS_DIR)) -> tuple[DossierResult, dict[str, str]]:
    """(what `check` returns, every rule's outcome {rule id: outcome}), from one engine run.

    The outcome map is what `check(..., explain=True).outcomes` says for each rule; {} when the
    dossier is not applicable. The result is `check`'s (findings mode) exactly: the explain-mode run
    fires the same violated/indeterminate/waived branches plus the not-applicable ones, and only
    the findings a result holds (violated, indeterminate) are built. For the audit's rates."""
    return _check(loaded, ruleset_id, stage, "outcomes", None, root)


def _check(loaded: Loaded, ruleset_id: Optional[str], stage: Optional[Stage], mode: str,
           shuffle: Optional[random.Random], root: str) -> tuple[DossierResult, dict[str, str]]:
    """mode: findings | explain | outcomes (findings-mode result, computed by the explain engine)."""
    d = loaded.dossier
    st = stage or d.effective_stage()
    basis = d.effective_date_basis()
    on = basis[0]
    rs, why_zh, why_en = choose_ruleset(d, ruleset_id, root, basis)
    warnings = (ruleset_warnings(d, rs, on, basis[1], basis[2]) if ruleset_id and rs is not None else []) + date_warnings(d)
    explain = mode == "explain"

    def result(applicable: bool, findings: list[Finding], outcomes: Optional[list[Finding]],
               reason: Optional[tuple[str, str]] = None) -> DossierResult:
        verdict = verdict_of(applicable, findings)
        notes = list(warnings)
        incoherent = getattr(d, "incoherent_dates", None)  # a 重大执法决定 dossier checks its own dates
        for zh, en in (incoherent() if incoherent else []):  # dates that cannot both be right (docs/open-world.md)
            notes.append({"code": "dates.incoherent", "message": zh, "message_en": en})
        cal = next((f for f in findings if f.outcome == "indeterminate" and CALENDAR_MISSING in (f.reason or "")), None)
        if cal is not None:  # name the missing year once, where every format shows warnings
            zh = next(x for x in cal.reason.split("；") if CALENDAR_MISSING in x or "缺少" in x)
            notes.append({"code": "calendar.missing-year", "message": cal.reason, "message_en": cal.reason_en or zh})
        counts: dict[str, int] = {}
        for f in (outcomes if outcomes is not None else findings):
            counts[f.outcome] = counts.get(f.outcome, 0) + 1
        # The validators called with dicts: what DossierResult(**kw) does, without BaseModel.__init__.
        return _new_result({
            "dossier": d.id, "title": d.title, "file": loaded.file,
            "ruleset": {"id": rs.id, "version": rs.index.version, "title": rs.index.title.zh} if rs else {"id": None, "version": None},
            "stage": st.value, "applicable": applicable, "reason": reason[0] if reason else None,
            "reason_en": reason[1] if reason else None,
            "compliant": verdict not in ("noncompliant", "noncompliant_unrecorded"),
            "verdict": verdict, "verdict_zh": VERDICT_ZH[verdict], "verdict_en": VERDICT_EN[verdict],
            "record_basis": d.basis_of().value, "sources": [x.cite() for x in d.sources],
            "counts": counts, "findings": findings, "outcomes": outcomes,
            "decision_body": d.decision_body, "undertaking_unit": d.undertaking_unit, "warnings": notes,
            "year": on.year if on else None, "category": d.category.value if d.category else None,
            "manifest": _new_manifest({
                "engine": __version__, "durable_rules": _durable_version(),
                "ruleset": rs.id if rs else "", "ruleset_version": rs.index.version if rs else "",
                "ruleset_hash": rs.content_hash if rs else "", "ruleset_date": on.isoformat() if on else None,
                "selection": why_zh, "selection_en": why_en, "input_sha256": loaded.sha256,
                "stage": st.value, "mode": "explain" if explain else "findings",
                "layers": [{k: v for k, v in x.items() if k != "own"} for x in rs.layers] if rs else [],
                "decision_body_level": _level(d), "displaced": rs.displaced if rs else []}),
        })

    if rs is None:
        return result(False, [], None, (why_zh, why_en)), {}
    if not rs.in_force(on):  # only a --ruleset can be out of force: not applied, with a warning (a usage notice)
        return result(False, [], None, out_of_force_reason(rs, on)), {}
    for ex in rs.index.exclusions:
        if d.exclusion and d.exclusion.value == ex.value:
            return result(False, [], None, exclusion_reason(ex, rs, d)), {}

    compiled, builder = compiled_for(rs, "findings" if mode == "findings" else "explain")
    facts = to_facts(d, st.rank, compiled.keys)
    if shuffle is not None:
        shuffle.shuffle(facts)
    activations = evaluate.run(compiled, facts)
    outcomes, decided = builder.outcomes(d, activations, st, build=None if explain else FINDING_OUTCOMES)
    findings = [f for f in outcomes if f.outcome in FINDING_OUTCOMES]
    if rs.displaced and mode != "findings":  # rules beneath a layer that replaced them: not applied, and why
        for x in rs.displaced:
            decided[x["rule"]] = "not_applicable"
        if explain:
            outcomes = outcomes + [_displaced_finding(x) for x in rs.displaced]
    return result(True, findings, outcomes if explain else None), decided


def _level(d: Dossier) -> Optional[str]:
    from .layers import body_level
    return body_level(d)[0] if d.kind_of() == "mad" else None


@lru_cache(maxsize=1024)
def _displaced_cached(key: tuple) -> Finding:
    x = dict(key)
    return Finding(rule=x["rule"], title=x["title"], title_en=x["title_en"], outcome="not_applicable", severity="notice",
                   basis=x["basis"], basis_en=x["basis_en"], message=x["reason"], message_en=x["reason_en"],
                   remedy="—", remedy_en="—", reason=x["reason"], reason_en=x["reason_en"])


def _displaced_finding(x: dict) -> Finding:
    return _displaced_cached(tuple(sorted(x.items())))
