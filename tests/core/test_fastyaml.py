"""The audit's fast YAML path (engine/core/fastyaml.py) gives what the strict loader gives, or declines.

For every text: fastyaml.parse is None, or equal (same types too: repr) to the strict loader's
objects. For every dossier: load_dossier(fast=True) gives the same Dossier, or the same errors word
for word, as load_dossier(). tests/test_load_fast.py runs all of tests/test_load.py (the hostile
inputs) through the fast path as well."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from engine.core import fastyaml
from engine.audit.sample import generate
from engine.core.errors import LoadError
from engine.core.yamlload import StrictLoader, read_text
from engine.load import load_dossier

pytestmark = pytest.mark.skipif(not fastyaml.AVAILABLE, reason="rapidyaml is not installed")

ROOT = Path(__file__).resolve().parents[2]


def strict(text: str):
    try:
        return ("ok", yaml.load(text, Loader=StrictLoader))  # noqa: S506 - derives from CSafeLoader
    except Exception as e:  # noqa: BLE001
        return ("error", type(e).__name__)


def assert_parity(text: str) -> bool:
    """→ whether the fast path took it; fails if it took it and differs."""
    got = fastyaml.parse(text)
    if got is None:
        return False
    want = strict(text)
    assert want[0] == "ok", f"fast path accepted what the strict loader refuses: {text[:200]!r}"
    assert got == want[1] and repr(got) == repr(want[1]), text[:300]
    return True


def outcome(path: Path, fast: bool):
    try:
        loaded = load_dossier(path, fast=fast)
        return ("ok", loaded.dossier.model_dump(mode="json"), loaded.file, loaded.sha256)
    except LoadError as e:
        return ("error", [p.to_dict() for p in e.problems], e.text("zh"), e.text("en"))


def yaml_files():
    return sorted(p for d in ("cases", "rulesets", "features", "tests") for p in (ROOT / d).rglob("*.yaml"))


def test_every_yaml_file_of_the_repository():
    taken = 0
    for p in yaml_files():
        try:
            text = read_text(p)
        except LoadError:
            continue
        taken += assert_parity(text)
        taken += assert_parity(text.replace("\n", "\r\n"))  # the same file saved on Windows
    assert taken > 100  # the fast path is really used, not declining everything


def test_every_case_file_loads_to_the_same_dossier_or_the_same_errors():
    for p in sorted((ROOT / "cases").rglob("*.yaml")):
        if p.name.endswith(".expected.yaml"):
            continue
        assert outcome(p, True) == outcome(p, False), p


@pytest.mark.parametrize("seed,defects,unknown,broken", [(1, 0.1, 0.05, 0.0), (7, 0.4, 0.3, 0.3), (23, 0.0, 0.0, 0.5)])
def test_sample_dossiers_load_the_same(tmp_path, seed, defects, unknown, broken):
    generate(150, tmp_path, seed=seed, defects=defects, unknown=unknown, broken=broken, jobs=1)
    files = sorted(tmp_path.rglob("*.yaml"))
    assert len(files) >= 150
    taken = 0
    for p in files:
        assert outcome(p, True) == outcome(p, False), p
        taken += fastyaml.parse(read_text(p)) is not None
    assert taken >= len(files) * (1 - broken) * 0.9


EDGE = ["a: 1\na: 2\n", "a: 'x'\n'a': 2\n", "a: no\nb: 'no'\n", "a: no\n", "a: yes\nb: On\nc: OFF\n", "a: ~\nb:\nc: null\nd: Null\n",
 "a: 2023-05-01\n", "a: 2023-02-30\n", "a: 2023-5-1\n", "a: 2023-05-01 10:00\n", "a: 10:30\n", "a: 010\n", "a: 0x1F\n", "a: 1_000\n",
 "a: +12\n", "a: -0\n", "a: 1e3\n", "a: 1.5\n", "a: .inf\n", "a: <<\n", "a: =\n", "1: x\n", "no: x\n", "'1': x\n", "a: [1, 2]\n", "a: []\nb: {}\n",
 "a: |\n  x\n", "a: >\n  x\n", "a: &x 1\nb: *x\n", "a: !!str 1\n", "- a\n", "x\n", "", "a: 'it''s'\n", 'a: "q\\"x"\n', "a: 多行\n  no\n",
 "a:\n  no\n", "a:\n  2023-05-01\n", "a:\n  - no\n  - 'yes'\n", "a: b # no\n", "a: no # c\n", "a: 'x' # c\n", "a:\tb\n", "a: b\r\nc: no\r\n",
 "a: b\rc\n", "a: \"x\n  y\"\n", "a: 'x\n\n  y'\n", "---\na: 1\n", "a: 1\n...\n", "a: 1\n---\nb: 2\n", "? a\n: b\n", "a: b: c\n", "a: [1\n",
 "a:\n- x\n-\n- ''\n", "a: 'null'\nb: null\n", "a: True\nb: 'True'\n", "键: 是\n值: 否\n", "a: 1\nb:\n  c: 1\n  c: 2\n", "a:\n  - c: 1\n    c: 2\n",
 "a: '2023-05-01'\nb: 2023-05-01\n", "a: 'x: y'\n", "'a: b': no\n", "a: x\"y\": z\n", "a: 12345678901234567890123\n", "a: " + "9"*5000 + "\n",
 "a: -\n", "a: - x\n", "a:  no  \n", "a: 'no'  \n", "b: ～\n", "a: 0\n", "a: 00\n", "a: 0b101\n", "a: 1,000\n", "a: y\nb: n\n", "a: \x07\n", "a: \u2028\n",
 "a: \"\\u4e2d\"\n", "a: x\n  b: c\n", " a: 1\nb: 2\n", "a:\n  b: 1\n c: 2\n", "a: @x\n", "a: x@y.com\n", "a: `x`\n", "a: 55%\n", "a: 100% \n", "%YAML 1.1\n---\na: 1\n",
 "a: b #c\nd: e#f\n", "a: 'b' 'c'\n", "a: \"b\"c\n", "{a: 1}\n", "a: {b: 1}\n", "a: ''\nb: \"\"\n", "a: [ ]\n", "a: -1\nb: - 1\n", "- - x\n", "a: 1 2\n"]
EDGE += [  # what YAML 1.1 and 1.2 read differently, written the ways a dossier could
    "日期: 2023-05-01\n备注: '2023-05-01'\n", "a: NO\nb: Yes\nc: oN\n", "a:\n  - 2023-05-01\n  - 2023年5月1日\n",
    "a: 1\nb:\n  - c: no\n    d: ~\n", "标题: 关于\"十四五\"规划\n", "a: '是'\nb: 是\n", "a: 0o17\n", "a: 1:30:00\n",
    "a: 2023-05-01T10:00:00Z\n", "a: 20230501\n", "a: -1_000\n", "a: 6.0e+3\n", "a: NaN\n", "a: +.inf\n",
]


@pytest.mark.parametrize("text", EDGE)
def test_edge_inputs(text):
    assert_parity(text)


def test_a_syntax_error_prints_nothing_itself(capfd):
    assert fastyaml.parse("a: [1\n") is None
    assert fastyaml.parse("a: b: c\n") is None
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_errors_through_the_fast_path_are_the_strict_loaders(tmp_path):
    # valid YAML, invalid dossier: the fast path parses it, the errors come from the strict reading
    p = tmp_path / "bad.yaml"
    p.write_text("编号: X-1\n标题: 测试\n决策日期: 2023-02-30\n阶段: 明天\n程序:\n  - 类型: 听证\n    日期: no\n", encoding="utf-8")
    assert fastyaml.parse(p.read_text(encoding="utf-8")) is not None
    fast, slow = outcome(p, True), outcome(p, False)
    assert fast[0] == "error" and fast == slow
    assert any(pr["line"] == 3 for pr in fast[1])  # file:line:col kept


def test_audit_result_lines_are_byte_identical_with_and_without_the_fast_path(tmp_path, monkeypatch):
    from engine import load as load_mod
    from engine.audit import worker
    generate(80, tmp_path, seed=5, defects=0.3, unknown=0.2, broken=0.2, jobs=1)
    items = [(str(p), "file", str(p)) for p in sorted(tmp_path.rglob("*.yaml"))]
    fast_lines, _ = worker.process_chunk(items, {})
    real = load_mod.load_dossier
    monkeypatch.setattr(load_mod, "load_dossier", lambda *a, **k: real(*a, **{**k, "fast": False}))
    strict_lines, _ = worker.process_chunk(items, {})
    assert fast_lines == strict_lines  # every results.jsonl and errors.jsonl line, byte for byte
    assert sum(kind == "error" for kind, _, _ in fast_lines) > 0 and sum(kind == "result" for kind, _, _ in fast_lines) > 40
