"""engine/prose/layers.py: how layers, decision-body levels and displaced rules are described."""

from __future__ import annotations

from engine import rulesets
from engine.prose.layers import level_inferred, level_stated, level_unknown, relation_text


def test_a_joint_decision_is_held_to_the_highest_level_and_says_how_it_was_found():
    zh, en = level_inferred("government", [("某县人民政府", "government"), ("某县财政局", "department")])
    assert zh == ("决策机关层级：县级以上人民政府（联合发文，按其中最高层级）"
                  "（按名称推断：“某县人民政府”→县级以上人民政府、“某县财政局”→政府部门；可在案卷中以“决策机关层级”载明）")
    assert "joint decision" in en


def test_a_stated_level_and_a_name_that_shows_none():
    assert level_stated("township")[0] == "决策机关层级：乡镇人民政府、街道办事处（案卷载明）"
    zh, _ = level_unknown(["某开发区管理委员会"])
    assert zh.startswith("决策机关层级：无法从名称“某开发区管理委员会”判断，按县级以上人民政府适用条例（第二条）")


def test_a_replacing_rule_says_what_it_replaces_and_the_result_says_why_it_is_not_applied():
    rs = rulesets.load("cn.mad.decree-713+cn.mad.decree-713.art42-department")
    rule = next(r for r in rs.rules if r.id == "mad.art42.department.meeting-type")
    assert relation_text(rule, "zh").startswith("替代 mad.coll.meeting-type（被替代的规则不再适用）")
    (x,) = [x for x in rs.displaced if x["rule"] == "mad.coll.meeting-type"]
    assert x["reason"].startswith("参照《重大行政决策程序暂行条例》第三十条第一款（第四十二条）：")
    assert x["reason"].endswith("（由规则 mad.art42.department.meeting-type 代替 mad.coll.meeting-type）")
