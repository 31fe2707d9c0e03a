"""合法性审查意见书 and 整改清单: the conclusion a reviewer would reach, read back from the .docx / .xlsx written.

cases/documents/ holds one dossier per conclusion form; each opinion is generated through the CLI and
read back with python-docx / openpyxl.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import docx
import openpyxl
import pytest
from typer.testing import CliRunner

from engine.check import check
from engine.cli import app
from engine.documents import (build_opinion_docx, build_rectification_docx, build_rectification_xlsx, conclude,
                              opinion_context)
from engine.load import load_dossier

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "cases" / "documents"
runner = CliRunner()

FORMS = {
    "good/opinion-lawful.yaml": ("lawful", "合法", []),
    "bad/opinion-revise.yaml": ("revise", "修改后提交", ["《重大行政决策程序暂行条例》第十五条第一款"]),
    "bad/opinion-unlawful.yaml": ("unlawful", "不合法", ["《重大行政决策程序暂行条例》第十五条第一款"]),
    "good/opinion-cannot-conclude.yaml": ("cannot_conclude", "无法出具结论", ["《重大行政决策程序暂行条例》第十九条第一款"]),
    "good/opinion-not-applicable.yaml": ("not_applicable", "不适用", []),
}


def _result(rel: str):
    loaded = load_dossier(DOCS / rel)
    return check(loaded, explain=True), loaded.dossier


def _paragraphs(data: bytes) -> list[str]:
    d = docx.Document(io.BytesIO(data))
    return [p.text for p in d.paragraphs]


def _section(paras: list[str], head: str) -> list[str]:
    """The paragraphs after the heading `head` up to the next 一、… heading."""
    i = paras.index(head)
    out = []
    for p in paras[i + 1:]:
        if len(p) > 2 and p[0] in "一二三四五六七八九" and p[1] == "、":
            break
        out.append(p)
    return out


# ------------------------------------------------------------------------------ the conclusion

@pytest.mark.parametrize("rel", list(FORMS))
def test_each_case_gets_its_conclusion_form(rel):
    form, label, articles = FORMS[rel]
    r, _ = _result(rel)
    c = conclude(r)
    assert (c.form, c.label) == (form, label), f"{rel}: {c.text}"
    for a in articles:
        assert a in c.text, f"{rel}: the conclusion must cite {a}: {c.text}"


def _finding(rule="mad.pp.public-comment.period", outcome="violated", severity="violation", **kw):
    return {"rule": rule, "title": "公开征求意见期限一般不少于30日", "title_en": "30-day comment period", "outcome": outcome,
            "severity": severity, "basis": "《重大行政决策程序暂行条例》第十五条第一款", "basis_en": "Art. 15", "message": "期限15日",
            "message_en": "15 days", "remedy": "重新征求意见", "remedy_en": "consult again", "reason": kw.pop("reason", None),
            "reason_en": None, "evidence": [], **kw}


def _res(findings, stage="legality_review", applicable=True):
    return {"dossier": "X-1", "title": "某决策", "file": "x.yaml", "ruleset": {"id": "cn.mad.decree-713", "version": "2019.1"},
            "stage": stage, "applicable": applicable, "compliant": not any(f["outcome"] == "violated" for f in findings),
            "counts": {}, "findings": findings, "undertaking_unit": "某局", "decision_body": "某县人民政府",
            "manifest": {"ruleset": "cn.mad.decree-713", "ruleset_version": "2019.1", "ruleset_hash": "abc", "input_sha256": "00"}}


def test_same_violation_is_curable_before_the_meeting_and_not_after():
    assert conclude(_res([_finding()], stage="discussion")).form == "revise"
    assert conclude(_res([_finding()], stage="decided")).form == "unlawful"
    # a duty due only at the meeting cannot be cured by then once the meeting is held
    late = _finding(rule="mad.coll.meeting-type")
    assert conclude(_res([late], stage="completed")).form == "unlawful"


def test_undecided_violation_level_duty_means_no_conclusion_unless_already_unlawful():
    undecided = _finding(rule="mad.expert.trigger", outcome="indeterminate", reason="未载明是否专业性技术性较强")
    c = conclude(_res([undecided]))
    assert c.form == "cannot_conclude" and "未载明是否专业性技术性较强" in c.supplement[0]
    assert conclude(_res([undecided, _finding()])).form == "cannot_conclude"  # curable + undecided: supply first
    assert conclude(_res([undecided, _finding()], stage="decided")).form == "unlawful"


def test_warnings_do_not_change_a_lawful_conclusion_but_are_advised():
    w = _finding(rule="mad.init.proposal-study", severity="warning")
    c = conclude(_res([w]))
    assert c.form == "lawful" and "建议予以完善" in c.text and [i.rule for i in c.advice] == ["mad.init.proposal-study"]
    assert conclude(_res([_finding(rule="mad.init.proposal-study", severity="warning", outcome="indeterminate")])).form == "lawful"


def test_grounds_absent_field_counts_as_fact_and_absence_is_said_so():
    c = conclude(_res([_finding()], stage="decided"))
    assert c.unlawful[0].grounds == "fact" and "未见记载" not in c.text
    c = conclude(_res([_finding(grounds="absence")], stage="decided"))
    assert c.form == "unlawful" and c.unlawful[0].grounds == "absence"
    assert "未见记载" in c.text and "补送" in c.text, "a step the file does not record is not stated as not done"
    ctx = opinion_context(_res([_finding(grounds="absence")], stage="decided"))
    assert ctx["items"][0]["grounds_label"] == "案卷未见记载"
    assert ctx["rectification"][0]["problem"].endswith("（案卷未见记载）")


# ------------------------------------------------------------------------------ the .docx, read back

@pytest.mark.parametrize("rel", list(FORMS))
def test_opinion_docx_reads_back_with_conclusion_and_articles(rel, tmp_path):
    form, label, articles = FORMS[rel]
    out = tmp_path / "审查意见书.docx"
    res = runner.invoke(app, ["opinion", str(DOCS / rel), "-o", str(out), "--number", "原司审〔2024〕7号",
                              "--reviewer", "原州区司法局", "--date", "2024年6月5日"])
    assert res.exit_code == 0, res.output
    paras = _paragraphs(out.read_bytes())
    assert paras[0] == "合法性审查意见书" and paras[1] == "原司审〔2024〕7号"
    r, d = _result(rel)
    assert paras[3] == f"{d.undertaking_unit}：", "addressed to the undertaking unit"
    conclusion = _section(paras, "五、审查结论")
    assert conclusion[0] == label, conclusion
    review = "\n".join(_section(paras, "四、程序审查情况"))
    for a in articles:
        assert a in review, f"each finding's article must be in the procedure review: {a}"
    assert "原州区司法局" in paras and "2024年6月5日" in paras
    assert any(p.startswith("审查人：") for p in paras)
    if form == "not_applicable":
        assert "第三条第二款" in conclusion[1]


def test_opinion_docx_lists_materials_basis_and_every_finding_item_by_item(tmp_path):
    r, d = _result("bad/opinion-revise.yaml")
    data = build_opinion_docx(r, d, date=None)
    paras = _paragraphs(data)
    materials = _section(paras, "二、审查材料")
    assert any("公众参与" in m and "2024年4月10日至2024年4月25日" in m for m in materials)
    assert any("SHA-256" in m and r.manifest.input_sha256 in m for m in materials)
    basis = "\n".join(_section(paras, "三、审查依据"))
    assert "cn.mad.decree-713" in basis and "第 2019.1 版" in basis and "《重大行政决策程序暂行条例》" in basis
    review = _section(paras, "四、程序审查情况")
    head = next(p for p in review if p.startswith("（一）"))
    assert "第十五条第一款" in head and "违反" in head
    i = review.index(head)
    assert review[i + 1].startswith("法定要求：") and "30日" in review[i + 1]
    assert review[i + 2].startswith("案卷记载：")
    assert "认定依据：案卷记载的事实" in review and any(p.startswith("处理意见：") for p in review)
    doc = docx.Document(io.BytesIO(data))
    table = doc.tables[0]  # the item-by-item summary, header repeated on each page
    assert [c.text for c in table.rows[0].cells] == ["序号", "审查事项", "依据", "审查结果"]
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    outcomes = {row.cells[1].text: row.cells[3].text for row in table.rows[1:]}
    assert outcomes["公开征求意见期限一般不少于30日，缩短的应当说明理由"] == "违反"


def test_docx_names_east_asian_fonts_for_word_and_wps():
    r, d = _result("good/opinion-lawful.yaml")
    doc = docx.Document(io.BytesIO(build_opinion_docx(r, d)))
    from docx.oxml.ns import qn
    normal = doc.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == "仿宋" and normal.get(qn("w:ascii")) == "Times New Roman"
    title = doc.paragraphs[0].runs[0]._r.rPr.rFonts
    assert title.get(qn("w:eastAsia")) == "宋体"
    sec = doc.sections[0]
    assert round(sec.page_width.mm) == 210 and round(sec.page_height.mm) == 297


def test_own_letterhead_template_and_a_broken_one(tmp_path):
    tpl = docx.Document()
    tpl.add_paragraph("某县司法局（信笺）")
    tpl.add_paragraph("{{ number }} 关于《{{ matter.title }}》的审查意见")
    tpl.add_paragraph("结论：{{ conclusion.label }}")
    tpl.add_paragraph("{%p for it in items %}")
    tpl.add_paragraph("{{ it.no }}. {{ it.basis }}")
    tpl.add_paragraph("{%p endfor %}")
    path = tmp_path / "letterhead.docx"
    tpl.save(str(path))
    out = tmp_path / "o.docx"
    res = runner.invoke(app, ["opinion", str(DOCS / "bad/opinion-unlawful.yaml"), "-o", str(out), "--template", str(path), "-n", "原司审〔2024〕9号"])
    assert res.exit_code == 0, res.output
    paras = _paragraphs(out.read_bytes())
    assert paras[0] == "某县司法局（信笺）"
    assert paras[1] == "原司审〔2024〕9号 关于《原州区中小学校布局调整规划（2024—2030年）》的审查意见"
    assert paras[2] == "结论：不合法"
    assert paras[3] == "1. 《重大行政决策程序暂行条例》第十五条第一款"
    bad = docx.Document()
    bad.add_paragraph("{{ conclusion.label ")
    bad.save(str(tmp_path / "bad.docx"))
    res = runner.invoke(app, ["opinion", str(DOCS / "bad/opinion-unlawful.yaml"), "-o", str(tmp_path / "b.docx"), "--template", str(tmp_path / "bad.docx")])
    assert res.exit_code == 2 and "模板无法使用" in res.output and "Traceback" not in res.output


def test_markdown_and_html_carry_the_same_conclusion(tmp_path):
    md = runner.invoke(app, ["opinion", str(DOCS / "bad/opinion-revise.yaml"), "-f", "md"])
    assert md.exit_code == 0 and "**修改后提交**" in md.stdout and "第十五条第一款" in md.stdout
    out = tmp_path / "o.html"
    res = runner.invoke(app, ["opinion", str(DOCS / "bad/opinion-revise.yaml"), "-o", str(out)])
    assert res.exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert 'data-form="revise"' in html and "@media print" in html and "white-space: nowrap" in html
    en = runner.invoke(app, ["opinion", str(DOCS / "bad/opinion-revise.yaml"), "-f", "md", "--lang", "en"])
    assert en.exit_code == 0 and "revise and resubmit" in en.stdout and "Art. 15" in en.stdout


def test_bad_options_exit_2_with_a_message(tmp_path):
    f = str(DOCS / "good/opinion-lawful.yaml")
    for args, text in ((["opinion", f], "docx 需要用 -o"),
                       (["opinion", f, "-o", str(tmp_path / "o.docx"), "--stage", "月球"], "未知阶段"),
                       (["opinion", f, "-f", "pdf"], "--format 只能是"),
                       (["opinion", f, "-o", str(tmp_path / "o.docx"), "--rectification", str(tmp_path / "r.csv")], ".xlsx 或 .docx"),
                       (["opinion", f, "-o", str(tmp_path / "o.docx"), "--date", "明天"], "--date 不是日期"),
                       (["opinion", str(tmp_path / "none.yaml"), "-o", str(tmp_path / "o.docx")], "找不到案卷文件")):
        res = runner.invoke(app, args)
        assert res.exit_code == 2 and text in res.output, (args, res.output)


# ------------------------------------------------------------------------------ 整改清单

def test_rectification_xlsx_rows(tmp_path):
    out, rect = tmp_path / "o.docx", tmp_path / "整改清单.xlsx"
    res = runner.invoke(app, ["opinion", str(DOCS / "bad/opinion-revise.yaml"), "-o", str(out), "--rectification", str(rect)])
    assert res.exit_code == 0, res.output
    ws = openpyxl.load_workbook(rect).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[1] == ("序号", "问题", "依据", "整改要求", "责任单位", "整改时限", "状态")
    data = rows[2:]
    assert len(data) == 1
    no, problem, basis, requirement, unit, deadline, status = data[0]
    assert no == 1 and basis == "《重大行政决策程序暂行条例》第十五条第一款"
    assert "15" in problem or "十五" in problem or "30" in problem, problem
    assert unit == "原州区教育体育局" and deadline == "提请集体讨论前" and status == "待整改"


def test_rectification_deadline_parameter_and_responsible_body(tmp_path):
    r, d = _result("bad/opinion-unlawful.yaml")
    ws = openpyxl.load_workbook(io.BytesIO(build_rectification_xlsx(r, d, deadline="2024年7月31日"))).active
    row = list(ws.iter_rows(min_row=3, values_only=True))[0]
    assert row[5] == "2024年7月31日"
    # a rule whose article names the decision body: the decision body is responsible
    meeting = _res([_finding(rule="mad.coll.meeting-type", basis="《重大行政决策程序暂行条例》第三十条第一款")], stage="decided")
    ws = openpyxl.load_workbook(io.BytesIO(build_rectification_xlsx(meeting))).active
    assert list(ws.iter_rows(min_row=3, values_only=True))[0][4] == "某县人民政府"


def test_rectification_for_several_dossiers_is_grouped_by_unit_and_docx_table_reads_back():
    a = _res([_finding()], stage="decided")
    b = dict(_res([_finding(), _finding(rule="mad.coll.meeting-type")], stage="decided"), dossier="X-2", undertaking_unit="另一局")
    ws = openpyxl.load_workbook(io.BytesIO(build_rectification_xlsx([a, b]))).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[1][:3] == ("序号", "案卷编号", "决策事项")
    groups = [r[0] for r in rows if r[0] and str(r[0]).startswith("责任单位：")]
    assert groups == ["责任单位：另一局（1 项）", "责任单位：某县人民政府（1 项）", "责任单位：某局（1 项）"]
    d = docx.Document(io.BytesIO(build_rectification_docx([a, b])))
    t = d.tables[0]
    assert [c.text for c in t.rows[0].cells] == ["序号", "案卷编号", "问题", "依据", "整改要求", "责任单位", "整改时限", "状态"]
    body = [[c.text for c in row.cells] for row in t.rows[1:]]
    assert sum(1 for r in body if r[0].startswith("责任单位：")) == 3
    assert sum(1 for r in body if r[0].isdigit()) == 3


def test_a_violation_that_holds_only_if_the_matter_is_major_asks_for_confirmation():
    f = _finding(conditional=True, needed=["是否重大行政决策"])
    c = conclude(_res([f], stage="decided"))
    assert c.form == "cannot_conclude" and "确认该事项是否属于重大行政决策事项" in c.supplement[0]


def test_a_normative_document_gets_a_review_opinion_in_its_own_words(tmp_path):
    out = tmp_path / "审核意见书.docx"
    res = runner.invoke(app, ["opinion", str(ROOT / "cases/normative/bad/deliberated-before-review.yaml"), "-o", str(out)])
    assert res.exit_code == 0, res.output
    paras = _paragraphs(out.read_bytes())
    assert paras[0] == "合法性审核意见书"
    conclusion = _section(paras, "五、审查结论")
    assert conclusion[0] == "不合法" and "该规范性文件" in conclusion[1] and "集体审议" in conclusion[1]
    assert "决策" not in conclusion[1]


@pytest.mark.parametrize("form", ["lawful", "revise", "unlawful", "cannot_conclude", "not_applicable"])
def test_example_opinions_in_cases_are_current(form):
    from engine.documents.conclusion import FORM_ZH
    from engine.documents.make_template import example_opinion
    path = DOCS / "opinions" / f"{form}.md"
    text = example_opinion(form, ROOT)
    if os.environ.get("JUECE_UPDATE_GOLDEN", "") not in ("", "0", "false", "no"):  # like the golden files
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text, f"{path} is out of date: run python -m engine.documents.make_template"
    assert f"**{FORM_ZH[form]}**" in text


def test_check_format_docx_points_to_the_opinion_command():
    res = runner.invoke(app, ["check", str(ROOT / "cases/examples/peng-yang-heating-price.yaml"), "-f", "docx"])
    assert res.exit_code == 2 and "juece opinion" in res.output


def test_opinion_rectification_as_docx_table(tmp_path):
    out, rect = tmp_path / "o.md", tmp_path / "整改清单.docx"
    res = runner.invoke(app, ["opinion", str(DOCS / "bad/opinion-unlawful.yaml"), "-o", str(out), "--rectification", str(rect),
                              "--deadline", "2024年7月31日"])
    assert res.exit_code == 0, res.output
    d = docx.Document(str(rect))
    assert d.paragraphs[0].text == "整改清单" and "原州区中小学校布局调整规划" in d.paragraphs[1].text
    t = d.tables[0]
    assert [c.text for c in t.rows[0].cells] == ["序号", "问题", "依据", "整改要求", "责任单位", "整改时限", "状态"]
    assert [c.text for c in t.rows[1].cells][2:] == ["《重大行政决策程序暂行条例》第十五条第一款",
                                                     t.rows[1].cells[3].text, "原州区教育体育局", "2024年7月31日", "待整改"]
    assert d.sections[0].orientation == 1  # landscape


def test_shipped_template_is_what_make_template_writes(tmp_path):
    from engine.documents import OPINION_DOCX
    from engine.documents.make_template import build
    fresh = build(tmp_path / "opinion.docx")
    assert fresh.read_bytes() == OPINION_DOCX.read_bytes(), "run python -m engine.documents.make_template and commit the .docx"


def test_builders_take_a_results_jsonl_line_as_well(tmp_path):
    import json
    r, _ = _result("bad/opinion-unlawful.yaml")
    line = json.loads(r.model_dump_json())
    paras = _paragraphs(build_opinion_docx(line, number="X〔2024〕1号"))
    assert paras[1] == "X〔2024〕1号" and _section(paras, "五、审查结论")[0] == "不合法"
    assert "（案卷未列明程序材料）" in _section(paras, "二、审查材料"), "without the dossier the materials are not invented"
    ws = openpyxl.load_workbook(io.BytesIO(build_rectification_xlsx(line))).active
    assert list(ws.iter_rows(min_row=3, values_only=True))[0][2] == "《重大行政决策程序暂行条例》第十五条第一款"
