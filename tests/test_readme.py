"""The README is a contract: its two set-up commands are the ones CI runs, and every `juece …`
command it shows runs as written (from a scratch folder holding the shipped `cases/` and
`features/`), exits with a documented code and never prints a traceback.

A README command that drifts from the code (a renamed option, a missing file, a subcommand that
no longer exists) fails here, not in a newcomer's terminal.
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
# exit codes the README documents for a run that did its job (0 nothing found, 1 violations found)
DONE = {0, 1}


def _blocks(text: str) -> list[str]:
    return re.findall(r"```(?:bash|sh|shell)\n(.*?)```", text, flags=re.S)


def _command_lines() -> list[tuple[str, set[int]]]:
    """Every `juece …` line of every shell block, in README order, once each, with the exit codes
    it may end with: {0, 1} unless its comment says otherwise (`退出码 2`)."""
    seen: dict[str, set[int]] = {}
    for block in _blocks(README):
        for raw in block.splitlines():
            comment = raw.split(" #", 1)[1] if " #" in raw else ""
            line = re.sub(r"\s+#.*$", "", raw).strip()
            if line.startswith(".venv/bin/juece "):
                line = line[len(".venv/bin/"):]
            if line.startswith("juece ") and line not in seen:
                said = re.search(r"退出码\s*(\d+)", comment)
                seen[line] = {int(said.group(1))} if said else DONE
    return list(seen.items())


def _commands() -> list[str]:
    return [c for c, _ in _command_lines()]


def _setup_commands() -> list[str]:
    """The two set-up commands: the first two non-comment lines of the first shell block."""
    first = _blocks(README)[0]
    lines = [ln.strip() for ln in first.splitlines() if ln.strip() and not ln.strip().startswith("#")]
    return lines[:2]


def test_readme_has_two_setup_commands_and_ci_runs_exactly_them():
    install, tests = _setup_commands()
    assert install.startswith("python3 -m venv .venv") and "juece check cases/" in install, install
    assert tests.endswith("-m pytest"), tests
    # .ci/run runs the same two commands, word for word (its interpreter choice aside)
    ci_lines = [ln.strip() for ln in CI.splitlines()]
    install_tail = install.split("&&", 1)[1].strip()  # after `python3 -m venv .venv`
    assert any(ln == install_tail or ln.endswith(install_tail) for ln in ci_lines), install_tail
    assert tests in ci_lines, tests


def test_readme_shows_a_tour():
    cmds = _commands()
    assert len(cmds) >= 15, cmds
    for sub in ("check", "audit", "rulesets", "specs", "opinion", "serve", "sample", "schema"):
        assert any(c.split()[1] == sub for c in cmds), f"README shows no `juece {sub}`"


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("readme")
    for name in ("cases", "features", "rulesets"):
        (d / name).symlink_to(ROOT / name, target_is_directory=True)
    return d


def _env() -> dict:
    """The scratch folder is not the checkout: import this checkout's engine, whatever is installed."""
    return {**os.environ, "COLUMNS": "200", "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_server(argv: list[str], cwd: Path) -> None:
    """`juece serve` runs until stopped: start it, wait until its page answers, stop it."""
    import urllib.request
    port = _free_port()
    argv = [a for a in argv]
    if "--port" not in argv:
        argv += ["--port", str(port)]
    else:
        port = int(argv[argv.index("--port") + 1])
    p = subprocess.Popen([sys.executable, "-m", "engine", *argv], cwd=cwd, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, start_new_session=True, env=_env())
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if p.poll() is not None:
                out = p.stdout.read().decode("utf-8", "replace")
                pytest.fail(f"`juece {' '.join(argv)}` exited {p.returncode}:\n{out}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as r:
                    assert r.status == 200
                    return
            except OSError:
                time.sleep(0.3)
        pytest.fail(f"`juece {' '.join(argv)}` did not answer on port {port} within 60 s")
    finally:
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGTERM)
            try:
                p.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)


@pytest.mark.parametrize("command,codes", _command_lines(), ids=[c for c, _ in _command_lines()])
def test_readme_command_runs_as_written(command, codes, scratch):
    argv = shlex.split(command)[1:]
    if argv[0] == "serve":
        _run_server(argv, scratch)
        return
    target = None
    if ">" in argv:  # `juece schema > file`: the shell's redirection, done here
        i = argv.index(">")
        argv, target = argv[:i], scratch / argv[i + 1]
    env = _env()
    p = subprocess.run([sys.executable, "-m", "engine", *argv], cwd=scratch, capture_output=True,
                       text=True, timeout=600, env=env, stdin=subprocess.DEVNULL)
    assert "Traceback" not in p.stderr + p.stdout, p.stderr
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(p.stdout, encoding="utf-8")
        assert p.stdout.strip(), f"`{command}` printed nothing"
    assert p.returncode in codes, f"`{command}` exited {p.returncode}, README says {sorted(codes)}:\n{p.stderr[-2000:]}"
