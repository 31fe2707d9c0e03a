"""Shared test fixtures."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def root() -> Path:
    return ROOT


def pytest_configure(config) -> None:  # noqa: ANN001
    """Tests never read or write the user's ruleset cache (engine/core/cache.py): one fresh folder per run."""
    import os
    import tempfile
    config._juece_cache = tempfile.mkdtemp(prefix="juece-test-cache-")
    os.environ["JUECE_CACHE_DIR"] = config._juece_cache


def pytest_unconfigure(config) -> None:  # noqa: ANN001
    import shutil
    d = getattr(config, "_juece_cache", None)
    if d:
        shutil.rmtree(d, ignore_errors=True)
