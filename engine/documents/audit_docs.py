"""`juece audit … --rectification FILE` and `--annual-report YEAR`: documents from an audit's output folder.

Both read results.jsonl only (never the dossiers again), so they can be rebuilt with --summarize-only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional


def write_audit_documents(out: Path, rectification: Optional[Path] = None, annual_year: Optional[int] = None,
                          lang: str = "zh", status_file: Optional[Path] = None) -> list[Path]:
    """→ the files written. Raises OSError if one cannot be written, ValueError for a bad suffix,
    annual.StatusFileProblem for a filled-in list that cannot be read."""
    from ..audit.store import RESULTS, atomic_write, iter_lines
    written: list[Path] = []
    if rectification is not None:
        from . import build_rectification_docx, build_rectification_xlsx
        suffix = Path(rectification).suffix.lower()
        if suffix not in (".xlsx", ".docx"):
            raise ValueError(suffix)
        results = [obj for obj in iter_lines(Path(out) / RESULTS) if obj.get("applicable")]
        title = "整改清单（审核结果汇总，按责任单位分组）" if lang == "zh" else "Rectification list (audit, by responsible unit)"
        build = build_rectification_xlsx if suffix == ".xlsx" else build_rectification_docx
        data = build(results, lang=lang, title=title, archive=True)
        atomic_write(Path(rectification), data)
        written.append(Path(rectification))
    if annual_year is not None:
        from .annual import write_annual_report
        written += write_annual_report(Path(out), annual_year, lang, status_file)
    return written
