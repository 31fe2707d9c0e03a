"""The vocabulary is data (issue 17): record types, fields and enums are declared in YAML
(rulesets/vocabulary/*.yaml and a ruleset folder's own vocabulary.yaml), and the models, the JSON
Schema and the docs are built from that declaration.

The worked example of docs/dossier-format.md §14 “添加事实 / adding a fact”
(docs/examples/adding-a-fact/) is run here end to end from a folder outside rulesets/: a new field
on an existing record type and a whole new record type, read by local rules, with no Python
change. The dossier models are built once per process, so everything that needs the example's
facts runs in a fresh `python -m engine` (as a user runs it); what the shipped vocabulary alone can
show runs in this process.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
import typing
from pathlib import Path

import pytest
import yaml

from engine.models import vocabulary
from engine.models.base import ZhEnum, ZhModel

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "adding-a-fact"
CJK = re.compile(r"[\u4e00-\u9fff]")


def juece(*args: str, env: dict | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """`python -m engine …` in a fresh process (the models of a --ruleset folder are built at its start)."""
    e = dict(os.environ)
    e.pop(vocabulary.ENV, None)
    e.update(env or {})
    return subprocess.run([sys.executable, "-m", "engine", *args], capture_output=True, text=True, cwd=cwd, env=e, timeout=300)


def _no_traceback(r: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in r.stdout + r.stderr, r.stderr


# --------------------------------------------------------------------- the worked example


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> dict[str, Path]:
    """The example's ruleset folder copied outside rulesets/, and the dossier in five versions."""
    tmp = tmp_path_factory.mktemp("adding-a-fact")
    folder = tmp / "county-rules"
    shutil.copytree(EXAMPLE / "county-rules", folder)
    text = (EXAMPLE / "dossier.yaml").read_text(encoding="utf-8")
    assert "纪要经与会人员签字: 是" in text and "利益冲突申报: 是" in text and "类型: 廉洁性评估" in text
    ledger = re.sub(r"^阶段:", "案卷来源: 台账\n阶段:", text, count=1, flags=re.M)
    absent = re.sub(r"^    纪要经与会人员签字: 是.*\n", "", text, flags=re.M)
    absent = re.sub(r"^  - 类型: 廉洁性评估.*(\n    .*)*\n?", "", absent, flags=re.M)
    versions = {
        "right": text,
        "contrary": text.replace("纪要经与会人员签字: 是", "纪要经与会人员签字: 否").replace("利益冲突申报: 是", "利益冲突申报: 否"),
        "absent": absent,
        "ledger": re.sub(r"^阶段:", "案卷来源: 台账\n阶段:", absent, count=1, flags=re.M),
        "alias": text.replace("纪要经与会人员签字: 是", "纪要签字: 是").replace("类型: 廉洁性评估", "类型: 廉政评估")
                     .replace("评估日期: 2023-07-05", "日期: 2023-07-05"),
        "ledger-right": ledger,
        # the other open-world states (docs/open-world.md): rebuilt from published material, and a record's 状态
        "public": re.sub(r"^阶段:", "案卷来源: 公开信息\n阶段:", absent, count=1, flags=re.M),
        "unknown": text.replace("    利益冲突申报: 是", "    利益冲突申报: 是\n    状态: 未知"),
        "not-performed": text.replace("    利益冲突申报: 是", "    状态: 未履行"),
    }
    assert "纪要经与会人员签字" not in absent and "廉洁性评估" not in absent.split("程序:")[1]
    out = {"folder": folder}
    for name, body in versions.items():
        (tmp / f"{name}.yaml").write_text(body, encoding="utf-8")
        out[name] = tmp / f"{name}.yaml"
    return out


RULES = ("example.county.minutes-signed", "example.county.integrity-review")


@pytest.fixture(scope="module")
def checked(example) -> dict[str, dict[str, dict]]:
    """`juece check --ruleset <folder> --format json` of every version: {version: {rule: finding}}."""
    names = ["right", "contrary", "absent", "ledger", "alias", "ledger-right", "public", "unknown", "not-performed"]
    r = juece("check", "--ruleset", str(example["folder"]), "--format", "json", *[str(example[n]) for n in names])
    _no_traceback(r)
    assert r.returncode == 1, r.stderr  # some versions break the local rules
    rows = json.loads(r.stdout)
    out = {}
    for name, row in zip(names, rows):
        assert row["ruleset"]["id"] == "example.county", row.get("ruleset")
        out[name] = {f["rule"]: f for f in row["findings"] if f["rule"] in RULES}
        out[name]["_outcomes"] = {f["rule"]: f["outcome"] for f in row["findings"]}
    return out


def _outcome(checked: dict, version: str, rule: str) -> str:
    return checked[version]["_outcomes"].get(rule, "satisfied")  # satisfied rules are not listed as findings


def test_facts_recorded_right_pass(checked):
    for rule in RULES:
        assert _outcome(checked, "right", rule) == "satisfied", checked["right"].get(rule)


def test_facts_recorded_contrary_are_violations_citing_the_local_article(checked):
    f = checked["contrary"]["example.county.minutes-signed"]
    assert f["outcome"] == "violated" and f["grounds"] == "fact"
    assert f["basis"] == "《某县重大行政决策程序补充规定》第五条"
    assert any(e["fact"] == "collective_discussion.minutes_signed" and e["value"] == "否" for e in f["evidence"]), f["evidence"]
    g = checked["contrary"]["example.county.integrity-review"]
    assert g["outcome"] == "violated" and g["basis"] == "《某县重大行政决策程序补充规定》第六条"


def test_facts_not_recorded_in_a_complete_file_are_violations_on_absence(checked):
    for rule in RULES:
        f = checked["absent"][rule]
        assert f["outcome"] == "violated" and f["grounds"] == "absence", f
    assert "纪要经与会人员签字" in "".join(checked["absent"]["example.county.minutes-signed"]["needed"])


def test_facts_not_recorded_in_a_ledger_row_are_indeterminate(checked):
    for rule in RULES:
        f = checked["ledger"][rule]
        assert f["outcome"] == "indeterminate", f  # 无法判定, never 违反 on a ledger row's silence
        assert f["needed"], f
    for rule in RULES:  # what a ledger row does record is read as in a complete file
        assert _outcome(checked, "ledger-right", rule) == "satisfied"


def test_facts_not_recorded_in_a_dossier_rebuilt_from_published_material_are_indeterminate(checked):
    for rule in RULES:
        f = checked["public"][rule]
        assert f["outcome"] == "indeterminate" and f["needed"], f


def test_a_new_record_type_has_the_three_states_of_every_record(checked):
    """状态 (open-world.yaml's `"*"` field) is on the new record type with no word in its declaration."""
    f = checked["unknown"]["example.county.integrity-review"]
    assert f["outcome"] == "indeterminate", f  # 状态: 未知 — the file cannot show whether it happened
    g = checked["not-performed"]["example.county.integrity-review"]
    assert g["outcome"] == "violated", g  # 状态: 未履行 — known not to have happened
    assert _outcome(checked, "unknown", "example.county.minutes-signed") == "satisfied"


def test_aliases_are_read_like_the_main_keys(checked):
    for rule in RULES:
        assert _outcome(checked, "alias", rule) == "satisfied"


def test_text_report_cites_the_local_article(example):
    r = juece("check", "--ruleset", str(example["folder"]), str(example["contrary"]))
    _no_traceback(r)
    assert r.returncode == 1
    assert "第五条" in r.stdout and "会议纪要未经与会人员签字确认" in r.stdout
    r = juece("check", "--ruleset", str(example["folder"]), "--lang", "en", str(example["right"]))
    assert r.returncode == 0, r.stdout + r.stderr


API = r"""
import json, sys
from engine.models import vocabulary
vocabulary.add_folder(sys.argv[1])
from engine.check import check
from engine.load import load_dossier
from engine.models.dossier import PROCEDURES, PROCEDURE_ZH
right, alias = (load_dossier(p) for p in sys.argv[2:4])
recs = [p for p in right.dossier.procedures if p.type in ("integrity_review", "collective_discussion")]
r = check(right, ruleset_id=sys.argv[1])
print(json.dumps({"same": right.dossier == alias.dossier, "types": [type(p).__name__ for p in recs],
                  "signed": [getattr(p, "minutes_signed", None) for p in recs], "zh": PROCEDURE_ZH["integrity_review"],
                  "registered": "integrity_review" in PROCEDURES, "compliant": r.compliant,
                  "outcomes": {k: v for k, v in (r.outcomes or {}).items() if k.startswith("example.")}}, ensure_ascii=False))
"""


def test_python_api(example):
    """The same through the Python API: add_folder before the models are built, then load and check."""
    r = subprocess.run([sys.executable, "-c", API, str(example["folder"]), str(example["right"]), str(example["alias"])],
                       capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    assert got["same"], "a dossier written with the aliases must load to the same model"
    assert got["types"] == ["CollectiveDiscussion", "IntegrityReview"] and got["signed"] == [True, None]
    assert got["zh"] == ["廉洁性评估", "廉政评估"] and got["registered"] and got["compliant"]


def test_opinion_and_audit_read_the_folder_vocabulary(example, tmp_path):
    """opinion and audit know the folder's facts too (audit workers through $JUECE_VOCABULARY)."""
    r = juece("opinion", "--ruleset", str(example["folder"]), "-f", "md", str(example["contrary"]))
    _no_traceback(r)
    assert r.returncode == 0, r.stderr
    assert "会议纪要未经与会人员签字确认" in r.stdout and "第五条" in r.stdout
    inputs = tmp_path / "in"
    inputs.mkdir()
    for n in ("right", "contrary"):
        shutil.copy(example[n], inputs / f"{n}.yaml")
    r = juece("audit", "--ruleset", str(example["folder"]), "-o", str(tmp_path / "out"), "-j", "1", "-q", str(inputs))
    _no_traceback(r)
    assert r.returncode == 1, r.stdout + r.stderr  # the contrary one is non-compliant; neither is unreadable
    assert not (tmp_path / "out" / "errors.jsonl").exists() or not (tmp_path / "out" / "errors.jsonl").read_text().strip()
    rows = [json.loads(x) for x in (tmp_path / "out" / "results.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    assert {Path(str(x.get("file", x.get("key", "")))).stem: x.get("compliant") for x in rows} == {"right": True, "contrary": False}, rows
    r = juece("audit", "--resume", "-o", str(tmp_path / "out"), "-j", "1", "-q")  # the run's --ruleset folder, read again
    _no_traceback(r)
    assert r.returncode == 1, r.stdout + r.stderr


def test_schema_and_docs_show_the_folder_facts(example):
    r = juece("schema", "--ruleset", str(example["folder"]))
    assert r.returncode == 0, r.stderr
    schema = json.loads(r.stdout)
    text = json.dumps(schema, ensure_ascii=False)
    for key in ("minutes_signed", "纪要经与会人员签字", "纪要签字", "integrity_review", "廉洁性评估", "利益冲突申报"):
        assert key in text, key
    r = juece("docs", "dossier-format", "--ruleset", str(example["folder"]))
    assert r.returncode == 0, r.stderr
    for row in ("| `minutes_signed` |", "`纪要经与会人员签字`", "`integrity_review`", "`廉洁性评估`", "| `conflicts_declared` |"):
        assert row in r.stdout, row
    assert "某县补充规定第五条" in r.stdout  # the basis of the field, from its declaration


def test_without_the_folder_the_facts_are_unknown(example):
    """The shared vocabulary does not know them: a plain check refuses the key, it does not ignore it."""
    r = juece("check", "--format", "json", str(example["right"]))
    _no_traceback(r)
    assert r.returncode == 2
    row = json.loads(r.stdout)[0]
    assert row["error"] and {p["code"] for p in row["problems"]} & {"load.schema.extra_forbidden", "load.unknown-procedure",
                                                                     "load.schema.unknown_procedure"}, row["problems"]


# ------------------------------------------------------------------ declarations merged


@pytest.fixture
def declared(tmp_path, monkeypatch):
    """declaration() with extra vocabulary files (one folder each) after the shipped ones; the built models are untouched."""
    def run(*texts: str) -> vocabulary._Decl:
        folders = []
        for i, t in enumerate(texts):
            f = tmp_path / f"rules-{i}"
            f.mkdir(exist_ok=True)
            (f / vocabulary.EXTENSION).write_text(t, encoding="utf-8")
            folders.append(f.resolve())
        monkeypatch.setattr(vocabulary, "_extra_folders", folders)
        vocabulary.files.cache_clear()
        vocabulary._read.cache_clear()
        return vocabulary.declaration()
    yield run
    monkeypatch.undo()
    vocabulary.files.cache_clear()
    vocabulary._read.cache_clear()


GANZHOU = ROOT / "rulesets" / "local" / "jiangxi" / "ganzhou-2022" / "vocabulary.yaml"
NINGYUAN = ROOT / "rulesets" / "local" / "hunan" / "ningyuan-2021" / "vocabulary.yaml"
FIRST = min(GANZHOU, NINGYUAN)  # files are merged in path order: the first declaration is the one named


def test_a_field_declared_twice_the_same_way_is_one_field(declared):
    decl = declared(NINGYUAN.read_text(encoding="utf-8"))
    fields = decl.models["CollectiveDiscussion"]["fields"]
    assert list(fields).count("legality_body_heard") == 1
    assert decl.origin[("CollectiveDiscussion", "legality_body_heard")][0] == str(FIRST)  # the first file that declared it


CONFLICT = """kind: mad
extend:
  collective_discussion:
    fields:
      legality_body_heard:
        zh: 听取合法性审查机构意见
        type: text
"""


def test_a_field_declared_differently_names_both_files(declared, tmp_path):
    with pytest.raises(vocabulary.VocabularyError) as e:
        declared(CONFLICT)
    err = e.value
    assert err.code == "vocabulary.conflict"
    assert err.file.endswith("rules-0/vocabulary.yaml") and err.line == 5 and err.column == 7
    for text in (err.text("zh"), err.text("en")):
        assert err.file in text and str(FIRST) in text and "legality_body_heard" in text
    assert CJK.search(err.text("zh")) and "declared differently" in err.text("en")


def test_a_conflict_stops_the_cli(tmp_path):
    folder = tmp_path / "conflict"
    shutil.copytree(EXAMPLE / "county-rules", folder)
    (folder / "vocabulary.yaml").write_text(CONFLICT, encoding="utf-8")
    for lang, words in (("zh", "以不同方式声明"), ("en", "declared differently")):
        r = juece("check", "--ruleset", str(folder), "--lang", lang, str(EXAMPLE / "dossier.yaml"))
        _no_traceback(r)
        assert r.returncode == 2, r.stderr
        assert f"{folder / 'vocabulary.yaml'}:5:7" in r.stderr and str(FIRST) in r.stderr and words in r.stderr, r.stderr


# ------------------------------------------------------------------------ broken files

BROKEN = {
    # name: (vocabulary.yaml, code, line, column, key path, zh words, en words)
    "unknown key": ("kind: mad\nextend:\n  hearing:\n    fields:\n      x_ray:\n        zh: 甲\n        type: bool\n        descr: x\n",
                    "vocabulary.unknown-key", 8, 9, "extend.hearing.fields.x_ray.descr", ("未知的键", "meaning"), ("unknown key 'descr'", "meaning")),
    "wrong type name": ("kind: mad\nextend:\n  hearing:\n    fields:\n      x_ray:\n        zh: 甲\n        type: boolean\n",
                        "vocabulary.unknown-type", 7, 15, "extend.hearing.fields.x_ray.type", ("未知的类型", "bool"), ("unknown type 'boolean'", "bool")),
    "part that does not exist": ("kind: mad\nextend:\n  hearing:\n    fields:\n      x_ray:\n        zh: 甲\n        type: list of Expertz\n",
                                 "vocabulary.unknown-type", 7, 15, "extend.hearing.fields.x_ray.type", ("Expertz", "Expert"), ("Expertz", "Expert")),
    "undeclared enum": ("kind: mad\nextend:\n  hearing:\n    fields:\n      x_ray:\n        zh: 甲\n        type: enum Colour\n",
                        "vocabulary.unknown-enum", 7, 15, "extend.hearing.fields.x_ray.type", ("Colour", "Stage"), ("no enum named 'Colour'", "Stage")),
    "bad enum value": ("kind: mad\nenums:\n  Answer:\n    values:\n      yes: {zh: 是}\n      'no': {zh: 否}\n",
                       "vocabulary.type", 5, 7, "enums.Answer.values.yes", ("引号", "'yes'"), ("quote the value yes", "'yes'")),
    "bad enum entry": ("kind: mad\nenums:\n  Answer:\n    values:\n      'yes': {zh: 是, label: x}\n",
                       "vocabulary.unknown-key", 5, 22, "enums.Answer.values.yes.label", ("未知的键", "aliases"), ("unknown key 'label'", "aliases")),
    "anchor and alias": ("kind: mad\nextend:\n  hearing: &same {}\n  dossier: *same\n", "vocabulary.alias", 3, 12, "",
                         ("锚点和别名",), ("anchors and aliases",)),
    "YAML syntax error": ("kind: mad\nextend: hearing: {}\n", "vocabulary.syntax", 2, 16, "",
                          ("YAML 语法错误", "mapping values"), ("YAML syntax error", "mapping values are not allowed")),
    "duplicate key": ("kind: mad\nextend:\n  hearing:\n    fields:\n      x_ray:\n        zh: 甲\n        type: bool\n        zh: 乙\n",
                      "vocabulary.duplicate-key", 8, 9, "extend.hearing.fields.x_ray.zh", ("重复",), ("duplicate key 'zh'",)),
    "duplicate record type": ("kind: mad\nrecords:\n  sounding:\n    names: [意见征询]\n  sounding:\n    names: [意见征询]\n",
                              "vocabulary.duplicate-key", 5, 3, "records.sounding", ("“sounding”重复",), ("duplicate key 'sounding'",)),
    "empty field": ("kind: mad\nextend:\n  hearing:\n    fields:\n      x_ray:\n", "vocabulary.type", 5, 13,
                    "extend.hearing.fields.x_ray", ("应为键值映射", "空"), ("expected a mapping, got nothing",)),
    # names the model itself uses: pydantic's (json, copy, model_*) and behaviour.py's (performed, main_date …)
    "field name a method": ("kind: mad\nextend:\n  hearing:\n    fields:\n      json:\n        zh: 甲\n        type: text\n",
                            "vocabulary.name", 5, 7, "extend.hearing.fields.json", ("json", "自有"), ("'json'", "the model itself uses")),
    "field name pydantic's": ("kind: mad\nrecords:\n  sounding:\n    names: [意见征询]\n    fields:\n      model_config: {zh: 甲, type: text}\n",
                              "vocabulary.name", 6, 7, "records.sounding.fields.model_config", ("model_config",), ("'model_config'",)),
    "min on text": ("kind: mad\nextend:\n  hearing:\n    fields:\n      x_ray: {zh: 甲, type: text, min: 3}\n",
                    "vocabulary.value", 5, 34, "extend.hearing.fields.x_ray.min", ("integer", "text"), ("integer fields only", "text")),
    "pattern on bool": ("kind: mad\nextend:\n  hearing:\n    fields:\n      x_ray: {zh: 甲, type: bool, pattern: a}\n",
                        "vocabulary.value", 5, 34, "extend.hearing.fields.x_ray.pattern", ("text、code",), ("text or code fields only",)),
    "records in a record": ("kind: mad\nrecords:\n  sounding:\n    names: [意见征询]\n    fields:\n      more: {zh: 甲, type: records}\n",
                            "vocabulary.value", 6, 27, "records.sounding.fields.more.type", ("dossier",), ("top level (dossier) only",)),
    "split in a record": ("kind: mad\nextend:\n  hearing:\n    fields:\n      x_ray: {zh: 甲, type: list of text, split: true}\n",
                          "vocabulary.value", 5, 42, "extend.hearing.fields.x_ray.split", ("dossier",), ("top-level (dossier) fields only",)),
    "default not a part": ("kind: mad\nextend:\n  hearing:\n    fields:\n      x_ray: {zh: 甲, type: text, default: empty}\n",
                           "vocabulary.value", 5, 34, "extend.hearing.fields.x_ray.default", ("组成部分",), ("a part",)),
    "list_into not a list": ("kind: mad\nextend:\n  dossier:\n    fields:\n      x_ray: {zh: 甲, type: text, list_into: title}\n",
                             "vocabulary.value", 5, 45, "extend.dossier.fields.x_ray.list_into", ("list of text", "decision_bodies"), ("list of text", "decision_bodies")),
    "requires a missing field": ("kind: mad\nextend:\n  dossier:\n    fields:\n      x_ray:\n        zh: 甲\n        type: enum Exclusion\n"
                                 "        requires: [{when: other_law, field: nothere, error: other_law_needs_basis}]\n",
                                 "vocabulary.unknown-field", 8, 45, "extend.dossier.fields.x_ray.requires.0.field", ("nothere",), ("'nothere' is not a field",)),
    "requires a value not the enum's": ("kind: mad\nextend:\n  dossier:\n    fields:\n      x_ray:\n        zh: 甲\n        type: enum Exclusion\n"
                                        "        requires: [{when: other, field: title, error: other_law_needs_basis}]\n",
                                        "vocabulary.value", 8, 27, "extend.dossier.fields.x_ray.requires.0.when", ("other_law",), ("other_law",)),
    "model named like an enum": ("kind: mad\nrecords:\n  sounding:\n    model: Stage\n    names: [意见征询]\n",
                                 "vocabulary.conflict", 4, 12, "records.sounding.model", ("Stage", "decision.yaml"), ("'Stage'", "decision.yaml")),
    "key taken by another field": ("kind: mad\nextend:\n  hearing:\n    fields:\n      x_ray:\n        zh: 听证日期\n        type: date\n",
                                   "vocabulary.conflict", 5, 7, "extend.hearing.fields.x_ray", ("听证日期", "date"), ("听证日期", "a key names one field")),
    "record name taken": ("kind: mad\nrecords:\n  sounding:\n    names: [听证会]\n    fields: {}\n",
                          "vocabulary.conflict", 4, 13, "records.sounding.names.0", ("听证会", "hearing"), ("听证会", "hearing")),
    "unknown target": ("kind: mad\nextend:\n  hearings:\n    fields: {}\n", "vocabulary.unknown-target", 3, 3, "extend.hearings",
                       ("hearings", "hearing"), ("no record type or part named 'hearings'", "hearing")),
    "unknown derivation": ("kind: mad\nrecords:\n  sounding:\n    names: [意见征询]\n    derive: [second_quarter]\n    fields: {}\n",
                           "vocabulary.unknown-derivation", 5, 14, "records.sounding.derive.0", ("second_quarter", "first_quarter"), ("unknown derivation", "first_quarter")),
    "main date not a date": ("kind: mad\nrecords:\n  sounding:\n    names: [意见征询]\n    main_date: topic\n    fields:\n      topic: {zh: 议题, type: text}\n",
                             "vocabulary.unknown-field", 5, 16, "records.sounding.main_date", ("topic", "日期"), ("'topic' is not a date field",)),
    "wrong kind": ("kind: decisions\n", "vocabulary.value", 1, 7, "kind", ("kind", "mad"), ("kind must be one of", "mad")),
}


def test_a_vocabulary_nested_too_deep_or_not_a_regular_file_is_refused_not_read(declared, tmp_path, monkeypatch):
    """A ruleset folder's vocabulary.yaml is untrusted data like a dossier: the strict loader's limits hold."""
    with pytest.raises(vocabulary.VocabularyError) as e:
        declared("kind: mad\nextend: " + "[" * 50 + "]" * 50 + "\n")
    assert e.value.code == "vocabulary.too-deep" and "嵌套层级过深" in e.value.text("zh") and "nesting too deep" in e.value.text("en")
    fifo = tmp_path / "pipe" / "vocabulary.yaml"
    fifo.parent.mkdir()
    os.mkfifo(fifo)  # opening it would wait for a writer forever
    monkeypatch.setattr(vocabulary, "_extra_folders", [fifo.parent.resolve()])
    vocabulary.files.cache_clear()
    vocabulary._read.cache_clear()
    with pytest.raises(vocabulary.VocabularyError) as e:
        vocabulary.declaration()
    assert e.value.code == "vocabulary.unreadable" and "命名管道" in e.value.text("zh") and "named pipe" in e.value.text("en")


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_vocabulary_is_located_and_explained(declared, name):
    text, code, line, column, where, zh, en = BROKEN[name]
    with pytest.raises(vocabulary.VocabularyError) as e:
        declared(text)
    err = e.value
    assert (err.code, err.line, err.column, err.where) == (code, line, column, where), err.text("en")
    p = err.problems[0]  # a LoadError like a dossier's (tests/test_load.py): the same Problem
    assert (p.code, p.line, p.column, p.file) == (code, line, column, err.file)
    zh_text, en_text = err.text("zh"), err.text("en")
    assert zh_text.startswith(f"{err.file}:{line}:{column}") and en_text.startswith(f"{err.file}:{line}:{column}")
    assert zh_text.endswith(f"[{code}]") and en_text.endswith(f"[{code}]")
    assert CJK.search(err.zh) and err.en != err.zh
    for w in zh:
        assert w in zh_text, (w, zh_text)
    for w in en:
        assert w in en_text, (w, en_text)


@pytest.mark.parametrize("name", ["unknown key", "YAML syntax error", "duplicate key", "bad enum value", "wrong type name",
                                  "field name a method", "model named like an enum", "records in a record"])
def test_broken_vocabulary_stops_the_cli_with_exit_2(tmp_path, name):
    """One line, in the language asked for, where and what; exit 2, no traceback, nothing checked."""
    text, code, line, column, *_ = BROKEN[name]
    folder = tmp_path / "broken"
    shutil.copytree(EXAMPLE / "county-rules", folder)
    path = folder / "vocabulary.yaml"
    path.write_text(text, encoding="utf-8")
    for lang, sep in (("zh", "："), ("en", ": ")):
        r = juece("check", "--ruleset", str(folder), "--lang", lang, str(EXAMPLE / "dossier.yaml"))
        _no_traceback(r)
        assert r.returncode == 2 and r.stdout == "", r.stdout + r.stderr
        msg = r.stderr.strip()
        assert "\n" not in msg and msg.startswith(f"{path}:{line}:{column}{sep}") and msg.endswith(f"[{code}]"), msg
        assert bool(CJK.search(msg.replace(text, ""))) == (lang == "zh") or name == "duplicate key", msg


@pytest.mark.parametrize("argv", [["check", "{f}", "{d}"], ["opinion", "-f", "md", "{f}", "{d}"], ["audit", "-o", "{o}", "-q", "{f}", "{d}"],
                                  ["schema", "{f}"], ["docs", "dossier-format", "{f}"], ["rulesets", "lint", "{F}"]],
                         ids=["check", "opinion", "audit", "schema", "docs", "lint"])
def test_every_command_reports_a_broken_folder_vocabulary(tmp_path, argv):
    """Not only check: every command that reads a folder's vocabulary says where it is broken, exit 2
    (opinion's module builds the models as it is imported, before the command runs)."""
    folder = tmp_path / "broken"
    shutil.copytree(EXAMPLE / "county-rules", folder)
    (folder / "vocabulary.yaml").write_text(BROKEN["min on text"][0], encoding="utf-8")
    sub = {"{f}": ["--ruleset", str(folder)], "{F}": [str(folder)], "{d}": [str(EXAMPLE / "dossier.yaml")], "{o}": [str(tmp_path / "out")]}
    for lang in ("zh", "en"):
        r = juece(*[x for a in argv for x in sub.get(a, [a])], "--lang", lang) if argv[0] in ("check", "opinion", "audit") else \
            juece(*[x for a in argv for x in sub.get(a, [a])])
        _no_traceback(r)
        assert r.returncode == 2, r.stderr
        assert f"{folder / 'vocabulary.yaml'}:5:34" in r.stderr and "[vocabulary.value]" in r.stderr, r.stderr
        if argv[0] not in ("check", "opinion", "audit"):
            break


def test_a_folder_given_after_the_models_are_built_is_refused(tmp_path):
    """In a process that has built the models (a server, this test run), a new vocabulary cannot join."""
    from typer.testing import CliRunner
    from engine.cli import app
    import engine.models.dossier  # noqa: F401 - built
    folder = tmp_path / "late"
    shutil.copytree(EXAMPLE / "county-rules", folder)
    r = CliRunner().invoke(app, ["check", "--ruleset", str(folder), str(EXAMPLE / "dossier.yaml")])
    assert r.exit_code == 2 and "vocabulary.too-late" in r.output and "Traceback" not in r.output
    os.environ.pop(vocabulary.ENV, None)


# --------------------------------------------------------------------- the models are data


def _model_classes() -> dict[str, type]:
    import engine.models.dossier as d
    import engine.models.enforcement as e
    out = {}
    for mod in (d, e):
        for name, obj in vars(mod).items():
            if isinstance(obj, type) and issubclass(obj, (ZhModel, ZhEnum)) and obj.__module__ == mod.__name__:
                out[name] = obj
        for cls in list(d.PROCEDURES.values()):
            out[cls.__name__] = cls
    return out


def test_no_python_declared_model_or_field_remains():
    """“Prove it”: every model and enum engine.models.dossier / enforcement expose is built from the
    declaration, with exactly its fields and keys; neither module defines a class or a field itself."""
    for mod in ("dossier", "enforcement"):
        tree = ast.parse((ROOT / "engine" / "models" / f"{mod}.py").read_text(encoding="utf-8"))
        assert not [n.name for n in ast.walk(tree) if isinstance(n, ast.ClassDef)], f"models/{mod}.py declares a class"
        calls = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
        assert not calls & {"field", "Field", "create_model"}, f"models/{mod}.py declares a field"
    decl = vocabulary.declaration()
    classes = _model_classes()
    assert len(classes) >= 60
    for name, cls in classes.items():
        if issubclass(cls, ZhEnum):
            assert name in decl.enums, f"enum {name} is not declared in rulesets/vocabulary"
            values = decl.enums[name]["decl"]["values"]
            assert [m.value for m in cls] == list(values)
            for m in cls:
                v = values[m.value] or {}
                assert m.zh == str(v.get("zh") or m.value) and list(m.synonyms) == [str(a) for a in v.get("aliases") or ()]
            continue
        assert name in decl.models, f"model {name} is not declared in rulesets/vocabulary"
        info = decl.models[name]
        fields = dict(info["fields"])
        if info["role"] == "record":
            fields = {**decl.models[decl.records["*"]]["fields"], **fields}
        own = [f for f in cls.model_fields if not (info["role"] == "record" and f == "type")]
        assert sorted(own) == sorted(fields), f"{name}: fields not declared: {set(own) ^ set(fields)}"
        for fname in own:
            f = fields[fname]
            zh = (cls.model_fields[fname].json_schema_extra or {}).get("zh")  # type: ignore[union-attr]
            assert zh == "|".join([f["zh"], *[str(a) for a in f.get("aliases") or ()]]), f"{name}.{fname}"


def test_every_declared_record_type_is_registered():
    from engine.models.dossier import PROCEDURE_ZH, PROCEDURES
    decl = vocabulary.declaration()
    assert set(PROCEDURES) == {t for t in decl.records if t != "*"}
    for t, cls in PROCEDURES.items():
        assert typing.get_args(cls.model_fields["type"].annotation) == (t,)
        assert set(PROCEDURE_ZH[t]) <= set(decl.models[decl.records[t]]["decl"]["names"])


SAMPLE = {"bool": ("是", True), "text": ("某某", "某某"), "code": ("123", "123"), "integer": (3, 3)}


def _aliased() -> list[tuple[str, str, str, str]]:
    decl = vocabulary.declaration()
    out = []
    for rtype, model in decl.records.items():
        if rtype == "*" or decl.record_kind[rtype] != "mad":
            continue
        for fname, f in decl.models[model]["fields"].items():
            if f["type"] in SAMPLE or f["type"] == "date":
                for a in f.get("aliases") or ():
                    out.append((rtype, fname, f["zh"], str(a)))
    return out


@pytest.mark.parametrize("rtype,fname,zh,alias", _aliased())
def test_a_field_written_with_an_alias_loads_like_its_main_key(rtype, fname, zh, alias):
    from engine.load import load_dossier
    decl = vocabulary.declaration()
    ftype = decl.models[decl.records[rtype]]["fields"][fname]["type"]
    value = SAMPLE.get(ftype, ("2023-05-01", None))[0]
    head = "编号: A-1\n标题: 别名\n决策机关: 某县人民政府\n行政区划: \"640425\"\n程序:\n"

    def load(key: str):
        rec = yaml.safe_dump([{"类型": rtype, key: value}], allow_unicode=True)
        return load_dossier(Path(f"{key}.yaml"), data=(head + "".join("  " + x + "\n" for x in rec.splitlines())).encode()).dossier
    main, other = load(zh), load(alias)
    assert main == other
    assert getattr(main.procedures[0], fname) is not None


def test_models_import_no_private_names_and_no_cycle():
    """engine/models: no module imports another's private names; enforcement does not import dossier
    (dossier imports enforcement to join its records), and behaviour imports neither."""
    imports: dict[str, set[str]] = {}
    for path in sorted((ROOT / "engine" / "models").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        mods = set()
        for n in ast.walk(tree):
            if isinstance(n, ast.ImportFrom) and n.level == 1:
                mods.add(n.module or "")
                mods.update(a.name for a in n.names if not n.module)
                private = [a.name for a in n.names if a.name.startswith("_")]
                assert not private, f"models/{path.name} imports private names {private} from .{n.module}"
        imports[path.stem] = mods
    assert "dossier" not in imports["enforcement"]
    assert not imports["behaviour"] & {"dossier", "enforcement"}
