"""results.jsonl + errors.jsonl → summary.json, summary.csv, dossiers.csv, report.html.

Built while the audit runs: each worker tallies the dossiers it checked (Part) and the parent
merges the parts in the order it writes their lines, so the figures are those of the files
without reading them back. A resumed audit, and --summarize-only, recompute everything from the
jsonl files in one streaming pass instead, so their figures too are those of the files,
whatever happened to the processes that wrote them. Every number is a
count of result lines; dossiers.csv gives each dossier's status for each rate, so any figure can
be traced back to the dossiers behind it.

Definitions (docs/audit.md, docs/open-world.md):
    overall compliance rate  = dossiers 合规 / dossiers decided (合规 + 不合规 + 不合规（未见记载）)
    <procedure> rate         = due and done properly / due      (rulesets/rates.yaml maps procedures to rules)
    violated / unrecorded    the violations of a rate (or dossiers) on recorded facts, and on the file's silence
    indeterminate            counted apart, in neither the numerator nor the denominator (无法确认合规)
    not assessable           a rate a ledger cannot show (rulesets/rates.yaml `ledger: false`), for ledger rows
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

import orjson

from ..core.yamlload import load_file
from ..models.finding import OUTCOME_RANK, OUTCOME_ZH
from .store import ERRORS, RESULTS, atomic_fill, atomic_write, iter_lines

RATES_FILE = Path(__file__).resolve().parents[2] / "rulesets" / "rates.yaml"  # law data: beside the rules it names
DIMENSIONS = ("decision_body", "undertaking_unit", "year", "category", "sector")
DIM_ZH = {"decision_body": "决策机关", "undertaking_unit": "承办单位", "year": "年度", "category": "事项类别", "sector": "事项领域"}
DIM_EN = {"decision_body": "decision body", "undertaking_unit": "undertaking unit", "year": "year", "category": "category", "sector": "sector"}
STATUS = ("done", "violated", "unrecorded", "indeterminate", "waived", "not_due", "not_assessable")
STATUS_ZH = {"done": "符合", "violated": "违反", "unrecorded": "违反（未见记载）", "indeterminate": "无法判定", "waived": "豁免",
             "not_due": "不适用", "not_assessable": "台账不可评估"}
_STATUS_OF = {"satisfied": "done", "violated": "violated", "indeterminate": "indeterminate", "waived": "waived",
              "not_applicable": "not_due"}
NOT_GIVEN = ""  # a dossier without a decision body, year, ...


@dataclass(frozen=True)
class RateDef:
    id: str
    zh: str
    en: str
    rules: tuple[str, ...]
    due_zh: str = ""
    due_en: str = ""
    ledger: bool = False  # a ledger row can show it (the five statutory procedures, 713 Art. 4 / Art. 9)
    kind: str = "mad"  # the kind of dossier it is about (重大执法决定: major_enforcement_decision)


@lru_cache(maxsize=1)
def rate_defs() -> tuple[RateDef, ...]:
    raw = load_file(RATES_FILE)
    return tuple(RateDef(r["id"], r["zh"], r["en"], tuple(r["rules"]), r.get("due_zh", ""), r.get("due_en", ""),
                         bool(r.get("ledger", False)), r.get("kind", "mad"))
                 for r in raw["rates"])


def shown_rates(counts: dict[str, Counter]) -> list[RateDef]:
    """The rates an audit reports: those of the kinds of dossier it met (a rate some dossier had a
    rule for); with none met, the decision rates, as before the third kind existed."""
    kinds = {rd.kind for rd in rate_defs() if sum(counts.get(rd.id, Counter()).values())}
    return [rd for rd in rate_defs() if rd.kind in (kinds or {"mad"})]


def rate_status(rule_outcomes: dict[str, str], rd: RateDef, grounds: Optional[dict[str, str]] = None,
                basis: Optional[str] = None) -> Optional[str]:
    """A dossier's status for one rate: done | violated | unrecorded | indeterminate | waived | not_due |
    not_assessable; None if no rule applies. `grounds`: rule → "fact" | "absence" of its violation."""
    outs = [rule_outcomes[r] for r in rd.rules if r in rule_outcomes]
    if not outs:  # none of its rules is in the dossier's ruleset (another kind of dossier)
        return None
    if basis == "ledger" and not rd.ledger:
        return "not_assessable"
    st = _STATUS_OF[max(outs, key=OUTCOME_RANK.get)]
    if st == "violated" and grounds is not None:
        on_fact = any(rule_outcomes.get(r) == "violated" and grounds.get(r, "fact") == "fact" for r in rd.rules)
        return "violated" if on_fact else "unrecorded"
    return st


def _ratio(num: int, den: int) -> Optional[float]:
    return round(num / den, 6) if den else None


def _rate_block(c: Counter) -> dict:
    due = c["done"] + c["violated"] + c["unrecorded"]
    return {"numerator": c["done"], "denominator": due, "rate": _ratio(c["done"], due), "violated": c["violated"],
            "unrecorded": c["unrecorded"], "indeterminate": c["indeterminate"], "waived": c["waived"],
            "not_due": c["not_due"], "not_assessable": c["not_assessable"]}


class _Group:
    __slots__ = ("checked", "applicable", "compliant", "with_indeterminate", "combos", "verdicts")

    def __init__(self) -> None:
        self.checked = self.applicable = self.compliant = self.with_indeterminate = 0
        # (every rate's status, in rate_defs() order) → dossiers: one count per dossier and group, not
        # one per rate (an audit counts each dossier in 7 groups for 18 rates); the rates are summed from
        # it when read. As many entries as distinct combinations occur, not as dossiers.
        self.combos: Counter = Counter()
        self.verdicts: Counter = Counter()  # compliant | noncompliant | noncompliant_unrecorded | unconfirmed

    def merge(self, o: "_Group") -> None:
        self.checked += o.checked
        self.applicable += o.applicable
        self.compliant += o.compliant
        self.with_indeterminate += o.with_indeterminate
        self.combos.update(o.combos)
        self.verdicts.update(o.verdicts)

    @property
    def rates(self) -> dict[str, Counter]:
        """rate id → Counter of statuses (done, violated, …) over the group's dossiers."""
        ids = [rd.id for rd in rate_defs()]
        out: dict[str, Counter] = defaultdict(Counter)
        for combo, n in self.combos.items():
            for rid, st in zip(ids, combo):
                if st is not None:
                    out[rid][st] += n
        return out

    def out(self) -> dict:
        v = self.verdicts
        decided = v["compliant"] + v["noncompliant"] + v["noncompliant_unrecorded"]
        rates = self.rates
        return {"checked": self.checked, "applicable": self.applicable, "compliant": v["compliant"],
                "noncompliant": v["noncompliant"] + v["noncompliant_unrecorded"],
                "noncompliant_fact": v["noncompliant"], "noncompliant_unrecorded": v["noncompliant_unrecorded"],
                "unconfirmed": v["unconfirmed"], "decided": decided, "with_indeterminate": self.with_indeterminate,
                "compliance_rate": _ratio(v["compliant"], decided),
                "rates": {rd.id: _rate_block(rates[rd.id]) for rd in rate_defs()}}


def _group_key(obj: dict, dim: str) -> str:
    if dim == "sector":  # the sector layers the dossier was checked under (engine/layers.py), from the ruleset's id
        return _sector_of((obj.get("ruleset") or {}).get("id") or "")
    v = obj.get(dim)
    return NOT_GIVEN if v is None or v == "" else str(v)


@lru_cache(maxsize=1024)
def _sector_of(ruleset_id: str) -> str:
    """`cn.mad.decree-713+cn.sector.price` → 政府定价: the sector names of the stacked sector layers."""
    if "+" not in ruleset_id:
        return NOT_GIVEN
    from .. import rulesets as _rs
    names = []
    for part in ruleset_id.split("+")[1:]:
        h = _rs.heads().get(part)
        if h is not None and h.index.layer == "sector" and h.index.sector:
            names.append(h.index.sector[0])
    return "、".join(names)


class Tally:
    """Streaming accumulator: memory grows with the number of groups and rules, not of dossiers."""

    def __init__(self, list_limit: int = 500) -> None:
        self.list_limit = list_limit
        self.total = _Group()
        self.by: dict[str, dict[str, _Group]] = {d: defaultdict(_Group) for d in DIMENSIONS}
        self.rule_outcomes: Counter = Counter()  # (rule, outcome) → dossiers
        self.rule_meta: dict[str, dict] = {}
        self.rulesets: Counter = Counter()
        self.not_applicable = 0
        self.indeterminate_findings = 0
        self.violation_findings = 0
        self.unrecorded_findings = 0  # violations on the file's silence (of violation_findings)
        self.bases: Counter = Counter()  # record_basis → applicable dossiers
        self.noncompliant: list[tuple] = []
        self.noncompliant_total = 0
        self.errors: Counter = Counter()
        self.error_list: list[dict] = []
        self.error_total = 0

    # --------------------------------------------------------------------- feed
    def add_result(self, obj: dict) -> dict[str, Optional[str]]:
        """Count one result line; → its status per rate (for dossiers.csv)."""
        groups = [self.total] + [self.by[d][_group_key(obj, d)] for d in DIMENSIONS]
        for g in groups:
            g.checked += 1
        if obj.get("ruleset", {}).get("id"):
            self.rulesets[(obj["ruleset"]["id"], obj["ruleset"].get("version"))] += 1
        if not obj.get("applicable"):
            self.not_applicable += 1
            return {}
        ro: dict[str, str] = obj.get("rule_outcomes") or {}
        compliant = bool(obj.get("compliant"))
        verdict = obj.get("verdict") or ("compliant" if compliant else "noncompliant")
        indeterminate = any(f.get("outcome") == "indeterminate" for f in obj.get("findings", []))
        grounds = {f["rule"]: f.get("grounds") or "fact" for f in obj.get("findings", []) if f.get("outcome") == "violated"}
        basis = obj.get("record_basis") or "complete_file"
        self.bases[basis] += 1
        statuses = {rd.id: rate_status(ro, rd, grounds, basis) for rd in rate_defs()}
        combo = tuple(statuses.values())
        for g in groups:
            g.applicable += 1
            g.compliant += compliant
            g.verdicts[verdict] += 1
            g.with_indeterminate += indeterminate
            g.combos[combo] += 1
        self.rule_outcomes.update(ro.items())  # one C-level pass, not a Counter update per rule
        for f in obj.get("findings", []):
            if f["rule"] not in self.rule_meta:
                self.rule_meta[f["rule"]] = {k: f.get(k) for k in ("title", "title_en", "basis", "basis_en", "severity", "section")}
            if f["outcome"] == "indeterminate":
                self.indeterminate_findings += 1
            elif f["outcome"] == "violated":
                self.violation_findings += 1
                if f.get("grounds") == "absence":
                    self.unrecorded_findings += 1
        if not compliant:
            self.noncompliant_total += 1
            self._keep(obj)
        return statuses

    def _keep(self, obj: dict) -> None:
        viol = [f for f in obj.get("findings", []) if f.get("outcome") == "violated"]
        entry = {k: obj.get(k) for k in ("file", "dossier", "title", "decision_body", "undertaking_unit", "year", "category")}
        entry["verdict"] = obj.get("verdict")
        entry["findings"] = [{k: f.get(k) for k in ("rule", "title", "title_en", "outcome", "severity", "basis", "basis_en",
                                                     "message", "message_en", "remedy", "remedy_en", "grounds")}
                             for f in obj.get("findings", [])]
        entry["violations"] = sum(1 for f in viol if f.get("severity") == "violation")
        entry["violations_fact"] = sum(1 for f in viol if f.get("severity") == "violation" and f.get("grounds") != "absence")
        entry["violations_unrecorded"] = entry["violations"] - entry["violations_fact"]
        # ranked by violations on recorded facts first, then on silence; ties by dossier 编号, then key
        self.noncompliant.append(((-entry["violations_fact"], -entry["violations_unrecorded"]), str(entry["dossier"] or ""),
                                  entry["file"] or "", entry))
        if len(self.noncompliant) > 2 * self.list_limit:
            self._trim()

    def _trim(self) -> None:
        self.noncompliant.sort(key=lambda t: (t[0], t[1], t[2]))  # most violations first, ties by dossier 编号
        del self.noncompliant[self.list_limit:]

    def add_error(self, obj: dict) -> None:
        self.error_total += 1
        self.errors[obj.get("kind", "load")] += 1
        self.error_list.append({k: obj.get(k) for k in ("file", "dossier", "kind", "code", "message", "message_en")})
        if len(self.error_list) > 2 * self.list_limit:  # keep the first by file name, whatever order they finished in
            self.error_list.sort(key=lambda e: str(e.get("file")))
            del self.error_list[self.list_limit:]

    def merge(self, o: "Tally") -> None:
        """Add another tally's counts, as if its dossiers had been added here after this one's."""
        self.total.merge(o.total)
        for d in DIMENSIONS:
            mine = self.by[d]
            for k, g in o.by[d].items():
                mine[k].merge(g)
        self.rule_outcomes.update(o.rule_outcomes)
        for k, v in o.rule_meta.items():
            self.rule_meta.setdefault(k, v)
        self.rulesets.update(o.rulesets)
        self.not_applicable += o.not_applicable
        self.indeterminate_findings += o.indeterminate_findings
        self.violation_findings += o.violation_findings
        self.unrecorded_findings += o.unrecorded_findings
        self.bases.update(o.bases)
        self.noncompliant_total += o.noncompliant_total
        self.noncompliant += o.noncompliant
        if len(self.noncompliant) > 2 * self.list_limit:
            self._trim()
        self.error_total += o.error_total
        self.errors.update(o.errors)
        self.error_list += o.error_list
        if len(self.error_list) > 2 * self.list_limit:
            self.error_list.sort(key=lambda e: str(e.get("file")))
            del self.error_list[self.list_limit:]

    # --------------------------------------------------------------------- out
    def summary(self) -> dict:
        self._trim()
        self.error_list.sort(key=lambda e: str(e.get("file")))
        del self.error_list[self.list_limit:]
        from .. import rulesets as _rs
        from ..prose import cite
        for (rid, _), _n in self.rulesets.items():
            try:
                rs = _rs.load(rid)
            except Exception:  # noqa: BLE001 - a ruleset no longer present: keep the titles the findings gave
                continue
            for rule in rs.rules:
                self.rule_meta.setdefault(rule.id, {"title": rule.title.zh, "title_en": rule.title.en or rule.title.zh,
                                                    "basis": cite(rule.basis, rs, "zh"), "basis_en": cite(rule.basis, rs, "en"),
                                                    "severity": rule.severity, "section": None})
        rules = []
        by_rule: dict[str, Counter] = defaultdict(Counter)
        for (rule, outcome), n in self.rule_outcomes.items():
            by_rule[rule][outcome] += n
        for rule, c in by_rule.items():
            meta = self.rule_meta.get(rule, {})
            rules.append({"rule": rule, **{k: meta.get(k) for k in ("title", "title_en", "basis", "basis_en", "severity")},
                          **{o: c[o] for o in ("violated", "indeterminate", "waived", "satisfied", "not_applicable")}})
        rules.sort(key=lambda r: (-r["violated"], -r["indeterminate"], r["rule"]))
        t = self.total
        tv = t.out()
        total_rates = t.rates
        checked_all = t.checked + self.error_total
        ledger_only = bool(self.bases) and set(self.bases) == {"ledger"}
        return {
            "totals": {
                "inputs": checked_all, "checked": t.checked, "errors": self.error_total,
                "errors_by_kind": dict(sorted(self.errors.items())),
                "not_applicable": self.not_applicable, "applicable": t.applicable,
                "compliant": tv["compliant"], "noncompliant": tv["noncompliant"],
                "noncompliant_fact": tv["noncompliant_fact"], "noncompliant_unrecorded": tv["noncompliant_unrecorded"],
                "unconfirmed": tv["unconfirmed"], "with_indeterminate": t.with_indeterminate,
                "violation_findings": self.violation_findings, "indeterminate_findings": self.indeterminate_findings,
                "violation_findings_fact": self.violation_findings - self.unrecorded_findings,
                "violation_findings_unrecorded": self.unrecorded_findings,
            },
            "record_basis": dict(sorted(self.bases.items())), "ledger_only": ledger_only,
            "overall": {"numerator": tv["compliant"], "denominator": tv["decided"], "rate": tv["compliance_rate"],
                        "violated": tv["noncompliant_fact"], "unrecorded": tv["noncompliant_unrecorded"],
                        "indeterminate": tv["unconfirmed"]},
            "rates": [{"id": rd.id, "zh": rd.zh, "en": rd.en, "rules": list(rd.rules), "due_zh": rd.due_zh, "due_en": rd.due_en,
                       "ledger": rd.ledger, "assessable": not (ledger_only and not rd.ledger), "kind": rd.kind,
                       **_rate_block(total_rates[rd.id])} for rd in shown_rates(total_rates)],
            "kinds": sorted({rd.kind for rd in shown_rates(total_rates)}),
            "by": {d: {k: g.out() for k, g in sorted(self.by[d].items())} for d in DIMENSIONS},
            "rules": rules,
            "top_violated": [r for r in rules if r["violated"]][:10],
            "rulesets": [{"id": rid, "version": ver, "dossiers": n} for (rid, ver), n in sorted(self.rulesets.items())],
            "noncompliant": {"total": self.noncompliant_total, "listed": len(self.noncompliant),
                             "dossiers": [t[-1] for t in self.noncompliant]},
            "error_list": {"total": self.error_total, "listed": len(self.error_list), "errors": self.error_list},
        }


# ------------------------------------------------------------------------------- writing

def _csv_text(rows: list[list[Any]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerows(rows)
    return "\ufeff" + buf.getvalue()  # BOM: Excel then opens the Chinese correctly


def _pct(r: Optional[float]) -> str:
    return "" if r is None else f"{r * 100:.2f}%"


def summary_csv(s: dict) -> str:
    rows: list[list[Any]] = [["维度 dimension", "分组 group", "指标 metric", "指标名称 name", "分子 numerator", "分母 denominator",
                              "比率 rate", "百分比 percent", "违反（有记载事实）violated on recorded facts",
                              "违反（未见记载）violated: not recorded", "无法判定 indeterminate", "豁免 waived", "不适用 not due",
                              "台账不可评估 not assessable from a ledger"]]

    def emit(dim: str, group: str, overall: dict, rates: list[tuple[str, str, dict]]) -> None:
        rows.append([dim, group, "overall", "总体合规率", overall["numerator"], overall["denominator"],
                     "" if overall["rate"] is None else overall["rate"], _pct(overall["rate"]), overall.get("violated", ""),
                     overall.get("unrecorded", ""), overall.get("indeterminate", ""), "", overall.get("not_due", ""), ""])
        for rid, name, b in rates:
            rows.append([dim, group, rid, name, b["numerator"], b["denominator"], "" if b["rate"] is None else b["rate"],
                         _pct(b["rate"]), b["violated"], b.get("unrecorded", 0), b["indeterminate"], b["waived"], b["not_due"],
                         b.get("not_assessable", 0)])

    names = {r["id"]: r["zh"] for r in s["rates"]}
    t = s["totals"]
    emit("all", "全部", {**s["overall"], "not_due": t["not_applicable"]}, [(r["id"], r["zh"], r) for r in s["rates"]])
    for dim, groups in s["by"].items():
        for key, g in groups.items():
            emit(dim, key or "（未填）", {"numerator": g["compliant"], "denominator": g["decided"], "rate": g["compliance_rate"],
                                         "violated": g["noncompliant_fact"], "unrecorded": g["noncompliant_unrecorded"],
                                         "indeterminate": g["unconfirmed"], "not_due": g["checked"] - g["applicable"]},
                 [(rid, names[rid], b) for rid, b in g["rates"].items() if rid in names])
    return _csv_text(rows)


_FINDING_KEYS = ("rule", "title", "title_en", "outcome", "severity", "basis", "basis_en", "section",
                 "message", "message_en", "remedy", "remedy_en", "grounds")


def digest(result: Any, outcomes: dict[str, str]) -> dict:
    """What the summary reads of a results.jsonl line, taken from the result object itself.

    Workers tally their own dossiers (Part) so that the parent never parses the lines it writes;
    Tally.add_result sees the same keys and values here as in the line (test_audit checks that
    the streamed summary equals the one re-read from the files)."""
    return {"file": result.file, "dossier": result.dossier, "title": result.title,
            "decision_body": result.decision_body, "undertaking_unit": result.undertaking_unit,
            "year": result.year, "category": result.category, "ruleset": result.ruleset,
            "applicable": result.applicable, "compliant": result.compliant, "counts": result.counts,
            "verdict": result.verdict, "record_basis": result.record_basis,
            "rule_outcomes": outcomes,
            "findings": [{k: getattr(f, k) for k in _FINDING_KEYS} for f in result.findings]}


_CSV_HEAD = ["file", "dossier", "title", "decision_body", "undertaking_unit", "year", "category", "applicable", "compliant",
             "violations", "indeterminate", "verdict", "violations_fact", "violations_unrecorded", "record_basis"]


def _category_zh(value: Optional[str]) -> str:
    """dossiers.csv is read in Excel: the category's Chinese name (第三条第一款第（四）项 …), not its code."""
    if not value:
        return ""
    from ..models.dossier import Category
    try:
        return Category(value).zh
    except ValueError:
        return value


def _dossier_row(obj: dict, st: dict[str, Optional[str]]) -> list:
    counts = obj.get("counts") or {}
    return ([obj.get("file"), obj.get("dossier"), obj.get("title"), obj.get("decision_body") or "", obj.get("undertaking_unit") or "",
             obj.get("year") or "", _category_zh(obj.get("category")), "是" if obj.get("applicable") else "否",
             "是" if obj.get("compliant") else "否",
             counts.get("violated", 0), counts.get("indeterminate", 0), obj.get("verdict") or "",
             sum(1 for f in obj.get("findings", []) if f.get("outcome") == "violated" and f.get("grounds") != "absence"),
             sum(1 for f in obj.get("findings", []) if f.get("outcome") == "violated" and f.get("grounds") == "absence"),
             obj.get("record_basis") or ""]
            + [STATUS_ZH[st[rd.id]] if st.get(rd.id) else "" for rd in rate_defs()])


class Part:
    """What some finished dossiers add to the summary: their tally and their dossiers.csv rows.

    Made where the dossiers are checked (a worker process, a Dask task) and merged by the parent
    in the order their lines are written, so the parent does not re-read what it wrote."""

    def __init__(self, list_limit: int = 500) -> None:
        self.tally = Tally(list_limit)
        self.rows: list[list] = []

    def add_result(self, obj: dict) -> None:
        self.rows.append(_dossier_row(obj, self.tally.add_result(obj)))

    def add_error(self, obj: dict) -> None:
        self.tally.add_error(obj)

    @classmethod
    def of_lines(cls, recs: list[tuple[str, str, str]], list_limit: int = 500) -> "Part":
        """From finished lines themselves (dossiers re-run one at a time after a worker died)."""
        part = cls(list_limit)
        for kind, _key, line in recs:
            obj = orjson.loads(line)
            if kind == "result":
                part.add_result(obj)
            else:
                part.add_error(obj)
        return part


class Running:
    """The summary of an audit, built as its results are written; `finish` writes every derived file.

    dossiers.csv's rows are streamed to a temporary file as they come, and only where each row is
    and what it sorts by are kept (a few dozen bytes a dossier, not the row); `finish` writes them
    out sorted. The other files are written atomically at the end, and not at all if the audit is
    interrupted."""

    def __init__(self, out: Path, list_limit: int = 500) -> None:
        self.out, self.list_limit = out, list_limit
        self.tally = Tally(list_limit)
        fd, self.tmp = tempfile.mkstemp(prefix=".dossiers.csv.", suffix=".tmp", dir=out)
        self.f = os.fdopen(fd, "w+b")
        self._buf = io.StringIO()
        self._w = csv.writer(self._buf)
        self._at = 0
        self.index: list[tuple[str, str, int, int]] = []  # (dossier 编号, key, offset, length) of each row

    def _line(self, row: list) -> bytes:
        self._buf.seek(0)
        self._buf.truncate()
        self._w.writerow(row)
        return self._buf.getvalue().encode("utf-8")

    def add(self, part: Part) -> None:
        self.tally.merge(part.tally)
        lines = []
        for row in part.rows:
            b = self._line(row)
            self.index.append(("" if row[1] is None else str(row[1]), "" if row[0] is None else str(row[0]), self._at, len(b)))
            self._at += len(b)
            lines.append(b)
        self.f.write(b"".join(lines))

    def abandon(self) -> None:
        self.f.close()
        try:
            os.unlink(self.tmp)
        except OSError:
            pass

    def finish(self, run: Optional[dict] = None, lang_default: str = "zh") -> dict:
        self.f.flush()
        self.index.sort()  # by dossier 编号, then key (then where it came: a key met twice keeps its order)
        head = self._line(_CSV_HEAD + [f"{rd.id} {rd.zh}" for rd in rate_defs()])

        def fill(dst: Any) -> None:
            dst.write(codecs.BOM_UTF8 + head)  # Excel reads UTF-8 with its BOM
            for _, _, at, n in self.index:
                self.f.seek(at)
                dst.write(self.f.read(n))

        try:
            atomic_fill(self.out / "dossiers.csv", fill)
        finally:
            self.abandon()
        return _write(self.out, self.tally.summary(), run, lang_default)


def summarize(out: Path, list_limit: int = 500, run: Optional[dict] = None, lang_default: str = "zh") -> dict:
    """Read the jsonl files once (a resumed audit, --summarize-only); write every derived file; → the summary."""
    running = Running(out, list_limit)
    try:
        part = Part(list_limit)
        for obj in iter_lines(out / RESULTS):
            part.add_result(obj)
            if len(part.rows) >= 1000:  # rows go to the file as they come: memory stays flat
                running.add(part)
                part = Part(list_limit)
        for obj in iter_lines(out / ERRORS):
            part.add_error(obj)
        running.add(part)
    except BaseException:
        running.abandon()
        raise
    return running.finish(run, lang_default)


def _write(out: Path, s: dict, run: Optional[dict], lang_default: str) -> dict:
    if run is not None:
        s = {"run": run, **s}
    # summary.json lists the non-compliant dossiers without their findings (those are in results.jsonl);
    # the dashboard shows them in full.
    slim = dict(s, noncompliant=dict(s["noncompliant"], dossiers=[{k: v for k, v in d.items() if k != "findings"}
                                                                    for d in s["noncompliant"]["dossiers"]]))
    atomic_write(out / "summary.json", json.dumps(slim, ensure_ascii=False, indent=1) + "\n")
    atomic_write(out / "summary.csv", summary_csv(s))
    from .report import render_dashboard
    atomic_write(out / "report.html", render_dashboard(s, lang_default))
    return s


__all__ = ["DIMENSIONS", "DIM_EN", "DIM_ZH", "OUTCOME_ZH", "Part", "RateDef", "Running", "Tally", "digest", "rate_defs",
           "rate_status", "summarize", "summary_csv"]
