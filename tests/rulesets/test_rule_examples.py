"""Every checkable rule of every ruleset has worked examples among cases/: at least one dossier
where it is violated, and at least one where it is satisfied or not applicable.

The outcomes are computed by running every case (explain=True, at the case's expected stage)
against each ruleset, so a rule that no example can trip — or that every example trips — shows up
here. Rules marked `checkable: false` are exempt.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from engine import rulesets
from engine.check import check
from engine.load import load_dossier
from engine.models.dossier import Stage

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "cases"
EXPECTED_SUFFIX = ".expected.yaml"
PASSING = ("satisfied", "not_applicable")


def _cases() -> list[tuple[Path, object]]:
    out = []
    for p in sorted(CASES.rglob("*")):
        if not p.is_file() or p.suffix not in (".yaml", ".yml", ".json") or p.name.endswith(EXPECTED_SUFFIX):
            continue
        exp = p.with_name(p.name[: -len(p.suffix)] + EXPECTED_SUFFIX)
        if not exp.exists():
            continue
        stage = (yaml.safe_load(exp.read_text(encoding="utf-8")) or {}).get("stage")
        out.append((p, Stage.parse(str(stage)) if stage is not None else None))
    return out


@lru_cache(maxsize=None)
def examples(ruleset_id: str) -> dict[str, dict[str, list[str]]]:
    """rule id → outcome → case files showing it, under `ruleset_id`."""
    table: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    from engine.tools.ruleset_tools import coverage
    from engine.rulesets import load
    rs = load(ruleset_id)
    for path, stage in _cases():
        rel = path.relative_to(ROOT).as_posix()
        loaded = load_dossier(path, name=rel)
        if coverage(rs, loaded.dossier) in ("kind", "date"):  # --ruleset refuses the one, warns on the other
            continue
        result = check(loaded, ruleset_id=ruleset_id, stage=stage, explain=True)
        for f in result.outcomes or []:
            table[f.rule][f.outcome].append(rel)
    return table


def _checkable_rules() -> list[tuple[str, str, str]]:
    out = []
    for rid in sorted(rulesets.all_ids()):
        rs = rulesets.load(rid)
        # A layer inherits its parent's rules unchanged; they are exemplified under the parent
        # (often in years the layer is not in force). Only the rules the layer defines need theirs.
        inherited = {r.id for r in rulesets.load(rs.index.extends).rules} if rs.index.extends else set()
        for rule in rs.rules:
            if rule.checkable and rule.id not in inherited:
                out.append((rid, rule.id, rule.title.zh))
    return out


RULES = _checkable_rules()


def test_there_are_rules():
    assert RULES, "no checkable rules found under rulesets/"


@pytest.mark.parametrize("ruleset_id,rule_id,title", RULES, ids=[f"{r}::{i}" for r, i, _ in RULES])
def test_rule_has_a_violated_example(ruleset_id: str, rule_id: str, title: str):
    seen = examples(ruleset_id).get(rule_id, {})
    assert seen.get("violated"), (
        f"{ruleset_id} {rule_id}「{title}」: no case under cases/ shows it violated "
        f"(seen: {', '.join(f'{o} ×{len(v)}' for o, v in seen.items()) or 'never evaluated'}); "
        "add a bad/ case that differs from a compliant dossier in this one defect")


@pytest.mark.parametrize("ruleset_id,rule_id,title", RULES, ids=[f"{r}::{i}" for r, i, _ in RULES])
def test_rule_has_a_passing_example(ruleset_id: str, rule_id: str, title: str):
    seen = examples(ruleset_id).get(rule_id, {})
    assert any(seen.get(o) for o in PASSING), (
        f"{ruleset_id} {rule_id}「{title}」: no case under cases/ shows it satisfied or not applicable "
        f"(seen: {', '.join(f'{o} ×{len(v)}' for o, v in seen.items()) or 'never evaluated'})")
