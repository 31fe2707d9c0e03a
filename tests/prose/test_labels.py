"""engine/prose/labels.py: the names and values a finding shows, as a lawyer reads them."""

from __future__ import annotations

import datetime as dt

from engine.models.dossier import PROCEDURES
from engine.prose import as_written, case_label, display_value, display_values, field_label, record_value, recorded_where
from support import BASE, dossier


def test_values_yes_no_and_not_recorded():
    assert display_values(True) == ("是", "yes")
    assert display_values(False) == ("否", "no")
    assert display_values(None) == ("未记载", "not recorded")
    assert display_values("") == ("未记载", "not recorded")
    assert display_values([]) == ("未记载", "not recorded")
    assert display_values(dt.date(2023, 5, 1)) == ("2023-05-01", "2023-05-01")
    assert display_value(None, "en") == "not recorded"


def test_both_languages_at_once_agree_with_one_at_a_time():
    for v in (True, False, None, "", "某县司法局", dt.date(2023, 5, 1), 7):
        assert display_values(v) == (display_value(v, "zh"), display_value(v, "en"))


def test_a_record_field_is_named_by_its_procedure_and_field():
    label = field_label("legality_review", "opinion_date", "zh")
    assert label.startswith("合法性审查·")
    assert field_label("legality_review", "opinion_date", "en") == "legality_review.opinion_date"


def test_a_case_fact_is_named_as_the_dossier_format_names_it():
    assert case_label("catalog.included", "zh").startswith("决策事项目录·")
    assert case_label("catalog.included", "en") == "catalog.included"


def test_latest_is_the_most_recent_record():
    assert field_label("hearing", "latest", "zh").endswith("·最近一次")


def test_every_field_rules_can_name_has_a_chinese_label():
    """No label falls back to the English key (a lawyer reads 听证·听证公告日期, not notice_date)."""
    from engine.core.encoding import field_kinds
    for proc, kinds in field_kinds().items():
        if proc not in PROCEDURES:
            continue
        for path in kinds:
            label = field_label(proc, path, "zh")
            head = path.split(".")[0]
            assert head not in label or path == "latest", (proc, path, label)


def test_a_value_read_through_the_alias_table_is_shown_as_written():
    """县人民政府第9次常务会议 is read as 常务会议 and shown as the file wrote it."""
    d = dossier(BASE.format(stage="已决定", procs="  - {类型: 集体讨论决定, 会议日期: 2023-06-20, 会议类型: 县人民政府第9次常务会议}")).dossier
    rec = next(p for p in d.procedures if p.type == "collective_discussion")
    assert record_value(rec, "meeting_type", "zh") == "县人民政府第9次常务会议（视为常务会议）"
    assert "written: 县人民政府第9次常务会议" in record_value(rec, "meeting_type", "en")
    zh, en = as_written(rec.meeting_type, "县人民政府第9次常务会议")
    assert zh == "县人民政府第9次常务会议（视为常务会议）"


def test_what_the_records_say_on_the_fields_a_check_asks_about():
    d = dossier(BASE.format(stage="已决定", procs="  - {类型: 集体讨论决定, 会议日期: 2023-06-20, 会议类型: 县长办公会议}")).dossier
    from engine.models.ruleset import Where
    where = [Where.model_validate({"field": "meeting_type", "in": ["standing", "plenary"]})]
    ((zh, en),) = recorded_where(d, "collective_discussion", where)
    assert zh.startswith("程序第1项（集体讨论决定）") and "县长办公会议" in zh
    assert en.startswith("procedures[0] (collective_discussion) meeting_type: ")
