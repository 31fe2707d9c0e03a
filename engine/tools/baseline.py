"""Finding fingerprints, re-run diffs and baselines: one module for `juece check --baseline` and `juece serve`.

A finding's fingerprint is what it says, not where it sits: its rule and its evidence (each fact and
its value), never the evidence's position (`procedures[7]`) nor the wording of the message. So a
record moved in the file, or a message reworded by a new engine version, keeps the fingerprint; a
changed date or a record added changes it (the finding is then new, the old one resolved).

Baseline file (JSON, UTF-8):

    {"juece_baseline": 1, "engine": "0.1.0",
     "dossiers": {"<编号>": [{"fingerprint": "…", "rule": "…", "outcome": "…", "basis": "…", "title": "…"}]}}
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Iterable, Mapping

from ..core.errors import LoadError, Problem

BASELINE_VERSION = 1


def _get(f: Any, k: str) -> Any:
    return f.get(k) if isinstance(f, Mapping) else getattr(f, k)


def fingerprint(finding: Any) -> str:
    """rule + sorted (fact, value) pairs of the evidence → 20 hex digits. Takes a Finding or its JSON dict."""
    ev = sorted((str(_get(e, "fact")), str(_get(e, "value"))) for e in (_get(finding, "evidence") or []))
    raw = json.dumps([_get(finding, "rule"), ev], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:20]


def diff(previous: Iterable[Any], current: Iterable[Any], key=None) -> dict[str, list]:
    """Findings of two checks of the same dossier → {"new": [...], "persisting": [...], "resolved": [...]}.

    `new` and `persisting` hold current findings; `resolved` the previous ones no longer found.
    Matched by fingerprint; a fingerprint found twice counts twice (a multiset). `key` gives the
    fingerprint of a previous item (default: computed; a stored row may carry its own)."""
    key = key or fingerprint
    prev: dict[str, list] = {}
    for f in previous:
        prev.setdefault(key(f), []).append(f)
    out: dict[str, list] = {"new": [], "persisting": [], "resolved": []}
    for f in current:
        bucket = prev.get(fingerprint(f))
        if bucket:
            bucket.pop()
            out["persisting"].append(f)
        else:
            out["new"].append(f)
    for rest in prev.values():
        out["resolved"].extend(rest)
    return out


def _entry(f: Any) -> dict:
    return {"fingerprint": fingerprint(f), "rule": _get(f, "rule"), "outcome": _get(f, "outcome"),
            "basis": _get(f, "basis"), "title": _get(f, "title")}


def make_baseline(results: Iterable[Any], engine_version: str) -> dict:
    dossiers: dict[str, list] = {}
    for r in results:
        dossiers.setdefault(_get(r, "dossier"), []).extend(_entry(f) for f in (_get(r, "findings") or []))
    return {"juece_baseline": BASELINE_VERSION, "engine": engine_version,
            "dossiers": {k: sorted(v, key=lambda e: (e["rule"], e["fingerprint"])) for k, v in sorted(dossiers.items())}}


def write_baseline(path: Path, results: Iterable[Any], engine_version: str, keep: dict | None = None) -> dict:
    """Write the baseline of `results`; dossiers of `keep` (an older baseline) not checked this time are kept."""
    b = make_baseline(results, engine_version)
    if keep:
        for k, v in keep.get("dossiers", {}).items():
            b["dossiers"].setdefault(k, v)
        b["dossiers"] = dict(sorted(b["dossiers"].items()))
    Path(path).write_text(json.dumps(b, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return b


def read_baseline(path: Path) -> dict:
    """A baseline file → its dict; LoadError (code baseline.*) with a zh/en message when unusable."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise LoadError([Problem("baseline.not-found", name, "基线文件不存在（可先用 --write-baseline 生成）",
                                 "baseline file not found (write one first with --write-baseline)")]) from None
    except (OSError, UnicodeDecodeError) as e:
        raise LoadError([Problem("baseline.unreadable", name, f"无法读取基线文件：{e}", f"cannot read the baseline file: {e}")]) from None
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        raise LoadError([Problem("baseline.syntax", name, f"基线文件不是有效的 JSON：{e.msg}", f"the baseline is not valid JSON: {e.msg}",
                                 e.lineno, e.colno)]) from None
    if not isinstance(obj, dict) or obj.get("juece_baseline") != BASELINE_VERSION or not isinstance(obj.get("dossiers"), dict):
        raise LoadError([Problem("baseline.format", name, f"不是 juece 基线文件（应含 \"juece_baseline\": {BASELINE_VERSION} 和 \"dossiers\"）",
                                 f"not a juece baseline file (expected \"juece_baseline\": {BASELINE_VERSION} and \"dossiers\")", 1, 1)])
    return obj


def known_fingerprints(baseline: dict, dossier: str) -> list[str]:
    return [e.get("fingerprint") for e in baseline.get("dossiers", {}).get(dossier, []) if isinstance(e, dict)]


def only_new(result: Any, baseline: dict) -> tuple[Any, int]:
    """A DossierResult with only the findings the baseline does not know; → (result, how many were known).

    `compliant` and (in findings mode) `counts` are worked out again from what is left, so the exit
    code follows the new findings only."""
    known = known_fingerprints(baseline, result.dossier)
    if not known:
        return result, 0
    d = diff(known, result.findings, key=str)
    new = d["new"]
    hidden = len(result.findings) - len(new)
    update: dict = {"findings": new}
    try:  # the headline worked out as the engine does (verdict_of), when this engine has verdicts
        from ..models.finding import VERDICT_EN, VERDICT_ZH, verdict_of
        v = verdict_of(result.applicable, new)
        update.update(verdict=v, verdict_zh=VERDICT_ZH[v], verdict_en=VERDICT_EN[v],
                      compliant=v not in ("noncompliant", "noncompliant_unrecorded"))
    except ImportError:
        violated = any(f.outcome == "violated" and f.severity == "violation" for f in new)
        update["compliant"] = not (result.applicable and violated)
    if result.outcomes is None:
        counts: dict[str, int] = {}
        for f in new:
            counts[f.outcome] = counts.get(f.outcome, 0) + 1
        update["counts"] = counts
    return result.model_copy(update=update), hidden
