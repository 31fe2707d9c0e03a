"""Findings: each rule's decided outcome (outcome.py) → a Finding: citation, message, evidence, reasons.

Everything a finding says comes from the Rule (rulesets/…) and from the dossier's own values; the
citations, labels and sentences are put together by engine/prose/, the outcomes decided by
engine/outcome.py. What is here is which evidence a finding shows (the rule's `when` facts, the
fields of the records the check fired on, what each check kind adds: engine/checks/<kind>.py) and
the reuse of findings and evidence that can only come out the same. evaluate.py only says which
branch fired on which facts; renderers only lay out what this module returns.
"""

from __future__ import annotations

import enum
from typing import Any, Optional

from .checks import kind_of
from .compile import Compiled
from .core.reading import case_source, case_value, record_of
from .evaluate import Activation
from .core.memo import by_identity
from .models.dossier import PROCEDURES, Dossier, MajorStatus, Stage
from .models.finding import Evidence, Finding
from .models.ruleset import Check, Rule
from .openworld import ABSENCE, FACT, UNKNOWN, status_evidence
from .outcome import Fired, behind, decide, fired_by_rule, waiver_for
from .prose import MANY, as_written, case_label, cite, display_values, evidence as new_evidence, field_label, record_raw, record_values
from .prose.evidence import status_of_record
from .prose.reasons import (REASONED, absence_message, conditional_message, fill, indeterminate_message, needed_reason,
                            reason as reason_for, waiver_reason)

# The model's own validator, called with a dict: the same result as Finding(**kw) without
# BaseModel.__init__'s Python frame.
_new_finding = Finding.__pydantic_validator__.validate_python


@by_identity
def check_fields(check: Check) -> list[tuple[str, str]]:
    """(procedure, field) pairs a check looks at: what its evidence shows, worked out once per check.

    "latest" is shown as the record's own date: that is what makes it the latest."""
    return [(p, PROCEDURES[p].main_date if f == "latest" and p in PROCEDURES else f) for p, f in kind_of(check).fields(check.spec)]  # engine/checks/<kind>.py


@by_identity
def _check_evidence_plan(check: Check) -> dict[str, list[tuple[str, str, str, str]]]:
    """procedure → [(field, evidence fact, label zh, label en)]: check_fields with its labels, by procedure."""
    plan: dict[str, list[tuple[str, str, str, str]]] = {}
    for proc, f in check_fields(check):
        plan.setdefault(proc, []).append((f, f"{proc}.{f}", field_label(proc, f, "zh"), field_label(proc, f, "en")))
    return plan


@by_identity
def _when_facts(rule: Rule) -> list[tuple[str, str, str]]:
    """(case fact, label zh, source) of each condition of the rule's `when`."""
    return [(c.fact, case_label(c.fact, "zh"), case_source(c.fact)) for c in rule.when if c.fact]


@by_identity
def _keyed_facts(rule: Rule) -> tuple[str, ...]:
    """Every case fact the rule's `when` and `unless` read, also inside `any:` (a reason names the
    one left unknown, e.g. 案卷未说明：社会公众普遍关心): what a reused finding must agree on."""
    out: list[str] = []
    for c in [*rule.when, *rule.unless]:
        out += [c.fact] if c.fact else list(c.any or ())
    return tuple(out)


# ------------------------------------------------------------------------------- build

class Builder:
    """Builds the outcomes and findings for one compiled ruleset (cached with it, see check.compiled_for)."""

    def __init__(self, compiled: Compiled):
        self.c = compiled
        self.rs = compiled.ruleset
        self._static: dict[str, dict[str, Any]] = {}  # rule id → the Finding fields that depend on the rule only
        self._texts: dict[str, str] = {}  # message/remedy template → the text with the ruleset's parameters in it
        # Evidence that depends on a few yes/no/unknown values only (the rule's `when` facts, a
        # record count): built once per distinct value and shared; Evidence is frozen.
        self._shared: dict[tuple, Evidence] = {}
        self._shared_ids: set[int] = set()  # id() of every shared Evidence (they live as long as the Builder)
        # Two caches of Findings (Finding is frozen). _by_inputs: keyed by the dossier values a
        # finding shows, it skips working out evidence (see _build_shared). _findings: keyed by
        # the finished parts (shared evidence, reason, message), it skips building the Finding
        # for those _build_shared does not key (several failing checks, latest_before, …).
        self._findings: dict[tuple, Finding] = {}
        self._by_inputs: dict[tuple, Finding] = {}

    def _fmt(self, template: str) -> str:
        """A text with the ruleset's parameters filled in (no dossier values): the same every time."""
        text = self._texts.get(template)
        if text is None:
            text = self._texts[template] = fill(template, self.c.params)
        return text

    def value_evidence(self, fact: str, label: str, label_en: str, value: Any, source: str) -> Evidence:
        """Evidence for a dossier value; shared when the value is yes / no / not recorded or an enum."""
        if not (value is None or isinstance(value, (bool, enum.Enum))):  # text or a date: as many as dossiers
            zh, en = display_values(value)
            return new_evidence(fact=fact, label=label, label_en=label_en, value=zh, value_en=en, source=source)
        k = (fact, label, source, type(value), value)  # type: True == 1 must not share a key
        e = self._shared.get(k)
        if e is None:
            zh, en = display_values(value)
            e = self._keep_shared(k, new_evidence(fact=fact, label=label, label_en=label_en, value=zh, value_en=en, source=source))
        return e

    def shared_evidence(self, k: tuple, make: Any) -> Evidence:
        """The Evidence kept under `k`, or `make()` kept under it: for evidence that depends only on
        what `k` says (a check kind's count of records, say), built once and shared."""
        e = self._shared.get(k)
        if e is None:
            e = self._keep_shared(k, make())
        return e

    def _keep_shared(self, k: tuple, e: Evidence) -> Evidence:
        self._shared[k] = e
        self._shared_ids.add(id(e))
        return e

    def outcomes(self, dossier: Dossier, activations: list[Activation], stage: Stage,
                 build: Optional[frozenset[str]] = None) -> tuple[list[Finding], dict[str, str]]:
        """Every rule's outcome: ({rule id: outcome}, and a Finding for each outcome in `build` (default: all)).

        In findings mode only the rules that fired are decided (the others are satisfied or not
        applicable, which only explain mode tells apart); in explain mode every rule is. A Finding
        costs far more than its outcome (legal text, citations, evidence), so callers that need
        only some findings (the audit: violated and indeterminate) say which."""
        fired = fired_by_rule(self.c.branches, self.rs.rules, activations, dossier)  # engine/outcome.py
        waivers = {w.rule: w for w in dossier.waivers}
        explain = self.c.mode == "explain"
        decided: dict[str, str] = {}
        out: list[Finding] = []
        rules = self.rs.rules
        # Findings mode decides only the rules that fired; explain mode decides every rule.
        for ri in (range(len(rules)) if explain else sorted(fired)):
            rule = rules[ri]
            acts = fired.get(ri)
            d = decide(rule, acts, explain)
            if d is None:
                continue
            outcome, grounds = d
            if not rule.checkable:
                decided[rule.id] = outcome
                if build is None or outcome in build:
                    r = rule.not_checkable_reason
                    out.append(self._finding(rule, outcome, [], dossier, stage, reason=(r.zh, r.en or r.zh)))
                continue
            w = waiver_for(rule, outcome, waivers)
            if w is not None:
                decided[rule.id] = "waived"
                if build is None or "waived" in build:
                    out.append(self._finding(rule, "waived", [], dossier, stage, reason=waiver_reason(w)))
                continue
            decided[rule.id] = outcome
            if build is None or outcome in build:
                out.append(self._build_shared(rule, outcome, behind(acts, outcome, grounds), dossier, stage, grounds))
        return out, decided

    # ------------------------------------------------------------------ one finding

    def _build_shared(self, rule: Rule, outcome: str, chosen: list[Fired],
                      dossier: Dossier, stage: Stage, grounds: Optional[str] = None) -> Finding:
        """_build, or the same Finding again when it can only come out the same.

        For one failing check of kind required, elements or forbidden, everything a finding
        shows (evidence, reason, message) comes from the rule's `when` values and from what
        the check looks at: how many records of the procedure there are (required), or the
        fields of the case or of the records it fired on (elements, forbidden). Those values key
        the finding. Archives repeat these defects dossier after dossier; a check that shows a
        computed number (duration) or walks other records (precedes) is always built."""
        if len(chosen) != 1 or dossier.major is MajorStatus.pending:
            return self._build(rule, outcome, chosen, dossier, stage, grounds)
        ci, _, act, _, reading = chosen[0]
        check = rule.checks[ci]
        kind = kind_of(check)
        # The kinds whose findings are keyed by what they show (CheckKind.keyed), and the causes keyed
        # (not `not_applicable`: its reason also reads the stage and the rule's exceptions).
        if self.c.branches[act.branch].cause not in kind.keyed:
            return self._build(rule, outcome, chosen, dossier, stage, grounds)
        shown: Any = kind.shown(check.spec, dossier)  # e.g. required: the count and status of the records
        if shown is None:
            plan = _check_evidence_plan(check)
            shown = []
            for fact_id in act.record_ids:
                rec = record_of(dossier, fact_id)
                if rec is not None:
                    shown.append((fact_id, rec.type))
                    for f, _, _, _ in plan.get(rec.type, ()):
                        v = record_raw(rec, f)
                        shown.append(record_values(rec, f) if v is MANY else tuple(v) if isinstance(v, list) else v)
                        if rec._written.get(f):  # the text as written is shown: it keys the finding too
                            shown.append(rec._written[f])
            shown = tuple(shown)
        key = (act.branch, outcome, tuple([case_value(dossier, fact) for fact in _keyed_facts(rule)]), shown,
               grounds, reading, dossier.record_basis)
        try:
            hit = self._by_inputs.get(key)
        except TypeError:  # a value that cannot key (a list of records): build it
            return self._build(rule, outcome, chosen, dossier, stage, grounds)
        if hit is None:
            hit = self._build(rule, outcome, chosen, dossier, stage, grounds)
            if len(self._by_inputs) >= _MAX_SHARED:
                self._by_inputs.clear()
            self._by_inputs[key] = hit
        return hit

    def _build(self, rule: Rule, outcome: str, chosen: list[Fired],
               dossier: Dossier, stage: Stage, grounds: Optional[str] = None) -> Finding:
        # The rule's `when` facts first: they are why the duty applied.
        evidence = self._when_evidence(rule, dossier) if outcome in ("violated", "indeterminate") else []
        reasons_zh: list[str] = []
        reasons_en: list[str] = []
        extras: dict[str, Any] = {}
        messages: list = []  # one per failing check, in the rule's order
        branches = self.c.branches
        needed: list[tuple[str, str]] = []  # open world: the facts that would settle it
        unknown = False
        for ci, _, act, _, reading in chosen:
            check = rule.checks[ci]
            cause = branches[act.branch].cause
            m = rule.message if reading is not None and reading.quiet else (check.message or rule.message)
            if not any(m is x for x in messages):  # by identity: == on pydantic models compares every field
                messages.append(m)
            ev, ex = self._evidence(rule, check, act, dossier, cause)
            evidence += ev
            if ex:
                extras.update(ex)
            if reading is not None and reading.kind in (ABSENCE, UNKNOWN):
                needed += [n for n in reading.needed if n not in needed]
                unknown = unknown or reading.kind == UNKNOWN
                proc = kind_of(check).status_of(check.spec, reading.kind)
                if proc:
                    evidence += self._status_evidence(dossier, proc)
                continue  # the reason is what is missing, not the branch's own cause
            if reading is not None and reading.kind == FACT:
                proc = kind_of(check).status_of(check.spec, FACT)
                if proc:
                    evidence += self._status_evidence(dossier, proc)
            if cause in REASONED:
                rz, re_ = reason_for(rule, check, act.frame, cause, stage, check_fields(check))  # engine/prose/reasons.py
                if rz and rz not in reasons_zh:
                    reasons_zh.append(rz)
                    reasons_en.append(re_)
        if len(evidence) > 1:  # the same fact can be shown by two checks, or by a check and `when`
            seen: set = set()
            unique = []
            for e in evidence:
                k = (e.fact, e.value, e.source)
                if k not in seen:
                    seen.add(k)
                    unique.append(e)
        else:
            unique = evidence
        if needed and outcome == "indeterminate":
            nz, ne = needed_reason(tuple(needed), dossier.basis_of(), unknown)
            reasons_zh.append(nz)
            reasons_en.append(ne)
        reason = ("；".join(reasons_zh), "; ".join(reasons_en)) if reasons_zh else None
        message: Optional[tuple[str, str]] = None
        if outcome == "indeterminate":  # the violation text would assert what is not known
            message = indeterminate_message(rule)
        elif grounds == ABSENCE:  # never state as fact what nobody recorded
            message = absence_message(rule, tuple(needed))
        elif len(messages) > 1:
            values = dict(self.c.params, **extras)
            message = ("；".join(fill(m.zh, values) for m in messages),
                       "; ".join(fill(m.en or m.zh, values) for m in messages))
        elif messages:
            message = (messages[0].zh, messages[0].en or messages[0].zh)
        if dossier.major is MajorStatus.pending and outcome in ("violated", "indeterminate"):
            message = conditional_message(message or (rule.message.zh, rule.message.en or rule.message.zh))
        return self._finding(rule, outcome, [], dossier, stage, evidence=unique, reason=reason,
                             extras=extras, message=message, grounds=grounds, needed=needed,
                             conditional=dossier.major is MajorStatus.pending)

    def _finding(self, rule: Rule, outcome: str, acts: list, dossier: Dossier, stage: Stage, *,
                 evidence: Optional[list[Evidence]] = None, reason: Optional[tuple[str, str]] = None,
                 extras: Optional[dict] = None, message: Optional[tuple[str, str]] = None,
                 grounds: Optional[str] = None, needed: Optional[list] = None, conditional: bool = False) -> Finding:
        msg_zh, msg_en = message or (rule.message.zh, rule.message.en or rule.message.zh)
        if outcome != "violated":
            grounds = None
        # A finding made only of shared evidence, with no dossier value in its texts, is the same
        # object every time it recurs (Finding is frozen): archives repeat the same defects.
        key = None
        if not extras and (not evidence or self._shared_ids.issuperset(map(id, evidence))):
            key = (rule.id, outcome, reason, msg_zh, msg_en, tuple(map(id, evidence or ())), grounds,
                   tuple(needed or ()), conditional)
            hit = self._findings.get(key)
            if hit is not None:
                return hit
        static = self._static.get(rule.id)
        if static is None:  # the same for every dossier: worked out once per rule
            section = self.rs.sections.get(rule.id)
            static = self._static[rule.id] = dict(
                rule=rule.id, title=rule.title.zh, title_en=rule.title.en or rule.title.zh, severity=rule.severity,
                basis=cite(rule.basis, self.rs, "zh"), basis_en=cite(rule.basis, self.rs, "en"),
                article_text=rule.basis.text, section=section.zh if section else None,
                remedy=self._fmt(rule.remedy.zh), remedy_en=self._fmt(rule.remedy.en or rule.remedy.zh))
        fields = dict(static)
        if extras:  # values from this dossier (e.g. {days}): format now
            values = dict(self.c.params, **extras)
            fields["message"], fields["message_en"] = fill(msg_zh, values), fill(msg_en, values)
            fields["remedy"], fields["remedy_en"] = fill(rule.remedy.zh, values), fill(rule.remedy.en or rule.remedy.zh, values)
        else:
            fields["message"], fields["message_en"] = self._fmt(msg_zh), self._fmt(msg_en)
        fields["outcome"] = outcome
        if reason:
            fields["reason"], fields["reason_en"] = reason
        fields["evidence"] = evidence or []
        if grounds:
            fields["grounds"] = grounds
        if needed:
            fields["needed"] = [n[0] for n in needed]
            fields["needed_en"] = [n[1] for n in needed]
        if conditional:
            fields["conditional"] = True
        finding = _new_finding(fields)
        if key is not None:
            if len(self._findings) >= _MAX_SHARED:  # bounded, whatever the archive's size
                self._findings.clear()
            self._findings[key] = finding
        return finding

    def _status_evidence(self, dossier: Dossier, proc: str) -> list[Evidence]:
        """Records of the procedure marked 未履行 / 未知, and where that was read."""
        return [status_of_record(i, rec, proc) for i, rec in status_evidence(dossier, proc)]

    def _when_evidence(self, rule: Rule, dossier: Dossier) -> list[Evidence]:
        return [self.value_evidence(fact, label, fact, case_value(dossier, fact), source)
                for fact, label, source in _when_facts(rule)]

    def _evidence(self, rule: Rule, check: Check, act: Activation, dossier: Dossier, cause: str) -> tuple[list[Evidence], dict]:
        out: list[Evidence] = []
        extras: dict[str, Any] = {}
        by_proc = _check_evidence_plan(check)
        kind, spec = kind_of(check), check.spec  # what each kind adds: engine/checks/<kind>.py
        out += kind.lead_evidence(self, spec, dossier)
        for fact_id in (act.record_ids if kind.frame_has_records else ()):
            rec = record_of(dossier, fact_id)
            if rec is None:
                continue
            src = f"procedures[{int(fact_id[1:])}]"
            for f, name, label, label_en in by_proc.get(rec.type, ()):
                raw = record_raw(rec, f)
                if raw is not MANY and rec._written.get(f):  # as the file wrote it: never shared
                    zh, en = as_written(raw, rec._written[f])
                    out.append(new_evidence(fact=name, label=label, label_en=label_en, value=zh, value_en=en, source=src))
                elif raw is not MANY:
                    out.append(self.value_evidence(name, label, label_en, raw, src))
                else:
                    zh, en = record_values(rec, f)
                    out.append(new_evidence(fact=name, label=label, label_en=label_en, value=zh, value_en=en, source=src))
            out += kind.record_evidence(self, spec, rec, src, extras)
        out += kind.evidence(self, spec, dossier, cause)
        return out, extras


# Findings kept for reuse, per Builder and per cache (_findings, _by_inputs): cleared when full, so
# that a long audit's memory stays flat (a finding and its key are a few KB).
_MAX_SHARED = 10_000
