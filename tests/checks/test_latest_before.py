"""engine/checks/latest_before.py: the last A before each B must not match — 713 Art. 24, no decision
while the latest risk assessment before the meeting judged the risk uncontrollable."""

from __future__ import annotations

from engine.check import check
from support import BASE, dossier


def verdict(stage: str, procs: str, rule: str) -> tuple[str, str]:
    """(outcome, the article cited) of one rule, through the public check() API in explain mode."""
    r = check(dossier(BASE.format(stage=stage, procs=procs)), explain=True)
    f = next(f for f in r.outcomes if f.rule == rule)
    return f.outcome, f.basis


RULE = "mad.risk.use-of-result"
PROCS = """  - {类型: 风险评估, 日期: 2023-05-10, 风险可控: 否}
  - {类型: 集体讨论决定, 会议日期: 2023-06-20, 会议类型: 常务会议}
  - {类型: 风险评估, 日期: %s, 风险可控: 是}"""


def test_a_controllable_reassessment_before_the_meeting_meets_article_24():
    outcome, basis = verdict("已决定", PROCS % "2023-06-01", RULE)
    assert outcome == "satisfied"
    assert "第二十四条" in basis


def test_a_reassessment_after_the_meeting_does_not_cure_article_24():
    outcome, basis = verdict("已决定", PROCS % "2023-07-01", RULE)
    assert outcome == "violated"
    assert "第二十四条" in basis
