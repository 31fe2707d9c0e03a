"""engine/models/dossier.py: what a dossier's records mean — a position's wording, and the date
that chooses the ruleset."""

from __future__ import annotations

from engine.check import check
from support import BASE, dossier, outcome_of


def test_approval_in_principle_is_not_a_departure():
    """原则同意 by the majority and 同意 by the head are the same position (Art. 30 para. 2 does not apply)."""
    procs = "  - {类型: 集体讨论决定, 会议日期: 2023-06-20, 会议类型: 常务会议, 多数意见: 原则同意, 行政首长决定: 同意}"
    r = check(dossier(BASE.format(stage="已决定", procs=procs)), explain=True)
    assert outcome_of(r, "mad.coll.divergence-explained") in ("satisfied", "not_applicable")


def test_ruleset_date_ignores_forward_looking_dates():
    """A validity end date in the future is not the date of any step: it must not choose the ruleset."""
    d = dossier(BASE.format(stage="已公布", procs="  - {类型: 公布, 公布日期: 2023-06-20, 有效期至: 2028-06-19}")).dossier
    assert d.effective_date().isoformat() == "2023-06-20"
