"""Rulesets: rulesets/**/index.yaml (+ chapter files) → Ruleset; layers merged; chosen by place and date.

A ruleset is a folder: `index.yaml` (id, law, jurisdiction, validity, parameters, exclusions,
`extends`) and one YAML file per chapter or section of the law, holding its rules in article
order. A layer that `extends` a parent inherits the parent's rules and parameters; it may add
rules, replace a rule it `tightens`, override parameters, and `disable` a rule with a stated legal
reason (lint checks that it only tightens).

Selection (`select`): among rulesets in force on the dossier's date, the one whose jurisdiction is
the longest prefix of the dossier's administrative division code (640425 → 6404 → 64 → CN).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from pydantic import ValidationError

from .core import cache
from .core.errors import LoadError, RulesetError, RulesetErrors
from .core.yamlload import compose, parse_yaml, position, read_text
from .models.ruleset import Basis, Rule, RuleFile, Ruleset, RulesetIndex
from .prose.applicability import chosen_for, no_ruleset, ruleset_chosen

RULESETS_DIR = Path(__file__).resolve().parent.parent / "rulesets"


VOCABULARY = "vocabulary.yaml"  # a folder's own facts (docs/dossier-format.md “添加事实”), never a rule file
# law data that names rules but holds none (rulesets/rates.yaml: the audit's rates; rulesets/responsible.yaml:
# whom each article obliges); they sit at the root of rulesets/, and are never read as rule files in a folder either
NOT_RULE_FILES = ("index.yaml", VOCABULARY, "rates.yaml", "responsible.yaml")

def _errors_from_validation(e: ValidationError, text: str, name: str, obj: Any) -> list[RulesetError]:
    root = compose(text)
    out = []
    for err in e.errors(include_url=False):
        loc = [p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
        line = position(root, loc, obj)[0] if root is not None else None
        rule = None
        if len(loc) >= 2 and loc[0] == "rules" and isinstance(loc[1], int):
            try:
                rule = obj["rules"][loc[1]].get("id")
            except Exception:  # noqa: BLE001
                rule = None
        path = ".".join(str(p) for p in loc)
        out.append(RulesetError(f"ruleset.schema.{err['type']}", name, rule,
                                f"{path}：{_zh_msg(err)}", f"{path}: {err['msg']}", stage="load", line=line))
    return out


def _zh_msg(err: dict) -> str:
    t = err["type"]
    if t == "missing":
        return "缺少必填项"
    if t == "extra_forbidden":
        return "未知的键（规则集不接受未定义的键）"
    if t == "value_error":
        return f"取值无效：{err.get('ctx', {}).get('error', err['msg'])}"
    return err["msg"]


def _read(path: Path) -> tuple[str, Any, bytes]:
    data = path.read_bytes()
    text = read_text(path, data)
    return text, parse_yaml(text, str(path)), data


def load_folder(folder: Path) -> tuple[RulesetIndex, list[tuple[Rule, Any]], list[str], str]:
    """One folder, not merged with its parent: (index, [(rule, section)], files, content hash)."""
    errors: list[RulesetError] = []
    digest = hashlib.sha256()
    files = [folder / "index.yaml"] + sorted(p for p in folder.glob("*.yaml") if p.name not in NOT_RULE_FILES)
    index: Optional[RulesetIndex] = None
    # a vocabulary.yaml (the facts the folder declares, models/vocabulary.py) is not a rule file; its
    # content is in every cache key of this module (_vocabulary), so a changed declaration is never read stale
    rules: list[tuple[Rule, Any]] = []
    for path in files:
        try:
            text, obj, data = _read(path)
        except LoadError as e:
            errors += [RulesetError(p.code, str(path), None, p.zh, p.en, line=p.line) for p in e.problems]
            continue
        digest.update(path.name.encode() + b"\0" + data + b"\0")
        try:
            if path.name == "index.yaml":
                index = RulesetIndex.model_validate(obj)
            else:
                rf = RuleFile.model_validate(obj)
                rules += [(r, rf.section) for r in rf.rules]
        except ValidationError as e:
            errors += _errors_from_validation(e, text, str(path), obj)
    if errors:
        raise RulesetErrors(errors)
    assert index is not None
    return index, rules, [str(p) for p in files], digest.hexdigest()


def _vocabulary() -> bytes:
    """The vocabulary's part of a cache key: a hash of every vocabulary file (rulesets/vocabulary/,
    each folder's vocabulary.yaml), since loaded rulesets name its record types and fields."""
    from .models.vocabulary import digest
    try:
        return b"vocabulary\0" + digest().encode()
    except Exception:  # noqa: BLE001 - an unusable vocabulary is reported when the models are built
        return b"vocabulary\0unusable"


@lru_cache(maxsize=None)
def _folders(root: str) -> dict[str, Path]:
    return {rid: folder for rid, (folder, _) in _catalog(root).items()}


@lru_cache(maxsize=None)
def load(ruleset_id: str, root: str = str(RULESETS_DIR)) -> Ruleset:
    """Load a ruleset by id, merged with the layers it extends (from the disk cache when its files are unchanged).

    `base+layer+…` names a ruleset with sector or decision-body layers stacked on it (engine/layers.py)."""
    if "+" in ruleset_id:
        from .layers import stack_ids
        return stack_ids(ruleset_id, root)
    folders = _folders(root)
    if ruleset_id not in folders:
        raise RulesetErrors([RulesetError("ruleset.not-found", root, None, f"找不到规则集“{ruleset_id}”",
                                          f"no ruleset with id '{ruleset_id}'")])
    return _load_cached(ruleset_id, root)


def given(ruleset: str, root: str = str(RULESETS_DIR)) -> Ruleset:
    """What `--ruleset` names: a ruleset id (`base+layer` too), or a ruleset folder (a layer being
    written: `--ruleset my-overlay/`). Every command that takes --ruleset reads it here."""
    p = Path(ruleset)
    if (p / "index.yaml").is_file():
        return _given_folder(p, root)
    return load(ruleset, root)


# `--ruleset my-overlay/` for a whole folder of dossiers: the folder is read and validated once, and
# again only when a byte of one of its files changes (the key is their content, not their dates).
_given: dict[tuple[str, str], tuple[bytes, Ruleset]] = {}


def _given_folder(folder: Path, root: str) -> Ruleset:
    try:
        h = hashlib.sha256()
        for f in _folder_files(folder):
            h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    except OSError:
        return load_path(folder, root)  # it reports the file it cannot read
    k = (str(folder.resolve()), root)
    hit = _given.get(k)
    if hit is not None and hit[0] == h.digest():
        return hit[1]
    rs = load_path(folder, root)
    _given[k] = (h.digest(), rs)
    return rs


def load_path(folder: Path, root: str = str(RULESETS_DIR)) -> Ruleset:
    index, rules, files, digest = load_folder(folder)
    if not index.extends:
        return Ruleset(index=index, rules=[r for r, _ in rules], sections={r.id: s for r, s in rules},
                       files=files, content_hash=digest, lineage=[index.id], declared=index)
    parent = load(index.extends, root)
    if index.id in parent.lineage:
        raise RulesetErrors([RulesetError("ruleset.extends-cycle", files[0], None,
                                          f"规则集继承关系成环：{' → '.join([index.id, *parent.lineage])}",
                                          f"rulesets extend each other in a cycle: {' → '.join([index.id, *parent.lineage])}")])
    if parent.index.kind != index.kind:
        raise RulesetErrors([RulesetError("ruleset.extends-other-kind", files[0], None,
                                          f"规则集“{index.id}”（{index.kind}）不能继承另一类案卷的规则集“{parent.id}”（{parent.index.kind}）",
                                          f"ruleset '{index.id}' ({index.kind}) cannot extend '{parent.id}', a ruleset for another kind of dossier ({parent.index.kind})")])
    return merge(parent, index, rules, files, digest)


def _pin_law(basis: Basis, parent: Ruleset) -> Basis:
    """An inherited citation keeps naming the parent's law (the child's `law` is its own instrument)."""
    if basis.law:
        return basis
    return basis.model_copy(update={"law": parent.index.law.zh, "law_en": parent.index.law.en or None})


def _pin_rule(rule: Rule, parent: Ruleset) -> Rule:
    if rule.basis.law:
        return rule
    return rule.model_copy(update={"basis": _pin_law(rule.basis, parent)})


def merge(parent: Ruleset, index: RulesetIndex, rules: list[tuple[Rule, Any]], files: list[str], digest: str) -> Ruleset:
    """Child layer over parent.

    Parameters override the parent's; a child rule that `tightens: X` takes the place of the
    parent's rule X (a child rule with X's own id does too); other child rules are added after the
    parent's; rules listed under `disable` are dropped. Inherited rules keep citing the parent's
    law. The merged ruleset is in force only where both the layer and its parent are: a local rule
    made under Decree 713 cannot apply before 713 itself did.
    """
    disabled = {d.rule for d in index.disable}
    params = {n: p.model_copy(update={"basis": _pin_law(p.basis, parent)}) for n, p in parent.index.parameters.items()}
    params.update(index.parameters)
    valid_from = max(d for d in (index.valid_from, parent.index.valid_from) if d) if (index.valid_from or parent.index.valid_from) else None
    tos = [d for d in (index.valid_to, parent.index.valid_to) if d]
    merged_index = index.model_copy(update={
        "parameters": params, "valid_from": valid_from, "valid_to": min(tos) if tos else None,
        "exclusions": index.exclusions or [e.model_copy(update={"basis": _pin_law(e.basis, parent)}) for e in parent.index.exclusions]})
    replacing: dict[str, tuple[Rule, Any]] = {}
    added: list[tuple[Rule, Any]] = []
    for r, s in rules:
        target = r.tightens or (r.id if any(p.id == r.id for p in parent.rules) else None)
        if target and target not in replacing:
            replacing[target] = (r, s)
        else:
            added.append((r, s))
    out_rules, sections = [], {}
    for r in parent.rules:
        if r.id in disabled:
            continue
        if r.id in replacing:
            r2, s = replacing.pop(r.id)
            out_rules.append(r2)
            sections[r2.id] = s
        else:
            out_rules.append(_pin_rule(r, parent))
            sections[r.id] = parent.sections.get(r.id)
    for r, s in [*replacing.values(), *added]:  # a `tightens` naming no parent rule is kept (lint reports it)
        out_rules.append(r)
        sections[r.id] = s
    h = hashlib.sha256((parent.content_hash + digest).encode()).hexdigest()
    return Ruleset(index=merged_index, rules=out_rules, sections=sections, files=parent.files + files, content_hash=h,
                   lineage=[index.id, *parent.lineage], declared=index, parent=parent, own=[r.id for r, _ in rules])


def all_ids(root: str = str(RULESETS_DIR)) -> list[str]:
    return list(_folders(root))


@lru_cache(maxsize=4096)  # one entry per division code; reads the index files only (heads), not the rules
def _candidates(jurisdiction: Optional[str], kind: str, root: str) -> tuple[Any, ...]:
    """The rulesets for this kind of dossier that cover the division: national, or a prefix of its code.

    Heads (index, merged validity, lineage), not whole rulesets: only the one chosen is loaded."""
    out = []
    for rid, rs in heads(root).items():
        if rs is None:  # its index or its chain does not load: loading says why (RulesetErrors)
            rs = load(rid, root)
        j = rs.index.jurisdiction
        if rs.index.kind == kind and rs.index.layer == "jurisdiction" and (j == "CN" or (jurisdiction and jurisdiction.startswith(j))):
            out.append(rs)
    return tuple(out)


def select(jurisdiction: Optional[str], on, kind: str = "mad", root: str = str(RULESETS_DIR),
           date_basis: Optional[tuple[str, str]] = None) -> tuple[Optional[Ruleset], str, str]:
    """The most specific ruleset in force on `on` for `jurisdiction` and this kind of dossier, and why (zh, en).

    Candidates: rulesets for this kind whose jurisdiction is the national one (`CN`) or a prefix
    of the dossier's division code (640425 → 6404 → 64). Among those in force on the date, the
    longest prefix wins; between versions for the same place, the later `valid_from`. The reason
    names the date used, the ruleset and version chosen, its window, its layers, and the more
    specific rulesets passed over because they were not in force on that date.
    """
    basis = date_basis or ("决策日期", "decision date")
    in_force = tuple(rs.in_force(on) for rs in _ranked(jurisdiction, kind, root))
    if not any(in_force):
        return (None, *no_ruleset(on, basis, jurisdiction, kind))
    rs, zh, en = _choice(jurisdiction, kind, root, in_force)
    return (rs, *chosen_for(on, basis, jurisdiction, (zh, en)))


def _rank(rs: Any) -> tuple:
    j = rs.index.jurisdiction
    return (0 if j == "CN" else len(j), rs.index.valid_from or dt.date.min)


@lru_cache(maxsize=4096)  # one entry per division code, like _candidates
def _ranked(jurisdiction: Optional[str], kind: str, root: str) -> tuple[Any, ...]:
    """The candidates, best first: the first one in force on a date is the one chosen."""
    return tuple(sorted(_candidates(jurisdiction, kind, root), key=_rank, reverse=True))


@lru_cache(maxsize=4096)  # one entry per division code and set of rulesets in force: a handful each
def _choice(jurisdiction: Optional[str], kind: str, root: str, in_force: tuple[bool, ...]) -> tuple[Ruleset, str, str]:
    """The ruleset chosen (the best one in force; `in_force` says which of `_ranked` are), and what
    the reason says after the date: the ruleset, its window and layers, those passed over."""
    ranked = _ranked(jurisdiction, kind, root)
    rs = next(r for r, yes in zip(ranked, in_force) if yes)
    rs = load(rs.id, root)  # the one chosen, whole (the candidates are heads)
    top = _rank(rs)[0]
    passed = sorted((m for m, yes in zip(ranked, in_force) if not yes and _rank(m)[0] >= top), key=lambda m: m.id)
    return (rs, *ruleset_chosen(rs, passed))


# ------------------------------------------------------------- index first, cached on disk
#
# Selection reads the index.yaml files only (the catalog, and from it each ruleset's head) and
# loads the rules of the one ruleset it chooses. The catalog and every loaded ruleset are cached
# on disk (engine/core/cache.py) under a key made of the bytes and paths of every file they were built
# from, so an edited, added or removed ruleset file is never served stale.


@dataclass(frozen=True)
class Head:
    """What selection needs of a ruleset, from the index files of its chain alone: the layer's own
    index with the validity of the merged ruleset (a layer is in force only where its parent is,
    as `merge` computes it), its lineage and folder."""

    index: RulesetIndex
    lineage: tuple[str, ...]
    folder: Path

    @property
    def id(self) -> str:
        return self.index.id

    def in_force(self, on: Optional[dt.date]) -> bool:
        return self.index.in_force(on)


@lru_cache(maxsize=None)
def _catalog(root: str) -> dict[str, tuple[Path, Optional[RulesetIndex]]]:
    """id → (folder, its index as validated, or None if it does not validate: loading says why).

    An index.yaml that does not parse or names no id is skipped, as before."""
    found = []
    for idx in sorted(Path(root).rglob("index.yaml")):
        try:
            found.append((idx, idx.read_bytes()))
        except OSError:
            continue
    k = cache.key("catalog", [str(p).encode() + b"\0" + data for p, data in found] + [_vocabulary()])
    hit = _catalog_from_json(cache.get(k))
    if hit is not None:
        return hit
    out: dict[str, tuple[Path, Optional[RulesetIndex]]] = {}
    for idx, data in found:
        try:
            obj = parse_yaml(read_text(idx, data), str(idx))
        except LoadError:
            continue
        if isinstance(obj, dict) and isinstance(obj.get("id"), str):
            try:
                ix: Optional[RulesetIndex] = RulesetIndex.model_validate(obj)
            except ValidationError:
                ix = None
            out[obj["id"]] = (idx.parent, ix)
    cache.put(k, [[rid, str(folder), ix.model_dump(mode="json") if ix is not None else None] for rid, (folder, ix) in out.items()])
    return out


def _catalog_from_json(value: object) -> Optional[dict[str, tuple[Path, Optional[RulesetIndex]]]]:
    """The catalog as `_catalog` stored it, validated again; None when the entry is not one."""
    if not isinstance(value, list):
        return None
    try:
        return {rid: (Path(folder), RulesetIndex.model_validate(ix) if ix is not None else None) for rid, folder, ix in value}
    except (ValueError, TypeError, ValidationError):
        return None


def _ruleset_to_json(rs: Ruleset) -> dict:
    d = rs.model_dump(mode="json")
    d["parent"] = _ruleset_to_json(rs.parent) if rs.parent is not None else None  # excluded from dumps, kept here
    return d


def _ruleset_from_json(value: object) -> Optional[Ruleset]:
    """A ruleset as `_load_cached` stored it, validated again (with its parent chain); None if not one."""
    if not isinstance(value, dict):
        return None
    value = dict(value)
    parent = value.pop("parent", None)
    try:
        rs = Ruleset.model_validate(value)
    except ValidationError:
        return None
    if parent is not None:
        rs.parent = _ruleset_from_json(parent)
        if rs.parent is None:
            return None
    return rs


@lru_cache(maxsize=None)
def heads(root: str = str(RULESETS_DIR)) -> dict[str, Optional[Head]]:
    """Every ruleset's head, in catalog order; None where the index or its chain does not load."""
    cat = _catalog(root)
    out: dict[str, Optional[Head]] = {}

    def head(rid: str, seen: tuple[str, ...]) -> Optional[Head]:
        if rid in out:
            return out[rid]
        folder, ix = cat.get(rid, (None, None))
        if ix is None or folder is None or rid in seen:
            return None
        if not ix.extends:
            h: Optional[Head] = Head(ix, (rid,), folder)
        else:
            parent = head(ix.extends, seen + (rid,))
            if parent is None or parent.index.kind != ix.kind:
                h = None
            else:
                froms = [d for d in (ix.valid_from, parent.index.valid_from) if d]
                tos = [d for d in (ix.valid_to, parent.index.valid_to) if d]
                vf, vt = (max(froms) if froms else None), (min(tos) if tos else None)
                merged = ix if (vf, vt) == (ix.valid_from, ix.valid_to) else ix.model_copy(update={"valid_from": vf, "valid_to": vt})
                h = Head(merged, (rid, *parent.lineage), folder)
        out[rid] = h
        return h

    for rid in cat:
        head(rid, ())
    return {rid: out.get(rid) for rid in cat}


def _folder_files(folder: Path) -> list[Path]:
    """Every file whose bytes key the folder's cache entry: the index, the rule files, its vocabulary.yaml."""
    return [folder / "index.yaml"] + sorted(p for p in folder.glob("*.yaml") if p.name != "index.yaml")


def _load_cached(ruleset_id: str, root: str) -> Ruleset:
    """load_path(its folder), from the disk cache when every file of its chain is byte for byte the same."""
    cat = _catalog(root)
    folder = cat[ruleset_id][0]
    parts: list[bytes] = [root.encode()]
    rid: Optional[str] = ruleset_id
    seen: set[str] = set()
    try:
        while rid:
            entry = cat.get(rid)
            if entry is None or entry[1] is None or rid in seen:  # a broken chain: load_path reports it
                return load_path(folder, root)
            seen.add(rid)
            for p in _folder_files(entry[0]):
                parts.append(str(p).encode() + b"\0" + p.read_bytes())
            rid = entry[1].extends
    except OSError:
        return load_path(folder, root)
    k = cache.key("ruleset", parts + [_vocabulary()])
    hit = _ruleset_from_json(cache.get(k))
    if hit is not None:
        return hit
    rs = load_path(folder, root)
    cache.put(k, _ruleset_to_json(rs))
    return rs


def clear_caches() -> None:
    """Forget every ruleset this process has loaded or chosen (the disk cache stays: it is keyed by content)."""
    for f in (_catalog, heads, _folders, load, _candidates, _ranked, _choice):
        f.cache_clear()
    _given.clear()
    from .layers import clear_caches as clear_layers
    clear_layers()
