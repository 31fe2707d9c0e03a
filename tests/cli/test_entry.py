"""The console entry (`juece`, `python -m engine`: engine.cli.entry) leaves without the interpreter's
teardown (bench/README.md: ≈ 50 ms of a check). What must survive that: the exit code, every byte of
the output (piped, or written with -o), atexit handlers, and a command that runs other threads."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BAD = "cases/legality_review/bad/consultation-reply-instead.yaml"
GOOD = "cases/examples/peng-yang-heating-price.yaml"


def run(*args: str, code: str | None = None) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-c", code] if code else [sys.executable, "-m", "engine", *args]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_a_violation_exits_1_and_the_whole_json_reaches_the_pipe():
    p = run("check", "cases/", "--format", "json")
    assert p.returncode == 1, p.stderr
    rows = json.loads(p.stdout)  # complete: nothing was cut when the process left
    assert len(rows) > 100
    bad = next(r for r in rows if r.get("file", "").endswith("consultation-reply-instead.yaml"))
    assert any(f["rule"] == "mad.legal.before-discussion" and "第二十五条" in f["basis"] and "合法性审查" in f["message"]
               for f in bad["findings"])


def test_a_compliant_dossier_exits_0_and_a_report_written_with_o_is_whole(tmp_path):
    out = tmp_path / "报告.md"
    p = run("check", GOOD, "--format", "md", "-o", str(out))
    assert p.returncode == 0, p.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("#") and "彭阳县" in text and text.endswith("\n")


def test_unusable_input_exits_2_with_its_message_on_stderr():
    p = run("check", "没有这个案卷.yaml")
    assert p.returncode == 2
    assert "找不到该文件" in p.stderr and "Traceback" not in p.stderr


def test_atexit_handlers_run_and_sys_exit_with_text_is_exit_1(tmp_path):
    mark = tmp_path / "atexit-ran"
    code = (f"import atexit, sys, pathlib\natexit.register(lambda: pathlib.Path({str(mark)!r}).write_text('yes'))\n"
            "import engine.cli as c\nc.main = lambda: sys.exit('停止 / stopped')\nc.entry()\n")
    p = run(code=code)
    assert p.returncode == 1 and "停止 / stopped" in p.stderr
    assert mark.read_text() == "yes"


def test_with_another_thread_running_the_interpreter_leaves_normally_and_joins_it(tmp_path):
    mark = tmp_path / "thread-done"
    code = ("import sys, threading, time, pathlib\nimport engine.cli as c\n"
            f"def work():\n    time.sleep(0.3)\n    pathlib.Path({str(mark)!r}).write_text('done')\n"
            "def main():\n    threading.Thread(target=work).start()\n    sys.exit(1)\n"
            "c.main = main\nc.entry()\n")
    p = run(code=code)
    assert p.returncode == 1
    assert mark.read_text() == "done"  # joined, not killed


def test_under_a_profiler_the_interpreter_leaves_normally_so_the_profile_is_written(tmp_path):
    prof = tmp_path / "check.prof"
    p = subprocess.run([sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "engine", "check", GOOD],
                       cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert p.returncode == 0, p.stderr
    assert prof.stat().st_size > 1000
