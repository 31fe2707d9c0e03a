"""docs/dossier-format.md and the editor JSON Schema are generated from the models and must not drift."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from engine.tools.docsgen import EXAMPLE_EN, EXAMPLE_ZH, REGENERATE, dossier_format_markdown, json_schema
from engine.load import load_dossier
from engine.models.dossier import PROCEDURE_ZH, PROCEDURES, Dossier

ROOT = Path(__file__).resolve().parent.parent
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

class _Invalid(Exception):
    pass


def _validate(inst: Any, schema: Any, root: dict, path: str = "$") -> None:
    """A small JSON Schema (2020-12 subset) validator: the keywords json_schema() emits."""
    if schema is True or schema == {}:
        return
    if schema is False:
        raise _Invalid(f"{path}: not allowed")
    if "$ref" in schema:
        ref = schema["$ref"]
        assert ref.startswith("#/"), ref
        target: Any = root
        for part in ref[2:].split("/"):
            target = target[part]
        _validate(inst, target, root, path)
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        ok = {
            "object": isinstance(inst, dict), "array": isinstance(inst, list), "string": isinstance(inst, str),
            "boolean": isinstance(inst, bool), "null": inst is None,
            "integer": isinstance(inst, int) and not isinstance(inst, bool),
            "number": isinstance(inst, (int, float)) and not isinstance(inst, bool),
        }
        if not any(ok[t] for t in types):
            raise _Invalid(f"{path}: {inst!r} is not {types}")
    if "enum" in schema and not any(inst == e and type(inst) is type(e) for e in schema["enum"]):
        raise _Invalid(f"{path}: {inst!r} not in enum")
    if "const" in schema and inst != schema["const"]:
        raise _Invalid(f"{path}: {inst!r} != {schema['const']!r}")
    if "pattern" in schema and isinstance(inst, str) and not re.search(schema["pattern"], inst):
        raise _Invalid(f"{path}: {inst!r} does not match {schema['pattern']}")
    if "minimum" in schema and isinstance(inst, (int, float)) and inst < schema["minimum"]:
        raise _Invalid(f"{path}: {inst} < {schema['minimum']}")
    if isinstance(inst, dict):
        props = schema.get("properties", {})
        for k, v in inst.items():
            if k in props:
                _validate(v, props[k], root, f"{path}.{k}")
            elif "additionalProperties" in schema:
                _validate(v, schema["additionalProperties"], root, f"{path}.{k}")
        for k in schema.get("required", []):
            if k not in inst:
                raise _Invalid(f"{path}: {k} is required")
        for k, sub in schema.get("dependentSchemas", {}).items():
            if k in inst:
                _validate(inst, sub, root, path)
    if isinstance(inst, list) and "items" in schema:
        for i, v in enumerate(inst):
            _validate(v, schema["items"], root, f"{path}[{i}]")
    for sub in schema.get("allOf", []):
        _validate(inst, sub, root, path)
    if "anyOf" in schema:
        errors = []
        for sub in schema["anyOf"]:
            try:
                _validate(inst, sub, root, path)
                break
            except _Invalid as e:
                errors.append(str(e))
        else:
            raise _Invalid(f"{path}: no anyOf branch matches ({'; '.join(errors)[:300]})")
    if "oneOf" in schema:
        n = 0
        for sub in schema["oneOf"]:
            try:
                _validate(inst, sub, root, path)
                n += 1
            except _Invalid:
                pass
        if n != 1:
            raise _Invalid(f"{path}: {n} oneOf branches match")
    if "if" in schema:
        try:
            _validate(inst, schema["if"], root, path)
            chosen = "then"
        except _Invalid:
            chosen = "else"
        if chosen in schema:
            _validate(inst, schema[chosen], root, path)
    if "not" in schema:
        try:
            _validate(inst, schema["not"], root, path)
        except _Invalid:
            pass
        else:
            raise _Invalid(f"{path}: matches a 'not' schema")


def validate(inst: Any, schema: dict) -> None:
    _validate(inst, schema, schema)
    try:
        import jsonschema  # not a dependency; used when present
    except ImportError:
        return
    jsonschema.Draft202012Validator(schema).validate(inst)


def valid(inst: Any, schema: dict) -> bool:
    try:
        validate(inst, schema)
    except Exception:  # noqa: BLE001 - _Invalid or jsonschema.ValidationError
        return False
    return True


def as_editor_sees(text: str) -> Any:
    """YAML as an editor's schema checker sees it: timestamps stay strings."""
    def fix(v: Any) -> Any:
        if isinstance(v, dict):
            return {k: fix(x) for k, x in v.items()}
        if isinstance(v, list):
            return [fix(x) for x in v]
        if isinstance(v, dt.date):
            return v.isoformat()
        return v
    return fix(yaml.safe_load(text))


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
