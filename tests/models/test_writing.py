"""Writing a dossier by hand (issue 19 §3): an error never offers a value it then refuses; natural
phrasings are read through the alias table (engine/models/aliases.yaml) and shown as written;
an unknown key gets a "did you mean"; the JSON Schema picks a record's format by its 类型; a
decision date that cannot be right is said so."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from engine.cli import app
from engine.core.errors import LoadError
from engine.load import load_dossier
from engine.models import dossier as m

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "cases/examples/peng-yang-heating-price.yaml"
runner = CliRunner(env={"COLUMNS": "400"})
ENUMS = [v for v in vars(m).values() if isinstance(v, type) and issubclass(v, m.ZhEnum) and v is not m.ZhEnum]


def problems(text: str) -> list:
    with pytest.raises(LoadError) as e:
        load_dossier("x.yaml", data=text.encode("utf-8"))
    return e.value.problems


def offered(message: str) -> list[str]:
    """The Chinese values an enum error offers: 常务会议（standing）、… → [常务会议, …]."""
    return re.findall(r"([^、：（）\s]+)（[a-z_]+）", message)


@pytest.mark.parametrize("field,record", [("会议类型", "集体讨论决定"), ("方式", "公众参与"), ("途径", "决策公布")])
def test_an_error_never_offers_a_value_it_then_refuses(field, record):
    bad = problems(f"编号: A\n标题: x\n程序:\n  - 类型: {record}\n    {field}: 拍脑袋\n")[0]
    values = offered(bad.zh)
    assert values, bad.zh
    for v in values:  # every word offered is accepted in that field
        load_dossier("x.yaml", data=f"编号: A\n标题: x\n程序:\n  - 类型: {record}\n    {field}: {'[' + v + ']' if field == '途径' else v}\n".encode())


def test_enum_error_names_only_that_fields_values():
    msg = problems("编号: A\n标题: x\n程序:\n  - 类型: 集体讨论决定\n    会议类型: 其他方式\n")[0].zh
    assert "其他会议（other）" in msg and "其他方式" not in msg.split("应为：")[1]


@pytest.mark.parametrize("written,means", [
    ("县政府常务会议", "standing"), ("县人民政府第9次常务会议", "standing"), ("市人民政府第三次全体会议", "plenary"),
    ("县长办公会议", "executive_office"), ("专题协调会", "special_topic")])
def test_natural_meeting_names(written, means):
    assert m.MeetingType.parse(written) == m.MeetingType(means)


@pytest.mark.parametrize("written,means", [
    ("富平县人民政府门户网站", "website"), ("“彭阳发布”微信公众号", "new_media"), ("固原日报", "newspaper"),
    ("县人民政府公报", "gazette"), ("政府网站", "website")])
def test_natural_channel_names(written, means):
    assert m.Channel.parse(written) == m.Channel(means)


def test_alias_table_is_data_and_every_entry_names_a_real_value():
    # each enum's `phrasings` in rulesets/vocabulary/*.yaml (was engine/models/aliases.yaml)
    table = {}
    for f in sorted((ROOT / "rulesets/vocabulary").glob("*.yaml")):
        for name, e in (yaml.safe_load(f.read_text(encoding="utf-8")).get("enums") or {}).items():
            if e.get("phrasings"):
                table[name] = e["phrasings"]
    assert table
    by_name = {c.__name__: c for c in ENUMS}
    for cls_name, entries in table.items():
        cls = by_name[cls_name]
        for e in entries:
            cls(e["means"])  # a value of that enum
            assert e["contains"], e


def test_the_written_text_is_kept_in_the_evidence(tmp_path):
    p = tmp_path / "x.yaml"
    p.write_text(EXAMPLE.read_text(encoding="utf-8").replace("会议类型: 常务会议", "会议类型: 县人民政府第9次常务会议"), encoding="utf-8")
    r = json.loads(runner.invoke(app, ["check", str(p), "--format", "json", "--explain"]).stdout)[0]
    assert r["compliant"], r["findings"]  # the Regulation's standing meeting, however it is written
    office = tmp_path / "o.yaml"
    office.write_text(EXAMPLE.read_text(encoding="utf-8").replace("会议类型: 常务会议", "会议类型: 县长办公会议"), encoding="utf-8")
    bad = json.loads(runner.invoke(app, ["check", str(office), "--format", "json"]).stdout)[0]
    f = next(f for f in bad["findings"] if f["rule"] == "mad.coll.meeting-type")
    assert "县长办公会议" in f["evidence"][0]["value"] and "written: 县长办公会议" in f["evidence"][0]["value_en"]


def test_unknown_key_gets_a_did_you_mean():
    p = problems("编号: A\n标题: x\n决策曰期: 2023-01-01\n程序:\n  - 类型: 公众参与\n    公布起草说明: 是\n")
    msgs = {x.field_zh: x.zh for x in p}
    assert "“决策日期”" in msgs["决策曰期"]
    assert any("“公布说明”" in v for k, v in msgs.items() if "公布起草说明" in k)
    far = problems("编号: A\n标题: x\n完全无关的键: 1\n")[0]
    assert "是不是" not in far.zh


def test_schema_picks_a_record_format_by_its_type():
    from engine.tools.docsgen import json_schema
    s = json_schema()
    items = s["properties"]["程序"]["items"]
    assert "oneOf" not in items
    thens = [b["then"]["$ref"] for b in items["allOf"] if "then" in b]
    records = {x["$ref"] for x in m.Dossier.model_json_schema()["properties"]["procedures"]["items"]["oneOf"]}
    assert "#/$defs/CollectiveDiscussion" in thens and set(thens) == records
    from schemacheck import Invalid, validate_node
    rec = {"类型": "集体讨论决定", "会议类形": "常务会议"}
    with pytest.raises(Invalid) as e:
        validate_node([rec], {"type": "array", "items": items}, s)
    assert "会议类形" in str(e.value)
    validate_node([{"类型": "集体讨论决定", "会议类型": "常务会议"}], {"type": "array", "items": items}, s)


@pytest.mark.parametrize("name,code", [("year-9999.yaml", "load.date-in-future"), ("decided-after-publication.yaml", "load.date-implausible")])
def test_implausible_decision_date_is_a_warning_naming_both_dates(name, code):
    path = ROOT / "tests/hostile/dossiers" / name
    r = runner.invoke(app, ["check", str(path), "--format", "json"])
    w = next(w for w in json.loads(r.stdout)[0]["warnings"] if w["code"] == code)
    dates = re.findall(r"\d{4}-\d{2}-\d{2}", w["message"])
    assert len(dates) == 2 and dates[0] != dates[1]
    assert str(path) in r.stderr and code in r.stderr


def test_every_field_has_a_chinese_meaning_first_in_the_docs():
    from engine.tools.docsgen import _meaning_zh
    missing = [f"{v.__name__}.{n}" for v in vars(m).values()
               if isinstance(v, type) and issubclass(v, m.ZhModel) and v.__module__ == m.__name__ for n in v.model_fields
               if not _meaning_zh(v, n)]
    assert not missing, f"add a `meaning` to these fields in rulesets/vocabulary/*.yaml: {missing}"
    doc = (ROOT / "docs/dossier-format.md").read_text(encoding="utf-8")
    assert "**会议类型** — 会议类型：常务会议、全体会议等（第三十条第一款）<br>" in doc
