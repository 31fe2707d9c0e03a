"""engine/prose/applicability.py: which ruleset applies and why, and why a dossier is not checked under one."""

from __future__ import annotations

import datetime as dt

from engine import rulesets
from engine.prose.applicability import date_warnings, given_selection, out_of_force_reason, ruleset_warnings
from support import BASE, dossier

DECREE = rulesets.load("cn.mad.decree-713")
PENGYANG = rulesets.load("ningxia.pengyang.2018")


def _d(extra: str = "", procs: str = "  - {类型: 公众参与, 方式: 座谈会}"):
    return dossier(BASE.format(stage="已完成", procs=procs) + extra).dossier


def test_a_ruleset_named_by_the_user_says_so_with_its_version():
    zh, en = given_selection(DECREE)
    assert zh == f"按 --ruleset 指定：{DECREE.index.title.zh}（cn.mad.decree-713 第 {DECREE.index.version} 版）"
    assert en.startswith("given by --ruleset: ")


def test_a_ruleset_no_longer_in_force_is_not_applied():
    zh, _ = out_of_force_reason(PENGYANG, dt.date(2023, 5, 1))
    assert zh == f"{PENGYANG.index.title.zh}有效期为2019-09-01至2020-12-31，本决策日期为2023-05-01，已失效，不适用"


def test_a_ruleset_not_yet_in_force_is_not_applied():
    zh, _ = out_of_force_reason(DECREE, dt.date(2019, 1, 1))
    assert zh == f"{DECREE.index.title.zh}自2019-09-01起施行，本决策日期为2019-01-01，不适用"


def test_another_places_ruleset_is_applied_with_a_warning():
    d = _d().model_copy(update={"jurisdiction": "360700"})
    (w,) = ruleset_warnings(d, PENGYANG, dt.date(2020, 5, 1), "决策日期", "decision date")
    assert w["code"] == "ruleset.other-jurisdiction" and "结论不是该地的法定要求" in w["message"]


def test_a_decision_dated_after_its_own_publication_is_questioned():
    d = _d(procs="  - {类型: 决策公布, 日期: 2023-01-01}").model_copy(update={"decision_date": dt.date(2023, 2, 1)})
    codes = [w["code"] for w in date_warnings(d, today=dt.date(2024, 1, 1))]
    assert codes == ["load.date-implausible"]
    assert [w["code"] for w in date_warnings(d, today=dt.date(2023, 1, 15))] == ["load.date-implausible", "load.date-in-future"]


def test_no_decision_date_no_warning():
    assert date_warnings(_d().model_copy(update={"decision_date": None})) == []


def test_the_selection_names_the_date_the_place_and_the_rulesets_passed_over():
    """A Pengyang dossier of 2023: the county's 2018 rules expired in 2020, so the Decree is chosen, and the result says so."""
    rs, zh, en = rulesets.select("640425", dt.date(2023, 7, 12))
    assert rs.id == "cn.mad.decree-713"
    assert zh.startswith("按决策日期 2023-07-12 和行政区划 640425 选用：重大行政决策程序暂行条例")
    assert zh.endswith("；未选用（当日不在有效期内）：ningxia.pengyang.2018（2019-09-01 至 2020-12-31）")
    assert en.startswith("chosen for decision date 2023-07-12 and division 640425: ")


def test_no_ruleset_in_force_says_for_which_date_place_and_kind():
    rs, zh, _ = rulesets.select("640425", dt.date(2010, 1, 1))
    assert rs is None and zh == "没有在 2010-01-01（决策日期）有效、适用于行政区划 640425 的重大行政决策规则集"


def test_a_sector_no_layer_answers_to_is_named_with_the_known_ones():
    from engine.prose.applicability import sector_unknown
    zh, _ = sector_unknown("水利", ["价格", "城乡规划"])
    assert zh == "事项领域“水利”：没有对应的领域规则集，仅按上述规则集检查（已有领域：价格、城乡规划）"
