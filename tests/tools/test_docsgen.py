"""docs/dossier-format.md and the editor JSON Schema are generated from the models and must not drift."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from engine.tools.docsgen import EXAMPLE_EN, EXAMPLE_ZH, REGENERATE, dossier_format_markdown, json_schema
from engine.load import load_dossier
from engine.models.dossier import PROCEDURE_ZH, PROCEDURES, Dossier

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "dossier-format.md"


# ------------------------------------------------------------------------------- markdown

def test_dossier_format_doc_is_up_to_date():
    assert DOC.exists(), f"docs/dossier-format.md is missing: run `{REGENERATE}`"
    # a trailing newline more or less (print vs. write) does not count as drift
    assert DOC.read_text(encoding="utf-8").rstrip("\n") == dossier_format_markdown().rstrip("\n"), \
        f"docs/dossier-format.md is out of date: run `{REGENERATE}`"


def test_generation_is_deterministic():
    assert dossier_format_markdown() == dossier_format_markdown()


def test_doc_lists_every_field_and_procedure_type():
    md = dossier_format_markdown()
    for name, cls in PROCEDURES.items():
        assert f"`{name}`" in md
        for zh in PROCEDURE_ZH[name]:
            assert f"`{zh}`" in md
        for field, info in cls.model_fields.items():
            assert f"| `{field}` |" in md, f"{name}.{field} is not documented"
            zh = str((info.json_schema_extra or {}).get("zh", ""))  # type: ignore[union-attr]
            for key in zh.split("|"):
                assert f"`{key}`" in md
    for field in Dossier.model_fields:
        assert f"| `{field}` |" in md


def test_doc_anchors_resolve():
    md = dossier_format_markdown()
    anchors = set(re.findall(r'<a id="([^"]+)"></a>', md))
    for target in re.findall(r"\]\(#([^)]+)\)", md):
        assert target in anchors, f"broken link #{target}"


@pytest.mark.parametrize("example,name", [(EXAMPLE_ZH, "zh.yaml"), (EXAMPLE_EN, "en.yaml")])
def test_examples_in_the_doc_are_the_ones_checked(example, name):
    assert example.rstrip("\n") in dossier_format_markdown()


def test_worked_examples_load_to_the_same_dossier():
    zh = load_dossier(Path("zh.yaml"), data=EXAMPLE_ZH.encode("utf-8")).dossier
    en = load_dossier(Path("en.yaml"), data=EXAMPLE_EN.encode("utf-8")).dossier
    assert zh == en
    assert {p.type for p in zh.procedures} >= {"legality_review", "collective_discussion", "public_participation"}


# ----------------------------------------------------------------------- minimal validator

from schemacheck import as_editor_sees, valid, validate  # noqa: E402 - tests/ is on sys.path (rootdir conftest)


# -------------------------------------------------------------------------- JSON Schema

@pytest.fixture(scope="module")
def schema() -> dict:
    return json_schema()


def test_schema_structure(schema):
    assert schema["$schema"].endswith("2020-12/schema")
    assert schema["type"] == "object" and schema["additionalProperties"] is False
    for key in ("id", "编号", "案卷编号", "title", "标题", "程序", "procedures", "情形", "triggers"):
        assert key in schema["properties"], key
    defs = schema["$defs"]
    assert defs["Triggers"]["additionalProperties"] is False
    assert "情况紧急" in defs["Triggers"]["properties"] and "urgent" in defs["Triggers"]["properties"]
    assert "合法性审查" in defs["LegalityReview"]["properties"]["type"]["enum"]
    assert "合法" in defs["Conclusion"]["enum"] and "lawful" in defs["Conclusion"]["enum"]
    assert "required" not in schema  # replaced by allOf/anyOf so Chinese keys satisfy it


def test_schema_every_chinese_key_is_a_property(schema):
    from engine.models.enforcement import ENFORCEMENT_PROCEDURES, EnforcementDossier
    enforcement = json_schema(EnforcementDossier)["$defs"]  # 重大执法决定: `juece schema --kind 重大执法决定`
    for name, cls in PROCEDURES.items():
        defs = enforcement if name in ENFORCEMENT_PROCEDURES else schema["$defs"]
        props = defs[cls.__name__]["properties"]
        for field, info in cls.model_fields.items():
            assert field in props
            for key in str((info.json_schema_extra or {}).get("zh", "")).split("|"):  # type: ignore[union-attr]
                assert key in props, f"{cls.__name__}: {key}"
                assert {k: v for k, v in props[key].items()} == props[field]


def test_schema_accepts_chinese_example(schema):
    validate(as_editor_sees(EXAMPLE_ZH), schema)


def test_schema_accepts_english_example(schema):
    validate(as_editor_sees(EXAMPLE_EN), schema)


def test_schema_accepts_chinese_values(schema):
    doc = {"编号": "X", "标题": "t", "阶段": "已决定", "事项类别": "重大公共政策和措施",
           "决策日期": "2023年5月1日", "情形": {"情况紧急": "否", "专业性技术性较强": "是"},
           "程序": [{"类型": "集体讨论", "会议类型": "政府常务会议", "会议材料": "决策草案、合法性审查意见"}]}
    validate(doc, schema)


@pytest.mark.parametrize("doc,why", [
    ({"编号": "X"}, "no title"),
    ({"编号": "X", "标题": "t", "标提": "typo"}, "unknown key"),
    ({"编号": "X", "标题": "t", "id": "Y"}, "Chinese and English key for the same field"),
    ({"编号": "X", "标题": "t", "事项类别": "第六类"}, "bad enum value"),
    ({"编号": "X", "标题": "t", "情形": {"情况紧急": "也许"}}, "bad yes/no"),
    ({"编号": "X", "标题": "t", "决策日期": "明天"}, "bad date"),
    ({"编号": "X", "标题": "t", "程序": [{"类型": "会餐"}]}, "unknown procedure type"),
    ({"编号": "X", "标题": "t", "程序": [{"类型": "合法性审查", "会议类型": "常务会议"}]}, "key of another procedure"),
    ({"编号": "X", "标题": "t", "程序": [{"类型": "专家论证", "专家": "张三"}]}, "experts as a string"),
])
def test_schema_rejects(schema, doc, why):
    assert not valid(doc, schema), why


def test_schema_is_json_serialisable(schema):
    import json
    assert json.loads(json.dumps(schema, ensure_ascii=False)) == schema


# ------------------------------------------------- generated from the vocabulary declaration

def test_every_declared_field_is_in_the_doc_and_the_schema(schema):
    """The doc and the schema are generated from rulesets/vocabulary/*.yaml and every ruleset
    folder's vocabulary.yaml: each declared field is there with its English and Chinese keys (a
    field only 赣州 and 宁远 rules read too). tests/models/test_vocabulary.py does the same for a
    folder outside rulesets/ (`juece schema --ruleset` / `juece docs dossier-format --ruleset`)."""
    import json
    from engine.models import vocabulary
    md = dossier_format_markdown()
    text = json.dumps(json_schema(), ensure_ascii=False)
    from engine.models.enforcement import EnforcementDossier
    text += json.dumps(json_schema(EnforcementDossier), ensure_ascii=False)
    decl = vocabulary.declaration()
    assert any("rulesets/local/" in p for p, _w in decl.origin.values())  # a folder's own field is among them
    for (model, name), (path, _w) in decl.origin.items():
        f = decl.models[model]["fields"][name]
        assert f"| `{name}` |" in md, f"{model}.{name} ({path}) is not in docs/dossier-format.md"
        for key in (name, f["zh"], *[str(a) for a in f.get("aliases") or ()]):
            assert f'"{key}"' in text, f"{model}.{name}: key {key} ({path}) is not in the JSON Schema"


def test_the_adding_a_fact_section_shows_the_example_that_is_tested():
    """§14's worked example is the folder tests/models/test_vocabulary.py runs, shown verbatim."""
    from engine.tools.docs_vocabulary import EXAMPLE, dossier_excerpt
    md = dossier_format_markdown()
    assert '<a id="adding-a-fact"></a>' in md and "## 14. 添加事实 Adding a fact" in md
    for name in ("county-rules/vocabulary.yaml", "county-rules/rules.yaml"):
        assert (EXAMPLE / name).read_text(encoding="utf-8").rstrip("\n") in md, name
    excerpt = dossier_excerpt()
    assert "纪要经与会人员签字: 是" in excerpt and "类型: 廉洁性评估" in excerpt and excerpt in md
    assert "juece check --ruleset docs/examples/adding-a-fact/county-rules docs/examples/adding-a-fact/dossier.yaml" in md
