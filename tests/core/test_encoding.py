"""engine/core/encoding.py: the names and kinds of fact properties both compile.py and facts.py use."""

from __future__ import annotations

from engine.core.encoding import CASE, RESERVED, TAG, field_kinds, key, tag
from engine.facts import to_facts
from engine.models.dossier import PROCEDURES
from support import BASE, dossier


def test_a_dotted_rule_path_is_a_flat_property():
    assert key("catalog.included") == "catalog__included"
    assert key("experts.all.signed") == "experts__all__signed"


def test_a_fact_says_what_it_is_by_a_property_name():
    assert tag(CASE) == "is__case" and tag("hearing") == TAG + "hearing"


def test_every_procedure_and_the_case_have_a_schema():
    kinds = field_kinds()
    assert set(PROCEDURES) | {CASE} == set(kinds)
    assert kinds["legality_review"]["opinion_date"] == "date"
    assert kinds[CASE]["decision_date"] == "date"
    assert all(kinds[p]["latest"] == "bool" for p in PROCEDURES)


def test_no_dossier_field_overwrites_an_engine_property():
    for proc, kinds in field_kinds().items():
        assert not (set(kinds) & (RESERVED - {"latest"})), proc
        assert not any(k.startswith(TAG) for k in kinds), proc


def test_the_facts_use_the_encoding():
    """to_facts emits the case under is__case and each record under is__<procedure>, with the keys compile names."""
    d = dossier(BASE.format(stage="已决定", procs="  - {类型: 合法性审查, 送审日期: 2023-06-01, 审查意见日期: 2023-06-10, 审查结论: 合法}")).dossier
    case, rec = to_facts(d, 3)
    assert case[tag(CASE)] == 1 and rec[tag("legality_review")] == 1
    assert rec[key("opinion_date")] > 0 and set(rec) >= {key(f) for f in field_kinds()["legality_review"] if "." not in f}
