"""Layers of their own kind, stacked on the jurisdiction chain: sector laws and the decision body's level.

Decree 713 Art. 3 para. 2 (first sentence): where a law or administrative regulation sets the
procedure for a matter, that procedure applies; Art. 42: departments and township governments
*refer to* (参照) the Decree. So the rules that apply to one decision are

    jurisdiction chain (national → province → county, rulesets.select)
      + the decision-body layer for its level (rulesets/national/decree-713-art42-*)
      + one sector layer per field the dossier names (事项领域, rulesets/sector/*)

A layer's rules each say how they stand to the rules beneath (`relation`):

    adds       a duty of its own; the rules beneath still apply
    replaces   the rules named in `replaces` are not applied; this one is (the result lists them as
               "not applied", with this rule's citation: 依照《城乡规划法》第二十六条)
    tightens   takes the place of the rule named in `tightens`, demanding at least as much
               (checked by compile.check_layering, like a local layer's)

The stacked ruleset is named `base+layer+…` and can be loaded by that name (rulesets.load). No
legal logic here: what a layer says comes from its YAML.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import lru_cache
from typing import Optional

from .models.dossier import BodyLevel, Dossier
from .models.ruleset import Rule, Ruleset
from .prose.cite import cite
from .prose.applicability import (cannot_stack, decree_applies_directly, never_together, sector_by_ruleset, sector_not_in_force,
                                  sector_stacked, sector_unknown, stacked_by_ruleset, stacked_layer)
from .prose.layers import displaced_reason, level_inferred, level_no_body, level_stated, level_unknown


_NOT_BODIES = ("村民委员会", "居民委员会", "管理委员会", "管委会")  # not a government, or no single reading


# ------------------------------------------------------------------------------ who decides

@lru_cache(maxsize=4096)  # a pure function of the name (a str); an audit sees the same bodies again and again
def infer_level(name: Optional[str]) -> Optional[str]:
    """The level a body's name shows unambiguously, else None.

    …乡人民政府 / …镇人民政府 / …镇 / …乡 / …街道办事处 → township; …人民政府 → government;
    …局 / …厅 / …委员会 / …委 / …办公室 → department. A 管理委员会 (development zone), a
    村民委员会 or 居民委员会, or any other name gives no level: the dossier must state it."""
    n = (name or "").strip()
    if not n or n.endswith(_NOT_BODIES):
        return None
    if n.endswith("人民政府"):
        head = n[: -len("人民政府")]
        return "township" if head.endswith(("镇", "乡")) else "government"
    if n.endswith(("街道办事处", "街道办")):
        return "township"
    if n.endswith(("镇", "乡")) and len(n) >= 2:
        return "township"
    if n.endswith(("局", "厅", "委员会", "委", "办公室", "署")):
        return "department"
    return None


_RANK = {"government": 2, "department": 1, "township": 0}


def body_level(d: Dossier) -> tuple[Optional[str], str, str]:
    """(level, how it was found zh, en): stated in the dossier, or inferred from the name(s).

    A joint decision (several bodies) is held to the highest level among them: where a county-level
    government decides jointly with its department, Art. 2 governs the government's decision."""
    if d.decision_body_level is not None:
        lv = d.decision_body_level.value
        return (lv, *level_stated(lv))
    bodies = d.bodies()
    if not bodies:
        return (None, *level_no_body())
    levels = [(b, infer_level(b)) for b in bodies]
    unknown = [b for b, lv in levels if lv is None]
    if unknown:
        return (None, *level_unknown(unknown))
    lv = max((lv for _, lv in levels), key=_RANK.__getitem__)
    return (lv, *level_inferred(lv, levels))


# ------------------------------------------------------------------------------ which layers

@lru_cache(maxsize=None)
def _layer_rulesets(root: str) -> tuple:
    """The sector and decision-body layers, as heads (index files only; the one chosen is loaded)."""
    from . import rulesets
    out = []
    for rid, h in rulesets.heads(root).items():
        if h is None:  # its index does not load: loading says why
            h = rulesets.load(rid, root)
        if h.index.layer != "jurisdiction":
            out.append(h)
    return tuple(out)


def clear_caches() -> None:
    for f in (_layer_rulesets, stack_ids):
        f.cache_clear()
    _STACKED.clear()


def _covers(rs: Ruleset, jurisdiction: Optional[str]) -> bool:
    j = rs.index.jurisdiction
    return j == "CN" or bool(jurisdiction and jurisdiction.startswith(j))


def _best(cands: list[Ruleset]) -> Ruleset:
    return max(cands, key=lambda r: (0 if r.index.jurisdiction == "CN" else len(r.index.jurisdiction), r.index.valid_from or dt.date.min))


def _fits(ov: Ruleset, base: Ruleset) -> bool:
    return ov.index.kind == base.index.kind and ov.index.stacks_on in base.lineage


def choose(d: Dossier, on: Optional[dt.date], base: Ruleset, root: str,
           forced: Optional[Ruleset] = None) -> tuple[list[Ruleset], list[str], list[str]]:
    """The layers to stack on `base` for this dossier, and what the selection reason says about them."""
    zh: list[str] = []
    en: list[str] = []
    chosen: list[Ruleset] = []
    layers = _layer_rulesets(root)
    lv, lzh, len_ = body_level(d)
    if base.index.kind == "mad":
        zh.append(lzh)
        en.append(len_)

    def say(zh_en: tuple[str, str]) -> None:
        zh.append(zh_en[0])
        en.append(zh_en[1])

    if forced is not None and not _fits(forced, base):
        say(cannot_stack(forced, base))
        forced = None
    if forced is not None and forced.index.layer == "decision_body":
        chosen.append(forced)
        say(stacked_by_ruleset(forced))
    elif lv is not None and base.index.kind == "mad":
        cands = [r for r in layers if r.index.layer == "decision_body" and lv in r.index.body_levels
                 and _fits(r, base) and _covers(r, d.jurisdiction)]
        live = [r for r in cands if r.in_force(on)]
        if live:
            r = _best(live)
            chosen.append(r)
            say(stacked_layer(r))
        elif lv == "government":
            say(decree_applies_directly())
    names = list(d.sector)
    if forced is not None and forced.index.layer == "sector":
        chosen.append(forced)
        say(sector_by_ruleset(forced))
        names = [n for n in names if n not in forced.index.sector]
    for name in names:
        cands = [r for r in layers if r.index.layer == "sector" and name in r.index.sector
                 and _fits(r, base) and _covers(r, d.jurisdiction)]
        live = [r for r in cands if r.in_force(on)]
        if live:
            r = _best(live)
            if any(c.id == r.id for c in chosen):
                continue
            chosen.append(r)
            say(sector_stacked(name, r))
        elif cands:
            say(sector_not_in_force(name, cands, on))
        else:
            say(sector_unknown(name, sorted({r.index.sector[0] for r in layers if r.index.layer == "sector" and _fits(r, base)})))
    return chosen, zh, en


def _overlap(a, b) -> bool:
    lo = max((x for x in (a.index.valid_from, b.index.valid_from) if x), default=None)
    hi = min((x for x in (a.index.valid_to, b.index.valid_to) if x), default=None)
    return lo is None or hi is None or lo <= hi


def apply(base: Ruleset, d: Dossier, on: Optional[dt.date], root: str, why_zh: str, why_en: str,
          forced: Optional[Ruleset] = None) -> tuple[Ruleset, str, str]:
    """`base` with this dossier's layers stacked on it, and the selection reason extended."""
    from . import rulesets
    chosen, zh, en = choose(d, on, base, root, forced)
    rs = base
    for ov in chosen:
        if not _overlap(ov, rs):  # a base given by --ruleset for another period: the layer cannot apply with it
            z, e = never_together(ov, rs)
            zh.append(z)
            en.append(e)
            continue
        if not isinstance(ov, Ruleset):  # a head: load the layer chosen
            ov = rulesets.load(ov.id, root)
        rs = _stack_cached(rs, ov)
    if zh:
        why_zh += "；" + "；".join(zh)
        why_en += "; " + "; ".join(en)
    return rs, why_zh, why_en


# ------------------------------------------------------------------------------ stacking

_STACKED: dict[tuple[int, int], Ruleset] = {}


def _stack_cached(base: Ruleset, ov: Ruleset) -> Ruleset:
    k = (id(base), id(ov))
    hit = _STACKED.get(k)
    if hit is None or hit.parent is not base or hit.declared is not ov.index:
        hit = _STACKED[k] = stack(base, ov)
    return hit


@lru_cache(maxsize=None)
def stack_ids(composite: str, root: str) -> Ruleset:
    """`base+layer+…` → the stacked ruleset (what a result's ruleset id names)."""
    from . import rulesets
    first, *rest = composite.split("+")
    rs = rulesets.load(first, root)
    for part in rest:
        rs = _stack_cached(rs, rulesets.load(part, root))
    return rs


def _pin(rule: Rule, ov: Ruleset) -> Rule:
    if rule.basis.law:
        return rule
    return rule.model_copy(update={"basis": rule.basis.model_copy(update={"law": ov.index.law.zh, "law_en": ov.index.law.en or None})})


def _stands_for(r: Rule) -> set[str]:
    return {r.id, *([r.tightens] if r.tightens else []), *r.replaces}


def stack(base: Ruleset, ov: Ruleset) -> Ruleset:
    """`ov` (a sector or decision-body layer, loaded on its own) on top of `base`.

    Unknown targets are not resolved here: compile.check_layering reports them (a replacement
    that names no rule beneath, a tightening that loosens), so every command refuses the stack."""
    rules = [(_pin(r, ov), ov.sections.get(r.id)) for r in ov.rules]
    by_ref = base.by_reference
    if ov.index.reference is not None:
        by_ref = ov.index.reference.model_copy(update={"law": ov.index.reference.law or base.index.law.zh})
    view = ov.model_copy(update={"by_reference": by_ref})  # how the layer's rules are cited once stacked
    where: dict[str, int] = {}  # rule id beneath (or an id it stands for) → its index in base.rules
    for i, br in enumerate(base.rules):
        for x in _stands_for(br):
            where.setdefault(x, i)
    layered = {x for lay in base.layers for x in lay["own"]}  # rules an earlier layer brought
    put_at: dict[int, list[tuple[Rule, object]]] = {}
    dropped: dict[int, Rule] = {}
    displaced: list[dict] = []
    added = []
    for r, sec in rules:
        targets = r.replaces if r.replaces else ([r.tightens] if r.tightens else [])
        hits = [where[t] for t in targets if t in where]
        if not hits:
            added.append((r, sec))
            continue
        put_at.setdefault(hits[0], []).append((r, sec))
        for i in hits:
            br = base.rules[i]
            if br.id in layered:  # another layer's duty on the same matter (two sector laws): both apply
                continue
            dropped[i] = br
            if r.replaces:
                by, by_en = cite(r.basis, view), cite(r.basis, view, "en")
                was, was_en = cite(br.basis, base), cite(br.basis, base, "en")
                zh, en = displaced_reason(r, br.id, (by, by_en), (was, was_en), ov.index.reference is not None)
                displaced.append({
                    "rule": br.id, "title": br.title.zh, "title_en": br.title.en or br.title.zh,
                    "basis": was, "basis_en": was_en, "by": r.id, "by_basis": by, "by_basis_en": by_en,
                    "layer": ov.id, "reason": zh, "reason_en": en})
    out, sections = [], dict(base.sections)
    for i, br in enumerate(base.rules):
        for r, sec in put_at.get(i, []):
            out.append(r)
            sections[r.id] = sec
        if i not in dropped:
            out.append(br)
    for r, sec in added:
        out.append(r)
        sections[r.id] = sec
    params = dict(base.index.parameters)
    for n, p in ov.index.parameters.items():
        params[n] = p if p.basis.law else p.model_copy(update={"basis": p.basis.model_copy(update={"law": ov.index.law.zh, "law_en": ov.index.law.en or None})})
    froms = [x for x in (base.index.valid_from, ov.index.valid_from) if x]
    tos = [x for x in (base.index.valid_to, ov.index.valid_to) if x]
    index = base.index.model_copy(update={
        "id": f"{base.id}+{ov.id}", "parameters": params,
        "title": base.index.title.model_copy(update={
            "zh": f"{base.index.title.zh}＋{ov.index.title.zh}",
            "en": f"{base.index.title.en or base.index.title.zh} + {ov.index.title.en or ov.index.title.zh}"}),
        "valid_from": max(froms) if froms else None, "valid_to": min(tos) if tos else None})
    h = hashlib.sha256((base.content_hash + "+" + ov.content_hash).encode()).hexdigest()
    return Ruleset(index=index, rules=out, sections=sections, files=base.files + ov.files, content_hash=h,
                   lineage=[ov.id, *base.lineage], declared=ov.index, parent=base,
                   layers=[*base.layers, {"id": ov.id, "layer": ov.index.layer, "law": ov.index.law.zh,
                                          "law_en": ov.index.law.en or ov.index.law.zh, "version": ov.index.version,
                                          "title": ov.index.title.zh, "sector": ov.index.sector[0] if ov.index.sector else None,
                                          "own": [r.id for r in ov.rules]}],
                   displaced=[*base.displaced, *displaced], by_reference=by_ref)


def own_rules(rs: Ruleset) -> list[Rule]:
    """The rules the top layer of a stacked ruleset brought (as pinned in it)."""
    if not rs.layers:
        return []
    ids = set(rs.layers[-1]["own"])
    return [r for r in rs.rules if r.id in ids]
