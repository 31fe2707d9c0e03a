"""engine/prose/reasons.py: the reasons and messages the engine adds to a rule's own text."""

from __future__ import annotations

from types import SimpleNamespace

from engine import rulesets
from engine.models.dossier import RecordBasis, Stage
from engine.prose.reasons import (absence_message, conditional_message, fill, indeterminate_message, needed_reason,
                                  reason, waiver_reason)

RS = rulesets.load("cn.mad.decree-713")


def _rule(rule_id):
    return next(r for r in RS.rules if r.id == rule_id)


def test_a_rule_not_yet_due_says_from_which_stage():
    rule = _rule("mad.pub.publish")
    check = rule.checks[0]
    due = check.due or rule.due
    zh, en = reason(rule, check, {"c": {"stage": 0}}, "not_applicable", Stage.drafting, [])
    assert zh == f"尚未到“{due.zh}”阶段（当前：{Stage.drafting.zh}），此项义务尚未到期"
    assert en.startswith("not yet due")


def test_a_trigger_that_is_no_says_which_article_does_not_apply():
    rule = _rule("mad.expert.trigger")
    check = rule.checks[0]
    case = {"stage": 99, **{c.fact.replace(".", "__"): 0 for c in rule.when if c.fact}}
    zh, en = reason(rule, check, {"c": case}, "not_applicable", Stage.completed, [])
    assert "专业性技术性较强：否" in zh and zh.endswith("，第十九条不适用")
    assert en.endswith(": Art. 19 does not apply")


def test_an_unstated_trigger_is_named():
    rule = _rule("mad.risk.trigger")
    case = {c.fact.replace(".", "__"): -1 for c in rule.when if c.fact}
    zh, _ = reason(rule, rule.checks[0], {"c": case}, "unknown_trigger", Stage.completed, [])
    assert zh.startswith("案卷未说明：") and "社会稳定风险" in zh


def test_same_day_says_the_dates_cannot_order_the_steps():
    rule = _rule("mad.legal.before-discussion")
    check = next(c for c in rule.checks if c.kind == "precedes")
    zh, en = reason(rule, check, {}, "same_day", Stage.completed, [])
    assert "为同一天，仅凭日期无法判断先后" in zh and "same day" in en


def test_causes_the_message_explains_get_no_reason():
    rule = _rule("mad.legal.before-discussion")
    assert reason(rule, rule.checks[0], {}, "missing", Stage.completed, []) == ("", "")


def test_a_waiver_names_who_waived_and_when():
    w = SimpleNamespace(by="某县司法局", reason="会议录音证明首长最后发言", date="2023-07-01")
    assert waiver_reason(w) == ("已由某县司法局豁免：会议录音证明首长最后发言（2023-07-01）",
                                "waived by 某县司法局: 会议录音证明首长最后发言 (2023-07-01)")
    assert waiver_reason(SimpleNamespace(by="某县司法局", reason="理由", date=None))[0] == "已由某县司法局豁免：理由"


def test_undecided_absent_and_conditional_messages():
    rule = _rule("mad.legal.before-discussion")
    assert indeterminate_message(rule)[0] == f"无法判定是否符合：{rule.title.zh}"
    needed = (("合法性审查·审查意见日期", "legality_review.opinion_date"),)
    assert absence_message(rule, needed)[0] == f"案卷未载明合法性审查·审查意见日期（{rule.title.zh}）"
    assert conditional_message(("甲", "a")) == ("如属重大行政决策：甲", "if this is a major administrative decision: a")


def test_what_would_settle_an_undecided_rule_depends_on_the_record_basis():
    needed = (("是否履行听证", "whether hearing took place"),)
    assert needed_reason(needed, RecordBasis.ledger, False)[0] == "台账未载明，需补充：是否履行听证"
    assert needed_reason(needed, RecordBasis.public_sources, False)[0] == "公开信息中未见，需补充：是否履行听证"
    assert needed_reason(needed, RecordBasis.complete_file, True)[0] == "案卷标明履行情况未知，需补充：是否履行听证"


def test_fill_leaves_unknown_names_as_written():
    assert fill("征求意见不少于{comment_min_days}日，实际{days}日", {"comment_min_days": 30}) == "征求意见不少于30日，实际{days}日"
