"""engine/checks/precedes.py: every B has an A dated before it — 713 Art. 25 para. 1, the legality review
comes before the collective discussion."""

from __future__ import annotations

from engine.check import check
from support import BASE, dossier


def verdict(stage: str, procs: str, rule: str) -> tuple[str, str]:
    """(outcome, the article cited) of one rule, through the public check() API in explain mode."""
    r = check(dossier(BASE.format(stage=stage, procs=procs)), explain=True)
    f = next(f for f in r.outcomes if f.rule == rule)
    return f.outcome, f.basis


RULE = "mad.legal.before-discussion"
LATE = """  - {类型: 合法性审查, 送审日期: 2023-06-01, 审查意见日期: 2023-06-25, 审查结论: 合法}
  - {类型: 集体讨论决定, 会议日期: 2023-06-20, 会议类型: 常务会议}"""


def test_review_before_the_meeting_meets_article_25():
    outcome, basis = verdict("已决定", LATE.replace("2023-06-25", "2023-06-12"), RULE)
    assert outcome == "satisfied"
    assert "第二十五条" in basis


def test_review_after_the_meeting_violates_article_25():
    outcome, basis = verdict("已决定", LATE, RULE)
    assert outcome == "violated"
    assert "第二十五条第一款" in basis


def test_review_on_the_day_of_the_meeting_is_not_decided():
    """The dates alone cannot tell which came first."""
    outcome, _ = verdict("已决定", LATE.replace("2023-06-25", "2023-06-20"), RULE)
    assert outcome == "indeterminate"
