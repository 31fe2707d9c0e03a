"""Audit inputs → a stream of items (key, kind, payload), never a list: memory stays flat.

    directory       every .yaml/.yml/.json/.jsonl/.xlsx below it (sorted, recursive; *.expected.* skipped)
    glob            `archive/**/*.yaml` (quoted, so juece expands it, recursively)
    file.yaml|json  one dossier
    file.jsonl      one dossier per line           key: file.jsonl#<line>
    file.xlsx       a ledger (台账), one per row     key: file.xlsx#<sheet>!<row>

The key names the dossier everywhere: the `file` of its result or error line, the done-set of
--resume, the dashboard's list. Ledger rows are mapped to dossiers here (see ledger.py); a row
that cannot be mapped becomes an "error" item so it is reported like any unreadable dossier.
"""

from __future__ import annotations

import glob as _glob
import os
from pathlib import Path
from typing import Iterator, Optional

from ..core.errors import UsageError
from ..core.yamlload import regular_file_problem
from .ledger import Mapping, count_rows, iter_ledger
from .worker import Item, error_record

DOSSIER_EXT = (".yaml", ".yml", ".json")
ALL_EXT = DOSSIER_EXT + (".jsonl", ".xlsx")


def _is_glob(s: str) -> bool:
    return any(c in s for c in "*?[")


def check_inputs(inputs: list[str]) -> None:
    """Refuse, before anything starts, an input that names nothing (a typo must not audit zero files)."""
    if not inputs:
        raise UsageError("请给出要审核的案卷文件、目录、.jsonl 或 .xlsx 台账", "give the dossier files, folders, .jsonl or .xlsx ledgers to audit")
    for raw in inputs:
        if Path(raw).exists():
            continue
        if _is_glob(raw) and next(iter(_glob.iglob(raw, recursive=True)), None) is not None:
            continue
        raise UsageError(f"找不到输入：{raw}", f"no such input: {raw}")


def _wanted(name: str) -> bool:
    return name.endswith(ALL_EXT) and ".expected." not in name and not name.startswith(".")


def iter_files(inputs: list[str]) -> Iterator[Path]:
    for raw in inputs:
        p = Path(raw)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                base = Path(root)  # once per folder, not per file (an archive has thousands)
                for f in sorted(files):
                    if _wanted(f):
                        yield base / f
        elif p.exists():
            yield p
        elif _is_glob(raw):
            for m in sorted(_glob.iglob(raw, recursive=True)):
                mp = Path(m)
                if mp.is_dir():
                    yield from iter_files([m])
                elif _wanted(mp.name):
                    yield mp


def iter_items(inputs: list[str], mapping: Optional[Mapping] = None, warn=None) -> Iterator[Item]:
    """Every dossier of the inputs, once each (a file named twice is read once)."""
    seen: set[str] = set()
    several = len(inputs) > 1  # one folder never lists a file twice: no set to grow with the archive
    for p in iter_files(inputs):
        key = str(p)
        if several:
            if key in seen:
                continue
            seen.add(key)
        if p.name.endswith((".jsonl", ".xlsx")):
            bad = regular_file_problem(p, key)
            if bad is not None:  # a pipe or device: opening it would block the whole audit
                yield key, "error", error_record(key, "load", bad.code, bad.zh, bad.en, [bad.to_dict()])
                continue
        if p.name.endswith(".jsonl"):
            yield from _jsonl(p)
        elif p.name.endswith(".xlsx"):
            yield from iter_ledger(p, mapping or Mapping.default(), warn=warn)
        else:
            yield key, "file", key


def _jsonl(p: Path) -> Iterator[Item]:
    key = str(p)
    try:
        f = open(p, "rb")  # noqa: SIM115
    except OSError as e:
        yield key, "error", error_record(key, "load", "load.not-found", f"无法读取文件：{e.strerror}", f"cannot read the file: {e.strerror}")
        return
    with f:
        for n, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            k = f"{key}#{n}"
            try:
                text = raw.decode("utf-8-sig" if n == 1 else "utf-8")
            except UnicodeDecodeError:
                try:
                    text = raw.decode("gb18030")
                except UnicodeDecodeError:
                    yield k, "error", error_record(k, "load", "load.encoding", "该行编码无法识别（支持 UTF-8、GBK/GB18030）",
                                                   "unreadable encoding on this line (UTF-8 and GBK/GB18030 are supported)")
                    continue
            yield k, "json", text


def count_items(inputs: list[str], mapping: Optional[Mapping] = None) -> Optional[int]:
    """A quick count for the progress bar (lines of .jsonl, rows of .xlsx); None if unknown."""
    n = 0
    seen: set[str] = set()
    several = len(inputs) > 1
    for p in iter_files(inputs):
        if several:
            if str(p) in seen:
                continue
            seen.add(str(p))
        if p.name.endswith((".jsonl", ".xlsx")) and regular_file_problem(p) is not None:
            n += 1  # one error line
            continue
        if p.name.endswith(".jsonl"):
            try:
                with open(p, "rb") as f:
                    n += sum(1 for line in f if line.strip())
            except OSError:
                n += 1
        elif p.name.endswith(".xlsx"):
            rows = count_rows(p, mapping or Mapping.default())
            if rows is None:
                return None
            n += rows
        else:
            n += 1
    return n
