"""The public strict loader (engine/core/yamlload.py) every input goes through: dossiers, rulesets,
audit mappings and rates, holiday calendars. Its refusals keep their codes and file:line:col."""

import json
from pathlib import Path

import pytest

from engine.core import yamlload
from engine.core.errors import LoadError


def refused(text: str, name: str = "x.yaml"):
    with pytest.raises(LoadError) as e:
        yamlload.parse_yaml(text, name)
    p = e.value.problems[0]
    return p.code, p.line, p.column, p.text("zh"), p.text("en")


def test_duplicate_key_alias_and_depth_are_refused_with_their_place():
    assert refused("a: 1\nb: 2\na: 3\n") == ("load.duplicate-key", 3, 1, "x.yaml:3:1: 键“a”重复出现 [load.duplicate-key]",
                                             "x.yaml:3:1: duplicate key 'a' [load.duplicate-key]")
    code, line, col, _, en = refused("a: &x [1]\nb: *x\n")
    assert (code, line, col) == ("load.alias", 1, 4)  # the anchored node, as the loader has always said and "anchors and aliases" in en
    assert refused("a: " + "[" * 50 + "]" * 50 + "\n")[0] == "load.too-deep"
    assert refused("  \n")[0] == "load.empty"
    assert refused('{"a": 1, "a": 2}', "x.json")[:2] == ("load.duplicate-key", 1)


def test_json_pairs_refuses_a_repeated_key():
    assert json.loads('{"a": 1}', object_pairs_hook=yamlload.json_pairs) == {"a": 1}
    with pytest.raises(LoadError):
        json.loads('{"a": 1, "a": 2}', object_pairs_hook=yamlload.json_pairs)


def test_position_points_at_the_key_or_the_value():
    text = "a:\n  b: [1, 2]\n  c: x\n"
    root = yamlload.compose(text)
    obj = yamlload.parse_yaml(text, "x.yaml")
    assert yamlload.position(root, ["a", "c"], obj) == (3, 6)
    assert yamlload.position(root, ["a", "c"], obj, at_key=True) == (3, 3)
    assert yamlload.position(root, ["a", "b", 1], obj) == (2, 10)
    assert yamlload.compose("a: [") is None


def test_load_file_reads_gbk_and_refuses_like_parse_yaml(tmp_path: Path):
    p = tmp_path / "m.yaml"
    p.write_bytes("列: 值\n".encode("gb18030"))
    assert yamlload.load_file(p) == {"列": "值"}
    p.write_text("", encoding="utf-8")
    assert yamlload.load_file(p, empty={}) == {}
    with pytest.raises(LoadError) as e:
        yamlload.load_file(p)
    assert e.value.problems[0].code == "load.empty"


def test_no_stage_reaches_for_the_loaders_private_names():
    import engine
    root = Path(engine.__file__).parent
    for f in root.rglob("*.py"):
        text = f.read_text(encoding="utf-8")
        assert "from .load import _" not in text and "from ..load import _" not in text, f
