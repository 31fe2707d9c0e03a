"""Worker side of the audit: one item (file, JSON line, ledger row) → one results.jsonl or errors.jsonl line.

Runs in worker processes (multiprocessing forkserver/spawn, or Dask workers). durable_rules is
registered lazily per process by engine.evaluate, so nothing is shared with the parent. A
worker returns plain strings (the JSON lines), which the parent only appends to files, and the
summary's counts for them (summary.Part), which the parent merges.

Each result line is exactly the object `juece check --format json` prints for the dossier, plus
one key, `rule_outcomes` (rule id → outcome, for every rule of the ruleset), from which the rates
are computed. Both come from one engine run: engine.check.check_with_outcomes.
"""

from __future__ import annotations

import json
import os
import signal
from typing import Any, Optional

from ..core.errors import JueceError, LoadError, Problem, RulesetErrors

# Item kinds: "file" (payload: a path), "json" (payload: one JSON text), "obj" (payload: a mapping
# built from a ledger row), "error" (payload: an error record made by the parent, e.g. an unreadable ledger).
Item = tuple[str, str, Any]  # (key, kind, payload)

CRASH_ENV = "JUECE_AUDIT_TEST_CRASH"  # testing hook: a worker segfaults on a key containing this text
HANG_ENV = "JUECE_AUDIT_TEST_HANG"  # testing hook: the engine hangs on a key containing this text
CRASH_ONCE_ENV = "JUECE_AUDIT_TEST_CRASH_ONCE"  # testing hook: "text:marker-file": segfault on that key once
TIME_LIMIT = 120.0  # seconds one dossier may take (a check takes milliseconds; a hang is a bug)


class _TimeLimit(BaseException):  # not an Exception: the engine's own `except Exception` must not swallow it
    pass


def _alarm(signum, frame) -> None:  # noqa: ANN001
    raise _TimeLimit


def timeout_record(key: str, seconds: float, dossier: Optional[str] = None) -> dict:
    return error_record(key, "engine", "engine.timeout",
                        f"检查该案卷超过时限（{seconds:g} 秒）已停止，可能是规则引擎缺陷，请报告此问题；审核继续",
                        f"checking this dossier took longer than the time limit ({seconds:g} s) and was stopped; probably an engine bug, "
                        "please report it; the audit goes on", dossier=dossier)


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n"


def result_line(result: Any, outcomes: dict[str, str]) -> str:
    """A results.jsonl line: `_dumps(result.model_dump(mode="json") | {"rule_outcomes": outcomes})`, byte for byte.

    pydantic's own serializer writes the same compact UTF-8 JSON (same key order and escapes) in a
    third of the time of model_dump + json.dumps (tests/test_check_outcomes.py checks they agree)."""
    return result.model_dump_json()[:-1] + ',"rule_outcomes":' + _dumps(outcomes)[:-1] + "}\n"


def _init_worker(parent: Optional[int] = None) -> None:
    """In pool workers: leave Ctrl-C to the parent, which stops the pool in an orderly way; and
    exit if the parent is killed outright (SIGKILL, OOM killer), rather than wait forever for work."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if parent:
        import threading
        import time

        def watch() -> None:
            while True:
                time.sleep(1.0)
                try:
                    os.kill(parent, 0)
                except ProcessLookupError:
                    os._exit(1)
                except PermissionError:
                    pass

        threading.Thread(target=watch, name="juece-parent-watch", daemon=True).start()


def error_record(key: str, kind: str, code: str, zh: str, en: str, problems: Optional[list[dict]] = None,
                 dossier: Optional[str] = None) -> dict:
    return {"file": key, "dossier": dossier, "kind": kind, "code": code, "message": zh, "message_en": en,
            "problems": problems or []}


def _load(key: str, kind: str, payload: Any) -> Any:
    from ..load import Loaded, load_dossier, sha256, validate
    from ..core.yamlload import json_pairs  # the same duplicate-key refusal as .json files

    if kind == "file":
        return load_dossier(payload, name=key, fast=True)
    if kind == "json":
        text = payload
        try:
            obj = json.loads(text, object_pairs_hook=json_pairs)
        except json.JSONDecodeError as e:
            raise LoadError([Problem("load.syntax", key, f"JSON 语法错误：{e.msg}", f"JSON syntax error: {e.msg}", 1, e.colno)]) from None
        except LoadError as e:
            for p in e.problems:
                p.file = key
            raise
        return Loaded(dossier=validate(obj, text, key), file=key, sha256=sha256(text.encode("utf-8")))
    if kind == "obj":
        text = json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str)
        return Loaded(dossier=validate(payload, text, key), file=key, sha256=sha256(text.encode("utf-8")))
    raise ValueError(f"unknown item kind {kind!r}")


def process_one(item: Item, opts: dict) -> tuple[str, str, str]:
    """→ ("result" | "error", key, JSON line)."""
    return _process(item, opts)[:3]


def _process(item: Item, opts: dict) -> tuple[str, str, str, dict]:
    """_check under the per-dossier time limit (a timer signal in the worker's main thread; a hang the
    signal cannot reach, inside native code, is ended by the parent, which kills the process)."""
    import threading
    limit = opts.get("time_limit")
    if not limit or threading.current_thread() is not threading.main_thread():
        return _check(item, opts)
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, float(limit))
    try:
        return _check(item, opts)
    except _TimeLimit:
        rec = timeout_record(item[0], float(limit))
        return "error", item[0], _dumps(rec), rec
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _check(item: Item, opts: dict) -> tuple[str, str, str, dict]:
    """→ ("result" | "error", key, JSON line, what the summary reads of it: summary.digest | the error record)."""
    key, kind, payload = item
    hang = opts.get("hang")
    if hang and hang in key:  # what an engine stuck in a loop looks like from outside
        import time
        while True:
            time.sleep(0.05)
    crash = opts.get("crash")  # the parent reads CRASH_ENV: forkserver children keep the server's environment
    if crash and crash in key:
        os.kill(os.getpid(), signal.SIGSEGV)  # what a durable_rules bug looks like from outside
    once = opts.get("crash_once")
    if once and once.split(":", 1)[0] in key:
        marker = once.split(":", 1)[1]
        try:
            fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            pass
        else:  # the first time only: a worker killed from outside while it held this dossier
            os.close(fd)
            os.kill(os.getpid(), signal.SIGKILL)

    def error(rec: dict) -> tuple[str, str, str, dict]:
        return "error", key, _dumps(rec), rec

    if kind == "error":
        return error(payload)
    from ..check import check_with_outcomes
    from .summary import digest
    ruleset_id = opts.get("ruleset")
    try:
        loaded = _load(key, kind, payload)
    except JueceError as e:
        zh, en = e.text("zh"), e.text("en")
        code = e.problems[0].code if e.problems else "load.error"
        return error(error_record(key, "load", code, zh, en, [p.to_dict() for p in e.problems]))
    except Exception as e:  # noqa: BLE001
        return error(error_record(key, "load", "load.internal", f"读取失败：{type(e).__name__}: {e}",
                                  f"could not read: {type(e).__name__}: {e}"))
    dossier_id = loaded.dossier.id
    try:
        result, outcomes = check_with_outcomes(loaded, ruleset_id=ruleset_id)
        line = result_line(result, outcomes)
        seen = digest(result, outcomes)
    except RulesetErrors as e:
        return error(error_record(key, "ruleset", e.errors[0].code if e.errors else "ruleset.error",
                                  e.text("zh"), e.text("en"), [x.to_dict() for x in e.errors], dossier_id))
    except Exception as e:  # noqa: BLE001 - an engine bug costs this dossier only
        return error(error_record(key, "engine", "engine.internal", f"内部错误（请报告此问题）：{type(e).__name__}: {e}",
                                  f"internal error (please report): {type(e).__name__}: {e}", dossier=dossier_id))
    return "result", key, line, seen


def process_chunk(items: list[Item], opts: dict) -> tuple[list[tuple[str, str, str]], Any]:
    """→ (the chunk's lines, its summary.Part): the worker tallies what it checked, so the parent
    only merges counts and never parses the lines it writes."""
    from .summary import Part
    part = Part(opts.get("list_limit", 500))
    recs = []
    for it in items:
        kind, key, line, obj = _process(it, opts)
        recs.append((kind, key, line))
        if kind == "result":
            part.add_result(obj)
        else:
            part.add_error(obj)
    return recs, part


def stream_main(conn: Any, items: list[Item], opts: dict, parent: Optional[int] = None) -> None:
    """Entry point of a throw-away process that finds the dossier killing a worker: each result is
    sent as soon as it is made, so when the process dies the parent knows which dossier it was on."""
    _init_worker(parent)
    try:
        for it in items:
            conn.send(process_one(it, opts))
    finally:
        conn.close()
