"""Example dossiers under cases/: each one states what a legal reviewer should conclude.

Every dossier `cases/<topic>/{good,bad}/<slug>.yaml|json` has a sibling `<slug>.expected.yaml`:

    name: 一句话说明律师应当得出的结论
    stage: null            # or the stage to check at (discussion, 集体讨论前, ...)
    compliant: false
    applicable: true
    outcomes:              # the rules whose outcome this case pins down
      mad.legal.before-discussion: violated

Each case is checked with explain=True, and a failure reads like a reviewer's note:
`cases/legality_review/bad/no-review.yaml「…」: expected mad.legal.before-discussion violated
(《重大行政决策程序暂行条例》第二十五条第一款), got satisfied`.

Golden files (tests/golden/, one per case): the findings-mode result as JSON, with the
machine-dependent run manifest dropped. Regenerate with `JUECE_UPDATE_GOLDEN=1 pytest tests/test_cases.py`.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

import pytest
import yaml

from engine.check import check
from engine.load import load_dossier
from engine.models.dossier import Stage
from engine.models.finding import DossierResult

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "cases"
GOLDEN = Path(__file__).resolve().parent / "golden"
DOSSIER_SUFFIXES = (".yaml", ".yml", ".json")
EXPECTED_SUFFIX = ".expected.yaml"
OUTCOMES = ("violated", "indeterminate", "waived", "satisfied", "not_applicable")
UPDATE = os.environ.get("JUECE_UPDATE_GOLDEN", "") not in ("", "0", "false", "no")


# ------------------------------------------------------------------------------ collection

@dataclass(frozen=True)
class Case:
    path: Path  # the dossier
    expected_path: Path

    @property
    def rel(self) -> str:
        return self.path.relative_to(ROOT).as_posix()

    @property
    def id(self) -> str:
        """Readable test id: topic/good|bad/slug."""
        return self.path.relative_to(CASES).with_suffix("").as_posix()

    @property
    def golden(self) -> Path:
        return GOLDEN / self.path.relative_to(CASES).with_suffix(".json")


def is_dossier(p: Path) -> bool:
    # cases/ledger holds audit inputs (Excel ledgers and their column mappings), not dossiers
    return (p.is_file() and p.suffix in DOSSIER_SUFFIXES and not p.name.endswith(EXPECTED_SUFFIX)
            and "ledger" not in p.relative_to(CASES).parts)


def expected_for(p: Path) -> Path:
    return p.with_name(p.name[: -len(p.suffix)] + EXPECTED_SUFFIX)


def collect() -> list[Case]:
    return [Case(p, expected_for(p)) for p in sorted(CASES.rglob("*")) if is_dossier(p) and expected_for(p).exists()]


ALL_CASES = collect()

# Cases whose expected outcome is right in law but which the engine currently gets wrong.
# strict: once the engine is fixed the case passes, the xfail turns into a failure, and the entry goes.
KNOWN_ENGINE_BUGS: dict[str, str] = {}


def params(cases: list["Case"]) -> list:
    return [pytest.param(c, id=c.id, marks=[pytest.mark.xfail(strict=True, reason=KNOWN_ENGINE_BUGS[c.id])]
                         if c.id in KNOWN_ENGINE_BUGS else []) for c in cases]


@dataclass(frozen=True)
class Expected:
    name: str
    stage: Optional[Stage]
    compliant: bool
    applicable: bool
    outcomes: dict[str, str]
    verdict: Optional[str] = None  # the headline (docs/open-world.md): compliant | noncompliant | …


def read_expected(case: Case) -> Expected:
    raw = yaml.safe_load(case.expected_path.read_text(encoding="utf-8")) or {}
    where = case.expected_path.relative_to(ROOT).as_posix()
    unknown = set(raw) - {"name", "stage", "compliant", "applicable", "outcomes", "verdict"}
    assert not unknown, f"{where}: unknown keys {sorted(unknown)}"
    for k in ("name", "compliant", "applicable"):
        assert k in raw, f"{where}: missing '{k}'"
    stage = raw.get("stage")
    if stage is not None:
        parsed = Stage.parse(str(stage))
        assert isinstance(parsed, Stage), f"{where}: unknown stage {stage!r}"
        stage = parsed
    outcomes = raw.get("outcomes") or {}
    for rule, outcome in outcomes.items():
        assert outcome in OUTCOMES, f"{where}: {rule}: unknown outcome {outcome!r} (one of {', '.join(OUTCOMES)})"
    verdict = raw.get("verdict")
    assert verdict in (None, "compliant", "noncompliant", "noncompliant_unrecorded", "unconfirmed", "not_applicable"), \
        f"{where}: unknown verdict {verdict!r}"
    return Expected(str(raw["name"]), stage, bool(raw["compliant"]), bool(raw["applicable"]), dict(outcomes), verdict)


@lru_cache(maxsize=None)
def run(case: Case, explain: bool = True) -> DossierResult:
    exp = read_expected(case)
    return check(load_dossier(case.path, name=case.rel), stage=exp.stage, explain=explain)


# ------------------------------------------------------------------------------ messages

def _flag(v: bool) -> str:
    return "true" if v else "false"


def _shown(outcome: str) -> str:
    return outcome


def _findings_note(result: DossierResult) -> str:
    if not result.findings:
        return "no findings" if result.applicable else f"not applicable: {result.reason}"
    return "findings: " + "; ".join(f"{f.rule} {f.outcome} ({f.basis})「{f.message}」" for f in result.findings)


def mismatches(case: Case, exp: Expected, result: DossierResult) -> list[str]:
    head = f"{case.rel}「{exp.name}」"
    out = []
    if result.applicable != exp.applicable:
        out.append(f"{head}: expected applicable {_flag(exp.applicable)}, got {_flag(result.applicable)}"
                   + (f" ({result.reason})" if result.reason else ""))
    if result.compliant != exp.compliant:
        out.append(f"{head}: expected compliant {_flag(exp.compliant)}, got {_flag(result.compliant)} — {_findings_note(result)}")
    if exp.verdict and result.verdict != exp.verdict:
        out.append(f"{head}: expected the verdict {exp.verdict}, got {result.verdict}（{result.verdict_zh}） — {_findings_note(result)}")
    got = {f.rule: f for f in (result.outcomes or [])}
    for rule, want in exp.outcomes.items():
        f = got.get(rule)
        if f is None:
            out.append(f"{head}: expected {rule} {_shown(want)}, but the rule was not evaluated"
                       + ("" if result.applicable else f" (the Regulation does not apply: {result.reason})")
                       + ("" if not result.applicable else " (no such rule in the ruleset)"))
            continue
        if f.outcome != want:
            detail = f.message if f.outcome in ("violated", "indeterminate") else (f.reason or "")
            out.append(f"{head}: expected {rule} {_shown(want)} ({f.basis}), got {_shown(f.outcome)}"
                       + (f" — {detail}" if detail else ""))
    return out


# ------------------------------------------------------------------------------ tests

def test_cases_exist():
    assert len(ALL_CASES) >= 20, "cases/ should hold the example dossiers"


def test_every_dossier_has_expected_and_vice_versa():
    orphans = [p.relative_to(ROOT).as_posix() for p in sorted(CASES.rglob("*"))
               if is_dossier(p) and not expected_for(p).exists()]
    assert not orphans, "dossiers without a .expected.yaml: " + ", ".join(orphans)
    lonely = []
    for e in sorted(CASES.rglob("*" + EXPECTED_SUFFIX)):
        stem = e.name[: -len(EXPECTED_SUFFIX)]
        if not any((e.parent / (stem + s)).exists() for s in DOSSIER_SUFFIXES):
            lonely.append(e.relative_to(ROOT).as_posix())
    assert not lonely, ".expected.yaml files without a dossier: " + ", ".join(lonely)


def test_known_bugs_name_real_cases():
    ids = {c.id for c in ALL_CASES}
    assert not set(KNOWN_ENGINE_BUGS) - ids, f"KNOWN_ENGINE_BUGS names no case: {sorted(set(KNOWN_ENGINE_BUGS) - ids)}"


def test_case_ids_are_unique_as_golden_names():
    names = [c.golden for c in ALL_CASES]
    assert len(names) == len(set(names)), "two cases map to the same golden file (same folder and stem)"


@pytest.mark.parametrize("case", params(ALL_CASES))
def test_case(case: Case):
    exp = read_expected(case)
    result = run(case)
    problems = mismatches(case, exp, result)
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda c: c.id)
def test_good_cases_are_compliant_and_bad_ones_not(case: Case):
    """The folder says what the case is: good/ holds compliant dossiers, bad/ at least one finding."""
    exp = read_expected(case)
    kind = case.path.parent.name
    if kind == "good":
        assert exp.compliant, f"{case.rel}「{exp.name}」: a good/ case must be expected compliant"
    elif kind == "bad":
        result = run(case)
        if not any(f.outcome == "violated" for f in result.findings):
            pytest.fail(f"{case.rel}「{exp.name}」: a bad/ case should show at least one violated rule — "
                        f"{_findings_note(result)}", pytrace=False)


# ------------------------------------------------------------------------------ golden

def golden_json(case: Case) -> dict[str, Any]:
    """Findings-mode result, without what differs between machines (manifest, absolute file path)."""
    exp = read_expected(case)
    result = check(load_dossier(case.path, name=case.rel), stage=exp.stage, explain=False)
    data = result.model_dump(mode="json")
    data.pop("manifest", None)
    if not data.get("warnings"):  # only a --ruleset for another place or date warns; goldens choose by themselves
        data.pop("warnings", None)
    data["file"] = case.rel
    return data


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda c: c.id)
def test_golden(case: Case):
    text = dumps(golden_json(case))
    if UPDATE:
        case.golden.parent.mkdir(parents=True, exist_ok=True)
        if not case.golden.exists() or case.golden.read_text(encoding="utf-8") != text:
            case.golden.write_text(text, encoding="utf-8")
        return
    assert case.golden.exists(), (f"{case.golden.relative_to(ROOT).as_posix()} is missing; "
                                  "regenerate with JUECE_UPDATE_GOLDEN=1 pytest tests/test_cases.py")
    want = json.loads(case.golden.read_text(encoding="utf-8"))
    got = json.loads(text)
    if want != got:
        summary = lambda d: ", ".join(f"{f['rule']} {f['outcome']}" for f in d.get("findings", [])) or "no findings"
        pytest.fail(f"{case.rel}: result differs from {case.golden.relative_to(ROOT).as_posix()}\n"
                    f"  golden: compliant {_flag(want.get('compliant'))}; {summary(want)}\n"
                    f"  now:    compliant {_flag(got.get('compliant'))}; {summary(got)}\n"
                    "If the change is intended, regenerate with JUECE_UPDATE_GOLDEN=1.")


def test_no_stale_golden_files():
    wanted = {c.golden for c in ALL_CASES}
    stale = [p for p in sorted(GOLDEN.rglob("*.json")) if p not in wanted] if GOLDEN.exists() else []
    if UPDATE:
        for p in stale:
            p.unlink()
        return
    assert not stale, "golden files without a case (remove, or regenerate with JUECE_UPDATE_GOLDEN=1): " + \
        ", ".join(p.relative_to(ROOT).as_posix() for p in stale)
