"""Sector layers and the decision body's level (issue 13; engine/layers.py, docs/sectors.md).

What a reviewer would check: a price decision is held to the 价格法; a plan announced for 25 days
breaks 城乡规划法 Art. 26 even where Decree 713 would have accepted a stated reason; a department's
decision is read by reference to the Decree (参照…（第四十二条）) and not reported for missing a
government standing meeting; a layer that loosens what it stacks on is refused by every command.
"""

from __future__ import annotations

import json
import shutil
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from engine import rulesets
from engine.check import check
from engine.cli import app
from engine.core.errors import LoadError, RulesetErrors
from engine.layers import body_level, infer_level
from engine.tools.lint import lint_path
from engine.load import load_dossier
from engine.models.dossier import Dossier

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "cases"
runner = CliRunner()


def run(rel: str, **kw):
    return check(load_dossier(CASES / rel, name=rel), explain=True, **kw)


def outcome(result, rule: str) -> str:
    return {f.rule: f.outcome for f in result.outcomes}[rule]


# ------------------------------------------------------------------------------ who decides

@pytest.mark.parametrize("name,level", [
    ("彭阳县人民政府", "government"), ("宁夏回族自治区人民政府", "government"), ("固原市原州区人民政府", "government"),
    ("彭阳县古城镇人民政府", "township"), ("红河乡人民政府", "township"), ("城关街道办事处", "township"), ("彭阳县古城镇", "township"),
    ("彭阳县发展和改革局", "department"), ("固原市发展和改革委员会", "department"), ("自治区财政厅", "department"),
    ("彭阳县人民政府办公室", "department"),
    ("固原经济技术开发区管理委员会", None), ("茹河村民委员会", None), ("某某中心", None), ("", None),
])
def test_level_is_inferred_only_where_the_name_is_unambiguous(name, level):
    assert infer_level(name) == level


def test_a_stated_level_wins_over_the_name():
    d = Dossier.model_validate({"编号": "x", "标题": "t", "决策机关": "彭阳县发展和改革局", "决策机关层级": "县级以上人民政府"})
    lv, zh, _ = body_level(d)
    assert lv == "government" and "案卷载明" in zh


def test_an_ambiguous_name_says_so_and_the_decree_applies_directly():
    d = Dossier.model_validate({"编号": "x", "标题": "t", "决策机关": "固原经济技术开发区管理委员会"})
    lv, zh, en = body_level(d)
    assert lv is None and "无法从名称" in zh and "决策机关层级" in zh and "state decision_body_level" in en


def test_joint_decision_lists_every_body_and_takes_the_highest_level():
    d = Dossier.model_validate({"编号": "x", "标题": "t", "决策机关": ["彭阳县人民政府", "彭阳县发展和改革局"]})
    assert d.bodies() == ["彭阳县人民政府", "彭阳县发展和改革局"]
    assert d.decision_body == "彭阳县人民政府、彭阳县发展和改革局"
    lv, zh, _ = body_level(d)
    assert lv == "government" and "联合发文" in zh


def test_department_decision_cites_the_decree_by_reference_and_is_not_held_to_a_standing_meeting():
    r = run("decision_body/department/bad/office-meeting.yaml")
    assert r.ruleset["id"] == "cn.mad.decree-713+cn.mad.decree-713.art42-department"
    [f] = r.findings
    assert f.rule == "mad.art42.department.meeting-type"
    assert f.basis == "参照《重大行政决策程序暂行条例》第三十条第一款（第四十二条）"
    assert f.basis_en.startswith("by reference to ") and f.basis_en.endswith("(Art. 42)")
    assert "局务会议" in f.message
    # the Decree's own rule is listed as not applied, with the reason
    assert outcome(r, "mad.coll.meeting-type") == "not_applicable"
    shown = {x["rule"]: x for x in r.manifest.displaced}
    assert "第四十二条" in shown["mad.coll.meeting-type"]["reason"]
    assert r.manifest.decision_body_level == "department"
    assert "政府部门（按名称推断" in r.manifest.selection


def test_township_at_its_joint_party_government_meeting_is_compliant():
    r = run("decision_body/township/good/party-government-joint-meeting.yaml")
    assert r.compliant and outcome(r, "mad.art42.township.meeting-type") == "satisfied"


def test_departments_missing_npc_record_is_a_notice_only():
    r = run("decision_body/department/bad/npc-not-reported.yaml")
    [f] = r.findings
    assert f.rule == "mad.art42.department.npc" and f.severity == "notice" and r.compliant


def test_government_decisions_are_unchanged_by_art_42():
    r = run("sector/price/good/government-heating-price.yaml")
    assert r.manifest.decision_body_level == "government"
    assert "cn.mad.decree-713.art42" not in r.ruleset["id"]
    assert outcome(r, "mad.coll.meeting-type") == "satisfied"


# ------------------------------------------------------------------------------ sector layers

def test_price_hearing_is_checked_and_cites_the_price_law():
    r = run("sector/price/bad/department-no-hearing.yaml")
    assert not r.compliant
    [f] = r.findings
    assert (f.rule, f.basis) == ("price.hearing", "《中华人民共和国价格法》第二十三条")
    assert "cn.sector.price" in r.manifest.selection and "事项领域“政府定价”" in r.manifest.selection
    assert [x["id"] for x in r.manifest.layers] == ["cn.mad.decree-713.art42-department", "cn.sector.price"]


def test_plan_announced_25_days_breaks_art_26_even_with_a_reason_for_shortening():
    r = run("sector/urban_rural_plan/bad/announced-25-days.yaml")
    [f] = r.findings
    assert f.rule == "plan.announcement" and "25日" in f.message and "第二十六条第一款" in f.basis
    assert outcome(r, "mad.pp.public-comment.period") == "not_applicable"
    why = next(x for x in r.outcomes if x.rule == "mad.pp.public-comment.period").reason
    assert why.startswith("依照《中华人民共和国城乡规划法》第二十六条第一款")
    # without the sector the Decree alone accepts the stated reason
    d = load_dossier(CASES / "sector/urban_rural_plan/bad/announced-25-days.yaml")
    plain = replace(d, dossier=d.dossier.model_copy(update={"sector": []}))
    r2 = check(plain, explain=True)
    assert outcome(r2, "mad.pp.public-comment.period") == "satisfied" and "plan.announcement" not in {f.rule for f in r2.outcomes}


def test_expropriation_without_risk_assessment_even_when_no_risk_is_asserted():
    r = run("sector/house_expropriation/bad/no-risk-assessment.yaml")
    [f] = r.findings
    assert f.rule == "expro.risk" and f.basis == "《国有土地上房屋征收与补偿条例》第十二条第一款"
    assert "mad.risk.trigger" not in {x.rule for x in r.outcomes}  # tightened: the sector rule stands in its place


def test_land_layer_is_not_stacked_before_it_is_in_force_and_the_reason_says_so():
    d = load_dossier(CASES / "sector/land_expropriation/good/industrial-park-land.yaml")
    import datetime as dt
    old = replace(d, dossier=d.dossier.model_copy(update={"decision_date": dt.date(2021, 3, 1)}))
    r = check(old)
    assert r.ruleset["id"] == "cn.mad.decree-713"
    assert "cn.sector.land-expropriation（2021-09-01 至 今） 于 2021-03-01 不在有效期内，未叠加" in r.manifest.selection


def test_an_unknown_sector_is_named_in_the_reason():
    d = load_dossier(CASES / "sector/price/good/government-heating-price.yaml")
    other = replace(d, dossier=d.dossier.model_copy(update={"sector": ["渔业养殖"]}))
    r = check(other)
    assert r.ruleset["id"] == "cn.mad.decree-713"
    assert "事项领域“渔业养殖”：没有对应的领域规则集" in r.manifest.selection


def test_findings_do_not_depend_on_fact_order_in_stacked_rulesets():
    import random
    loaded = load_dossier(CASES / "sector/house_expropriation/bad/plenary-meeting.yaml")
    base = [(f.rule, f.outcome) for f in check(loaded, explain=True).outcomes]
    for seed in range(3):
        assert [(f.rule, f.outcome) for f in check(loaded, explain=True, shuffle=random.Random(seed)).outcomes] == base


def test_stacked_ruleset_loads_by_its_composite_id():
    rs = rulesets.load("cn.mad.decree-713+cn.mad.decree-713.art42-department+cn.sector.price")
    ids = [r.id for r in rs.rules]
    assert "mad.coll.meeting-type" not in ids and "mad.art42.department.meeting-type" in ids and "price.hearing" in ids
    assert ids.index("mad.art42.department.meeting-type") == [r.id for r in rulesets.load("cn.mad.decree-713").rules].index("mad.coll.meeting-type")


# ------------------------------------------------------------------------------ exclusion: other_law

def test_other_law_needs_its_basis(tmp_path):
    p = tmp_path / "x.yaml"
    p.write_text("编号: X-1\n标题: 某事项\n排除情形: 法律行政法规另有规定\n", encoding="utf-8")
    with pytest.raises(LoadError) as e:
        load_dossier(p)
    assert "特别程序依据" in e.value.text("zh")
    res = runner.invoke(app, ["check", str(p)])
    assert res.exit_code == 2 and "特别程序依据" in (res.output + (res.stderr if res.stderr_bytes else ""))


def test_other_law_reports_that_the_decree_was_not_applied_and_on_what_basis(tmp_path):
    src = (CASES / "examples/peng-yang-heating-price.yaml").read_text(encoding="utf-8")
    p = tmp_path / "x.yaml"
    p.write_text(src.replace("阶段: 已完成", "阶段: 已完成\n排除情形: 法律行政法规另有规定\n特别程序依据: 《中华人民共和国城乡规划法》第二十六条"), encoding="utf-8")
    r = check(load_dossier(p))
    assert not r.applicable
    assert "本决策依照《中华人民共和国城乡规划法》第二十六条规定的程序作出，未适用《重大行政决策程序暂行条例》" in r.reason


# ------------------------------------------------------------------------------ layering at compile time

LAYER_INDEX = """
id: test.sector.{name}
title: {{zh: 测试领域}}
version: "1"
kind: mad
layer: sector
sector: [测试领域]
stacks_on: cn.mad.decree-713
law: {{zh: 《测试法》}}
jurisdiction: CN
valid_from: 2019-09-01
"""


def _layer(tmp_path: Path, name: str, rules: str) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "index.yaml").write_text(LAYER_INDEX.format(name=name), encoding="utf-8")
    (folder / "rules.yaml").write_text(textwrap.dedent(rules), encoding="utf-8")
    return folder


LOOSER = """
section: {zh: 测试}
rules:
  - id: test.pp
    title: {zh: 公众参与降为警示}
    basis: {article: 1, text: 测试条文。}
    relation: tightens
    tightens: mad.pp.required
    modality: MUST
    severity: warning
    due: legality_review
    check: {required: public_participation}
    message: {zh: 无公众参与}
    remedy: {zh: 补}
"""


def test_a_loosening_layer_is_refused_by_check_not_only_by_lint(tmp_path):
    folder = _layer(tmp_path, "looser", LOOSER)
    loaded = load_dossier(CASES / "examples/peng-yang-heating-price.yaml")
    with pytest.raises(RulesetErrors) as e:
        check(loaded, ruleset_id=str(folder))
    assert any(x.code == "ruleset.loosens-parent" and x.stage == "check_layering" for x in e.value.errors)
    assert "severity" in e.value.text("en") or "严重程度" in e.value.text("zh")
    res = runner.invoke(app, ["check", str(CASES / "examples/peng-yang-heating-price.yaml"), "--ruleset", str(folder)])
    assert res.exit_code == 2
    assert any(p.code == "ruleset.loosens-parent" for p in lint_path(folder))


def test_a_loosening_local_layer_is_refused_by_check(tmp_path):
    folder = tmp_path / "local"
    folder.mkdir()
    (folder / "index.yaml").write_text(textwrap.dedent("""
        id: test.local.loose
        title: {zh: 放宽的地方层}
        version: "1"
        kind: mad
        law: {zh: 《测试办法》}
        jurisdiction: "640425"
        valid_from: 2019-09-01
        extends: cn.mad.decree-713
        parameters:
          comment_min_days:
            value: 20
            unit: calendar_days
            basis: {article: 1, text: 征求意见不少于20日。}
            description: {zh: 征求意见期限}
        """), encoding="utf-8")
    loaded = load_dossier(CASES / "examples/peng-yang-heating-price.yaml")
    with pytest.raises(RulesetErrors) as e:
        check(loaded, ruleset_id=str(folder))
    assert any(x.code == "ruleset.loosens-parent" for x in e.value.errors)


def test_a_replacement_must_name_a_rule_beneath_and_every_rule_says_its_relation(tmp_path):
    folder = _layer(tmp_path, "bad", """
        section: {zh: 测试}
        rules:
          - id: test.replace
            title: {zh: 替代一条不存在的规则}
            basis: {article: 1, text: 测试条文。}
            relation: replaces
            replaces: [mad.no-such-rule]
            modality: MUST
            check: {required: hearing}
            message: {zh: 无听证}
            remedy: {zh: 补}
          - id: test.silent
            title: {zh: 未写关系}
            basis: {article: 2, text: 测试条文。}
            modality: MUST
            check: {required: hearing}
            message: {zh: 无听证}
            remedy: {zh: 补}
        """)
    codes = {p.code for p in lint_path(folder)}
    assert {"ruleset.replaces-unknown-rule", "ruleset.relation-missing"} <= codes
    with pytest.raises(RulesetErrors):
        check(load_dossier(CASES / "examples/peng-yang-heating-price.yaml"), ruleset_id=str(folder))


def test_replaces_without_naming_the_rule_is_a_schema_error(tmp_path):
    folder = _layer(tmp_path, "unnamed", """
        section: {zh: 测试}
        rules:
          - id: test.replace
            title: {zh: 替代}
            basis: {article: 1, text: 测试条文。}
            relation: replaces
            modality: MUST
            check: {required: hearing}
            message: {zh: 无听证}
            remedy: {zh: 补}
        """)
    problems = lint_path(folder)
    assert any("replaces" in p.en for p in problems)


def test_shipped_layers_lint_clean():
    for sub in ("sector", "national/decree-713-art42-department", "national/decree-713-art42-township"):
        assert lint_path(ROOT / "rulesets" / sub) == []


# ------------------------------------------------------------------------------ tools

def test_rulesets_list_shows_layers_with_their_law_and_relations():
    res = runner.invoke(app, ["rulesets", "list", "--format", "json"])
    assert res.exit_code == 0
    rows = {r["id"]: r for r in json.loads(res.output)}
    price = rows["cn.sector.price"]
    assert price["layer"] == "sector" and price["law"] == "《中华人民共和国价格法》" and "政府定价" in price["sector"]
    assert price["relations"] == {"adds": 2, "tightens": 2}
    assert rows["cn.sector.urban-rural-plan"]["relations"].get("replaces") == 1


def test_rulesets_show_and_diff_say_what_each_duty_does():
    res = runner.invoke(app, ["rulesets", "show", "cn.sector.urban-rural-plan"])
    assert res.exit_code == 0 and "替代 mad.pp.public-comment.period" in res.output and "《中华人民共和国城乡规划法》" in res.output
    res = runner.invoke(app, ["rulesets", "diff", "cn.mad.decree-713", "cn.sector.urban-rural-plan"])
    assert res.exit_code == 0
    assert "≠ mad.pp.public-comment.period 不再适用，由 plan.announcement 替代（依照《中华人民共和国城乡规划法》第二十六条第一款）" in res.output
    assert "~ mad.expert.trigger 由 plan.experts 收紧替代" in res.output
    res = runner.invoke(app, ["rulesets", "docs", "cn.sector.price"])
    assert res.exit_code == 0 and "与条例的关系：收紧 mad.pub.publish" in res.output and "领域规则集" in res.output


def test_impact_groups_changed_dossiers_by_sector(tmp_path):
    for rel in ("sector/price/bad/department-no-hearing.yaml", "sector/house_expropriation/bad/plenary-meeting.yaml"):
        shutil.copy(CASES / rel, tmp_path / Path(rel).name)
    res = runner.invoke(app, ["rulesets", "impact", "cn.mad.decree-713", "cn.sector.land-use-plan", str(tmp_path), "--format", "json"])
    data = json.loads(res.output)
    assert data["by_sector"] == {"国有土地上房屋征收": 1, "政府定价": 1}


def test_audit_summary_groups_by_sector():
    from engine.audit.summary import Tally
    t = Tally()
    for rel in ("sector/price/bad/department-no-hearing.yaml", "sector/price/good/government-heating-price.yaml",
                "examples/peng-yang-heating-price.yaml"):
        r = check(load_dossier(CASES / rel, name=rel))
        t.add_result(json.loads(r.model_dump_json()) | {"rule_outcomes": {}})
    by = t.summary()["by"]["sector"]
    assert by["政府定价"]["applicable"] == 2 and by["政府定价"]["compliant"] == 1
    assert by[""]["applicable"] == 1
