"""Outcomes: what the engine's firings mean for each rule. Every decision made in Python is here.

The engine (compile.py, evaluate.py) only reports which branch of which check fired: a branch is one
way a check can fail (`missing`, `order`, `duration`, …) or be undecidable (`date_unknown`, `same_day`,
…), or the rule's own `not_applicable` and `exception` branches. What that means for the rule:

1. Each fired branch is read in the open world (engine/openworld.py, docs/open-world.md): is it a
   fact the file records, or silence? A violation rests on a recorded fact (grounds `fact`), or on
   silence in a complete file (grounds `absence`: "案卷未载明…"); silence in a ledger or in public
   sources, or a step recorded as 未知, leaves the rule undecided (无法判定).

2. Worst of: a check is as bad as its worst branch that fired, and met if none did; a rule is as
   bad as its worst check. Worst means, in order: violated, undecided (indeterminate), waived, met
   (satisfied), not applicable (`severity_key`) — and among violations, one on a recorded fact
   outweighs one on silence.

3. Not applicable only if no check applied: a rule with several checks, some of which did not fire
   at all (so they are met), is met, even if another check's branch said "not applicable here".

4. Satisfied by silence: a rule none of whose branches fired is met (explain mode shows it; the
   findings mode leaves such rules out, it lists only what is wrong).

5. Waivers: a violated or undecided rule the dossier records a waiver for (`豁免`: who waived it,
   why, when) is `waived`, not violated; the finding says who waived it. A rule's own exception
   (`waived_when`, e.g. a 应急 decision) is a branch of the rule like any other (cause `exception`).

6. A rule the ruleset marks not checkable from a dossier (`not_checkable_reason`) is not applicable.

findings.py then builds the Finding of each decided outcome: its citation, evidence and reasons.
"""

from __future__ import annotations

from typing import Any, NamedTuple, Optional

from .evaluate import Activation
from .models.dossier import Dossier
from .models.finding import OUTCOME_RANK
from .models.ruleset import Rule
from .openworld import FACT, Reading, classify, resolve

#: the outcomes a dossier's waiver (豁免) can turn into `waived`
WAIVABLE = frozenset(("violated", "indeterminate"))


class Fired(NamedTuple):
    """One branch that fired, as read: which check of the rule, with what outcome and on what grounds."""

    check: int  # index of the check in rule.checks
    outcome: str  # violated | indeterminate | not_applicable | … after the open-world reading
    activation: Activation
    grounds: Optional[str]  # fact | absence (a violation's ground), else None
    reading: Optional[Reading]  # the open-world reading (None for branches not about recording)


def fired_by_rule(branches: list, rules: list[Rule], activations: list[Activation],
                  dossier: Dossier) -> dict[int, list[Fired]]:
    """rule index → the branches of it that fired, in firing order, each read in the open world (1.)."""
    fired: dict[int, list[Fired]] = {}
    basis = dossier.basis_of()
    for act in activations:
        b = branches[act.branch]
        outcome, grounds, reading = b.outcome, None, None
        if outcome in ("violated", "indeterminate"):  # open world: on a recorded fact, or on silence?
            r = rules[b.rule_index]
            reading = classify(r, r.checks[b.check_index], b.cause, act.record_ids, dossier)
            outcome, grounds = resolve(reading, outcome, basis)
        fired.setdefault(b.rule_index, []).append(_fired(Fired, (b.check_index, outcome, act, grounds, reading)))
    return fired


_fired = tuple.__new__  # Fired(...) without NamedTuple's Python-level __new__: one per activation


def severity_key(f: Fired) -> tuple[int, bool]:
    """How bad a fired branch is: its outcome, then a recorded fact before silence (2.)."""
    return OUTCOME_RANK[f.outcome], f.grounds == FACT


def by_check(f: Fired) -> int:
    return f.check


def decide(rule: Rule, fired: Optional[list[Fired]], every_rule: bool) -> Optional[tuple[str, Optional[str]]]:
    """(outcome, grounds) of one rule, before waivers; None when it is not decided.

    `every_rule` (explain mode) decides every rule; otherwise only the rules that fired are
    decided, and a rule that is not checkable or did not fire is left out."""
    if not rule.checkable:  # 6.
        return ("not_applicable", None) if every_rule else None
    if not fired:  # 4. satisfied by silence
        return ("satisfied", None) if every_rule else None
    if len(fired) == 1:  # the common case, kept cheap: the audit decides ~50 rules a dossier
        f = fired[0]
        if f.outcome == "not_applicable" and len(rule.checks) > 1:  # 3.
            return "satisfied", f.grounds
        return f.outcome, f.grounds
    worst = max(fired, key=severity_key)  # 2.
    if OUTCOME_RANK[worst.outcome] < OUTCOME_RANK["satisfied"] and len({f.check for f in fired}) < len(rule.checks):
        return "satisfied", worst.grounds  # 3.
    return worst.outcome, worst.grounds


def waiver_for(rule: Rule, outcome: str, waivers: dict[str, Any]) -> Any:
    """The dossier's waiver (豁免) of this rule, if it turns the outcome into `waived` (5.), else None."""
    return waivers.get(rule.id) if outcome in WAIVABLE else None


def behind(fired: Optional[list[Fired]], outcome: str, grounds: Optional[str]) -> list[Fired]:
    """The branches the outcome rests on: those as bad as the rule (on the same grounds), by check."""
    if not fired:
        return []
    if len(fired) == 1:
        return [fired[0]] if fired[0].outcome == outcome else []
    return [f for f in sorted(fired, key=by_check) if f.outcome == outcome and f.grounds == grounds]
