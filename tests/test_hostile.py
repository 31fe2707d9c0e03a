"""Hostile input: every file of tests/hostile/ (and the ones only a test can make: pipes, symlink
loops, devices, unreadable and huge files) and a hypothesis fuzz of the loader. For each: no
traceback, no hang, a documented exit code (docs/exit-codes.md), a message naming the file, and
with --format json one object for it (its result, or an error object with file/code/message/line/col).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import string
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from engine.check import check
from engine.cli import app
from engine.core.errors import LoadError, RulesetErrors
from engine.load import load_dossier

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "hostile"
EXAMPLE = ROOT / "cases/examples/peng-yang-heating-price.yaml"
runner = CliRunner(env={"COLUMNS": "200"})


@contextmanager
def time_limit(seconds: int, what: str):
    """A hang fails the test instead of stalling the suite."""
    def alarm(signum, frame):  # noqa: ANN001
        raise TimeoutError(f"{what}: no answer within {seconds} s (a hang)")
    old = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


# What some of the files must give (the rest: any load.* error, or a result).
EXPECTED = {
    "empty.yaml": "load.empty", "whitespace.yaml": "load.empty", "binary.yaml": "load.encoding",
    "billion-laughs.yaml": "load.alias", "self-alias.yaml": "load.alias", "deep-flow.yaml": "load.too-deep",
    "deep-flow-map.yaml": "load.too-deep", "deep-block.yaml": "load.too-deep", "deep-compact.yaml": "load.too-deep",
    "duplicate-key.yaml": "load.duplicate-key", "json-duplicate.json": "load.duplicate-key",
    "nan.json": "load.syntax", "infinity.json": "load.syntax", "huge-int.json": "load.number-too-large",
    "xlsx-renamed.yaml": "load.ledger", "xls-header.yaml": "load.ledger", "pdf.yaml": "load.binary", "zip.json": "load.binary",
    "list-root.yaml": "load.not-a-mapping", "scalar-root.yaml": "load.not-a-mapping", "python-tag.yaml": "load.syntax",
    "control-char.yaml": "load.syntax", "nul-bytes.yaml": "load.syntax", "utf16-no-bom.yaml": "load.encoding",
    # made by the test
    "fifo.yaml": "load.not-regular", "device.yaml": "load.not-regular", "loop.yaml": "load.symlink-loop",
    "dangling.yaml": "load.not-found", "huge.yaml": "load.too-large",
}
LOADS = {"utf16-bom.yaml", "utf16be-bom.yaml", "utf8-bom.yaml", "gbk.yaml", "gb18030.yaml", "crlf.yaml", "cr-only.yaml",
         "many-procedures.yaml"}  # the example in another encoding or shape: it must check like the example


def _made(tmp: Path) -> list[Path]:
    """The hostile inputs that cannot live in git."""
    ex = EXAMPLE.read_text(encoding="utf-8")
    out = []

    def w(name: str, data: bytes) -> None:
        (tmp / name).write_bytes(data)
        out.append(tmp / name)

    os.mkfifo(tmp / "fifo.yaml")
    out.append(tmp / "fifo.yaml")
    os.symlink("/dev/zero", tmp / "device.yaml")
    out.append(tmp / "device.yaml")
    os.symlink(tmp / "loop.yaml", tmp / "loop.yaml")
    out.append(tmp / "loop.yaml")
    os.symlink(tmp / "nowhere", tmp / "dangling.yaml")
    out.append(tmp / "dangling.yaml")
    (tmp / "folder.yaml").mkdir()
    out.append(tmp / "folder.yaml")
    w("huge.yaml", b"# " + b"x" * (6 * 1024 * 1024) + b"\n")
    w("long-key.yaml", ("编号: A\n标题: x\n" + "键" * 100000 + ": 1\n").encode())
    w("long-value.yaml", ("编号: A\n标题: " + "长" * 1_000_000 + "\n").encode())
    w("many-keys.yaml", ("编号: A\n标题: x\n" + "".join(f"k{i}: {i}\n" for i in range(20000))).encode())
    w("deep-json.json", b"[" * 100000 + b"]" * 100000)
    w("million-digits.yaml", b"1: " + b"9" * 1_000_000 + b"\n")
    w("many-procedures.yaml", (ex + "".join(f"  - 类型: 征求部门意见\n    日期: 2023-06-{1 + i % 28:02d}\n" for i in range(2000))).encode())
    return out


def corpus(tmp: Path) -> list[Path]:
    return sorted((HOSTILE / "dossiers").iterdir()) + _made(tmp)


def test_hostile_corpus_exists():
    files = list((HOSTILE / "dossiers").iterdir())
    assert len(files) >= 50
    assert len(list((HOSTILE / "rulesets").iterdir())) >= 15 and len(list((HOSTILE / "features").iterdir())) >= 8


def test_every_hostile_dossier_gets_a_clear_answer(tmp_path):
    """One CLI run per file: exit 0/1/2, one JSON object naming the file, no traceback, no hang."""
    example = json.loads(runner.invoke(app, ["check", str(EXAMPLE), "--format", "json"]).stdout)[0]
    seen = {}
    for path in corpus(tmp_path):
        with time_limit(30, path.name):
            r = runner.invoke(app, ["check", str(path), "--format", "json"])
        assert r.exception is None or isinstance(r.exception, SystemExit), f"{path.name}: {r.exception!r}"
        assert r.exit_code in (0, 1, 2), f"{path.name}: exit {r.exit_code}"
        assert "Traceback" not in r.output and "sys.set_int_max_str_digits" not in r.output, path.name
        rows = json.loads(r.stdout)
        if path.is_dir() and not path.is_symlink():  # a folder named like a dossier is walked: nothing in it
            assert rows == [] and r.exit_code == 2 and "没有找到案卷文件" in r.stderr
            continue
        assert len(rows) == 1, f"{path.name}: {len(rows)} objects"
        row = rows[0]
        assert row["file"] == str(path)
        if row.get("error"):
            assert r.exit_code == 2
            assert row["code"].startswith("load.") and row["message"] and row["message_en"], path.name
            assert set(row) >= {"file", "code", "message", "message_en", "line", "col"}
            assert str(path) in r.stderr, f"{path.name}: the message does not name the file"
        seen[path.name] = row.get("code") if row.get("error") else "result"
    for name, code in EXPECTED.items():
        assert seen[name] == code, f"{name}: {seen[name]}, expected {code}"
    for name in LOADS:
        assert seen[name] == "result", f"{name} should load: {seen[name]}"
    # the same dossier in UTF-16, GBK or with CRLF is the same dossier
    for name in ("utf16-bom.yaml", "gbk.yaml", "crlf.yaml"):
        got = json.loads(runner.invoke(app, ["check", str(HOSTILE / "dossiers" / name), "--format", "json"]).stdout)[0]
        assert got["findings"] == example["findings"] and got["compliant"] == example["compliant"], name


def test_a_folder_of_hostile_files_is_walked_in_order_and_every_file_answered(tmp_path):
    src = tmp_path / "mixed"
    src.mkdir()
    for p in sorted((HOSTILE / "dossiers").iterdir())[:12]:
        (src / p.name).write_bytes(p.read_bytes())
    os.mkfifo(src / "z-fifo.yaml")
    (src / "sub").mkdir()
    (src / "sub" / "a.yaml").write_bytes(EXAMPLE.read_bytes())
    with time_limit(60, "folder"):
        r = runner.invoke(app, ["check", str(src), "--format", "json"])
    rows = json.loads(r.stdout)
    files = [row["file"] for row in rows]
    assert len(files) == 14 and r.exit_code == 2
    assert files[:13] == sorted(files[:13]) and files[13].endswith("sub/a.yaml")  # a folder's files, then its folders
    assert next(x for x in rows if x["file"].endswith("z-fifo.yaml"))["code"] == "load.not-regular"


def test_unreadable_file_has_its_own_code(tmp_path, monkeypatch):
    p = tmp_path / "secret.yaml"
    p.write_bytes(EXAMPLE.read_bytes())
    import engine.core.yamlload

    def denied(*a, **k):  # noqa: ANN002, ANN003 - the tests run as root, where chmod 000 is no obstacle
        raise PermissionError(13, "Permission denied", str(p))
    monkeypatch.setattr(engine.core.yamlload, "open", denied, raising=False)
    with pytest.raises(LoadError) as e:
        load_dossier(p)
    assert e.value.problems[0].code == "load.permission" and "权限" in e.value.text("zh")


@pytest.mark.parametrize("folder", sorted(p.name for p in (HOSTILE / "rulesets").iterdir()))
def test_malicious_ruleset_is_refused_by_lint_with_its_file_named(folder, tmp_path):
    marker = Path("/tmp/pwned")
    with time_limit(60, folder):
        r = runner.invoke(app, ["rulesets", "lint", str(HOSTILE / "rulesets" / folder)])
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    assert r.exit_code == 2, r.output
    assert "Traceback" not in r.output and f"rulesets/{folder}/" in r.output
    assert not marker.exists()


def test_malicious_feature_files_are_reported_not_crashed():
    """All hostile .feature files in one run: each is named with a reason, no Python traceback."""
    from engine.specs import report
    with time_limit(120, "features"):
        res = report.run([str(HOSTILE / "features")], extra=["--continue-on-collection-errors"])
    out = res.output
    assert res.exit_code in (1, 2), out[-2000:]
    assert "Traceback" not in out and "UnicodeDecodeError" not in out, out[-3000:]
    for name, words in {"gbk.feature": "UTF-8", "binary.feature": "UTF-8", "empty.feature": "为空",
                        "no-scenarios.feature": "没有场景", "unknown-language.feature": "Language not supported"}.items():
        assert any(name in line and words in line for line in out.splitlines()) or (name in out and words in out), name
    failed = {Path(s["file"]).name for s in res.failed}
    assert {"unknown-step.feature", "python-in-step.feature", "path-traversal.feature"} <= failed
    assert not Path("/tmp/pwned").exists()


# ------------------------------------------------------------------------------ fuzz

def _keys() -> list[str]:
    from engine.models import dossier as m
    keys = set()
    for v in vars(m).values():
        if isinstance(v, type) and issubclass(v, m.ZhModel):
            keys |= set(v.model_fields) | set(v._zh_to_en)
    return sorted(keys)


KEYS = _keys()
TYPES = sorted({"合法性审查", "集体讨论决定", "公众参与", "专家论证", "风险评估", "听证会", "决策启动", "决策公布",
                "legality_review", "collective_discussion", "public_participation"})
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**30, max_value=10**30), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30), st.sampled_from(["是", "否", "有", "无", "2023-05-01", "2023年5月1日", "2023-02-30", "9999-12-31",
                                           "常务会议", "县长办公会议", "其他方式", "640425", "", " "]),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)), st.sampled_from(TYPES))
keys = st.one_of(st.sampled_from(KEYS), st.text(min_size=1, max_size=8))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=5)),
                      max_leaves=25)
records = st.dictionaries(keys, values, max_size=6).map(lambda d: d) | st.fixed_dictionaries({"类型": st.sampled_from(TYPES)}, optional={
    "日期": scalars, "会议类型": scalars, "结论": scalars, "开始日期": scalars, "结束日期": scalars, "途径": scalars})
dossiers = st.fixed_dictionaries({"编号": scalars, "标题": scalars}, optional={
    "决策日期": scalars, "行政区划": scalars, "阶段": scalars, "程序": st.lists(records, max_size=6), "情形": values,
    "专家": values, "豁免": values, "事项类别": scalars})


def _answer(data: bytes, name: str) -> None:
    """The loader's whole contract on one input: a Loaded that checks, or a LoadError that names the file."""
    try:
        loaded = load_dossier(name, data=data)
    except LoadError as e:
        assert e.problems and all(p.file == name and p.code.startswith("load.") and p.zh and p.en for p in e.problems)
        for text in (e.text("zh"), e.text("en")):
            assert text.startswith(name) and "Traceback" not in text
        return
    try:
        check(loaded)
    except RulesetErrors:
        pass


FUZZ = settings(max_examples=int(os.environ.get("JUECE_FUZZ_EXAMPLES", "150")), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(dossiers, st.sampled_from(["yaml", "json"]))
def test_fuzz_structured_dossiers(obj, fmt):
    if fmt == "json":
        data = json.dumps(obj, ensure_ascii=False, default=str).encode("utf-8")
    else:
        data = yaml.safe_dump(obj, allow_unicode=True).encode("utf-8")
    with time_limit(20, "fuzz"):
        _answer(data, f"fuzz.{fmt}")


@FUZZ
@given(st.one_of(st.binary(max_size=400), st.text(alphabet=string.printable + "编号标题程序类型：:-[]{}&*!|>'\"#\n\t 是否", max_size=400)))
def test_fuzz_raw_bytes_and_text(raw):
    data = raw if isinstance(raw, bytes) else raw.encode("utf-8")
    with time_limit(20, "fuzz"):
        _answer(data, "fuzz.yaml")
        _answer(data, "fuzz.json")
