"""Legal prose: every citation, label and sentence of law the engine writes, in one place.

    cite.py           《重大行政决策程序暂行条例》第二十五条第一款 (zh_number, article_zh, cite)
    labels.py         the names and values a finding shows (听证·听证公告日期：2023-05-01 / 未记载)
    evidence.py       one Evidence: the fact, its label, its value, where it was read
    reasons.py        why a rule fired or does not apply; waivers; undecided and conditional messages
    applicability.py  which ruleset applies and why, and why a dossier is not checked under one
    layers.py         the words for layers: 领域规则集, 政府部门, 替代 …（被替代的规则不再适用）

The words themselves come from the rulesets (titles, messages, remedies) and from the dossier's own
values; these modules put them together. They read the models, the fact encoding (engine/core) and
the check-kind registry, never a pipeline stage, so every stage and tool can use them.
"""

from .cite import article_zh, cite, reference_cite, zh_number
from .evidence import evidence
from .labels import (MANY, as_written, case_label, display_value, display_values, field_label, record_raw,
                     record_value, record_values, recorded_where)

__all__ = ["MANY", "article_zh", "as_written", "case_label", "cite", "display_value", "display_values", "evidence",
           "field_label", "record_raw", "record_value", "record_values", "recorded_where", "reference_cite", "zh_number"]
