"""Dossiers the step library builds: an empty one, a complete one, and one record per procedure.

"该案卷已于2023年5月1日完成合法性审查" adds the record `record("legality_review", 2023-05-01)`:
a record that is complete and regular in every respect the national ruleset looks at, dated on
(or, for the steps that come before it, shortly before) the given day. Scenarios then take
details out with the field phrases ("合法性审查记录中的“法律顾问意见”为“否”"). The complete
dossier (`complete()`) is the same records on a 2023 timeline, with every trigger stated as 否,
so that a scenario can start from "nothing wrong" and change one thing.

Dicts use the English field names (the dossier model accepts both); values are plain YAML types.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from ..models.base import unwrap

#: the triggers (情形) a complete dossier states, all "no": each scenario says which ones hold
NEUTRAL_TRIGGERS: dict[str, Any] = {
    "specialised": False, "stability_risk": False, "specific_groups": False, "market_activity": False,
    "public_concern": False, "not_disclosable": False, "urgent": False, "affects_other_departments": False,
    "hearing_required_by_law": False, "npc_required": False, "exploratory_reform": False,
    "judged_by": "决策承办单位",
}

ALL_MATERIALS = ["draft", "legality_opinion", "fcr_info", "pp_adoption", "expert_adoption", "risk_report"]


def _iso(d: Optional[dt.date], days: int = 0) -> Optional[str]:
    return (d + dt.timedelta(days=days)).isoformat() if d else None


#: the ruleset whose parameters set the complete dossier's periods (periods())
DECREE = "cn.mad.decree-713"


def periods(parameters: Optional[dict[str, Any]] = None) -> dict[str, int]:
    """The day offsets of the complete dossier, read from a ruleset's parameters (by default Decree
    713's), so that a changed parameter moves the baseline with it instead of leaving it to drift:

    * comment: the public comment period is the minimum, `comment_min_days` (Art. 15(1));
    * materials: hearing materials served `hearing_materials_min_days` + 3 days before the hearing
      (Art. 16(3)); the participant list 5 and the notice and selection method 10 days before that;
    * review: the legality review has `legal_review_min_workdays` working days as weeks plus 20 days
      (Art. 26(2)), so that a week-long holiday (Spring Festival, National Day) never eats into it.

    With today's parameters (30, 7, 7) these are the 30, 10/15/20 and 30 days the baseline has always had.
    `parameters`: {name: Parameter or int}, e.g. a loaded ruleset's `.index.parameters`."""
    if parameters is None:
        return dict(_decree_periods())
    def value(name: str) -> int:
        p = parameters[name]
        return int(getattr(p, "value", p))
    materials = value("hearing_materials_min_days") + 3
    return {"comment": value("comment_min_days"), "materials": materials, "participant_list": materials + 5,
            "notice": materials + 10, "review": -(-value("legal_review_min_workdays") * 7 // 5) + 20}


@lru_cache(maxsize=1)
def _decree_periods() -> tuple[tuple[str, int], ...]:
    from .. import rulesets
    return tuple(periods(rulesets.load(DECREE).index.parameters).items())


def record(kind: str, on: Optional[dt.date], parameters: Optional[dict[str, Any]] = None) -> dict[str, Any]:
    """A complete, regular record of procedure `kind`, whose main date is `on` (may be None); its
    periods are the ruleset's (`parameters`, by default Decree 713's: periods())."""
    d = on
    r: dict[str, Any]
    if kind == "initiation":
        r = {"date": _iso(d), "proposal_study": True, "undertaking_unit_named": True}
    elif kind == "drafting":
        r = {"date": _iso(d), "research_report": True, "legal_basis": ["《重大行政决策程序暂行条例》"]}
    elif kind == "interagency_consultation":
        r = {"date": _iso(d), "units": ["有关部门"], "agreed": True}
    elif kind == "public_participation":
        r = {"method": "public_comment", "start_date": _iso(d, -periods(parameters)["comment"]), "end_date": _iso(d),
             "channels": ["website"], "draft_published": True, "explanation_published": True,
             "submission_method": "电子邮件、信函", "groups_consulted": ["相关人民团体和群众代表"],
             "adoption_feedback": True}
    elif kind == "hearing":
        days = periods(parameters)
        r = {"date": _iso(d), "notice_date": _iso(d, -days["notice"]), "selection_method_date": _iso(d, -days["notice"]),
             "participant_list_date": _iso(d, -days["participant_list"]), "materials_served_date": _iso(d, -days["materials"]),
             "public": True, "record_signed": True}
    elif kind == "expert_review":
        r = {"date": _iso(d), "method": "论证会",
             "experts": [{"name": "专家甲", "signed": True, "conflict_of_interest": False, "conflict_declaration": True},
                         {"name": "专家乙", "signed": True, "conflict_of_interest": False, "conflict_declaration": True}],
             "adoption_feedback": True, "selection_basis": "按专业性、代表性、均衡性从专家库中遴选"}
    elif kind == "risk_assessment":
        r = {"date": _iso(d), "report": True, "risk_points": ["群众对调整方案理解不一"], "measures": ["加强政策解读"],
             "contingency_plan": True, "departments_consulted": ["公安机关", "信访部门"], "level": "low", "controllable": True,
             "passed": True}
    elif kind == "fair_competition_review":
        r = {"date": _iso(d), "reviewing_body": "决策承办单位", "conclusion": "符合公平竞争审查标准"}
    elif kind == "legality_review":
        r = {"submitted_date": _iso(d, -periods(parameters)["review"]), "opinion_date": _iso(d), "reviewing_body": "司法行政部门",
             "form": "review_opinion", "conclusion": "lawful", "legal_basis_listed": True,
             "procedure_explanation": True, "topics": ["authority", "procedure", "content"], "counsel_opinion": True}
    elif kind == "party_report":
        r = {"date": _iso(d), "reply": True}
    elif kind == "collective_discussion":
        r = {"date": _iso(d), "meeting_type": "standing", "materials": list(ALL_MATERIALS), "minutes": True,
             "head_spoke_last": True, "majority_view": "approve", "head_decision": "approve", "dissent_recorded": True}
    elif kind == "publication":
        r = {"date": _iso(d), "channels": ["gazette", "website"], "interpretation": True}
    elif kind == "archiving":
        r = {"date": _iso(d), "complete": True}
    elif kind == "execution":
        r = {"date": _iso(d), "unit": "决策承办单位", "reports": True}
    elif kind == "post_evaluation":
        r = {"date": _iso(d), "evaluator": "第三方评估机构", "evaluator_did_pre_assessment": False, "public_views": True}
    elif kind == "adjustment":
        r = {"date": _iso(d), "major": True, "procedures_rerun": True, "decided_by": "本级人民政府", "meeting_type": "standing"}
    elif kind == "npc_handling":
        r = {"date": _iso(d), "method": "报告", "kind": "报告"}  # the field was renamed kind → method
    elif kind in _enforcement_kinds():  # 重大执法决定: the compliant example's record, moved to the date
        return enforcement_record(kind, d)
    else:
        r = _generic(kind, d)
    from ..models.dossier import PROCEDURES
    known = PROCEDURES[kind].model_fields  # tolerate a renamed field: tests/specs/test_specs.py checks the result is clean
    return {"type": kind, **{k: v for k, v in r.items() if v is not None and k in known}}


def _enforcement_kinds() -> dict:
    from ..models.enforcement import ENFORCEMENT_PROCEDURES
    return ENFORCEMENT_PROCEDURES


def _generic(kind: str, d: Optional[dt.date]) -> dict[str, Any]:
    """A procedure this module has no template for (added to the dossier model later): its main date
    and every yes/no element set to 是. Scenarios set the rest with the field phrases."""
    from ..models.dossier import PROCEDURES
    cls = PROCEDURES[kind]
    main = cls.main_date if cls.main_date in cls.model_fields else ("date" if "date" in cls.model_fields else None)
    r: dict[str, Any] = {main: _iso(d)} if main else {}
    for name, info in cls.model_fields.items():
        if unwrap(info.annotation, item=True) is bool:
            r[name] = True
    return r


#: the complete dossier's timeline (procedure, date), in the order the Regulation lays them out
TIMELINE: list[tuple[str, dt.date]] = [
    ("initiation", dt.date(2023, 1, 10)),
    ("drafting", dt.date(2023, 2, 1)),
    ("interagency_consultation", dt.date(2023, 2, 10)),
    ("public_participation", dt.date(2023, 3, 20)),
    ("expert_review", dt.date(2023, 3, 10)),
    ("risk_assessment", dt.date(2023, 3, 15)),
    ("fair_competition_review", dt.date(2023, 3, 25)),
    ("legality_review", dt.date(2023, 4, 25)),
    ("collective_discussion", dt.date(2023, 5, 10)),
    ("party_report", dt.date(2023, 5, 12)),
    ("publication", dt.date(2023, 5, 20)),
    ("archiving", dt.date(2023, 6, 1)),
    ("execution", dt.date(2023, 6, 10)),
]


def empty(title: str = "规格案卷") -> dict[str, Any]:
    """"一份重大行政决策案卷": only an id and a title; everything else is what the scenario says."""
    return {"id": "SPEC-1", "title": title, "triggers": {}, "procedures": [], "waivers": []}


#: the day the complete dossier's collective discussion takes place (its decision date)
MEETING_DAY = dt.date(2023, 5, 10)


def neutral_triggers() -> dict[str, Any]:
    """Every yes/no trigger of the dossier model stated as 否 (including ones added for local rulesets)."""
    from ..models.dossier import Triggers
    out = {name: False for name, info in Triggers.model_fields.items() if unwrap(info.annotation, item=True) is bool}
    out.update(NEUTRAL_TRIGGERS)
    return out


def complete(title: str = "规格案卷（程序完备）", meeting: Optional[dt.date] = None,
             parameters: Optional[dict[str, Any]] = None) -> dict[str, Any]:
    """"一份程序完备的重大行政决策案卷": every procedure done, nothing wrong, every trigger stated as 否.

    `meeting` moves the whole timeline so that the collective discussion is on that day (to check
    a dossier against a ruleset in force at another time); `parameters` (a ruleset's) set its
    periods (periods(): by default Decree 713's).
    """
    shift = (meeting - MEETING_DAY) if meeting else dt.timedelta(0)
    return copy.deepcopy({
        "id": "SPEC-FULL", "title": title, "decision_body": "某市人民政府", "undertaking_unit": "某市发展和改革委员会",
        "category": "public_policy", "stage": "completed", "triggers": neutral_triggers(),
        "procedures": [record(kind, on + shift, parameters) for kind, on in TIMELINE], "waivers": [],
    })


def dump(d: Any) -> dict:
    """Dossier → plain dict with English keys (what the building steps change)."""
    from ..models.enforcement import EnforcementDossier
    if isinstance(d, EnforcementDossier):  # what it works out from the records is worked out again at each check
        return d.dump_given()
    out = d.model_dump(mode="json", exclude_none=True)
    for p in out.get("procedures", []):
        if p.get("type") == "collective_discussion":
            p.pop("head_departs", None)  # worked out again from the two views
    cat = out.get("catalog")
    if isinstance(cat, dict) and cat.get("year") and cat.get("published_date") and "published_in_first_quarter" in cat:
        # worked out from the catalog's year and publication date: drop it when it says no more than they do,
        # so that a scenario changing the date ("案卷中的“决策事项目录.公布日期”为“…”") is judged on the new date
        derived = dt.date.fromisoformat(str(cat["published_date"])) <= dt.date(int(cat["year"]), 3, 31)
        if cat["published_in_first_quarter"] == derived:
            cat.pop("published_in_first_quarter")
    return out


ENFORCEMENT_BASE = Path(__file__).resolve().parents[2] / "cases/enforcement/good/pengyang-substandard-fertiliser.yaml"


@lru_cache(maxsize=1)
def enforcement_base() -> dict:
    """The compliant enforcement case (ENFORCEMENT_BASE) as a plain dict: a 重大执法决定 scenario's starting dossier."""
    from ..load import load_dossier
    from ..models.enforcement import EnforcementDossier
    d = load_dossier(ENFORCEMENT_BASE).dossier
    assert isinstance(d, EnforcementDossier)
    return dump(d)


def enforcement_record(kind: str, on: Optional[dt.date]) -> dict[str, Any]:
    """A compliant record of an enforcement procedure, dated `on`: the base case's record, every date
    in it moved by the same number of days (so a hearing's notice stays 10 working-days-ish ahead)."""
    from ..models.enforcement import ENFORCEMENT_PROCEDURES
    assert kind in ENFORCEMENT_PROCEDURES, kind
    rec = copy.deepcopy(next(r for r in enforcement_base()["procedures"] if r["type"] == kind))
    cls = ENFORCEMENT_PROCEDURES[kind]
    main = rec.get(cls.main_date)
    if on is None or main is None:
        return rec
    shift = on - dt.date.fromisoformat(main)
    for k, v in list(rec.items()):
        if isinstance(v, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
            rec[k] = (dt.date.fromisoformat(v) + shift).isoformat()
    return rec
