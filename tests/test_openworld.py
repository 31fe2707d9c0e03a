"""The three-state semantics (docs/open-world.md), generated from the rulesets themselves.

For every checkable rule of every ruleset, and every fact its checks read (a procedure's record, a
field, a date), start from a case under cases/ in which the rule is satisfied and build:

    contrary   the fact recorded against the duty (否, a forbidden value, dates in the wrong order,
               the records marked 未履行)                  → 违反, grounds = fact
    absent     the fact left out of a 完整案卷              → 违反, grounds = absence ("案卷未载明…")
    open       the same omission in a 公开信息 dossier, a 台账 row, or the record marked 未知
                                                            → 无法判定, listing what is needed

A fact that cannot be recorded "contrary" (a text, a number, a list, a date on its own) has the
last two variants only; a `not_in` where-condition reads silence as a match (docs/open-world.md),
so it has the contrary variant only. A rule whose YAML carries `open_world.exempt` lists the facts
that cannot follow the table and says why; they are skipped here, and that reason is required.
"""

from __future__ import annotations

import copy
import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

import pytest
import yaml
from pydantic import ValidationError

from engine import rulesets
from engine.check import check
from engine.core.encoding import CASE, field_kinds
from engine.load import Loaded, load_dossier
from engine.models.dossier import PROCEDURES, Dossier, Stage
from engine.models.enforcement import dossier_model_for
from engine.models.ruleset import Rule

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "cases"
SUFFIX = ".expected.yaml"


def _cases() -> list[tuple[Path, Optional[Stage]]]:
    out = []
    for p in sorted(CASES.rglob("*")):
        if not p.is_file() or p.suffix not in (".yaml", ".yml", ".json") or p.name.endswith(SUFFIX):
            continue
        exp = p.with_name(p.name[: -len(p.suffix)] + SUFFIX)
        if not exp.exists():
            continue
        e = yaml.safe_load(exp.read_text(encoding="utf-8")) or {}
        stage = e.get("stage")
        out.append((p, Stage.parse(str(stage)) if stage is not None else None))
    return out


@lru_cache(maxsize=None)
def _satisfied_in(ruleset_id: str) -> dict[str, list[tuple[Path, Optional[Stage]]]]:
    """rule id → the complete-file cases in which it is satisfied, under `ruleset_id`."""
    from engine.core.reading import case_value
    rs = rulesets.load(ruleset_id)
    found: dict[str, list[tuple[Path, Optional[Stage]]]] = {}
    ids = {r.id for r in rs.rules}  # a sector or decision-body layer stacked on top has its own rules
    for path, stage in _cases():
        loaded = load_dossier(path)
        if loaded.dossier.basis_of().value != "complete_file" or loaded.dossier.kind_of() != rs.index.kind:
            continue
        res = check(loaded, ruleset_id=ruleset_id, stage=stage, explain=True)
        for f in res.outcomes or []:
            if f.outcome == "satisfied" and f.rule in ids:
                rule = rs.rule(f.rule)
                # the duty must apply on recorded facts: an unstated trigger would make every variant indeterminate
                facts = [c.fact for c in rule.when if c.fact and c.if_silent is None] + [x for c in rule.when if c.any for x in c.any]
                if all(case_value(loaded.dossier, x) is not None for x in facts):
                    found.setdefault(f.rule, []).append((path, stage))
    return found


# ------------------------------------------------------------------------ facts a rule reads

def _facts(rule: Rule) -> list[tuple[str, dict]]:
    """(fact name, how to perturb it) for every fact the rule's checks read."""
    out: list[tuple[str, dict]] = []
    kinds = field_kinds()
    for ci, chk in enumerate(rule.checks):
        s, k = chk.spec, chk.kind
        if k == "required":
            out.append((s.procedure, {"ci": ci, "what": "procedure", "proc": s.procedure, "where": s.where,
                                      "alts": [a.procedure for a in s.alternatives]}))  # any of them meets the duty
            for w in s.where:
                out.append((f"{s.procedure}.{w.field_}", {"ci": ci, "what": "where", "proc": s.procedure, "w": w, "where": s.where}))
        elif k == "elements":
            for f in s.fields:
                out.append((f"{s.procedure}.{f}", {"ci": ci, "what": "element", "proc": s.procedure, "field": f, "where": s.where,
                                                   "kind": kinds[s.procedure].get(f)}))
        elif k == "order":
            for f in (s.first, s.then):
                out.append((f"{s.procedure}.{f}", {"ci": ci, "what": "order", "proc": s.procedure, "field": f, "spec": s}))
        elif k == "duration":
            for f in (s.from_, s.to):
                out.append((f"{s.procedure}.{f}", {"ci": ci, "what": "duration", "proc": s.procedure, "field": f, "spec": s}))
        elif k == "precedes":
            for side in ("before", "after"):
                ref = getattr(s, side)
                out.append((f"{ref.procedure}.{ref.date}", {"ci": ci, "what": "precedes", "side": side, "spec": s}))
        elif k in ("forbidden", "latest_before"):
            ref = s.all[0] if k == "forbidden" else s
            if k == "forbidden" and len(s.all) != 1:
                continue
            for w in ref.where:
                if w.field_ == "latest" or (w.is_ is None and w.in_ is None):
                    continue
                out.append((f"{ref.procedure}.{w.field_}", {"ci": ci, "what": "forbid", "proc": ref.procedure, "w": w,
                                                            "where": ref.where}))
    seen, unique = set(), []
    for name, how in out:
        if (name, how["what"]) not in seen:
            seen.add((name, how["what"]))
            unique.append((name, how))
    return unique


# ------------------------------------------------------------------------------ mutation

def _records(d: dict, proc: str) -> list[dict]:
    return [p for p in d.get("procedures", []) if p.get("type") == proc]


def _matches(rec: dict, where) -> bool:
    """A record a where-list selects, by its recorded values (silence matches: it is perturbed anyway)."""
    from engine.openworld import where_holds
    model = PROCEDURES[rec["type"]].model_validate(rec)
    return all(where_holds(model, w) is not False for w in where if w.field_ != "latest")


def _contrary_enum(proc: str, field: str, allowed: Optional[list[str]], forbidden: Optional[list[str]]) -> Optional[str]:
    from engine.core.encoding import schema_of
    extra = schema_of(PROCEDURES[proc])[field][1]
    for m in extra:
        if allowed is not None and m.value not in allowed:
            return m.value
        if forbidden is not None and m.value in forbidden:
            return m.value
    return None


def _set_path(rec: dict, path: str, value: Any, contrary_of: Optional[bool] = None) -> bool:
    """Set a rule path on a record dict: a field, `a.has.x`, `a.all.sub` / `a.any.sub`. False if it cannot."""
    parts = path.split(".")
    if len(parts) == 1:
        rec[path] = [] if value is None and isinstance(rec.get(path), list) else value
        return True
    head, mode, sub = parts
    if mode == "has":
        if value is None:
            rec[head] = []
            return True
        members = [m for m in rec.get(head, []) if m != sub]
        if not members:
            from engine.core.encoding import schema_of
            members = [m.value for m in schema_of(PROCEDURES[rec["type"]])[head][1] if m.value != sub][:1]
        rec[head] = members
        return True
    items = rec.get(head) or []
    if not items:
        return False
    for it in items:
        it[sub] = value
    return True


def _variant(d0: dict, how: dict, variant: str) -> Optional[dict]:
    """The dossier dict with one fact perturbed; None when this fact has no such variant."""
    d = copy.deepcopy(d0)
    what = how["what"]
    if what == "procedure":
        procs = [how["proc"], *how.get("alts", [])]
        recs = [r for p in procs for r in _records(d, p)]
        if variant == "contrary":
            for r in recs:
                r["status"] = "not_performed"
        elif variant == "absent":
            d["procedures"] = [p for p in d.get("procedures", []) if p.get("type") not in procs]
        elif variant == "unknown":
            for r in recs:
                r["status"] = "unknown"
        return d
    if what in ("where", "forbid"):
        w = how["w"]
        recs = [r for r in _records(d, how["proc"])]
        if what == "where":
            recs = [r for r in recs if _matches(r, how["where"])]
        if not recs:
            return None
        if variant == "contrary":
            if w.present is not None:
                return None  # recordedness itself: its contrary is the omission
            if w.is_ is not None:
                value: Any = (not w.is_) if what == "where" else w.is_
            elif what == "where":
                value = _contrary_enum(how["proc"], w.field_, w.in_, w.not_in)
            else:
                value = (w.in_ or [None])[0]
            if value is None:
                return None
        else:
            if w.not_in is not None or w.present is False:
                return None  # silence reads as a match (docs/open-world.md)
            value = None
        for r in recs:
            if not _set_path(r, w.field_, value):
                return None
            if what == "forbid":  # the other conditions as the pattern wants them
                for o in how["where"]:
                    if o is not w and o.is_ is not None and o.field_ != "latest":
                        _set_path(r, o.field_, o.is_)
                    elif o is not w and o.in_ is not None:
                        _set_path(r, o.field_, o.in_[0])
        return d
    if what == "element":
        proc, f = how["proc"], how["field"]
        holders = [d] if proc == CASE else [r for r in _records(d, proc) if _matches(r, how["where"])]
        if proc == CASE:
            if f.startswith("catalog."):
                if not d.get("catalog"):
                    return None
                holders, f = [d["catalog"]], f.split(".", 1)[1]
            elif f in d.get("triggers", {}) or f not in Dossier.model_fields:
                holders, f = [d.setdefault("triggers", {})], f
        if not holders:
            return None
        kind = how["kind"]
        if variant == "contrary":
            if kind != "bool":
                return None
            value = False
        else:
            value = None
        for r in holders:
            if value is None and isinstance(r.get(f.split(".")[0]), list) and "." not in f:
                r[f] = []
            elif not _set_path(r, f, value):
                return None
            if proc == CASE and f == "published_date" and value is None:
                r.pop("published_in_first_quarter", None)  # worked out from the date: no longer known
            if proc == CASE and f == "published_in_first_quarter":
                r.pop("year", None)  # else worked out again from the year and the date
        return d
    if what in ("order", "duration"):
        s = how["spec"]
        recs = _records(d, how["proc"])
        if what == "duration" and s.where:
            recs = [r for r in recs if _matches(r, s.where)]
        recs = [r for r in recs if r.get(s.first if what == "order" else s.from_) and r.get(s.then if what == "order" else s.to)]
        if not recs:
            return None
        for r in recs:
            if variant == "contrary":
                if what == "order":
                    if how["field"] != s.first:
                        return None  # one contrary variant per order: the first date after the second
                    r[s.first] = (dt.date.fromisoformat(r[s.then]) + dt.timedelta(days=1)).isoformat()
                else:
                    if how["field"] != s.to:
                        return None
                    start = dt.date.fromisoformat(r[s.from_])
                    p = how["param"]
                    if s.at_least:
                        end = start
                    elif p.unit == "years":
                        end = start.replace(year=start.year + p.value + 1)
                    else:
                        end = start + dt.timedelta(days=p.value * 2 + 20)
                    r[s.to] = end.isoformat()
                    if s.unless:
                        r[s.unless] = None
            else:
                r[how["field"]] = None
        return d
    if what == "precedes":
        s = how["spec"]
        a, b = s.before, s.after
        bs = [r for r in _records(d, b.procedure) if r.get(b.date) and _matches(r, b.where)]
        as_ = [r for r in _records(d, a.procedure) if r.get(a.date) and _matches(r, a.where)]
        if not bs or not as_:
            return None
        if variant == "contrary":
            if how["side"] != "before":
                return None
            late = max(dt.date.fromisoformat(r[b.date]) for r in bs) + dt.timedelta(days=1)
            for r in as_:
                r[a.date] = late.isoformat()
                for k, v in list(r.items()):  # keep the record's own dates in order (its validators)
                    if k != a.date and k.endswith("date") and isinstance(v, str) and v > late.isoformat() and k != "submitted_date":
                        r[k] = late.isoformat()
                if "submitted_date" in r and r.get("submitted_date") and r["submitted_date"] > late.isoformat():
                    r["submitted_date"] = late.isoformat()
        else:
            for r in (as_ if how["side"] == "before" else bs):
                r[a.date if how["side"] == "before" else b.date] = None
        return d
    return None


def _dump(d: Dossier) -> dict:
    return d.model_dump(mode="json", exclude_none=True, exclude_defaults=False)


def _outcome(d: dict, rule_id: str, ruleset_id: str, stage: Optional[Stage], name: str):
    try:
        dossier = dossier_model_for(d).model_validate(d)  # the kind (案卷类型) chooses the model
    except ValidationError as e:
        if "#contrary" in name:
            return None
        raise AssertionError(f"{name}: the variant does not load: {e}") from None
    res = check(Loaded(dossier=dossier, file=name, sha256=""), ruleset_id=ruleset_id, stage=stage, explain=True)
    return next((f for f in res.outcomes or [] if f.rule == rule_id), None)


# ------------------------------------------------------------------------------ the table

def _params() -> list[tuple[str, str, str, str]]:
    out = []
    for rid in sorted(rulesets.all_ids()):
        rs = rulesets.load(rid)
        inherited = {r.id for r in rulesets.load(rs.index.extends).rules} if rs.index.extends else set()
        for rule in rs.rules:
            if not rule.checkable or rule.id in inherited:
                continue
            for name, _ in _facts(rule):
                out.append((rid, rule.id, name, _facts(rule)[[n for n, _ in _facts(rule)].index(name)][1]["what"]))
    return out


PARAMS = _params()


def test_every_checkable_rule_reads_some_fact():
    rules = {(r, i) for r, i, _, _ in PARAMS}
    for rid in rulesets.all_ids():
        rs = rulesets.load(rid)
        inherited = {r.id for r in rulesets.load(rs.index.extends).rules} if rs.index.extends else set()
        for rule in rs.rules:
            if rule.checkable and rule.id not in inherited:
                assert (rid, rule.id) in rules, f"{rid} {rule.id}: the generated test finds no fact it reads"


@pytest.mark.parametrize("ruleset_id,rule_id,fact,what", PARAMS, ids=[f"{r}::{i}::{f}" for r, i, f, _ in PARAMS])
def test_three_states(ruleset_id: str, rule_id: str, fact: str, what: str):
    rs = rulesets.load(ruleset_id)
    if rs.index.layer != "jurisdiction":  # a sector or decision-body layer reads the parameters of what it stacks on
        rs = rulesets.load(f"{rs.index.stacks_on}+{ruleset_id}")
    rule = rs.rule(rule_id)
    exempt = {e for e in (rule.open_world.exempt if rule.open_world else [])}
    if fact in exempt:
        assert rule.open_world.reason.zh, f"{rule_id}: open_world.exempt needs a reason"
        pytest.skip(f"{rule_id} {fact}: {rule.open_world.reason.zh}")
    bases = _satisfied_in(ruleset_id).get(rule_id)
    if not bases:
        pytest.skip(f"no case under cases/ satisfies {rule_id} under {ruleset_id} (test_rule_examples requires one that passes)")
    how = dict(next(h for n, h in _facts(rule) if n == fact and h["what"] == what))
    if what == "duration":
        how["param"] = rs.index.parameters[how["spec"].at_least or how["spec"].at_most]
    for path, stage in bases:  # the first case in which the fact is there to perturb
        d0 = _dump(load_dossier(path).dossier)
        if any(_variant(d0, how, v) is not None for v in ("contrary", "absent")):
            break
    built = 0

    contrary = _variant(d0, how, "contrary")
    if contrary is not None:
        f = _outcome(contrary, rule_id, ruleset_id, stage, f"{path.name}#contrary")
        if f is not None:  # None: the format itself refuses the contrary dates (a load error is the finding)
            built += 1
            assert f.outcome == "violated" and f.grounds == "fact", (
                f"{rule_id} {fact} recorded contrary in {path.name}: expected 违反 on a recorded fact, got {f.outcome} "
                f"{f.grounds} 「{f.message}」")

    absent = _variant(d0, how, "absent")
    if absent is not None:
        f = _outcome(absent, rule_id, ruleset_id, stage, f"{path.name}#absent")
        assert f is not None
        built += 1
        assert f.outcome == "violated" and f.grounds == "absence", (
            f"{rule_id} {fact} not recorded in a complete file ({path.name}): expected 违反 on absence, got "
            f"{f.outcome} {f.grounds} 「{f.message}」")
        assert f.message.startswith("案卷未载明"), f"{rule_id}: an absence is worded as a fact: 「{f.message}」"
        for basis in ("public_sources", "ledger"):
            f = _outcome(dict(absent, record_basis=basis), rule_id, ruleset_id, stage, f"{path.name}#{basis}")
            assert f is not None and f.outcome == "indeterminate", (
                f"{rule_id} {fact} not recorded in a {basis} dossier: expected 无法判定, got {f and f.outcome}")
            assert "需补充" in (f.reason or "") and f.needed, f"{rule_id}: the indeterminate finding does not say what is needed"

    if what == "procedure":
        unknown = _variant(d0, how, "unknown")
        f = _outcome(unknown, rule_id, ruleset_id, stage, f"{path.name}#unknown")
        built += 1
        assert f is not None and f.outcome == "indeterminate", (
            f"{rule_id}: {fact} marked 未知 in a complete file: expected 无法判定, got {f and f.outcome}")
    assert built, f"{rule_id} {fact}: no variant could be built from {path.name}"


# ------------------------------------------------------------------------ what the user sees

import json as _json
import subprocess
import sys

from typer.testing import CliRunner

from engine.cli import app

_runner = CliRunner(env={"COLUMNS": "600"})
OW = CASES / "open_world"
HEADLINE = {"compliant": "合规", "noncompliant": "不合规", "noncompliant_unrecorded": "不合规（未见记载）",
            "unconfirmed": "无法确认合规"}


@pytest.mark.parametrize("case,verdict", [
    ("good/participation-by-hearing.yaml", "compliant"),
    ("bad/hearing-announced-not-held.yaml", "noncompliant"),
    ("bad/legality-review-requested-no-opinion.yaml", "noncompliant_unrecorded"),
    ("indeterminate/pengyang-heating-public-sources.yaml", "unconfirmed"),
])
def test_headline_agrees_in_every_format(case: str, verdict: str):
    path = str(OW / case)
    r = _runner.invoke(app, ["check", path, "-f", "json"])
    got = _json.loads(r.stdout)[0]
    assert got["verdict"] == verdict and got["verdict_zh"] == HEADLINE[verdict]
    viol = [f for f in got["findings"] if f["outcome"] == "violated"]
    fact, absent = sum(f["grounds"] == "fact" for f in viol), sum(f["grounds"] == "absence" for f in viol)
    indet = sum(f["outcome"] == "indeterminate" for f in got["findings"])
    counts = f"有记载事实 {fact}，未见记载 {absent}；无法判定 {indet} 项"
    for fmt in ("text", "md", "html"):
        out = _runner.invoke(app, ["check", path, "-f", fmt]).stdout
        assert f"{HEADLINE[verdict]} · 违反 {fact + absent} 项：{counts}" in out, fmt
        if verdict == "compliant":
            assert "结果: 不合规" not in out and "| 结果 | **" not in out, fmt
    html = _runner.invoke(app, ["check", path, "-f", "html"]).stdout
    assert f'data-verdict="{verdict}"' in html and f'data-count="absence">{absent}<' in html


def test_fail_on_indeterminate():
    path = str(OW / "indeterminate/legality-review-status-unknown.yaml")
    assert _runner.invoke(app, ["check", path]).exit_code == 0  # 无法确认合规: no violation found
    assert _runner.invoke(app, ["check", path, "--fail-on", "indeterminate"]).exit_code == 1
    assert _runner.invoke(app, ["check", str(OW / "good/participation-by-hearing.yaml"), "--fail-on", "indeterminate"]).exit_code == 0
    assert _runner.invoke(app, ["check", path, "--fail-on", "sometimes"]).exit_code == 2


def test_public_sources_are_listed_and_evidence_names_where_a_status_was_read():
    r = _runner.invoke(app, ["check", str(OW / "bad/haiyuan-water-price-public-sources.yaml"), "-f", "json"])
    got = _json.loads(r.stdout)[0]
    assert got["record_basis"] == "public_sources" and got["sources"][0].startswith("政府网站《海原县人民政府门户网站》")
    f = next(f for f in got["findings"] if f["rule"] == "mad.hearing.trigger")
    assert f["grounds"] == "fact"
    ev = next(e for e in f["evidence"] if e["fact"] == "hearing.status")
    assert ev["value"].startswith("未履行") and "海政依申复〔2024〕15号" in ev["value"]
    html = _runner.invoke(app, ["check", str(OW / "bad/haiyuan-water-price-public-sources.yaml"), "-f", "html"]).stdout
    assert '<ul class="sources">' in html and "海原县人民政府门户网站" in html
    # what the published sources do not show is indeterminate, with what would settle it
    g = next(f for f in got["findings"] if f["rule"] == "mad.legal.before-discussion")
    assert g["outcome"] == "indeterminate" and g["needed"] == ["是否履行合法性审查"] and "公开信息中未见" in g["reason"]


def test_conditional_findings_when_major_status_is_pending():
    r = _runner.invoke(app, ["check", str(OW / "indeterminate/major-status-pending.yaml"), "-f", "json"])
    got = _json.loads(r.stdout)[0]
    assert got["verdict"] == "unconfirmed" and r.exit_code == 0
    assert got["findings"] and all(f["conditional"] and f["message"].startswith("如属重大行政决策") for f in got["findings"])


def test_a_decision_dated_before_its_meeting_is_flagged_naming_both_dates(tmp_path):
    text = (CASES / "complete/good/pengyang-heating-price.yaml").read_text(encoding="utf-8").replace(
        "决策日期: 2023-08-02", "决策日期: 2023-07-20")
    p = tmp_path / "d.yaml"
    p.write_text(text, encoding="utf-8")
    r = _runner.invoke(app, ["check", str(p), "-f", "json"])
    w = next(w for w in _json.loads(r.stdout)[0]["warnings"] if w["code"] == "dates.incoherent")
    assert "2023-07-20" in w["message"] and "2023-08-02" in w["message"] and "决策日期" in w["message"]


def test_a_user_calendar_settles_working_days_in_a_year_the_library_lacks():
    case = str(CASES / "calendar/review-2027-no-calendar.yaml")
    base = [sys.executable, "-m", "engine", "check", case, "-f", "json"]
    without = subprocess.run(base, capture_output=True, text=True, cwd=ROOT)
    f = next(x for x in _json.loads(without.stdout)[0]["findings"] if x["rule"] == "mad.legal.review-time")
    assert f["outcome"] == "indeterminate" and "缺少2027年" in f["reason"]
    assert "2027" in without.stderr and "calendar.missing-year" in without.stderr  # the warning names the year
    cal = str(CASES / "calendar/2027-example.calendar")
    withc = subprocess.run(base + ["--calendar", cal], capture_output=True, text=True, cwd=ROOT)
    f = next(x for x in _json.loads(withc.stdout)[0]["findings"] if x["rule"] == "mad.legal.review-time")
    assert f["outcome"] == "violated" and f["grounds"] == "fact" and "3个工作日" in f["message"]
    bad = subprocess.run(base + ["--calendar", str(CASES / "README.md")], capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2 and "节假日日历" in bad.stderr


def test_the_json_schema_has_the_open_world_keys():
    r = _runner.invoke(app, ["schema"])
    text = r.stdout
    for k in ("案卷来源", "record_basis", "状态", "来源", "是否重大行政决策", "已举行", "报名截止日期", "已调整决策草案"):
        assert k in text, k
