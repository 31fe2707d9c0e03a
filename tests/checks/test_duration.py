"""engine/checks/duration.py: at least N days between two dates — 713 Art. 15 para. 1, public comment
open for no less than 30 days (a ruleset parameter)."""

from __future__ import annotations

from engine.check import check
from support import BASE, dossier


def verdict(stage: str, procs: str, rule: str) -> tuple[str, str]:
    """(outcome, the article cited) of one rule, through the public check() API in explain mode."""
    r = check(dossier(BASE.format(stage=stage, procs=procs)), explain=True)
    f = next(f for f in r.outcomes if f.rule == rule)
    return f.outcome, f.basis


RULE = "mad.pp.public-comment.period"
COMMENT = "  - {类型: 公众参与, 方式: 公开征求意见, 开始日期: 2023-04-10, 截止日期: %s}"


def test_thirty_two_days_of_comment_meet_article_15():
    outcome, basis = verdict("起草", COMMENT % "2023-05-12", RULE)
    assert outcome == "satisfied"
    assert "第十五条" in basis


def test_ten_days_of_comment_violate_article_15():
    outcome, basis = verdict("起草", COMMENT % "2023-04-20", RULE)
    assert outcome == "violated"
    assert "第十五条第一款" in basis


def test_the_days_counted_are_shown():
    r = check(dossier(BASE.format(stage="起草", procs=COMMENT % "2023-04-20")))
    f = next(f for f in r.findings if f.rule == RULE)
    assert any(e.fact == "days" and e.value == "10日" for e in f.evidence)
