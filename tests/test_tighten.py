"""Only-tighten is a compile stage (engine/tighten.py, run by compile.check_layering): every command
that is given a local overlay loosening Decree 713 refuses it with the article it falls below —
not only `juece rulesets lint`."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from engine.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "cases" / "examples" / "peng-yang-heating-price.yaml"
runner = CliRunner()

LOOSE = """
id: test.loose
title: {zh: 放宽的地方规则集, en: loosened}
version: "1"
law: {zh: 《某地规定》}
jurisdiction: "6404"
valid_from: 2021-01-01
extends: cn.mad.decree-713
parameters:
  comment_min_days:
    value: %d
    unit: calendar_days
    basis: {article: 9}
    description: {zh: 征求意见期限}
"""


def _overlay(tmp_path: Path, days: int) -> Path:
    folder = tmp_path / f"overlay-{days}"
    folder.mkdir()
    (folder / "index.yaml").write_text(LOOSE % days, encoding="utf-8")
    return folder


COMMANDS = {
    "check": lambda rs, out: ["check", "--ruleset", rs, str(EXAMPLE)],
    "check --format json": lambda rs, out: ["check", "--ruleset", rs, "--format", "json", str(EXAMPLE)],
    "opinion": lambda rs, out: ["opinion", "--ruleset", rs, "-o", str(out / "op.docx"), str(EXAMPLE)],
    "audit": lambda rs, out: ["audit", "--ruleset", rs, "-o", str(out / "audit"), str(EXAMPLE.parent)],
    "rulesets lint": lambda rs, out: ["rulesets", "lint", rs],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_refuses_an_overlay_that_shortens_the_comment_period(tmp_path, command):
    """20 days of public comment is below Decree 713's 30 (Art. 15(1)): unusable input, exit 2."""
    args = COMMANDS[command](str(_overlay(tmp_path, 20)), tmp_path)
    r = runner.invoke(app, args)
    text = r.output + (r.stderr if r.stderr_bytes is not None else "")
    assert r.exit_code == 2, text
    assert "comment_min_days=20" in text and "第十五条第一款" in text, text
    assert "Traceback" not in text


def test_an_overlay_that_lengthens_the_comment_period_is_used(tmp_path):
    """45 days tightens the Decree: the overlay is accepted and the check runs (0 or 1, never 2)."""
    r = runner.invoke(app, ["check", "--ruleset", str(_overlay(tmp_path, 45)), "--format", "json", str(EXAMPLE)])
    assert r.exit_code in (0, 1), r.output
    assert "test.loose" in r.output
