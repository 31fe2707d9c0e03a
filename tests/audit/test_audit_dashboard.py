"""report.html in a real headless browser (Debian's chromium): it renders, the charts are there, the Chinese is intact.

Locally, without /usr/bin/chromium, the browser test is skipped; in CI (CI=true) a missing chromium
is a failure, so the dashboard can never go untested there. .ci/run installs it:
    apt-get update && apt-get install -y chromium fonts-wqy-microhei
The screenshot is kept at $JUECE_SCREENSHOT_DIR (default: the test's tmp folder).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from engine.audit.cli import run_audit
from engine.audit.sample import generate

CHROMIUM = next((p for p in ("/usr/bin/chromium", shutil.which("chromium") or "", shutil.which("chromium-browser") or "") if p and Path(p).exists()), None)
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> tuple[Path, dict]:
    src = tmp_path_factory.mktemp("dash-src")
    generate(24, src, seed=21, defects=0.2, unknown=0.1, broken=0.05, jobs=1)
    out = tmp_path_factory.mktemp("dash") / "out"
    _, s = run_audit([str(src)], out, jobs=1, quiet=True)
    # a title with markup must come out as text, never as HTML
    return out, s


def test_report_is_self_contained_and_escaped(report):
    out, s = report
    html = (out / "report.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html), "the dashboard must not load anything from the network"
    assert "@import" not in html and "<link" not in html
    assert html.count("<svg") >= 5 and 'id="chart-rates"' in html and 'id="chart-body"' in html and 'id="chart-year"' in html
    for text in ("总体合规率", "合法性审查率", "集体讨论率", "风险评估率", "公开率", "意见反馈率", "Overall compliance rate"):
        assert text in html
    first = s["noncompliant"]["dossiers"][0]
    assert first["title"] in html and first["findings"][0]["basis"] in html


def test_titles_are_escaped(tmp_path):
    from engine.audit.report import render_dashboard
    from engine.audit.summary import Tally
    t = Tally()
    t.add_result({"file": "x.yaml", "dossier": "X", "title": "<script>alert(1)</script>", "applicable": True, "compliant": False,
                  "decision_body": "<b>机关</b>", "ruleset": {"id": None}, "counts": {"violated": 1},
                  "findings": [{"rule": "r", "title": "t", "outcome": "violated", "severity": "violation", "basis": "《条例》第一条",
                                "message": "m", "message_en": "m"}], "rule_outcomes": {"r": "violated"}})
    html = render_dashboard(t.summary())
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html and "<b>机关</b>" not in html


def _chromium(*args: str, tmp: Path) -> subprocess.CompletedProcess:
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-dev-shm-usage", f"--user-data-dir={tmp / 'profile'}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=90)


def test_dashboard_renders_in_headless_chromium(report, tmp_path):
    if CHROMIUM is None:
        if IN_CI:
            pytest.fail("chromium is not installed; .ci/run must run: apt-get update && apt-get install -y chromium fonts-wqy-microhei")
        pytest.skip("chromium not installed (apt-get install -y chromium); required in CI")
    out, s = report
    url = (out / "report.html").as_uri()
    dom = _chromium("--dump-dom", "--virtual-time-budget=3000", url, tmp=tmp_path)
    assert dom.returncode == 0, dom.stderr[-2000:]
    html = dom.stdout
    assert "总体合规率" in html and "重大行政决策合规审核" in html, "the Chinese text must survive rendering"
    assert len(re.findall(r'<svg class="chart"', html)) >= 5
    assert len(re.findall(r'<g class="bar"', html)) >= len(s["rates"])
    assert f'{s["overall"]["rate"] * 100:.1f}%' in html
    assert 'data-lang="zh"' in html
    assert s["noncompliant"]["dossiers"][0]["title"] in html
    # the English switch (the page honours #en, the same switch the button makes)
    en = _chromium("--dump-dom", "--virtual-time-budget=3000", url + "#en", tmp=tmp_path)
    assert 'data-lang="en"' in en.stdout and ">中文</button>" in en.stdout
    shot_dir = Path(os.environ.get("JUECE_SCREENSHOT_DIR", tmp_path))
    shot_dir.mkdir(parents=True, exist_ok=True)
    shot = shot_dir / "audit-dashboard.png"
    r = _chromium(f"--screenshot={shot}", "--window-size=1280,2000", "--hide-scrollbars", url, tmp=tmp_path)
    assert r.returncode == 0 and shot.exists() and shot.stat().st_size > 20_000, r.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    (shot_dir / "audit-dashboard.summary.json").write_text(json.dumps(s["overall"]), encoding="utf-8")
