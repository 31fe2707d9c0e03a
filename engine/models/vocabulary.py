"""The procedure vocabulary as data: the pydantic models built from rulesets/vocabulary/*.yaml.

A dossier's record types, their fields (type, Chinese key and aliases, English key, the article
that asks for them, the Chinese meaning) and the enums its values are read with are declared in
YAML beside the rulesets (rulesets/vocabulary/: one file per dossier kind or record group), and a
ruleset folder may ship its own `vocabulary.yaml` that adds record types or fields for its rules
(docs/dossier-format.md “添加事实 / adding a fact”). This module reads those files (through the
content-keyed cache of engine/core/cache.py) and builds the enums (ZhEnum) and models (ZhModel, with
base.py's `field(zh=...)` machinery); models/dossier.py and models/enforcement.py expose them
under the names the rest of the engine imports. What the models do beyond holding fields is
models/behaviour.py, named by the declaration.

Declarations are merged in this order: the shared files (sorted by name), then every
`vocabulary.yaml` under the rulesets folder (sorted by path), then folders added with
`add_folder` (a ruleset being written: `juece check --ruleset my-rules/`). A field or record type
declared twice must be declared the same way both times (the same fact); otherwise loading stops
with a message naming both files.
"""

from __future__ import annotations

import hashlib
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar, Literal, Optional, Union

from ..core.errors import LoadError, Problem

ROOT = Path(__file__).resolve().parent.parent.parent
RULESETS = ROOT / "rulesets"
SHARED = RULESETS / "vocabulary"
EXTENSION = "vocabulary.yaml"  # the file a ruleset folder declares its own facts in (not a rule file)
FORMAT = "1"  # bump when the cached form of a parsed declaration changes

KINDS = {"mad": "mad", "normative_document": "mad", "major_enforcement_decision": "major_enforcement_decision"}
MODULES = {"mad": "engine.models.dossier", "major_enforcement_decision": "engine.models.enforcement"}
SCALARS = ("text", "code", "date", "bool", "integer", "records")
FIELD_KEYS = {"zh", "aliases", "type", "required", "default", "min", "max", "pattern", "en", "basis", "meaning",
              "split", "list_into", "requires"}
MODEL_KEYS = {"doc", "model", "names", "main_date", "fields", "derive", "dates_in_order", "not_performed_when",
              "behaviour", "type_meaning", "records"}
TOP_KEYS = {"kind", "enums", "parts", "records", "dossier", "extend"}

#: names models/dossier.py and models/enforcement.py define themselves: no model or enum may take one
RESERVED_NAMES = {"Any", "Optional", "Code", "RequiredCode", "Text", "ZhBool", "ZhDate", "ZhEnum", "ZhModel",
                  "ProcedureRecord", "EnforcementRecord", "KIND"}

ENV = "JUECE_VOCABULARY"  # ruleset folders (os.pathsep-separated) whose vocabulary.yaml a worker process must know too

_extra_folders: list[Path] = []
_built: Optional["Built"] = None


class VocabularyError(LoadError):
    """A vocabulary file that cannot be used: where (file:line:col, the key path) and what was expected, in
    Chinese and English. A LoadError like a dossier's: `problems[0]` is the Problem (code `vocabulary.…`)."""

    def __init__(self, file: str, where: str, zh: str, en: str, line: Optional[int] = None,
                 column: Optional[int] = None, code: str = "vocabulary.invalid") -> None:
        self.file, self.where, self.zh, self.en, self.line, self.column, self.code = file, where, zh, en, line, column, code
        super().__init__([Problem(code, file, zh, en, line=line, column=column, field_zh=where or None, field_en=where or None)])

    def text(self, lang: str = "zh") -> str:
        at = self.problems[0].where()
        if lang == "en":
            return f"{at}: vocabulary key {self.where}: {self.en} [{self.code}]" if self.where else f"{at}: {self.en} [{self.code}]"
        return f"{at}：词汇键 {self.where}：{self.zh} [{self.code}]" if self.where else f"{at}：{self.zh} [{self.code}]"


# ------------------------------------------------------------------------------ the files


def add_folder(folder: str | Path) -> None:
    """Declare the facts of a ruleset folder outside rulesets/ (its vocabulary.yaml), before the models are built.

    The folder is also put in $JUECE_VOCABULARY, so that worker processes started from here (the
    audit's) build the same models."""
    path = Path(folder).resolve()
    if not (path / EXTENSION).is_file() or path in _extra_folders or _is_found(path / EXTENSION):
        return
    if _built is not None:
        raise VocabularyError(str(path / EXTENSION), "", "该规则集目录声明了新的事实，但案卷模型已经建立：请在命令开始时给出 --ruleset",
                              "this ruleset folder declares new facts, but the dossier models are already built: give --ruleset when the command starts",
                              code="vocabulary.too-late")
    _extra_folders.append(path)
    known = [f for f in os.environ.get(ENV, "").split(os.pathsep) if f]
    if str(path) not in known:
        os.environ[ENV] = os.pathsep.join([*known, str(path)])
    files.cache_clear()
    _read.cache_clear()


def _is_found(path: Path) -> bool:
    try:
        path.resolve().relative_to(RULESETS)
        return True
    except ValueError:
        return False


@lru_cache(maxsize=1)
def files() -> tuple[Path, ...]:
    """Every vocabulary file, in merge order."""
    shared = sorted(SHARED.glob("*.yaml"))
    found = sorted(p for p in RULESETS.rglob(EXTENSION) if p.parent != SHARED)
    extra = [f / EXTENSION for f in _extra_folders]
    return tuple(shared + found + extra)


@lru_cache(maxsize=1)
def _loader() -> type:
    """The strict loader every input goes through (engine/core/yamlload.py: a safe loader, C parser,
    anchors and aliases refused), refusing also two keys that read as the same value (`yes:` and
    `true:` are both True)."""
    from ..core.yamlload import StrictLoader

    class Strict(StrictLoader):  # type: ignore[misc,valid-type]
        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            import yaml
            seen: set = set()
            for key_node, _ in node.value:
                make = self.yaml_constructors.get(key_node.tag) if isinstance(key_node, yaml.ScalarNode) else None
                if make is None:
                    continue  # a complex key or an unknown tag: the mapping's own construction says what is wrong
                # the key's value, built without registering the node (the alias check counts registrations)
                key = make(self, key_node)
                if key in seen:
                    raise _Duplicate(key, key_node.start_mark)
                seen.add(key)
            return super().construct_mapping(node, deep=deep)
    return Strict


class _Duplicate(Exception):
    def __init__(self, key: Any, mark: Any) -> None:
        super().__init__(key)
        self.key, self.mark = key, mark


def _parse(path: Path, data: bytes) -> dict:
    import yaml

    from ..core.yamlload import MAX_DEPTH, Refused, depth_ok
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise VocabularyError(str(path), "", f"文件不是 UTF-8 编码（第 {e.start + 1} 个字节）", f"the file is not UTF-8 (byte {e.start + 1})",
                              code="vocabulary.encoding") from None
    if not depth_ok(text):
        raise VocabularyError(str(path), "", f"嵌套层级过深（上限 {MAX_DEPTH} 层）", f"nesting too deep (limit {MAX_DEPTH} levels)",
                              code="vocabulary.too-deep")
    try:
        obj = yaml.load(text, Loader=_loader())  # noqa: S506 - StrictLoader derives from (C)SafeLoader
    except Refused as r:  # an anchor or alias (&, *): a vocabulary file, like a dossier, is data written by hand
        raise VocabularyError(str(path), "", r.zh, r.en, line=r.mark.line + 1 if r.mark else None,
                              column=r.mark.column + 1 if r.mark else None, code="vocabulary." + r.code.split(".", 1)[1]) from None
    except RecursionError:
        raise VocabularyError(str(path), "", "嵌套层级过深", "nesting too deep", code="vocabulary.too-deep") from None
    except _Duplicate as e:
        raise VocabularyError(str(path), _path_at(text, e.mark) or str(e.key), f"键“{e.key}”重复出现：同一层级每个键只能写一次",
                              f"duplicate key '{e.key}': each key may appear once at its level",
                              line=e.mark.line + 1, column=e.mark.column + 1, code="vocabulary.duplicate-key") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        problem = getattr(e, "problem", None) or str(e)
        raise VocabularyError(str(path), "", f"YAML 语法错误：{problem}", f"YAML syntax error: {problem}",
                              line=mark.line + 1 if mark is not None else None,
                              column=mark.column + 1 if mark is not None else None, code="vocabulary.syntax") from None
    if not isinstance(obj, dict):
        raise VocabularyError(str(path), "", "词汇文件应为键值映射（kind:、enums:、records:、extend: …）",
                              "a vocabulary file must be a mapping (kind:, enums:, records:, extend: …)", line=1, column=1,
                              code="vocabulary.not-a-mapping")
    return obj


def _path_at(text: str, mark: Any) -> str:
    """The dotted key path of the mapping key that starts at `mark` (a duplicate key's second occurrence)."""
    import yaml

    def walk(node: Any, where: tuple) -> Optional[tuple]:
        if isinstance(node, yaml.MappingNode):
            for kn, vn in node.value:
                if (kn.start_mark.line, kn.start_mark.column) == (mark.line, mark.column):
                    return (*where, kn.value)
                hit = walk(vn, (*where, kn.value))
                if hit is not None:
                    return hit
        elif isinstance(node, yaml.SequenceNode):
            for i, vn in enumerate(node.value):
                hit = walk(vn, (*where, i))
                if hit is not None:
                    return hit
        return None
    from ..core.yamlload import compose
    found = walk(compose(text), ())  # compose: None when the text does not compose (the key alone is still a message)
    return _dotted(found) if found else ""


@lru_cache(maxsize=1)
def _read() -> tuple[str, tuple[tuple[str, Any], ...]]:
    """(digest of every file, ((path, parsed declaration), ...)): from the cache when the files are unchanged."""
    from ..core import cache
    paths = files()
    data = []
    from ..core.yamlload import MAX_BYTES, regular_file_problem
    for p in paths:
        bad = regular_file_problem(p)  # a pipe or device would block the read
        if bad is not None:
            raise VocabularyError(str(p), "", bad.zh, bad.en, code="vocabulary.unreadable")
        try:
            with open(p, "rb") as f:
                data.append(f.read(MAX_BYTES + 1))
        except OSError as e:
            raise VocabularyError(str(p), "", f"无法读取词汇文件：{e.strerror}", f"cannot read the vocabulary file: {e.strerror}",
                                  code="vocabulary.unreadable") from None
        if len(data[-1]) > MAX_BYTES:
            raise VocabularyError(str(p), "", f"文件过大（上限 {MAX_BYTES // 1048576} MB）", f"file too large (the limit is {MAX_BYTES // 1048576} MB)",
                                  code="vocabulary.too-large")
    h = hashlib.sha256(FORMAT.encode() + b"\0")
    for p, d in zip(paths, data):
        h.update(str(p).encode() + b"\0" + len(d).to_bytes(8, "little") + d)
    digest = h.hexdigest()
    name = f"vocabulary-{digest}"
    hit = cache.get(name)
    if isinstance(hit, list) and len(hit) == len(paths) and all(isinstance(x, dict) for x in hit):
        return digest, tuple((str(p), x) for p, x in zip(paths, hit))
    out = [_parse(p, d) for p, d in zip(paths, data)]
    cache.put(name, out)
    return digest, tuple((str(p), x) for p, x in zip(paths, out))


def digest() -> str:
    """A hash of every vocabulary file: part of engine/core/cache.py's engine key (compiled rulesets read the records)."""
    return _read()[0]


# ----------------------------------------------------------------------- the declaration


class _Decl:
    """The merged declaration: enums, models (parts, records, dossiers) with their fields, in order."""

    def __init__(self) -> None:
        self.enums: dict[str, dict] = {}
        self.models: dict[str, dict] = {}  # model name → {"decl":…, "fields": {name: field decl}, "module":…, "role":…, "file":…}
        self.records: dict[str, str] = {}  # record type → model name
        self.record_kind: dict[str, str] = {}  # record type → kind
        self.dossiers: dict[str, str] = {}  # kind → model name
        self.origin: dict[tuple[str, str], tuple[str, tuple]] = {}  # (model, field) → (file, key path) that declared it
        self._parts: Optional[list[str]] = None
        self._attributes: dict[str, frozenset[str]] = {}

    def parts(self) -> list[str]:
        """The part models (once every file is merged)."""
        if self._parts is None:
            self._parts = [k for k, v in self.models.items() if v["role"] == "part"]
        return self._parts


Where = tuple  # a key path in a vocabulary file: ("records", "hearing", "fields", "date", "type")


def _tree(path: str) -> Any:
    """The node tree of a vocabulary file, to place a message (engine/core/yamlload.compose); None if it cannot be had."""
    from ..core.yamlload import compose
    try:
        return compose(Path(path).read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return None


def _dotted(where: Where) -> str:
    return ".".join(str(k) for k in where)


def _locate(path: str, where: Where, at_key: bool) -> tuple[Optional[int], Optional[int]]:
    """The line and column (1-based) of the key path's key (or its value) in the file: the deepest key found."""
    import yaml
    node = _tree(path)
    if node is None:  # no position is better than no message
        return None, None
    line = col = None
    for i, k in enumerate(where):
        if isinstance(node, yaml.MappingNode):
            hit = next(((kn, vn) for kn, vn in node.value if kn.value == str(k) or _same_key(kn, k)), None)
            if hit is None:
                break
            last = i == len(where) - 1
            mark = hit[0].start_mark if (at_key or not last) else hit[1].start_mark
            line, col = mark.line + 1, mark.column + 1
            node = hit[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(k, int) and 0 <= k < len(node.value):
            node = node.value[k]
            line, col = node.start_mark.line + 1, node.start_mark.column + 1
        else:
            break
    return line, col


_BOOLS = {True: ("yes", "true", "on", "y"), False: ("no", "false", "off", "n")}


def _same_key(node: Any, key: Any) -> bool:
    """A key YAML read as a boolean (`yes:`), written as the word it was."""
    return isinstance(key, bool) and node.tag.endswith(":bool") and str(node.value).lower() in _BOOLS[key]


def _written(path: str, where: Where) -> str:
    """The last key of a key path as the file writes it (`yes`, not True)."""
    try:
        node = _tree(path)
        for k in where:
            node = next((kn if k is where[-1] else vn) for kn, vn in node.value if kn.value == str(k) or _same_key(kn, k))
        return str(node.value)
    except Exception:  # noqa: BLE001
        return str(where[-1])


def _err(path: str, where: Where, zh: str, en: str, at_key: bool = False, code: str = "vocabulary.invalid") -> VocabularyError:
    line, col = _locate(path, where, at_key)
    return VocabularyError(path, _dotted(where), zh, en, line=line, column=col, code=code)


def _type_name(v: Any) -> tuple[str, str]:
    if v is None:
        return "空", "nothing"
    if isinstance(v, dict):
        return "键值映射", "a mapping"
    if isinstance(v, list):
        return "列表", "a list"
    if isinstance(v, bool):
        return "是/否", "a yes/no"
    if isinstance(v, (int, float)):
        return "数字", "a number"
    return f"“{v}”", f"'{v}'"


def _mapping(path: str, where: Where, obj: Any, what_zh: str = "键值映射", what_en: str = "a mapping") -> dict:
    if not isinstance(obj, dict):
        zh, en = _type_name(obj)
        raise _err(path, where, f"应为{what_zh}，写的是{zh}", f"expected {what_en}, got {en}", code="vocabulary.type")
    return obj


def _check_keys(path: str, where: Where, obj: Any, allowed: set[str]) -> dict:
    _mapping(path, where, obj)
    for k in obj:
        if k not in allowed:
            raise _err(path, (*where, k), f"未知的键“{k}”，可用：{'、'.join(sorted(allowed))}",
                       f"unknown key '{k}'; expected one of: {', '.join(sorted(allowed))}", at_key=True, code="vocabulary.unknown-key")
    return obj


def _text(path: str, where: Where, v: Any, zh_what: str, en_what: str) -> str:
    if not isinstance(v, str) or not v.strip():
        got_zh, got_en = ("空", "nothing") if v is None or v == "" else _type_name(v)
        raise _err(path, where, f"应为{zh_what}（文字），写的是{got_zh}", f"expected {en_what} (text), got {got_en}", code="vocabulary.type")
    return v


def _text_list(path: str, where: Where, v: Any, zh_what: str, en_what: str) -> list:
    if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
        got_zh, got_en = _type_name(v) if not isinstance(v, list) else ("含非文字的列表", "a list with something not text")
        raise _err(path, where, f"应为{zh_what}的列表（文字），写的是{got_zh}", f"expected a list of {en_what} (text), got {got_en}", code="vocabulary.type")
    return v


TYPE_HELP = (f"{'、'.join(SCALARS)}、list of text、enum 枚举名、list of enum 枚举名、组成部分名、list of 组成部分名",
             f"{', '.join(SCALARS)}, list of text, enum NAME, list of enum NAME, PART, list of PART")


def _type_ok(decl: _Decl, t: Any) -> bool:
    if not isinstance(t, str):
        return False
    if t in SCALARS or t == "list of text":
        return True
    m = re.fullmatch(r"(list of )?(enum )?([A-Za-z_][A-Za-z0-9_]*)", t)
    if not m:
        return False
    return (m.group(3) in decl.enums) if m.group(2) else True  # a part is checked once every part is declared


def _bad_type(decl: _Decl, path: str, where: Where, t: Any) -> VocabularyError:
    m = re.fullmatch(r"(list of )?enum (\w+)", t) if isinstance(t, str) else None
    if m:
        return _err(path, where, f"未声明的枚举“{m.group(2)}”，已声明：{'、'.join(decl.enums)}",
                    f"no enum named '{m.group(2)}' is declared; declared: {', '.join(decl.enums)}", code="vocabulary.unknown-enum")
    return _err(path, where, f"未知的类型“{t}”，可用：{TYPE_HELP[0]}", f"unknown type '{t}'; expected one of: {TYPE_HELP[1]}",
                code="vocabulary.unknown-type")


def _add_fields(decl: _Decl, model: str, fields: Any, path: str, where: Where) -> None:
    target = decl.models[model]["fields"]
    for name, f in _mapping(path, where, fields, "字段的映射（英文键名: 声明）", "a mapping of fields (English key: declaration)").items():
        w = (*where, name)
        if not re.fullmatch(r"[a-z][a-z0-9_]*", str(name)):
            raise _err(path, w, "字段的英文键名只能用小写字母、数字和下划线，以字母开头", "a field's English key is lower-case letters, digits and _, starting with a letter",
                       at_key=True, code="vocabulary.name")
        _check_keys(path, w, f, FIELD_KEYS)
        _text(path, (*w, "zh"), f.get("zh"), "中文键名 zh", "the Chinese key (zh)") if "zh" in f else None
        if "zh" not in f:
            raise _err(path, w, "缺少中文键名 zh", "the Chinese key (zh) is missing", at_key=True, code="vocabulary.missing")
        if "aliases" in f:
            _text_list(path, (*w, "aliases"), f["aliases"], "其他中文键名", "other Chinese keys")
        if "type" not in f:
            raise _err(path, w, f"缺少类型 type，可用：{TYPE_HELP[0]}", f"the type is missing; expected one of: {TYPE_HELP[1]}", at_key=True,
                       code="vocabulary.missing")
        if not _type_ok(decl, f["type"]):
            raise _bad_type(decl, path, (*w, "type"), f["type"])
        for k in ("en", "basis", "meaning"):
            if k in f and not isinstance(f[k], (str, int)):
                _text(path, (*w, k), f[k], k, k)
        for k in ("required", "split"):
            if k in f and not isinstance(f[k], bool):
                raise _err(path, (*w, k), f"应为 true 或 false，写的是{_type_name(f[k])[0]}", f"expected true or false, got {_type_name(f[k])[1]}",
                           code="vocabulary.type")
        for k in ("min", "max"):
            if k in f and (isinstance(f[k], bool) or not isinstance(f[k], (int, float))):
                raise _err(path, (*w, k), f"应为数字，写的是{_type_name(f[k])[0]}", f"expected a number, got {_type_name(f[k])[1]}", code="vocabulary.type")
        for k, types in (("min", ("integer",)), ("max", ("integer",)), ("pattern", ("text", "code"))):
            if k in f and f["type"] not in types:
                raise _err(path, (*w, k), f"{k} 只能用于 {'、'.join(types)} 类型的字段，本字段的类型是 {f['type']}",
                           f"{k} applies to {' or '.join(types)} fields only; this field's type is {f['type']}", at_key=True, code="vocabulary.value")
        if "pattern" in f:
            try:
                re.compile(_text(path, (*w, "pattern"), f["pattern"], "正则表达式", "a regular expression"))
            except re.error as e:
                raise _err(path, (*w, "pattern"), f"不是有效的正则表达式：{e}", f"not a valid regular expression: {e}", code="vocabulary.pattern") from None
        if "default" in f and f["default"] != "empty":
            raise _err(path, (*w, "default"), "default 只能是 empty（组成部分默认为空）", "default can only be empty (a part that defaults to empty)",
                       code="vocabulary.value")
        if name in target:
            if target[name] != f:
                other, _ = decl.origin[(model, name)]
                raise _err(path, w, f"字段“{name}”（{model}）已在 {other} 中以不同方式声明：同一事实两处的声明须完全相同",
                           f"field '{name}' ({model}) is already declared differently in {other}: a fact declared twice must be declared the same way",
                           at_key=True, code="vocabulary.conflict")
            continue
        target[name] = f
        decl.origin[(model, name)] = (path, w)


def _add_model(decl: _Decl, name: str, body: Any, kind: str, role: str, path: str, where: Where) -> None:
    _check_keys(path, where, body, MODEL_KEYS)
    if not re.fullmatch(r"[A-Z][A-Za-z0-9]*", str(name)):
        raise _err(path, (*where, "model") if "model" in body else where, f"模型名“{name}”应以大写字母开头，只用字母和数字",
                   f"the model name '{name}' must start with a capital letter and use letters and digits only", code="vocabulary.name")
    if "behaviour" in body:
        from .behaviour import MODEL_BEHAVIOURS
        if body["behaviour"] not in MODEL_BEHAVIOURS:
            raise _err(path, (*where, "behaviour"), f"未知的行为“{body['behaviour']}”，可用：{'、'.join(MODEL_BEHAVIOURS)}",
                       f"unknown behaviour '{body['behaviour']}'; expected one of: {', '.join(MODEL_BEHAVIOURS)}", code="vocabulary.unknown-behaviour")
    if name in decl.models:
        old = decl.models[name]
        if old["decl"] != body:
            raise _err(path, where, f"“{name}”已在 {old['file']} 中以不同方式声明：同一模型两处的声明须完全相同",
                       f"'{name}' is already declared differently in {old['file']}: a model declared twice must be declared the same way",
                       at_key=True, code="vocabulary.conflict")
        return
    decl.models[name] = {"decl": body, "fields": {}, "module": MODULES[kind], "role": role, "file": path, "kind": kind, "where": where}
    _add_fields(decl, name, body.get("fields") or {}, path, (*where, "fields"))


def _check_enum(path: str, where: Where, e: Any) -> None:
    _check_keys(path, where, e, {"doc", "values", "phrasings", "behaviour"})
    values = _mapping(path, (*where, "values"), e.get("values"), "取值的映射（英文值: {zh: 中文, aliases: [...]})",
                      "a mapping of values (value: {zh: …, aliases: [...]})")
    if not values:
        raise _err(path, (*where, "values"), "枚举至少要有一个取值", "an enum needs at least one value", code="vocabulary.value")
    for value, v in values.items():
        w = (*where, "values", value)
        if not isinstance(value, str):  # `yes:` / `no:` unquoted are YAML booleans
            raw = _written(path, (*where, "values", value))
            raise _err(path, (*where, "values", raw), f"取值 {raw} 应加引号（'{raw}'）：不加引号的 yes、no、数字在 YAML 中不是文字",
                       f"quote the value {raw} ('{raw}'): unquoted yes, no and numbers are not text in YAML", at_key=True, code="vocabulary.type")
        if not re.fullmatch(r"[a-z][a-z0-9_]*", value):
            raise _err(path, w, "取值的英文名只能用小写字母、数字和下划线，以字母开头", "a value is lower-case letters, digits and _, starting with a letter",
                       at_key=True, code="vocabulary.name")
        if v is not None:
            _check_keys(path, w, v, {"zh", "aliases"})
            if "zh" in v:
                _text(path, (*w, "zh"), v["zh"], "中文名称", "the Chinese name")
            if "aliases" in v:
                if not isinstance(v["aliases"], list) or not all(isinstance(a, (str, int)) and not isinstance(a, bool) for a in v["aliases"]):
                    _text_list(path, (*w, "aliases"), v["aliases"], "其他写法", "other spellings")
    if "behaviour" in e:
        from .behaviour import ENUM_BEHAVIOURS
        if e["behaviour"] not in ENUM_BEHAVIOURS:
            raise _err(path, (*where, "behaviour"), f"未知的行为“{e['behaviour']}”，可用：{'、'.join(ENUM_BEHAVIOURS)}",
                       f"unknown behaviour '{e['behaviour']}'; expected one of: {', '.join(ENUM_BEHAVIOURS)}", code="vocabulary.unknown-behaviour")
    if "phrasings" in e:
        if not isinstance(e["phrasings"], list):
            raise _err(path, (*where, "phrasings"), "应为列表：[{contains: [...], means: 取值}]", "expected a list: [{contains: [...], means: VALUE}]",
                       code="vocabulary.type")
        for i, ph in enumerate(e["phrasings"]):
            _check_keys(path, (*where, "phrasings", i), ph, {"contains", "unless", "means"})
            if ph.get("means") not in values:
                raise _err(path, (*where, "phrasings", i, "means") if "means" in ph else (*where, "phrasings", i),
                           f"means 应为本枚举的取值之一：{'、'.join(values)}", f"means must be one of this enum's values: {', '.join(values)}",
                           code="vocabulary.value")
            _text_list(path, (*where, "phrasings", i, "contains"), ph.get("contains"), "要包含的文字", "texts to contain")


def _check_model(decl: _Decl, name: str) -> None:
    """What a model's declaration names: its parts, its date fields, its derivations (every file merged)."""
    from .behaviour import DERIVATIONS
    info = decl.models[name]
    d, path, where = info["decl"], info["file"], info["where"]
    parts = decl.parts()
    for fname, f in info["fields"].items():
        fpath, fw = decl.origin[(name, fname)]
        m = re.fullmatch(r"(list of )?(\w+)", f["type"])
        if m and f["type"] not in SCALARS and f["type"] != "list of text" and not f["type"].startswith(("enum ", "list of enum ")):
            if m.group(2) not in parts:
                raise _err(fpath, (*fw, "type"), f"未知的类型“{f['type']}”：没有名为“{m.group(2)}”的组成部分（parts:）；可用：{TYPE_HELP[0]}；已声明的组成部分：{'、'.join(parts)}",
                           f"unknown type '{f['type']}': no part (parts:) named '{m.group(2)}'; expected one of: {TYPE_HELP[1]}; declared parts: {', '.join(parts)}",
                           code="vocabulary.unknown-type")
    for fname, f in info["fields"].items():
        fpath, fw = decl.origin[(name, fname)]
        if f["type"] == "records" and info["role"] != "dossier":
            raise _err(fpath, (*fw, "type"), "records（程序记录的列表）只能用于案卷最外层（dossier）的字段",
                       "records (the list of procedure records) is a type of the top level (dossier) only", code="vocabulary.value")
        for k in ("split", "list_into", "requires"):
            if k in f and info["role"] != "dossier":
                raise _err(fpath, (*fw, k), f"{k} 只能用于案卷最外层（dossier）的字段", f"{k} applies to top-level (dossier) fields only",
                           at_key=True, code="vocabulary.value")
        if "default" in f and f["type"] not in parts:
            raise _err(fpath, (*fw, "default"), "default: empty 只能用于组成部分类型的字段（如 Triggers）",
                       "default: empty applies to a field whose type is a part (e.g. Triggers) only", at_key=True, code="vocabulary.value")
        if "list_into" in f:
            target = f["list_into"]
            if f["type"] != "text" or target not in info["fields"] or info["fields"][target]["type"] != "list of text":
                avail = [n for n, g in info["fields"].items() if g["type"] == "list of text"]
                raise _err(fpath, (*fw, "list_into"), f"list_into 须用于 text 字段，并指向本层一个 list of text 字段；可用：{'、'.join(avail)}",
                           f"list_into belongs on a text field and names a list of text field of the same level; expected one of: {', '.join(avail)}",
                           code="vocabulary.value")
        if "requires" in f:
            _requires_ok(decl, info, f, fpath, (*fw, "requires"))
    names = dict(info["fields"])
    if info["role"] == "record":
        names.update(decl.models[decl.records["*"]]["fields"])
    used = _model_attributes(decl, info)
    for fname in info["fields"]:
        if fname in used or fname.startswith("model_"):
            fpath, fw = decl.origin[(name, fname)]
            raise _shadows(fpath, fw, fname)

    def field_of(w: Where, v: Any, kinds: tuple[str, ...] = ()) -> None:
        if v not in names or (kinds and names[v]["type"] not in kinds):
            zh_kind, en_kind = ("日期", "date ") if kinds == ("date",) else ("", "")
            avail = [n for n, f in names.items() if not kinds or f["type"] in kinds]
            raise _err(path, w, f"“{v}”不是本模型的{zh_kind}字段；可用：{'、'.join(avail)}", f"'{v}' is not a {en_kind}field of this model; expected one of: {', '.join(avail)}",
                       code="vocabulary.unknown-field")
    if "main_date" in d:
        field_of((*where, "main_date"), d["main_date"], ("date",))
    for i, pair in enumerate(d.get("dates_in_order") or ()):
        if not isinstance(pair, list) or len(pair) != 2:
            raise _err(path, (*where, "dates_in_order", i), "应为两个日期字段：[较早, 较晚]", "expected two date fields: [earlier, later]", code="vocabulary.type")
        for j, v in enumerate(pair):
            field_of((*where, "dates_in_order", i, j), v, ("date",))
    for i, rule in enumerate(d.get("derive") or ()):
        if isinstance(rule, str):
            if rule not in DERIVATIONS:
                raise _err(path, (*where, "derive", i), f"未知的推导“{rule}”，可用：{'、'.join(DERIVATIONS)}、{{differs: 字段, of: [字段, 字段]}}",
                           f"unknown derivation '{rule}'; expected one of: {', '.join(DERIVATIONS)}, {{differs: FIELD, of: [FIELD, FIELD]}}",
                           code="vocabulary.unknown-derivation")
            continue
        _check_keys(path, (*where, "derive", i), rule, {"differs", "of"})
        field_of((*where, "derive", i, "differs"), rule.get("differs"))
        if not isinstance(rule.get("of"), list) or len(rule["of"]) != 2:
            raise _err(path, (*where, "derive", i, "of"), "应为两个字段：[字段, 字段]", "expected two fields: [FIELD, FIELD]", code="vocabulary.type")
        for j, v in enumerate(rule["of"]):
            field_of((*where, "derive", i, "of", j), v)
    if "not_performed_when" in d:
        for k in _mapping(path, (*where, "not_performed_when"), d["not_performed_when"]):
            field_of((*where, "not_performed_when", k), k)
    _unique_keys(decl, name, names)


def _model_attributes(decl: _Decl, info: dict) -> set[str]:
    """The names a model has before its fields (pydantic's, its behaviour's, a record's `type` and `main_date`):
    no field may take one (it would shadow a method, or break the class)."""
    from .base import ZhModel
    from .behaviour import MODEL_BEHAVIOURS
    d = info["decl"]
    if info["role"] == "record":
        star = decl.models[decl.records["*"]]
        d = star["decl"]
        extra = {"type", "main_date", "effective_status"} - set(star["fields"])
    else:
        extra = {"effective_status"} if d.get("not_performed_when") else set()
    key = d.get("behaviour") or ""
    if key not in decl._attributes:
        decl._attributes[key] = frozenset(n for n in dir(MODEL_BEHAVIOURS.get(key, ZhModel)) if not n.startswith("__"))
    return decl._attributes[key] | extra if extra else decl._attributes[key]


def _shadows(path: str, where: Where, fname: str) -> VocabularyError:
    return _err(path, where, f"字段名“{fname}”是模型自有的名称（方法或属性），请换一个英文键名",
                f"the field name '{fname}' is one the model itself uses (a method or attribute): choose another English key",
                at_key=True, code="vocabulary.name")


REQUIRES_ERRORS = ("other_law_needs_basis",)  # the messages engine/load.py has for `requires` (its _schema_problem)


def _requires_ok(decl: _Decl, info: dict, f: dict, path: str, where: Where) -> None:
    """requires: [{when: VALUE, field: FIELD, error: CODE}]: a value of this enum field that makes another field required."""
    shape_zh, shape_en = "[{when: 取值, field: 字段, error: 错误代码}]", "[{when: VALUE, field: FIELD, error: CODE}]"
    if not isinstance(f["requires"], list):
        raise _err(path, where, f"应为列表：{shape_zh}", f"expected a list: {shape_en}", code="vocabulary.type")
    m = re.fullmatch(r"enum (\w+)", f["type"])
    values = list(decl.enums[m.group(1)]["decl"]["values"]) if m else []
    for i, r in enumerate(f["requires"]):
        w = (*where, i)
        _check_keys(path, w, r, {"when", "field", "error"})
        for k in ("when", "field", "error"):
            if k not in r:
                raise _err(path, w, f"缺少 {k}：{shape_zh}", f"{k} is missing: {shape_en}", at_key=True, code="vocabulary.missing")
        if not m or r["when"] not in values:
            raise _err(path, (*w, "when"), f"when 应为本字段（enum 类型）的取值之一：{'、'.join(map(str, values)) or '（本字段不是 enum 类型）'}",
                       f"when must be a value of this (enum) field: {', '.join(map(str, values)) or '(this field is not an enum)'}",
                       code="vocabulary.value")
        if r["field"] not in info["fields"]:
            raise _err(path, (*w, "field"), f"“{r['field']}”不是本层的字段", f"'{r['field']}' is not a field of this level", code="vocabulary.unknown-field")
        if r["error"] not in REQUIRES_ERRORS:
            raise _err(path, (*w, "error"), f"未知的错误代码，可用：{'、'.join(REQUIRES_ERRORS)}",
                       f"unknown error code; expected one of: {', '.join(REQUIRES_ERRORS)}", code="vocabulary.value")


def _unique_keys(decl: _Decl, name: str, fields: dict[str, dict]) -> None:
    """Every key a model's fields are written with (English, Chinese, aliases) names one field only."""
    seen: dict[str, str] = {"type": "type", "类型": "type"} if decl.models[name]["role"] == "record" else {}
    for fname, f in fields.items():
        for key in (fname, f["zh"], *[str(a) for a in f.get("aliases") or ()]):
            if key in seen and seen[key] != fname:
                fpath, fw = decl.origin.get((name, fname), (decl.models[name]["file"], ()))
                other = decl.origin.get((name, seen[key]), (decl.models[name]["file"], ()))[0]
                raise _err(fpath, fw, f"键名“{key}”已用于“{name}”的字段“{seen[key]}”（{other}）：一个键名只能指一个字段",
                           f"the key '{key}' already names the field '{seen[key]}' of '{name}' ({other}): a key names one field only",
                           at_key=True, code="vocabulary.conflict")
            seen.setdefault(key, fname)


def declaration() -> _Decl:
    """Every file merged (validated as it is merged)."""
    decl = _Decl()
    docs = _read()[1]
    for path, doc in docs:  # enums first: fields name them
        _check_keys(path, (), doc, TOP_KEYS)
        kind = KINDS.get(str(doc.get("kind", "")))
        if kind is None:
            raise _err(path, ("kind",), f"kind 应为 {'、'.join(KINDS)} 之一（案卷类型）", f"kind must be one of: {', '.join(KINDS)} (the dossier kind)",
                       at_key="kind" not in doc, code="vocabulary.value")
        for ename, e in _mapping(path, ("enums",), doc.get("enums") or {}).items():
            if not re.fullmatch(r"[A-Z][A-Za-z0-9]*", str(ename)):
                raise _err(path, ("enums", ename), f"枚举名“{ename}”应以大写字母开头，只用字母和数字",
                           f"the enum name '{ename}' must start with a capital letter and use letters and digits only", at_key=True, code="vocabulary.name")
            if ename in RESERVED_NAMES:
                raise _err(path, ("enums", ename), f"名称“{ename}”是引擎自己的名称（engine/models），请换一个",
                           f"the name '{ename}' is the engine's own (engine/models): choose another", at_key=True, code="vocabulary.conflict")
            _check_enum(path, ("enums", ename), e)
            if ename in decl.enums and decl.enums[ename]["decl"] != e:
                raise _err(path, ("enums", ename), f"枚举“{ename}”已在 {decl.enums[ename]['file']} 中以不同方式声明",
                           f"enum '{ename}' is already declared differently in {decl.enums[ename]['file']}", at_key=True, code="vocabulary.conflict")
            decl.enums.setdefault(ename, {"decl": e, "module": MODULES[kind], "file": path})
    for path, doc in docs:
        kind = KINDS[str(doc["kind"])]
        for pname, body in _mapping(path, ("parts",), doc.get("parts") or {}).items():
            _add_model(decl, pname, body, kind, "part", path, ("parts", pname))
        for rtype, body in _mapping(path, ("records",), doc.get("records") or {}).items():
            if rtype == "*":
                _mapping(path, ("records", "*"), body)
                _add_model(decl, body.get("model", "Record"), body, kind, "record_base", path, ("records", "*"))
                decl.records.setdefault("*", body.get("model", "Record"))
                continue
            if not re.fullmatch(r"[a-z][a-z0-9_]*", str(rtype)):
                raise _err(path, ("records", rtype), "程序类型的英文名只能用小写字母、数字和下划线，以字母开头",
                           "a record type is lower-case letters, digits and _, starting with a letter", at_key=True, code="vocabulary.name")
            _mapping(path, ("records", rtype), body)
            if rtype in decl.records and decl.models[decl.records[rtype]]["decl"] != body:
                raise _err(path, ("records", rtype), f"程序类型“{rtype}”已在 {decl.models[decl.records[rtype]]['file']} 中以不同方式声明",
                           f"record type '{rtype}' is already declared differently in {decl.models[decl.records[rtype]]['file']}",
                           at_key=True, code="vocabulary.conflict")
            model = body.get("model") or "".join(w.capitalize() for w in rtype.split("_"))
            if "names" not in body:
                raise _err(path, ("records", rtype), "缺少程序的中文名称 names（如 names: [听证会, 听证]）",
                           "the record type's Chinese names (names) are missing (e.g. names: [听证会, 听证])", at_key=True, code="vocabulary.missing")
            _text_list(path, ("records", rtype, "names"), body["names"], "程序的中文名称", "the record type's Chinese names")
            if not body["names"]:
                raise _err(path, ("records", rtype, "names"), "至少给出一个中文名称", "give at least one Chinese name", code="vocabulary.value")
            _add_model(decl, model, body, kind, "record", path, ("records", rtype))
            decl.records[rtype] = model
            decl.record_kind[rtype] = kind
        if "dossier" in doc:
            body = _mapping(path, ("dossier",), doc["dossier"])
            _add_model(decl, body.get("model", "Dossier"), body, kind, "dossier", path, ("dossier",))
            decl.dossiers[kind] = body.get("model", "Dossier")
    for path, doc in docs:
        kind = KINDS[str(doc["kind"])]
        for target, body in _mapping(path, ("extend",), doc.get("extend") or {}).items():
            _check_keys(path, ("extend", target), body, {"fields"})
            model = decl.records.get(target) or (decl.dossiers.get(kind) if target == "dossier" else None) or \
                (target if target in decl.models else None)
            if model is None:
                known = [k for k in decl.records if k != "*"] + [k for k, v in decl.models.items() if v["role"] == "part"]
                raise _err(path, ("extend", target), f"没有名为“{target}”的程序类型或组成部分，可用：{'、'.join(known)}、dossier、*",
                           f"no record type or part named '{target}'; expected one of: {', '.join(known)}, dossier, *", at_key=True,
                           code="vocabulary.unknown-target")
            _add_fields(decl, model, body.get("fields") or {}, path, ("extend", target, "fields"))
    _record_names(decl)
    for name, info in decl.models.items():
        taken = decl.enums[name]["file"] if name in decl.enums else ("engine/models" if name in RESERVED_NAMES else None)
        if taken:
            w = (*info["where"], "model") if "model" in info["decl"] else info["where"]
            raise _err(info["file"], w, f"名称“{name}”已用于 {taken} 中的枚举或引擎的名称：模型名、枚举名各不相同",
                       f"the name '{name}' is already an enum's or the engine's ({taken}): model and enum names are all different",
                       code="vocabulary.conflict")
        _check_model(decl, name)
    return decl


def _record_names(decl: _Decl) -> None:
    """A Chinese name (or type value) names one record type of a kind: a second one would take it over."""
    seen: dict[tuple[str, str], str] = {}
    for rtype, model in decl.records.items():
        if rtype == "*":
            continue
        kind = decl.record_kind[rtype]
        info = decl.models[model]
        for i, n in enumerate([rtype, *info["decl"]["names"]]):
            other = seen.get((kind, str(n)))
            if other is not None and other != rtype:
                w = (*info["where"], "names", i - 1) if i else info["where"]
                raise _err(info["file"], w, f"名称“{n}”已用于程序类型“{other}”（{decl.models[decl.records[other]]['file']}）：一个名称只能指一种程序",
                           f"the name '{n}' already names the record type '{other}' ({decl.models[decl.records[other]]['file']}): a name means one record type",
                           code="vocabulary.conflict")
            seen[(kind, str(n))] = rtype


# ------------------------------------------------------------------------------ building


class Built:
    """What the declaration builds: per module, its names in declaration order, and the registries."""

    def __init__(self) -> None:
        self.names: dict[str, dict[str, Any]] = {m: {} for m in MODULES.values()}
        self.procedures: dict[str, dict[str, type]] = {k: {} for k in MODULES}  # kind → {type: record model}
        self.procedure_zh: dict[str, dict[str, tuple[str, ...]]] = {k: {} for k in MODULES}
        self.meanings: dict[str, str] = {}
        self.phrasings: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], str]]] = {}
        self.by_name: dict[str, Any] = {}  # every enum and model by its declared name


def _enum(name: str, e: dict, module: str) -> type:
    from .base import ZhEnum
    from .behaviour import BEHAVIOURS
    base = BEHAVIOURS[e["behaviour"]] if e.get("behaviour") else ZhEnum
    members = []
    for value, v in (e.get("values") or {}).items():
        v = v or {}
        members.append((str(value), (str(value), str(v.get("zh") or value), *[str(a) for a in v.get("aliases") or ()])))
    cls = base(name, members, module=module, qualname=name)
    cls.__doc__ = e.get("doc")
    return cls


def _field_spec(f: dict, types: dict[str, Any], model_of: Any) -> tuple[Any, Any]:
    from .base import Code, RequiredCode, ZhBool, ZhDate, field, zh_enum, zh_enum_list
    t, required = f["type"], bool(f.get("required"))
    zh = "|".join([f["zh"], *[str(a) for a in f.get("aliases") or ()]])
    en = str(f.get("en") or "")
    if f.get("basis"):
        en = f"{en} ({f['basis']})" if en else str(f["basis"])
    kw: dict[str, Any] = {}
    if "min" in f:
        kw["ge"] = f["min"]
    if "max" in f:
        kw["le"] = f["max"]
    if "pattern" in f:
        kw["pattern"] = f["pattern"]
    if t == "text":
        return (str if required else Optional[str]), field(zh, en, required=required, **kw)
    if t == "code":
        return (RequiredCode if required else Code), field(zh, en, required=required, **kw)
    if t == "date":
        return ZhDate, field(zh, en, required=required, **kw)
    if t == "bool":
        return ZhBool, field(zh, en, required=required, **kw)
    if t == "integer":
        return (int if required else Optional[int]), field(zh, en, required=required, **kw)
    if t == "list of text":
        return list[str], field(zh, en, default_factory=list, **kw)
    if t == "records":
        return list[types["records"]], field(zh, en, default_factory=list, **kw)
    m = re.fullmatch(r"(list of )?(enum )?(\w+)", t)
    assert m is not None
    many, is_enum, name = bool(m.group(1)), bool(m.group(2)), m.group(3)
    if is_enum:
        cls = types[name]
        return (zh_enum_list(cls), field(zh, en, default_factory=list, **kw)) if many else (zh_enum(cls), field(zh, en, required=required, **kw))
    part = model_of(name)
    if many:
        return list[part], field(zh, en, default_factory=list, **kw)
    if f.get("default") == "empty":
        return part, field(zh, en, default_factory=part, **kw)
    return (part if required else Optional[part]), field(zh, en, required=required, **kw)


def _keys(f: dict, name: str) -> tuple[str, ...]:
    return (name, f["zh"], *[str(a) for a in f.get("aliases") or ()])


def build() -> Built:
    """The enums and models of the declaration (once per process)."""
    global _built
    if _built is not None:
        return _built
    from pydantic import Discriminator, Tag, model_validator
    from . import behaviour as bh
    from .base import ZhModel

    decl = declaration()
    out = Built()
    types: dict[str, Any] = {}
    for name, e in decl.enums.items():
        types[name] = _enum(name, e["decl"], e["module"])
        out.names[e["module"]][name] = types[name]
        if e["decl"].get("phrasings"):
            out.phrasings[name] = [(tuple(p.get("contains", ())), tuple(p.get("unless", ())), str(p["means"])) for p in e["decl"]["phrasings"]]

    models: dict[str, type] = {}
    building: set[str] = set()

    def model_of(name: str) -> type:
        if name in models:
            return models[name]
        if name not in decl.models:
            raise VocabularyError("rulesets/vocabulary", name, f"未声明的组成部分或类型“{name}”", f"'{name}' is not a declared part or type")
        if name in building:
            raise VocabularyError(decl.models[name]["file"], name, f"“{name}”引用了自身", f"'{name}' refers to itself")
        building.add(name)
        info = decl.models[name]
        d, role = info["decl"], info["role"]
        if role == "record":
            base = model_of(decl.records["*"])
        elif d.get("behaviour"):
            base = bh.BEHAVIOURS[d["behaviour"]]
        else:
            base = ZhModel
        ns: dict[str, Any] = {"__module__": info["module"], "__qualname__": name, "__doc__": d.get("doc")}
        ann: dict[str, Any] = {}
        if role == "record":
            rtype = next(k for k, v in decl.records.items() if v == name and k != "*")
            ann["type"], ns["type"] = Literal[rtype], _type_field()
            if d.get("main_date"):
                ann["main_date"], ns["main_date"] = ClassVar[str], d["main_date"]
        if role == "dossier":
            kind = info["kind"]
            types["records"] = _record_union(decl, kind, model_of, out, Tag, Discriminator)
        for fname, f in info["fields"].items():
            if fname not in base.model_fields and (hasattr(base, fname) or fname.startswith("model_")):  # what _check_model missed
                raise _shadows(*decl.origin[(name, fname)], fname)
            ann[fname], ns[fname] = _field_spec(f, types, model_of)
            if f.get("meaning"):
                out.meanings[f"{name}.{fname}"] = str(f["meaning"])
        if d.get("type_meaning"):
            out.meanings["*.type"] = str(d["type_meaning"])
        ns["__annotations__"] = ann
        for i, pair in enumerate(d.get("dates_in_order") or ()):
            ns[f"_dates_in_order_{i}"] = model_validator(mode="after")(bh.dates_in_order([tuple(pair)]))
        for i, rule in enumerate(d.get("derive") or ()):
            fn = bh.DERIVATIONS[rule] if isinstance(rule, str) else bh.differs(rule["differs"], *rule["of"])
            ns[f"_derive_{i}"] = model_validator(mode="after")(fn)
        if d.get("not_performed_when"):
            ns["effective_status"] = bh.not_performed_when(d["not_performed_when"])
        if role == "dossier":
            _dossier_settings(ns, info["fields"])
            ns["_normalise"] = staticmethod(bh.normalise_type(_lookups[info["kind"]]))
        if info["kind"] != "mad":
            # another kind's models (重大执法决定) are not built for a decision check: pydantic builds a
            # model's validator when it is first used, not at import (≈ 20 ms of `juece check`)
            from pydantic import ConfigDict
            ns["model_config"] = ConfigDict(defer_build=True)
        cls = type(base)(name, (base,), ns)
        models[name] = cls
        building.discard(name)
        return cls

    _lookups.clear()
    for name in decl.models:
        model_of(name)
    for name, info in decl.models.items():
        out.names[info["module"]][name] = models[name]
    for rtype, mname in decl.records.items():
        if rtype != "*":
            kind = decl.record_kind[rtype]
            out.procedures[kind][rtype] = models[mname]
            out.procedure_zh[kind][rtype] = tuple(str(n) for n in decl.models[mname]["decl"]["names"])
    out.lookups = dict(_lookups)  # type: ignore[attr-defined]
    out.by_name = {**types, **models}
    out.by_name.pop("records", None)
    _built = out
    return out


_lookups: dict[str, dict[str, str]] = {}


def _type_field() -> Any:
    from .base import field
    return field("类型", required=True)


def _record_union(decl: _Decl, kind: str, model_of: Any, out: Built, Tag: Any, Discriminator: Any) -> Any:
    from typing import Annotated
    from . import behaviour as bh
    recs = {t: model_of(m) for t, m in decl.records.items() if t != "*" and decl.record_kind[t] == kind}
    names = {t: tuple(str(n) for n in decl.models[decl.records[t]]["decl"]["names"]) for t in recs}
    lookup = bh.type_lookup(names)
    _lookups[kind] = lookup
    return Annotated[
        Union[tuple(Annotated[cls, Tag(t)] for t, cls in recs.items())],  # type: ignore[misc]
        Discriminator(bh.procedure_tag(lookup), custom_error_type="unknown_procedure",
                      custom_error_message="unknown procedure type",
                      custom_error_context={"expected": ", ".join(f"{t} ({names[t][0]})" for t in recs)}),
    ]


def _dossier_settings(ns: dict, fields: dict[str, dict]) -> None:
    """The dossier-level validators' tables, from the declared fields (behaviour.DossierBase)."""
    split: list[str] = []
    into: list[tuple[tuple[str, ...], tuple[str, ...], str]] = []
    requires: list[tuple[str, str, str, str]] = []
    records: tuple[str, ...] = ()
    for name, f in fields.items():
        if f.get("split"):
            split += _keys(f, name)
        if f.get("list_into"):
            target = f["list_into"]
            into.append((_keys(f, name), _keys(fields[target], target), target))
        for r in f.get("requires") or ():
            requires.append((name, str(r["when"]), str(r["field"]), str(r["error"])))
        if f["type"] == "records":
            records = _keys(f, name)
    ns["_split_keys"], ns["_list_into"], ns["_requires"], ns["_record_keys"] = tuple(split), tuple(into), tuple(requires), records


# --------------------------------------------------------------------- what others read


def meanings_zh() -> dict[str, str]:
    """{Model.field (or *.type): the Chinese meaning}: the docs show it first (engine/docsgen.py)."""
    return build().meanings


def phrasings() -> dict[str, list[tuple[tuple[str, ...], tuple[str, ...], str]]]:
    """{enum name: [(contains, unless, value)]}: how people write a value beyond its names (base.alias)."""
    return build().phrasings


if os.environ.get("JUECE_VOCABULARY"):  # ruleset folders whose vocabulary a worker process must know too
    for _f in os.environ["JUECE_VOCABULARY"].split(os.pathsep):
        if _f:
            add_folder(_f)
