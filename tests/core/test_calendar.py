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


def _day_by_day() -> list[int]:
    import datetime as dt

    from engine.core import calendar as c
    out, total, d = [], 0, dt.date(c.FIRST_YEAR, 1, 1)
    while d <= dt.date(c.last_year(), 12, 31):
        total += c.is_workday(d)
        out.append(total)
        d += dt.timedelta(days=1)
    return out


def test_the_working_day_table_counts_what_is_workday_says_day_by_day(tmp_path, monkeypatch):
    """The table behind every working-day count (built in one pass) agrees with is_workday for every
    covered day: the library's years, a user's next year, and a user's correction of a library year."""
    from engine.core import calendar as c
    monkeypatch.setattr(c, "_EXTRA", {})
    monkeypatch.setattr(c, "_last", None)
    c._table.cache_clear()
    try:
        assert c._table() == _day_by_day()
        y = c.LAST_YEAR + 1
        (tmp_path / "next.yaml").write_text(
            f"- {{年度: {y}, 文号: 国办发明电〔{y - 1}〕1号, 放假: [{y}-01-01, {y}-01-02], 调休上班: [{y}-01-03]}}\n"
            f"- {{年度: 2023, 文号: 国办发明电〔2022〕16号, 放假: [2023-10-02], 调休上班: [2023-10-07, 2023-10-08]}}\n",
            encoding="utf-8")
        assert c.load_user_calendar(str(tmp_path / "next.yaml")) == [y, 2023]
        table = c._table()
        assert len(table) > 365 * (c.LAST_YEAR - c.FIRST_YEAR + 1) and table == _day_by_day()
        # 2023-10-07 is worked in the user's 2023 and the library's 10-03 is not a holiday there
        assert c.working_days_between(__import__("datetime").date(2023, 10, 1), __import__("datetime").date(2023, 10, 8)) == 6
    finally:
        c._table.cache_clear()
