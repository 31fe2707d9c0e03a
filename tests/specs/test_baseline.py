"""The spec baseline (engine/specs/baseline.py) reads its periods from the ruleset's parameters:
a changed parameter moves the complete dossier with it, and the dossier stays clean."""

import datetime as dt
import re
import shutil
from pathlib import Path

import yaml

from engine import rulesets
from engine.check import check
from engine.load import load_dossier
from engine.specs import baseline

CHANGED = {"comment_min_days": 45, "hearing_materials_min_days": 12, "legal_review_min_workdays": 15}


def changed_root(tmp_path: Path) -> Path:
    """A copy of rulesets/ whose Decree 713 asks for longer periods (a stricter law, as if amended)."""
    root = tmp_path / "rulesets"
    shutil.copytree(rulesets.RULESETS_DIR, root)
    index = root / "national" / "decree-713" / "index.yaml"
    text = index.read_text(encoding="utf-8")
    for name, value in CHANGED.items():
        text, n = re.subn(rf"(\n  {name}:\n    value: )\d+", rf"\g<1>{value}", text)
        assert n == 1, name
    index.write_text(text, encoding="utf-8")
    return root


def run(dossier: dict, root: Path):
    data = yaml.safe_dump(dossier, allow_unicode=True, sort_keys=False).encode("utf-8")
    return check(load_dossier(Path("baseline.yaml"), data=data, name="baseline.yaml"), baseline.DECREE, root=str(root))


def days(rec: dict, a: str, b: str) -> int:
    return (dt.date.fromisoformat(rec[b]) - dt.date.fromisoformat(rec[a])).days


def procedure(d: dict, kind: str) -> dict:
    return next(p for p in d["procedures"] if p["type"] == kind)


def test_todays_parameters_give_the_periods_the_baseline_always_had():
    assert baseline.periods() == {"comment": 30, "materials": 10, "participant_list": 15, "notice": 20, "review": 30}
    d = baseline.complete()
    assert days(procedure(d, "public_participation"), "start_date", "end_date") == 30
    hearing = baseline.record("hearing", dt.date(2023, 4, 1))
    assert [days(hearing, k, "date") for k in ("materials_served_date", "participant_list_date", "notice_date")] == [10, 15, 20]
    assert days(procedure(d, "legality_review"), "submitted_date", "opinion_date") == 30


def test_a_changed_parameter_moves_the_baseline_and_it_still_passes(tmp_path):
    root = changed_root(tmp_path)
    rs = rulesets.load(baseline.DECREE, root=str(root))
    assert rs.index.parameters["comment_min_days"].value == 45
    moved = baseline.complete(parameters=rs.index.parameters)
    assert days(procedure(moved, "public_participation"), "start_date", "end_date") == 45
    assert days(procedure(moved, "legality_review"), "submitted_date", "opinion_date") == 41  # 15 working days as weeks + 20
    hearing = baseline.record("hearing", dt.date(2023, 4, 1), rs.index.parameters)
    assert days(hearing, "materials_served_date", "date") == 15 and days(hearing, "notice_date", "date") == 25

    res = run(moved, root)
    assert res.applicable and res.compliant and res.findings == [], [f"{f.rule}: {f.outcome}" for f in res.findings]
    # the fixed offsets of before would now drift: the old 30-day comment period falls short of 45
    stale = run(baseline.complete(), root)
    assert not stale.compliant and any("comment" in f.rule or "public" in f.rule for f in stale.findings), \
        [f.rule for f in stale.findings]


def test_the_baseline_imports_no_other_spec_module():
    text = Path(baseline.__file__).read_text(encoding="utf-8")
    assert not re.search(r"^\s*from \.(?!\.)", text, re.M), "specs/baseline.py must not import from engine/specs (no cycle)"
