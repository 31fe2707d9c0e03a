"""engine/checks/__init__.py: every check kind the ruleset language names is registered, in one file of
its own, and every stage finds it there."""

from __future__ import annotations

from pathlib import Path

import engine.checks as checks
from engine.checks import CheckKind, kind_of, kinds
from engine.models.ruleset import Check
from engine.rulesets import load

NOT_KINDS = {"due", "message"}  # the other fields of a check


def test_every_kind_of_the_ruleset_model_is_registered():
    named = set(Check.model_fields) - NOT_KINDS
    assert named == set(kinds())
    assert set(checks.KINDS) == named


def test_each_kind_is_one_file_with_its_spec():
    folder = Path(checks.__file__).parent
    for name, k in kinds().items():
        assert isinstance(k, CheckKind) and k.name == name
        assert (folder / f"{name}.py").is_file()
        assert Check.model_fields[name].annotation == k.spec | None or k.spec in getattr(Check.model_fields[name].annotation, "__args__", ())
        zh, en = k.summary
        assert zh and en


def test_every_check_of_the_shipped_rulesets_finds_its_kind():
    rs = load("cn.mad.decree-713")
    used = {kind_of(c).name for r in rs.rules for c in r.checks}
    assert used == set(kinds())
