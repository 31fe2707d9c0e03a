"""Helpers shared by the stage tests (test_check, test_compile, test_evaluate, test_findings, …):
a Decree 713 dossier written inline, the shipped example, every case file, and outcome lookups.

Imported as a plain module (`from support import …`): tests/ is on sys.path (rootdir conftest)."""

from __future__ import annotations

from pathlib import Path

from engine.check import check
from engine.load import load_dossier

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "cases/examples/peng-yang-heating-price.yaml"
CASES = sorted(p for p in (ROOT / "cases").rglob("*.yaml") if not p.name.endswith(".expected.yaml"))
CASE_IDS = [str(p.relative_to(ROOT)) for p in CASES]


def dossier(text: str):
    return load_dossier(Path("inline.yaml"), data=text.encode("utf-8"))


BASE = """
编号: T-1
标题: 测试决策
决策机关: 某县人民政府
承办单位: 某县发展和改革局
行政区划: "640425"
事项类别: 重大公共政策和措施
阶段: {stage}
情形: {{专业性技术性较强: 否, 社会稳定风险: 否, 涉及特定群体利益: 否, 涉及市场主体经济活动: 否, 社会公众普遍关心: 否, 依法不予公开: 否, 涉及其他部门职责: 否}}
程序:
{procs}
"""


def outcome_of(result, rule_id):
    for f in result.outcomes or result.findings:
        if f.rule == rule_id:
            return f.outcome
    return "satisfied"


def loadable(paths):
    out = []
    for p in paths:
        try:
            out.append(load_dossier(p))
        except Exception:  # noqa: BLE001 - bad-input cases are covered by test_load
            pass
    return out


def outcomes(loaded):
    return [(f.rule, f.outcome, f.reason) for f in (check(loaded, explain=True).outcomes or [])] + \
        [(f.rule, f.outcome, tuple((e.fact, e.value) for e in f.evidence)) for f in check(loaded).findings]
