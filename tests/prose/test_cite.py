"""engine/prose/cite.py: citations as Chinese legal writing has them."""

from __future__ import annotations

import pytest

from engine import rulesets
from engine.prose import article_zh, cite, zh_number


@pytest.mark.parametrize("n, zh", [(1, "一"), (10, "十"), (15, "十五"), (20, "二十"), (25, "二十五"), (42, "四十二"),
                                   (100, "一百"), (104, "一百零四"), (110, "一百一十"), (115, "一百一十五"), (120, "一百二十")])
def test_article_numbers_are_written_in_chinese_numerals(n, zh):
    assert zh_number(n) == zh


def test_article_paragraph_and_item():
    assert article_zh(25) == "第二十五条"
    assert article_zh(25, 1) == "第二十五条第一款"
    assert article_zh(29, None, 3) == "第二十九条第（三）项"
    assert article_zh(30, 1, 2) == "第三十条第一款第（二）项"


def _rule(rs, rule_id):
    return next(r for r in rs.rules if r.id == rule_id)


def test_a_decree_rule_cites_its_article_and_paragraph():
    rs = rulesets.load("cn.mad.decree-713")
    basis = _rule(rs, "mad.legal.before-discussion").basis
    assert cite(basis, rs) == "《重大行政决策程序暂行条例》第二十五条第一款"
    assert cite(basis, rs, "en").endswith(", Art. 25 para. 1")


def test_an_item_of_an_article():
    rs = rulesets.load("cn.mad.decree-713")
    assert cite(_rule(rs, "mad.fcr.required").basis, rs) == "《重大行政决策程序暂行条例》第二十九条第（一）项"


def test_a_document_numbered_by_parts_cites_its_section():
    rs = rulesets.load("jiangxi.ganzhou.2022")
    basis = _rule(rs, "jiangxi.ganzhou.catalog.first-quarter").basis
    assert cite(basis, rs) == "《赣州市法治政府建设实施方案（2022—2025年）》第三部分（三）第11项"
    assert cite(basis, rs, "en").endswith("Part 3 (3) item 11")


def test_a_department_applies_the_decree_by_reference_to_article_42():
    """Art. 42: departments 参照 the Decree, so its rules are cited 参照《条例》…（第四十二条）."""
    rs = rulesets.load("cn.mad.decree-713+cn.mad.decree-713.art42-department")
    basis = _rule(rs, "mad.legal.before-discussion").basis
    assert cite(basis, rs) == "参照《重大行政决策程序暂行条例》第二十五条第一款（第四十二条）"
    assert cite(basis, rs, "en").startswith("by reference to ") and cite(basis, rs, "en").endswith("Art. 25 para. 1 (Art. 42)")
