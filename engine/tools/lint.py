"""Lint: a ruleset folder → problems. Local rules may not fall below higher-level law.

What is checked, in this order (each problem names the file, the rule, and — for loosening — the
parent's rule and article):

    schema          unknown keys, missing keys, bad values (load_folder)
    own ids         a rule id used twice in the layer, or a parent's id reused without `tightens`
    names           procedures, fields, facts, parameters a rule names exist (compile stages)
    citations       every rule cites an article (or a section of a plan) and quotes its words
    parameters      within a sensible range; a layer's parameter not looser than its parent's
    stacked         a sector or decision-body layer, stacked on its `stacks_on` ruleset: each rule
                    says adds / replaces / tightens, names the rules it replaces or tightens, and
                    a tightening only tightens (compile.check_layering)
    layer           parent exists, same kind of dossier, jurisdiction inside the parent's,
                    validity inside the parent's; a rule that `tightens` a parent rule keeps its
                    severity, modality, checks, conditions and exceptions or makes them stricter;
                    a disabled rule gives a legal reason
    exercised       every checkable rule the layer defines is exercised by an example case
                    (cases/**/*.expected.yaml) or a spec scenario (features/**/*.feature tag @rule_…)
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Optional

import yaml

from ..compile import compile_ruleset
from ..core.errors import RulesetError, RulesetErrors
from ..models.ruleset import Rule, Ruleset, RulesetIndex
from ..tighten import layer_problems, loosening

ROOT = Path(__file__).resolve().parents[2]

_RANGES = {"calendar_days": (1, 3660), "working_days": (1, 250), "count": (1, 1000), "years": (1, 50), "months": (1, 600)}


def lint_path(path: Path) -> list[RulesetError]:
    """Lint one ruleset folder, or every ruleset folder below `path`."""
    folder = path.parent if path.is_file() else path
    if not (folder / "index.yaml").exists():
        subs = sorted(p.parent for p in folder.rglob("index.yaml")) if folder.is_dir() else []
        if subs:
            return [e for sub in subs for e in lint_folder(sub)]
        return [RulesetError("ruleset.not-found", str(path), None, "该目录下没有 index.yaml", "no index.yaml in this folder")]
    return lint_folder(folder)


def lint_folder(folder: Path) -> list[RulesetError]:
    from ..rulesets import load, load_folder, merge
    try:
        index, own_rules, files, digest = load_folder(folder)
    except RulesetErrors as e:
        return e.errors
    file = files[0]
    problems: list[RulesetError] = []
    problems += _own_ids(index, [r for r, _ in own_rules], file)
    problems += _citations(index, [r for r, _ in own_rules], file)
    problems += _parameter_ranges(index, file)
    parent: Optional[Ruleset] = None
    if index.extends:
        try:
            parent = load(index.extends)
        except RulesetErrors as e:
            return problems + [RulesetError("ruleset.parent-not-found", file, None,
                                            f"上位规则集“{index.extends}”无法加载：{e.text('zh')}",
                                            f"parent ruleset '{index.extends}' cannot be loaded: {e.text('en')}", stage="layer")]
        problems += layer_problems(parent, index, file)
        if parent.index.kind != index.kind:
            return problems
        rs = merge(parent, index, own_rules, files, digest)
        problems += loosening(parent, rs, {r.id for r, _ in own_rules}, index.disable, file,
                              own_rules=[r for r, _ in own_rules])
    else:
        from ..models.ruleset import Ruleset as _R
        rs = _R(index=index, rules=[r for r, _ in own_rules], sections={r.id: s for r, s in own_rules},
                files=files, content_hash=digest, lineage=[index.id], declared=index)
    if index.layer != "jurisdiction":  # a sector or decision-body layer: compiled stacked on what it is written for
        problems += _new(problems, _stacked_problems(index, rs, file))
    else:
        try:
            compile_ruleset(rs, "explain")
        except RulesetErrors as e:
            problems += _new(problems, e.errors)
    problems += _unexercised([r for r, _ in own_rules], file)
    return problems


def _new(problems: list[RulesetError], found: list[RulesetError]) -> list[RulesetError]:
    """The problems not already reported (compile's check_layering repeats the layer checks lint ran)."""
    seen = {(q.code, q.rule, q.zh) for q in problems}
    out = []
    for p in found:
        k = (p.code, p.rule, p.zh)
        if k in seen or (p.code == "ruleset.duplicate-id" and any(q.code == p.code and q.rule == p.rule for q in problems)):
            continue
        seen.add(k)
        out.append(p)
    return out


def _stacked_problems(index: RulesetIndex, rs: Ruleset, file: str) -> list[RulesetError]:
    """A sector or decision-body layer stacked on the ruleset it names (`stacks_on`) and compiled:
    every replacement and tightening names a rule there, a tightening only tightens, and every
    rule says whether it adds, replaces or tightens (compile.check_layering) — nothing is dropped
    that is not named."""
    from ..layers import stack
    from ..rulesets import load
    try:
        base = load(index.stacks_on or "")
    except RulesetErrors as e:
        return [RulesetError("ruleset.stacks-on-not-found", file, None,
                             f"本层叠加的规则集“{index.stacks_on}”无法加载：{e.text('zh')}",
                             f"the ruleset this layer stacks on, '{index.stacks_on}', cannot be loaded: {e.text('en')}", stage="layer")]
    try:
        compile_ruleset(stack(base, rs), "explain")
    except RulesetErrors as e:
        return e.errors
    return []


# ----------------------------------------------------------------------------- own layer

def _own_ids(index: RulesetIndex, rules: list[Rule], file: str) -> list[RulesetError]:
    out, seen = [], set()
    for r in rules:
        if r.id in seen:
            out.append(RulesetError("ruleset.duplicate-id", file, r.id, f"规则编号“{r.id}”在本规则集中重复",
                                    f"rule id '{r.id}' is used twice in this ruleset", stage="own_ids"))
        seen.add(r.id)
    return out


def _citations(index: RulesetIndex, rules: list[Rule], file: str) -> list[RulesetError]:
    out = []
    for r in rules:
        if not r.basis.text:
            out.append(RulesetError("ruleset.missing-citation", file, r.id,
                                    "规则未引用条文原文（basis.text）：法律人员需要核对机器检查的依据",
                                    "the rule does not quote the words of its provision (basis.text)", stage="citations"))
    for name, p in index.parameters.items():
        if not p.basis.text:
            out.append(RulesetError("ruleset.missing-citation", file, None, f"参数 {name} 未引用条文原文（basis.text）",
                                    f"parameter {name} does not quote its provision (basis.text)", stage="citations"))
    return out


def _parameter_ranges(index: RulesetIndex, file: str) -> list[RulesetError]:
    out = []
    for name, p in index.parameters.items():
        lo, hi = _RANGES.get(p.unit, (0, 10 ** 6))
        if not lo <= p.value <= hi:
            out.append(RulesetError("ruleset.parameter-out-of-range", file, None,
                                    f"参数 {name}={p.value}（{p.unit}）超出合理范围 {lo}–{hi}",
                                    f"parameter {name}={p.value} ({p.unit}) is outside the sensible range {lo}–{hi}", stage="parameters"))
    return out


@lru_cache(maxsize=1)
def _exercised() -> frozenset:
    ids: set[str] = set()
    for e in (ROOT / "cases").rglob("*.expected.yaml"):
        try:
            data = yaml.safe_load(e.read_text(encoding="utf-8")) or {}
        except Exception:  # noqa: BLE001 - a broken expected file is test_cases' business
            continue
        ids.update((data.get("outcomes") or {}).keys())
    for f in (ROOT / "features").rglob("*.feature") if (ROOT / "features").exists() else []:
        ids.update(t for t in re.findall(r"@rule_([A-Za-z0-9_]+)", f.read_text(encoding="utf-8")))
    return frozenset(ids)


def spec_tag(rule_id: str) -> str:
    return re.sub(r"[.\-]", "_", rule_id)


def _unexercised(rules: list[Rule], file: str) -> list[RulesetError]:
    seen = _exercised()
    return [RulesetError("ruleset.rule-not-exercised", file, r.id,
                         f"规则 {r.id} 没有任何示例案卷（cases/**/*.expected.yaml）或规格场景（@rule_{spec_tag(r.id)}）检验",
                         f"rule {r.id} is exercised by no example case (cases/**/*.expected.yaml) and no spec scenario (@rule_{spec_tag(r.id)})",
                         stage="exercised")
            for r in rules if r.checkable and r.id not in seen and spec_tag(r.id) not in seen]


