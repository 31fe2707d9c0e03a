"""Major enforcement decisions (重大执法决定): the third kind of dossier and its national ruleset cn.ap.national.

Read as a lawyer would: each test names the provision of the 行政处罚法 (2021) it exercises. The
dossiers are built from the compliant example cases/enforcement/good/pengyang-substandard-fertiliser.yaml,
changing one thing (the per-rule good and bad cases live in cases/enforcement/, see test_cases.py).
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import pytest
from typer.testing import CliRunner

from engine import rulesets
from engine.check import check
from engine.cli import app
from engine.core.errors import LoadError
from engine.load import load_dossier
from engine.models.enforcement import EnforcementDossier

ROOT = Path(__file__).resolve().parents[2]
GOOD = ROOT / "cases/enforcement/good/pengyang-substandard-fertiliser.yaml"
runner = CliRunner(env={"COLUMNS": "600"})


def _variant(tmp_path: Path, *edits: tuple[str, str], name: str = "variant.yaml") -> Path:
    text = GOOD.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def _outcomes(path: Path, **kw) -> dict[str, str]:
    r = check(load_dossier(path), explain=True, **kw)
    return {f.rule: f.outcome for f in r.outcomes or []}


# ------------------------------------------------------------------------------ the dossier

def test_the_kind_chooses_the_enforcement_model_and_the_national_penalty_ruleset():
    loaded = load_dossier(GOOD)
    assert isinstance(loaded.dossier, EnforcementDossier)
    assert loaded.dossier.decision_body == "彭阳县市场监督管理局"  # the enforcing body stands where the audit groups
    r = check(loaded)
    assert r.ruleset["id"] == "cn.ap.national" and r.applicable and r.compliant
    assert "处罚决定日期 2023-05-18" in r.manifest.selection


def test_english_keys_mean_the_same_as_chinese_ones(tmp_path):
    p = tmp_path / "en.yaml"
    p.write_text(
        "document_kind: major_enforcement_decision\nid: X-1\ntitle: case\nenforcing_body: 某局\n"
        "filing_date: 2023-03-01\ntriggers: {complex_case: true, complex_or_serious: false}\n"
        "procedures:\n  - {type: decision_document, date: 2023-05-18}\n", encoding="utf-8")
    o = _outcomes(p)
    assert o["ap.review.required"] == "violated"  # 疑难复杂 (Art. 58 para. 1 item 3), no review
    assert o["ap.decision.period"] == "satisfied"  # 78 days from filing


def test_dates_the_records_show_are_filled_in_for_the_case(tmp_path):
    d = load_dossier(GOOD).dossier
    assert d.decision_date == dt.date(2023, 5, 18) and d.notice_date == dt.date(2023, 4, 14)
    assert d.service_date == dt.date(2023, 5, 22)
    decision = next(p for p in d.procedures if p.type == "decision_document")
    assert decision.filing_date == dt.date(2023, 3, 1)  # Art. 60 counts from 立案
    assert d.triggers.heavier_than_proposed is False  # 150,000 decided, 200,000 proposed


def test_a_decision_record_is_refused_in_an_enforcement_dossier(tmp_path):
    p = _variant(tmp_path, ("  - 类型: 送达\n", "  - 类型: 决策公布\n"))
    with pytest.raises(LoadError) as e:
        load_dossier(p)
    pr = e.value.problems[0]
    assert "未知的程序类型" in pr.zh and "legal_review (法制审核)" in pr.zh  # the expected types are this kind's


def test_an_enforcement_record_is_refused_in_a_decision_dossier(tmp_path):
    src = (ROOT / "cases/examples/peng-yang-heating-price.yaml").read_text(encoding="utf-8")
    p = tmp_path / "mad.yaml"
    p.write_text(src.replace("程序:\n", "程序:\n  - 类型: 法制审核\n    审核日期: 2023-05-01\n", 1), encoding="utf-8")
    with pytest.raises(LoadError):
        load_dossier(p)


def test_bad_values_are_reported_with_the_chinese_field_and_line(tmp_path):
    p = _variant(tmp_path, ("  罚款金额: 200000\n", "  罚款金额: 二十万\n"), ("    审核结论: 通过\n", "    审核结论: 基本同意\n"))
    with pytest.raises(LoadError) as e:
        load_dossier(p)
    problems = e.value.problems
    fields = {pr.field_zh for pr in problems}
    assert any("拟处罚" in f and "罚款金额" in f for f in fields), fields
    assert any("法制审核" in f and "审核结论" in f for f in fields), fields
    assert all(pr.line for pr in problems)


def test_a_decision_dated_before_filing_is_refused(tmp_path):
    p = _variant(tmp_path, ("立案日期: 2023年3月1日\n", "立案日期: 2023年3月1日\n决定日期: 2023年2月1日\n"))
    with pytest.raises(LoadError) as e:
        load_dossier(p)
    pr = e.value.problems[0]
    assert "“决定日期”（2023年2月1日）早于“立案日期”（2023年3月1日）" in pr.zh and pr.field_zh == "决定日期"


# ---------------------------------------------------------------- Art. 58: 法制审核 before the decision

def test_review_is_not_required_when_no_article_58_case_applies(tmp_path):
    p = _variant(tmp_path, ("  直接关系当事人或者第三人重大权益经过听证程序: 是\n", "  直接关系当事人或者第三人重大权益经过听证程序: 否\n"))
    o = _outcomes(p)
    assert o["ap.review.required"] == "not_applicable"


def test_review_is_indeterminate_when_the_dossier_does_not_say_whether_article_58_applies(tmp_path):
    p = _variant(tmp_path, ("  直接关系当事人或者第三人重大权益经过听证程序: 是\n", ""))
    r = check(load_dossier(p), explain=True)
    f = next(f for f in r.outcomes if f.rule == "ap.review.required")
    assert f.outcome == "satisfied"  # a review is on file anyway
    p2 = _variant(tmp_path, ("  直接关系当事人或者第三人重大权益经过听证程序: 是\n", ""),
                  ("    审核结论: 通过\n", "    审核结论: 通过\n    备注: x\n"), name="v2.yaml")
    text = p2.read_text(encoding="utf-8")
    start = text.index("  - 类型: 法制审核\n")
    end = text.index("  - 类型: 负责人集体讨论\n")
    p2.write_text(text[:start] + text[end:], encoding="utf-8")
    o = _outcomes(p2)
    assert o["ap.review.required"] == "indeterminate"  # the dossier must state the judgement


def test_a_failed_review_later_passed_does_not_cure_a_decision_made_on_it(tmp_path):
    p = _variant(tmp_path, ("    审核结论: 通过\n", "    审核结论: 不通过\n  - 类型: 法制审核\n    审核日期: 2023年5月25日\n    审核人员: 王某\n    审核结论: 通过\n"))
    assert _outcomes(p)["ap.review.passed"] == "violated"


def test_the_violation_cites_article_58_and_quotes_it():
    r = check(load_dossier(ROOT / "cases/enforcement/bad/no-legal-review.yaml"))
    f = next(f for f in r.findings if f.rule == "ap.review.required")
    assert f.basis == "《中华人民共和国行政处罚法》第五十八条第一款"
    assert "未经法制审核或者审核未通过的，不得作出决定" in f.article_text
    assert "法制审核记录" in f.evidence[-1].label and f.evidence[-1].value == "无"


# ---------------------------------------------------------------------- periods (Arts. 60, 61, 64, 85)

def test_90_days_from_filing_is_within_the_period_and_91_is_not(tmp_path):
    ninety = _variant(tmp_path, ("立案日期: 2023年3月1日\n", "立案日期: 2023年2月17日\n"))  # 2023-02-17 → 05-18: 90 days
    assert _outcomes(ninety)["ap.decision.period"] == "satisfied"
    late = _variant(tmp_path, ("立案日期: 2023年3月1日\n", "立案日期: 2023年2月16日\n"), name="late.yaml")
    r = check(load_dossier(late))
    f = next(f for f in r.findings if f.rule == "ap.decision.period")
    assert "91日" in f.message and "第六十条" in f.basis


def test_another_period_set_by_law_gives_way_to_it(tmp_path):
    p = _variant(tmp_path, ("立案日期: 2023年3月1日\n", "立案日期: 2023年1月20日\n"),
                 ("    处理结果: 给予行政处罚\n", "    处理结果: 给予行政处罚\n    办案期限另有规定依据: 经局负责人批准延长三十日（部门规章）\n"))
    assert _outcomes(p)["ap.decision.period"] == "satisfied"


def test_service_is_counted_in_working_days(tmp_path):
    # decided Thu 2023-05-18; Mon 05-29 is the 7th working day after it, Tue 05-30 the 8th
    ok = _variant(tmp_path, ("    送达日期: 2023年5月22日\n", "    送达日期: 2023年5月29日\n"))
    assert _outcomes(ok)["ap.service.period"] == "satisfied"
    late = _variant(tmp_path, ("    送达日期: 2023年5月22日\n", "    送达日期: 2023年5月30日\n"), name="late.yaml")
    assert _outcomes(late)["ap.service.period"] == "violated"


def test_handing_over_on_the_spot_needs_no_service_period(tmp_path):
    p = _variant(tmp_path, ("    送达日期: 2023年5月22日\n    当场交付: 否\n", "    送达日期: 2023年6月22日\n    当场交付: 是\n"))
    assert _outcomes(p)["ap.service.period"] == "satisfied"


def test_hearing_notice_of_exactly_7_working_days_is_enough(tmp_path):
    # notice Thu 2023-04-20; the 7th working day after it is Fri 04-28 (Sun 04-23 was worked)
    p = _variant(tmp_path, ("    听证日期: 2023年5月4日\n", "    听证日期: 2023年4月28日\n"))
    assert _outcomes(p)["ap.hearing.notice-period"] == "satisfied"
    short = _variant(tmp_path, ("    听证日期: 2023年5月4日\n", "    听证日期: 2023年4月27日\n"), name="short.yaml")
    assert _outcomes(short)["ap.hearing.notice-period"] == "violated"


# ------------------------------------------------------------------------- Art. 63: the hearing

def test_revocation_proposed_makes_the_hearing_right_due_without_any_other_fact(tmp_path):
    p = _variant(tmp_path, ("  种类: [罚款, 没收违法所得]\n  罚款金额: 200000\n", "  种类: [吊销许可证件]\n"),
                 ("  较大数额罚款: 是\n", "  较大数额罚款: 否\n"), ("    告知听证权利: 是\n", "    告知听证权利: 否\n"))
    assert _outcomes(p)["ap.hearing.right-notified"] == "violated"  # Art. 63 para. 1 item (三)


def test_a_late_hearing_request_is_only_a_notice_and_excuses_not_holding_one(tmp_path):
    p = _variant(tmp_path, ("  当事人逾期要求听证: 否\n", "  当事人逾期要求听证: 是\n"))
    o = _outcomes(p)
    assert o["ap.hearing.held"] == "not_applicable"


# --------------------------------------------------------------------------- engine properties

def test_same_outcomes_in_any_fact_order():
    loaded = load_dossier(ROOT / "cases/enforcement/bad/hearing-chaired-by-investigator.yaml")
    base = [(f.rule, f.outcome) for f in check(loaded, explain=True).outcomes]
    for seed in range(8):
        shuffled = [(f.rule, f.outcome) for f in check(loaded, explain=True, shuffle=random.Random(seed)).outcomes]
        assert shuffled == base


def test_at_the_investigation_stage_only_investigation_duties_are_due():
    loaded = load_dossier(ROOT / "cases/enforcement/bad/no-legal-review.yaml")
    from engine.models.dossier import Stage
    r = check(loaded, stage=Stage.parse("调查"), explain=True)
    due = {f.rule for f in r.outcomes if f.outcome != "not_applicable"}
    assert due == {"ap.officers.two", "ap.officers.qualified", "ap.investigation.certificates", "ap.investigation.record"}


def test_a_decree_713_ruleset_is_refused_for_an_enforcement_dossier():
    from engine.core.errors import RulesetErrors
    with pytest.raises(RulesetErrors) as e:
        check(load_dossier(GOOD), ruleset_id="cn.mad.decree-713")
    assert "重大执法决定" in str(e.value.errors[0].zh)


def test_the_ruleset_is_chosen_only_from_2021_07_15():
    assert rulesets.select("640425", dt.date(2021, 7, 14), kind="major_enforcement_decision")[0] is None
    rs, _, _ = rulesets.select("640425", dt.date(2021, 7, 15), kind="major_enforcement_decision")
    assert rs.id == "cn.ap.national"


def test_every_rule_cites_an_article_of_the_penalty_law_and_quotes_it_verbatim():
    law = (Path("/work/shared/law/sources/national/行政处罚法(2021-01-22).md"))
    rs = rulesets.load("cn.ap.national")
    text = law.read_text(encoding="utf-8").replace("\n", "") if law.exists() else None
    for rule in rs.rules:
        assert rule.basis.article and rule.basis.text, rule.id
        if text:
            for part in rule.basis.text.replace("：（", "：\x00（").split("\x00"):
                for piece in part.split("；（"):
                    assert piece.strip("；：（）一二三四五六") in text, (rule.id, piece)


# ---------------------------------------------------------------------------------- the CLI

def test_cli_check_exits_1_and_cites_article_64_for_an_investigator_chair():
    r = runner.invoke(app, ["check", str(ROOT / "cases/enforcement/bad/hearing-chaired-by-investigator.yaml")])
    assert r.exit_code == 1
    assert "第六十四条第（四）项" in r.output and "听证由本案调查人员主持" in r.output


def test_cli_json_and_english(tmp_path):
    r = runner.invoke(app, ["check", str(ROOT / "cases/enforcement/bad/served-late.yaml"), "-f", "json", "-l", "en"])
    assert r.exit_code == 1
    data = json.loads(r.output)
    f = next(f for f in data[0]["findings"] if f["rule"] == "ap.service.period")
    assert "Art. 61 para. 1" in f["basis_en"] and "working days" in f["message_en"]


def test_cli_compliant_example_exits_0():
    r = runner.invoke(app, ["check", str(GOOD)])
    assert r.exit_code == 0 and "合规" in r.output


# ------------------------------------------------------------------------- docs and schema

def test_schema_for_the_kind_accepts_the_example_and_refuses_a_decision_record():
    from schemacheck import as_editor_sees, valid
    r = runner.invoke(app, ["schema", "--kind", "重大执法决定"])
    assert r.exit_code == 0
    schema = json.loads(r.output)
    doc = as_editor_sees(GOOD.read_text(encoding="utf-8"))
    assert valid(doc, schema)
    doc["程序"].append({"类型": "合法性审查"})
    assert not valid(doc, schema)
    assert runner.invoke(app, ["schema", "--kind", "会议纪要"]).exit_code == 2


def test_dossier_format_doc_describes_the_kind():
    text = (ROOT / "docs/dossier-format.md").read_text(encoding="utf-8")
    assert "## 13. 重大执法决定 Major enforcement decisions" in text
    for key in ("法制审核机构", "较大数额罚款", "主持人为本案调查人员", "办案期限另有规定依据", "吊销许可证件"):
        assert key in text, key


# ------------------------------------------------------------------ sample, audit, ledger

def test_sampled_enforcement_dossiers_load_and_a_clean_sample_audits_clean(tmp_path):
    from engine.audit.sample import generate
    generate(60, tmp_path / "clean", seed=3, defects=0, unknown=0, kind="major_enforcement_decision")
    files = sorted((tmp_path / "clean").rglob("*.yaml"))
    assert len(files) == 60
    for p in files:
        r = check(load_dossier(p))
        assert r.ruleset["id"] == "cn.ap.national" and r.compliant and not r.findings, (p, [f.rule for f in r.findings])


def test_audit_of_sampled_enforcement_dossiers_reports_the_rates_by_enforcing_body(tmp_path):
    src, out = tmp_path / "src", tmp_path / "out"
    r = runner.invoke(app, ["sample", "--kind", "重大执法决定", "-n", "80", "-o", str(src), "--seed", "5"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["audit", str(src), "--out", str(out), "-j", "1", "-q"])
    assert r.exit_code in (0, 1), r.output
    s = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    rates = {x["id"]: x for x in s["rates"]}
    assert s["kinds"] == ["major_enforcement_decision"]
    assert "legality_review" not in rates  # the decision rates are not shown for an enforcement archive
    legal = rates["ap_legal_review"]
    assert legal["zh"] == "法制审核率" and legal["denominator"] > 0
    assert legal["numerator"] + legal["violated"] + legal["unrecorded"] == legal["denominator"]
    assert rates["ap_hearing_notice"]["zh"] == "听证告知率"
    bodies = s["by"]["decision_body"]
    assert bodies and all(k.endswith(("局", "委员会")) for k in bodies if k)
    assert any(g["rates"]["ap_legal_review"]["denominator"] for g in bodies.values())
    assert set(s["by"]["year"]) <= {"2022", "2023", "2024", "2025", 2022, 2023, 2024, 2025}
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "按执法机关：合规率" in html and "法制审核率" in html


def test_sample_refuses_a_kind_it_cannot_make(tmp_path):
    r = runner.invoke(app, ["sample", "--kind", "会议纪要", "-n", "1", "-o", str(tmp_path)])
    assert r.exit_code == 2


def test_an_excel_ledger_of_enforcement_decisions_audits_with_the_shipped_mapping(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["重大执法决定台账"])
    ws.append(["案件编号", "案件名称", "执法机关", "行政区划", "立案日期", "决定日期", "涉及重大公共利益", "情节复杂或者重大违法行为",
               "法制审核", "集体讨论"])
    ws.append(["E-1", "甲案", "某县市场监督管理局", "640425", "2023-03-01", "2023-05-18", "是", "是", "2023-05-12", "2023-05-16"])
    ws.append(["E-2", "乙案", "某县生态环境局", "640425", "2023-03-01", "2023-05-18", "是", "是", "否", "2023-05-16"])
    ws.append(["E-3", "丙案", "某县自然资源局", "640425", "2023-03-01", "2023-05-18", "否", "是", "", "否"])
    path = tmp_path / "台账.xlsx"
    wb.save(path)
    out = tmp_path / "out"
    r = runner.invoke(app, ["audit", str(path), "--mapping", "重大执法决定", "--out", str(out), "-j", "1", "-q"])
    assert r.exit_code == 1, r.output
    res = {json.loads(line)["dossier"]: json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()}
    assert {x["ruleset"]["id"] for x in res.values()} == {"cn.ap.national"}
    assert res["E-1"]["rule_outcomes"]["ap.review.required"] == "satisfied"
    assert res["E-2"]["rule_outcomes"]["ap.review.required"] == "violated"  # 法制审核: 否, a 第五十八条 case
    assert res["E-3"]["rule_outcomes"]["ap.discussion.collective"] == "violated"
    s = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    rates = {x["id"]: x for x in s["rates"]}
    assert (rates["ap_legal_review"]["numerator"], rates["ap_legal_review"]["denominator"]) == (1, 2)
    assert not rates["ap_service"]["assessable"]  # a ledger row does not show service


def test_docs_enforcement_lists_every_rule_with_its_article():
    from engine.prose import article_zh
    text = (ROOT / "docs/enforcement.md").read_text(encoding="utf-8")
    for rule in rulesets.load("cn.ap.national").rules:
        row = next((line for line in text.splitlines() if line.startswith(f"| `{rule.id}` |")), None)
        assert row is not None, rule.id
        assert f"第{article_zh(rule.basis.article)[1:-1]}条" in row, (rule.id, row)
