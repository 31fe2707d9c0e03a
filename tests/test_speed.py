"""What makes `juece check` fast, tested for correctness (never for time; speed is measured in bench/):
commands import only what they use, selection reads index files first, and the on-disk ruleset
cache never serves a stale or foreign ruleset and is never needed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from engine import rulesets
from engine.core import cache
from engine.check import check
from engine.load import load_dossier

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = str(ROOT / "cases/examples/peng-yang-heating-price.yaml")

# What `juece check` has no use for: the other commands, the web and batch stacks, the templates.
NOT_ON_THE_CHECK_PATH = ("jinja2", "fastapi", "uvicorn", "sqlalchemy", "dask", "pytest_bdd", "docxtpl",
                         "engine.specs", "engine.audit", "engine.tools")


def _modules_after(*args: str) -> set[str]:
    """The modules a fresh interpreter has imported after running `juece <args>`."""
    code = ("import json, sys\nfrom engine.cli import app\n"
            "try:\n    app(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "sys.stderr.write('\\nMODULES ' + json.dumps(sorted(sys.modules)))\n")
    p = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT, timeout=120)
    return set(json.loads(p.stderr.rsplit("MODULES ", 1)[1]))


def _loaded(mods: set[str], name: str) -> bool:
    return name in mods or any(m.startswith(name + ".") for m in mods)


def test_check_imports_no_other_command_and_no_templates():
    mods = _modules_after("check", EXAMPLE)
    assert "engine.check" in mods  # it did run the check
    assert [m for m in NOT_ON_THE_CHECK_PATH if _loaded(mods, m)] == []


def test_md_report_does_import_jinja2():  # the property above is about laziness, not about jinja2 being gone
    mods = _modules_after("check", EXAMPLE, "--format", "md")
    assert "jinja2" in mods


def test_lazy_commands_are_listed_and_run():
    from typer.testing import CliRunner

    from engine.cli import app
    runner = CliRunner(env={"COLUMNS": "200"})
    top = runner.invoke(app, ["--help"]).stdout
    for name in ("check", "audit", "sample", "specs", "rulesets"):
        assert name in top
    assert "impact" in runner.invoke(app, ["rulesets", "--help"]).stdout
    r = runner.invoke(app, ["audit", "--help"])
    assert r.exit_code == 0 and "--jobs" in r.stdout
    assert runner.invoke(app, ["specs", "--help"]).exit_code == 0
    assert runner.invoke(app, ["no-such-command"]).exit_code == 2


# ------------------------------------------------------------------ index-first selection


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """A private cache folder and no ruleset remembered in this process."""
    monkeypatch.setenv("JUECE_CACHE_DIR", str(tmp_path / "cache"))
    rulesets.clear_caches()
    yield tmp_path / "cache"
    rulesets.clear_caches()


def _count_load_path(monkeypatch) -> list[str]:
    seen: list[str] = []
    real = rulesets.load_path

    def counting(folder, root=str(rulesets.RULESETS_DIR)):  # noqa: ANN001
        seen.append(Path(folder).name)
        return real(folder, root)

    monkeypatch.setattr(rulesets, "load_path", counting)
    return seen


def test_selection_loads_only_the_chain_it_chooses(fresh, monkeypatch):
    monkeypatch.setenv("JUECE_CACHE_DIR", "")  # no cache: every ruleset loaded is loaded from its files
    seen = _count_load_path(monkeypatch)
    r = check(load_dossier(EXAMPLE))  # 彭阳县 640425, decided 2023: Decree 713 (the county layer ended 2020)
    assert r.ruleset["id"] == "cn.mad.decree-713"
    assert seen == ["decree-713"]


def test_layer_chosen_loads_the_layer_and_its_parent(fresh, monkeypatch):
    seen = _count_load_path(monkeypatch)
    rs, zh, _ = rulesets.select("640425", __import__("datetime").date(2020, 3, 1), kind="mad")
    assert rs.id == "ningxia.pengyang.2018" and rs.lineage == ["ningxia.pengyang.2018", "cn.mad.decree-713"]
    assert seen == ["pengyang-2018", "decree-713"]
    assert "层级 ningxia.pengyang.2018 → cn.mad.decree-713" in zh


def test_heads_have_the_validity_of_the_merged_ruleset(fresh):
    for rid, head in rulesets.heads().items():
        rs = rulesets.load(rid)
        assert head is not None
        assert (head.index.valid_from, head.index.valid_to, list(head.lineage)) == \
            (rs.index.valid_from, rs.index.valid_to, rs.lineage), rid


def test_a_broken_ruleset_of_another_place_does_not_stop_a_check(tmp_path, fresh):
    root = tmp_path / "rulesets"
    shutil.copytree(ROOT / "rulesets", root)
    (root / "local/hunan/ningyuan-2021/rules.yaml").write_text("rules: [\n", encoding="utf-8")
    r = check(load_dossier(EXAMPLE), root=str(root))
    assert r.ruleset["id"] == "cn.mad.decree-713"
    with pytest.raises(rulesets.RulesetErrors):  # … but loading it (a dossier of 宁远县) says what is wrong
        rulesets.load("hunan.ningyuan.2021", str(root))


def test_a_broken_index_still_stops_selection(tmp_path, fresh):
    root = tmp_path / "rulesets"
    shutil.copytree(ROOT / "rulesets", root)
    ix = root / "local/hunan/ningyuan-2021/index.yaml"
    ix.write_text(ix.read_text(encoding="utf-8").replace("jurisdiction:", "jurisdictoin:"), encoding="utf-8")
    with pytest.raises(rulesets.RulesetErrors) as e:
        check(load_dossier(EXAMPLE), root=str(root))
    assert "jurisdictoin" in e.value.text("en")


# ------------------------------------------------------------------ the disk cache


def _dump(rs) -> dict:  # noqa: ANN001
    return rs.model_dump(mode="json")


def test_cached_rulesets_equal_the_ones_loaded_from_files(fresh):
    fresh_loaded = {rid: _dump(rulesets.load_path(rulesets._folders(str(rulesets.RULESETS_DIR))[rid]))
                    for rid in rulesets.all_ids()}
    for rid in rulesets.all_ids():
        rulesets.load(rid)  # fills the cache
    assert len(list(fresh.glob("ruleset-*.json"))) == len(fresh_loaded)
    rulesets.clear_caches()
    for rid, want in fresh_loaded.items():
        assert _dump(rulesets.load(rid)) == want, rid


def test_the_second_process_reads_the_cache_not_the_files(fresh, monkeypatch):
    rulesets.load("cn.mad.decree-713")
    rulesets.clear_caches()
    seen = _count_load_path(monkeypatch)
    assert rulesets.load("cn.mad.decree-713").id == "cn.mad.decree-713"
    assert seen == []


def _copy_rulesets(tmp_path: Path) -> Path:
    root = tmp_path / "rulesets"
    shutil.copytree(ROOT / "rulesets", root)
    return root


RULE = "mad.legal.before-discussion"
TITLE = "决策草案提交讨论前应当经合法性审查"


def test_an_edited_ruleset_file_is_never_served_stale(tmp_path, fresh):
    root = _copy_rulesets(tmp_path)
    chapter = root / "national/decree-713/ch3-s1-legality-review.yaml"
    assert rulesets.load("cn.mad.decree-713", str(root)).rule(RULE).title.zh == TITLE
    chapter.write_text(chapter.read_text(encoding="utf-8").replace(TITLE, "讨论前须经合法性审查（已修改）"), encoding="utf-8")
    rulesets.clear_caches()
    assert rulesets.load("cn.mad.decree-713", str(root)).rule(RULE).title.zh == "讨论前须经合法性审查（已修改）"
    # a layer built on it sees the edit too: its key covers its parent's files
    assert rulesets.load("ningxia.pengyang.2018", str(root)).rule(RULE).title.zh == "讨论前须经合法性审查（已修改）"
    # and the check reports with the edited ruleset (its content hash is the new one)
    assert check(load_dossier(EXAMPLE), root=str(root)).manifest.ruleset_hash == \
        rulesets.load_path(root / "national/decree-713", str(root)).content_hash


def test_a_new_chapter_file_and_an_edited_index_are_seen(tmp_path, fresh):
    import yaml
    root = _copy_rulesets(tmp_path)
    before = rulesets.load("cn.mad.decree-713", str(root))
    folder = root / "national/decree-713"
    extra = (folder / "ch1-general.yaml").read_text(encoding="utf-8")
    ids = [r["id"] for r in yaml.safe_load(extra)["rules"]]
    for rid in ids:
        extra = extra.replace(f"id: {rid}\n", f"id: {rid}-copy\n")
    (folder / "ch9-extra.yaml").write_text(extra, encoding="utf-8")
    ix = folder / "index.yaml"
    ix.write_text(ix.read_text(encoding="utf-8").replace('version: "2019.1"', 'version: "2019.9"'), encoding="utf-8")
    rulesets.clear_caches()
    after = rulesets.load("cn.mad.decree-713", str(root))
    assert before.index.version == "2019.1" and after.index.version == "2019.9"
    assert ids and len(after.rules) == len(before.rules) + len(ids)
    assert rulesets.heads(str(root))["cn.mad.decree-713"].index.version == "2019.9"
    (folder / "ch9-extra.yaml").unlink()  # and removed again
    rulesets.clear_caches()
    assert len(rulesets.load("cn.mad.decree-713", str(root)).rules) == len(before.rules)


def test_a_read_only_or_impossible_cache_folder_still_works(tmp_path, monkeypatch):
    want = _dump(rulesets.load_path(rulesets._folders(str(rulesets.RULESETS_DIR))["cn.mad.decree-713"]))
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    ro = tmp_path / "read-only"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        for where in (blocker / "cache", ro, Path("/proc/juece-cache-cannot-be-here")):
            monkeypatch.setenv("JUECE_CACHE_DIR", str(where))
            rulesets.clear_caches()
            assert _dump(rulesets.load("cn.mad.decree-713")) == want
            assert check(load_dossier(EXAMPLE)).ruleset["id"] == "cn.mad.decree-713"
    finally:
        ro.chmod(0o755)
        rulesets.clear_caches()


def test_cache_off_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("JUECE_CACHE_DIR", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    rulesets.clear_caches()
    check(load_dossier(EXAMPLE))
    assert not (tmp_path / "xdg").exists()
    monkeypatch.delenv("JUECE_CACHE_DIR")
    assert cache.cache_dir() == tmp_path / "xdg" / "juece"
    rulesets.clear_caches()


def test_a_corrupt_or_foreign_entry_is_rebuilt(fresh):
    want = _dump(rulesets.load("cn.mad.decree-713"))
    entries = sorted(fresh.glob("ruleset-*.json"))
    assert entries
    entries[0].write_bytes(b"\x80\x05garbage")
    rulesets.clear_caches()
    assert _dump(rulesets.load("cn.mad.decree-713")) == want
    # an entry stored under another name (a file copied over another) is not trusted either
    catalog = next(fresh.glob("catalog-*.json"))
    entries = sorted(fresh.glob("ruleset-*.json"))
    shutil.copy(catalog, entries[0])
    rulesets.clear_caches()
    assert _dump(rulesets.load("cn.mad.decree-713")) == want


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="owner bits")
def test_a_folder_others_can_write_to_is_not_read(fresh):
    rulesets.load("cn.mad.decree-713")
    name = next(fresh.glob("ruleset-*.json")).stem
    assert cache.get(name) is not None
    fresh.chmod(0o777)
    try:
        assert cache.get(name) is None
    finally:
        fresh.chmod(0o700)


def test_the_key_covers_the_engine_source():
    # a changed engine module (models, loader, merge, compiler) must not reuse objects it built differently
    for rel in ("rulesets.py", "load.py", "compile.py", "models/ruleset.py", "models/base.py", "core/encoding.py",
                "checks/required.py"):
        assert rel in cache._SOURCES
    engine_dir = Path(cache.__file__).resolve().parents[1]
    missing = [rel for rel in cache._SOURCES if not (engine_dir / rel).is_file()]
    assert not missing, f"cache._SOURCES names files that do not exist (they would hash as 'missing'): {missing}"


def test_the_cache_folder_stays_bounded(tmp_path, monkeypatch):
    monkeypatch.setenv("JUECE_CACHE_DIR", str(tmp_path / "c"))
    monkeypatch.setattr(cache, "KEEP", 5)
    for i in range(12):
        cache.put(cache.key("test", [str(i).encode()]), {"i": i})
    names = sorted(p.name for p in (tmp_path / "c").glob("*.json"))
    assert len(names) == 5
    assert cache.get(cache.key("test", [b"11"])) == {"i": 11}  # the newest are kept


def test_an_entry_is_data_never_code(fresh):
    """Cache entries are JSON validated again on reading: a planted pickle is never read, and an
    entry of the right name but the wrong shape (or rules edited to say less) is rebuilt or refused
    by validation, never run."""
    want = _dump(rulesets.load("cn.mad.decree-713"))
    entry = sorted(fresh.glob("ruleset-*.json"))[0]
    marker = fresh / "ran"
    planted = entry.with_suffix(".pickle")
    import pickle

    class Boom:
        def __reduce__(self):
            return (Path.touch, (marker,))
    planted.write_bytes(pickle.dumps((entry.stem, Boom())))
    entry.unlink()
    rulesets.clear_caches()
    assert _dump(rulesets.load("cn.mad.decree-713")) == want
    assert not marker.exists()
    entry = sorted(fresh.glob("ruleset-*.json"))[0]
    entry.write_text('{"key": "%s", "value": {"index": "not an index"}}' % entry.stem, encoding="utf-8")
    rulesets.clear_caches()
    assert _dump(rulesets.load("cn.mad.decree-713")) == want


def _complete_after(*args: str) -> dict[str, bool]:
    """After `juece <args>` in a fresh interpreter: which kinds' dossier models have their validator built."""
    code = ("import json, sys\nfrom engine.cli import app\n"
            "try:\n    app(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "from engine.models.dossier import Dossier\nfrom engine.models.enforcement import EnforcementDossier\n"
            "sys.stderr.write('\\nBUILT ' + json.dumps({'decision': Dossier.__pydantic_complete__,"
            " 'enforcement': EnforcementDossier.__pydantic_complete__}))\n")
    p = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT, timeout=120)
    return json.loads(p.stderr.rsplit("BUILT ", 1)[1])


def test_a_decision_check_does_not_build_the_enforcement_models():
    assert _complete_after("check", EXAMPLE) == {"decision": True, "enforcement": False}


def test_an_enforcement_check_builds_them_when_it_needs_them_and_finds_what_the_law_asks():
    case = str(ROOT / "cases/enforcement/bad/no-legal-review.yaml")
    built = _complete_after("check", case)
    assert built["enforcement"] is True
    r = check(load_dossier(case))
    assert r.ruleset["id"].startswith("cn.ap.") and not r.compliant
    assert any("法制审核" in f.message and "第五十八条" in f.basis for f in r.findings)


def test_a_ruleset_folder_is_read_once_for_many_dossiers_and_again_when_a_byte_changes(tmp_path, fresh, monkeypatch):
    """`juece check dir/ --ruleset my-overlay/`: the folder is validated once, not per dossier; an edit
    to one of its files is seen at the next dossier (keyed by content, not by modification time)."""
    folder = tmp_path / "my-overlay"
    shutil.copytree(ROOT / "rulesets/local/ningxia/pengyang-2018", folder)
    seen = _count_load_path(monkeypatch)
    first = rulesets.given(str(folder))
    assert rulesets.given(str(folder)) is first and seen.count("my-overlay") == 1
    rules = folder / "rules.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("但案卷无听证会记录", "但案卷未见听证会记录"), encoding="utf-8")
    again = rulesets.given(str(folder))
    assert seen.count("my-overlay") == 2 and again is not first
    assert any("但案卷未见听证会记录" in r.message.zh for r in again.rules)
