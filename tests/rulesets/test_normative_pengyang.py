"""彭阳县 normative documents: ningxia.pengyang.nd.2018 (2018 rule-of-law demonstration plan, 第四部分（二）第1项).

Selection: a 640425 dossier of 2020 with 案卷类型 行政规范性文件 is checked against the county's standalone
normative layer (the national ruleset cn.nd.national starts only on 2022-03-12); without the kind it is a
major decision and goes to the county's MAD layer. The window is the MAD layer's: 2019-09-01 … 2020-12-31.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from engine import rulesets
from engine.check import check
from engine.load import load_dossier

ROOT = Path(__file__).resolve().parents[2]
GOOD = ROOT / "cases/normative/pengyang/good/temporary-assistance-2020.yaml"
LAYER = "ningxia.pengyang.nd.2018"


def _variant(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    text = GOOD.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    p = tmp_path / "variant.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def _outcomes(path: Path, **kw) -> dict[str, str]:
    r = check(load_dossier(path), explain=True, **kw)
    return {f.rule: f.outcome for f in r.outcomes or []}


# ------------------------------------------------------------------------------ selection

def test_a_2020_pengyang_normative_document_selects_the_county_layer():
    r = check(load_dossier(GOOD))
    assert r.ruleset["id"] == LAYER and r.applicable and r.compliant


@pytest.mark.parametrize("day", [dt.date(2019, 9, 1), dt.date(2020, 1, 1), dt.date(2020, 6, 30), dt.date(2020, 12, 31)])
def test_select_in_2020_window(day):
    rs, _, _ = rulesets.select("640425", day, kind="normative_document")
    assert rs is not None and rs.id == LAYER


@pytest.mark.parametrize("day", [dt.date(2018, 3, 15), dt.date(2019, 8, 31), dt.date(2021, 1, 1), dt.date(2022, 3, 11)])
def test_nothing_selected_outside_the_window_before_the_national_ruleset(day):
    rs, _, _ = rulesets.select("640425", day, kind="normative_document")
    assert rs is None


def test_national_ruleset_from_2022_03_12():
    rs, _, _ = rulesets.select("640425", dt.date(2022, 3, 12), kind="normative_document")
    assert rs is not None and rs.id == "cn.nd.national"


def test_layer_is_standalone_and_matches_the_mad_layer_window():
    nd, _, _ = rulesets.select("640425", dt.date(2020, 5, 12), kind="normative_document")
    mad, _, _ = rulesets.select("640425", dt.date(2020, 5, 12), kind="mad")
    assert nd.index.kind == "normative_document" and nd.index.extends is None
    assert mad.id == "ningxia.pengyang.2018"
    assert (nd.index.valid_from, nd.index.valid_to) == (mad.index.valid_from, mad.index.valid_to)


def test_other_county_is_not_selected():
    rs, _, _ = rulesets.select("640402", dt.date(2020, 5, 12), kind="normative_document")
    assert rs is None or rs.id != LAYER


def test_without_a_kind_the_same_dossier_is_a_major_decision(tmp_path):
    p = _variant(tmp_path, ("案卷类型: 行政规范性文件\n", ""))
    assert check(load_dossier(p)).ruleset["id"] == "ningxia.pengyang.2018"


# ------------------------------------------------------------------------------ duties

def test_secret_document_need_not_be_opened_to_comment(tmp_path):
    p = _variant(tmp_path, ("  依法不予公开: 否\n", "  依法不予公开: 是\n  不予公开依据: 《中华人民共和国保守国家秘密法》\n"),
                 ("    方式: 公开征求意见\n", "    方式: 书面征求意见\n"))
    assert _outcomes(p)["pengyang2018.nd.public-comment"] == "not_applicable"


def test_silence_on_secrecy_is_read_as_disclosable(tmp_path):
    p = _variant(tmp_path, ("  依法不予公开: 否\n", ""), ("    方式: 公开征求意见\n", "    方式: 书面征求意见\n"))
    assert _outcomes(p)["pengyang2018.nd.public-comment"] == "violated"


def test_department_document_still_needs_review_and_collective_decision(tmp_path):
    p = _variant(tmp_path, ("  县级以上人民政府制定: 是\n", "  县级以上人民政府制定: 否\n"),
                 ("    会议类型: 常务会议\n    会议名称: 县人民政府第42次常务会议\n", "    会议类型: 办公会议\n    会议名称: 县民政局局长办公会议\n"))
    out = _outcomes(p)
    assert out["pengyang2018.nd.collective-decision"] == "satisfied"
    assert out["pengyang2018.nd.legality-review"] == "satisfied"


@pytest.mark.parametrize("edit,rule", [
    (("    统一印发: 是\n", "    统一印发: 否\n"), "pengyang2018.nd.registration"),
    (("    统一编号: 彭政规〔2020〕2号\n", ""), "pengyang2018.nd.registration"),
    (("    有效期至: 2025年6月30日\n", ""), "pengyang2018.nd.validity"),
    (("    审查机构: 彭阳县司法局（县政府法制机构）\n", ""), "pengyang2018.nd.legality-review"),
])
def test_each_missing_element_is_a_violation(tmp_path, edit, rule):
    assert _outcomes(_variant(tmp_path, edit))[rule] == "violated"


def test_content_limits_are_listed_as_not_checkable():
    rs, _, _ = rulesets.select("640425", dt.date(2020, 5, 12), kind="normative_document")
    rule = next(r for r in rs.rules if r.id == "pengyang2018.nd.content-limits")
    assert rule.checkable is False


def test_every_rule_quotes_the_seed_verbatim():
    seed = Path("/work/shared/seeds/000_746de9875687bf75.txt")
    if not seed.exists():
        pytest.skip("seed text not available")
    text = seed.read_text(encoding="utf-8")
    rs, _, _ = rulesets.select("640425", dt.date(2020, 5, 12), kind="normative_document")
    for r in rs.rules:
        assert r.basis.section and r.basis.text in text, r.id


def test_layer_lints_clean():
    from engine.tools.lint import lint_path
    problems = lint_path(ROOT / "rulesets/local/ningxia/pengyang-nd-2018")
    assert not problems, "\n".join(p.text() for p in problems)
