"""Load: file → Dossier, or a LoadError with one clear message per problem.

Fast path (probe Q4, Q10): decode, parse with libyaml's CSafeLoader (JSON is YAML, but `.json`
files go through `json` which is ~25× faster), validate with pydantic. Only when something is
wrong is the text composed again to find the line and column of each problem.

Refused with a clear message, never a traceback: unreadable encodings (UTF-8 and GBK/GB18030 are
accepted, with or without BOM), files over MAX_BYTES, empty files, YAML syntax errors, duplicate
keys, anchors/aliases (a dossier never needs them and they make "billion laughs" bombs), nesting
deeper than MAX_DEPTH, and every schema problem pydantic finds.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import reprlib
import stat
from pathlib import Path
from typing import Any, Optional, Union

import yaml
from pydantic import BaseModel, ValidationError

from .errors import LoadError, Problem
from .models.base import ZhModel
from .models.dossier import PROCEDURES, Dossier, procedure_zh
from .models.enforcement import EnforcementDossier, dossier_model_for

MAX_BYTES = 5 * 1024 * 1024  # a hand-written dossier is a few KB; 5 MB is generous
MAX_DEPTH = 40

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_Loader):  # type: ignore[misc,valid-type]
    """Safe loader that refuses duplicate keys and aliases (the construction is Python; parsing is C)."""

    def construct_object(self, node, deep=False):  # noqa: ANN001
        if node in self.constructed_objects or node in self.recursive_objects:
            raise _Refused("load.alias", node.start_mark, "不允许使用 YAML 锚点和别名（&、*）", "YAML anchors and aliases (&, *) are not allowed")
        return super().construct_object(node, deep)

    def construct_mapping(self, node, deep=False):  # noqa: ANN001
        seen: set[str] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    raise _Refused("load.duplicate-key", key_node.start_mark, f"键“{key_node.value}”重复出现",
                                   f"duplicate key '{key_node.value}'")
                seen.add(key_node.value)
        return super().construct_mapping(node, deep)


def _lenient(tag: str) -> None:
    """A scalar Python cannot build (2023-02-30, a 5,000-digit int) stays text, so the schema
    check reports it at its own line with a clear message instead of PyYAML raising ValueError."""
    base = _Loader.yaml_constructors[tag]

    def construct(loader, node):  # noqa: ANN001
        try:
            return base(loader, node)
        except ValueError:
            return node.value

    _StrictLoader.add_constructor(tag, construct)


for _tag in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
    _lenient(_tag)


class _Refused(Exception):
    def __init__(self, code: str, mark: Any, zh: str, en: str):
        self.code, self.mark, self.zh, self.en = code, mark, zh, en


def _os_problem(name: str, e: OSError) -> Problem:
    """An OSError → a Problem with its own code: not found, permission, symlink loop, other."""
    if e.errno in (errno.EACCES, errno.EPERM):
        return Problem("load.permission", name, "没有读取该文件的权限", "permission denied: cannot read the file")
    if e.errno == errno.ELOOP:
        return Problem("load.symlink-loop", name, "符号链接循环指向自身，无法读取", "a symbolic link loop: the file cannot be reached")
    if e.errno in (errno.ENOENT, errno.ENOTDIR):
        return Problem("load.not-found", name, "无法读取：找不到该文件", "cannot read: no such file")
    return Problem("load.unreadable", name, f"无法读取文件：{e.strerror or e}", f"cannot read the file: {e.strerror or e}")


def regular_file_problem(path: Path, name: Optional[str] = None) -> Optional[Problem]:
    """Why `path` is not a regular file juece may open (None if it is one). Pipes, sockets and
    devices are refused before opening: opening a FIFO blocks until someone writes to it."""
    name = name or str(path)
    try:
        st = os.stat(path)
    except OSError as e:
        return _os_problem(name, e)
    if stat.S_ISDIR(st.st_mode):
        return Problem("load.not-a-file", name, "这是一个目录，不是案卷文件", "this is a folder, not a dossier file")
    if not stat.S_ISREG(st.st_mode):
        kind_zh, kind_en = ("命名管道", "a named pipe (FIFO)") if stat.S_ISFIFO(st.st_mode) else \
            ("套接字", "a socket") if stat.S_ISSOCK(st.st_mode) else ("设备文件", "a device file")
        return Problem("load.not-regular", name, f"这是{kind_zh}，不是普通文件，不予读取", f"this is {kind_en}, not a regular file; it is not read")
    return None


def _binary_problem(name: str, data: bytes) -> Optional[Problem]:
    """A spreadsheet, a Word file or other binary data given as a dossier: say what it is."""
    head = data[:8]
    if head.startswith(b"PK\x03\x04"):
        if b"xl/" in data[:4096] or name.lower().endswith((".xlsx", ".xlsm")):
            return Problem("load.ledger", name,
                           "这是 Excel 台账（.xlsx），不是案卷文件。台账由 juece audit 逐行读取：juece audit 台账.xlsx --out 输出目录"
                           "（列对照见 docs/audit.md，可用 --mapping 指定）",
                           "this is an Excel ledger (.xlsx), not a dossier file. Ledgers are read row by row by juece audit: "
                           "juece audit ledger.xlsx --out OUTPUT-FOLDER (columns: docs/audit.md; --mapping to map your own)")
        if b"word/" in data[:4096] or name.lower().endswith(".docx"):
            return Problem("load.binary", name, "这是 Word 文档（.docx），不是案卷文件；请按 docs/dossier-format.md 写成 YAML 案卷",
                           "this is a Word document (.docx), not a dossier file; write the dossier as YAML (docs/dossier-format.md)")
        return Problem("load.binary", name, "这是压缩文件（zip），不是案卷文件", "this is a zip archive, not a dossier file")
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return Problem("load.ledger", name, "这是旧版 Office 文件（.xls/.doc）。台账请另存为 .xlsx 后用 juece audit 台账.xlsx --out 输出目录 读取",
                       "this is an old Office file (.xls/.doc). Save a ledger as .xlsx and read it with juece audit ledger.xlsx --out OUTPUT-FOLDER")
    if head.startswith(b"%PDF"):
        return Problem("load.binary", name, "这是 PDF 文件，不是案卷文件；请按 docs/dossier-format.md 写成 YAML 案卷",
                       "this is a PDF file, not a dossier file; write the dossier as YAML (docs/dossier-format.md)")
    return None


def read_text(path: Path, data: Optional[bytes] = None) -> str:
    """Bytes → text: UTF-8 (BOM or not), else GB18030 (a superset of GBK and GB2312)."""
    name = str(path)
    if data is None:
        bad = regular_file_problem(path, name)
        if bad is not None:
            raise LoadError([bad])
        size = os.stat(path).st_size
        if size > MAX_BYTES:
            raise LoadError([Problem("load.too-large", name, f"文件过大（{size / 1048576:.1f} MB，上限 {MAX_BYTES // 1048576} MB）",
                                     f"file too large ({size / 1048576:.1f} MB; the limit is {MAX_BYTES // 1048576} MB)")])
        try:
            with open(path, "rb") as f:
                data = f.read(MAX_BYTES + 1)  # a file that grows while read is still capped
        except OSError as e:
            raise LoadError([_os_problem(name, e)]) from None
    binary = _binary_problem(name, data)
    if binary is not None:
        raise LoadError([binary])
    if len(data) > MAX_BYTES:
        raise LoadError([Problem("load.too-large", name, "文件过大", "file too large")])
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as e:
        raise LoadError([Problem("load.encoding", name, "文件编码无法识别（支持 UTF-8、GBK/GB18030）",
                                 f"unreadable encoding at byte {e.start} (UTF-8 and GBK/GB18030 are supported)")]) from None


_STRUCT = re.compile(r"""[\[\]{}"']""")
_COMPACT = re.compile(r"^[ \t]*(?:-[ \t]+){%d,}" % (MAX_DEPTH // 2), re.M)


def _depth_ok(text: str) -> bool:
    """Cheap guard before parsing: deeply nested YAML is refused, not recursed into.

    Flow nesting is counted on bracket characters only (skipping quoted strings), block nesting
    by indentation, and compact sequences ("- - - x") by their dashes; all at C speed.
    """
    if text.count("[") + text.count("{") > MAX_DEPTH:
        depth = best = 0
        quote = None
        for m in _STRUCT.finditer(text):
            ch = m.group()
            if quote:
                if ch == quote:
                    quote = None
            elif ch in "\"'":
                quote = ch
            elif ch in "[{":
                depth += 1
                best = max(best, depth)
            else:
                depth -= 1
        if best > MAX_DEPTH:
            return False
    if _COMPACT.search(text):
        return False
    if " " * (MAX_DEPTH * 8 + 1) not in text:  # no line can be indented deeper than the limit
        return True
    widest = max((len(line) - len(line.lstrip(" ")) for line in text.splitlines() if line.strip()), default=0)
    return widest <= MAX_DEPTH * 8


def parse_yaml(text: str, name: str, fast: bool = False) -> Any:
    """Text → objects; LoadError with file:line:col. `fast`: try engine/fastyaml.py first (the same
    objects, or it declines and the strict loader below runs), for batch runs."""
    if not text.strip():
        raise LoadError([Problem("load.empty", name, "文件为空", "the file is empty")])
    if not _depth_ok(text):
        raise LoadError([Problem("load.too-deep", name, f"嵌套层级过深（上限 {MAX_DEPTH} 层）", f"nesting too deep (limit {MAX_DEPTH} levels)")])
    if fast and not name.endswith(".json"):
        from . import fastyaml
        obj = fastyaml.parse(text)
        if obj is not None:
            return obj
    try:
        if name.endswith(".json"):
            try:
                return json.loads(text, object_pairs_hook=_json_pairs, parse_constant=_json_constant)
            except LoadError as e:  # a duplicate key: find the line of its second occurrence
                for p in e.problems:
                    p.file = name
                    if p.line is None and p.code == "load.duplicate-key":
                        p.line = _second_occurrence_line(text, p.en.split("'")[1])
                raise
            except json.JSONDecodeError as e:
                raise LoadError([Problem("load.syntax", name, f"JSON 语法错误：{e.msg}", f"JSON syntax error: {e.msg}", e.lineno, e.colno)]) from None
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - _StrictLoader derives from (C)SafeLoader
    except _Refused as r:
        raise LoadError([Problem(r.code, name, r.zh, r.en, r.mark.line + 1 if r.mark else None,
                                 r.mark.column + 1 if r.mark else None)]) from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        raise LoadError([Problem("load.syntax", name, f"YAML 语法错误：{e.problem or e.context}", f"YAML syntax error: {e.problem or e.context}",
                                 mark.line + 1 if mark else None, mark.column + 1 if mark else None)]) from None
    except yaml.reader.ReaderError as e:  # a control character the YAML spec forbids
        before = text.encode("utf-8")[: e.position].decode("utf-8", "ignore")  # libyaml counts bytes
        line = before.count("\n") + 1
        col = len(before) - (before.rfind("\n") + 1) + 1
        char = f"#x{e.character:04x}" if isinstance(e.character, int) else repr(e.character)
        raise LoadError([Problem("load.syntax", name, f"文件含有不允许的控制字符（{char}）", f"the file contains a control character YAML does not allow ({char})",
                                 line, col)]) from None
    except yaml.YAMLError as e:
        raise LoadError([Problem("load.syntax", name, f"YAML 错误：{e}", f"YAML error: {e}")]) from None
    except RecursionError:
        raise LoadError([Problem("load.too-deep", name, "嵌套层级过深", "nesting too deep")]) from None
    except ValueError as e:  # a scalar libyaml accepted but Python cannot build
        if "digits" in str(e):  # int('9' * 5000): Python's own limit, with a hint meant for programmers
            raise LoadError([Problem("load.number-too-large", name, "数值过大（整数不能超过 4300 位）",
                                     "number too large (an integer may have at most 4,300 digits)")]) from None
        raise LoadError([Problem("load.syntax", name, f"无法解析的取值：{e}", f"value cannot be read: {e}")]) from None


def _second_occurrence_line(text: str, key: str) -> Optional[int]:
    needle = json.dumps(key, ensure_ascii=False) + ":"
    first = text.replace(" :", ":").find(needle)
    if first < 0:
        return None
    second = text.replace(" :", ":").find(needle, first + 1)
    return text.count("\n", 0, second) + 1 if second >= 0 else None


def _json_constant(word: str) -> Any:
    raise _Refused("load.syntax", None, f"JSON 中不允许 {word}（不是数值）", f"{word} is not allowed in JSON (it is not a number)")


def _json_pairs(pairs: list[tuple[str, Any]]) -> dict:
    out: dict = {}
    for k, v in pairs:
        if k in out:
            raise LoadError([Problem("load.duplicate-key", "", f"键“{k}”重复出现", f"duplicate key '{k}'")])
        out[k] = v
    return out


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Loaded(BaseModel):
    """A dossier with where it came from (for the run manifest)."""

    model_config = {"arbitrary_types_allowed": True}
    dossier: Union[Dossier, EnforcementDossier]
    file: str
    sha256: str


def load_dossier(path: Path | str, data: Optional[bytes] = None, name: Optional[str] = None, fast: bool = False) -> Loaded:
    """Read one dossier file. Raises LoadError with every problem found.

    `fast` (the audit): parse with engine/fastyaml.py where it vouches for the result; any error is
    then reported from the strict loader's reading, exactly as without it."""
    path = Path(path)
    name = name or str(path)
    if data is None:
        text = read_text(path)
        raw = text.encode("utf-8")
    else:
        text = read_text(path, data)
        raw = data
    try:
        obj = parse_yaml(text, name, fast)
        try:
            dossier = validate(obj, text, name)
        except LoadError:
            if not fast:
                raise
            dossier = validate(parse_yaml(text, name), text, name)  # the errors as the strict loader's objects give them
    except LoadError as e:
        for p in e.problems:
            p.file = p.file or name
        raise
    return Loaded(dossier=dossier, file=name, sha256=sha256(raw))


def validate(obj: Any, text: str, name: str) -> Union[Dossier, EnforcementDossier]:
    if not isinstance(obj, dict):
        raise LoadError([Problem("load.not-a-mapping", name, "案卷应当是键值对（YAML 映射或 JSON 对象）",
                                 "a dossier must be a mapping (YAML mapping or JSON object)", 1, 1)])
    try:
        return dossier_model_for(obj).model_validate(obj)  # the kind (案卷类型) chooses the model
    except ValidationError as e:
        raise LoadError(explain(e, obj, text, name)) from None
    except RecursionError:
        raise LoadError([Problem("load.too-deep", name, "嵌套层级过深", "nesting too deep")]) from None


# ----------------------------------------------------------------------- error explanation

_KIND_ZH = {"procedures": "程序", "triggers": "情形", "catalog": "决策事项目录", "experts": "专家", "waivers": "豁免"}


def explain(err: ValidationError, obj: Any, text: str, name: str) -> list[Problem]:
    """pydantic errors → Problems with line:column (found by composing the text again)."""
    root = None
    if not name.endswith(".json"):
        try:
            root = yaml.compose(text, Loader=_Loader)
        except Exception:  # noqa: BLE001 - positions are a nicety; the messages stand without them
            root = None
    problems = []
    for e in err.errors(include_url=False):
        loc = _data_loc(e["loc"], obj)
        code = f"load.schema.{e['type']}"
        zh = en = None
        msg = str((e.get("ctx") or {}).get("error", ""))
        if msg.startswith("duplicate_key:"):
            _, first, second = msg.split(":", 2)
            loc = loc + [second]
            code = "load.duplicate-key"
            zh, en = f"“{second}”与“{first}”是同一字段，只能写一次", f"'{second}' and '{first}' are the same field; give it once"
        elif msg.startswith("end_before_start:"):
            _, end, start = msg.split(":")
            rec = _walk(obj, loc)
            end_key, start_key = _key_for(rec, end), _key_for(rec, start)
            loc = loc + [end_key]
            zh = f"“{end_key}”（{rec.get(end_key)}）早于“{start_key}”（{rec.get(start_key)}）"
            en = f"{end} ({rec.get(end_key)}) is before {start} ({rec.get(start_key)})"
        line, col = _position(root, loc, obj, at_key=e["type"] in ("extra_forbidden",) or code == "load.duplicate-key") \
            if root is not None else (_json_line(text, loc), None)
        fzh, fen = _field_names(loc, obj)
        if zh is None:
            zh, en = _message(e)
            if e["type"] == "extra_forbidden" and loc:
                near = _did_you_mean(loc[-1], _model_at(loc[:-1], obj))
                if near:
                    zh = f"未知字段，是不是要写“{near}”？（参见 docs/dossier-format.md）"
                    en = f"unknown field; did you mean '{near}'? (see docs/dossier-format.md)"
        problems.append(Problem(code, name, zh, en, line, col, fzh, fen))
    return problems


def _walk(obj: Any, loc: list) -> dict:
    cur = obj
    for part in loc:
        try:
            cur = cur[part]
        except (KeyError, IndexError, TypeError):
            return {}
    return cur if isinstance(cur, dict) else {}


def _key_for(rec: dict, en: str) -> str:
    """The key the user wrote for English field `en` (it may be a Chinese alias)."""
    if en in rec:
        return en
    for k in rec:
        for model in _all_models():
            if model._zh_to_en.get(k) == en and en in model.model_fields:
                return k
    return en


def _data_loc(loc: tuple, obj: Any) -> list:
    """Drop the parts pydantic adds that are not in the data (union tags, validator names)."""
    out, cur = [], obj
    for part in loc:
        if isinstance(cur, dict):
            k = _find_key(cur, part)
            if k is None:
                if isinstance(part, str) and part in PROCEDURES:
                    continue  # discriminated-union tag
                out.append(part)
                cur = None
                continue
            out.append(k)
            cur = cur[k]
        elif isinstance(cur, list) and isinstance(part, int) and part < len(cur):
            out.append(part)
            cur = cur[part]
        elif isinstance(part, str) and part in PROCEDURES:
            continue
        else:
            out.append(part)
            cur = None
    return out


def _find_key(d: dict, part: Any) -> Any:
    if part in d:
        return part
    for k in d:  # a Chinese key that was renamed to `part`
        for model in _all_models():
            if model._zh_to_en.get(k) == part:
                return k
    return None


def _all_models() -> list[type[ZhModel]]:
    from .models import dossier as m, enforcement as e
    return [v for mod in (m, e) for v in vars(mod).values() if isinstance(v, type) and issubclass(v, ZhModel)]


def _key_index(node: Any) -> dict:
    """{key text: (key node, value node)} of a mapping node, first occurrence first: built once per
    node, so placing 20,000 errors in one mapping is linear, not quadratic."""
    idx = getattr(node, "_juece_keys", None)
    if idx is None:
        idx = {}
        for k, v in node.value:
            if isinstance(k.value, str):  # a complex key (a mapping or list) never equals a field name
                idx.setdefault(k.value, (k, v))
        node._juece_keys = idx
    return idx


def _position(node: Any, loc: list, obj: Any, at_key: bool = False) -> tuple[Optional[int], Optional[int]]:
    best = node
    for part in loc:
        nxt = None
        if isinstance(node, yaml.MappingNode):
            hit = _key_index(node).get(part) if isinstance(part, (str, int)) else None
            if hit is not None:
                best, nxt = hit  # point at the key: that is what the user reads
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            nxt = best = node.value[part]
        if nxt is None:
            break
        node = nxt
    if not at_key and isinstance(best, yaml.Node) and isinstance(node, yaml.ScalarNode) and node is not best:
        best = node  # for a bad value, point at the value; for an unknown key, at the key
    return best.start_mark.line + 1, best.start_mark.column + 1


def _json_line(text: str, loc: list) -> Optional[int]:
    last = next((p for p in reversed(loc) if isinstance(p, str)), None)
    if last is None:
        return None
    needle = json.dumps(last, ensure_ascii=False)
    for i, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return i
    return None


def _field_names(loc: list, obj: Any) -> tuple[str, str]:
    zh_parts, en_parts = [], []
    cur: Any = obj
    model: Any = dossier_model_for(obj)
    for part in loc:
        if isinstance(part, int):
            zh_parts.append(f"[{part + 1}]")
            en_parts.append(f"[{part}]")
            cur = cur[part] if isinstance(cur, list) and part < len(cur) else None
            if isinstance(cur, dict):
                t = cur.get("type", cur.get("类型"))
                from .models import dossier as _d, enforcement as _e
                lookup = _e.TYPE_LOOKUP if dossier_model_for(obj) is EnforcementDossier else _d.TYPE_LOOKUP
                proc = lookup.get(str(t)) if t is not None else None
                if proc:
                    model = PROCEDURES[proc]
                    zh_parts.append(f"（{procedure_zh(proc)}）")
            continue
        en = model._zh_to_en.get(part, part) if isinstance(model, type) and issubclass(model, ZhModel) else part
        zh = model.zh_name(en) if isinstance(model, type) and issubclass(model, ZhModel) and en in model.model_fields else str(part)
        zh_parts.append(("." if zh_parts and not zh_parts[-1].endswith("）") and not zh_parts[-1].endswith("]") else ("." if zh_parts else "")) + zh)
        en_parts.append(("." if en_parts else "") + str(en))
        sub = model.model_fields.get(en) if isinstance(model, type) and issubclass(model, ZhModel) else None
        model = _submodel(sub.annotation) if sub else None
        cur = cur.get(part) if isinstance(cur, dict) else None
    return "".join(zh_parts), "".join(en_parts)


def _model_at(loc: list, obj: Any) -> Any:
    """The model that reads the mapping at `loc` (a procedure record's model by its 类型)."""
    from .models.dossier import TYPE_LOOKUP
    model: Any = Dossier
    cur: Any = obj
    for part in loc:
        if isinstance(part, int):
            cur = cur[part] if isinstance(cur, list) and part < len(cur) else None
            if isinstance(cur, dict):
                t = cur.get("type", cur.get("类型"))
                proc = TYPE_LOOKUP.get(str(t)) if t is not None else None
                if proc:
                    model = PROCEDURES[proc]
            continue
        if not (isinstance(model, type) and issubclass(model, ZhModel)):
            return None
        en = model._zh_to_en.get(part, part)
        sub = model.model_fields.get(en)
        model = _submodel(sub.annotation) if sub else None
        cur = cur.get(part) if isinstance(cur, dict) else None
    return model


def _submodel(annotation: Any) -> Any:
    from .models.base import unwrap
    import typing
    t = unwrap(annotation)
    if typing.get_origin(t) is list:
        t = unwrap(typing.get_args(t)[0])
    return t if isinstance(t, type) and issubclass(t, ZhModel) else None


def _message(e: dict) -> tuple[str, str]:
    t, ctx, inp = e["type"], e.get("ctx") or {}, e.get("input")
    shown = _short.repr(inp) if not isinstance(inp, (dict, list)) else type(inp).__name__
    if t == "missing":
        return "缺少必填字段", "required field is missing"
    if t == "extra_forbidden":
        return "未知字段（请检查拼写，或参见 docs/dossier-format.md）", "unknown field (check the spelling; see docs/dossier-format.md)"
    if t == "unknown_procedure" and isinstance(inp, dict) and "type" not in inp and "类型" not in inp:
        return "程序记录缺少“类型”（如 类型: 合法性审查）", "a procedure record needs a type (类型), e.g. type: legality_review"
    if t == "unknown_procedure":
        return (f"未知的程序类型 {_type_of(inp)}；可用：{ctx.get('expected', '')}", f"unknown procedure type {_type_of(inp)}; expected one of: {ctx.get('expected', '')}")
    if t in ("enum", "literal_error"):
        return f"取值 {shown} 无效，应为：{_enum_zh(ctx.get('expected', ''))}", f"invalid value {shown}; expected {ctx.get('expected', '')}"
    if t == "value_error":
        msg = str(ctx.get("error", e.get("msg", "")))
        if msg.startswith("bool:"):
            return f"{msg[5:]} 不是是/否值（可写 是/否、有/无、true/false）", f"{msg[5:]} is not a yes/no value (是/否, 有/无, true/false)"
        if msg.startswith("date_range:"):
            return f"日期 {msg[11:]} 不存在", f"date {msg[11:]} does not exist"
        if msg.startswith("date:"):
            return f"{msg[5:]} 不是日期（应写作 2023-05-01 或 2023年5月1日）", f"{msg[5:]} is not a date (write 2023-05-01 or 2023年5月1日)"
        if msg == "other_law_needs_basis":
            return ("排除情形为“法律行政法规另有规定”时，须载明“特别程序依据”：哪部法律或行政法规的哪一条规定了该事项的决策程序（条例第三条第二款）",
                    "exclusion other_law needs special_procedure_basis (特别程序依据): which law or administrative regulation, and which article, sets this decision's procedure (Art. 3 para. 2)")
        if msg.startswith("end_before_start:"):
            _, end, start = msg.split(":")
            return f"结束日期（{end}）早于开始日期（{start}）", f"end date ({end}) is before start date ({start})"
        return f"取值无效：{msg}", f"invalid value: {msg}"
    if t in ("string_type", "str_type"):
        return f"应为文字，实际为 {shown}", f"expected text, got {shown}"
    if t in ("int_parsing", "int_type", "int_from_float"):
        return f"应为整数，实际为 {shown}", f"expected a whole number, got {shown}"
    if t in ("list_type",):
        return f"应为列表（- 开头的多行），实际为 {shown}", f"expected a list, got {shown}"
    if t in ("model_type", "model_attributes_type", "dict_type"):
        return f"应为键值对，实际为 {shown}", f"expected a mapping, got {shown}"
    if t in ("bool_type", "bool_parsing"):
        return f"应为是/否，实际为 {shown}", f"expected yes/no, got {shown}"
    if t in ("date_type", "date_parsing", "date_from_datetime_parsing"):
        return f"应为日期（2023-05-01 或 2023年5月1日），实际为 {shown}", f"expected a date (2023-05-01 or 2023年5月1日), got {shown}"
    if t == "string_pattern_mismatch":
        return f"格式不符：{shown}（行政区划代码应为数字，如 640425）", f"wrong format: {shown} (an administrative division code is digits, e.g. 640425)"
    if t in ("greater_than_equal", "greater_than"):
        return f"取值 {shown} 过小（应 ≥ {ctx.get('ge', ctx.get('gt'))}）", f"value {shown} too small (must be ≥ {ctx.get('ge', ctx.get('gt'))})"
    if t == "union_tag_not_found":
        return "程序记录缺少“类型”", "a procedure record needs a `type` (类型)"
    return f"取值无效：{e.get('msg')}", f"invalid value: {e.get('msg')}"


_short = reprlib.Repr()
_short.maxstring, _short.maxother, _short.maxlevel = 60, 60, 2


def _type_of(inp: Any) -> str:
    if isinstance(inp, dict):
        return _short.repr(inp.get("type", inp.get("类型")))
    return _short.repr(inp)


def _enum_zh(expected: str) -> str:
    """pydantic's "'standing', 'plenary' or 'other'" in the dossier's words: 常务会议、全体会议或其他会议.
    The enum is the one whose values are exactly those expected (`other` is 其他会议 for a meeting
    and 其他途径 for a channel: an error never offers a word the field then refuses)."""
    from .models import dossier as m, enforcement as e
    wanted = re.findall(r"'([^']*)'", expected)
    for v in [*vars(m).values(), *vars(e).values()]:
        if isinstance(v, type) and issubclass(v, m.ZhEnum) and v is not m.ZhEnum and sorted(x.value for x in v) == sorted(wanted):
            return "、".join(f"{v(x).zh}（{x}）" for x in wanted)
    return expected.replace(" or ", " 或 ")


def _did_you_mean(key: Any, model: Any) -> str:
    """The nearest key the model accepts (Chinese or English), for an unknown key: 公布起草说明 → 公布说明."""
    if not isinstance(key, str) or not (isinstance(model, type) and issubclass(model, ZhModel)):
        return ""
    names = list(model._zh_to_en) + list(model.model_fields)
    try:
        from rapidfuzz import fuzz, process
        hit = process.extractOne(key, names, scorer=fuzz.ratio, score_cutoff=60)
        best = hit[0] if hit else None
    except ImportError:  # pragma: no cover
        import difflib
        close = difflib.get_close_matches(key, names, n=1, cutoff=0.6)
        best = close[0] if close else None
    return best or ""


def iter_paths(inputs: list[str]) -> list[Path]:
    """Expand directories (recursively, in sorted order) to their dossier files; keep files as given.
    Hidden folders (.git, .venv) are not walked; pipes and devices are listed and refused by read_text."""
    out: list[Path] = []
    for raw in inputs:
        p = Path(raw)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if f.endswith((".yaml", ".yml", ".json")) and not f.endswith((".expected.yaml", ".expected.json")):
                        out.append(Path(root) / f)
        else:
            out.append(p)
    return out
