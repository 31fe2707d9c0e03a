"""A reused finding (findings.Builder._build_shared) is keyed by every case fact its rule reads,
also the facts inside a `when: {any: [...]}`: the reason names the one the file leaves unknown.

Found in an audit (session 6): two dossiers failing mad.pub.explain-adoption-and-interpret, one
silent on 专业性技术性较强 and one on 社会公众普遍关心, got the first one's reason in one worker."""

from __future__ import annotations

import copy
import json

from engine.audit.sample import make_dossier
from engine.check import check_with_outcomes
from engine.load import Loaded, validate

RULE = "mad.pub.explain-adoption-and-interpret"


def _reason(obj: dict, name: str) -> str:
    text = json.dumps(obj, ensure_ascii=False, default=str)
    result, _ = check_with_outcomes(Loaded(dossier=validate(obj, text, name), file=name, sha256="0"))
    found = [f for f in result.findings if f.rule == RULE]
    assert found, f"{RULE} does not fire on {name}"
    return found[0].reason or ""


def _with_triggers(base: dict, known: str, unknown: str) -> dict:
    obj = copy.deepcopy(base)
    trig = obj.setdefault("情形", {})
    trig[known] = "否"
    trig.pop(unknown, None)
    return obj


def test_a_reused_finding_names_the_unknown_fact_of_its_own_dossier():
    base = make_dossier(3726, seed=1)  # `juece sample --seed 1`'s dossier-003726: the rule fires on it
    a = _with_triggers(base, known="社会公众普遍关心", unknown="专业性技术性较强")
    b = _with_triggers(base, known="专业性技术性较强", unknown="社会公众普遍关心")
    ra, rb = _reason(a, "a.yaml"), _reason(b, "b.yaml")  # one process: b may reuse a's finding
    assert "专业性技术性较强" in ra and "社会公众普遍关心" not in ra
    assert "社会公众普遍关心" in rb and "专业性技术性较强" not in rb
