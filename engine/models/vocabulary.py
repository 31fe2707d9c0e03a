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

_extra_folders: list[Path] = []
_built: Optional["Built"] = None


class VocabularyError(Exception):
    """A vocabulary file that cannot be used: where (file, key path) and what, in Chinese and English."""

    def __init__(self, file: str, where: str, zh: str, en: str, line: Optional[int] = None) -> None:
        self.file, self.where, self.zh, self.en, self.line = file, where, zh, en, line
        at = f"{file}:{line}" if line else file
        super().__init__(f"{at}: {where}: {zh} / {en}")

    def text(self, lang: str = "zh") -> str:
        at = f"{self.file}:{self.line}" if self.line else self.file
        return f"{at}：{self.where}：{self.zh}" if lang == "zh" else f"{at}: {self.where}: {self.en}"


# ------------------------------------------------------------------------------ the files


def add_folder(folder: str | Path) -> None:
    """Declare the facts of a ruleset folder outside rulesets/ (its vocabulary.yaml), before the models are built."""
    path = Path(folder).resolve()
    if not (path / EXTENSION).is_file() or path in _extra_folders or _is_found(path / EXTENSION):
        return
    if _built is not None:
        raise VocabularyError(str(path / EXTENSION), "vocabulary", "该规则集目录声明了新的事实，但案卷模型已经建立：请在命令开始时给出 --ruleset",
                              "this ruleset folder declares new facts, but the dossier models are already built: give --ruleset when the command starts")
    _extra_folders.append(path)
    files.cache_clear()


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
def _read() -> tuple[str, tuple[tuple[str, Any], ...]]:
    """(digest of every file, ((path, parsed declaration), ...)): from the cache when the files are unchanged."""
    from ..core import cache
    paths = files()
    data = []
    for p in paths:
        try:
            data.append(p.read_bytes())
        except OSError as e:
            raise VocabularyError(str(p), "vocabulary", f"无法读取词汇文件：{e.strerror}", f"cannot read the vocabulary file: {e.strerror}") from None
    h = hashlib.sha256(FORMAT.encode() + b"\0")
    for p, d in zip(paths, data):
        h.update(str(p).encode() + b"\0" + len(d).to_bytes(8, "little") + d)
    digest = h.hexdigest()
    name = f"vocabulary-{digest}"
    hit = cache.get(name)
    if isinstance(hit, list) and len(hit) == len(paths) and all(isinstance(x, dict) for x in hit):
        return digest, tuple((str(p), x) for p, x in zip(paths, hit))
    import yaml

    from ..core.yamlload import SafeLoader as loader  # the strict loader's libyaml base (vocabulary files are the engine's own)
    out = []
    for p, d in zip(paths, data):
        try:
            obj = yaml.load(d.decode("utf-8"), Loader=loader)  # noqa: S506 - a safe loader
        except (yaml.YAMLError, UnicodeDecodeError) as e:
            mark = getattr(e, "problem_mark", None)
            raise VocabularyError(str(p), "vocabulary", f"不是有效的 YAML：{getattr(e, 'problem', e)}", f"not valid YAML: {getattr(e, 'problem', e)}",
                                  line=mark.line + 1 if mark is not None else None) from None
        if not isinstance(obj, dict):
            raise VocabularyError(str(p), "vocabulary", "词汇文件应为键值映射", "a vocabulary file must be a mapping")
        out.append(obj)
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
        self.origin: dict[tuple[str, str], str] = {}  # (model, field) → file that declared it


def _line(path: str, key: str) -> Optional[int]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError:
        return None
    m = re.search(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*:", text, re.M)
    return text.count("\n", 0, m.start()) + 1 if m else None


def _err(path: str, where: str, zh: str, en: str) -> VocabularyError:
    return VocabularyError(path, where, zh, en, line=_line(path, where.split(".")[-1]))


def _check_keys(path: str, where: str, obj: Any, allowed: set[str]) -> dict:
    if not isinstance(obj, dict):
        raise _err(path, where, "应为键值映射", "must be a mapping")
    for k in obj:
        if k not in allowed:
            raise _err(path, f"{where}.{k}", f"未知的键“{k}”，可用：{'、'.join(sorted(allowed))}",
                       f"unknown key '{k}'; use one of: {', '.join(sorted(allowed))}")
    return obj


def _type_ok(decl: _Decl, t: Any) -> bool:
    if not isinstance(t, str):
        return False
    if t in SCALARS or t == "list of text":
        return True
    m = re.fullmatch(r"(list of )?(enum )?([A-Za-z_][A-Za-z0-9_]*)", t)
    if not m:
        return False
    return (m.group(3) in decl.enums) if m.group(2) else True  # a part is checked when the models are built


def _add_fields(decl: _Decl, model: str, fields: Any, path: str, where: str) -> None:
    target = decl.models[model]["fields"]
    for name, f in _check_keys(path, where, fields, set(fields) if isinstance(fields, dict) else set()).items():
        w = f"{where}.{name}"
        if not re.fullmatch(r"[a-z][a-z0-9_]*", str(name)):
            raise _err(path, w, "字段的英文键名只能用小写字母、数字和下划线", "a field's English key is lower case letters, digits and _")
        _check_keys(path, w, f, FIELD_KEYS)
        if not isinstance(f.get("zh"), str) or not f["zh"].strip():
            raise _err(path, w, "缺少中文键名 zh", "the Chinese key (zh) is missing")
        if "type" not in f or not _type_ok(decl, f["type"]):
            raise _err(path, f"{w}.type", f"未知的类型“{f.get('type')}”，可用：{'、'.join(SCALARS)}、list of text、enum 枚举名、list of enum 枚举名、组成部分名、list of 组成部分名",
                       f"unknown type '{f.get('type')}'; use one of: {', '.join(SCALARS)}, list of text, enum NAME, list of enum NAME, PART, list of PART")
        if name in target:
            if target[name] != f:
                raise _err(path, w, f"字段“{name}”已在 {decl.origin[(model, name)]} 中以不同方式声明",
                           f"field '{name}' is already declared differently in {decl.origin[(model, name)]}")
            continue
        target[name] = f
        decl.origin[(model, name)] = path


def _add_model(decl: _Decl, name: str, body: dict, kind: str, role: str, path: str, where: str) -> None:
    _check_keys(path, where, body, MODEL_KEYS)
    if name in decl.models:
        old = decl.models[name]
        if old["decl"] != body:
            raise _err(path, where, f"“{name}”已在 {old['file']} 中以不同方式声明", f"'{name}' is already declared differently in {old['file']}")
        return
    decl.models[name] = {"decl": body, "fields": {}, "module": MODULES[kind], "role": role, "file": path, "kind": kind}
    _add_fields(decl, name, body.get("fields") or {}, path, f"{where}.fields")


def declaration() -> _Decl:
    """Every file merged (validated as it is merged)."""
    decl = _Decl()
    docs = _read()[1]
    for path, doc in docs:  # enums first: fields name them
        _check_keys(path, "vocabulary", doc, TOP_KEYS)
        kind = KINDS.get(str(doc.get("kind", "")))
        if kind is None:
            raise _err(path, "kind", f"kind 应为 {'、'.join(KINDS)} 之一", f"kind must be one of: {', '.join(KINDS)}")
        for ename, e in (doc.get("enums") or {}).items():
            _check_keys(path, f"enums.{ename}", e, {"doc", "values", "phrasings", "behaviour"})
            for value in (e.get("values") or {}):
                if not isinstance(value, str):  # `yes:` / `no:` unquoted are YAML booleans
                    raise _err(path, f"enums.{ename}.values", f"取值“{value}”应加引号（如 'yes'）", f"quote the value '{value}' (e.g. 'yes')")
            if ename in decl.enums and decl.enums[ename]["decl"] != e:
                raise _err(path, f"enums.{ename}", f"枚举“{ename}”已以不同方式声明", f"enum '{ename}' is already declared differently")
            decl.enums.setdefault(ename, {"decl": e, "module": MODULES[kind]})
    for path, doc in docs:
        kind = KINDS[str(doc["kind"])]
        for pname, body in (doc.get("parts") or {}).items():
            _add_model(decl, pname, body, kind, "part", path, f"parts.{pname}")
        for rtype, body in (doc.get("records") or {}).items():
            if rtype == "*":
                _add_model(decl, body.get("model", "Record"), body, kind, "record_base", path, "records.*")
                decl.records.setdefault("*", body.get("model", "Record"))
                continue
            if not re.fullmatch(r"[a-z][a-z0-9_]*", str(rtype)):
                raise _err(path, f"records.{rtype}", "程序类型的英文名只能用小写字母、数字和下划线", "a record type is lower case letters, digits and _")
            if rtype in decl.records and decl.models[decl.records[rtype]]["decl"] != body:
                raise _err(path, f"records.{rtype}", f"程序类型“{rtype}”已在 {decl.models[decl.records[rtype]]['file']} 中声明",
                           f"record type '{rtype}' is already declared in {decl.models[decl.records[rtype]]['file']}")
            model = body.get("model") or "".join(w.capitalize() for w in rtype.split("_"))
            if not isinstance(body.get("names"), list) or not body["names"]:
                raise _err(path, f"records.{rtype}.names", "缺少程序的中文名称 names", "the record type's Chinese names (names) are missing")
            _add_model(decl, model, body, kind, "record", path, f"records.{rtype}")
            decl.records[rtype] = model
            decl.record_kind[rtype] = kind
        if "dossier" in doc:
            body = doc["dossier"]
            _add_model(decl, body.get("model", "Dossier"), body, kind, "dossier", path, "dossier")
            decl.dossiers[kind] = body.get("model", "Dossier")
    for path, doc in docs:
        kind = KINDS[str(doc["kind"])]
        for target, body in (doc.get("extend") or {}).items():
            _check_keys(path, f"extend.{target}", body, {"fields"})
            model = decl.records.get(target) or (decl.dossiers.get(kind) if target == "dossier" else None) or \
                (target if target in decl.models else None)
            if model is None:
                known = [k for k in decl.records if k != "*"] + [k for k, v in decl.models.items() if v["role"] == "part"]
                raise _err(path, f"extend.{target}", f"没有名为“{target}”的程序类型或组成部分，可用：{'、'.join(known)}、dossier",
                           f"no record type or part named '{target}'; use one of: {', '.join(known)}, dossier")
            _add_fields(decl, model, body.get("fields") or {}, path, f"extend.{target}.fields")
    return decl


# ------------------------------------------------------------------------------ building


class Built:
    """What the declaration builds: per module, its names in declaration order, and the registries."""

    def __init__(self) -> None:
        self.names: dict[str, dict[str, Any]] = {m: {} for m in MODULES.values()}
        self.procedures: dict[str, dict[str, type]] = {k: {} for k in MODULES}  # kind → {type: record model}
        self.procedure_zh: dict[str, dict[str, tuple[str, ...]]] = {k: {} for k in MODULES}
        self.meanings: dict[str, str] = {}
        self.phrasings: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], str]]] = {}


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
