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

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

import yaml
from pydantic import ValidationError

from .errors import LoadError, RulesetError, RulesetErrors
from .load import _Loader, _position, parse_yaml, read_text
from .models.ruleset import Rule, RuleFile, Ruleset, RulesetIndex

RULESETS_DIR = Path(__file__).resolve().parent.parent / "rulesets"


def _errors_from_validation(e: ValidationError, text: str, name: str, obj: Any) -> list[RulesetError]:
    try:
        root = yaml.compose(text, Loader=_Loader)
    except Exception:  # noqa: BLE001
        root = None
    out = []
    for err in e.errors(include_url=False):
        loc = [p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
        line = _position(root, loc, obj)[0] if root is not None else None
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
    files = [folder / "index.yaml"] + sorted(p for p in folder.glob("*.yaml") if p.name != "index.yaml")
    index: Optional[RulesetIndex] = None
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


@lru_cache(maxsize=None)
def _folders(root: str) -> dict[str, Path]:
    out: dict[str, Path] = {}
    for idx in sorted(Path(root).rglob("index.yaml")):
        try:
            obj = parse_yaml(read_text(idx), str(idx))
        except LoadError:
            continue
        if isinstance(obj, dict) and isinstance(obj.get("id"), str):
            out[obj["id"]] = idx.parent
    return out


@lru_cache(maxsize=None)
def load(ruleset_id: str, root: str = str(RULESETS_DIR)) -> Ruleset:
    """Load a ruleset by id, merged with the layers it extends."""
    folders = _folders(root)
    if ruleset_id not in folders:
        raise RulesetErrors([RulesetError("ruleset.not-found", root, None, f"找不到规则集“{ruleset_id}”",
                                          f"no ruleset with id '{ruleset_id}'")])
    return load_path(folders[ruleset_id], root)


def load_path(folder: Path, root: str = str(RULESETS_DIR)) -> Ruleset:
    index, rules, files, digest = load_folder(folder)
    if not index.extends:
        return Ruleset(index=index, rules=[r for r, _ in rules], sections={r.id: s for r, s in rules},
                       files=files, content_hash=digest)
    parent = load(index.extends, root)
    return merge(parent, index, rules, files, digest)


def merge(parent: Ruleset, index: RulesetIndex, rules: list[tuple[Rule, Any]], files: list[str], digest: str) -> Ruleset:
    """Child layer over parent: parameters override, rules added or replaced, disabled ones dropped."""
    disabled = {d.get("rule") for d in index.disable}
    params = dict(parent.index.parameters)
    params.update(index.parameters)
    merged_index = index.model_copy(update={"parameters": params,
                                            "exclusions": index.exclusions or parent.index.exclusions})
    own = {r.id: (r, s) for r, s in rules}
    out_rules, sections = [], {}
    for r in parent.rules:
        if r.id in disabled:
            continue
        if r.id in own:
            r2, s = own.pop(r.id)
            out_rules.append(r2)
            sections[r2.id] = s
        else:
            out_rules.append(r)
            sections[r.id] = parent.sections.get(r.id)
    for r, s in own.values():
        out_rules.append(r)
        sections[r.id] = s
    h = hashlib.sha256((parent.content_hash + digest).encode()).hexdigest()
    return Ruleset(index=merged_index, rules=out_rules, sections=sections, files=parent.files + files, content_hash=h)


def all_ids(root: str = str(RULESETS_DIR)) -> list[str]:
    return list(_folders(root))


def select(jurisdiction: Optional[str], on, kind: str = "mad", root: str = str(RULESETS_DIR)) -> tuple[Optional[Ruleset], str, str]:
    """The most specific ruleset in force on `on` for `jurisdiction`, and why (zh, en)."""
    candidates = []
    for rid in all_ids(root):
        rs = load(rid, root)
        j = rs.index.jurisdiction
        if rs.index.kind != kind:
            continue
        if j != "CN" and not (jurisdiction and jurisdiction.startswith(j)):
            continue
        if not rs.in_force(on):
            continue
        candidates.append((0 if j == "CN" else len(j), rs.index.valid_from or on, rs))
    if not candidates:
        return None, (f"没有在 {on} 有效、适用于行政区划 {jurisdiction or '（未填）'} 的规则集"), (
            f"no ruleset in force on {on} for division {jurisdiction or '(none given)'}")
    candidates.sort(key=lambda c: (c[0], c[1]))
    _, _, rs = candidates[-1]
    j = rs.index.jurisdiction
    zh = (f"按决策日期 {on} 和行政区划 {jurisdiction or '（未填）'} 选用：{rs.index.title.zh}"
          f"（{'全国' if j == 'CN' else '行政区划 ' + j}，{rs.index.valid_from} 起施行）")
    en = (f"chosen for date {on} and division {jurisdiction or '(none)'}: {rs.index.title.en or rs.index.title.zh}"
          f" ({'national' if j == 'CN' else 'division ' + j}, in force from {rs.index.valid_from})")
    return rs, zh, en
