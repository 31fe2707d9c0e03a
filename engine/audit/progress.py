"""Progress on stderr: a rich bar with rate and ETA on a terminal, plain lines otherwise (logs, CI)."""

from __future__ import annotations

import sys
import time
from typing import Optional


class Progress:
    def __init__(self, total: Optional[int], lang: str = "zh", quiet: bool = False, every: float = 5.0,
                 tty: Optional[bool] = None) -> None:
        self.total, self.lang, self.quiet, self.every = total, lang, quiet, every
        self.done = self.errors = 0
        self.t0 = time.monotonic()
        self._last = 0.0
        self._rich = None
        tty = sys.stderr.isatty() if tty is None else tty
        if not quiet and tty:
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress as RichProgress, TaskProgressColumn,
                                       TextColumn, TimeElapsedColumn, TimeRemainingColumn)
            label = "审核" if lang == "zh" else "audit"
            self._rich = RichProgress(TextColumn(f"[bold]{label}"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
                                      TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("ETA"),
                                      TimeRemainingColumn(), TextColumn("{task.fields[err]}"),
                                      console=Console(stderr=True), transient=False, refresh_per_second=4)
            self._task = self._rich.add_task(label, total=total, rate="", err="")
            self._rich.start()

    def _rate(self) -> float:
        el = time.monotonic() - self.t0
        return self.done / el if el > 0 else 0.0

    def advance(self, n: int, errors: int = 0) -> None:
        self.done += n
        self.errors += errors
        if self.quiet:
            return
        rate = self._rate()
        if self._rich is not None:
            unit = "件/秒" if self.lang == "zh" else "/s"
            err = (f"错误 {self.errors}" if self.lang == "zh" else f"errors {self.errors}") if self.errors else ""
            self._rich.update(self._task, completed=self.done, rate=f"{rate:,.0f} {unit}", err=err)
            return
        now = time.monotonic()
        if now - self._last >= self.every or (self.total is not None and self.done >= self.total):
            self._last = now
            self.line()

    def line(self) -> None:
        rate = self._rate()
        left = (self.total - self.done) / rate if self.total is not None and rate > 0 else None
        pct = f" ({self.done / self.total * 100:.1f}%)" if self.total else ""
        of = f"/{self.total}" if self.total is not None else ""
        if self.lang == "zh":
            eta = f"，预计剩余 {_dur(left)}" if left is not None else ""
            msg = f"审核进度 {self.done}{of}{pct}，{rate:,.1f} 件/秒{eta}，错误 {self.errors}"
        else:
            eta = f", ETA {_dur(left)}" if left is not None else ""
            msg = f"audit {self.done}{of}{pct}, {rate:,.1f} dossiers/s{eta}, errors {self.errors}"
        print(msg, file=sys.stderr, flush=True)

    def close(self) -> None:
        if self._rich is not None:
            self._rich.stop()
            self._rich = None


def _dur(s: float) -> str:
    s = int(s)
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m}:{sec:02d}"
