"""engine/outcome.py: what the engine's firings mean for a rule — worst of its checks, a recorded fact
before silence, satisfied by silence, dossier waivers (豁免), rules not checkable from a file."""

from __future__ import annotations

from types import SimpleNamespace

from engine import rulesets
from engine.check import check
from engine.outcome import Fired, behind, decide, waiver_for
from support import BASE, dossier

RS = rulesets.load("cn.mad.decree-713")
LEGAL = next(r for r in RS.rules if r.id == "mad.legal.before-discussion")  # required + precedes (Art. 25 para. 1)
ONE_CHECK = next(r for r in RS.rules if r.id == "mad.init.undertaking-unit")  # Art. 11: one check
NOT_CHECKABLE = next(r for r in RS.rules if not r.checkable)


def fired(check: int, outcome: str, grounds=None) -> Fired:
    return Fired(check, outcome, None, grounds, None)


def test_a_rule_nothing_fired_for_is_satisfied_in_explain_mode_and_not_listed_otherwise():
    assert decide(LEGAL, None, every_rule=True) == ("satisfied", None)
    assert decide(LEGAL, None, every_rule=False) is None


def test_one_violated_check_violates_the_rule_on_its_grounds():
    assert decide(ONE_CHECK, [fired(0, "violated", "fact")], every_rule=False) == ("violated", "fact")
    assert decide(ONE_CHECK, [fired(0, "violated", "absence")], every_rule=False) == ("violated", "absence")


def test_the_worst_check_decides():
    """A violation outweighs an undecided check: no review at all (required) is worse than an unclear date."""
    acts = [fired(1, "indeterminate"), fired(0, "violated", "absence")]
    assert decide(LEGAL, acts, every_rule=False) == ("violated", "absence")


def test_a_violation_on_a_recorded_fact_outweighs_one_on_silence():
    acts = [fired(0, "violated", "absence"), fired(1, "violated", "fact")]
    assert decide(LEGAL, acts, every_rule=False) == ("violated", "fact")
    assert behind(acts, "violated", "fact") == [acts[1]]


def test_a_rule_is_not_applicable_only_if_no_check_applied():
    """One check said "not applicable here", the other did not fire at all (it is met): the rule is met."""
    assert decide(LEGAL, [fired(1, "not_applicable")], every_rule=True) == ("satisfied", None)
    assert decide(ONE_CHECK, [fired(0, "not_applicable")], every_rule=True) == ("not_applicable", None)
    both = [fired(0, "not_applicable"), fired(1, "not_applicable")]
    assert decide(LEGAL, both, every_rule=True) == ("not_applicable", None)


def test_a_rule_not_checkable_from_a_file_is_not_applicable():
    assert decide(NOT_CHECKABLE, None, every_rule=True) == ("not_applicable", None)
    assert decide(NOT_CHECKABLE, None, every_rule=False) is None


def test_a_waiver_turns_a_violated_or_undecided_rule_into_waived_only():
    w = SimpleNamespace(rule=LEGAL.id, by="某县司法局", reason="…", date=None)
    waivers = {LEGAL.id: w}
    assert waiver_for(LEGAL, "violated", waivers) is w
    assert waiver_for(LEGAL, "indeterminate", waivers) is w
    assert waiver_for(LEGAL, "satisfied", waivers) is None
    assert waiver_for(ONE_CHECK, "violated", waivers) is None


def test_the_branches_behind_an_outcome_are_listed_by_check():
    acts = [fired(1, "violated", "fact"), fired(0, "violated", "fact"), fired(0, "indeterminate")]
    assert [f.check for f in behind(acts, "violated", "fact")] == [0, 1]
    assert behind([fired(0, "not_applicable")], "satisfied", None) == []


def test_a_dossier_waiver_reaches_the_result():
    """Through check(): the waived rule is not a finding; explain mode says who waived it."""
    text = BASE.format(stage="已决定", procs="  - {类型: 集体讨论决定, 会议日期: 2023-06-20, 会议类型: 常务会议}") + \
        "豁免:\n  - {规则: mad.legal.before-discussion, 决定机关: 某县司法局, 理由: 紧急情况，事后补充审查}\n"
    r = check(dossier(text), explain=True)
    f = next(f for f in r.outcomes if f.rule == "mad.legal.before-discussion")
    assert f.outcome == "waived" and f.reason == "已由某县司法局豁免：紧急情况，事后补充审查"
    assert all(x.rule != "mad.legal.before-discussion" for x in r.findings)
