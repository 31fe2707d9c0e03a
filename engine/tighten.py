"""Only-tighten: a compile stage. A layer (a local ruleset's `extends`, a sector or decision-body
layer's `tightens`) may demand more than the ruleset it sits on, never less.

`layer_problems` checks the layer's place (same kind of dossier, a division inside the parent's,
validity inside the parent's); `loosening` lists everything by which the child falls below its
parent, each naming the parent's rule and article. compile.check_layering runs both for every
command that uses a ruleset; `juece rulesets lint` reports the same problems.
"""

from __future__ import annotations

from typing import Optional

from .checks import kind_of
from .core.errors import RulesetError
from .models.ruleset import Check, Condition, ProcRef, Rule, Ruleset, RulesetIndex

SEVERITY_RANK = {"notice": 0, "warning": 1, "violation": 2}
MODALITY_RANK = {"MAY": 0, "DEFAULT": 1, "MUST_IF": 1, "MUST": 2}
LOOSENS = "check_only_tightens"  # the stage name every loosening problem carries


def layer_problems(parent: Ruleset, index: RulesetIndex, file: str) -> list[RulesetError]:
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


def ref_key(p: ProcRef) -> tuple:
    return (p.procedure, p.date)


def wheres(p) -> set[str]:
    return {w.model_dump_json(by_alias=True, exclude_none=True) for w in p.where}


def covers(child: Check, parent: Check) -> bool:
    """Does the child's check demand at least what the parent's check demands? (each kind says: engine/checks/)"""
    if child.kind != parent.kind:
        return False
    return kind_of(child).covers(child.spec, parent.spec)


def loosening(parent: Ruleset, child: Ruleset, own_ids: set[str], disable: list, file: str,
              own_rules: Optional[list[Rule]] = None) -> list[RulesetError]:
    """Everything by which a child layer falls below its parent, each naming the parent's rule and article."""
    from .prose import cite
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
        if SEVERITY_RANK[cr.severity] < SEVERITY_RANK[pr.severity]:
            err("ruleset.loosens-parent", cr.id, f"{head_zh}，但严重程度由 {pr.severity} 降为 {cr.severity}",
                f"{head_en} but lowers its severity from {pr.severity} to {cr.severity}")
        if MODALITY_RANK[cr.modality] < MODALITY_RANK[pr.modality]:
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
            if not any(covers(cc, pc) and (cc.due or cr.due).rank <= (pc.due or pr.due).rank for cc in cr.checks):
                err("ruleset.loosens-parent", cr.id, f"{head_zh}，但没有保留其第 {i + 1} 项检查（{pc.kind}）或以更严格的检查代替",
                    f"{head_en} but drops its check #{i + 1} ({pc.kind}) without a stricter one in its place")
    return out
