"""Layered rulesets, effective dates, lint against loosening, and the ruleset tools (diff/docs/impact)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from engine import rulesets
from engine.check import check
from engine.cli import app
from engine.tools.lint import lint_path
from engine.load import load_dossier

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()
LOCAL = ["ningxia.pengyang.2018", "jiangsu.yixing.2012", "sichuan.wanyuan.2019", "jiangxi.ganzhou.2022", "hunan.ningyuan.2021"]


def _check(rel: str):
    return check(load_dossier(ROOT / rel, name=rel))


# ------------------------------------------------------------------------------ selection

@pytest.mark.parametrize("code,on,want", [
    ("640425", dt.date(2020, 6, 1), "ningxia.pengyang.2018"),   # 彭阳 in 2020: the county layer over 713
    ("640425", dt.date(2023, 6, 1), "cn.mad.decree-713"),       # its plan period is over
    ("640402", dt.date(2020, 6, 1), "cn.mad.decree-713"),       # another 固原 district: not 彭阳's layer
    ("320282", dt.date(2013, 1, 11), "jiangsu.yixing.2012"),    # 宜兴 before 713
    ("320282", dt.date(2023, 1, 11), "cn.mad.decree-713"),      # 宜兴 after 713
    ("511781", dt.date(2023, 7, 1), "sichuan.wanyuan.2019"),
    ("360702", dt.date(2023, 7, 1), "jiangxi.ganzhou.2022"),    # a 赣州 district inherits the city's layer
    ("431126", dt.date(2022, 8, 2), "cn.mad.decree-713"),       # the day before 宁远's plan was issued
    ("431126", dt.date(2022, 8, 3), "hunan.ningyuan.2021"),
    ("431126", dt.date(2026, 1, 1), "cn.mad.decree-713"),
])
def test_most_specific_ruleset_in_force(code, on, want):
    rs, why, why_en = rulesets.select(code, on)
    assert rs is not None and rs.id == want, why
    assert want in why and str(on) in why


def test_no_ruleset_before_713_outside_yixing():
    rs, why, _ = rulesets.select("640425", dt.date(2018, 6, 1))
    assert rs is None and "2018-06-01" in why


def test_pengyang_2020_dossier_is_checked_under_the_county_layer_and_says_why():
    r = _check("cases/local/pengyang/good/heating-price-2020.yaml")
    assert r.ruleset["id"] == "ningxia.pengyang.2018"
    sel = r.manifest.selection
    assert "决策日期 2020-08-02" in sel and "640425" in sel and "ningxia.pengyang.2018 → cn.mad.decree-713" in sel
    assert "2019-09-01 至 2020-12-31" in sel
    assert "chosen for decision date 2020-08-02" in r.manifest.selection_en


def test_yixing_2013_dossier_is_checked_under_the_2012_rules_and_says_why():
    r = _check("cases/local/yixing/good/old-community-renovation-2013.yaml")
    assert r.ruleset["id"] == "jiangsu.yixing.2012" and r.compliant
    sel = r.manifest.selection
    assert "2013-01-11" in sel and "集体讨论日期" in sel and "2012-08-23 至 2019-08-31" in sel


def test_yixing_2023_dossier_stays_under_713_and_names_the_2012_rules_passed_over():
    r = _check("cases/complete/good/yixing-old-community-renovation.yaml")
    assert r.ruleset["id"] == "cn.mad.decree-713"
    assert "jiangsu.yixing.2012" in r.manifest.selection  # passed over: not in force in 2023


def test_ruleset_option_overrides_selection():
    loaded = load_dossier(ROOT / "cases/local/pengyang/good/heating-price-2020.yaml")
    r = check(loaded, ruleset_id="cn.mad.decree-713")
    assert r.ruleset["id"] == "cn.mad.decree-713" and "--ruleset" in r.manifest.selection


def test_selection_is_by_dossier_kind(tmp_path):
    d = tmp_path / "nd.yaml"
    d.write_text("编号: ND-1\n案卷类型: 行政规范性文件\n标题: 某规范性文件\n行政区划: \"640425\"\n决策日期: 2020-05-01\n", encoding="utf-8")
    r = check(load_dossier(d))
    assert r.ruleset["id"] != "ningxia.pengyang.2018"  # MAD rulesets never check a normative document


# ------------------------------------------------------------------------------ layers

def test_layer_inherits_parent_rules_citing_the_parents_law():
    from engine.prose import cite
    rs = rulesets.load("ningxia.pengyang.2018")
    assert rs.lineage == ["ningxia.pengyang.2018", "cn.mad.decree-713"]
    assert cite(rs.rule("mad.legal.before-discussion").basis, rs) == "《重大行政决策程序暂行条例》第二十五条第一款"
    assert cite(rs.rule("ningxia.pengyang.risk.gate").basis, rs).startswith("《彭阳县巩固提升")


def test_tightening_rule_replaces_the_parent_rule_in_place():
    rs = rulesets.load("hunan.ningyuan.2021")
    ids = [r.id for r in rs.rules]
    assert "mad.adjust.due-process" not in ids and "hunan.ningyuan.adjust.post-evaluation" in ids
    parent_ids = [r.id for r in rulesets.load("cn.mad.decree-713").rules]
    assert ids.index("hunan.ningyuan.adjust.post-evaluation") == parent_ids.index("mad.adjust.due-process")


def test_layer_is_in_force_only_while_its_parent_is():
    rs = rulesets.load("sichuan.wanyuan.2019")
    assert rs.index.valid_from == dt.date(2019, 9, 1) and not rs.in_force(dt.date(2019, 8, 31))


def test_section_citations_read_naturally():
    from engine.prose import cite
    rs = rulesets.load("jiangsu.yixing.2012")
    assert cite(rs.rule("yixing2012.hearing.public-interest").basis, rs) == "《宜兴市人民政府关于加快推进法治政府建设的实施意见》第二部分（三）第8项"
    assert cite(rs.rule("yixing2012.hearing.public-interest").basis, rs, "en").endswith("Part 2 (3) item 8")


# ------------------------------------------------------------------------------ list

def test_list_json_has_every_ruleset_with_its_window():
    r = runner.invoke(app, ["rulesets", "list", "--format", "json"])
    assert r.exit_code == 0, r.output
    rows = {x["id"]: x for x in json.loads(r.output)}
    for rid in ["cn.mad.decree-713", *LOCAL]:
        assert rid in rows
        assert {"id", "title", "jurisdiction", "valid_from", "valid_to", "extends", "rules"} <= set(rows[rid])
    assert rows["jiangsu.yixing.2012"]["extends"] is None and rows["jiangsu.yixing.2012"]["valid_to"] == "2019-08-31"
    assert rows["ningxia.pengyang.2018"]["extends"] == "cn.mad.decree-713"


# ------------------------------------------------------------------------------ lint

@pytest.mark.parametrize("folder", ["rulesets/national/decree-713", "rulesets/local"])
def test_shipped_rulesets_lint_clean(folder):
    problems = lint_path(ROOT / folder)
    assert not problems, "\n".join(p.text() for p in problems)


def _layer(tmp_path, index_extra: str = "", rules: str = "") -> Path:
    (tmp_path / "index.yaml").write_text(f"""
id: test.layer
title: {{zh: 测试层}}
version: "1"
law: {{zh: 《某地规定》}}
jurisdiction: "6404"
valid_from: 2021-01-01
extends: cn.mad.decree-713
{index_extra}""", encoding="utf-8")
    if rules:
        (tmp_path / "rules.yaml").write_text("section: {zh: 测试}\nrules:\n" + rules, encoding="utf-8")
    return tmp_path


def _codes(problems):
    return {(p.code, p.rule) for p in problems}


def test_lint_rejects_a_lower_severity_naming_the_parent_article(tmp_path):
    rules = """  - id: test.legal
    tightens: mad.legal.before-discussion
    title: {zh: 合法性审查}
    basis: {article: 3, text: 某某。}
    modality: MUST
    severity: warning
    due: discussion
    checks:
      - required: {procedure: legality_review, where: [{field: form, not_in: [consultation_reply]}]}
      - due: decided
        precedes:
          before: {procedure: legality_review, date: opinion_date, where: [{field: form, not_in: [consultation_reply]}]}
          after: {procedure: collective_discussion, date: date}
    message: {zh: 未审查}
    remedy: {zh: 审查}
"""
    problems = lint_path(_layer(tmp_path, rules=rules))
    texts = "\n".join(p.text() for p in problems)
    assert ("ruleset.loosens-parent", "test.legal") in _codes(problems)
    assert "mad.legal.before-discussion" in texts and "第二十五条第一款" in texts and "violation" in texts


def test_lint_rejects_a_dropped_check_a_later_stage_and_an_added_condition(tmp_path):
    rules = """  - id: test.legal
    tightens: mad.legal.before-discussion
    title: {zh: 合法性审查}
    basis: {article: 3, text: 某某。}
    modality: MUST
    due: decided
    when: [{fact: specialised, is: true}]
    check:
      required: legality_review
    message: {zh: 未审查}
    remedy: {zh: 审查}
"""
    texts = "\n".join(p.text() for p in lint_path(_layer(tmp_path, rules=rules)))
    assert "推迟" in texts and "增加了适用条件" in texts and "没有保留其第 1 项检查" in texts


def test_lint_accepts_a_genuine_tightening(tmp_path):
    params = """parameters:
  comment_min_days:
    value: 45
    unit: calendar_days
    basis: {article: 9, text: 公开征求意见的期限不少于45日。}
    description: {zh: 征求意见期限}
"""
    problems = [p for p in lint_path(_layer(tmp_path, index_extra=params)) if p.code != "ruleset.rule-not-exercised"]
    assert not problems, "\n".join(p.text() for p in problems)


def test_lint_rejects_disable_without_reason_unknown_tightens_duplicate_and_range(tmp_path):
    extra = """parameters:
  comment_min_days:
    value: 5000
    unit: calendar_days
    basis: {article: 9, text: 某某。}
    description: {zh: 征求意见期限}
disable:
  - {rule: mad.expert.trigger}
  - {rule: mad.no-such-rule, reason: 另有规定}
"""
    rules = """  - id: test.a
    tightens: mad.no-such-rule
    title: {zh: 甲}
    basis: {article: 1}
    modality: MUST
    check: {required: hearing}
    message: {zh: 甲}
    remedy: {zh: 甲}
  - id: test.a
    title: {zh: 甲}
    basis: {article: 1, text: 甲。}
    modality: MUST
    check: {required: hearing}
    message: {zh: 甲}
    remedy: {zh: 甲}
  - id: mad.pp.required
    title: {zh: 乙}
    basis: {article: 1, text: 乙。}
    modality: MUST
    check: {required: public_participation}
    message: {zh: 乙}
    remedy: {zh: 乙}
"""
    codes = {c for c, _ in _codes(lint_path(_layer(tmp_path, index_extra=extra, rules=rules)))}
    assert {"ruleset.disabled-without-reason", "ruleset.disable-unknown-rule", "ruleset.tightens-unknown-rule",
            "ruleset.duplicate-id", "ruleset.parameter-out-of-range", "ruleset.missing-citation",
            "ruleset.rule-not-exercised"} <= codes


def test_lint_rejects_unknown_keys_and_a_layer_valid_before_its_parent(tmp_path):
    (tmp_path / "index.yaml").write_text("""
id: test.early
title: {zh: 早}
version: "1"
law: {zh: 《某地规定》}
jurisdiction: "64"
valid_from: 2018-01-01
extends: cn.mad.decree-713
""", encoding="utf-8")
    assert "ruleset.valid-before-parent" in {p.code for p in lint_path(tmp_path)}
    (tmp_path / "index.yaml").write_text((tmp_path / "index.yaml").read_text(encoding="utf-8") + "colour: red\n", encoding="utf-8")
    assert any("extra_forbidden" in p.code for p in lint_path(tmp_path))


def test_lint_cli_on_a_tree_of_rulesets():
    r = runner.invoke(app, ["rulesets", "lint", str(ROOT / "rulesets")])
    assert r.exit_code == 0, r.output


# ------------------------------------------------------------------------------ diff / docs / impact

def test_diff_lists_added_and_replaced_rules():
    r = runner.invoke(app, ["rulesets", "diff", "cn.mad.decree-713", "hunan.ningyuan.2021", "--format", "json"])
    assert r.exit_code == 0, r.output
    d = json.loads(r.output)
    assert "hunan.ningyuan.risk.level" in d["added"]
    assert {"parent": "mad.adjust.due-process", "by": "hunan.ningyuan.adjust.post-evaluation", "relation": "tightens"} in d["replaced"]
    assert not d["removed"]


def test_docs_handbook_md_and_html():
    r = runner.invoke(app, ["rulesets", "docs", "hunan.ningyuan.2021"])
    assert r.exit_code == 0, r.output
    assert "本层增加或收紧的要求" in r.output and "收紧上位规则" in r.output and "mad.adjust.due-process" in r.output
    assert "对存在高、中风险等级的行政决策事项" in r.output  # verbatim basis
    r = runner.invoke(app, ["rulesets", "docs", "jiangsu.yixing.2012", "--format", "html", "--lang", "en"])
    assert r.exit_code == 0 and r.output.startswith("<!doctype html>") and "Part 2 (3) item 8" in r.output


def test_impact_lists_dossiers_whose_outcome_changes():
    r = runner.invoke(app, ["rulesets", "impact", "cn.mad.decree-713", "ningxia.pengyang.2018",
                            str(ROOT / "cases/local/pengyang"), "--format", "json"])
    assert r.exit_code == 1, r.output
    d = json.loads(r.output)
    files = {Path(c["file"]).name for c in d["changed"]}
    assert "risk-assessment-failed-still-discussed.yaml" in files and "heating-price-2020.yaml" not in files


def test_every_rule_cites_an_article():
    for r in rulesets.load("cn.mad.decree-713").rules:
        assert r.basis.article >= 1 and r.title.zh and r.message.zh


def test_a_changed_vocabulary_gives_new_cache_keys(monkeypatch):
    """Loaded rulesets name the vocabulary's record types and fields: a changed vocabulary file
    (here: its digest) must change the key every cached ruleset and catalog is stored under."""
    from engine import rulesets
    from engine.core import cache
    from engine.models import vocabulary
    keys = []
    monkeypatch.setattr(cache, "get", lambda k: None)
    monkeypatch.setattr(cache, "put", lambda k, v: keys.append(k))
    rulesets._catalog.cache_clear() if hasattr(rulesets._catalog, "cache_clear") else None
    rulesets._load_cached.cache_clear() if hasattr(rulesets._load_cached, "cache_clear") else None
    rulesets._load_cached("cn.mad.decree-713", str(rulesets.RULESETS_DIR))
    before = set(keys)
    assert before
    keys.clear()
    monkeypatch.setattr(vocabulary, "digest", lambda: "a-different-vocabulary")
    rulesets._load_cached.cache_clear() if hasattr(rulesets._load_cached, "cache_clear") else None
    rulesets._load_cached("cn.mad.decree-713", str(rulesets.RULESETS_DIR))
    assert keys and not (set(keys) & before)
