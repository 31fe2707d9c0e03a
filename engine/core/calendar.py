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
from itertools import accumulate
from pathlib import Path
from typing import Optional

import chinese_calendar
from chinese_calendar import constants as _cc

FIRST_YEAR = min(_cc.holidays).year
LAST_YEAR = max(_cc.holidays).year  # of the library; user calendars may extend it (last_year())
_BASE = dt.date(FIRST_YEAR, 1, 1).toordinal()

# User-supplied years (load_user_calendar): year → (holidays, adjusted working days, notice).
_EXTRA: dict[int, tuple[frozenset, frozenset, str]] = {}
ENV = "JUECE_CALENDAR"  # a YAML file (or several, separated by os.pathsep) read at first use


class CalendarError(ValueError):
    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh, self.en = zh, en


def load_user_calendar(path: str) -> list[int]:
    """Add the years of a user's holiday calendar YAML; → the years added.

        年度: 2027
        文号: 国办发明电〔2026〕……号        # the State Council notice the days come from
        放假: [2027-01-01, 2027-02-06, …]   # days off
        调休上班: [2027-02-14, …]            # weekend days made working days

    A list of such mappings is accepted too. Days must fall in their stated year."""
    from ..models.base import parse_date
    from .errors import LoadError
    from .yamlload import load_file
    try:
        raw = load_file(Path(path))  # the strict loader: a repeated 放假 key is refused, never half-read
    except LoadError as e:
        raise CalendarError(f"无法读取节假日日历 {path}：{e.text('zh')}", f"cannot read the holiday calendar {path}: {e.text('en')}") from None
    years = []
    for item in raw if isinstance(raw, list) else [raw]:
        if not isinstance(item, dict):
            raise CalendarError(f"{path}：每个年度应写成 年度/文号/放假/调休上班", f"{path}: each year needs 年度/文号/放假/调休上班")
        year = item.get("年度", item.get("year"))
        notice = str(item.get("文号", item.get("notice")) or "").strip()
        if not isinstance(year, int) or not notice:
            raise CalendarError(f"{path}：须写明 年度（如 2027）和国务院办公厅通知的 文号", f"{path}: give year (e.g. 2027) and the State Council notice number (文号)")
        days: list[frozenset] = []
        for zh, en in (("放假", "holidays"), ("调休上班", "workdays")):
            out = set()
            for v in item.get(zh, item.get(en)) or []:
                try:
                    d = parse_date(v)
                except ValueError:
                    d = None
                if not isinstance(d, dt.date) or d.year != year:
                    raise CalendarError(f"{path}：{zh} 中的“{v}”不是 {year} 年的日期", f"{path}: '{v}' in {en} is not a date in {year}")
                out.add(d)
            days.append(frozenset(out))
        _EXTRA[year] = (days[0], days[1], notice)
        years.append(year)
    global _last
    _last = None
    _table.cache_clear()
    return years


_env_loaded = False


def _load_env() -> None:
    global _env_loaded
    if _env_loaded:
        return
    _env_loaded = True
    import os
    for p in filter(None, os.environ.get(ENV, "").split(os.pathsep)):
        load_user_calendar(p)


_last: Optional[int] = None


def last_year() -> int:
    """The last year whose working days are known: the library's, extended by consecutive user years."""
    global _last
    if _last is None:
        _load_env()
        y = LAST_YEAR
        while y + 1 in _EXTRA:
            y += 1
        _last = y
    return _last


def covered(d: dt.date) -> bool:
    return FIRST_YEAR <= d.year <= (_last or last_year())


def is_workday(d: dt.date) -> bool:
    extra = _EXTRA.get(d.year)
    if extra is not None:
        holidays, workdays, _ = extra
        return d in workdays or (d.weekday() <= 4 and d not in holidays)
    return bool(d in _cc.workdays or (d.weekday() <= 4 and d not in _cc.holidays))


def missing_years(*days: Optional[dt.date]) -> list[int]:
    """The years among these dates that no calendar covers (for the warning that names them)."""
    return sorted({d.year for d in days if d is not None and not covered(d)})


@lru_cache(maxsize=1)
def _table() -> list[int]:
    """Cumulative working days for every covered day, built once (≈8,400 days): Monday to Friday,
    less the holidays, plus the weekend days worked in their place (`is_workday`, day by day, gives
    the same table in 4× the time)."""
    start, end = _BASE, dt.date(last_year(), 12, 31).toordinal()
    first_weekday = dt.date.fromordinal(start).weekday()
    flags = [1 if (first_weekday + i) % 7 <= 4 else 0 for i in range(end - start + 1)]
    library = [(d, 0) for d in _cc.holidays] + [(d, 1) for d in _cc.workdays]  # a worked day wins, as in is_workday
    users = [(d, v) for h, w, _ in _EXTRA.values() for days, v in ((h, 0), (w, 1)) for d in days]
    for d, value in [(d, v) for d, v in library if d.year not in _EXTRA] + users:
        i = d.toordinal() - start
        if 0 <= i < len(flags):
            flags[i] = value
    return list(accumulate(flags))


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
    extra = sorted(_EXTRA)
    if lang == "en":
        more = f"; user calendar for {', '.join(map(str, extra))}" if extra else ""
        return f"official working-day calendar available for {FIRST_YEAR}–{last_year()} (chinese-calendar {chinese_calendar.__version__}{more})"
    more = "；用户日历：" + "、".join(f"{y}年（{_EXTRA[y][2]}）" for y in extra) if extra else ""
    return f"法定节假日及调休数据覆盖{FIRST_YEAR}—{last_year()}年（chinese-calendar {chinese_calendar.__version__}{more}）"
