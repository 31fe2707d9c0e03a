"""engine/core/calendar.py: working days counted on the State Council's holiday calendar, and a year it
does not cover."""

from __future__ import annotations

from engine.check import check
from support import BASE, dossier


def test_working_days_skip_national_day():
    """Art. 26: 2023-09-28 → 2023-10-09 spans the National Day holiday: only 3 working days (9-28 not counted)."""
    procs = """  - {类型: 合法性审查, 送审日期: 2023-09-28, 审查意见日期: 2023-10-09, 审查结论: 合法}"""
    f = next(f for f in check(dossier(BASE.format(stage="集体讨论前", procs=procs))).findings if f.rule == "mad.legal.review-time")
    assert f.outcome == "violated" and "3个工作日" in f.message


def test_working_days_beyond_calendar_are_indeterminate():
    """No official holiday calendar yet for 2027: the review time cannot be counted, so it is indeterminate, not guessed."""
    procs = """  - {类型: 合法性审查, 送审日期: 2027-03-01, 审查意见日期: 2027-03-04, 审查结论: 合法}"""
    f = next(f for f in check(dossier(BASE.format(stage="集体讨论前", procs=procs))).findings if f.rule == "mad.legal.review-time")
    assert f.outcome == "indeterminate" and "节假日" in f.reason
