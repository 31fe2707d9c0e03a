"""engine/prose/ sits below the stages: it reads the models, the fact encoding (engine/core) and the
check-kind registry, never a stage, so lint, audit, specs and the tools can cite without running findings."""

from __future__ import annotations

import ast
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[2] / "engine"
ALLOWED = {"models", "core", "checks", "calendar"}  # calendar: the State Council holiday data, a foundation


def _engine_imports(path: Path) -> set[str]:
    """The engine modules a file imports (first component under engine/), relative imports resolved."""
    out = set()
    pkg = path.relative_to(ENGINE).parts[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = list(pkg[: len(pkg) - node.level + 1]) + (node.module.split(".") if node.module else [])
            if base:
                out.add(base[0])
            else:
                out.update(a.name for a in node.names)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [node.module] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            out.update(n.split(".")[1] for n in names if n and n.startswith("engine."))
    return out


def test_prose_imports_no_stage():
    for f in sorted((ENGINE / "prose").glob("*.py")):
        bad = _engine_imports(f) - ALLOWED - {"prose"}
        assert not bad, f"{f.name} imports {sorted(bad)}"


def test_the_encoding_and_the_dossier_reading_import_only_the_models():
    for name in ("encoding.py", "reading.py"):
        assert _engine_imports(ENGINE / "core" / name) <= {"models"}, name


def test_no_stage_reaches_the_fact_encoding_through_facts():
    for name in ("load.py", "compile.py"):
        assert "facts" not in _engine_imports(ENGINE / name), name
