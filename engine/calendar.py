"""Calendar: date → working-day ordinal, using the State Council's holiday and 调休 calendar.

Decree 713 counts some periods in working days (Art. 26: 7个工作日). Which days are working days
is fixed each year by the State Council's notice (放假安排), including Saturdays and Sundays made
working days (调休). We use the `chinese-calendar` package, which carries that data (2004–2026 in
1.11.0); for a year it does not cover we answer "unknown" rather than guess, so a rule that needs
it becomes indeterminate instead of silently wrong (probe Q8: `holidays` invents 2027 dates).

`workday_ordinal(d)` is the number of working days from the start of the covered range up to and
including `d`; the working days between two dates (first day not counted) is the difference.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Optional

import chinese_calendar
from chinese_calendar import constants as _cc

FIRST_YEAR = min(_cc.holidays).year
LAST_YEAR = max(_cc.holidays).year
_BASE = dt.date(FIRST_YEAR, 1, 1).toordinal()


def covered(d: dt.date) -> bool:
    return FIRST_YEAR <= d.year <= LAST_YEAR


def is_workday(d: dt.date) -> bool:
    return bool(d in _cc.workdays or (d.weekday() <= 4 and d not in _cc.holidays))


@lru_cache(maxsize=1)
def _table() -> list[int]:
    """Cumulative working days for every covered day, built once (≈8,400 days)."""
    out, total = [], 0
    d = dt.date(FIRST_YEAR, 1, 1)
    end = dt.date(LAST_YEAR, 12, 31)
    one = dt.timedelta(days=1)
    while d <= end:
        total += is_workday(d)
        out.append(total)
        d += one
    return out


def workday_ordinal(d: Optional[dt.date]) -> int:
    """Working-day ordinal of `d`, or -1 when the official calendar does not cover that year."""
    if d is None or not covered(d):
        return -1
    return _table()[d.toordinal() - _BASE]


def working_days_between(start: dt.date, end: dt.date) -> Optional[int]:
    """Working days after `start` up to and including `end` (the first day is not counted)."""
    a, b = workday_ordinal(start), workday_ordinal(end)
    return None if a < 0 or b < 0 else b - a


def coverage_note(lang: str = "zh") -> str:
    if lang == "en":
        return f"official working-day calendar available for {FIRST_YEAR}–{LAST_YEAR} (chinese-calendar {chinese_calendar.__version__})"
    return f"法定节假日及调休数据覆盖{FIRST_YEAR}—{LAST_YEAR}年（chinese-calendar {chinese_calendar.__version__}）"
