"""engine/core/reading.py: the dossier's values by the names rules use."""

from __future__ import annotations

from engine.core.reading import case_source, case_value, performed_count, record_of
from support import BASE, dossier

PROCS = """  - {类型: 合法性审查, 送审日期: 2023-06-01, 审查意见日期: 2023-06-10, 审查结论: 合法}
  - {类型: 合法性审查, 状态: 未履行}
  - {类型: 集体讨论决定, 会议日期: 2023-06-20, 会议类型: 常务会议}"""


def test_a_trigger_is_read_from_the_triggers_and_says_so():
    d = dossier(BASE.format(stage="已决定", procs=PROCS)).dossier
    assert case_value(d, "stability_risk") is False
    assert case_source("stability_risk") == "triggers.stability_risk"
    assert case_source("catalog.included") == "catalog"


def test_a_record_not_performed_does_not_count():
    d = dossier(BASE.format(stage="已决定", procs=PROCS)).dossier
    assert performed_count(d, "legality_review") == 1
    assert performed_count(d, "hearing") == 0


def test_a_fact_id_names_its_record():
    d = dossier(BASE.format(stage="已决定", procs=PROCS)).dossier
    assert record_of(d, "p002").type == "collective_discussion"
    assert record_of(d, "p009") is None and record_of(d, "case") is None
