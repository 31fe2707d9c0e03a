"""check_with_outcomes: `check`'s result and every rule's outcome from one engine run (what `juece audit` writes)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.audit.sample import make_dossier
from engine.audit.worker import _dumps, result_line
from engine.check import FINDING_OUTCOMES, check, check_with_outcomes, compiled_for
from engine.evaluate import run
from engine.facts import to_facts
from engine.load import load_dossier

ROOT = Path(__file__).resolve().parent.parent
CASES = sorted(p for p in (ROOT / "cases").rglob("*.yaml") if not p.name.endswith(".expected.yaml"))


def _loadable(path: Path):
    try:
        return load_dossier(path)
    except Exception:  # noqa: BLE001 - bad-input cases are covered by test_load
        pytest.skip("not a loadable dossier")


def _sample(i: int, seed: int = 11):
    data = json.dumps(make_dossier(i, seed=seed, defects=0.3, unknown=0.15), ensure_ascii=False, default=str)
    return load_dossier(Path(f"sample-{i}.json"), data=data.encode("utf-8"))


def _same_as_check_and_explain(loaded, ruleset_id=None):
    result, outcomes = check_with_outcomes(loaded, ruleset_id=ruleset_id)
    assert result.model_dump(mode="json") == check(loaded, ruleset_id=ruleset_id).model_dump(mode="json")
    explain = check(loaded, ruleset_id=ruleset_id, explain=True)
    assert outcomes == {f.rule: f.outcome for f in explain.outcomes or []}
    assert bool(outcomes) == result.applicable
    return result, outcomes


@pytest.mark.parametrize("path", CASES, ids=[str(p.relative_to(ROOT)) for p in CASES])
def test_result_is_checks_and_outcomes_are_explains(path):
    _same_as_check_and_explain(_loadable(path))


def test_the_same_on_synthetic_dossiers_with_defects_and_unknowns():
    seen = set()
    for i in range(60):
        _, outcomes = _same_as_check_and_explain(_sample(i))
        seen |= set(outcomes.values())
    assert {"violated", "indeterminate", "satisfied", "not_applicable"} <= seen


def test_the_same_with_a_given_ruleset():
    _same_as_check_and_explain(_sample(3), ruleset_id="cn.mad.decree-713")


def test_only_the_requested_findings_are_built():
    loaded = _sample(5)
    d = loaded.dossier
    rs = check(loaded).ruleset["id"]
    from engine.rulesets import load
    compiled, builder = compiled_for(load(rs), "explain")
    st = d.effective_stage()
    acts = run(compiled, to_facts(d, st.rank, compiled.keys))
    every, decided = builder.outcomes(d, acts, st)
    assert {f.rule: f.outcome for f in every} == decided and len(decided) == len(compiled.ruleset.rules)
    none, same = builder.outcomes(d, acts, st, build=frozenset())
    assert none == [] and same == decided
    some, _ = builder.outcomes(d, acts, st, build=FINDING_OUTCOMES)
    assert [f.model_dump() for f in some] == [f.model_dump() for f in every if f.outcome in FINDING_OUTCOMES]


def test_result_line_is_the_json_of_the_result_byte_for_byte():
    odd = make_dossier(7, seed=11, defects=0.3)
    odd["决策事项名称"] = 'x"\\/\t\x01\x1f\x7f\u2028<&> 😀' + odd["决策事项名称"]  # escapes, control characters, line separator, astral
    data = json.dumps(odd, ensure_ascii=True, default=str).encode("utf-8")
    for loaded in (load_dossier(Path("odd.json"), data=data), _sample(8), _sample(9)):
        result, outcomes = check_with_outcomes(loaded)
        obj = result.model_dump(mode="json")
        obj["rule_outcomes"] = outcomes
        assert result_line(result, outcomes) == _dumps(obj)
    assert load_dossier(Path("odd.json"), data=data).dossier.title.startswith('x"\\/\t\x01')
