"""engine/checks/elements.py: a record carries the listed elements — 713 Art. 30 para. 2, the head of the
government states his view last (行政首长最后发表意见)."""

from __future__ import annotations

from engine.check import check
from support import BASE, dossier


def verdict(stage: str, procs: str, rule: str) -> tuple[str, str]:
    """(outcome, the article cited) of one rule, through the public check() API in explain mode."""
    r = check(dossier(BASE.format(stage=stage, procs=procs)), explain=True)
    f = next(f for f in r.outcomes if f.rule == rule)
    return f.outcome, f.basis


RULE = "mad.coll.head-speaks-last"
MEETING = "  - {类型: 集体讨论决定, 会议日期: 2023-06-20, 会议类型: 常务会议, 行政首长最后发表意见: %s}"


def test_head_speaking_last_meets_article_30():
    outcome, basis = verdict("已决定", MEETING % "是", RULE)
    assert outcome == "satisfied"
    assert "第三十条" in basis


def test_head_not_speaking_last_violates_article_30():
    outcome, basis = verdict("已决定", MEETING % "否", RULE)
    assert outcome == "violated"
    assert "第三十条第二款" in basis
