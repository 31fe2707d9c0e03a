"""The strict YAML (and JSON) loader every input goes through: dossiers, rulesets, audits.

`read_text` turns bytes into text (UTF-8 with or without BOM, else GB18030; files over MAX_BYTES,
binary files, folders, pipes and devices refused), `parse_yaml` turns text into objects with
libyaml's CSafeLoader behind a Python constructor that refuses what a hand-written input never
needs: duplicate keys, anchors and aliases ("billion laughs"), nesting deeper than MAX_DEPTH.
`.json` files go through `json` (~25x faster) with the same duplicate-key refusal (`json_pairs`).
Every refusal is a LoadError whose Problem has a stable code and, where the text has one,
file:line:column; nothing is ever shown as a traceback.

When a later stage finds something wrong with the objects (a schema error), `compose` builds the
node tree again and `position` finds the line and column of a path in it, so the message points
at what the user wrote. engine/core/fastyaml.py is the audit's optional fast path in front of
`parse_yaml`: the same objects, or it declines.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
from pathlib import Path
from typing import Any, Optional

import yaml

from .errors import LoadError, Problem

MAX_BYTES = 5 * 1024 * 1024  # a hand-written dossier is a few KB; 5 MB is generous
MAX_DEPTH = 40

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class StrictLoader(SafeLoader):  # type: ignore[misc,valid-type]
    """Safe loader that refuses duplicate keys and aliases (the construction is Python; parsing is C)."""

    def construct_object(self, node, deep=False):  # noqa: ANN001
        if node in self.constructed_objects or node in self.recursive_objects:
            raise Refused("load.alias", node.start_mark, "不允许使用 YAML 锚点和别名（&、*）", "YAML anchors and aliases (&, *) are not allowed")
        return super().construct_object(node, deep)

    def construct_mapping(self, node, deep=False):  # noqa: ANN001
        seen: set[str] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    raise Refused("load.duplicate-key", key_node.start_mark, f"键“{key_node.value}”重复出现",
                                   f"duplicate key '{key_node.value}'")
                seen.add(key_node.value)
        return super().construct_mapping(node, deep)


def _lenient(tag: str) -> None:
    """A scalar Python cannot build (2023-02-30, a 5,000-digit int) stays text, so the schema
    check reports it at its own line with a clear message instead of PyYAML raising ValueError."""
    base = SafeLoader.yaml_constructors[tag]

    def construct(loader, node):  # noqa: ANN001
        try:
            return base(loader, node)
        except ValueError:
            return node.value

    StrictLoader.add_constructor(tag, construct)


for _tag in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
    _lenient(_tag)


class Refused(Exception):
    def __init__(self, code: str, mark: Any, zh: str, en: str):
        self.code, self.mark, self.zh, self.en = code, mark, zh, en


def os_problem(name: str, e: OSError) -> Problem:
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
        return os_problem(name, e)
    if stat.S_ISDIR(st.st_mode):
        return Problem("load.not-a-file", name, "这是一个目录，不是案卷文件", "this is a folder, not a dossier file")
    if not stat.S_ISREG(st.st_mode):
        kind_zh, kind_en = ("命名管道", "a named pipe (FIFO)") if stat.S_ISFIFO(st.st_mode) else \
            ("套接字", "a socket") if stat.S_ISSOCK(st.st_mode) else ("设备文件", "a device file")
        return Problem("load.not-regular", name, f"这是{kind_zh}，不是普通文件，不予读取", f"this is {kind_en}, not a regular file; it is not read")
    return None


def binary_problem(name: str, data: bytes) -> Optional[Problem]:
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
            raise LoadError([os_problem(name, e)]) from None
    binary = binary_problem(name, data)
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


def depth_ok(text: str) -> bool:
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
    """Text → objects; LoadError with file:line:col. `fast`: try engine/core/fastyaml.py first (the same
    objects, or it declines and the strict loader below runs), for batch runs."""
    if not text.strip():
        raise LoadError([Problem("load.empty", name, "文件为空", "the file is empty")])
    if not depth_ok(text):
        raise LoadError([Problem("load.too-deep", name, f"嵌套层级过深（上限 {MAX_DEPTH} 层）", f"nesting too deep (limit {MAX_DEPTH} levels)")])
    if fast and not name.endswith(".json"):
        from . import fastyaml
        obj = fastyaml.parse(text)
        if obj is not None:
            return obj
    try:
        if name.endswith(".json"):
            try:
                return json.loads(text, object_pairs_hook=json_pairs, parse_constant=json_constant)
            except LoadError as e:  # a duplicate key: find the line of its second occurrence
                for p in e.problems:
                    p.file = name
                    if p.line is None and p.code == "load.duplicate-key":
                        p.line = second_occurrence_line(text, p.en.split("'")[1])
                raise
            except json.JSONDecodeError as e:
                raise LoadError([Problem("load.syntax", name, f"JSON 语法错误：{e.msg}", f"JSON syntax error: {e.msg}", e.lineno, e.colno)]) from None
        return yaml.load(text, Loader=StrictLoader)  # noqa: S506 - StrictLoader derives from (C)SafeLoader
    except Refused as r:
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


def load_file(path: Path, empty: Any = ...) -> Any:
    """A whole file through the strict loader (read_text, then parse_yaml): LoadError on any problem.
    `empty`: what an empty (or whitespace-only) file gives instead of the load.empty refusal."""
    text = read_text(Path(path))
    if empty is not ... and not text.strip():
        return empty
    return parse_yaml(text, str(path))


def second_occurrence_line(text: str, key: str) -> Optional[int]:
    needle = json.dumps(key, ensure_ascii=False) + ":"
    first = text.replace(" :", ":").find(needle)
    if first < 0:
        return None
    second = text.replace(" :", ":").find(needle, first + 1)
    return text.count("\n", 0, second) + 1 if second >= 0 else None


def json_constant(word: str) -> Any:
    raise Refused("load.syntax", None, f"JSON 中不允许 {word}（不是数值）", f"{word} is not allowed in JSON (it is not a number)")


def json_pairs(pairs: list[tuple[str, Any]]) -> dict:
    out: dict = {}
    for k, v in pairs:
        if k in out:
            raise LoadError([Problem("load.duplicate-key", "", f"键“{k}”重复出现", f"duplicate key '{k}'")])
        out[k] = v
    return out


def compose(text: str) -> Any:
    """The node tree of `text` (for `position`), or None: positions are a nicety, the messages
    stand without them."""
    try:
        return yaml.compose(text, Loader=SafeLoader)
    except Exception:  # noqa: BLE001
        return None


def key_index(node: Any) -> dict:
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


def position(node: Any, loc: list, obj: Any, at_key: bool = False) -> tuple[Optional[int], Optional[int]]:
    best = node
    for part in loc:
        nxt = None
        if isinstance(node, yaml.MappingNode):
            hit = key_index(node).get(part) if isinstance(part, (str, int)) else None
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


def json_line(text: str, loc: list) -> Optional[int]:
    last = next((p for p in reversed(loc) if isinstance(p, str)), None)
    if last is None:
        return None
    needle = json.dumps(last, ensure_ascii=False)
    for i, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return i
    return None
