"""Worker side of the audit: one item (file, JSON line, ledger row) → one results.jsonl or errors.jsonl line.

Runs in worker processes (multiprocessing forkserver/spawn, or Dask workers). durable_rules is
registered lazily per process by engine.evaluate, so nothing is shared with the parent. A
worker returns plain strings (the JSON lines); the parent only appends them to files.

Each result line is exactly the object `juece check --format json` prints for the dossier, plus
one key, `rule_outcomes` (rule id → outcome, for every rule of the ruleset), from which the rates
are computed. The outcome map comes from the explain-mode engine run reduced to outcomes only,
which costs a fraction of building every explain Finding; it is cross-checked against the
findings of the ordinary run, and a disagreement falls back to the full explain run.
"""

from __future__ import annotations

import json
import os
import signal
from typing import Any, Optional

from ..errors import JueceError, LoadError, Problem, RulesetErrors
from ..models.finding import OUTCOME_RANK

# Item kinds: "file" (payload: a path), "json" (payload: one JSON text), "obj" (payload: a mapping
# built from a ledger row), "error" (payload: an error record made by the parent, e.g. an unreadable ledger).
Item = tuple[str, str, Any]  # (key, kind, payload)

CRASH_ENV = "JUECE_AUDIT_TEST_CRASH"  # testing hook: a worker segfaults on a key containing this text


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n"


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


def rule_outcomes(compiled: Any, activations: list, dossier: Any) -> dict[str, str]:
    """Every rule's outcome from explain-mode activations, the way findings.Builder.outcomes decides it."""
    fired: dict[int, dict[int, list[str]]] = {}
    for act in activations:
        b = compiled.branches[act.branch]
        fired.setdefault(b.rule_index, {}).setdefault(b.check_index, []).append(b.outcome)
    waived = {w.rule for w in dossier.waivers}
    out: dict[str, str] = {}
    rank = OUTCOME_RANK.get
    for ri, rule in enumerate(compiled.ruleset.rules):
        if not rule.checkable:
            out[rule.id] = "not_applicable"
            continue
        per_check = fired.get(ri) or {}
        outcome = max((max(per_check[ci], key=rank) if per_check.get(ci) else "satisfied"
                       for ci in range(len(rule.checks))), key=rank, default="satisfied")
        if outcome in ("violated", "indeterminate") and rule.id in waived:
            outcome = "waived"
        out[rule.id] = outcome
    return out


def _outcome_map(loaded: Any, result: Any, ruleset_id: Optional[str]) -> dict[str, str]:
    from .. import evaluate, rulesets
    from ..check import compiled_for
    from ..facts import to_facts

    if not result.applicable:
        return {}
    rs = rulesets.load(result.ruleset["id"])
    if rs.content_hash != result.manifest.ruleset_hash:  # chosen from another root: take the slow, sure path
        return _explain_map(loaded, ruleset_id)
    compiled, _ = compiled_for(rs, "explain")
    d = loaded.dossier
    st = d.effective_stage()
    acts = evaluate.run(compiled, to_facts(d, st.rank, compiled.keys))
    out = rule_outcomes(compiled, acts, d)
    # Cross-check against the ordinary run: the same violated/indeterminate rules, nothing else.
    found = {f.rule: f.outcome for f in result.findings}
    bad = {r: o for r, o in out.items() if o in ("violated", "indeterminate")}
    if found != bad:  # the explain run is the reference
        return _explain_map(loaded, ruleset_id)
    return out


# ------------------------------------------------------------------ one engine run per dossier
#
# `juece check` runs the findings-mode engine; the rates also need every rule's outcome, which only
# the explain-mode engine gives, and whose cost is mostly building a Finding (legal text, citations)
# for each of ~50 rules. In worker processes the Builder used by engine.check is replaced by one
# that builds Findings only for the outcomes a report shows (violated, indeterminate, waived) and a
# bare placeholder for the others. One explain run then gives both the result line and the outcome
# map; tests/test_audit.py checks the lines equal `juece check`'s and the maps equal --explain's.

_LITE: Optional[bool] = None


def _lite_builders() -> bool:
    global _LITE
    if _LITE is None:
        try:
            from .. import check as check_mod
            from ..findings import Builder
            from ..models.finding import Finding

            stubs: dict[tuple[str, str], Finding] = {}

            def stub(rule_id: str, outcome: str) -> Finding:  # one shared placeholder per (rule, outcome)
                f = stubs.get((rule_id, outcome))
                if f is None:
                    f = stubs[(rule_id, outcome)] = Finding.model_construct(rule=rule_id, outcome=outcome)
                return f

            class LiteBuilder(Builder):
                def _build(self, rule, outcome, chosen, dossier, stage):  # noqa: ANN001, ANN202
                    if outcome in ("satisfied", "not_applicable"):
                        return stub(rule.id, outcome)
                    return super()._build(rule, outcome, chosen, dossier, stage)

                def _finding(self, rule, outcome, acts, dossier, stage, **kw):  # noqa: ANN001, ANN003, ANN202
                    if outcome in ("satisfied", "not_applicable"):
                        return stub(rule.id, outcome)
                    return super()._finding(rule, outcome, acts, dossier, stage, **kw)

            check_mod.Builder = LiteBuilder  # engine.check builds its (cached) builders with this name
            check_mod._compiled.clear()
            _LITE = True
        except Exception:  # noqa: BLE001 - the engine changed shape: take the two-run path
            _LITE = False
    return _LITE


def _fast(loaded: Any, ruleset_id: Optional[str]) -> Optional[dict]:
    from ..check import check
    r = check(loaded, ruleset_id=ruleset_id, explain=True)
    outcomes = {f.rule: f.outcome for f in (r.outcomes or [])}
    counts: dict[str, int] = {}
    for f in r.findings:  # as check() counts them in findings mode
        counts[f.outcome] = counts.get(f.outcome, 0) + 1
    r = r.model_copy(update={"outcomes": None, "counts": counts,
                             "manifest": r.manifest.model_copy(update={"mode": "findings"})})
    obj = r.model_dump(mode="json")
    obj["rule_outcomes"] = outcomes
    return obj


def _explain_map(loaded: Any, ruleset_id: Optional[str]) -> dict[str, str]:
    from ..check import check
    r = check(loaded, ruleset_id=ruleset_id, explain=True)
    return {f.rule: f.outcome for f in (r.outcomes or [])}


def _load(key: str, kind: str, payload: Any) -> Any:
    from ..load import Loaded, load_dossier, sha256, validate
    from ..load import _json_pairs  # noqa: PLC2701 - the same duplicate-key refusal as .json files

    if kind == "file":
        return load_dossier(payload, name=key)
    if kind == "json":
        text = payload
        try:
            obj = json.loads(text, object_pairs_hook=_json_pairs)
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
    key, kind, payload = item
    crash = opts.get("crash")  # the parent reads CRASH_ENV: forkserver children keep the server's environment
    if crash and crash in key:
        os.kill(os.getpid(), signal.SIGSEGV)  # what a durable_rules bug looks like from outside
    if kind == "error":
        return "error", key, _dumps(payload)
    from ..check import check
    ruleset_id = opts.get("ruleset")
    try:
        loaded = _load(key, kind, payload)
    except JueceError as e:
        zh, en = e.text("zh"), e.text("en")
        code = e.problems[0].code if e.problems else "load.error"
        return "error", key, _dumps(error_record(key, "load", code, zh, en, [p.to_dict() for p in e.problems]))
    except Exception as e:  # noqa: BLE001
        return "error", key, _dumps(error_record(key, "load", "load.internal", f"读取失败：{type(e).__name__}: {e}",
                                                 f"could not read: {type(e).__name__}: {e}"))
    dossier_id = loaded.dossier.id
    try:
        obj = _fast(loaded, ruleset_id) if _lite_builders() else None
        if obj is None:
            result = check(loaded, ruleset_id=ruleset_id)
            obj = result.model_dump(mode="json")
            obj["rule_outcomes"] = _outcome_map(loaded, result, ruleset_id)
    except RulesetErrors as e:
        return "error", key, _dumps(error_record(key, "ruleset", e.errors[0].code if e.errors else "ruleset.error",
                                                 e.text("zh"), e.text("en"), [x.to_dict() for x in e.errors], dossier_id))
    except Exception as e:  # noqa: BLE001 - an engine bug costs this dossier only
        return "error", key, _dumps(error_record(key, "engine", "engine.internal", f"内部错误（请报告此问题）：{type(e).__name__}: {e}",
                                                 f"internal error (please report): {type(e).__name__}: {e}", dossier=dossier_id))
    return "result", key, _dumps(obj)


def process_chunk(items: list[Item], opts: dict) -> list[tuple[str, str, str]]:
    return [process_one(it, opts) for it in items]


def stream_main(conn: Any, items: list[Item], opts: dict, parent: Optional[int] = None) -> None:
    """Entry point of a throw-away process that finds the dossier killing a worker: each result is
    sent as soon as it is made, so when the process dies the parent knows which dossier it was on."""
    _init_worker(parent)
    try:
        for it in items:
            conn.send(process_one(it, opts))
    finally:
        conn.close()
