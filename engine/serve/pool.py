"""Checks run in a bounded pool of worker processes, each with a time limit.

A dossier is read, parsed and checked in a worker (pebble.ProcessPool), never in the web process:
a hostile or huge input costs one worker for at most `timeout` seconds (then the worker is killed
and replaced), and at most `max_pending` checks are admitted at once (running or queued); one more
is refused at once with 503 rather than queued behind them. Pages, lists and dispositions do not
go through the pool and stay responsive while every worker is busy.
"""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Optional


class Busy(Exception):
    """Every check slot is taken."""


class TimedOut(Exception):
    """The check took longer than the time limit."""


class WorkerFailed(Exception):
    """The worker process died (e.g. out of memory)."""


def run_check(data: bytes, name: str, ruleset: Optional[str], stage: Optional[str]) -> dict:
    """In a worker: bytes → {"ok": True, "json": CLI JSON, "digest": …, "result": dict} or {"ok": False, …}."""
    from pathlib import Path

    from ..audit.summary import digest
    from ..check import check_with_outcomes
    from ..core.errors import JueceError, RulesetErrors
    from ..load import load_dossier
    from ..models.dossier import Stage
    from ..render import json_rows  # the CLI's own `--format json` writer: the API answers exactly what it prints
    try:
        loaded = load_dossier(Path(name), data=data, name=name)
    except JueceError as e:
        return {"ok": False, "kind": "load", "problems": [p.to_dict() for p in e.problems],
                "text": e.text("zh"), "text_en": e.text("en")}
    try:
        st = Stage.parse(stage) if stage else None
        result, outcomes = check_with_outcomes(loaded, ruleset_id=ruleset, stage=st)
    except RulesetErrors as e:
        return {"ok": False, "kind": "ruleset", "errors": [x.to_dict() for x in e.errors],
                "text": e.text("zh"), "text_en": e.text("en")}
    except Exception as e:  # noqa: BLE001 - reported as an internal error, never a traceback to the client
        return {"ok": False, "kind": "internal", "text": f"内部错误（请报告此问题）：{type(e).__name__}",
                "text_en": f"internal error (please report): {type(e).__name__}"}
    body = json_rows([result])
    return {"ok": True, "json": body, "digest": digest(result, outcomes),
            "result": result.model_dump(mode="json")}


_WARM = '编号: warm-up\n标题: 预热\n决策机关: 某县人民政府\n行政区划: "110000"\n决策日期: 2023-01-01\n程序: []\n'.encode("utf-8")


def _warm() -> None:
    """Run in every new worker before it takes a task (pebble's initializer, outside any time limit):
    import the engine and compile the national ruleset with one check, so a worker that replaces a
    killed one does not spend the next dossier's time limit on that (about 1 s). The enforcement kind's
    validators, which a decision check does not build (models/vocabulary.py: deferred), are built too."""
    from ..models.enforcement import EnforcementDossier
    run_check(_WARM, "warm-up.yaml", None, None)
    EnforcementDossier.model_rebuild()


class CheckPool:
    def __init__(self, workers: int = 2, timeout: float = 20.0, max_pending: int = 32):
        from pebble import ProcessPool
        self.timeout, self.max_pending, self.workers = timeout, max_pending, workers
        self._slots = threading.BoundedSemaphore(max_pending)
        self._lock = threading.Lock()
        self.in_flight = 0  # checks admitted and not finished
        self._pool = ProcessPool(max_workers=workers, context=multiprocessing.get_context("fork"), initializer=_warm)

    def check(self, data: bytes, name: str, ruleset: Optional[str] = None, stage: Optional[str] = None) -> dict:
        """Blocks the calling (server) thread until the check is done; Busy, TimedOut or WorkerFailed."""
        if not self._slots.acquire(blocking=False):
            raise Busy()
        with self._lock:
            self.in_flight += 1
        try:
            fut = self._pool.schedule(run_check, args=(data, name, ruleset, stage), timeout=self.timeout)
            try:
                # the pool's own timeout runs from when a worker starts; queueing is bounded by max_pending
                return fut.result(timeout=self.timeout * (1 + self.max_pending / max(self.workers, 1)))
            except (FutureTimeout, TimeoutError):
                fut.cancel()
                raise TimedOut() from None
            except Exception as e:  # noqa: BLE001 - pebble.ProcessExpired and friends
                if type(e).__name__ == "ProcessExpired":
                    raise WorkerFailed() from None
                raise
        finally:
            with self._lock:
                self.in_flight -= 1
            self._slots.release()

    def close(self) -> None:
        self._pool.stop()
        self._pool.join(timeout=5)
