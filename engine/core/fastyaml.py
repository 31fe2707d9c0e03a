"""A fast path for reading dossier YAML in bulk (the audit): rapidyaml (C++) parses and emits JSON,
and this module turns that into exactly the Python objects PyYAML's strict loader (yamlload.py)
would build, or declines.

It declines (returns None) whenever it cannot vouch for that, and the caller then parses with the
strict loader, so every error keeps today's message and file:line:col, and every file accepted
gives the same objects. It declines on:

* anything that is an error or a refusal for the strict loader: syntax errors (rapidyaml raises),
  duplicate keys, anchors and aliases, characters YAML forbids, non-mapping documents;
* anything where PyYAML (YAML 1.1) and rapidyaml (YAML 1.2) may read the same text differently,
  or which PyYAML builds into a type this module does not build: tags, directives, several
  documents, explicit keys, flow collections with content, block scalars, tabs, backslash
  escapes, a lone CR, the line breaks only PyYAML knows (U+0085, U+2028, U+2029), floats, keys
  PyYAML would type (`1:`, `no:`), and plain scalars YAML 1.1 reads as anything but text, null,
  true/false, a decimal integer or a date (octal, hex, sexagesimal like 10:30, timestamps with a
  time), or that also occur quoted in the same file.

rapidyaml's JSON keeps 1.2's reading of plain scalars (`no`, `~`, `2023-05-01` stay text); the
plain scalars that YAML 1.1 types are found in the text, typed with PyYAML's own resolver table
(yaml.resolver.Resolver) and put back. tests/core/test_fastyaml.py checks that both paths give the same
objects and the same Dossiers and errors on every case file, sample dossiers, and the hostile
inputs of tests/test_load.py.

rapidyaml reports a syntax error on the process's stderr (file descriptor 2) before raising; with
`quiet=True` that descriptor points at /dev/null during the parse (for single-threaded batch
workers; `juece check` uses the strict loader alone).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from typing import Any, Optional

try:  # an optional speed-up: without it every file takes the strict path
    import ryml  # type: ignore[import-not-found]
except Exception:  # noqa: BLE001 - a missing or broken wheel must never stop a check
    ryml = None

import orjson
import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

AVAILABLE = ryml is not None

# Text the fast path leaves to the strict loader (see the module docstring): a tab, a backslash, a line break only PyYAML knows, a character YAML forbids (the complement of PyYAML's
# yaml.reader.Reader.NON_PRINTABLE); an indicator that starts a token (anchor &, alias *, tag !,
# directive %, explicit key ?, the reserved @ and `); a document marker; a flow collection with
# content; a block scalar.
_DECLINE_CHARS = re.compile("[\\t\\\\\\x85\\u2028\\u2029\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x84\\x86-\\x9f\\ud800-\\udfff\\ufffe\\uffff]")
_INDICATORS = "&*!%?@`"
_INDICATOR = re.compile(r"(?:^|[\s\[\]{},])[&*!%?@`]", re.M)
_DOCUMENT = re.compile(r"^(?:---|\.\.\.)(?:\s|$)", re.M)
_FLOW = re.compile(r"[\[{](?![\]}])")
_BLOCK = re.compile(r"(?:^|[ ])[|>][-+0-9]*[ ]*(?:#.*)?$", re.M)
# A plain scalar YAML 1.1 may type: it starts with a character some implicit resolver of PyYAML
# starts with (yaml.resolver.Resolver: bool yYnNtTfFoO, int/float -+0-9., null ~nN, merge <,
# value =) at the start of a value: after indentation and "- " items, or after "key: ".
_CANDIDATE = re.compile(r"(?:^[ ]*(?:-[ ]+)*|:[ ]+)(?!-(?:[ ]|$))([-+.0-9~nNyYtTfFoO<=][^\n]*)$", re.M)

_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}\Z")
_BOOL = SafeConstructor.bool_values
_RESOLVERS = Resolver.yaml_implicit_resolvers
_STR, _NULL, _BOOLTAG, _INTTAG, _TS = ("tag:yaml.org,2002:str", "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool",
                                       "tag:yaml.org,2002:int", "tag:yaml.org,2002:timestamp")


class _Decline(Exception):
    pass


def _resolve(value: str) -> str:
    """The tag PyYAML's resolver gives a plain scalar (Resolver.resolve for a ScalarNode, implicit)."""
    for tag, regexp in _RESOLVERS.get(value[0] if value else "", []) + _RESOLVERS.get(None, []):
        if regexp.match(value):
            return tag
    return _STR


def _typed_plains(text: str) -> dict[str, Any]:
    """{plain scalar text: what PyYAML builds of it} for the plain scalars YAML 1.1 does not read as text."""
    typed: dict[str, Any] = {}
    for v in _CANDIDATE.findall(text):
        cut = v.find(" #")
        v = (v[:cut] if cut >= 0 else v).rstrip(" ")
        tag = _resolve(v)
        if tag == _STR:
            continue
        if tag == _NULL:
            typed[v] = None
        elif tag == _BOOLTAG:
            typed[v] = _BOOL[v.lower()]
        elif tag == _INTTAG and _INT.match(v):
            try:
                typed[v] = int(v)
            except ValueError:  # more digits than Python builds: the strict loader's _lenient decides
                raise _Decline from None
        elif tag == _TS and _DATE.match(v):
            y, mo, d = v.split("-")
            try:
                typed[v] = dt.date(int(y), int(mo), int(d))
            except ValueError:  # 2023-02-30: yamlload._lenient keeps it as text; so does rapidyaml
                continue
        else:
            raise _Decline
    for v in typed:
        if f"'{v}'" in text or f'"{v}"' in text:  # the same text quoted somewhere: which is which?
            raise _Decline
    return typed


def _retype(obj: Any, typed: dict[str, Any]) -> int:
    """Put the 1.1 types back in place; → the number of keys seen (to find duplicates); _Decline on
    a float or a key PyYAML would type."""
    is_dict = isinstance(obj, dict)
    keys = len(obj) if is_dict else 0
    for k, v in (obj.items() if is_dict else enumerate(obj)):
        if is_dict and k[:1] in _TYPED_STARTS and _resolve(k) != _STR:
            raise _Decline
        if isinstance(v, str):
            if v in typed:
                obj[k] = typed[v]  # a value replaced in place: the dict's size does not change
        elif isinstance(v, (dict, list)):
            keys += _retype(v, typed)
        elif isinstance(v, float):
            raise _Decline
    return keys


_TYPED_STARTS = frozenset("-+.0123456789~nNyYtTfFoO<=")


_devnull: Optional[int] = None
_out = bytearray(1 << 16)  # rapidyaml writes its JSON here (emit_json's own buffer is never freed)


def _emit_json(data: bytes, quiet: bool) -> bytes:
    global _devnull, _out
    saved = None
    if quiet:
        if _devnull is None:
            _devnull = os.open(os.devnull, os.O_WRONLY)
        saved = os.dup(2)
        os.dup2(_devnull, 2)
    try:
        tree = ryml.parse_in_arena(data)
        try:
            return bytes(ryml.emit_json_in_place(tree, _out))
        except IndexError:  # larger than the buffer: grow it to the size needed
            _out = bytearray(max(ryml.compute_json_length(tree) + 1024, 2 * len(_out)))
            return bytes(ryml.emit_json_in_place(tree, _out))
    finally:
        if saved is not None:
            os.dup2(saved, 2)
            os.close(saved)


def parse(text: str, quiet: bool = True) -> Optional[Any]:
    """The objects the strict loader builds from `text`, or None when this module cannot vouch for them."""
    if ryml is None or _DECLINE_CHARS.search(text):
        return None
    # each scan only when its characters occur at all (a `str in` test is ~20× cheaper than a regex pass)
    if ("[" in text or "{" in text) and _FLOW.search(text):
        return None
    if ("|" in text or ">" in text) and _BLOCK.search(text):
        return None
    if ("---" in text or "..." in text) and _DOCUMENT.search(text):
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n")  # a CRLF line break is a line break to both parsers
        if "\r" in text:  # a lone CR is one to PyYAML only
            return None
    if any(c in text for c in _INDICATORS) and _INDICATOR.search(text):
        return None
    try:
        typed = _typed_plains(text)
        js = _emit_json(text.encode("utf-8"), quiet)
        obj = orjson.loads(js)
        if not isinstance(obj, dict):
            return None
        # rapidyaml writes every key as `"key": ` (a `"` inside a string is written `\"`); fewer keys
        # in the objects than in the text means a duplicate key, which the strict loader refuses.
        if _retype(obj, typed) != js.count(b'": ') - js.count(b'\\": '):
            return None
        return obj
    except _Decline:
        return None
    except Exception:  # noqa: BLE001 - a syntax error (ryml.ExceptionParse), invalid JSON (+12), anything else: strict path
        return None
