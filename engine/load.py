"""Load: file → Dossier, or a LoadError with one clear message per problem.

Fast path (probe Q4, Q10): decode and parse with the strict loader (engine/core/yamlload.py:
libyaml's CSafeLoader; `.json` files go through `json`, ~25× faster), validate with pydantic.
Only when something is wrong is the text composed again to find the line and column of each problem.

Refused with a clear message, never a traceback: everything the strict loader refuses (unreadable
encodings, files over MAX_BYTES, empty files, YAML syntax errors, duplicate keys, anchors/aliases,
nesting deeper than MAX_DEPTH), and every schema problem pydantic finds.
"""

from __future__ import annotations

import hashlib
import os
import re
import reprlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Union

from pydantic import ValidationError

from .core.errors import LoadError, Problem
from .core.yamlload import compose, json_line, parse_yaml, position, read_text
from .models.base import ZhModel
from .models.dossier import PROCEDURES, Dossier, procedure_zh
from .models.enforcement import EnforcementDossier, dossier_model_for

def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, kw_only=True, slots=True)
class Loaded:
    """A dossier with where it came from (for the run manifest).

    A dataclass, not a pydantic model: a model whose field is `Dossier | EnforcementDossier` builds
    both kinds' validators when it is defined (≈ 15 ms of `juece check`, for a type check)."""

    dossier: Union[Dossier, EnforcementDossier]
    file: str
    sha256: str

    def __post_init__(self) -> None:
        if not isinstance(self.dossier, (Dossier, EnforcementDossier)):
            raise TypeError(f"Loaded.dossier must be a Dossier or an EnforcementDossier, not {type(self.dossier).__name__}")


def load_dossier(path: Path | str, data: Optional[bytes] = None, name: Optional[str] = None, fast: bool = False) -> Loaded:
    """Read one dossier file. Raises LoadError with every problem found.

    `fast` (the audit): parse with engine/core/fastyaml.py where it vouches for the result; any error is
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
    root = None if name.endswith(".json") else compose(text)
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
        line, col = position(root, loc, obj, at_key=e["type"] in ("extra_forbidden",) or code == "load.duplicate-key") \
            if root is not None else (json_line(text, loc), None)
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
