"""Documents a legal-affairs office files: 合法性审查意见书, 整改清单, the annual report's decision section.

Plain functions (the CLI, the workbench's download endpoints and the tests call these; docs/documents.md):

    conclude(result)                                   → Conclusion   (conclusion.py: the one place it is decided)
    opinion_context(result, dossier=None, ...)         → dict         (the template variables)
    build_opinion_docx(result, dossier=None, ...)      → bytes        (.docx, from the shipped or a given template)
    build_opinion_markdown(result, dossier=None, ...)  → str
    build_opinion_html(result, dossier=None, ...)      → str          (printable, A4)
    build_rectification_xlsx(results, dossiers=None, ...) → bytes     (one dossier or a whole archive)
    build_rectification_docx(results, dossiers=None, ...) → bytes
    annual_report(out_dir, year) / build_annual_report_docx / build_annual_report_markdown  (annual.py)

`result` is a DossierResult or its JSON dict (a results.jsonl line); `dossier` the loaded Dossier, when
at hand, for the materials reviewed and the named reviewing body.
"""

from __future__ import annotations

import datetime as dt
import io
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Optional, Union

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .conclusion import FORM_EN, FORM_ZH, FORMS, Conclusion, conclude, grounds_of
from .context import opinion_context, rectification_rows, responsible_unit

TEMPLATES = Path(__file__).with_name("templates")
OPINION_DOCX = TEMPLATES / "opinion.docx"


@lru_cache(maxsize=1)
def _env() -> Environment:
    shared = Path(__file__).resolve().parents[1] / "render" / "templates"  # print.css.j2, shared with the reports
    env = Environment(loader=ChoiceLoader([FileSystemLoader(str(TEMPLATES)), FileSystemLoader(str(shared))]), autoescape=select_autoescape(["html", "html.j2"]),
                      trim_blocks=True, lstrip_blocks=True, undefined=StrictUndefined)
    return env


class TemplateProblem(Exception):
    """An office template that cannot be rendered: zh/en text for the CLI."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en


def build_opinion_docx(result: Any, dossier: Any = None, *, template: Union[str, Path, bytes, None] = None,
                       number: Optional[str] = None, reviewer: Optional[str] = None, date: Optional[dt.date] = None,
                       lang: str = "zh", deadline: Optional[str] = None) -> bytes:
    """The 合法性审查意见书 as .docx bytes. `template`: an office's own docxtpl .docx (path or bytes)."""
    from docxtpl import DocxTemplate
    ctx = opinion_context(result, dossier, number=number, reviewer=reviewer, date=date, lang=lang, deadline=deadline)
    src = template if template is not None else OPINION_DOCX
    try:
        tpl = DocxTemplate(io.BytesIO(src) if isinstance(src, bytes) else str(src))
        tpl.render(ctx, autoescape=True)
    except Exception as e:  # noqa: BLE001 - a broken office template: say which and why, no traceback
        raise TemplateProblem(f"模板无法使用（{src if not isinstance(src, bytes) else '上传的模板'}）：{type(e).__name__}: {e}",
                              f"the template cannot be used ({src if not isinstance(src, bytes) else 'uploaded template'}): {type(e).__name__}: {e}") from e
    buf = io.BytesIO()
    tpl.save(buf)
    return buf.getvalue()


def build_opinion_markdown(result: Any, dossier: Any = None, **kw: Any) -> str:
    return _env().get_template("opinion.md.j2").render(**opinion_context(result, dossier, **kw))


def build_opinion_html(result: Any, dossier: Any = None, **kw: Any) -> str:
    return _env().get_template("opinion.html.j2").render(**opinion_context(result, dossier, **kw))


def _pairs(results: Union[Any, Iterable[Any]], dossiers: Any) -> list[tuple[Any, Any]]:
    if not isinstance(results, (list, tuple)) and not hasattr(results, "__next__"):
        results = [results]
    results = list(results)
    if dossiers is None:
        ds: list = [None] * len(results)
    elif isinstance(dossiers, (list, tuple)):
        ds = list(dossiers)
    else:
        ds = [dossiers]
    return list(zip(results, ds + [None] * (len(results) - len(ds))))


def rectification_list(results: Union[Any, Iterable[Any]], dossiers: Any = None, *, lang: str = "zh",
                       deadline: Optional[str] = None) -> list[dict]:
    """Every row of the 整改清单, grouped by 责任单位 (units in order of first appearance sorted by name), numbered 1…n."""
    rows = []
    for r, d in _pairs(results, dossiers):
        rows += rectification_rows(r, d, lang, deadline)
    rows.sort(key=lambda x: (x["unit"], str(x["dossier"]), x["no"]))  # stable: each dossier's own order kept
    for i, row in enumerate(rows, 1):
        row["no"] = i
    return rows


RECT_COLUMNS = {"zh": ["序号", "问题", "依据", "整改要求", "责任单位", "整改时限", "状态"],
                "en": ["No.", "Problem", "Basis", "Required action", "Responsible unit", "Deadline", "Status"]}
RECT_KEYS = ["no", "problem", "basis", "requirement", "unit", "deadline", "status"]
DOSSIER_COLUMNS = {"zh": ["案卷编号", "决策事项"], "en": ["Dossier", "Decision"]}


def build_rectification_xlsx(results: Union[Any, Iterable[Any]], dossiers: Any = None, *, lang: str = "zh",
                             deadline: Optional[str] = None, title: Optional[str] = None, archive: bool = False) -> bytes:
    """The 整改清单 as .xlsx bytes: one sheet, rows grouped by 责任单位 under a bold group line.

    With several dossiers (an audit) the 案卷编号 and 决策事项 columns are added."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    pairs = _pairs(results, dossiers)
    rows = rectification_list([r for r, _ in pairs], [d for _, d in pairs], lang=lang, deadline=deadline)
    many = archive or len(pairs) > 1
    cols = RECT_COLUMNS[lang][:1] + (DOSSIER_COLUMNS[lang] if many else []) + RECT_COLUMNS[lang][1:]
    keys = RECT_KEYS[:1] + (["dossier", "dossier_title"] if many else []) + RECT_KEYS[1:]
    wb = Workbook()
    ws = wb.active
    ws.title = "整改清单" if lang == "zh" else "Rectification"
    thin = Side(style="thin", color="999999")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    font = "宋体" if lang == "zh" else "Calibri"
    head = title or (("整改清单" if lang == "zh" else "Rectification list")
                     + ("" if many or not pairs else f"：{pairs[0][0].get('title') if isinstance(pairs[0][0], dict) else pairs[0][0].title}"))
    ws.append([head])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(cols))
    ws.cell(1, 1).font = Font(name=font, bold=True, size=14)
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    ws.append(cols)
    for i in range(1, len(cols) + 1):
        c = ws.cell(2, i)
        c.font = Font(name=font, bold=True)
        c.fill = PatternFill("solid", fgColor="DDE3EA")
        c.border = border
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.freeze_panes = "A3"
    ws.print_title_rows = "2:2"
    unit = None
    for row in rows:
        if many and row["unit"] != unit:
            unit = row["unit"]
            n = sum(1 for x in rows if x["unit"] == unit)
            ws.append([f"责任单位：{unit}（{n} 项）" if lang == "zh" else f"Responsible unit: {unit} ({n})"])
            r = ws.max_row
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(cols))
            ws.cell(r, 1).font = Font(name=font, bold=True)
            ws.cell(r, 1).fill = PatternFill("solid", fgColor="F2F4F7")
        ws.append([row[k] for k in keys])
        r = ws.max_row
        for i in range(1, len(cols) + 1):
            c = ws.cell(r, i)
            c.font = Font(name=font)
            c.border = border
            c.alignment = Alignment(vertical="top", wrap_text=True)
    widths = {"no": 6, "dossier": 18, "dossier_title": 30, "problem": 50, "basis": 34, "requirement": 44, "unit": 22,
              "deadline": 16, "status": 12}
    from openpyxl.utils import get_column_letter
    for i, k in enumerate(keys, 1):
        ws.column_dimensions[get_column_letter(i)].width = widths[k]
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def build_rectification_docx(results: Union[Any, Iterable[Any]], dossiers: Any = None, *, lang: str = "zh",
                             deadline: Optional[str] = None, title: Optional[str] = None, archive: bool = False) -> bytes:
    """The 整改清单 as a .docx table (A4 landscape), grouped by 责任单位 when it covers several dossiers."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    from .make_template import HEAD_FONT, cell_text, no_split, para, repeat_header, setup_styles
    pairs = _pairs(results, dossiers)
    rows = rectification_list([r for r, _ in pairs], [d for _, d in pairs], lang=lang, deadline=deadline)
    many = archive or len(pairs) > 1
    doc = Document()
    setup_styles(doc)
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Mm(297), Mm(210)
    sec.top_margin = sec.bottom_margin = Mm(20)
    sec.left_margin = sec.right_margin = Mm(20)
    head = title or ("整改清单" if lang == "zh" else "Rectification list")
    para(doc, head, east="宋体", size=18, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    if not many and pairs:
        r0 = pairs[0][0]
        t = r0.get("title") if isinstance(r0, dict) else r0.title
        para(doc, f"决策事项：{t}" if lang == "zh" else f"Decision: {t}", align=WD_ALIGN_PARAGRAPH.CENTER)
    cols = RECT_COLUMNS[lang][:1] + (DOSSIER_COLUMNS[lang][:1] if many else []) + RECT_COLUMNS[lang][1:]
    keys = RECT_KEYS[:1] + (["dossier"] if many else []) + RECT_KEYS[1:]
    widths = {"no": 10, "dossier": 28, "problem": 56, "basis": 40, "requirement": 52, "unit": 30, "deadline": 22, "status": 18} if many else \
        {"no": 10, "problem": 62, "basis": 42, "requirement": 58, "unit": 30, "deadline": 22, "status": 18}  # mm; A4 landscape text width 257
    table = doc.add_table(rows=1, cols=len(cols))
    table.style = doc.styles["Table Grid"]
    for i, c in enumerate(cols):
        cell_text(table.rows[0].cells[i], c, bold=True)
    repeat_header(table.rows[0])
    unit = None
    for row in rows:
        if many and row["unit"] != unit:
            unit = row["unit"]
            n = sum(1 for x in rows if x["unit"] == unit)
            g = table.add_row()
            g.cells[0].merge(g.cells[-1])
            cell_text(g.cells[0], f"责任单位：{unit}（{n} 项）" if lang == "zh" else f"Responsible unit: {unit} ({n})", bold=True)
            no_split(g)
        tr = table.add_row()
        for i, k in enumerate(keys):
            cell_text(tr.cells[i], str(row[k]), nowrap=k in ("no", "status"))
        no_split(tr)
    table.autofit = False
    for i, k in enumerate(keys):
        table.columns[i].width = Mm(widths[k])
    for tr in table.rows:
        for i, k in enumerate(keys):
            tr.cells[i].width = Mm(widths[k])
    if not rows:
        para(doc, "未发现需要整改的问题。" if lang == "zh" else "Nothing to rectify.")
    _ = HEAD_FONT
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


__all__ = ["Conclusion", "FORMS", "FORM_EN", "FORM_ZH", "OPINION_DOCX", "TemplateProblem", "build_opinion_docx",
           "build_opinion_html", "build_opinion_markdown", "build_rectification_docx", "build_rectification_xlsx",
           "conclude", "grounds_of", "opinion_context", "rectification_list", "rectification_rows", "responsible_unit"]
