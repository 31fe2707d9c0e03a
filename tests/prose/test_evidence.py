"""engine/prose/evidence.py: one fact as a finding shows it."""

from __future__ import annotations

from engine.prose.evidence import evidence, status_of_record
from support import BASE, dossier


def test_evidence_carries_both_languages_and_where_it_was_read():
    e = evidence("hearing.notice_date", "听证·听证公告日期", "hearing.notice_date", "未记载", "not recorded", "procedures[2]")
    assert (e.label, e.value, e.value_en, e.source) == ("听证·听证公告日期", "未记载", "not recorded", "procedures[2]")


def test_a_step_recorded_as_not_done_is_shown_as_such():
    d = dossier(BASE.format(stage="已决定", procs="  - {类型: 合法性审查, 状态: 未履行}")).dossier
    e = status_of_record(0, d.procedures[0], "legality_review")
    assert e.label == "合法性审查·状态" and e.value.startswith("未履行") and e.source == "procedures[0]"
