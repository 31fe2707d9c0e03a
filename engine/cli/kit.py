"""What every command shares at its edges: the exit codes, writing an output file, and turning an
unexpected internal error into one line (never a traceback), with the full trace kept in a file.

Exit codes (docs/exit-codes.md is the table; tests/cli/test_exit_codes.py checks every command):
    0    nothing to report (no violation; no change; lint clean)
    1    something to report (a violation; a changed outcome; a failed scenario; an uncovered rule)
    2    an input, ruleset or option could not be used (wins over 1)
    3    internal error of juece (a bug: please report it; wins over 2 and 1)
    130  interrupted (Ctrl-C, SIGTERM); `juece audit --resume` continues an audit
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import sys
import tempfile
import traceback
from pathlib import Path
from typing import Optional

EXIT_OK, EXIT_FOUND, EXIT_UNUSABLE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130

DEBUG_ENV = "JUECE_DEBUG"  # JUECE_DEBUG=1 (or `juece --debug …`): print the full trace of an internal error


def debug() -> bool:
    return os.environ.get(DEBUG_ENV, "") not in ("", "0")


def trace_file(exc: BaseException) -> Optional[Path]:
    """Write the full trace of `exc` to a file in the temp folder; → its path (None if it cannot be written)."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    try:
        fd, name = tempfile.mkstemp(prefix=f"juece-error-{stamp}-", suffix=".txt")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(f"juece {_version()} · Python {sys.version.split()[0]} · {' '.join(sys.argv)}\n\n")
            f.write("".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))
        return Path(name)
    except OSError:
        return None


def _version() -> str:
    from .. import __version__
    return __version__


def internal_error_text(exc: BaseException, lang: str = "zh", where: Optional[str] = None) -> str:
    """One line for a bug: what happened, where the trace is (or the trace itself with --debug)."""
    head = f"{where}: " if where else ""
    if debug():
        tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        return f"{head}{'内部错误' if lang == 'zh' else 'internal error'}: {type(exc).__name__}: {exc}\n{tb}"
    path = trace_file(exc)
    at_zh = f"，详细信息已写入 {path}" if path else ""
    at_en = f"; the full trace is in {path}" if path else ""
    if lang == "en":
        return f"{head}internal error of juece (please report it{at_en}): {type(exc).__name__}: {exc} [exit {EXIT_INTERNAL}; --debug shows the trace]"
    return f"{head}juece 内部错误（请报告此问题{at_zh}）：{type(exc).__name__}: {exc} [退出码 {EXIT_INTERNAL}；加 --debug 显示详细信息]"


class OutputError(Exception):
    """An output file that cannot be written: one line, exit 2."""

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh, self.en = zh, en

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


def _why(e: OSError) -> tuple[str, str]:
    if e.errno in (errno.EACCES, errno.EPERM):
        return "没有写入权限", "permission denied"
    if e.errno == errno.ENOSPC:
        return "磁盘已满", "no space left on the disk"
    if e.errno == errno.EISDIR:
        return "这是一个目录", "it is a folder"
    if e.errno == errno.ENOTDIR:
        return "路径中有一段不是目录", "a part of the path is not a folder"
    return e.strerror or str(e), e.strerror or str(e)


def write_output(path: Path, body: str) -> None:
    """Write an output file, creating its parent folders; an OSError becomes OutputError (one line)."""
    path = Path(path)
    if path.exists() and path.is_dir():
        raise OutputError(f"无法写入 {path}：这是一个目录，请给出文件名（如 {path / 'report.html'}）",
                          f"cannot write {path}: it is a folder; give a file name (e.g. {path / 'report.html'})")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    except OSError as e:
        zh, en = _why(e)
        raise OutputError(f"无法写入 {path}：{zh}", f"cannot write {path}: {en}") from None


def use_vocabulary(ruleset: Optional[str], lang: str = "zh") -> None:
    """Before a command builds the dossier models: the facts a `--ruleset my-rules/` folder declares
    (its vocabulary.yaml, docs/dossier-format.md “添加事实 / adding a fact”) join the vocabulary, and
    a vocabulary that cannot be used is one message and exit 2 (never a traceback).

    Every command that reads dossiers calls it first; a ruleset id (not a folder) adds nothing."""
    from ..models import vocabulary
    try:
        if ruleset:
            vocabulary.add_folder(ruleset)
        vocabulary.build()
    except vocabulary.VocabularyError as e:
        import typer
        typer.echo(e.text(lang), err=True)
        raise typer.Exit(EXIT_UNUSABLE) from None
