"""Shared pieces of the pydantic contracts: Chinese aliases, tolerant dates and booleans.

Legal staff write dossiers and rulesets by hand, mostly in Chinese, so every key and every enum
value has a Chinese spelling that means exactly the same as the English one
(`类型: 合法性审查` == `type: legality_review`). The Chinese names live next to the fields (the
`zh` entry of `json_schema_extra`), so docs, the JSON Schema and error messages read them from
one place. This module holds no legal logic.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
from typing import Annotated, Any, ClassVar, Optional

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator


def unwrap(annotation: Any, item: bool = False) -> Any:
    """Strip Optional[...] and Annotated[...] down to the type a field holds (keeps list/Literal/unions).
    `item`: a list's items too (Optional[list[Expert]] → Expert), for the model a field's records have."""
    import types
    import typing
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif item and origin is list:
            annotation = typing.get_args(annotation)[0]
        elif origin is typing.Union or (item and origin is types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


def field(zh: str, en: str = "", default: Any = None, *, required: bool = False, **kw: Any) -> Any:
    """A model field with its Chinese name(s) (accepted keys, `|`-separated) and a bilingual description."""
    extra = {"zh": zh}
    desc = f"{zh.split('|')[0]}。{en}" if en else zh.split("|")[0]
    if required:
        return Field(..., description=desc, json_schema_extra=extra, **kw)
    if "default_factory" in kw:
        return Field(description=desc, json_schema_extra=extra, **kw)
    return Field(default, description=desc, json_schema_extra=extra, **kw)


class ZhModel(BaseModel):
    """Base model: unknown keys are errors; Chinese keys are renamed to the English ones first."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, validate_default=False)

    _zh_to_en: ClassVar[dict[str, str]] = {}

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        mapping: dict[str, str] = {}
        for name, info in cls.model_fields.items():
            extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
            for zh in str(extra.get("zh", "")).split("|"):
                if zh:
                    mapping[zh] = name
        cls._zh_to_en = mapping

    @classmethod
    def zh_name(cls, name: str) -> str:
        info = cls.model_fields.get(name)
        extra = info.json_schema_extra if info and isinstance(info.json_schema_extra, dict) else {}
        return str(extra.get("zh", name)).split("|")[0]

    @model_validator(mode="before")
    @classmethod
    def _rename_zh_keys(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        mapping = cls._zh_to_en
        get = mapping.get
        out: dict[Any, Any] = {get(k, k): v for k, v in data.items()}
        if len(out) == len(data):  # no two keys name the same field (the common case: one pass)
            return out
        out = {}
        origin: dict[Any, Any] = {}
        for key, value in data.items():
            en = mapping.get(key, key)
            if en in out:
                raise ValueError(f"duplicate_key:{origin[en]}:{key}")
            out[en] = value
            origin[en] = key
        return out


# ---------------------------------------------------------------- values written in Chinese

_TRUE = {"是", "有", "已", "对", "真", "true", "yes", "y", "1", "√", "✓"}
_FALSE = {"否", "无", "没有", "未", "不", "假", "false", "no", "n", "0", "×", "✗"}


def parse_bool(value: Any) -> Any:
    if value is None or isinstance(value, bool):
        return value
    if type(value) is str:  # the words as written most often: one look-up
        found = _BOOL_WORDS.get(value, _UNSEEN)
        if found is not _UNSEEN:
            return found
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        text = value.strip().lower()
        if text == "":
            return None
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    raise ValueError(f"bool:{value!r}")


_UNSEEN = object()
_BOOL_WORDS: dict[str, Any] = {"": None, **{w: True for w in _TRUE}, **{w: False for w in _FALSE}}
_BOOL_WORDS.update({w.upper(): v for w, v in list(_BOOL_WORDS.items())} | {w.capitalize(): v for w, v in list(_BOOL_WORDS.items())})

_CN_DATE = re.compile(r"^\s*(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?\s*$")


def parse_date(value: Any) -> Any:
    if isinstance(value, str):
        return _parse_date_text(value)
    return _parse_date(value)


@functools.lru_cache(maxsize=4096)
def _parse_date_text(value: str) -> Any:
    """Dates recur from dossier to dossier; a dt.date is immutable, so the same one can be shared."""
    return _parse_date(value)


def _parse_date(value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        m = _CN_DATE.match(value)
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                raise ValueError(f"date_range:{value}") from None
    raise ValueError(f"date:{value!r}")


def as_text(value: Any) -> Any:
    """An unquoted number where text is meant (`行政区划: 640425`, `编号: 2023017`) is that text."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


ZhBool = Annotated[Optional[bool], BeforeValidator(parse_bool)]
Code = Annotated[Optional[str], BeforeValidator(as_text)]
RequiredCode = Annotated[str, BeforeValidator(as_text)]
ZhDate = Annotated[Optional[dt.date], BeforeValidator(parse_date)]


class ZhEnum(str, enum.Enum):
    """A string enum whose members carry a Chinese label (and extra Chinese synonyms).

    Members are declared as ``value = ("value", "中文", "同义词"...)``.
    """

    def __new__(cls, value: str, zh: str = "", *synonyms: str) -> "ZhEnum":
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.zh = zh or value  # type: ignore[attr-defined]
        obj.synonyms = synonyms  # type: ignore[attr-defined]
        return obj

    @classmethod
    def lookup(cls) -> dict[str, "ZhEnum"]:
        table = cls.__dict__.get("_lookup_table")
        if table is None:
            table = {}
            for m in cls:
                for key in (m.value, m.zh, *m.synonyms):
                    table[key] = m
            setattr(cls, "_lookup_table", table)
        return table

    @classmethod
    def parse(cls, value: Any) -> Any:
        if isinstance(value, cls) or value is None:
            return value
        if isinstance(value, int) and not isinstance(value, bool):  # `事项类别: 4` unquoted
            value = str(value)
        if isinstance(value, str):
            text = value.strip()
            found = cls.lookup().get(text)
            if found is None and text:
                found = alias(cls, text)
            if found is not None:
                return found
        return value  # let pydantic report enum error with the expected values

    def label(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.value  # type: ignore[attr-defined]


def _alias_table() -> dict[str, list[tuple[tuple[str, ...], tuple[str, ...], str]]]:
    """{enum class name: [(contains, unless, value)]}: each enum's `phrasings` in rulesets/vocabulary/*.yaml."""
    from .vocabulary import phrasings
    return phrasings()


@functools.lru_cache(maxsize=8192)
def _alias_of(cls: type, text: str) -> Optional[str]:
    for contains, unless, means in _alias_table().get(cls.__name__, ()):
        if all(c in text for c in contains) and not any(u in text for u in unless):
            return means
    return None


def alias(cls: type["ZhEnum"], text: str) -> Optional["ZhEnum"]:
    """The member a natural phrasing means (`县人民政府第9次常务会议` → 常务会议), by the alias table."""
    means = _alias_of(cls, text)
    return cls(means) if means is not None else None


def written_as(member: Any, text: Any) -> Optional[str]:
    """The text as written, when it is not the member's own value or Chinese name (None otherwise)."""
    if not isinstance(member, ZhEnum) or not isinstance(text, str):
        return None
    t = text.strip()
    return None if t in (member.value, member.zh) else t


def zh_enum(cls: type[ZhEnum]) -> Any:
    return Annotated[Optional[cls], BeforeValidator(cls.parse)]


def zh_enum_list(cls: type[ZhEnum]) -> Any:
    def parse_list(value: Any) -> Any:
        if isinstance(value, str):  # "政府公报、政府网站" written as one string
            value = [v for v in re.split(r"[、,，;；\s]+", value) if v]
        if isinstance(value, list):
            return [cls.parse(v) for v in value]
        return value

    return Annotated[list[cls], BeforeValidator(parse_list)]


class Text(ZhModel):
    """A bilingual text: {zh: ..., en: ...}."""

    zh: str = field("中文", required=True)
    en: str = field("英文", "English", default="")

    def get(self, lang: str) -> str:
        return (self.en or self.zh) if lang == "en" else (self.zh or self.en)
