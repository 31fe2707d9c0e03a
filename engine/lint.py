"""Lint: a ruleset folder → problems (schema, names, citations, duplicate ids, and, for a layer,
anything that loosens its parent: local rules may not fall below higher-level law)."""

from __future__ import annotations

from pathlib import Path

from .compile import compile_ruleset
from .errors import RulesetError, RulesetErrors
from .models.ruleset import Ruleset


def lint_path(path: Path) -> list[RulesetError]:
    from .rulesets import load, load_folder, load_path
    folder = path.parent if path.is_file() else path
    if not (folder / "index.yaml").exists():
        return [RulesetError("ruleset.not-found", str(path), None, "该目录下没有 index.yaml", "no index.yaml in this folder")]
    try:
        index, own_rules, files, _ = load_folder(folder)
        rs = load_path(folder)
    except RulesetErrors as e:
        return e.errors
    problems: list[RulesetError] = []
    try:
        compile_ruleset(rs, "explain")
    except RulesetErrors as e:
        problems += e.errors
    if index.extends:
        try:
            parent = load(index.extends)
        except RulesetErrors as e:
            return problems + e.errors
        problems += loosening(parent, rs, {r.id for r, _ in own_rules}, index.disable, files[0])
    return problems


_SEVERITY_RANK = {"notice": 0, "warning": 1, "violation": 2}
_MODALITY_RANK = {"MAY": 0, "DEFAULT": 1, "MUST_IF": 1, "MUST": 2}


def loosening(parent: Ruleset, child: Ruleset, own_ids: set[str], disable: list[dict], file: str) -> list[RulesetError]:
    """Everything by which a child layer falls below its parent, each naming the parent's rule and article."""
    from .findings import cite
    out: list[RulesetError] = []
    for name, p in parent.index.parameters.items():
        c = child.index.parameters.get(name)
        if c is None:
            continue
        looser = c.value < p.value if p.direction == "minimum" else c.value > p.value
        if looser or c.unit != p.unit:
            out.append(RulesetError("ruleset.loosens-parent", file, None,
                                    f"参数 {name}={c.value}（{c.unit}）低于上位规则集的 {p.value}（{p.unit}，{cite(p.basis, parent)}）",
                                    f"parameter {name}={c.value} ({c.unit}) is looser than the parent's {p.value} ({p.unit}, {cite(p.basis, parent, 'en')})",
                                    stage="check_only_tightens"))
    for d in disable:
        rid, reason = d.get("rule"), d.get("reason")
        if not reason:
            pr = next((r for r in parent.rules if r.id == rid), None)
            basis = cite(pr.basis, parent) if pr else ""
            out.append(RulesetError("ruleset.disabled-without-reason", file, rid,
                                    f"停用上位规则 {rid}（{basis}）未说明法律理由", f"rule {rid} ({basis}) disabled without a legal reason",
                                    stage="check_only_tightens"))
    child_rules = {r.id: r for r in child.rules}
    for pr in parent.rules:
        cr = child_rules.get(pr.id)
        if cr is None or pr.id not in own_ids:
            continue
        basis = cite(pr.basis, parent)
        if _SEVERITY_RANK[cr.severity] < _SEVERITY_RANK[pr.severity]:
            out.append(RulesetError("ruleset.loosens-parent", file, pr.id, f"规则 {pr.id} 的严重程度低于上位规则（{basis}）",
                                    f"rule {pr.id} has a lower severity than the parent's ({basis})", stage="check_only_tightens"))
        if _MODALITY_RANK[cr.modality] < _MODALITY_RANK[pr.modality]:
            out.append(RulesetError("ruleset.loosens-parent", file, pr.id, f"规则 {pr.id} 由“{pr.modality}”降为“{cr.modality}”（{basis}）",
                                    f"rule {pr.id} weakened from {pr.modality} to {cr.modality} ({basis})", stage="check_only_tightens"))
        if not cr.checkable and pr.checkable:
            out.append(RulesetError("ruleset.loosens-parent", file, pr.id, f"规则 {pr.id} 被改为不检查（{basis}）",
                                    f"rule {pr.id} made not checkable ({basis})", stage="check_only_tightens"))
    return out
