"""engine/checks/order.py: inside one record, one date before another — 713 Art. 16 para. 2, the hearing
is announced before it is held."""

from __future__ import annotations

from engine.check import check
from support import BASE, dossier


def verdict(stage: str, procs: str, rule: str) -> tuple[str, str]:
    """(outcome, the article cited) of one rule, through the public check() API in explain mode."""
    r = check(dossier(BASE.format(stage=stage, procs=procs)), explain=True)
    f = next(f for f in r.outcomes if f.rule == rule)
    return f.outcome, f.basis


RULE = "mad.hearing.advance-publication"
HEARING = "  - {类型: 听证会, 听证日期: 2023-05-26, 公告日期: %s}"


def test_announced_before_the_hearing_meets_article_16():
    outcome, basis = verdict("起草", HEARING % "2023-05-08", RULE)
    assert outcome == "satisfied"
    assert "第十六条" in basis


def test_announced_after_the_hearing_violates_article_16():
    outcome, basis = verdict("起草", HEARING % "2023-05-27", RULE)
    assert outcome == "violated"
    assert "第十六条第二款" in basis
