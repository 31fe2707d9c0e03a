"""engine/findings.py: what a finding says — its citation, evidence and reason (the missing fact,
why a rule does not apply, a same-day tie), dossier waivers, and the reuse of built findings."""

from __future__ import annotations

from engine.check import check
from support import BASE, CASES, dossier, loadable


def test_missing_legality_review_is_reported_with_article_25():
    """A draft discussed without legality review violates Art. 25, and the finding says so."""
    r = check(dossier(BASE.format(stage="已决定", procs="  - {类型: 集体讨论决定, 会议日期: 2023-06-20, 会议类型: 常务会议}")))
    f = next(f for f in r.findings if f.rule == "mad.legal.before-discussion")
    assert f.outcome == "violated"
    assert f.basis == "《重大行政决策程序暂行条例》第二十五条第一款"
    assert any(e.value == "无" for e in f.evidence)


def test_unknown_trigger_is_indeterminate_with_the_missing_fact():
    """If the dossier does not say whether stability is at risk, Art. 22 is indeterminate, naming that fact."""
    text = BASE.format(stage="已完成", procs="  - {类型: 公众参与, 方式: 座谈会}").replace("社会稳定风险: 否, ", "")
    f = next(f for f in check(dossier(text)).findings if f.rule == "mad.risk.trigger")
    assert f.outcome == "indeterminate" and "社会稳定风险" in f.reason


def test_not_applicable_reason_in_explain_mode():
    """Explain mode says why Art. 19 does not apply: the matter is not specialised."""
    r = check(dossier(BASE.format(stage="已完成", procs="  - {类型: 公众参与, 方式: 座谈会}")), explain=True)
    f = next(f for f in r.outcomes if f.rule == "mad.expert.trigger")
    assert f.outcome == "not_applicable" and "专业性技术性较强：否" in f.reason and "第十九条不适用" in f.reason


def test_dossier_waiver_records_who_and_why():
    text = BASE.format(stage="已决定", procs="  - {类型: 集体讨论决定, 会议日期: 2023-06-20, 会议类型: 常务会议}") + \
        "豁免:\n  - {规则: mad.coll.head-speaks-last, 决定机关: 某县司法局, 理由: 会议录音证明首长最后发言，纪要漏记}\n"
    f = next(f for f in check(dossier(text), explain=True).outcomes if f.rule == "mad.coll.head-speaks-last")
    assert f.outcome == "waived" and "某县司法局" in f.reason


def test_same_day_review_and_meeting_is_indeterminate():
    """Dates alone cannot order a review opinion and a meeting on the same day: indeterminate, with that reason."""
    procs = """  - {类型: 合法性审查, 送审日期: 2023-06-01, 审查意见日期: 2023-06-20, 审查结论: 合法}
  - {类型: 集体讨论决定, 会议日期: 2023-06-20, 会议类型: 常务会议}"""
    f = next(f for f in check(dossier(BASE.format(stage="已决定", procs=procs))).findings if f.rule == "mad.legal.before-discussion")
    assert f.outcome == "indeterminate" and "同一天" in f.reason


def test_reused_findings_equal_freshly_built_ones(monkeypatch):
    """Findings that can only come out the same are built once and reused (findings.Builder):
    every case file's whole result (texts, reasons, evidence), checked after all the others,
    equals its result from a Builder that has seen nothing else."""
    from engine import check as check_module
    loaded = loadable(CASES)

    def whole(d, explain):
        r = check(d, explain=explain).model_dump(mode="json")
        return r["findings"], r["outcomes"], r["counts"]

    warm = {}
    for explain in (False, True):
        for d in loaded + loaded:  # the second pass meets only what the first one left behind
            warm[d.file, explain] = whole(d, explain)
    for d in loaded:
        for explain in (False, True):
            monkeypatch.setattr(check_module, "_compiled", {})  # fresh compiled rulesets and Builders
            assert whole(d, explain) == warm[d.file, explain], d.file
