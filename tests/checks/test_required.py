"""engine/checks/required.py: a procedure record exists — 713 Art. 30 para. 1, the decision is made at a
standing or plenary meeting (常务会议 / 全体会议)."""

from __future__ import annotations

from engine.check import check
from support import BASE, dossier


def verdict(stage: str, procs: str, rule: str) -> tuple[str, str]:
    """(outcome, the article cited) of one rule, through the public check() API in explain mode."""
    r = check(dossier(BASE.format(stage=stage, procs=procs)), explain=True)
    f = next(f for f in r.outcomes if f.rule == rule)
    return f.outcome, f.basis


RULE = "mad.coll.meeting-type"


def test_standing_meeting_meets_article_30():
    outcome, basis = verdict("已决定", "  - {类型: 集体讨论决定, 会议日期: 2023-06-20, 会议类型: 常务会议}", RULE)
    assert outcome == "satisfied"
    assert "第三十条" in basis


def test_no_meeting_of_the_required_type_violates_article_30():
    outcome, basis = verdict("已决定", "  - {类型: 集体讨论决定, 会议日期: 2023-06-20, 会议类型: 专题会议}", RULE)
    assert outcome == "violated"
    assert "第三十条第一款" in basis
