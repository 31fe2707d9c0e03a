"""Errors juece reports to people: every one has a stable code, a place, and a zh/en message.

Codes follow the pipeline's stages (load, ruleset, evaluate); docs/errors.md lists them. Nothing
here is ever shown as a Python traceback: the CLI prints `text(lang)` and exits 2.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


@dataclass
class Problem:
    """One problem in an input file: file:line:column, the field, what was expected."""

    code: str
    file: str
    zh: str
    en: str
    line: Optional[int] = None  # 1-based
    column: Optional[int] = None  # 1-based
    field_zh: Optional[str] = None
    field_en: Optional[str] = None

    def where(self) -> str:
        out = self.file
        if self.line is not None:
            out += f":{self.line}"
            if self.column is not None:
                out += f":{self.column}"
        return out

    def text(self, lang: str = "zh") -> str:
        fld = self.field_en if lang == "en" else self.field_zh
        msg = self.en if lang == "en" else self.zh
        if fld:
            return f"{self.where()}: {'field' if lang == 'en' else '字段'} {fld}: {msg} [{self.code}]"
        return f"{self.where()}: {msg} [{self.code}]"

    def to_dict(self) -> dict:
        return {"code": self.code, "file": self.file, "line": self.line, "column": self.column,
                "field": self.field_en, "field_zh": self.field_zh, "message": self.zh, "message_en": self.en}


class JueceError(Exception):
    """Base: an input juece cannot use."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(p.text("en") for p in problems))

    def text(self, lang: str = "zh") -> str:
        return "\n".join(p.text(lang) for p in self.problems)


class LoadError(JueceError):
    """A dossier (or ruleset file) that cannot be read or does not fit the format."""


class MessageError(JueceError):
    """An input juece cannot use, told in one sentence without a file:line:column (zh and en)."""

    def __init__(self, zh: str, en: str):
        Exception.__init__(self, en)
        self.problems = []
        self.zh, self.en = zh, en

    def text(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


class UsageError(MessageError):
    """A command given inputs it cannot use (nothing to audit, a path that does not exist)."""


class MappingError(MessageError):
    """An audit's column mapping (header → dossier field) that cannot be read or names no field."""


@dataclass
class RulesetError:
    code: str
    file: str
    rule: Optional[str]
    zh: str
    en: str
    stage: str = "load"
    line: Optional[int] = None
    extra: dict = field(default_factory=dict)

    def text(self, lang: str = "zh") -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        rule = f" [{self.rule}]" if self.rule else ""
        return f"{where}{rule}: {self.en if lang == 'en' else self.zh} ({self.stage}: {self.code})"

    def to_dict(self) -> dict:
        return {"code": self.code, "file": self.file, "rule": self.rule, "stage": self.stage,
                "line": self.line, "message": self.zh, "message_en": self.en}


class RulesetErrors(Exception):
    """One or more problems in a ruleset, each tagged with the stage that found it."""

    def __init__(self, errors: list[RulesetError]):
        self.errors = errors
        super().__init__("\n".join(e.text("en") for e in errors))

    def text(self, lang: str = "zh") -> str:
        return "\n".join(e.text(lang) for e in self.errors)
