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

from .errors import RulesetError, RulesetErrors
from .facts import CASE, TAG, field_kinds, key, tag
from .models.dossier import PROCEDURES, Stage
from .models.ruleset import Check, Condition, ProcRef, Rule, Ruleset, Where

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

def _missing(kind: str, k: str) -> dict:
    """A durable condition true when a field is NOT recorded / not true (see facts.py encoding)."""
    return {
        "date": {"$lt": {k: 0}},
        "int": {"$lt": {k: 0}},
        "list": {"$lt": {k: 1}},
        "enum": {k: ""},
    }.get(kind, {"$neq": {k: 1}})  # bool and text: anything but 1


def _present(kind: str, k: str) -> dict:
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
        return [(_present if w.present else _missing)(kind, k)], []
    if w.is_ is not None:
        return [{k: 1 if w.is_ else 0}], []
    if w.not_in is not None:
        return [{"$neq": {k: v}} for v in w.not_in], []
    values = w.in_ or []
    if len(values) == 1:
        return [{k: values[0]}], []
    return [], [{"$or": [{k: v} for v in values]}]


def _unrecorded_variants(kinds: dict[str, str], where: list[Where]) -> list[list[dict]]:
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


def _record_conds(proc: str, conds: list[dict], extra: list[dict] = (), joins: list[dict] = ()) -> dict:
    """Like _record, with ready-made where conditions (nested groups still go last, probe Q6 b)."""
    flat = [{tag(proc): 1}, *extra] + [c for c in conds if not any(k in c for k in ("$or", "$and"))]
    nested = [c for c in conds if any(k in c for k in ("$or", "$and"))]
    return {"$and": flat + list(joins) + nested}


def _record(proc: str, where: list[Where], extra: list[dict] = (), joins: list[dict] = ()) -> dict:
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
    """(outcome, cause, check patterns) for every way this check can fail or be undecidable."""
    kind, spec = check.kind, check.spec
    out: list[tuple[str, str, list[dict]]] = []
    if kind == "required":
        out.append(("violated", "missing", [{"r$not": _record(spec.procedure, spec.where)}]
                    + [{f"r{i}$not": _record(alt.procedure, alt.where)} for i, alt in enumerate(spec.alternatives)]))
    elif kind == "precedes":
        a, b = spec.before, spec.after
        ad, bd = key(a.date), key(b.date)
        b_dated = _record(b.procedure, b.where, [{"$gte": {bd: 0}}])
        a_on_or_before = _record(a.procedure, a.where, [{"$gte": {ad: 0}}],
                                 joins=[{"$lte": {ad: {"b": bd}}}, {SENTINEL_JOIN: {"b": SENTINEL_JOIN}}])
        a_before = _record(a.procedure, a.where, [{"$gte": {ad: 0}}],
                           joins=[{"$lt": {ad: {"b": bd}}}, {SENTINEL_JOIN: {"b": SENTINEL_JOIN}}])
        a_same_day = _record(a.procedure, a.where, [{"$gte": {ad: 0}}],
                             joins=[{ad: {"b": bd}}, {SENTINEL_JOIN: {"b": SENTINEL_JOIN}}])
        out.append(("violated", "order", [{"b": b_dated}, {"a$not": a_on_or_before}]))
        # Same day: dates alone cannot tell which came first, so it is not decided either way.
        out.append(("indeterminate", "same_day", [{"b": b_dated}, {"s": a_same_day}, {"a$not": a_before}]))
        out.append(("indeterminate", "date_unknown", [{"b": _record(b.procedure, b.where, [{bd: -1}])}]))
    elif kind == "order":
        f, t = key(spec.first), key(spec.then)
        out.append(("violated", "order", [{"r": _record(spec.procedure, spec.where,
                    [{"$gte": {t: 0}}, {"$gte": {f: {"$m": t}}}])}]))
        out.append(("violated", "missing", [{"r": _record(spec.procedure, spec.where, [{"$gte": {t: 0}}, {f: -1}])}]))
        out.append(("indeterminate", "date_unknown", [{"r": _record(spec.procedure, spec.where, [{t: -1}])}]))
    elif kind == "duration":
        pname = spec.at_least or spec.at_most
        unit = c.ruleset.index.parameters[pname].unit
        working = unit == "working_days"
        f, t = key(spec.from_), key(spec.to)
        fv, tv = (f + "__wd", t + "__wd") if working else (f, t)
        n = c.params[pname]
        if unit == "years":  # yyyymmdd + N*10000 is the same day N years later (facts.ymd)
            fv, tv, n = f + "__ymd", t + ("__ymde" if spec.at_least else "__ymd"), n * 10000
        bound = ({"$lt": {tv: {"$add": {"$l": {"$m": fv}, "$r": n}}}} if spec.at_least
                 else {"$gt": {tv: {"$add": {"$l": {"$m": fv}, "$r": n}}}})
        excuse = [{"$neq": {key(spec.unless): 1}}] if spec.unless else []
        out.append(("violated", "duration", [{"r": _record(spec.procedure, spec.where,
                    [{"$gte": {fv: 0}}, {"$gte": {tv: 0}}, *excuse, bound])}]))
        out.append(("indeterminate", "date_unknown", [{"r": _record(spec.procedure, spec.where,
                    [*excuse], joins=[{"$or": [{f: -1}, {t: -1}]}])}]))
        if working:
            out.append(("indeterminate", "calendar_unknown", [{"r": _record(spec.procedure, spec.where,
                        [{"$gte": {f: 0}}, {"$gte": {t: 0}}, *excuse], joins=[{"$or": [{fv: -1}, {tv: -1}]}])}]))
    elif kind == "elements":
        kinds = field_kinds()[spec.procedure]
        missing = [_missing(kinds[fl], key(fl)) for fl in spec.fields]
        any_missing = missing[0] if len(missing) == 1 else {"$or": missing}
        if spec.procedure == CASE:
            out.append(("violated", "elements", [{"__case_extra__": any_missing}]))
        else:
            out.append(("violated", "elements", [{"r": _record(spec.procedure, spec.where, joins=[any_missing])}]))
    elif kind == "forbidden":
        out.append(("violated", "forbidden",
                    [{f"f{i}": _record(p.procedure, p.where)} for i, p in enumerate(spec.all)]))
        if len(spec.all) == 1:  # open world: a record that might be the forbidden one
            p = spec.all[0]
            for conds in _unrecorded_variants(field_kinds()[p.procedure], p.where):
                out.append(("violated", "unrecorded", [{"f0": _record_conds(p.procedure, conds)}]))
    elif kind == "latest_before":
        ad, b = key(spec.date), spec.before
        bd = key(b.date)
        b_dated = _record(b.procedure, b.where, [{"$gte": {bd: 0}}])
        a_match = _record(spec.procedure, spec.where, [{"$gte": {ad: 0}}],
                          joins=[{"$lt": {ad: {"b": bd}}}, {SENTINEL_JOIN: {"b": SENTINEL_JOIN}}])
        a_later = _record(spec.procedure, [], [{"$gte": {ad: 0}}],
                          joins=[{"$gt": {ad: {"a": ad}}}, {"$lt": {ad: {"b": bd}}}, {SENTINEL_JOIN: {"b": SENTINEL_JOIN}}])
        out.append(("violated", "latest_before", [{"b": b_dated}, {"a": a_match}, {"x$not": a_later}]))
        for conds in _unrecorded_variants(field_kinds()[spec.procedure], spec.where):  # open world
            a_maybe = _record_conds(spec.procedure, conds, [{"$gte": {ad: 0}}],
                                    joins=[{"$lt": {ad: {"b": bd}}}, {SENTINEL_JOIN: {"b": SENTINEL_JOIN}}])
            out.append(("violated", "unrecorded", [{"b": b_dated}, {"a": a_maybe}, {"x$not": a_later}]))
    return out


# --------------------------------------------------------------------------- stages

def validate_references(rs: Ruleset, c: Compiled) -> None:
    kinds = field_kinds()
    procs = set(PROCEDURES)

    def err(rule: Rule, zh: str, en: str) -> None:
        c.errors.append(RulesetError("ruleset.unknown-name", rs.files[0] if rs.files else rs.id, rule.id, zh, en, stage="validate_references"))

    def check_proc(rule: Rule, proc: str, allow_case: bool = False) -> bool:
        if proc in procs or (allow_case and proc == CASE):
            return True
        err(rule, f"未知的程序类型“{proc}”", f"unknown procedure '{proc}'")
        return False

    def check_field(rule: Rule, proc: str, name: Optional[str], want: Optional[set[str]] = None) -> None:
        if name is None:
            return
        kind = kinds[proc].get(name)
        if kind is None:
            err(rule, f"程序“{proc}”没有字段“{name}”", f"procedure '{proc}' has no field '{name}'")
        elif want and kind not in want:
            err(rule, f"字段“{proc}.{name}”是{kind}，此处需要{'/'.join(sorted(want))}",
                f"field '{proc}.{name}' is a {kind}; expected {'/'.join(sorted(want))}")

    def check_where(rule: Rule, proc: str, where: list[Where]) -> None:
        for w in where:
            check_field(rule, proc, w.field_)

    def check_cond(rule: Rule, cond: Condition) -> None:
        if cond.fact is not None:
            check_field(rule, CASE, cond.fact)
        elif cond.any is not None:
            for f in cond.any:
                check_field(rule, CASE, f, {"bool"})
        else:
            check_proc(rule, cond.performed or cond.not_performed or "")

    for rule in rs.rules:
        for cond in [*rule.when, *rule.unless, *(rule.waived_when.when if rule.waived_when else [])]:
            check_cond(rule, cond)
        for check in rule.checks:
            s = check.spec
            if check.kind in ("required",):
                for ref in (s, *s.alternatives):
                    if check_proc(rule, ref.procedure):
                        check_where(rule, ref.procedure, ref.where)
            elif check.kind == "precedes":
                for ref in (s.before, s.after):
                    if check_proc(rule, ref.procedure):
                        check_where(rule, ref.procedure, ref.where)
                        if ref.date is None:
                            err(rule, "precedes 的两端都需要 date 字段", "both ends of precedes need a date field")
                        check_field(rule, ref.procedure, ref.date, {"date"})
            elif check.kind == "order":
                if check_proc(rule, s.procedure):
                    check_where(rule, s.procedure, s.where)
                    check_field(rule, s.procedure, s.first, {"date"})
                    check_field(rule, s.procedure, s.then, {"date"})
            elif check.kind == "duration":
                if check_proc(rule, s.procedure):
                    check_where(rule, s.procedure, s.where)
                    check_field(rule, s.procedure, s.from_, {"date"})
                    check_field(rule, s.procedure, s.to, {"date"})
                    check_field(rule, s.procedure, s.unless)
                pname = s.at_least or s.at_most
                param = rs.index.parameters.get(pname)
                if param is None:
                    err(rule, f"未定义的参数“{pname}”（期限必须是规则集的具名参数）",
                        f"undefined parameter '{pname}' (periods must be named ruleset parameters)")
                elif param.unit == "count":
                    err(rule, f"参数“{pname}”不是天数", f"parameter '{pname}' is not a number of days")
            elif check.kind == "elements":
                if check_proc(rule, s.procedure, allow_case=True):
                    check_where(rule, s.procedure, s.where) if s.procedure != CASE else None
                    for fl in s.fields:
                        check_field(rule, s.procedure, fl)
            elif check.kind == "forbidden":
                for ref in s.all:
                    if check_proc(rule, ref.procedure):
                        check_where(rule, ref.procedure, ref.where)
            elif check.kind == "latest_before":
                if check_proc(rule, s.procedure) and check_proc(rule, s.before.procedure):
                    check_where(rule, s.procedure, s.where)
                    check_where(rule, s.before.procedure, s.before.where)
                    check_field(rule, s.procedure, s.date, {"date"})
                    check_field(rule, s.before.procedure, s.before.date, {"date"})


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
