"""Compile: Ruleset → durable_rules ruleset (plain JSON) + a table saying what each durable rule means.

Each check of each rule becomes a few durable rules ("branches"), each firing only for an outcome
that must be reported: `violated`, `indeterminate`, `waived`, and — in explain mode only —
`not_applicable`. A rule with no branch fired is satisfied (or not applicable, which only explain
mode tells apart). Firing only what must be reported keeps the engine cheap (probe Q4: about 30 µs
per fired action).

Every pattern list starts with the dossier's `case` fact, which is also the trigger: evaluate.py
asserts it after all the procedure records. durable_rules decides a `$not` once, when a frame
reaches it, so the trigger must come first in the pattern and last in time (probe Q3). Carrying
the case-level conditions (stage, triggers, catalog) on the trigger itself, rather than on a
separate evaluate fact joined to a case fact, saves one join per durable rule (measured: 1.95 M →
1.73 M instructions a check with the national ruleset). Joins end in the always-true `one`
sentinel (probe Q6 bug a) and nested `$or` groups come after every join condition (probe Q6 bug b).

Stages run in order; each collects all its errors before the next runs:
    validate_references  names in rules exist: procedures, fields, facts, parameters
    check_citations      every rule cites an article (a rule that cites no article is a bug)
    check_layering       a layer only tightens its parent; a sector layer's replacements name rules beneath
    emit_durable         build the durable_rules JSON
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field as dc_field
from typing import Any, Callable, Optional

from .checks import kind_of
from .core.errors import RulesetError, RulesetErrors
from .core.encoding import CASE, TAG, field_kinds, key, tag
from .models.dossier import PROCEDURES, Stage
from .models.ruleset import Check, Condition, Rule, Ruleset, Where

SENTINEL_JOIN = "one"
# durable_rules 2.0.28 never initialises a session's `context.messages`/`stateFact` pointers
# (state.c createStateNode) but frees them in deleteStateNode; they are only set once an action
# starts. Deleting a session in which nothing fired frees a garbage pointer ("double free or
# corruption", seen under valgrind). So one rule always fires, once per session: on the
# session-opening fact evaluate.py asserts with a session's first dossier and never retracts.
ALWAYS = "__evaluated__"
SESSION = {"s": {tag("session"): 1}}


@dataclass(frozen=True)
class Branch:
    """What one durable rule means: which rule and check, which outcome, and why."""

    name: str
    rule_index: int
    check_index: int
    outcome: str  # violated | indeterminate | waived | not_applicable
    cause: str  # missing | order | duration | elements | forbidden | unrecorded | unknown_trigger | date_unknown | calendar_unknown | not_applicable


@dataclass
class Compiled:
    ruleset: Ruleset
    mode: str
    spec: dict[str, Any]
    branches: dict[str, Branch]
    params: dict[str, int]
    errors: list[RulesetError] = dc_field(default_factory=list)
    keys: dict = dc_field(default_factory=dict)  # "case" or procedure → the fact properties rules read

    @property
    def name(self) -> str:
        return f"{self.ruleset.id}@{self.ruleset.content_hash[:12]}#{self.mode}"


# --------------------------------------------------------------------- condition encoders

def missing_cond(kind: str, k: str) -> dict:
    """A durable condition true when a field is NOT recorded / not true (see facts.py encoding)."""
    return {
        "date": {"$lt": {k: 0}},
        "int": {"$lt": {k: 0}},
        "list": {"$lt": {k: 1}},
        "enum": {k: ""},
    }.get(kind, {"$neq": {k: 1}})  # bool and text: anything but 1


def present_cond(kind: str, k: str) -> dict:
    return {
        "date": {"$gte": {k: 0}},
        "int": {"$gte": {k: 0}},
        "list": {"$gt": {k: 0}},
        "enum": {"$neq": {k: ""}},
    }.get(kind, {k: 1})


def _where(kinds: dict[str, str], w: Where) -> tuple[list[dict], list[dict]]:
    """(flat conditions, nested groups) for one where-condition."""
    k = key(w.field_)
    kind = kinds[w.field_]
    if w.present is not None:
        return [(present_cond if w.present else missing_cond)(kind, k)], []
    if w.is_ is not None:
        return [{k: 1 if w.is_ else 0}], []
    if w.not_in is not None:
        return [{"$neq": {k: v}} for v in w.not_in], []
    values = w.in_ or []
    if len(values) == 1:
        return [{k: values[0]}], []
    return [], [{"$or": [{k: v} for v in values]}]


def unrecorded_variants(kinds: dict[str, str], where: list[Where]) -> list[list[dict]]:
    """Open world (docs/open-world.md): for each where-condition that a silent field could meet,
    the conditions "this field is not recorded, every other one is met or not recorded".

    A `forbidden` or `latest_before` pattern matches a record that is shown to be what the law
    forbids; these variants match a record that might be, because a field the pattern reads is
    not recorded (a review with no conclusion, an expert whose interest is not stated).
    `present` tests recordedness itself and `not_in` already reads silence as a match, so only
    `is` and `in` conditions have variants."""
    out: list[list[dict]] = []
    for i, w in enumerate(where):
        if w.is_ is None and w.in_ is None:
            continue
        k, kind = key(w.field_), kinds[w.field_]
        if kind not in ("bool", "enum"):
            continue
        conds: list[dict] = []
        for j, o in enumerate(where):
            if j == i:
                conds.append({k: -1} if kind == "bool" else {k: ""})
                continue
            ok, kk = key(o.field_), kinds[o.field_]
            if o.is_ is not None and kk == "bool":
                conds.append({"$neq": {ok: 0 if o.is_ else 1}})
            elif o.in_ is not None and kk == "enum":
                conds.append({"$or": [{ok: v} for v in [*o.in_, ""]]})
            else:
                f, n = _where(kinds, o)
                conds += f + n
        out.append(conds)
    return out


def record_pattern_conds(proc: str, conds: list[dict], extra: list[dict] = (), joins: list[dict] = ()) -> dict:
    """Like record_pattern, with ready-made where conditions (nested groups still go last, probe Q6 b)."""
    flat = [{tag(proc): 1}, *extra] + [c for c in conds if not any(k in c for k in ("$or", "$and"))]
    nested = [c for c in conds if any(k in c for k in ("$or", "$and"))]
    return {"$and": flat + list(joins) + nested}


def record_pattern(proc: str, where: list[Where], extra: list[dict] = (), joins: list[dict] = ()) -> dict:
    kinds = field_kinds()[proc]
    flat: list[dict] = [{tag(proc): 1}, *extra]
    nested: list[dict] = []
    for w in where:
        f, n = _where(kinds, w)
        flat += f
        nested += n
    return {"$and": flat + list(joins) + nested}


# Each condition → (holds, fails, unknown-or-None, holds-or-unknown) as durable conditions on the case fact.
def _condition(c: Condition) -> tuple[dict, dict, Optional[dict], dict]:
    if c.performed or c.not_performed:
        n = f"n__{c.performed or c.not_performed}"
        done, not_done = {"$gt": {n: 0}}, {n: 0}
        return (done, not_done, None, done) if c.performed else (not_done, done, None, not_done)
    if c.any is not None:
        ks = [key(f) for f in c.any]
        holds = {"$or": [{k: 1} for k in ks]}
        fails = {"$and": [{k: 0} for k in ks]}
        unknown = {"$and": [{"$neq": {k: 1}} for k in ks] + [{"$or": [{k: -1} for k in ks]}]}
        return holds, fails, unknown, {"$or": [{"$neq": {k: 0}} for k in ks]}
    k = key(c.fact or "")
    if c.is_ is not None:
        want = 1 if c.is_ else 0
        if c.if_silent is not None:  # silence is read as a value: never indeterminate
            if int(c.if_silent) == want:
                return {"$neq": {k: 1 - want}}, {k: 1 - want}, None, {"$neq": {k: 1 - want}}
            return {k: want}, {"$neq": {k: want}}, None, {k: want}
        return {k: want}, {k: 1 - want}, {k: -1}, {"$neq": {k: 1 - want}}
    values = c.in_ or []
    holds = {k: values[0]} if len(values) == 1 else {"$or": [{k: v} for v in values]}
    fails = {"$and": [{"$neq": {k: v}} for v in values] + [{"$neq": {k: ""}}]}
    return holds, fails, {k: ""}, {"$or": [holds, {k: ""}]}


def _not_established(c: Condition) -> dict:
    """An exception (`unless`) counts only when established: unknown means not established."""
    if c.performed or c.not_performed:
        return _condition(c)[1]
    if c.any is not None:
        return {"$and": [{"$neq": {key(f): 1}} for f in c.any]}
    k = key(c.fact or "")
    if c.is_ is not None:
        if c.if_silent is not None and int(c.if_silent) == int(c.is_):
            return {k: 1 - int(c.is_)}
        return {"$neq": {k: 1 if c.is_ else 0}}
    return {"$and": [{"$neq": {k: v}} for v in (c.in_ or [])]}


def _case(rule: Rule, due: Stage, variant: str) -> Optional[dict]:
    """The case pattern for a branch variant: v(iolated) i(ndeterminate) w(aived) n(ot applicable)."""
    flat: list[dict] = [{tag(CASE): 1}]
    nested: list[dict] = []

    def put(cond: dict) -> None:
        (nested if any(k in cond for k in ("$or", "$and")) else flat).append(cond)

    if variant == "n":
        alts = [{"$lt": {"stage": due.rank}}] if due.rank > 0 else []
        alts += [_condition(c)[1] for c in rule.when]
        alts += [_condition(c)[0] for c in rule.unless]
        if not alts:
            return None
        put(alts[0] if len(alts) == 1 else {"$or": alts})
        return {"$and": flat + nested}

    if due.rank > 0:
        flat.append({"$gte": {"stage": due.rank}})
    if variant in ("v", "w"):
        for c in rule.when:
            put(_condition(c)[0])
    else:  # i: no `when` fails, at least one is unknown
        unknowns = []
        for c in rule.when:
            holds, fails, unknown, holds_or_unknown = _condition(c)
            put(holds_or_unknown)
            if unknown is not None:
                unknowns.append(unknown)
        if not unknowns:
            return None
        put(unknowns[0] if len(unknowns) == 1 else {"$or": unknowns})
    for c in rule.unless:
        put(_not_established(c))
    if rule.waived_when:
        if variant == "w":
            for c in rule.waived_when.when:
                put(_condition(c)[0])
        else:  # the exception is not established when any of its conditions is not
            parts = [_not_established(c) for c in rule.waived_when.when]
            put(parts[0] if len(parts) == 1 else {"$or": parts})
    return {"$and": flat + nested}


# --------------------------------------------------------------------------- checks

def _failing(check: Check, c: "Compiled") -> list[tuple[str, str, list[dict]]]:
    """(outcome, cause, check patterns) for every way this check can fail or be undecidable (engine/checks/<kind>.py)."""
    return kind_of(check).patterns(check.spec, c)


# --------------------------------------------------------------------------- stages

class _References:
    """What a check kind's `references` reports through: one rule's unknown procedures, fields, parameters."""

    def __init__(self, rs: Ruleset, c: Compiled) -> None:
        self.rs, self.c, self.rule = rs, c, None
        self.kinds = field_kinds()
        self.procs = set(PROCEDURES)
        self.parameters = rs.index.parameters

    def err(self, zh: str, en: str) -> None:
        rs = self.rs
        self.c.errors.append(RulesetError("ruleset.unknown-name", rs.files[0] if rs.files else rs.id, self.rule.id, zh, en,
                                          stage="validate_references"))

    def proc(self, proc: str, allow_case: bool = False) -> bool:
        """Is `proc` a procedure (or, with allow_case, `case`)? Reported when not."""
        if proc in self.procs or (allow_case and proc == CASE):
            return True
        self.err(f"未知的程序类型“{proc}”", f"unknown procedure '{proc}'")
        return False

    def field(self, proc: str, name: Optional[str], want: Optional[set[str]] = None) -> None:
        """Has `proc` a field `name` (of one of the kinds `want`)? Reported when not."""
        if name is None:
            return
        kind = self.kinds[proc].get(name)
        if kind is None:
            self.err(f"程序“{proc}”没有字段“{name}”", f"procedure '{proc}' has no field '{name}'")
        elif want and kind not in want:
            self.err(f"字段“{proc}.{name}”是{kind}，此处需要{'/'.join(sorted(want))}",
                     f"field '{proc}.{name}' is a {kind}; expected {'/'.join(sorted(want))}")

    def where(self, proc: str, where: list[Where]) -> None:
        for w in where:
            self.field(proc, w.field_)


def validate_references(rs: Ruleset, c: Compiled) -> None:
    v = _References(rs, c)

    def check_cond(cond: Condition) -> None:
        if cond.fact is not None:
            v.field(CASE, cond.fact)
        elif cond.any is not None:
            for f in cond.any:
                v.field(CASE, f, {"bool"})
        else:
            v.proc(cond.performed or cond.not_performed or "")

    for rule in rs.rules:
        v.rule = rule
        for cond in [*rule.when, *rule.unless, *(rule.waived_when.when if rule.waived_when else [])]:
            check_cond(cond)
        for check in rule.checks:
            kind_of(check).references(check.spec, v)  # engine/checks/<kind>.py


def check_citations(rs: Ruleset, c: Compiled) -> None:
    seen: set[str] = set()
    for rule in rs.rules:
        if rule.id in seen:
            c.errors.append(RulesetError("ruleset.duplicate-id", rs.files[0] if rs.files else rs.id, rule.id,
                                         f"规则编号“{rule.id}”重复", f"duplicate rule id '{rule.id}'", stage="check_citations"))
        seen.add(rule.id)
        if not (rule.basis.law or rs.index.law) or not (rule.basis.article or rule.basis.section):
            c.errors.append(RulesetError("ruleset.missing-citation", rs.files[0] if rs.files else rs.id, rule.id,
                                         "规则未引用法律条文", "the rule cites no article", stage="check_citations"))


def check_layering(rs: Ruleset, c: Compiled) -> None:
    """A layered ruleset may not fall below what it is layered on, and names only rules that exist.

    A local layer (`extends`): only tightens (tighten.loosening and tighten.layer_problems, which `rulesets
    lint` runs). A sector or decision-body layer (engine/layers.py): every rule says whether it
    adds, replaces or tightens; a replacement or tightening names a rule beneath; a tightening
    only tightens; a parameter of the same name is not looser. Run at compile time, so every
    command that uses the ruleset (`juece check --ruleset my-overlay/` too) refuses a loosening
    layer, not only `rulesets lint`."""
    parent = rs.parent
    if parent is None:
        return
    from .tighten import layer_problems, loosening
    declared = rs.declared or rs.index
    file = next((f for f in rs.files if not any(f == g for g in parent.files)), rs.files[0] if rs.files else rs.id)
    if declared.layer == "jurisdiction":
        own = [r for r in rs.rules if r.id in set(rs.own)] if rs.own else []
        c.errors += [e for e in layer_problems(parent, declared, file) if e.code != "ruleset.extends-other-kind"]
        c.errors += loosening(parent, rs, {r.id for r in own}, declared.disable, file, own_rules=own)
        return
    from .layers import own_rules
    own = own_rules(rs)
    beneath = {x for r in parent.rules for x in (r.id, r.tightens, *r.replaces) if x}
    if declared.stacks_on and declared.stacks_on in parent.lineage:  # a rule a local layer disabled is still a name
        from . import rulesets
        try:
            beneath |= {r.id for r in rulesets.load(declared.stacks_on).rules}
        except RulesetErrors:
            pass

    def err(code: str, rule: Optional[str], zh: str, en: str) -> None:
        c.errors.append(RulesetError(code, file, rule, zh, en, stage="check_layering"))

    if declared.kind != parent.index.kind:
        err("ruleset.extends-other-kind", None, f"{declared.id}（{declared.kind}）不能叠加在另一类案卷的规则集 {parent.id}（{parent.index.kind}）上",
            f"{declared.id} ({declared.kind}) cannot be stacked on {parent.id}, a ruleset for {parent.index.kind} dossiers")
    if declared.stacks_on and declared.stacks_on not in parent.lineage:
        err("ruleset.stacks-on-other", None, f"{declared.id} 是为 {declared.stacks_on} 编写的，不能叠加在 {parent.id}（层级 {' → '.join(parent.lineage)}）上",
            f"{declared.id} is written for {declared.stacks_on}; it cannot be stacked on {parent.id} (layers {' → '.join(parent.lineage)})")
    tightening = []
    for r in own:
        if r.relation is None:
            err("ruleset.relation-missing", r.id, "领域或层级规则集的每条规则须写明 relation：adds（增加）、replaces（替代，并列明被替代的规则）或 tightens（收紧）",
                "every rule of a sector or decision-body layer says its relation: adds, replaces (naming the rules replaced) or tightens")
        if r.id in {p.id for p in parent.rules}:
            err("ruleset.duplicate-id", r.id, f"规则编号 {r.id} 与下层规则集 {parent.id} 的规则重复：另取编号，并写明 replaces 或 tightens",
                f"rule id {r.id} is already used by {parent.id}; give a new id with replaces or tightens")
        for t in r.replaces:
            if t not in beneath:
                err("ruleset.replaces-unknown-rule", r.id, f"规则 {r.id} 声称替代的 {t} 不是 {parent.id} 的规则（替代必须指明被替代的规则）",
                    f"rule {r.id} replaces {t}, which is not a rule of {parent.id} (a replacement names the rule it replaces)")
        if r.replaces and not r.basis.text:
            err("ruleset.replaces-without-basis", r.id, f"规则 {r.id} 替代 {'、'.join(r.replaces)}，但未引用作出另行规定的条文原文",
                f"rule {r.id} replaces {', '.join(r.replaces)} without quoting the provision that sets the other procedure")
        if r.tightens:
            if r.tightens not in beneath:
                err("ruleset.tightens-unknown-rule", r.id, f"规则 {r.id} 声称收紧的 {r.tightens} 不是 {parent.id} 的规则",
                    f"rule {r.id} tightens {r.tightens}, which is not a rule of {parent.id}")
            else:
                tightening.append(r)
    # a tightening demands at least what the rule beneath did; parameters of the same name likewise
    # compared with the rule of the jurisdiction chain that stands for the target (itself or a local
    # tightening), not with another layer's rule on the same matter (two sector laws: both apply)
    chain = parent
    while chain.layers and chain.parent is not None:
        chain = chain.parent
    stands = [(p, {x for x in (p.id, p.tightens, *p.replaces) if x}) for p in chain.rules]
    view = []
    for r in tightening:
        p = next((p for p, ids in stands if p.id == r.tightens), None) or next((p for p, ids in stands if r.tightens in ids), None)
        if p is not None:
            view.append(p if p.id == r.tightens else p.model_copy(update={"id": r.tightens}))
    parent_view = parent.model_copy(update={"rules": view})
    for e in loosening(parent_view, rs, {r.id for r in tightening}, [], file, own_rules=tightening):
        e.stage = "check_layering"
        c.errors.append(e)


def emit_durable(rs: Ruleset, c: Compiled) -> None:
    c.spec[ALWAYS] = {"all": [SESSION]}
    for ri, rule in enumerate(rs.rules):
        if not rule.checkable:
            continue
        for ci, check in enumerate(rule.checks):
            due = check.due or rule.due
            variants = ["v", "i"] + (["w"] if rule.waived_when else [])
            k = 0
            for outcome, cause, patterns in _failing(check, c):
                for variant in variants:
                    if outcome == "indeterminate" and variant != "v":
                        continue  # an undecidable check under an unknown trigger is reported once
                    case = _case(rule, due, variant)
                    if case is None:
                        continue
                    pats = list(patterns)
                    if pats and "__case_extra__" in pats[0]:
                        case = {"$and": case["$and"] + [pats[0]["__case_extra__"]]}
                        pats = []
                    result = {"v": outcome, "i": "indeterminate", "w": "waived"}[variant]
                    why = cause if variant == "v" else ("unknown_trigger" if variant == "i" else "exception")
                    name = f"{ri}|{ci}|{k}"
                    k += 1
                    c.spec[name] = {"all": [{"c": case}, *pats]}
                    c.branches[name] = Branch(name, ri, ci, result, why)
            if c.mode == "explain":
                case = _case(rule, due, "n")
                if case is not None:
                    name = f"{ri}|{ci}|n"
                    c.spec[name] = {"all": [{"c": case}]}
                    c.branches[name] = Branch(name, ri, ci, "not_applicable", "not_applicable")


STAGES: tuple[tuple[str, Callable[[Ruleset, Compiled], None]], ...] = (
    ("validate_references", validate_references),  # names first: later stages index by them
    ("check_citations", check_citations),  # after names: an unknown field is reported once, not twice
    ("check_layering", check_layering),  # a layer only tightens what it is layered on, and names rules that exist
    ("emit_durable", emit_durable),  # only from a ruleset with no errors
)


def compile_ruleset(rs: Ruleset, mode: str = "findings") -> Compiled:
    """Run the stages; raise RulesetErrors (all of them) if any stage found a problem."""
    c = Compiled(rs, mode, {}, {}, {n: p.value for n, p in rs.index.parameters.items()})
    for name, stage in STAGES:
        stage(rs, c)
        if c.errors:
            raise RulesetErrors(c.errors)
    json.dumps(c.spec)  # fail here, not inside the C engine, if something is not JSON
    c.keys = {k: frozenset(v) for k, v in _referenced_keys(c.spec).items()}
    return c


def _keys_in(node: Any, out: set[str]) -> None:
    if isinstance(node, dict):
        for k, v in node.items():
            if not k.startswith("$"):
                out.add(k)
            elif k == "$m":
                out.add(v)
            _keys_in(v, out)
    elif isinstance(node, list):
        for v in node:
            _keys_in(v, out)


def _referenced_keys(spec: dict) -> dict[str, set[str]]:
    """Per fact kind (`case`, or a procedure), the properties some pattern reads.

    facts.py emits only these: durable_rules spends about a microsecond per property per fact
    (measured: 258 properties ≈ 210 µs), so unread properties are pure cost.
    """
    out: dict[str, set[str]] = {CASE: set()}
    for rule in spec.values():
        for pattern in rule["all"]:
            for cond in pattern.values():
                conds = cond.get("$and", [cond]) if isinstance(cond, dict) else []
                first = conds[0] if conds and isinstance(conds[0], dict) else {}
                target = next((k[len(TAG):] for k in first if k.startswith(TAG)), None)  # every pattern starts with its tag
                if target:
                    _keys_in(cond, out.setdefault(target, set()))
    return out
