"""Running specs for people who have never heard of pytest, and measuring what they cover.

`run()` runs pytest (with the step library) on feature files in a subprocess and reads back the
record the plugin writes (JUECE_SPECS_RECORD): one entry per scenario with its outcome, its
Chinese failure message, and the rule outcomes it asserted.

Coverage (`coverage()`) is computed from that record, never from tags or from reading the
feature text: a rule counts as covered when
  * some PASSING scenario asserted that it is violated (应当报告违反“…” / 检查结果应当为违反 /
    应当仅报告以下问题 with 结果=违反 / 应当报告违反第N条 when exactly one rule was violated under
    that article), and
  * some PASSING scenario asserted that it is satisfied or not applicable (应当认定符合“…” /
    应当认定“…”不适用 / 检查结果应当为符合、不适用、符合或不适用).
Weaker assertions (不应当报告违反“…”, 不应当报告任何问题, 该案卷合规, 共N项问题) pin less than one outcome
per rule and are not counted. Rules with `checkable: false` are listed apart and not counted.
A rule a layered ruleset inherits unchanged is covered where it is defined; a rule it adds or
tightens must be covered by scenarios run against that ruleset.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from .. import rulesets
from ..prose import cite
from ..models.ruleset import Rule, Ruleset
from .context import tag_for_article, tag_for_rule

PROJECT_ROOT = rulesets.RULESETS_DIR.parent
OK_SIDE = {"satisfied", "not_applicable"}


@dataclass
class RunResult:
    exit_code: int
    scenarios: list[dict]
    output: str
    seconds: float
    paths: list[str] = field(default_factory=list)

    @property
    def passed(self) -> list[dict]:
        return [s for s in self.scenarios if s["outcome"] == "passed"]

    @property
    def failed(self) -> list[dict]:
        return [s for s in self.scenarios if s["outcome"] == "failed"]

    @property
    def skipped(self) -> list[dict]:
        return [s for s in self.scenarios if s["outcome"] == "skipped"]


def default_paths(paths: Optional[list[str]]) -> list[str]:
    if paths:
        return paths
    if Path("features").is_dir():
        return ["features"]
    return [str(PROJECT_ROOT / "features")]


def run(paths: Optional[list[str]] = None, junit: Optional[str] = None, extra: Optional[list[str]] = None,
        stream: bool = False) -> RunResult:
    """Run the feature files under `paths` with pytest + the step library; read back the record."""
    paths = default_paths(paths)
    with tempfile.TemporaryDirectory(prefix="juece-specs-") as tmp:
        record = Path(tmp) / "record.json"
        cmd = [sys.executable, "-m", "pytest", *paths, "-p", "engine.specs.steps", "--juece-specs",
               "-p", "no:cacheprovider", "-o", "addopts=", "-q", "--no-header", "-rN"]
        if junit:
            cmd += [f"--junitxml={junit}", "-o", "junit_suite_name=juece-specs", "-o", "junit_family=xunit2"]
        cmd += extra or []
        env = dict(os.environ, **{"JUECE_SPECS_RECORD": str(record), "PYTHONIOENCODING": "utf-8"})
        t0 = time.monotonic()
        proc = subprocess.run(cmd, env=env, text=True, encoding="utf-8", errors="replace",
                              stdout=None if stream else subprocess.PIPE, stderr=subprocess.STDOUT if not stream else None)
        secs = time.monotonic() - t0
        scenarios = []
        if record.exists():
            scenarios = json.loads(record.read_text(encoding="utf-8")).get("scenarios", [])
    return RunResult(proc.returncode, scenarios, proc.stdout or "", secs, paths)


# ------------------------------------------------------------------------------ coverage

@dataclass
class Unit:
    ruleset: str
    rule: Rule
    rs: Ruleset
    violated: list[str] = field(default_factory=list)
    ok: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)

    @property
    def covered(self) -> bool:
        return bool(self.violated) and bool(self.ok)

    def missing(self) -> list[str]:
        return ([] if self.violated else ["violated"]) + ([] if self.ok else ["satisfied_or_not_applicable"])


@lru_cache(maxsize=None)
def _own_rule_ids(rid: str) -> frozenset[str]:
    folder = rulesets._folders(str(rulesets.RULESETS_DIR)).get(rid)
    if folder is None:
        return frozenset()
    _, rules, _, _ = rulesets.load_folder(folder)
    return frozenset(r.id for r, _ in rules)


def _origin(rid: str, rule_id: str, seen: Optional[set] = None) -> str:
    """The ruleset in which `rule_id` (as used in ruleset `rid`) is defined or tightened."""
    seen = seen or set()
    if "+" in rid:  # a stacked ruleset (engine/layers.py): the top layer that defines the rule, else the base
        base, *layers = rid.split("+")
        for part in reversed(layers):
            if rule_id in _own_rule_ids(part):
                return part
        return _origin(base, rule_id, seen)
    if rule_id in _own_rule_ids(rid) or rid in seen:
        return rid
    parent = rulesets.load(rid).index.extends
    if not parent:
        return rid
    return _origin(parent, rule_id, seen | {rid})


def coverage(scenarios: list[dict], only: Optional[list[str]] = None) -> dict[str, Any]:
    ids = only or rulesets.all_ids()
    units: dict[tuple[str, str], Unit] = {}
    not_checkable: list[dict] = []
    for rid in ids:
        rs = rulesets.load(rid)
        own = _own_rule_ids(rid)
        for r in rs.rules:
            if r.id not in own:
                continue  # inherited unchanged: covered where it is defined
            if not r.checkable:
                not_checkable.append({"ruleset": rid, "rule": r.id, "title": r.title.zh,
                                      "reason": r.not_checkable_reason.zh if r.not_checkable_reason else ""})
                continue
            units[(rid, r.id)] = Unit(rid, r, rs)
    by_label: dict[str, tuple[set, set]] = {}
    for sc in scenarios:
        if sc["outcome"] != "passed":
            continue
        label = f"{sc['feature']} › {sc['scenario']}"
        # an outline's tags are kept by its rows together: judged over all of them
        tags, asserted_rules = by_label.setdefault(f"{sc['feature']} › {sc.get('outline') or sc['scenario']}", (set(), set()))
        tags.update(sc.get("scenario_tags", []))
        for a in sc.get("assertions", []):
            if not a.get("rule") or not a.get("ruleset"):
                continue
            asserted_rules.add((a["ruleset"], a["rule"]))
            try:
                key = (_origin(a["ruleset"], a["rule"]), a["rule"])
            except Exception:  # noqa: BLE001 - a ruleset not shipped (e.g. a test folder)
                continue
            u = units.get(key)
            if u is None:
                continue
            outs = set(a.get("outcomes", []))
            if a["kind"] in ("outcome", "article") and outs == {"violated"}:
                _add(u.violated, label)
            elif a["kind"] == "outcome" and outs and outs <= OK_SIDE:
                _add(u.ok, label)
            else:
                _add(u.other, label)
    warnings: list[str] = []
    for label, (tags, asserted_rules) in by_label.items():
        warnings += _tag_warnings(sorted(tags), asserted_rules, label)
    rules_total = len(units)
    covered = [u for u in units.values() if u.covered]
    uncovered = [u for u in units.values() if not u.covered]
    multi = len({u.ruleset for u in units.values()}) > 1
    ids_seen: dict[str, int] = defaultdict(int)
    for u in units.values():
        ids_seen[u.rule.id] += 1

    def name(u: Unit) -> str:  # rule ids are unique across rulesets unless a layer tightens a rule
        return u.rule.id if ids_seen[u.rule.id] == 1 else f"{u.rule.id}@{u.ruleset}"
    articles: dict[str, dict] = {}
    for u in units.values():
        b = u.rule.basis
        place = str(b.article) if b.article else (b.section or "?")
        key = f"{u.ruleset}:{place}" if multi else place
        law = b.law or u.rs.index.law.zh
        entry = articles.setdefault(key, {"article": b.article, "section": b.section, "ruleset": u.ruleset,
                                          "citation": f"{law}第{_zh(b.article)}条" if b.article else f"{law}{b.section or '（未注明条款）'}",
                                          "rules": [], "covered": True})
        entry["rules"].append({"rule": u.rule.id, "basis": cite(b, u.rs, "zh"), "covered": u.covered})
        entry["covered"] = entry["covered"] and u.covered
    return {
        "rules": rules_total,
        "covered": len(covered),
        "uncovered": [name(u) for u in uncovered],
        "uncovered_detail": [{"ruleset": u.ruleset, "rule": u.rule.id, "title": u.rule.title.zh, "missing": u.missing()}
                             for u in uncovered],
        "percent": round(100.0 * len(covered) / rules_total, 1) if rules_total else 100.0,
        "rulesets": sorted({u.ruleset for u in units.values()}),
        "not_checkable": not_checkable,
        "matrix": {name(u): {
            "ruleset": u.ruleset, "title": u.rule.title.zh, "basis": cite(u.rule.basis, u.rs, "zh"),
            "violated": u.violated, "satisfied_or_not_applicable": u.ok, "other": u.other, "covered": u.covered}
            for u in units.values()},
        "articles": dict(sorted(articles.items(), key=lambda kv: (kv[1]["ruleset"], kv[1]["article"] or 0,
                                                                  _section_key(kv[1]["section"])))),
        "scenarios": {"total": len(scenarios), "passed": sum(1 for s in scenarios if s["outcome"] == "passed"),
                      "failed": sum(1 for s in scenarios if s["outcome"] == "failed")},
        "tag_warnings": warnings,
        "method": "只计通过的场景中明确断言的规则结果：违反一侧与符合或不适用一侧各至少一个场景。标签只用于挑选场景，不计入覆盖率。",
    }


def _add(lst: list[str], label: str) -> None:
    if label not in lst:
        lst.append(label)


def _zh(n: int) -> str:
    from ..prose import zh_number
    return zh_number(n)


def _section_key(section: Optional[str]) -> tuple:
    """第四部分（九）第32项 → (4, 9, 32): plan sections in document order, not in code-point order (七 九 八)."""
    if not section:
        return ()
    from .context import zh_int
    out: list = []
    for m in re.finditer(r"[0-9]+|[零〇一二两三四五六七八九十百]+|[^0-9零〇一二两三四五六七八九十百]+", section):
        part = m.group(0)
        if part.isdigit():
            out.append((0, int(part), ""))
        elif re.fullmatch(r"[零〇一二两三四五六七八九十百]+", part):
            try:
                out.append((0, zh_int(part), ""))
            except ValueError:
                out.append((1, 0, part))
        else:
            out.append((1, 0, part))
    return tuple(out)


def _rule_articles(rid: str, rule_id: str) -> set[int]:
    """The articles of the Regulation a rule (as used in ruleset `rid`) rests on.

    A national rule cites an article (basis.article). A local rule usually cites a section of a
    plan (basis.section, article None): it rests on no article of its own, except where it tightens
    a rule of the ruleset it extends (`tightens`), whose article it then also concerns.
    """
    try:
        rs = rulesets.load(rid)
        rule = rs.rule(rule_id)
    except Exception:  # noqa: BLE001 - a ruleset not shipped, or a rule it no longer has
        return set()
    out = {rule.basis.article} if rule.basis.article else set()
    tightened = getattr(rule, "tightens", None)
    if tightened and rs.index.extends:
        for t in ([tightened] if isinstance(tightened, str) else list(tightened)):
            out |= _rule_articles(rs.index.extends, t)
    return out


def _tag_warnings(tags: list[str], asserted: set[tuple[str, str]], label: str) -> list[str]:
    """Scenario tags that promise more than the scenario asserts (feature-level tags are topics).

    `asserted` holds (ruleset, rule) pairs: a rule is looked up in the ruleset the scenario ran,
    and a rule citing a section of a local plan rather than an article is judged by what it rests
    on (see `_rule_articles`), so that it neither crashes the check nor counts as any article."""
    out = []
    asserted_tags = {tag_for_rule(r) for _, r in asserted}
    for t in tags:
        if t.startswith("rule_") and t not in asserted_tags:
            out.append(f"{label}：标签 @{t} 所指的规则在本场景中没有被断言")
    arts = {t for t in tags if t.startswith("art_")}
    if arts and asserted:
        have = {tag_for_article(a) for rid, r in asserted for a in _rule_articles(rid, r)}
        for t in sorted(arts - have):
            out.append(f"{label}：标签 @{t} 所指的条文在本场景断言的规则中没有出现")
    return out


def coverage_text(cov: dict) -> str:
    lines = [f"规格覆盖率（规则集：{'、'.join(cov['rulesets']) or '无'}）",
             f"  可检查的规则 {cov['rules']} 条，已覆盖 {cov['covered']} 条（{cov['percent']}%）；"
             f"不可检查的规则 {len(cov['not_checkable'])} 条，不计入。",
             f"  场景 {cov['scenarios']['total']} 个：通过 {cov['scenarios']['passed']} 个，未通过 {cov['scenarios']['failed']} 个"
             "（只计通过的场景）。", "", "规则 × 场景（违反 / 符合或不适用）："]
    for rid, m in cov["matrix"].items():
        mark = "✓" if m["covered"] else "✗"
        lines.append(f"  {mark} {rid:<40} 违反 {len(m['violated']):>2}  符合/不适用 {len(m['satisfied_or_not_applicable']):>2}"
                     f"  {m['basis'].split('》')[-1]}　{m['title']}")
    lines += ["", "条文 × 规则："]
    for a in cov["articles"].values():
        rules = "、".join(f"{r['rule']}{'' if r['covered'] else '（未覆盖）'}" for r in a["rules"])
        lines.append(f"  {'✓' if a['covered'] else '✗'} {a['citation']}：{rules}")
    if cov["not_checkable"]:
        lines += ["", "不可检查的规则（不计入覆盖率）："]
        lines += [f"  - {n['rule']} {n['title']}：{n['reason']}" for n in cov["not_checkable"]]
    if cov["uncovered_detail"]:
        lines += ["", "未覆盖的规则："]
        for u in cov["uncovered_detail"]:
            miss = "、".join({"violated": "缺少判定为“违反”的场景",
                              "satisfied_or_not_applicable": "缺少判定为“符合”或“不适用”的场景"}[m] for m in u["missing"])
            lines.append(f"  ✗ {u['rule']} {u['title']}：{miss}")
    if cov["tag_warnings"]:
        lines += ["", "标签提示："] + [f"  - {w}" for w in cov["tag_warnings"]]
    return "\n".join(lines)


# ------------------------------------------------------------------------------ run summary

def per_rule(result: RunResult) -> dict[str, dict]:
    out: dict[str, dict] = defaultdict(lambda: {"passed": 0, "failed": 0, "scenarios": []})
    for sc in result.scenarios:
        rules = {a["rule"] for a in sc.get("assertions", []) + sc.get("asserted_when_failed", []) if a.get("rule")}
        if sc.get("failed_rule"):
            rules.add(sc["failed_rule"])
        for r in rules:
            key = "passed" if sc["outcome"] == "passed" else "failed" if sc["outcome"] == "failed" else None
            if key:
                out[r][key] += 1
            out[r]["scenarios"].append(sc["scenario"])
    return dict(sorted(out.items()))


def summary_text(result: RunResult) -> str:
    n, p, f = len(result.scenarios), len(result.passed), len(result.failed)
    lines = [f"规格运行结果：共 {n} 个场景，通过 {p} 个，未通过 {f} 个" + (f"，跳过 {len(result.skipped)} 个" if result.skipped else "")
             + f"（用时 {result.seconds:.1f} 秒）"]
    if n == 0:
        lines.append("  没有找到任何场景。请检查路径，以及 .feature 文件第一行是否为“# language: zh-CN”。")
        tail = "\n".join(result.output.strip().splitlines()[-15:])
        if tail:
            lines.append(tail)
    by_feature: dict[str, list[dict]] = defaultdict(list)
    for sc in result.scenarios:
        by_feature[f"{sc['feature']}（{sc['file']}）"].append(sc)
    lines.append("")
    for feat, scs in by_feature.items():
        ok = sum(1 for s in scs if s["outcome"] == "passed")
        lines.append(f"功能：{feat}　{ok}/{len(scs)} 通过")
        for s in scs:
            mark = {"passed": "✓", "failed": "✗"}.get(s["outcome"], "-")
            lines.append(f"  {mark} {s['scenario']}")
    if result.failed:
        lines += ["", "未通过的场景："]
        for i, s in enumerate(result.failed, 1):
            lines.append(f"{i}. {s['feature']} › {s['scenario']}")
            lines += ["   " + line for line in (s.get("message") or "").splitlines()]
    rules = per_rule(result)
    if rules:
        lines += ["", "按规则统计（断言了该规则的场景）："]
        for r, c in rules.items():
            lines.append(f"  {r:<42} 通过 {c['passed']:>2}  未通过 {c['failed']:>2}")
    if not result.scenarios and result.exit_code not in (0, 5):
        lines.append(f"（pytest 退出码 {result.exit_code}）")
    return "\n".join(lines)


_HTML = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>规格运行报告</title>
<style>
body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:2em;max-width:70em;color:#222}
h1{font-size:1.5em} .ok{color:#1a7f37} .bad{color:#cf222e} table{border-collapse:collapse;margin:1em 0}
td,th{border:1px solid #ddd;padding:.3em .6em;text-align:left;vertical-align:top} th{background:#f6f8fa}
pre{background:#fff8f8;border-left:4px solid #cf222e;padding:.6em;white-space:pre-wrap}
.summary{font-size:1.1em;padding:.6em;background:#f6f8fa}
</style></head><body>
<h1>规格运行报告</h1>
<p class="summary">共 {{ n }} 个场景：<span class="ok">通过 {{ p }} 个</span>，<span class="{{ 'bad' if f else 'ok' }}">未通过 {{ f }} 个</span>（用时 {{ "%.1f"|format(secs) }} 秒；路径：{{ paths|join("、") }}）</p>
{% if failed %}<h2>未通过的场景</h2>
{% for s in failed %}<h3 class="bad">✗ {{ s.feature }} › {{ s.scenario }}</h3><pre>{{ s.message or "" }}</pre>{% endfor %}{% endif %}
<h2>全部场景</h2>
<table><tr><th>功能</th><th>场景</th><th>标签</th><th>结果</th><th>断言的规则</th></tr>
{% for s in scenarios %}<tr><td>{{ s.feature }}<br><small>{{ s.file }}</small></td><td>{{ s.scenario }}</td>
<td>{{ s.tags|join(" ") }}</td><td class="{{ 'ok' if s.outcome == 'passed' else 'bad' }}">{{ {'passed':'通过','failed':'未通过','skipped':'跳过'}.get(s.outcome, s.outcome) }}</td>
<td>{% for a in s.assertions %}{% if a.rule %}{{ a.rule }}：{{ a.outcomes|map('zh')|join('或') }}<br>{% endif %}{% endfor %}</td></tr>
{% endfor %}</table>
<h2>按规则统计</h2>
<table><tr><th>规则</th><th>通过</th><th>未通过</th></tr>
{% for r, c in rules.items() %}<tr><td>{{ r }}</td><td>{{ c.passed }}</td><td class="{{ 'bad' if c.failed else '' }}">{{ c.failed }}</td></tr>{% endfor %}
</table></body></html>
"""


def html_report(result: RunResult) -> str:
    import jinja2

    from ..models.finding import OUTCOME_ZH
    env = jinja2.Environment(autoescape=True)
    env.filters["zh"] = lambda o: OUTCOME_ZH.get(o, o)
    return env.from_string(_HTML).render(
        n=len(result.scenarios), p=len(result.passed), f=len(result.failed), secs=result.seconds, paths=result.paths,
        failed=result.failed, scenarios=result.scenarios, rules=per_rule(result))
