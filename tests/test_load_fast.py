"""Every test of tests/test_load.py (the hostile inputs: encodings, sizes, syntax, duplicate keys,
aliases, bombs, schema errors with file:line:col) again, with every load through the audit's fast
path (engine/core/fastyaml.py): the same Dossiers and the same errors, word for word."""

from __future__ import annotations

import functools

import pytest
import test_load as _strict  # noqa: E402 - tests/ is on sys.path (rootdir conftest)
from test_load import *  # noqa: F401,F403 - collected again here, run with the fast path

from engine.core import fastyaml
from engine.load import load_dossier as _load_dossier

pytestmark = pytest.mark.skipif(not fastyaml.AVAILABLE, reason="rapidyaml is not installed")


@pytest.fixture(autouse=True)
def _through_the_fast_path(monkeypatch):
    monkeypatch.setattr(_strict, "load_dossier", functools.partial(_load_dossier, fast=True))
