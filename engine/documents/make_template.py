"""Writes engine/documents/templates/opinion.docx, the shipped docxtpl template of the 合法性审查意见书.

    python -m engine.documents.make_template        (from the repository root; then commit the .docx
                                                     and cases/documents/opinions/*.md, the example opinions)

The template is generated, not hand-edited, so that its fonts and tags are reviewable here. An office
with its own letterhead copies the .docx (or starts from its own) and keeps the {{ variables }} that
docs/documents.md lists; `juece opinion --template my.docx` renders it.

Fonts: every style and run names its East Asian font through w:eastAsia (宋体 for headings and tables,
仿宋 for the body) and Times New Roman for Latin text, so that Word and WPS both render the Chinese
without substituting a Latin font. A4, GB/T 9704 margins (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm).
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

TEMPLATE = Path(__file__).with_name("templates") / "opinion.docx"
BODY_FONT, HEAD_FONT, LATIN = "仿宋", "宋体", "Times New Roman"


def set_font(target, east: str, size: float | None = None, bold: bool | None = None) -> None:  # noqa: ANN001
    """target: a Run or a Style. Sets the Latin and the East Asian font (w:eastAsia)."""
    font = target.font
    font.name = LATIN
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    el = target.element if hasattr(target, "element") else target._element
    rpr = el.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), LATIN)
    fonts.set(qn("w:eastAsia"), east)


def setup_styles(doc) -> None:  # noqa: ANN001
    normal = doc.styles["Normal"]
    set_font(normal, BODY_FONT, 14)  # 四号
    normal.paragraph_format.line_spacing = Pt(26)
    normal.paragraph_format.space_after = Pt(0)
    lang = normal.element.get_or_add_rPr()
    lang_el = OxmlElement("w:lang")
    lang_el.set(qn("w:val"), "en-US")
    lang_el.set(qn("w:eastAsia"), "zh-CN")
    lang.append(lang_el)
    for name in ("Heading 1", "Heading 2", "Title"):
        st = doc.styles[name]
        set_font(st, HEAD_FONT if name != "Title" else HEAD_FONT, 16 if name != "Title" else 22, True)
        st.font.color.rgb = None
    table_style = doc.styles["Table Grid"]
    set_font(table_style, HEAD_FONT, 10.5)
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)


def para(doc, text: str = "", *, east: str = BODY_FONT, size: float | None = None, bold: bool = False,
         align=None, indent: bool = False, style: str | None = None):  # noqa: ANN001, ANN201
    p = doc.add_paragraph(style=style)
    if text:
        r = p.add_run(text)
        set_font(r, east, size, bold)
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Pt(28)
    return p


def heading(doc, text: str):  # noqa: ANN001, ANN201
    return para(doc, text, east="黑体", size=14, bold=False)


def cell_text(cell, text: str, bold: bool = False, nowrap: bool = False) -> None:  # noqa: ANN001
    cell.text = ""
    p = cell.paragraphs[0]
    p.paragraph_format.line_spacing = Pt(18)
    r = p.add_run(text)
    set_font(r, HEAD_FONT, 10.5, bold)
    if nowrap:
        tcpr = cell._tc.get_or_add_tcPr()
        nw = OxmlElement("w:noWrap")
        tcpr.append(nw)


def repeat_header(row) -> None:  # noqa: ANN001
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def no_split(row) -> None:  # noqa: ANN001
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))


def loop_table(doc, headers: list[str], loop: str, cells: list[str], widths: list[float], nowrap: tuple[int, ...] = ()):  # noqa: ANN001, ANN201
    """A table: header row (repeats on each page), then {%tr for %} / data row / {%tr endfor %}."""
    t = doc.add_table(rows=4, cols=len(headers))
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, h in enumerate(headers):
        cell_text(t.rows[0].cells[i], h, bold=True)
    repeat_header(t.rows[0])
    t.rows[1].cells[0].merge(t.rows[1].cells[-1])
    cell_text(t.rows[1].cells[0], "{%tr " + loop + " %}")
    for i, c in enumerate(cells):
        cell_text(t.rows[2].cells[i], c, nowrap=i in nowrap)
    no_split(t.rows[2])
    t.rows[3].cells[0].merge(t.rows[3].cells[-1])
    cell_text(t.rows[3].cells[0], "{%tr endfor %}")
    t.autofit = False
    for i, w in enumerate(widths):
        t.columns[i].width = Mm(w)  # w:gridCol, which WPS reads
    for row in t.rows:
        for i, w in enumerate(widths):
            row.cells[i].width = Mm(w)
    return t


def build(path: Path = TEMPLATE) -> Path:
    doc = Document()
    setup_styles(doc)
    para(doc, "{{ doc_title }}", east="宋体", size=22, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(doc, "{{ number }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    para(doc)
    para(doc, "{{ addressee }}{{ L.colon }}")
    para(doc, "{{ intro }}", indent=True)

    heading(doc, "{{ L.matter }}")
    para(doc, "{{ L.title }}{{ L.colon }}{{ matter.title }}", indent=True)
    para(doc, "{{ L.dossier_id }}{{ L.colon }}{{ matter.id }}", indent=True)
    para(doc, "{%p if matter.decision_body %}")
    para(doc, "{{ L.decision_body }}{{ L.colon }}{{ matter.decision_body }}", indent=True)
    para(doc, "{%p endif %}")
    para(doc, "{%p if matter.undertaking_unit %}")
    para(doc, "{{ L.undertaking_unit }}{{ L.colon }}{{ matter.undertaking_unit }}", indent=True)
    para(doc, "{%p endif %}")
    para(doc, "{%p if matter.category %}")
    para(doc, "{{ L.category }}{{ L.colon }}{{ matter.category }}", indent=True)
    para(doc, "{%p endif %}")
    para(doc, "{{ L.stage }}{{ L.colon }}{{ matter.stage }}", indent=True)

    heading(doc, "{{ L.materials }}")
    para(doc, "{%p for m in materials %}")
    para(doc, "{{ m.no }}. {{ m.name }}{% if m.date %}，{{ m.date }}{% endif %}{% if m.ref %}，{{ m.ref }}{% endif %}", indent=True)
    para(doc, "{%p endfor %}")
    para(doc, "{%p if not has_materials %}")
    para(doc, "{{ L.no_materials }}", indent=True)
    para(doc, "{%p endif %}")
    para(doc, "{%p for s in sources %}")
    para(doc, "{{ s }}", indent=True)
    para(doc, "{%p endfor %}")
    para(doc, "{{ L.source }}{{ L.colon }}{{ source.file }}（SHA-256 {{ source.sha256 }}）", indent=True)
    para(doc, "{{ L.record_basis }}{{ L.colon }}{{ record_basis }}", indent=True)

    heading(doc, "{{ L.basis }}")
    para(doc, "{%p for r in rulesets %}")
    para(doc, "{{ L.rulesets }}{{ L.colon }}{{ r.title }}（{{ r.id }}，第 {{ r.version }} 版{% if r.instrument %}，据{{ r.instrument }}{% endif %}）", indent=True)
    para(doc, "{%p endfor %}")
    para(doc, "{{ L.laws }}{{ L.colon }}{{ laws|join('、') }}", indent=True)

    heading(doc, "{{ L.review }}")
    para(doc, "{%p if review_rows %}")
    loop_table(doc, ["{{ L.no }}", "{{ L.item }}", "{{ L.article }}", "{{ L.result }}"], "for r in review_rows",
               ["{{ r.no }}", "{{ r.title }}", "{{ r.basis }}", "{{ r.outcome_label }}"], [12, 70, 58, 16], nowrap=(0, 3))
    para(doc, "{%p endif %}")
    para(doc, "{%p for it in items %}")
    para(doc, "{{ it.no_zh }}{{ it.title }}（{{ it.basis }}）——{{ it.outcome_label }}{% if it.severity != 'violation' %}（{{ it.severity_label }}）{% endif %}", bold=True, indent=True)
    para(doc, "{{ L.requirement }}{{ L.colon }}{{ it.requirement }}", indent=True)
    para(doc, "{{ L.shows }}{{ L.colon }}{{ it.shows }}", indent=True)
    para(doc, "{%p for e in it.evidence %}")
    para(doc, "· {{ e }}", indent=True, size=12)
    para(doc, "{%p endfor %}")
    para(doc, "{{ L.grounds }}{{ L.colon }}{{ it.grounds_label }}", indent=True)
    para(doc, "{{ L.action }}{{ L.colon }}{{ it.action }}", indent=True)
    para(doc, "{%p endfor %}")
    para(doc, "{%p if not has_items %}")
    para(doc, "{{ L.no_items }}", indent=True)
    para(doc, "{%p endif %}")

    heading(doc, "{{ L.conclusion }}")
    para(doc, "{{ conclusion.label }}", bold=True, indent=True)
    para(doc, "{{ conclusion.text }}", indent=True)
    para(doc, "{%p if conclusion.supplement %}")
    para(doc, "{{ L.supplement }}{{ L.colon }}", indent=True)
    para(doc, "{%p endif %}")
    para(doc, "{%p for s in conclusion.supplement %}")
    para(doc, "{{ loop.index }}. {{ s }}", indent=True)
    para(doc, "{%p endfor %}")

    para(doc, "{%p if rectification %}")
    heading(doc, "{{ L.rectification }}")
    loop_table(doc, ["{{ L.no }}", "{{ L.problem }}", "{{ L.article }}", "{{ L.rect_requirement }}", "{{ L.unit }}",
                     "{{ L.deadline }}", "{{ L.status }}"], "for r in rectification",
               ["{{ r.no }}", "{{ r.problem }}", "{{ r.basis }}", "{{ r.requirement }}", "{{ r.unit }}", "{{ r.deadline }}",
                "{{ r.status }}"], [10, 38, 28, 38, 18, 12, 12], nowrap=(0, 6))
    para(doc, "{%p endif %}")

    para(doc)
    para(doc, "{{ reviewer }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    para(doc, "{{ L.reviewer_person }}{{ L.colon }}________    {{ L.checker }}{{ L.colon }}________", align=WD_ALIGN_PARAGRAPH.RIGHT)
    para(doc, "{{ date }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    para(doc)
    para(doc, "{{ L.check_record }}{{ L.colon }}{{ verdict }} · juece {{ check.engine }} · {{ check.ruleset }} {{ check.ruleset_version }}"
              "（{{ check.ruleset_hash[:12] }}） · SHA-256 {{ check.input_sha256 }} · {{ check.date }}", size=9)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(stable_bytes(doc))
    return path


def stable_bytes(doc) -> bytes:  # noqa: ANN001
    """The .docx with fixed core properties and zip timestamps: regenerating it changes nothing unless its content does."""
    import datetime as dt
    import io
    import zipfile
    cp = doc.core_properties
    cp.author, cp.last_modified_by, cp.title = "juece", "juece", "合法性审查意见书模板"
    cp.created = cp.modified = dt.datetime(2024, 1, 1)
    cp.revision = 1
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(info, zin.read(item.filename))
    return out.getvalue()




EXAMPLES = {  # cases/documents/opinions/<form>.md: one opinion per conclusion form (tests/documents/test_documents.py keeps them current)
    "lawful": "cases/documents/good/opinion-lawful.yaml",
    "revise": "cases/documents/bad/opinion-revise.yaml",
    "unlawful": "cases/documents/bad/opinion-unlawful.yaml",
    "cannot_conclude": "cases/documents/good/opinion-cannot-conclude.yaml",
    "not_applicable": "cases/documents/good/opinion-not-applicable.yaml",
}
EXAMPLE_DATE = "2024-06-05"


def example_opinion(form: str, root: Path) -> str:
    """The example opinion for one conclusion form, as Markdown (fixed number, reviewer and date)."""
    import re

    from ..load import load_dossier
    rel = EXAMPLES[form]
    loaded = load_dossier(root / rel, name=rel)
    # the ruleset hash changes with any ruleset edit: the example leaves it out (a real opinion has it)
    return re.sub(r"（[0-9a-f]{12}）", "", _example_md(loaded, form))


def _example_md(loaded, form: str) -> str:  # noqa: ANN001
    import datetime as dt

    from ..check import check
    from . import build_opinion_markdown
    return build_opinion_markdown(check(loaded, explain=True), loaded.dossier, number=f"示例〔2024〕{list(EXAMPLES).index(form) + 1}号",
                                  reviewer="（审查机构）", date=dt.date.fromisoformat(EXAMPLE_DATE))


def write_examples(root: Path) -> list[Path]:
    out = []
    for form in EXAMPLES:
        p = root / "cases" / "documents" / "opinions" / f"{form}.md"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(example_opinion(form, root), encoding="utf-8")
        out.append(p)
    return out


if __name__ == "__main__":
    print(build())
    for p in write_examples(Path.cwd()):
        print(p)
