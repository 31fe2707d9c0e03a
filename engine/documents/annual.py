"""An audit's results.jsonl → the 重大行政决策 (and 行政规范性文件) section of a 法治政府建设年度报告.

Numbers only from the audit: every figure is a count of results.jsonl lines of that year (the
decision date's year, else the meeting date's; `year` in each line), and annual-report-<year>.json
lists, for each figure, the files of the dossiers behind it. Sentences say "纳入审核的", never "全年作出的":
the audit knows the dossiers it was given, not every decision made.

Rates (docs/audit.md, rulesets/rates.yaml): done properly / due; 无法判定 and 豁免 counted apart, in
neither number. The five procedures of 713 Art. 4 (公众参与、专家论证、风险评估、合法性审查、集体讨论决定)
come first. Normative documents have their own rates (rulesets/rates.yaml `annual:`), from the cn.nd rules.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional


from ..audit.store import ERRORS, RESULTS, iter_lines
from ..audit.summary import RATES_FILE, RateDef, rate_defs, rate_status
from ..core.yamlload import load_file
from ..models.ruleset import SEVERITY_ZH

ANNUAL_FILE = Path(__file__).with_name("annual.yaml")
KIND_ZH = {"mad": "重大行政决策", "normative_document": "行政规范性文件"}
KIND_EN = {"mad": "major administrative decisions", "normative_document": "normative documents"}
_STATUS_EN = {"待整改": "to do", "待补充材料": "materials to supply"}


@lru_cache(maxsize=1)
def _cfg() -> dict:
    return load_file(ANNUAL_FILE)


@lru_cache(maxsize=1)
def _annual_rates() -> dict:
    return load_file(RATES_FILE).get("annual") or {}


def rates_for(kind: str) -> tuple[RateDef, ...]:
    """The rates reported for a kind of dossier: rulesets/rates.yaml for decisions (annual.yaml's five first),
    its `annual:` rates for the others."""
    cfg = _cfg()
    if kind == "mad":
        by_id = {r.id: r for r in rate_defs()}
        first = [by_id[i] for i in cfg["mad_five"] if i in by_id]
        return tuple(first + [r for r in rate_defs() if r.id not in cfg["mad_five"]])
    return tuple(RateDef(r["id"], r["zh"], r["en"], tuple(r["rules"]), r.get("due_zh", ""), r.get("due_en", ""))
                 for r in _annual_rates().get(kind, []))


@lru_cache(maxsize=None)
def _kind_of_ruleset(rid: Optional[str]) -> str:
    if not rid:
        return "unknown"
    from .. import rulesets
    try:
        return rulesets.load(rid).index.kind
    except Exception:  # noqa: BLE001 - a ruleset no longer on disk: its id's family
        return "normative_document" if ".nd." in rid or rid.startswith("cn.nd") else "mad"


def _pct(num: int, den: int) -> str:
    return "—" if not den else f"{num / den * 100:.1f}%"


class StatusFileProblem(ValueError):
    """A filled-in 整改清单 that cannot be read: zh/en text for the CLI."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en


def read_status_file(path: Path) -> dict[tuple[str, str, str], str]:
    """A 整改清单 .xlsx written by `juece audit --rectification` and filled in by the units:
    {(案卷编号, 依据, 问题): 状态}. Only the rows with a 序号 count; group lines are skipped."""
    from openpyxl import load_workbook
    try:
        ws = load_workbook(path, read_only=True, data_only=True).active
        rows = list(ws.iter_rows(values_only=True))
    except Exception as e:  # noqa: BLE001 - not an .xlsx, damaged, …
        raise StatusFileProblem(f"{path}: 无法读取整改清单：{type(e).__name__}: {e}",
                                f"{path}: cannot read the rectification list: {type(e).__name__}: {e}") from e
    head_i = next((i for i, r in enumerate(rows) if r and ("状态" in r or "Status" in r)), None)
    if head_i is None:
        raise StatusFileProblem(f"{path}: 找不到“状态”列（应为 juece audit --rectification 写出的整改清单）",
                                f"{path}: no Status column (expected a list written by juece audit --rectification)")
    head = [str(c) if c is not None else "" for c in rows[head_i]]

    def col(*names: str) -> Optional[int]:
        return next((head.index(n) for n in names if n in head), None)

    ci, cb, cp, cs = col("案卷编号", "Dossier"), col("依据", "Basis"), col("问题", "Problem"), col("状态", "Status")
    if ci is None or cb is None or cp is None:
        raise StatusFileProblem(f"{path}: 整改清单缺少“案卷编号”“依据”或“问题”列（单件案卷的清单不含案卷编号，请用 juece audit --rectification 写出的清单）",
                                f"{path}: the list lacks the Dossier, Basis or Problem column (use a list written by juece audit --rectification)")
    out: dict[tuple[str, str, str], str] = {}
    for r in rows[head_i + 1:]:
        if not r or not isinstance(r[0], (int, float)):
            continue
        out[(str(r[ci]), str(r[cb]), str(r[cp]))] = str(r[cs]).strip() if r[cs] is not None else ""
    return out


def annual_data(out: Path, year: int, status_file: Optional[Path] = None) -> dict:
    """The figures of the section, from out/results.jsonl (and errors.jsonl), with the files behind each.

    `status_file`: a filled-in 整改清单 (.xlsx); its 状态 column then gives the rectification status."""
    out = Path(out)
    filled = read_status_file(Path(status_file)) if status_file else None
    kinds: dict[str, dict] = {}
    no_year = 0
    for obj in iter_lines(out / RESULTS):
        y = obj.get("year")
        if y is None:
            no_year += 1
            continue
        if int(y) != int(year):
            continue
        kind = _kind_of_ruleset((obj.get("ruleset") or {}).get("id")) if obj.get("applicable") else \
            (_kind_of_ruleset((obj.get("ruleset") or {}).get("id")) if (obj.get("ruleset") or {}).get("id") else "mad")
        k = kinds.setdefault(kind, {"kind": kind, "checked": [], "applicable": [], "compliant": [], "noncompliant": [],
                                    "with_indeterminate": [], "not_applicable": Counter(), "not_applicable_files": [],
                                    "rates": defaultdict(lambda: defaultdict(list)), "problems": defaultdict(list),
                                    "undetermined": defaultdict(list), "meta": {}, "rect": Counter(), "rect_units": Counter()})
        f = obj.get("file") or obj.get("dossier")
        k["checked"].append(f)
        if not obj.get("applicable"):
            k["not_applicable"][obj.get("reason") or "（未说明）"] += 1
            k["not_applicable_files"].append(f)
            continue
        k["applicable"].append(f)
        if obj.get("verdict"):  # the open-world headline, when the results carry it
            k.setdefault("verdicts", Counter())[(obj["verdict"], obj.get("verdict_zh") or obj["verdict"], obj.get("verdict_en") or obj["verdict"])] += 1
        (k["compliant"] if obj.get("compliant") else k["noncompliant"]).append(f)
        findings = obj.get("findings") or []
        if any(x.get("outcome") == "indeterminate" for x in findings):
            k["with_indeterminate"].append(f)
        ro = obj.get("rule_outcomes") or {}
        for rd in rates_for(kind):
            st = rate_status(ro, rd)
            if st is not None:
                k["rates"][rd.id][st].append(f)
        for x in findings:
            k["meta"].setdefault(x["rule"], {"title": x.get("title"), "title_en": x.get("title_en"), "basis": x.get("basis"),
                                             "basis_en": x.get("basis_en"), "severity": x.get("severity")})
            if x.get("outcome") == "violated":
                k["problems"][x["rule"]].append(f)
            elif x.get("outcome") == "indeterminate":
                k["undetermined"][(x["rule"], x.get("reason") or "")].append(f)
        from .context import rectification_rows
        for row in rectification_rows(obj):
            k["rect"][row["status"]] += 1
            k["rect_units"][row["unit"]] += 1
            if filled is not None:
                got = filled.get((str(row["dossier"]), str(row["basis"]), str(row["problem"])))
                k.setdefault("filled", Counter())[got if got is not None else ""] += 1
    errors = sum(1 for _ in iter_lines(out / ERRORS))
    sections = []
    for kind in sorted(kinds, key=lambda x: (x != "mad", x != "normative_document", x)):
        k = kinds[kind]
        rates = []
        for rd in rates_for(kind):
            b = k["rates"].get(rd.id, {})
            due = list(b.get("done", [])) + list(b.get("violated", []))
            rates.append({"id": rd.id, "zh": rd.zh, "en": rd.en, "due_zh": rd.due_zh, "due_en": rd.due_en, "rules": list(rd.rules),
                          "numerator": len(b.get("done", [])), "denominator": len(due),
                          "indeterminate": len(b.get("indeterminate", [])), "waived": len(b.get("waived", [])),
                          "violated": len(b.get("violated", [])), "percent": _pct(len(b.get("done", [])), len(due)),
                          "files": {s: sorted(v) for s, v in b.items()}})
        problems = sorted(({"rule": r, **k["meta"].get(r, {}), "dossiers": len(v), "files": sorted(v)} for r, v in k["problems"].items()),
                          key=lambda p: (-p["dossiers"], p["rule"]))
        undetermined = sorted(({"rule": r, "reason": reason, **k["meta"].get(r, {}), "dossiers": len(v), "files": sorted(v)}
                               for (r, reason), v in k["undetermined"].items()), key=lambda p: (-p["dossiers"], p["rule"], p["reason"]))
        sections.append({
            "kind": kind, "kind_zh": KIND_ZH.get(kind, kind), "kind_en": KIND_EN.get(kind, kind),
            "checked": len(k["checked"]), "applicable": len(k["applicable"]), "compliant": len(k["compliant"]),
            "noncompliant": len(k["noncompliant"]), "with_indeterminate": len(k["with_indeterminate"]),
            "compliance_percent": _pct(len(k["compliant"]), len(k["applicable"])),
            "not_applicable": [{"reason": r, "dossiers": n} for r, n in k["not_applicable"].most_common()],
            "not_applicable_total": sum(k["not_applicable"].values()),
            "verdicts": [{"verdict": v, "zh": zh, "en": en, "dossiers": n} for (v, zh, en), n in sorted(k.get("verdicts", Counter()).items())],
            "rates": rates, "problems": problems, "undetermined": undetermined,
            "rectification": {"items": sum(k["rect"].values()), "by_status": dict(k["rect"]), "units": len(k["rect_units"]),
                              "filled": dict(k["filled"]) if "filled" in k else None,
                              "by_unit": dict(k["rect_units"].most_common())},
            "files": {"checked": sorted(k["checked"]), "applicable": sorted(k["applicable"]), "compliant": sorted(k["compliant"]),
                      "noncompliant": sorted(k["noncompliant"]), "with_indeterminate": sorted(k["with_indeterminate"]),
                      "not_applicable": sorted(k["not_applicable_files"])},
        })
    run = {}
    try:
        run = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    return {"year": int(year), "source": str(out / RESULTS), "status_file": str(status_file) if status_file else None, "errors": errors, "without_year": no_year, "sections": sections,
            "generated": dt.date.today().isoformat(), "audit_started": run.get("started"), "audit_finished": run.get("finished")}


def _cn_year(y: int) -> str:
    return f"{y}年"


def markdown(data: dict, lang: str = "zh") -> str:
    """The section as Markdown: the same sentences and tables as the .docx."""
    return "\n".join(_blocks_to_md(blocks(data, lang))) + "\n"


def blocks(data: dict, lang: str = "zh") -> list[tuple]:
    """The section as a list of (kind, payload): ("h1"|"h2"|"h3"|"p", text) or ("table", header, rows)."""
    zh = lang == "zh"
    y = data["year"]
    out: list[tuple] = [("h1", f"{_cn_year(y)}重大行政决策和行政规范性文件工作情况" if zh else f"{y}: major decisions and normative documents")]
    out.append(("p", (f"本部分数字全部来自 juece 审核结果（{data['source']}），统计口径为纳入审核、决策日期在{y}年的案卷；"
                      "每个数字所依据的案卷文件列于 annual-report-{0}.json。".format(y)) if zh else
                (f"Every number here comes from the juece audit results ({data['source']}), counting the dossiers given to the audit "
                 f"whose decision date falls in {y}; annual-report-{y}.json lists the files behind each number.")))
    if not data["sections"]:
        out.append(("p", f"审核结果中没有{y}年的案卷。" if zh else f"The audit results hold no dossier of {y}."))
    for i, s in enumerate(data["sections"], 1):
        kind = s["kind_zh"] if zh else s["kind_en"]
        cn = "一二三四五六"[i - 1] if i <= 6 else str(i)
        out.append(("h2", f"{cn}、{kind}" if zh else f"{i}. {kind.capitalize()}"))
        na = s["not_applicable_total"]
        if zh:
            text = f"{y}年纳入审核的{kind}案卷 {s['checked']} 件，其中适用程序规定的 {s['applicable']} 件"
            text += f"、不适用的 {na} 件" if na else ""
            text += (f"。适用的 {s['applicable']} 件中，未发现违反法定程序的 {s['compliant']} 件（{s['compliance_percent']}，"
                     f"{s['compliant']}/{s['applicable']}），存在违法问题的 {s['noncompliant']} 件；"
                     f"含无法判定事项的 {s['with_indeterminate']} 件（单独计数，不计为违法）。")
        else:
            text = (f"{s['checked']} {kind} of {y} were audited; {s['applicable']} fall under the procedure rules"
                    + (f", {na} do not" if na else "") + f". Of those, {s['compliant']} show no breach of the statutory procedure "
                    f"({s['compliance_percent']}, {s['compliant']}/{s['applicable']}) and {s['noncompliant']} have a violation; "
                    f"{s['with_indeterminate']} have items that could not be determined (counted apart, never as violations).")
        if s["verdicts"]:
            text += (("按检查结论：" + "，".join(f"{v['zh']} {v['dossiers']} 件" for v in s["verdicts"]) + "。") if zh else
                     (" By headline: " + ", ".join(f"{v['en']} {v['dossiers']}" for v in s["verdicts"]) + "."))
        out.append(("p", text))
        if s["rates"]:
            out.append(("h3", "（一）各项程序履行情况" if zh else "Procedures"))
            hdr = ["程序", "应当履行（分母）", "依法履行（分子）", "履行率", "违反", "无法判定", "豁免"] if zh else \
                ["Procedure", "Due (denominator)", "Done properly (numerator)", "Rate", "Violated", "Undetermined", "Waived"]
            rows = [[r["zh"] if zh else r["en"], str(r["denominator"]), str(r["numerator"]), r["percent"], str(r["violated"]),
                     str(r["indeterminate"]), str(r["waived"])] for r in s["rates"]]
            out.append(("table", hdr, rows))
            out.append(("p", ("履行率 = 依法履行的件数 ÷ 应当履行的件数；应当履行指该程序已到期且案卷足以判定。无法判定、豁免的案卷"
                              "单独列出，不计入分子和分母；应当履行为 0 件的程序不计算履行率（—）。") if zh else
                        ("Rate = done properly ÷ due; due means the procedure was due and the dossier says enough to decide. "
                         "Undetermined and waived dossiers are listed apart, in neither number; a procedure due in no dossier has no rate (—).")))
        out.append(("h3", "（二）无法确定的事项及原因" if zh else "What could not be determined, and why"))
        if s["undetermined"]:
            hdr = ["事项", "依据", "原因", "案卷数"] if zh else ["Item", "Basis", "Why", "Dossiers"]
            out.append(("table", hdr, [[u.get("title") if zh else (u.get("title_en") or u.get("title")), u.get("basis") if zh else (u.get("basis_en") or ""),
                                        u["reason"] or ("案卷记载不足" if zh else "the file does not say enough"), str(u["dossiers"])]
                                       for u in s["undetermined"][:15]]))
            if len(s["undetermined"]) > 15:
                out.append(("p", f"另有 {len(s['undetermined']) - 15} 类无法判定事项，见 annual-report-{y}.json。" if zh else
                            f"{len(s['undetermined']) - 15} more kinds are in annual-report-{y}.json."))
        else:
            out.append(("p", "没有无法判定的事项。" if zh else "Nothing was left undetermined."))
        if s["not_applicable"]:
            out.append(("p", ("不适用程序规定的案卷及原因：" + "；".join(f"{n['reason']}（{n['dossiers']} 件）" for n in s["not_applicable"]) + "。") if zh else
                        ("Dossiers outside the procedure rules: " + "; ".join(f"{n['reason']} ({n['dossiers']})" for n in s["not_applicable"]) + ".")))
        out.append(("h3", "（三）发现的主要问题" if zh else "Main problems found"))
        if s["problems"]:
            hdr = ["未依法履行的要求", "依据", "性质", "案卷数"] if zh else ["Requirement not met", "Basis", "Severity", "Dossiers"]
            out.append(("table", hdr, [[p.get("title") if zh else (p.get("title_en") or p.get("title")), p.get("basis") if zh else (p.get("basis_en") or ""),
                                        (SEVERITY_ZH if zh else {}).get(p.get("severity"), p.get("severity") or ""),
                                        str(p["dossiers"])] for p in s["problems"][:10]]))
            if len(s["problems"]) > 10:
                out.append(("p", f"另有 {len(s['problems']) - 10} 项问题，见 annual-report-{y}.json。" if zh else
                            f"{len(s['problems']) - 10} more are in annual-report-{y}.json."))
        else:
            out.append(("p", "纳入审核的案卷中未发现违反法定程序的问题。" if zh else "No breach of the statutory procedure was found in the dossiers audited."))
        out.append(("h3", "（四）整改情况" if zh else "Rectification"))
        rc = s["rectification"]
        if rc["items"]:
            st = "，".join(f"{k} {v} 项" for k, v in sorted(rc["by_status"].items())) if zh else \
                ", ".join(f"{_STATUS_EN.get(k, k)} {v}" for k, v in sorted(rc["by_status"].items()))
            if rc.get("filled") is None:
                out.append(("p", (f"审核形成整改清单 {rc['items']} 项，涉及责任单位 {rc['units']} 个（{st}）。"
                                  "整改完成情况以各责任单位反馈为准，审核结果不记录整改是否完成。") if zh else
                            (f"The audit lists {rc['items']} items to rectify for {rc['units']} responsible units ({st}). "
                             "Whether they were completed is for the units to report; the audit results do not record it.")))
            else:
                filled = rc["filled"]
                missing = filled.get("", 0)
                parts = [(k, v) for k, v in sorted(filled.items()) if k]
                st2 = ("，".join(f"{k} {v} 项" for k, v in parts) if zh else ", ".join(f"{k} {v}" for k, v in parts)) or "—"
                name = Path(data["status_file"]).name
                out.append(("p", (f"审核形成整改清单 {rc['items']} 项，涉及责任单位 {rc['units']} 个。据各单位在 {name} 中填写的状态：{st2}"
                                  + (f"；另有 {missing} 项在该清单中未找到" if missing else "") + "。整改状态为各单位所填，审核未予核实。") if zh else
                            (f"The audit lists {rc['items']} items to rectify for {rc['units']} responsible units. As the units filled in {name}: {st2}"
                             + (f"; {missing} items are not in that list" if missing else "") + ". The statuses are the units' own; the audit did not verify them.")))
        else:
            out.append(("p", "没有需要整改的事项。" if zh else "Nothing to rectify."))
    tail = []
    if data["errors"]:
        tail.append(f"另有 {data['errors']} 个案卷文件无法读取或检查，年度不明，未计入上述数字" if zh else
                    f"{data['errors']} dossier files could not be read or checked; their year is unknown and they are not counted above")
    if data["without_year"]:
        tail.append(f"{data['without_year']} 件案卷未载明任何日期，无法归入年度，未计入" if zh else
                    f"{data['without_year']} dossiers give no date and cannot be placed in a year; not counted")
    if tail:
        out.append(("p", ("；".join(tail) + "。") if zh else ("; ".join(tail) + ".")))
    return out


def _md_cell(s: str) -> str:
    return str(s).replace("|", "\\|").replace("\n", " ")


def _numeric(rows: list[list], i: int) -> bool:
    return bool(rows) and all(str(r[i]).replace(".", "").replace("%", "").replace("—", "0").isdigit() for r in rows)


def _blocks_to_md(bs: list[tuple]) -> list[str]:
    lines: list[str] = []
    for b in bs:
        if b[0] in ("h1", "h2", "h3"):
            lines += ["#" * int(b[0][1]) + " " + b[1], ""]
        elif b[0] == "p":
            lines += [b[1], ""]
        else:
            _, hdr, rows = b
            lines.append("| " + " | ".join(hdr) + " |")
            lines.append("|" + "|".join("---:" if i and _numeric(rows, i) else "---" for i in range(len(hdr))) + "|")
            lines += ["| " + " | ".join(_md_cell(c) for c in r) + " |" for r in rows]
            lines.append("")
    return lines


def docx_bytes(data: dict, lang: str = "zh") -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from .make_template import cell_text, no_split, para, repeat_header, setup_styles
    doc = Document()
    setup_styles(doc)
    for b in blocks(data, lang):
        if b[0] == "h1":
            para(doc, b[1], east="宋体", size=18, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        elif b[0] == "h2":
            para(doc, b[1], east="黑体", size=16)
        elif b[0] == "h3":
            para(doc, b[1], east="楷体", size=14, bold=True)
        elif b[0] == "p":
            para(doc, b[1], indent=True)
        else:
            _, hdr, rows = b
            t = doc.add_table(rows=1, cols=len(hdr))
            t.style = doc.styles["Table Grid"]
            for i, h in enumerate(hdr):
                cell_text(t.rows[0].cells[i], h, bold=True)
            repeat_header(t.rows[0])
            for r in rows:
                tr = t.add_row()
                for i, c in enumerate(r):
                    cell_text(tr.cells[i], str(c), nowrap=i > 0 and _numeric(rows, i))
                no_split(tr)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def write_annual_report(out: Path, year: int, lang: str = "zh", status_file: Optional[Path] = None) -> list[Path]:
    """Write annual-report-<year>.docx, .md and .json into the audit folder; → the paths."""
    from ..audit.store import atomic_write
    data = annual_data(out, year, status_file)
    paths = [Path(out) / f"annual-report-{year}.{ext}" for ext in ("docx", "md", "json")]
    atomic_write(paths[0], docx_bytes(data, lang))
    atomic_write(paths[1], markdown(data, lang))
    atomic_write(paths[2], json.dumps(data, ensure_ascii=False, indent=1) + "\n")
    return paths


__all__ = ["annual_data", "blocks", "docx_bytes", "markdown", "rates_for", "write_annual_report"]
