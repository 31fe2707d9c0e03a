"""Administrative normative documents (行政规范性文件): the national ruleset cn.nd.national.

Read as a lawyer would: each test names the provision it exercises. The dossiers are built from
the compliant example cases/normative/good/pengyang-parking-fees.yaml, changing one thing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from engine import rulesets
from engine.check import check
from engine.facts import ymd
from engine.load import load_dossier

ROOT = Path(__file__).resolve().parents[2]
GOOD = ROOT / "cases/normative/good/pengyang-parking-fees.yaml"


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


# ---------------------------------------------------------------- 115号 (五): 5–15 working days

def test_review_in_3_working_days_violates_the_5_day_minimum(tmp_path):
    # 2023-04-20 (Thu) → 2023-04-24 (Mon); 23 April 2023 was a Sunday worked in lieu of May Day.
    o = _outcomes(_variant(tmp_path, ("审查意见日期: 2023年5月8日", "审查意见日期: 2023年4月24日")))
    assert o["nd.legality-review.time"] == "violated"
    assert o["nd.legality-review.time-cap"] == "satisfied"


def test_review_in_16_working_days_violates_the_15_day_cap(tmp_path):
    o = _outcomes(_variant(tmp_path, ("审查意见日期: 2023年5月8日", "审查意见日期: 2023年5月15日"),
                           ("会议日期: 2023年5月16日", "会议日期: 2023年5月23日")))
    assert o["nd.legality-review.time-cap"] == "violated"
    assert o["nd.legality-review.time"] == "satisfied"


def test_review_in_exactly_5_and_exactly_15_working_days_is_within_the_bounds(tmp_path):
    five = _outcomes(_variant(tmp_path, ("审查意见日期: 2023年5月8日", "审查意见日期: 2023年4月26日")))
    assert five["nd.legality-review.time"] == "satisfied"
    fifteen = _outcomes(_variant(tmp_path, ("审查意见日期: 2023年5月8日", "审查意见日期: 2023年5月12日")))
    assert fifteen["nd.legality-review.time-cap"] == "satisfied"


def test_recorded_emergency_makes_a_short_review_lawful(tmp_path):
    o = _outcomes(_variant(tmp_path, ("审查意见日期: 2023年5月8日", "审查意见日期: 2023年4月21日"),
                           ("    根据意见修改: 是\n", "    根据意见修改: 是\n    紧急制定情形: 执行上级机关紧急命令，需要立即制定实施\n")))
    assert o["nd.legality-review.time"] == "satisfied"


def test_message_cites_the_115_opinion(tmp_path):
    r = check(load_dossier(_variant(tmp_path, ("审查意见日期: 2023年5月8日", "审查意见日期: 2023年4月24日"))))
    f = r.findings[0]
    assert f.rule == "nd.legality-review.time" and "3个工作日" in f.message
    assert "合法性审核机制的指导意见》第二部分第（五）项" in f.basis


# ------------------------------------------------------------------------ 115号 (七): the gate

def test_countersignature_does_not_replace_legality_review(tmp_path):
    o = _outcomes(_variant(tmp_path, ("    形式: 合法性审查意见\n", "    形式: 会签意见\n")))
    assert o["nd.legality-review.required"] == "violated"


# ------------------------------------------------------------- 地方组织法 Art. 75 reaches governments only

def test_article_75_steps_do_not_bind_a_department_document(tmp_path):
    o = _outcomes(_variant(tmp_path, ("  县级以上人民政府制定: 是\n", "  县级以上人民政府制定: 否\n")))
    for rule in ("nd.assessment", "nd.public-comment", "nd.collective-decision", "nd.filing"):
        assert o[rule] == "not_applicable", rule
    assert o["nd.legality-review.required"] == "satisfied"  # 115号 reaches every normative document


def test_silence_on_who_made_it_leaves_article_75_undecided(tmp_path):
    # not filed, and the dossier does not say whether a government (Art. 75) or a department made it
    o = _outcomes(_variant(tmp_path, ("  县级以上人民政府制定: 是\n", ""),
                           ("  - 类型: 备案\n    报送日期: 2023年6月8日\n    备案机关: 固原市人民政府、彭阳县人大常委会\n", "")))
    assert o["nd.filing"] == "indeterminate"


# ------------------------------------------------------------------------------ selection

def test_selection_picks_the_normative_ruleset_by_dossier_kind():
    r = check(load_dossier(GOOD))
    assert r.ruleset["id"] == "cn.nd.national" and r.compliant


def test_a_dossier_without_a_kind_is_a_major_decision(tmp_path):
    p = _variant(tmp_path, ("案卷类型: 行政规范性文件\n", ""))
    r = check(load_dossier(p))
    assert r.ruleset["id"] == "ningxia.pengyang.2018" or r.ruleset["id"].startswith("cn.mad")


def test_normative_ruleset_starts_with_article_75():
    rs, _, _ = rulesets.select("640425", dt.date(2022, 3, 11), kind="normative_document")
    assert rs is None
    rs, _, _ = rulesets.select("640425", dt.date(2022, 3, 12), kind="normative_document")
    assert rs is not None and rs.id == "cn.nd.national"


# ------------------------------------------------------------------- periods counted in years

@pytest.mark.parametrize("start,end,within", [
    (dt.date(2023, 7, 1), dt.date(2028, 6, 30), True),
    (dt.date(2023, 7, 1), dt.date(2028, 7, 1), True),    # the corresponding day is the last day (Civil Code Art. 202)
    (dt.date(2023, 7, 1), dt.date(2028, 7, 2), False),
    (dt.date(2024, 2, 29), dt.date(2029, 2, 28), True),  # no 29 February: the month's last day
    (dt.date(2024, 2, 29), dt.date(2029, 3, 1), False),
])
def test_five_years_ends_on_the_corresponding_day(start, end, within):
    assert (ymd(end) <= ymd(start) + 5 * 10000) is within


def test_a_period_from_29_february_is_reached_on_28_february():
    assert ymd(dt.date(2025, 2, 28), month_end=True) >= ymd(dt.date(2024, 2, 29)) + 10000
    assert ymd(dt.date(2025, 2, 27), month_end=True) < ymd(dt.date(2024, 2, 29)) + 10000


# ------------------------------------------------------------------- 宜兴 2012: validity ≤ 5 years

YIXING = ROOT / "cases/normative/yixing-2012/good/yixing-residential-parking-2016.yaml"


def test_yixing_2016_document_is_checked_under_the_2012_opinion():
    r = check(load_dossier(YIXING))
    assert r.ruleset["id"] == "jiangsu.yixing.nd.2012" and r.compliant


@pytest.mark.parametrize("expiry,outcome", [("2021年7月1日", "satisfied"), ("2021年7月2日", "violated")])
def test_five_year_validity_counts_to_the_corresponding_day(tmp_path, expiry, outcome):
    p = tmp_path / "yx.yaml"
    p.write_text(YIXING.read_text(encoding="utf-8").replace("有效期至: 2021年6月30日", f"有效期至: {expiry}"), encoding="utf-8")
    assert _outcomes(p)["yixing2012.nd.validity"] == outcome


def test_normative_rulesets_lint_clean():
    from engine.tools.lint import lint_path
    for folder in ("rulesets/national/normative-documents", "rulesets/local/jiangsu/yixing-nd-2012"):
        problems = lint_path(ROOT / folder)
        assert not problems, "\n".join(p.text() for p in problems)
