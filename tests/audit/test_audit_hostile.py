"""Audits under hostile conditions (issue 19 §5): interrupts and kills in every phase, a second
audit of the same folder, dead workers and forkservers, a hanging engine, pipes in the archive,
and results that do not depend on file order, folder order or --jobs."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from engine.audit.cli import FINAL_PAUSE_ENV, run_audit
from engine.audit.sample import generate
from engine.audit.worker import CRASH_ENV, CRASH_ONCE_ENV, HANG_ENV

ROOT = Path(__file__).resolve().parents[2]
JUECE = [sys.executable, "-m", "engine"]
N = 40


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("hostile-archive")
    generate(N, d, seed=5, defects=0.2, unknown=0.1, broken=0.05, jobs=1)
    return d


@pytest.fixture(scope="module")
def reference(archive, tmp_path_factory) -> Path:
    """The archive audited once, uninterrupted: every other run must give these bytes."""
    out = tmp_path_factory.mktemp("reference") / "out"
    code, _ = run_audit([str(archive)], out, jobs=1, quiet=True)
    assert code in (1, 2)
    return out


def same_results(a: Path, b: Path) -> None:
    for name in ("results.jsonl", "errors.jsonl", "dossiers.csv", "summary.csv"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    sa, sb = (json.loads((p / "summary.json").read_text(encoding="utf-8")) for p in (a, b))
    sa.pop("run"), sb.pop("run")
    assert sa == sb


def keys(path: Path) -> list[str]:
    return [json.loads(x)["file"] for x in path.read_text(encoding="utf-8").splitlines()] if path.exists() else []


def start(archive: Path, out: Path, *extra: str, env: dict | None = None, jobs: int = 1) -> subprocess.Popen:
    log = open(out.parent / f"{out.name}.stderr", "wb")  # noqa: SIM115 - a file survives SIGKILL
    return subprocess.Popen(JUECE + ["audit", str(archive), "--out", str(out), "-j", str(jobs), *extra], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=log, start_new_session=True, env={**os.environ, **(env or {})})


def wait_for(pred, seconds: float = 60) -> None:  # noqa: ANN001
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if pred():
            return
        time.sleep(0.02)
    raise AssertionError("timed out")


def resume(out: Path, jobs: int = 1) -> subprocess.CompletedProcess:
    return subprocess.run(JUECE + ["audit", "--out", str(out), "--resume", "-j", str(jobs), "-q"], cwd=ROOT, capture_output=True)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "Ctrl-C"])
def test_interrupt_in_the_final_phase_is_an_interrupt(archive, reference, tmp_path, sig):
    out = tmp_path / "out"
    p = start(archive, out, env={FINAL_PAUSE_ENV: "30"})
    wait_for(lambda: (out / ".final-phase").exists())
    p.send_signal(sig)
    assert p.wait(timeout=60) == 130, (tmp_path / "out.stderr").read_text(encoding="utf-8")
    err = (tmp_path / "out.stderr").read_text(encoding="utf-8")
    assert "--resume" in err and "Traceback" not in err
    assert json.loads((out / "audit.json").read_text(encoding="utf-8"))["state"] == "interrupted"
    assert not (out / "summary.json").exists() and not list(out.glob(".*.tmp"))
    q = resume(out)
    assert q.returncode in (1, 2), q.stderr.decode()
    assert json.loads((out / "audit.json").read_text(encoding="utf-8"))["state"] == "finished"
    same_results(out, reference)


@pytest.mark.parametrize("when", ["first results", "half", "final phase"])
def test_sigkill_at_any_point_then_resume_gives_the_same_bytes(archive, reference, tmp_path, when):
    out = tmp_path / "out"
    p = start(archive, out, env={FINAL_PAUSE_ENV: "30"} if when == "final phase" else None)
    if when == "first results":
        wait_for(lambda: (out / "results.jsonl").exists() and (out / "results.jsonl").stat().st_size > 0)
    elif when == "half":
        wait_for(lambda: len(keys(out / "results.jsonl")) + len(keys(out / "errors.jsonl")) >= N // 2)
    else:
        wait_for(lambda: (out / ".final-phase").exists())
    os.killpg(p.pid, signal.SIGKILL)
    p.wait(timeout=30)
    state = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    assert state["state"] == "running" and state["pid"] == p.pid and state["heartbeat"]
    (out / ".audit.json.left-by-a-kill.tmp").write_text("{", encoding="utf-8")
    q = resume(out, jobs=2)
    assert q.returncode in (1, 2), q.stderr.decode()
    assert not list(out.glob(".*.tmp"))
    same_results(out, reference)


def test_one_folder_one_audit(archive, tmp_path):
    out = tmp_path / "out"
    p = start(archive, out, env={FINAL_PAUSE_ENV: "30"})
    try:
        wait_for(lambda: (out / ".final-phase").exists())
        q = resume(out)
        assert q.returncode == 2 and f"进程 {p.pid}" in q.stderr.decode(), q.stderr.decode()
        q = subprocess.run(JUECE + ["audit", "--out", str(out), "--summarize-only", "-q"], cwd=ROOT, capture_output=True)
        assert q.returncode == 2 and str(p.pid) in q.stderr.decode()
    finally:
        os.killpg(p.pid, signal.SIGKILL)
        p.wait(timeout=30)
    q = subprocess.run(JUECE + ["audit", "--out", str(out), "--resume", "-j", "1"], cwd=ROOT, capture_output=True)
    assert q.returncode in (1, 2) and f"进程 {p.pid}" in q.stderr.decode() and "已不在运行" in q.stderr.decode(), q.stderr.decode()
    assert len(set(keys(out / "results.jsonl")) | set(keys(out / "errors.jsonl"))) == N


def test_summary_counts_each_dossier_once_and_summarize_only_exits_like_the_audit(reference, tmp_path):
    work = tmp_path / "work"
    shutil.copytree(reference, work)
    lines = (work / "results.jsonl").read_text(encoding="utf-8")
    (work / "results.jsonl").write_text(lines + lines, encoding="utf-8")  # every dossier twice
    q = subprocess.run(JUECE + ["audit", "--out", str(work), "--summarize-only", "-q"], cwd=ROOT, capture_output=True)
    want = json.loads((reference / "summary.json").read_text(encoding="utf-8"))
    got = json.loads((work / "summary.json").read_text(encoding="utf-8"))
    assert q.returncode == (2 if want["totals"]["errors"] else 1) and q.stdout == b""
    assert got["totals"] == want["totals"] and (work / "results.jsonl").read_bytes() == (reference / "results.jsonl").read_bytes()


def test_results_do_not_depend_on_file_order_folder_order_or_jobs(archive, reference, tmp_path):
    files = sorted(str(p) for p in archive.rglob("*.yaml"))
    random.Random(3).shuffle(files)
    for jobs, inputs in ((2, [str(archive)]), (1, files), (2, list(reversed(files)))):
        out = tmp_path / f"out-{jobs}-{len(inputs)}"
        run_audit(inputs, out, jobs=jobs, quiet=True, chunk=3)
        if len(inputs) == 1:
            same_results(out, reference)
        else:  # the same dossiers, named by the same paths: the same bytes
            assert (out / "results.jsonl").read_bytes() == (reference / "results.jsonl").read_bytes()
            assert (out / "dossiers.csv").read_bytes() == (reference / "dossiers.csv").read_bytes()
    listed = [d["dossier"] for d in json.loads((reference / "summary.json").read_text(encoding="utf-8"))["noncompliant"]["dossiers"]]
    by = {}
    for d in json.loads((reference / "summary.json").read_text(encoding="utf-8"))["noncompliant"]["dossiers"]:
        by.setdefault((d["violations_fact"], d["violations_unrecorded"]), []).append(d["dossier"])
    assert all(v == sorted(v) for v in by.values()) and listed  # ties broken by dossier 编号


def test_a_worker_killed_once_costs_nothing_and_resume_retries_worker_deaths(archive, reference, tmp_path, monkeypatch):
    victim = keys(reference / "results.jsonl")[5]
    monkeypatch.setenv(CRASH_ONCE_ENV, f"{victim}:{tmp_path / 'marker'}")
    out = tmp_path / "once"
    run_audit([str(archive)], out, jobs=2, quiet=True, chunk=4)
    assert victim in keys(out / "results.jsonl")
    same_results(out, reference)
    monkeypatch.delenv(CRASH_ONCE_ENV)
    monkeypatch.setenv(CRASH_ENV, victim)  # dies every time: reported, after one retry
    out = tmp_path / "always"
    run_audit([str(archive)], out, jobs=2, quiet=True, chunk=4)
    err = {json.loads(x)["file"]: json.loads(x) for x in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()}
    assert err[victim]["code"] == "engine.worker-died"
    assert set(keys(out / "results.jsonl")) == set(keys(reference / "results.jsonl")) - {victim}
    monkeypatch.delenv(CRASH_ENV)
    code, _ = run_audit([], out, jobs=1, quiet=True, resume=True)  # --resume checks it again
    assert victim in keys(out / "results.jsonl") and victim not in keys(out / "errors.jsonl")
    same_results(out, reference)


def test_a_hanging_dossier_is_stopped_by_the_time_limit(archive, reference, tmp_path, monkeypatch):
    victim = keys(reference / "results.jsonl")[3]
    monkeypatch.setenv(HANG_ENV, victim)
    out = tmp_path / "hang"
    t0 = time.monotonic()
    code, s = run_audit([str(archive)], out, jobs=2, quiet=True, time_limit=1.0, chunk=4)
    assert time.monotonic() - t0 < 60 and code == 2
    err = {json.loads(x)["file"]: json.loads(x) for x in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()}
    assert err[victim]["code"] == "engine.timeout" and "时限" in err[victim]["message"]
    assert set(keys(out / "results.jsonl")) == set(keys(reference / "results.jsonl")) - {victim}


def test_pipes_in_an_audited_folder_are_skipped_with_an_error_line(archive, tmp_path):
    src = tmp_path / "src"
    shutil.copytree(archive, src)
    for name in ("pipe.yaml", "pipe.jsonl", "pipe.xlsx"):
        os.mkfifo(src / name)
    out = tmp_path / "out"
    t0 = time.monotonic()
    code, s = run_audit([str(src)], out, jobs=1, quiet=True)
    assert time.monotonic() - t0 < 60 and code == 2
    err = {Path(json.loads(x)["file"]).name: json.loads(x) for x in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()}
    assert all(err[n]["code"] == "load.not-regular" for n in ("pipe.yaml", "pipe.jsonl", "pipe.xlsx"))


def test_killing_the_forkserver_and_a_worker_does_not_stop_the_audit(tmp_path):
    src = tmp_path / "src"
    generate(300, src, seed=9, jobs=1)
    out = tmp_path / "out"
    p = start(src, out, jobs=2)
    wait_for(lambda: (out / "results.jsonl").exists() and (out / "results.jsonl").stat().st_size > 0)
    kids = subprocess.run(["ps", "-o", "pid=,args=", "--ppid", str(p.pid)], capture_output=True, text=True).stdout.splitlines()
    server = [int(k.split()[0]) for k in kids if "forkserver" in k]
    assert server, kids
    workers = subprocess.run(["ps", "-o", "pid=", "--ppid", str(server[0])], capture_output=True, text=True).stdout.split()
    os.kill(server[0], signal.SIGKILL)
    for w in workers[:1]:
        os.kill(int(w), signal.SIGKILL)
    code = p.wait(timeout=120)
    err = (tmp_path / "out.stderr").read_text(encoding="utf-8")
    assert "Traceback" not in err
    state = json.loads((out / "audit.json").read_text(encoding="utf-8"))["state"]
    if code == 130:  # stopped in order: the resume hint, and --resume finishes
        assert state == "interrupted" and "--resume" in err
        assert resume(out, jobs=2).returncode in (0, 1)
    else:
        assert code in (0, 1) and state == "finished", err
    done = keys(out / "results.jsonl")
    assert len(done) == len(set(done)) == 300
