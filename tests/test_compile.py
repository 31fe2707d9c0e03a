"""engine/compile.py: a ruleset compiled to durable_rules patterns — refusal of a rule without a
citation or naming an unknown field, and the meaning of the check kinds (`precedes`,
`latest_before`) and of a rule's `waived_when`, as a lawyer reads them."""

from __future__ import annotations

import pytest

from engine.check import check
from engine.compile import compile_ruleset
from engine.core.errors import RulesetErrors
from engine.rulesets import load
from support import BASE, dossier, outcome_of


def test_rule_without_article_is_rejected():
    rs = load("cn.mad.decree-713")
    bad = rs.model_copy(deep=True)
    bad.rules[0].basis.article = 0
    with pytest.raises(RulesetErrors) as e:
        compile_ruleset(bad)
    assert any(x.code == "ruleset.missing-citation" for x in e.value.errors)


def test_rule_naming_unknown_field_is_rejected():
    rs = load("cn.mad.decree-713")
    bad = rs.model_copy(deep=True)
    rule = next(r for r in bad.rules if r.id == "mad.coll.head-speaks-last")
    rule.checks[0].elements.fields = ["head_spoke_first"]
    with pytest.raises(RulesetErrors) as e:
        compile_ruleset(bad)
    assert "head_spoke_first" in e.value.text("en")


# --- precedes ---------------------------------------------------------------------------------

def test_review_after_meeting_is_a_violation_and_before_is_not():
    """Art. 25: an opinion dated after the meeting does not satisfy the review-before-discussion duty."""
    late = BASE.format(stage="已决定", procs="""  - {类型: 合法性审查, 送审日期: 2023-06-01, 审查意见日期: 2023-06-25, 审查结论: 合法}
  - {类型: 集体讨论决定, 会议日期: 2023-06-20, 会议类型: 常务会议}""")
    on_time = late.replace("2023-06-25", "2023-06-12")
    assert outcome_of(check(dossier(late)), "mad.legal.before-discussion") == "violated"
    assert outcome_of(check(dossier(on_time), explain=True), "mad.legal.before-discussion") == "satisfied"


def test_re_review_after_the_meeting_does_not_cure_it():
    """Art. 25 para. 2: the meeting was held on an 'unlawful' review; a lawful re-review dated after it cures nothing."""
    procs = """  - {类型: 合法性审查, 送审日期: 2023-06-01, 审查意见日期: 2023-06-12, 审查结论: 不合法}
  - {类型: 集体讨论决定, 会议日期: 2023-06-20, 会议类型: 常务会议}
  - {类型: 合法性审查, 送审日期: 2023-06-21, 审查意见日期: 2023-07-05, 审查结论: 合法}"""
    r = check(dossier(BASE.format(stage="已决定", procs=procs)), explain=True)
    assert outcome_of(r, "mad.legal.before-discussion.unlawful") == "violated"
    # reviewed again and found lawful BEFORE the meeting: fine
    fixed = procs.replace("2023-06-21", "2023-06-13").replace("2023-07-05", "2023-06-19")
    assert outcome_of(check(dossier(BASE.format(stage="已决定", procs=fixed)), explain=True),
                      "mad.legal.before-discussion.unlawful") == "satisfied"


# --- latest_before ----------------------------------------------------------------------------

def test_reassessment_after_the_decision_does_not_cure_uncontrollable_risk():
    """Art. 24: deciding while the risk was judged uncontrollable is not cured by a later reassessment."""
    procs = """  - {类型: 风险评估, 日期: 2023-05-10, 风险可控: 否}
  - {类型: 集体讨论决定, 会议日期: 2023-06-20, 会议类型: 常务会议}
  - {类型: 风险评估, 日期: 2023-07-01, 风险可控: 是}"""
    r = check(dossier(BASE.format(stage="已决定", procs=procs)), explain=True)
    assert outcome_of(r, "mad.risk.use-of-result") == "violated"
    f = next(f for f in r.outcomes if f.rule == "mad.risk.use-of-result")
    assert any(e.value == "2023-05-10" for e in f.evidence)


# --- waived_when ------------------------------------------------------------------------------

def test_exploratory_reform_waives_unlawful_gate():
    """Art. 25 para. 2: an exploratory reform may go to the meeting despite the review, once legal risk is stated."""
    procs = "  - {类型: 合法性审查, 送审日期: 2023-06-01, 审查意见日期: 2023-06-12, 审查结论: 不合法, 明示法律风险: 是}"
    plain = check(dossier(BASE.format(stage="集体讨论前", procs=procs)), explain=True)
    assert outcome_of(plain, "mad.legal.before-discussion.unlawful") == "violated"
    reform = check(dossier(BASE.format(stage="集体讨论前", procs=procs).replace("涉及其他部门职责: 否", "涉及其他部门职责: 否, 探索性改革: 是")), explain=True)
    assert outcome_of(reform, "mad.legal.before-discussion.unlawful") == "waived"
