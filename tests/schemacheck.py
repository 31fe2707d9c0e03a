"""A small JSON Schema validator for the editor schema `juece schema` writes (what VS Code / WPS
editors check while a dossier is typed), and the YAML an editor sees (dates stay strings)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml


class Invalid(Exception):
    pass


def validate_node(inst: Any, schema: Any, root: dict, path: str = "$") -> None:
    """A small JSON Schema (2020-12 subset) validator: the keywords json_schema() emits."""
    if schema is True or schema == {}:
        return
    if schema is False:
        raise Invalid(f"{path}: not allowed")
    if "$ref" in schema:
        ref = schema["$ref"]
        assert ref.startswith("#/"), ref
        target: Any = root
        for part in ref[2:].split("/"):
            target = target[part]
        validate_node(inst, target, root, path)
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        ok = {
            "object": isinstance(inst, dict), "array": isinstance(inst, list), "string": isinstance(inst, str),
            "boolean": isinstance(inst, bool), "null": inst is None,
            "integer": isinstance(inst, int) and not isinstance(inst, bool),
            "number": isinstance(inst, (int, float)) and not isinstance(inst, bool),
        }
        if not any(ok[t] for t in types):
            raise Invalid(f"{path}: {inst!r} is not {types}")
    if "enum" in schema and not any(inst == e and type(inst) is type(e) for e in schema["enum"]):
        raise Invalid(f"{path}: {inst!r} not in enum")
    if "const" in schema and inst != schema["const"]:
        raise Invalid(f"{path}: {inst!r} != {schema['const']!r}")
    if "pattern" in schema and isinstance(inst, str) and not re.search(schema["pattern"], inst):
        raise Invalid(f"{path}: {inst!r} does not match {schema['pattern']}")
    if "minimum" in schema and isinstance(inst, (int, float)) and inst < schema["minimum"]:
        raise Invalid(f"{path}: {inst} < {schema['minimum']}")
    if isinstance(inst, dict):
        props = schema.get("properties", {})
        for k, v in inst.items():
            if k in props:
                validate_node(v, props[k], root, f"{path}.{k}")
            elif "additionalProperties" in schema:
                validate_node(v, schema["additionalProperties"], root, f"{path}.{k}")
        for k in schema.get("required", []):
            if k not in inst:
                raise Invalid(f"{path}: {k} is required")
        for k, sub in schema.get("dependentSchemas", {}).items():
            if k in inst:
                validate_node(inst, sub, root, path)
    if isinstance(inst, list) and "items" in schema:
        for i, v in enumerate(inst):
            validate_node(v, schema["items"], root, f"{path}[{i}]")
    for sub in schema.get("allOf", []):
        validate_node(inst, sub, root, path)
    if "anyOf" in schema:
        errors = []
        for sub in schema["anyOf"]:
            try:
                validate_node(inst, sub, root, path)
                break
            except Invalid as e:
                errors.append(str(e))
        else:
            raise Invalid(f"{path}: no anyOf branch matches ({'; '.join(errors)[:300]})")
    if "oneOf" in schema:
        n = 0
        for sub in schema["oneOf"]:
            try:
                validate_node(inst, sub, root, path)
                n += 1
            except Invalid:
                pass
        if n != 1:
            raise Invalid(f"{path}: {n} oneOf branches match")
    if "if" in schema:
        try:
            validate_node(inst, schema["if"], root, path)
            chosen = "then"
        except Invalid:
            chosen = "else"
        if chosen in schema:
            validate_node(inst, schema[chosen], root, path)
    if "not" in schema:
        try:
            validate_node(inst, schema["not"], root, path)
        except Invalid:
            pass
        else:
            raise Invalid(f"{path}: matches a 'not' schema")


def validate(inst: Any, schema: dict) -> None:
    validate_node(inst, schema, schema)
    try:
        import jsonschema  # not a dependency; used when present
    except ImportError:
        return
    jsonschema.Draft202012Validator(schema).validate(inst)


def valid(inst: Any, schema: dict) -> bool:
    try:
        validate(inst, schema)
    except Exception:  # noqa: BLE001 - Invalid or jsonschema.ValidationError
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
