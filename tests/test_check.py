"""engine/check.py: the whole check of one dossier — applicability (Art. 3), the stage reached and
the rules it selects."""

from __future__ import annotations

from engine.check import check
from engine.load import load_dossier
from engine.models.dossier import Stage
from support import BASE, EXAMPLE, dossier


def test_compliant_example_has_no_findings():
    """The shipped compliant decision passes every rule of Decree 713."""
    r = check(load_dossier(EXAMPLE))
    assert r.applicable and r.compliant and r.findings == []


def test_stage_awareness_before_discussion():
    """A reviewer checking before the meeting is not told that the meeting or publication is missing."""
    r = check(dossier(BASE.format(stage="集体讨论前", procs="  - {类型: 合法性审查, 送审日期: 2023-06-01, 审查意见日期: 2023-06-12, 审查结论: 合法}")))
    rules = {f.rule for f in r.findings}
    assert not rules & {"mad.coll.meeting-type", "mad.pub.publish", "mad.archive.complete-and-timely", "mad.party.report-before-issuance"}
    r2 = check(dossier(BASE.format(stage="集体讨论前", procs="  - {类型: 合法性审查, 送审日期: 2023-06-01, 审查意见日期: 2023-06-12, 审查结论: 合法}")),
               stage=Stage.completed)
    assert {"mad.coll.meeting-type", "mad.pub.publish"} <= {f.rule for f in r2.findings}


def test_excluded_category_is_not_applicable_with_reason():
    """Art. 3 para. 2: emergency-response decisions are outside the Regulation."""
    r = check(dossier(BASE.format(stage="已完成", procs="  - {类型: 公众参与, 方式: 座谈会}").replace("阶段:", "排除情形: 突发事件应急处置\n阶段:")))
    assert not r.applicable and r.findings == [] and "第三条第二款" in r.reason
