"""Printable HTML: Chromium prints the check (--explain) report, the opinion and the audit dashboard to PDF on A4.

What is checked, in the PDF itself (pypdf reads the text of each page):
  - every dossier starts on a new page, and the page count is at least the number of dossiers;
  - no table row is cut: every page that continues a table starts with the repeated header row and
    then the first cell of a row (an outcome such as 符合 or 违反, or a row number) — a row split over a
    page break would put the rest of its cells first on the next page;
  - the two-character outcome is never wrapped (违 / 反 on two lines).
The same HTML with the print stylesheet removed is printed too, and the checker must find a cut row
there: the check can fail.

Locally, without chromium, these tests are skipped; in CI (CI=true) a missing chromium is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from engine.check import check
from engine.load import load_dossier
from engine.models.finding import OUTCOME_ZH
from engine.render import render

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = next((p for p in ("/usr/bin/chromium", shutil.which("chromium") or "", shutil.which("chromium-browser") or "") if p and Path(p).exists()), None)
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
CASES = ["cases/legality_review/bad/no-review.yaml", "cases/legality_review/bad/review-3-workdays.yaml",
         "cases/examples/peng-yang-heating-price.yaml"]
REPORT_HEADER = "结果规则依据问题证据"
OUTCOMES = tuple(OUTCOME_ZH.values())


@pytest.fixture(scope="module", autouse=True)
def _need_chromium():
    if CHROMIUM is None:
        if IN_CI:
            pytest.fail("chromium is not installed; .ci/run must install it")
        pytest.skip("chromium not installed")


def _pdf(html: str, tmp: Path, name: str, raw: bool = False) -> list[str]:
    """Print `html` with headless Chromium; → the text of each page without whitespace (as extracted, if `raw`)."""
    pypdf = pytest.importorskip("pypdf") if not IN_CI else __import__("pypdf")
    src, out = tmp / f"{name}.html", tmp / f"{name}.pdf"
    src.write_text(html, encoding="utf-8")
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
           f"--user-data-dir={tmp / ('profile-' + name)}", "--no-pdf-header-footer", "--virtual-time-budget=2000",
           f"--print-to-pdf={out}", src.as_uri()]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    assert r.returncode == 0 and out.exists(), r.stderr[-2000:]
    reader = pypdf.PdfReader(str(out))
    texts = [p.extract_text() or "" for p in reader.pages]
    return texts if raw else [re.sub(r"\s+", "", t) for t in texts]


def _compact(s: str) -> str:
    return re.sub(r"\s+", "", s)


def _without_print_css(html: str) -> str:
    i, j = html.index("@page"), html.index(".signature {")
    return html[:i] + html[j:]


def cut_rows(pages: list[str], header: str, row_start: tuple[str, ...] | re.Pattern, page_starts: list[str]) -> list[int]:
    """Pages (1-based) where a table row continues from the page before.

    A page is fine if it starts with one of `page_starts` (a title that begins a page), or with the
    table header followed by the first cell of a row; anything else after a page break is a row's rest."""
    bad = []
    for n, text in enumerate(pages[1:], 2):
        if any(text.startswith(s) for s in page_starts):
            continue
        if text.startswith(header):
            rest = text[len(header):]
            ok = bool(row_start.match(rest)) if isinstance(row_start, re.Pattern) else rest.startswith(row_start)
            if ok:
                continue
        bad.append(n)
    return bad


def _report(tmp_path: Path) -> tuple[str, list]:
    results = [check(load_dossier(ROOT / c), explain=True) for c in CASES]
    return render(results, "html", "zh", explain=True), results


def test_explain_report_prints_one_dossier_per_page_and_no_row_is_cut(tmp_path):
    html, results = _report(tmp_path)
    pages = _pdf(html, tmp_path, "report")
    titles = [_compact(f"{r.title}（{r.dossier}）") for r in results]
    starts = [i for i, p in enumerate(pages) for t in titles[1:] if p.startswith(t)]
    assert len(starts) == len(results) - 1, "each dossier after the first starts a new page"
    assert pages[0].startswith("重大行政决策程序合规检查报告") and titles[0] in pages[0]
    assert len(pages) >= len(results)
    # a page may also begin with the signature block (审查人 / 日期) carried over after the last row: no row is cut there
    assert cut_rows(pages, REPORT_HEADER, OUTCOMES, titles + ["审查人日期"]) == []
    for n, p in enumerate(_pdf(html, tmp_path, "report-raw", raw=True), 1):  # a two-character outcome never wraps
        lines = [x.strip() for x in p.splitlines()]
        for o in ("违反", "符合", "豁免"):
            assert not any(a == o[0] and b == o[1] for a, b in zip(lines, lines[1:])), f"page {n}: {o} wrapped"
    # what the page shows: counts, the check date, the ruleset hash, the input hash, a place for the reviewer
    first = pages[0]
    assert "检查时间" in first and "各结果计数" in first and results[0].manifest.input_sha256[:16] in first
    assert all("审查人" in "".join(pages[s:]) for s in [0] + starts)


def test_the_row_check_can_fail_without_the_print_stylesheet(tmp_path):
    html, results = _report(tmp_path)
    pages = _pdf(_without_print_css(html), tmp_path, "noprint")
    titles = [_compact(f"{r.title}（{r.dossier}）") for r in results]
    assert cut_rows(pages, REPORT_HEADER, OUTCOMES, titles), "the checker must see a cut row when rows may split"
    raw = _pdf(_without_print_css(html), tmp_path, "noprint-raw", raw=True)
    assert any(a.strip() == "违" and b.strip() == "反" for p in raw for a, b in zip(p.splitlines(), p.splitlines()[1:])) or \
        any(a.strip() == "符" and b.strip() == "合" for p in raw for a, b in zip(p.splitlines(), p.splitlines()[1:])), \
        "without nowrap the outcome wraps: the wrap check can fail too"


def test_opinion_html_prints_on_a4_with_whole_rows(tmp_path):
    from engine.documents import build_opinion_html
    loaded = load_dossier(ROOT / "cases/legality_review/bad/no-review.yaml")
    r = check(loaded, explain=True)
    html = build_opinion_html(r, loaded.dossier)
    pages = _pdf(html, tmp_path, "opinion")
    assert pages[0].startswith("合法性审查意见书") and len(pages) >= 2
    body = " ".join(pages)
    assert "五、审查结论不合法" in body and "第二十五条第一款" in body and "审查人" in body
    headers = ("序号审查事项依据审查结果", "序号问题依据整改要求责任单位整改时限状态")
    for n, text in enumerate(pages[1:], 2):
        for h in headers:
            if text.startswith(h):
                assert re.match(r"\d+\D", text[len(h):]), f"page {n}: a row is cut: {text[:120]}"


def test_audit_dashboard_prints_with_the_dossier_list_open(tmp_path):
    from engine.audit.cli import run_audit
    from engine.audit.sample import generate
    src = tmp_path / "src"
    generate(12, src, seed=4, defects=0.3, unknown=0.05, jobs=1)
    _, s = run_audit([str(src)], tmp_path / "out", jobs=1, quiet=True)
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "@media print" in html
    pages = _pdf(html, tmp_path, "dashboard")
    body = "".join(pages)
    assert "总体合规率" in body
    first = s["noncompliant"]["dossiers"][0]
    message = _compact(first["findings"][0]["message"])
    assert message[:20] in body, "the folded dossier list is printed open"


def test_ruleset_handbook_prints_with_its_chinese_text(tmp_path):
    """`juece rulesets docs --format html` is a printable page: Chromium prints it on A4 with the CJK text
    extractable (the font stack renders it), every rule heading and the legality-review article present."""
    from engine.rulesets import load
    from engine.render.markdown import page
    from engine.tools.ruleset_tools import handbook
    rs = load("cn.mad.decree-713")
    pages = _pdf(page(handbook(rs, "zh"), rs.index.title.zh, "zh"), tmp_path, "handbook")
    text = "".join(pages)
    assert len(pages) > 3
    assert pages[0].startswith(_compact(rs.index.title.zh))
    assert "第二十五条" in text and "合法性审查" in text
    headings = [ln[4:] for ln in handbook(rs, "zh").splitlines() if ln.startswith("### ")]
    missing = [h for h in headings if _compact(h) not in text]
    assert not missing, missing
