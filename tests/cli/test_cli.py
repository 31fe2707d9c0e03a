"""The CLI as lawyers and CI use it: exit codes, formats, languages, bad input."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from engine.cli import app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = str(ROOT / "cases/examples/peng-yang-heating-price.yaml")
runner = CliRunner(env={"COLUMNS": "600"})  # wide enough that no table cell wraps


def bad_dossier(tmp_path: Path) -> str:
    text = Path(EXAMPLE).read_text(encoding="utf-8").replace("会议类型: 常务会议", "会议类型: 专题会议")
    p = tmp_path / "wrong-meeting.yaml"
    p.write_text(text, encoding="utf-8")
    return str(p)


def test_readme_command_compliant_example_exits_0():
    r = runner.invoke(app, ["check", EXAMPLE])
    assert r.exit_code == 0, r.output
    assert "合规" in r.output and "彭阳县城区集中供热价格调整方案" in r.output


def test_violation_exits_1_and_cites_article_30(tmp_path):
    r = runner.invoke(app, ["check", bad_dossier(tmp_path)])
    assert r.exit_code == 1
    assert "第三十条第一款" in r.output and "常务会议或者全体会议" in r.output


def test_unusable_input_exits_2_and_wins_over_1(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("编号: [未闭合\n", encoding="utf-8")
    r = runner.invoke(app, ["check", bad_dossier(tmp_path), str(broken)])
    assert r.exit_code == 2
    assert "broken.yaml:" in r.output and "Traceback" not in r.output


def test_json_shape_and_manifest(tmp_path):
    r = runner.invoke(app, ["check", bad_dossier(tmp_path), "--format", "json"])
    data = json.loads(r.stdout)
    assert isinstance(data, list) and len(data) == 1
    d = data[0]
    for key in ("dossier", "file", "ruleset", "stage", "applicable", "compliant", "findings", "manifest"):
        assert key in d
    f = next(f for f in d["findings"] if f["rule"] == "mad.coll.meeting-type")
    assert f["severity"] == "violation" and f["basis"].startswith("《重大行政决策程序暂行条例》第三十条") and f["evidence"]
    m = d["manifest"]
    assert m["ruleset"] == "cn.mad.decree-713" and len(m["ruleset_hash"]) == 64 and len(m["input_sha256"]) == 64
    assert m["ruleset_date"] == "2023-07-12"


def test_english_output(tmp_path):
    r = runner.invoke(app, ["check", bad_dossier(tmp_path), "--lang", "en"])
    assert "standing or plenary meeting" in r.output and "Art. 30" in r.output


def test_stage_option_in_chinese():
    r = runner.invoke(app, ["check", EXAMPLE, "--stage", "集体讨论前", "--format", "json"])
    assert json.loads(r.stdout)[0]["stage"] == "discussion"
    r = runner.invoke(app, ["check", EXAMPLE, "--stage", "明天"])
    assert r.exit_code == 2 and "未知阶段" in r.output


def test_markdown_and_html_reports(tmp_path):
    bad = bad_dossier(tmp_path)
    md = runner.invoke(app, ["check", bad, "--format", "md"]).stdout
    assert "第三十条第一款" in md and md.startswith("# 重大行政决策程序合规检查报告")
    out = tmp_path / "r.html"
    runner.invoke(app, ["check", bad, "--format", "html", "--explain", "-o", str(out)])
    html = out.read_text(encoding="utf-8")
    assert '<meta charset="utf-8">' in html and 'data-rule="mad.coll.meeting-type"' in html and "不适用" in html


def test_rulesets_list_json():
    data = json.loads(runner.invoke(app, ["rulesets", "list", "--format", "json"]).stdout)
    national = next(r for r in data if r["id"] == "cn.mad.decree-713")
    assert national["jurisdiction"] == "CN" and national["valid_from"] == "2019-09-01" and national["rules"] >= 40


def test_rulesets_show():
    r = runner.invoke(app, ["rulesets", "show", "cn.mad.decree-713"])
    assert r.exit_code == 0 and "mad.legal.before-discussion" in r.output and "第二十五条" in r.output


def test_lint_national_ruleset_is_clean():
    r = runner.invoke(app, ["rulesets", "lint", str(ROOT / "rulesets/national/decree-713")])
    assert r.exit_code == 0, r.output


def test_lint_rejects_a_loosened_local_ruleset(tmp_path):
    """A local layer may not shorten the 30-day comment period or drop a rule without a legal reason."""
    (tmp_path / "index.yaml").write_text("""
id: test.loose
title: {zh: 放宽的地方规则集, en: loosened}
version: "1"
law: {zh: 《某地规定》}
jurisdiction: "6404"
valid_from: 2021-01-01
extends: cn.mad.decree-713
parameters:
  comment_min_days:
    value: 20
    unit: calendar_days
    basis: {article: 9}
    description: {zh: 征求意见期限}
disable:
  - {rule: mad.expert.trigger}
""", encoding="utf-8")
    r = runner.invoke(app, ["rulesets", "lint", str(tmp_path)])
    assert r.exit_code == 2  # a ruleset that loosens the law is unusable (docs/exit-codes.md)
    assert "comment_min_days=20" in r.output and "第十五条第一款" in r.output
    assert "mad.expert.trigger" in r.output and "第十九条" in r.output


def test_html_report_escapes_dossier_text(tmp_path):
    """A title containing markup is shown as text, never run as script in the reviewer's browser."""
    p = tmp_path / "x.yaml"
    p.write_text('编号: X-1\n标题: "<script>alert(1)</script>关于调整"\n阶段: 起草\n', encoding="utf-8")
    html = runner.invoke(app, ["check", str(p), "--format", "html"]).stdout
    assert "<script>" not in html and "&lt;script&gt;" in html
