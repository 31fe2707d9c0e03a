"""engine/checks/forbidden.py: records that must not exist — 713 Art. 20, an expert with an interest in
the decision may not take part in the argumentation."""

from __future__ import annotations

from engine.check import check
from support import BASE, dossier


def verdict(stage: str, procs: str, rule: str) -> tuple[str, str]:
    """(outcome, the article cited) of one rule, through the public check() API in explain mode."""
    r = check(dossier(BASE.format(stage=stage, procs=procs)), explain=True)
    f = next(f for f in r.outcomes if f.rule == rule)
    return f.outcome, f.basis


RULE = "mad.expert.selection"
EXPERTS = "  - {类型: 专家论证, 日期: 2023-05-18, 方式: 论证会, 专家: [{姓名: 李文华, 署名: 是, 利害关系: %s}]}"


def test_experts_without_interest_meet_article_20():
    outcome, basis = verdict("起草", EXPERTS % "否", RULE)
    assert outcome == "satisfied"
    assert "第二十条" in basis


def test_an_interested_expert_violates_article_20():
    outcome, basis = verdict("起草", EXPERTS % "是", RULE)
    assert outcome == "violated"
    assert "第二十条" in basis
