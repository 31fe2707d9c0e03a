"""`juece audit … --rectification` and `--annual-report YEAR`: every number traced back to results.jsonl."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import openpyxl
import pytest
from typer.testing import CliRunner

from engine.audit.cli import run_audit
from engine.audit.sample import generate
from engine.cli import app

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


@pytest.fixture(scope="module")
def audit(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("annual-src")
    generate(40, src, seed=5, defects=0.15, unknown=0.08, jobs=1)
    out = tmp_path_factory.mktemp("annual") / "out"
    run_audit([str(src), str(ROOT / "cases" / "normative")], out, jobs=1, quiet=True)
    return out


def _lines(out: Path) -> list[dict]:
    return [json.loads(x) for x in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]


def _year_with_most(out: Path) -> int:
    from collections import Counter
    return Counter(o["year"] for o in _lines(out) if o.get("year")).most_common(1)[0][0]


def test_annual_report_numbers_are_counts_of_results_lines(audit):
    year = _year_with_most(audit)
    res = runner.invoke(app, ["audit", "-o", str(audit), "--summarize-only", "--annual-report", str(year)])
    assert res.exit_code in (0, 1), res.output  # the audit's own code: 1 when a dossier is not compliant
    data = json.loads((audit / f"annual-report-{year}.json").read_text(encoding="utf-8"))
    lines = [o for o in _lines(audit) if o.get("year") == year]
    mad = next(s for s in data["sections"] if s["kind"] == "mad")
    from engine import rulesets
    mad_lines = [o for o in lines if not (o.get("ruleset") or {}).get("id") or rulesets.load(o["ruleset"]["id"]).index.kind == "mad"]
    assert mad["checked"] == len(mad_lines)
    applicable = [o for o in mad_lines if o["applicable"]]
    assert mad["applicable"] == len(applicable)
    assert mad["compliant"] == sum(1 for o in applicable if o["compliant"])
    # every rate: numerator = satisfied, denominator = satisfied + violated, recomputed from the lines
    from engine.audit.summary import rate_status
    from engine.documents.annual import rates_for
    for rd, r in zip(rates_for("mad"), mad["rates"]):
        st = [rate_status(o["rule_outcomes"], rd) for o in applicable]
        assert (r["numerator"], r["denominator"], r["indeterminate"]) == (st.count("done"), st.count("done") + st.count("violated"), st.count("indeterminate")), rd.id
        assert sorted(r["files"].get("done", [])) == sorted(o["file"] for o, s in zip(applicable, st) if s == "done")
    assert [r["id"] for r in mad["rates"][:5]] == ["public_participation", "expert_review", "risk_assessment", "legality_review", "collective_discussion"]
    # the main problems: dossiers with that rule violated
    for p in mad["problems"]:
        assert p["dossiers"] == sum(1 for o in applicable if any(f["rule"] == p["rule"] and f["outcome"] == "violated" for f in o["findings"]))


def test_annual_report_docx_and_md_say_only_what_the_data_shows(audit):
    year = _year_with_most(audit)
    runner.invoke(app, ["audit", "-o", str(audit), "--summarize-only", "--annual-report", str(year)])
    data = json.loads((audit / f"annual-report-{year}.json").read_text(encoding="utf-8"))
    md = (audit / f"annual-report-{year}.md").read_text(encoding="utf-8")
    mad = next(s for s in data["sections"] if s["kind"] == "mad")
    assert f"{year}年纳入审核的重大行政决策案卷 {mad['checked']} 件" in md, "it counts the dossiers audited, not all decisions made"
    assert "全年作出" not in md and "全部决策" not in md
    pp = mad["rates"][0]
    assert f"| 公众参与率 | {pp['denominator']} | {pp['numerator']} | {pp['percent']} |" in md
    d = docx.Document(str(audit / f"annual-report-{year}.docx"))
    text = "\n".join(p.text for p in d.paragraphs)
    assert "一、重大行政决策" in text and "（一）各项程序履行情况" in text and "（二）无法确定的事项及原因" in text
    assert "（三）发现的主要问题" in text and "（四）整改情况" in text
    rates = d.tables[0]
    assert [c.text for c in rates.rows[0].cells][:4] == ["程序", "应当履行（分母）", "依法履行（分子）", "履行率"]
    assert [c.text for c in rates.rows[1].cells][:4] == ["公众参与率", str(pp["denominator"]), str(pp["numerator"]), pp["percent"]]
    if mad["problems"]:
        top = mad["problems"][0]
        assert top["basis"] in md and top["basis"] in "\n".join(c.text for t in d.tables for r in t.rows for c in r.cells)
    nd = [s for s in data["sections"] if s["kind"] == "normative_document"]
    if nd:
        assert "行政规范性文件" in text and "合法性审核率" in md
    assert "审核结果不记录整改是否完成" in md or "没有需要整改的事项" in md


def test_annual_report_for_a_year_without_dossiers(audit):
    res = runner.invoke(app, ["audit", "-o", str(audit), "--summarize-only", "--annual-report", "1990"])
    assert res.exit_code in (0, 1), res.output
    assert "审核结果中没有1990年的案卷" in (audit / "annual-report-1990.md").read_text(encoding="utf-8")
    bad = runner.invoke(app, ["audit", "-o", str(audit), "--summarize-only", "--annual-report", "23"])
    assert bad.exit_code == 2 and "应为年份" in bad.output


def test_audit_rectification_xlsx_is_grouped_by_unit_and_counts_every_finding(audit, tmp_path):
    path = tmp_path / "整改清单.xlsx"
    res = runner.invoke(app, ["audit", "-o", str(audit), "--summarize-only", "--rectification", str(path)])
    assert res.exit_code in (0, 1), res.output
    ws = openpyxl.load_workbook(path).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[1] == ("序号", "案卷编号", "决策事项", "问题", "依据", "整改要求", "责任单位", "整改时限", "状态")
    data = [r for r in rows[2:] if isinstance(r[0], int)]
    groups = [r[0] for r in rows[2:] if isinstance(r[0], str)]
    lines = [o for o in _lines(audit) if o["applicable"]]
    expected = sum(1 for o in lines for f in o["findings"]
                   if f["outcome"] == "violated" or (f["outcome"] == "indeterminate" and f["severity"] == "violation"))
    assert len(data) == expected and [r[0] for r in data] == list(range(1, expected + 1))
    units = [r[6] for r in data]
    assert units == sorted(units), "rows are grouped by responsible unit"
    for g in groups:
        unit, n = g[len("责任单位："):].rsplit("（", 1)
        assert units.count(unit) == int(n.split(" ")[0])
    assert all(r[4] and r[4].startswith("《") for r in data), "every row cites its article"
    bad = runner.invoke(app, ["audit", "-o", str(audit), "--summarize-only", "--rectification", str(tmp_path / "x.csv")])
    assert bad.exit_code == 2 and ".xlsx 或 .docx" in bad.output


def test_one_audit_run_writes_both_documents_and_english_works(tmp_path):
    src = tmp_path / "src"
    generate(8, src, seed=9, defects=0.3, unknown=0.0, jobs=1)
    out, rect = tmp_path / "out", tmp_path / "rect.docx"
    res = runner.invoke(app, ["audit", str(src), "-o", str(out), "-j", "1", "-q", "--lang", "en",
                              "--rectification", str(rect), "--annual-report", str(_year_with_most_src(src))])
    assert res.exit_code in (0, 1), res.output
    year = _year_with_most(out)
    md = (out / f"annual-report-{year}.md").read_text(encoding="utf-8")
    assert "Procedures" in md and "Every number here comes from the juece audit results" in md
    t = docx.Document(str(rect)).tables[0]
    assert [c.text for c in t.rows[0].cells][:3] == ["No.", "Dossier", "Problem"]
    lines = _lines(out)
    n = sum(1 for o in lines if o["applicable"] for f in o["findings"]
            if f["outcome"] == "violated" or (f["outcome"] == "indeterminate" and f["severity"] == "violation"))
    assert sum(1 for r in t.rows[1:] if r.cells[0].text.isdigit()) == n


def _year_with_most_src(src: Path) -> int:
    import yaml
    from collections import Counter
    years = Counter()
    for p in src.rglob("*.yaml"):
        d = yaml.safe_load(p.read_text(encoding="utf-8"))
        for k in ("决策日期", "decision_date"):
            if d.get(k):
                years[int(str(d[k])[:4])] += 1
    return years.most_common(1)[0][0] if years else 2023


def test_annual_report_counts_the_status_the_units_filled_in(audit, tmp_path):
    year = _year_with_most(audit)
    path = tmp_path / "整改清单.xlsx"
    assert runner.invoke(app, ["audit", "-o", str(audit), "--summarize-only", "--rectification", str(path)]).exit_code in (0, 1)
    in_year = {o["dossier"] for o in _lines(audit) if o.get("year") == year}
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    mine = [r for r in ws.iter_rows(min_row=3) if isinstance(r[0].value, int) and r[1].value in in_year]
    assert len(mine) >= 2
    mine[0][8].value = "已整改"
    mine[1][8].value = "整改中"
    wb.save(path)
    res = runner.invoke(app, ["audit", "-o", str(audit), "--summarize-only", "--annual-report", str(year), "--rectification-status", str(path)])
    assert res.exit_code in (0, 1), res.output
    md = (audit / f"annual-report-{year}.md").read_text(encoding="utf-8")
    data = json.loads((audit / f"annual-report-{year}.json").read_text(encoding="utf-8"))
    filled = {}
    for s in data["sections"]:
        for k, v in (s["rectification"]["filled"] or {}).items():
            filled[k] = filled.get(k, 0) + v
    assert filled.get("已整改") == 1 and filled.get("整改中") == 1
    assert "已整改 1 项" in md and "整改状态为各单位所填，审核未予核实" in md
    bad = runner.invoke(app, ["audit", "-o", str(audit), "--summarize-only", "--annual-report", str(year), "--rectification-status", str(tmp_path / "none.xlsx")])
    assert bad.exit_code == 2
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a workbook")
    bad = runner.invoke(app, ["audit", "-o", str(audit), "--summarize-only", "--annual-report", str(year), "--rectification-status", str(junk)])
    assert bad.exit_code == 2 and "无法读取整改清单" in bad.output and "Traceback" not in bad.output
