"""Dossiers the workbench tests use, made from the shipped cases (no invented law)."""

from __future__ import annotations

from .conftest import case

NO_REVIEW = "legality_review/bad/no-review.yaml"  # 宜兴市老旧小区改造: no legality review before the meeting (Art. 25)
NUMBER = "YX-ZDJC-2022-011-LR0"
UNIT = "宜兴市住房和城乡建设局"

LEGALITY_REVIEW = """  - 类型: 合法性审查
    送审日期: 2022年12月20日
    审查意见日期: 2022年12月30日
    审查机构: 宜兴市司法局
    形式: 合法性审查意见
    审查结论: 合法
    附法律依据: 是
    履行程序说明: 是
    审查内容: [权限, 程序, 内容]
    法律顾问意见: 是
"""


def bad() -> bytes:
    return case(NO_REVIEW)


def revised() -> bytes:
    """The same dossier (same 编号) after the unit had the draft reviewed for legality before the meeting."""
    text = case(NO_REVIEW).decode("utf-8")
    anchor = "  - 类型: 请示报告\n"
    assert anchor in text
    return text.replace(anchor, LEGALITY_REVIEW + anchor, 1).encode("utf-8")


def big(records: int = 4000) -> bytes:
    """A real, valid dossier with thousands of consultation records (slow to check: the time-limit tests)."""
    text = case(NO_REVIEW).decode("utf-8")
    recs = "".join(f"  - 类型: 征求部门意见\n    日期: 2022-10-25\n    征求意见单位: [单位{i}]\n    协商一致: 是\n" for i in range(records))
    return text.replace("程序:\n", "程序:\n" + recs, 1).encode("utf-8")


ART25 = "mad.legal.before-discussion"
