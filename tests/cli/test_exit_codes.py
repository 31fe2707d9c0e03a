"""docs/exit-codes.md is the contract: every command is in its table, and every code the table gives a
command is produced by a case here (in-process, CliRunner; 3 and 130 through engine.cli.main)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from engine.cli import app

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "exit-codes.md"
EXAMPLE = str(ROOT / "cases/examples/peng-yang-heating-price.yaml")
runner = CliRunner(env={"COLUMNS": "300"})


def documented() -> dict[str, set[int]]:
    """`juece X Y` → the codes its row gives (cells that are not "—")."""
    out = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\|\s*`juece ([^`]+)`\s*\|(.*)\|\s*$", line)
        if m:
            cells = [c.strip() for c in m.group(2).split("|")]
            out[m.group(1)] = {code for code, c in zip((0, 1, 2), cells) if c and c != "—"}
    return out


def commands() -> set[str]:
    """Every command juece has, lazily registered ones too (engine/cli/lazy.py)."""
    def walk(cmd, prefix: str):  # noqa: ANN001
        if not hasattr(cmd, "list_commands"):
            yield prefix
            return
        ctx = cmd.context_class(cmd)
        for name in cmd.list_commands(ctx):
            yield from walk(cmd.get_command(ctx, name), f"{prefix} {name}".strip())
    return set(walk(typer.main.get_command(app), ""))


def test_every_command_is_in_the_table():
    missing = commands() - set(documented())
    assert not missing, f"add a row for {', '.join(f'`juece {m}`' for m in sorted(missing))} to docs/exit-codes.md"
    assert not set(documented()) - commands(), "docs/exit-codes.md lists a command juece does not have"


def _bad(tmp: Path) -> str:
    p = tmp / "bad.yaml"
    p.write_text(Path(EXAMPLE).read_text(encoding="utf-8").replace("会议类型: 常务会议", "会议类型: 专题会议"), encoding="utf-8")
    return str(p)


def _broken_vocabulary(tmp: Path) -> str:
    """A ruleset folder whose vocabulary.yaml cannot be used (tests/models/test_vocabulary.py runs each kind in a fresh process)."""
    folder = tmp / "broken-rules"
    folder.mkdir()
    (folder / "vocabulary.yaml").write_text("kind: mad\nextend:\n  hearing:\n    fields:\n      x: {zh: 甲, type: boolean}\n", encoding="utf-8")
    return str(folder)


def _feature(tmp: Path, good: bool) -> str:
    p = tmp / ("good.feature" if good else "bad.feature")
    p.write_text(f"""# language: zh-CN
功能: 退出码
  场景: 一个场景
    假如 适用规则集“cn.mad.decree-713”
    而且 一份程序完备的重大行政决策案卷
    那么 {'该案卷合规' if good else '该案卷不合规'}
""", encoding="utf-8")
    return str(p)


def _loose(tmp: Path) -> str:
    d = tmp / "loose"
    d.mkdir()
    (d / "index.yaml").write_text("""id: test.loose
title: {zh: 放宽的地方规则集}
version: "1"
law: {zh: 《某地规定》}
jurisdiction: "6404"
valid_from: 2021-01-01
extends: cn.mad.decree-713
disable:
  - {rule: mad.expert.trigger}
""", encoding="utf-8")
    return str(d)


def _archive(tmp: Path, defects: float) -> str:
    from engine.audit.sample import generate
    d = tmp / f"archive-{defects}"
    generate(2, d, seed=3, defects=defects, unknown=0.0, jobs=1)
    return str(d)


def _stale_doc(tmp: Path) -> str:
    p = tmp / "doc.md"
    p.write_text("<!-- phrases:start -->\nold\n<!-- phrases:end -->\n", encoding="utf-8")
    return str(p)


def _pw(tmp: Path, pw: str = "correct horse 42") -> str:
    p = tmp / "pw.txt"
    p.write_text(pw + "\n", encoding="utf-8")
    return str(p)


def _db(tmp: Path, user: bool = False, foreign: bool = False) -> str:
    url = f"sqlite:///{tmp / 'juece.db'}"
    if foreign:
        import sqlite3
        with sqlite3.connect(tmp / "juece.db") as c:
            c.execute("CREATE TABLE payroll (id INTEGER)")
    if user:
        assert runner.invoke(app, ["users", "add", "zhou", "--role", "reviewer", "--password-file", _pw(tmp), "--db", url]).exit_code == 0
    return url


# command → code → argv (a callable gets tmp_path)
CASES = {
    "check": {0: lambda t: ["check", EXAMPLE], 1: lambda t: ["check", _bad(t)],
              2: lambda t: ["check", EXAMPLE, "-r", "cn.nd.national"]},
    "audit": {0: lambda t: ["audit", _archive(t, 0.0), "--out", str(t / "o0"), "-j", "1", "-q"],
              1: lambda t: ["audit", _archive(t, 1.0), "--out", str(t / "o1"), "-j", "1", "-q"],
              2: lambda t: ["audit", EXAMPLE, "--out", EXAMPLE, "-q"]},
    "sample": {0: lambda t: ["sample", "-n", "1", "--out", str(t / "s"), "-j", "1"],
               2: lambda t: ["sample", "--out", str(t / "s"), "--format", "xml"]},
    "schema": {0: lambda t: ["schema"], 2: lambda t: ["schema", "--ruleset", _broken_vocabulary(t)]},
    "opinion": {0: lambda t: ["opinion", EXAMPLE, "-o", str(t / "意见书.md")],
                2: lambda t: ["opinion", str(t / "none.yaml"), "-o", str(t / "x.md")]},
    "version": {0: lambda t: ["version"]},
    "serve": {2: lambda t: ["serve", "--host", "0.0.0.0", "--db", _db(t)]},
    "users add": {0: lambda t: ["users", "add", "zhou", "--role", "审查人员", "--password-file", _pw(t), "--db", _db(t)],
                  2: lambda t: ["users", "add", "zhou", "--role", "审查人员", "--password-file", _pw(t, "short"), "--db", _db(t)]},
    "users list": {0: lambda t: ["users", "list", "--db", _db(t, user=True)], 2: lambda t: ["users", "list", "--db", _db(t, foreign=True)]},
    "users disable": {0: lambda t: ["users", "disable", "zhou", "--db", _db(t, user=True)], 2: lambda t: ["users", "disable", "nobody", "--db", _db(t)]},
    "users token": {0: lambda t: ["users", "token", "zhou", "--db", _db(t, user=True)], 2: lambda t: ["users", "token", "nobody", "--db", _db(t)]},
    "docs dossier-format": {0: lambda t: ["docs", "dossier-format"],
                            2: lambda t: ["docs", "dossier-format", "--ruleset", _broken_vocabulary(t)]},
    "rulesets list": {0: lambda t: ["rulesets", "list"]},
    "rulesets show": {0: lambda t: ["rulesets", "show", "cn.mad.decree-713"], 2: lambda t: ["rulesets", "show", "no.such"]},
    "rulesets lint": {0: lambda t: ["rulesets", "lint", str(ROOT / "rulesets/national/decree-713")],
                      2: lambda t: ["rulesets", "lint", _loose(t)]},
    "rulesets diff": {0: lambda t: ["rulesets", "diff", "cn.mad.decree-713", "hunan.ningyuan.2021"],
                      2: lambda t: ["rulesets", "diff", "cn.mad.decree-713", "no.such"]},
    "rulesets docs": {0: lambda t: ["rulesets", "docs", "cn.mad.decree-713", "-o", str(t / "new" / "hb.md")],
                      2: lambda t: ["rulesets", "docs", "cn.mad.decree-713", "-o", str(t)]},
    "rulesets impact": {0: lambda t: ["rulesets", "impact", "cn.mad.decree-713", "cn.mad.decree-713", EXAMPLE],
                        1: lambda t: ["rulesets", "impact", "cn.mad.decree-713", "ningxia.pengyang.2018",
                                      str(ROOT / "cases/local/pengyang/bad")],
                        2: lambda t: ["rulesets", "impact", "cn.mad.decree-713", "cn.nd.national", EXAMPLE]},
    "specs run": {0: lambda t: ["specs", "run", _feature(t, True)], 1: lambda t: ["specs", "run", _feature(t, False)],
                  2: lambda t: ["specs", "run", str(t / "none.feature")]},
    "specs coverage": {0: lambda t: ["specs", "coverage", str(ROOT / "features"), "--ruleset", "jiangsu.yixing.nd.2012"],
                       1: lambda t: ["specs", "coverage", _feature(t, True)],
                       2: lambda t: ["specs", "coverage", _feature(t, True), "--ruleset", "no.such"]},
    "specs phrases": {0: lambda t: ["specs", "phrases"], 1: lambda t: ["specs", "phrases", "--check", _stale_doc(t)],
                      2: lambda t: ["specs", "phrases", "--check", str(t / "none.md")]},
}

PAIRS = sorted((cmd, code) for cmd, codes in documented().items() for code in codes)


def test_every_documented_code_has_a_case():
    missing = [f"juece {c} → {k}" for c, k in PAIRS if k not in CASES.get(c, {})]
    assert not missing, f"no case produces: {missing}"
    extra = [f"juece {c} → {k}" for c, ks in CASES.items() for k in ks if k not in documented().get(c, set())]
    assert not extra, f"a case produces a code the table does not give: {extra}"


@pytest.mark.parametrize("cmd,code", PAIRS, ids=[f"{c}-{k}" for c, k in PAIRS])
def test_command_exits_as_documented(cmd, code, tmp_path):
    argv = CASES[cmd][code](tmp_path)
    r = runner.invoke(app, argv)
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    assert r.exit_code == code, f"juece {' '.join(argv)} → {r.exit_code}, documented {code}\n{r.output[-2000:]}"
    assert "Traceback" not in r.output


def _main(monkeypatch, capsys, argv: list[str]) -> tuple[int, str]:
    from engine import cli
    monkeypatch.setattr(sys, "argv", ["juece", *argv])
    with pytest.raises(SystemExit) as e:
        cli.main()
    return e.value.code, capsys.readouterr().err


@pytest.mark.parametrize("argv", [["check", EXAMPLE], ["rulesets", "show", "cn.mad.decree-713"]], ids=["check", "rulesets show"])
def test_internal_error_is_one_line_exit_3_and_the_trace_is_in_a_file(monkeypatch, capsys, argv):
    def boom(*a, **k):  # noqa: ANN002, ANN003
        raise RuntimeError("simulated bug")
    monkeypatch.setattr("engine.check._check", boom)
    monkeypatch.setattr("engine.rulesets.load", boom)
    monkeypatch.delenv("JUECE_DEBUG", raising=False)
    code, err = _main(monkeypatch, capsys, argv)
    assert code == 3, err
    assert "Traceback" not in err and "内部错误" in err and "simulated bug" in err
    trace = Path(re.search(r"详细信息已写入 (\S+?\.txt)", err).group(1))
    assert "Traceback" in trace.read_text(encoding="utf-8") and "simulated bug" in trace.read_text(encoding="utf-8")
    trace.unlink()


def test_debug_prints_the_trace(monkeypatch, capsys):
    monkeypatch.setattr("engine.rulesets.load", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("simulated bug")))
    code, err = _main(monkeypatch, capsys, ["--debug", "rulesets", "show", "cn.mad.decree-713"])
    assert code == 3 and "Traceback" in err and "simulated bug" in err


def test_interrupt_exits_130(monkeypatch, capsys):
    def stop(*a, **k):  # noqa: ANN002, ANN003
        raise KeyboardInterrupt
    monkeypatch.setattr("engine.check._check", stop)
    code, err = _main(monkeypatch, capsys, ["check", EXAMPLE])
    assert code == 130 and "Traceback" not in err
