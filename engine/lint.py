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

from .compile import compile_ruleset
from .errors import RulesetError, RulesetErrors
from .models.ruleset import Check, Condition, ProcRef, Rule, Ruleset, RulesetIndex

ROOT = Path(__file__).resolve().parent.parent

_SEVERITY_RANK = {"notice": 0, "warning": 1, "violation": 2}
_MODALITY_RANK = {"MAY": 0, "DEFAULT": 1, "MUST_IF": 1, "MUST": 2}
_RANGES = {"calendar_days": (1, 3660), "working_days": (1, 250), "count": (1, 1000), "years": (1, 50), "months": (1, 600)}
LOOSENS = "check_only_tightens"


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
    from .rulesets import load, load_folder, merge
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
        problems += _layer(parent, index, file)
        if parent.index.kind != index.kind:
            return problems
        rs = merge(parent, index, own_rules, files, digest)
        problems += loosening(parent, rs, {r.id for r, _ in own_rules}, index.disable, file,
                              own_rules=[r for r, _ in own_rules])
    else:
        from .models.ruleset import Ruleset as _R
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
    from .layers import stack
    from .rulesets import load
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


# ----------------------------------------------------------------------------- layer

def _layer(parent: Ruleset, index: RulesetIndex, file: str) -> list[RulesetError]:
    out = []
    pj, cj = parent.index.jurisdiction, index.jurisdiction
    if parent.index.kind != index.kind:
        out.append(RulesetError("ruleset.extends-other-kind", file, None,
                                f"规则集（{index.kind}）不能继承另一类案卷的规则集 {parent.id}（{parent.index.kind}）",
                                f"a {index.kind} ruleset cannot extend {parent.id}, a {parent.index.kind} ruleset", stage="layer"))
    if pj != "CN" and not cj.startswith(pj):
        out.append(RulesetError("ruleset.jurisdiction-outside-parent", file, None,
                                f"行政区划 {cj} 不在上位规则集 {parent.id} 的行政区划 {pj} 之内",
                                f"division {cj} is not inside the parent's division {pj} ({parent.id})", stage="layer"))
    if parent.index.valid_from and index.valid_from and index.valid_from < parent.index.valid_from:
        out.append(RulesetError("ruleset.valid-before-parent", file, None,
                                f"本规则集自 {index.valid_from} 起施行，早于其上位规则集 {parent.id} 的施行日期 {parent.index.valid_from}："
                                f"下位规则不能先于其所依附的上位法适用（请将 valid_from 定为不早于 {parent.index.valid_from}，原文件日期写入 issued）",
                                f"valid_from {index.valid_from} is before the parent {parent.id} is in force ({parent.index.valid_from}); "
                                "set valid_from no earlier and record the document's date as `issued`", stage="layer"))
    if parent.index.valid_to and (index.valid_to is None or index.valid_to > parent.index.valid_to):
        out.append(RulesetError("ruleset.valid-after-parent", file, None,
                                f"本规则集的有效期超出上位规则集 {parent.id}（至 {parent.index.valid_to}）",
                                f"valid_to runs past the parent {parent.id} (valid to {parent.index.valid_to})", stage="layer"))
    return out


def _cond_key(c: Condition) -> str:
    return c.model_dump_json(by_alias=True, exclude_none=True)


def _ref_key(p: ProcRef) -> tuple:
    return (p.procedure, p.date)


def _wheres(p) -> set[str]:
    return {w.model_dump_json(by_alias=True, exclude_none=True) for w in p.where}


def _covers(child: Check, parent: Check) -> bool:
    """Does the child's check demand at least what the parent's check demands?"""
    if child.kind != parent.kind:
        return False
    c, p = child.spec, parent.spec
    if child.kind == "required":  # more where-conditions on the required record: stricter
        return c.procedure == p.procedure and _wheres(c) >= _wheres(p)
    if child.kind == "elements":  # fewer where-conditions (applies to more records), more fields: stricter
        return c.procedure == p.procedure and _wheres(c) <= _wheres(p) and set(c.fields) >= set(p.fields)
    if child.kind == "precedes":
        return (_ref_key(c.before) == _ref_key(p.before) and _ref_key(c.after) == _ref_key(p.after)
                and _wheres(c.before) >= _wheres(p.before) and _wheres(c.after) <= _wheres(p.after))
    if child.kind == "order":
        return (c.procedure, c.first, c.then) == (p.procedure, p.first, p.then) and _wheres(c) <= _wheres(p)
    if child.kind == "duration":
        return ((c.procedure, c.from_, c.to, c.at_least, c.at_most) == (p.procedure, p.from_, p.to, p.at_least, p.at_most)
                and _wheres(c) <= _wheres(p) and (c.unless is None or c.unless == p.unless))
    if child.kind == "forbidden":  # forbidding fewer records together (each no narrower) is stricter
        return all(any(cr.procedure == pr.procedure and _wheres(cr) <= _wheres(pr) for pr in p.all) for cr in c.all)
    return False


def loosening(parent: Ruleset, child: Ruleset, own_ids: set[str], disable: list, file: str,
              own_rules: Optional[list[Rule]] = None) -> list[RulesetError]:
    """Everything by which a child layer falls below its parent, each naming the parent's rule and article."""
    from .findings import cite
    out: list[RulesetError] = []

    def err(code: str, rule: Optional[str], zh: str, en: str) -> None:
        out.append(RulesetError(code, file, rule, zh, en, stage=LOOSENS))

    for name, p in parent.index.parameters.items():
        c = child.index.parameters.get(name)
        if c is None or c is p:
            continue
        looser = c.value < p.value if p.direction == "minimum" else c.value > p.value
        if looser or c.unit != p.unit or c.direction != p.direction:
            err("ruleset.loosens-parent", None,
                f"参数 {name}={c.value}（{c.unit}）低于上位规则集 {parent.id} 的 {p.value}（{p.unit}，{cite(p.basis, parent)}）：下位规则不得低于上位法的要求",
                f"parameter {name}={c.value} ({c.unit}) is looser than the parent's {p.value} ({p.unit}, {cite(p.basis, parent, 'en')}) in {parent.id}")
    parent_rules = {r.id: r for r in parent.rules}
    for d in disable:
        rid = d.rule if hasattr(d, "rule") else d.get("rule")
        reason = d.reason if hasattr(d, "reason") else d.get("reason")
        pr = parent_rules.get(rid)
        if pr is None:
            err("ruleset.disable-unknown-rule", rid, f"停用的规则 {rid} 不是上位规则集 {parent.id} 的规则",
                f"disabled rule {rid} is not a rule of the parent {parent.id}")
            continue
        basis = cite(pr.basis, parent)
        if not reason:
            err("ruleset.disabled-without-reason", rid, f"停用上位规则 {rid}（{basis}）未说明法律理由：下位规则不得低于上位法",
                f"rule {rid} ({cite(pr.basis, parent, 'en')}) disabled without a legal reason")
    own_list = list(own_rules or [])
    for r in own_list:
        if r.tightens and r.tightens not in parent_rules:
            err("ruleset.tightens-unknown-rule", r.id, f"规则 {r.id} 声称收紧的 {r.tightens} 不是上位规则集 {parent.id} 的规则",
                f"rule {r.id} tightens {r.tightens}, which is not a rule of the parent {parent.id}")
        if r.id in parent_rules and r.tightens != r.id:
            err("ruleset.duplicate-id", r.id, f"规则编号 {r.id} 与上位规则集 {parent.id} 的规则重复：另取编号并写明 tightens: {r.id}",
                f"rule id {r.id} is already the parent's ({parent.id}); give a new id with `tightens: {r.id}`")
    replaced = {}
    for r in own_list:
        target = r.tightens or (r.id if r.id in parent_rules else None)
        if target in parent_rules:
            replaced[target] = r
    for pid, cr in replaced.items():
        pr = parent_rules[pid]
        basis, basis_en = cite(pr.basis, parent), cite(pr.basis, parent, "en")
        head_zh, head_en = f"规则 {cr.id} 替代上位规则 {pid}（{basis}）", f"rule {cr.id} replaces the parent's {pid} ({basis_en})"
        if _SEVERITY_RANK[cr.severity] < _SEVERITY_RANK[pr.severity]:
            err("ruleset.loosens-parent", cr.id, f"{head_zh}，但严重程度由 {pr.severity} 降为 {cr.severity}",
                f"{head_en} but lowers its severity from {pr.severity} to {cr.severity}")
        if _MODALITY_RANK[cr.modality] < _MODALITY_RANK[pr.modality]:
            err("ruleset.loosens-parent", cr.id, f"{head_zh}，但由“{pr.modality}”降为“{cr.modality}”",
                f"{head_en} but weakens it from {pr.modality} to {cr.modality}")
        if pr.checkable and not cr.checkable:
            err("ruleset.loosens-parent", cr.id, f"{head_zh}，但被改为不检查", f"{head_en} but is not checkable")
        if cr.due.rank > pr.due.rank:
            err("ruleset.loosens-parent", cr.id, f"{head_zh}，但到期阶段由 {pr.due.value} 推迟到 {cr.due.value}",
                f"{head_en} but makes it due later ({pr.due.value} → {cr.due.value})")
        added_when = {_cond_key(c) for c in cr.when} - {_cond_key(c) for c in pr.when}
        if added_when:
            err("ruleset.loosens-parent", cr.id, f"{head_zh}，但增加了适用条件（适用范围变窄）：{'; '.join(sorted(added_when))}",
                f"{head_en} but adds conditions (applies to fewer decisions): {'; '.join(sorted(added_when))}")
        added_unless = {_cond_key(c) for c in cr.unless} - {_cond_key(c) for c in pr.unless}
        if added_unless:
            err("ruleset.loosens-parent", cr.id, f"{head_zh}，但增加了例外：{'; '.join(sorted(added_unless))}",
                f"{head_en} but adds exceptions: {'; '.join(sorted(added_unless))}")
        if cr.waived_when and not pr.waived_when:
            err("ruleset.loosens-parent", cr.id, f"{head_zh}，但增加了豁免情形", f"{head_en} but adds a waiver")
        for i, pc in enumerate(pr.checks):
            if not any(_covers(cc, pc) and (cc.due or cr.due).rank <= (pc.due or pr.due).rank for cc in cr.checks):
                err("ruleset.loosens-parent", cr.id, f"{head_zh}，但没有保留其第 {i + 1} 项检查（{pc.kind}）或以更严格的检查代替",
                    f"{head_en} but drops its check #{i + 1} ({pc.kind}) without a stricter one in its place")
    return out
