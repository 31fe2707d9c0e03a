"""What a reviewer reads: findings that name what is missing and where, the counting rule of a
period, rulesets as tables of duties, and spec reports that tell outline rows apart (issue 19 §4)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from engine.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "cases/examples/peng-yang-heating-price.yaml"
runner = CliRunner(env={"COLUMNS": "400"})


def findings(path: Path, *extra: str) -> list[dict]:
    return json.loads(runner.invoke(app, ["check", str(path), "--format", "json", *extra]).stdout)[0]["findings"]


def test_art_29_finding_names_the_missing_item():
    f = next(f for f in findings(ROOT / "cases/collective_discussion/bad/draft-not-in-package.yaml")
             if f["rule"] == "mad.coll.meeting-package")
    assert "未包括合法性审查意见" in f["message"] and "第二十九条第（五）项" in f["message"]
    assert "决策草案或" not in f["message"]


def test_meeting_type_evidence_names_the_recorded_value(tmp_path):
    p = tmp_path / "office.yaml"
    p.write_text(EXAMPLE.read_text(encoding="utf-8").replace("会议类型: 常务会议", "会议类型: 县长办公会议"), encoding="utf-8")
    f = next(f for f in findings(p) if f["rule"] == "mad.coll.meeting-type")
    value = f["evidence"][0]["value"]
    assert "会议类型：县长办公会议" in value and "程序第" in value, value
    text = runner.invoke(app, ["check", str(p)]).stdout
    assert "会议类型：县长办公会议" in text.replace("\n", "").replace("│", "").replace(" ", "")


def test_evidence_points_where_the_user_wrote_in_chinese_and_english():
    path = ROOT / "cases/collective_discussion/bad/draft-not-in-package.yaml"
    zh = runner.invoke(app, ["check", str(path), "--format", "md"]).stdout
    assert "程序第" in zh and "项（集体讨论决定）" in zh and "procedures[" not in zh
    en = runner.invoke(app, ["check", str(path), "--format", "md", "--lang", "en"]).stdout
    assert "procedures[" in en and "(collective_discussion)" in en


def test_period_finding_states_the_counting_rule():
    f = next(f for f in findings(ROOT / "cases/public_participation/bad/comment-20-days-no-reason.yaml")
             if any(e["fact"] == "days" for e in f["evidence"]))
    rule = next(e for e in f["evidence"] if e["fact"] == "day_counting")
    assert rule["value"] == "期间开始的当日不计入，参照《民法典》第二百零一条" and "Civil Code Art. 201" in rule["value_en"]


def test_rulesets_show_reads_like_a_table_of_duties():
    out = runner.invoke(app, ["rulesets", "show", "cn.mad.decree-713"]).stdout
    assert '{"' not in out and "when" not in out and "calendar_days" not in out
    import re
    blocks = re.split(r"\n  (?=\S)", out)
    may = next(b for b in blocks if "[mad.draft.cost-benefit]" in b)
    assert "义务：可以" in may and "违反时" not in may
    must = next(b for b in blocks if "[mad.legal.before-discussion]" in b)
    assert "义务：应当" in must and "违反时：违法" in must and "检查：" in must


def test_rulesets_diff_and_lint_speak_chinese_and_count():
    out = runner.invoke(app, ["rulesets", "diff", "cn.mad.decree-713", "ningxia.pengyang.2018"]).stdout
    assert "行政区划: CN → 640425" in out and "废止日期: （无） → 2020-12-31" in out and "jurisdiction" not in out
    out = runner.invoke(app, ["rulesets", "lint", str(ROOT / "rulesets/national/decree-713")]).stdout
    assert "已检查 1 个规则集" in out and "条规则（可自动检查" in out and "规则集检查通过" in out


def test_mistyped_step_suggests_the_phrase_it_resembles():
    from engine.specs.phrases import closest
    assert closest("该案卷没做合法性审查")[0].template == "该案卷没有{proc}记录"
    assert closest("该决策于2019年8月31日做出")[0].template == "该决策于{date}作出"


def test_outline_rows_are_told_apart(tmp_path):
    from engine.specs import report
    f = tmp_path / "outline.feature"
    f.write_text("""# language: zh-CN
功能: 例子行
  场景大纲: 排除情形
    假如 适用规则集“cn.mad.decree-713”
    而且 一份程序完备的重大行政决策案卷
    而且 该决策事项属于<排除情形>
    那么 本规则集不适用于该案卷
    例子:
      | 排除情形     |
      | 宏观调控决策 |
      | 政府立法决策 |
""", encoding="utf-8")
    res = report.run([str(f)])
    names = [s["scenario"] for s in res.scenarios]
    assert len(names) == 2 and len(set(names)) == 2 and any("宏观调控决策" in n for n in names), names
