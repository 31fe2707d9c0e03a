"""docs/architecture.md draws the engine's layers; this test keeps the drawing true.

The layer table is read from the ```layers block of docs/architecture.md (one source). Every
`import` and `from … import` in engine/ — at module level or inside a function — is checked:
a module may import its own layer or a lower one, never a higher one; no module imports a
private (_name) attribute of another module; and the module-level import graph has no cycle.
"""

from __future__ import annotations

import ast
import fnmatch
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ENGINE = ROOT / "engine"
DOC = ROOT / "docs" / "architecture.md"


def _layers() -> list[tuple[str, list[str]]]:
    block = re.search(r"```layers\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert block, "docs/architecture.md has no ```layers block"
    layers = []
    for line in block.group(1).splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, patterns = line.partition(":")
            layers.append((name.strip(), patterns.split()))
    return layers


LAYERS = _layers()


def _layer_of(module: str) -> int:
    """The layer whose pattern names `module` most specifically: an exact name beats a wildcard
    (`engine.checks`, the registry, is not `engine.checks.*`, the kinds); a longer wildcard beats a
    shorter one; `engine.core.*` names the package `engine.core` too."""
    best = None
    for rank, (_, patterns) in enumerate(LAYERS):
        for p in patterns:
            if module == p:
                score = (2, len(p))
            elif fnmatch.fnmatchcase(module, p) or (p.endswith(".*") and module == p[:-2]):
                score = (1, len(p))
            else:
                continue
            if best is None or score > best[0]:
                best = (score, rank)
    if best is None:
        raise AssertionError(f"{module} is in no layer of docs/architecture.md")
    return best[1]


def _modules() -> dict[str, Path]:
    out = {}
    for f in sorted(ENGINE.rglob("*.py")):
        parts = list(f.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = f
    return out


MODULES = _modules()


def _resolve(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if path.name != "__init__.py":
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _imports(module: str, path: Path):
    """(target module, imported names, line, at module level) for every engine import."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = set(map(id, tree.body))
    # an import inside `if TYPE_CHECKING:` is not run
    skip = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip |= {id(n) for b in node.body for n in ast.walk(b)}
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.ImportFrom):
            target = _resolve(module, path, node)
            if target.split(".")[0] != "engine":
                continue
            names = [a.name for a in node.names]
            # `from . import x` imports the submodule x when there is one
            subs = [f"{target}.{n}" for n in names if f"{target}.{n}" in MODULES]
            if subs:
                for s in subs:
                    yield s, [], node.lineno, id(node) in top
                names = [n for n in names if f"{target}.{n}" not in MODULES]
                if not names:
                    continue
            yield target, names, node.lineno, id(node) in top
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] == "engine":
                    yield a.name, [], node.lineno, id(node) in top


EDGES = [(m, *imp) for m, p in MODULES.items() for imp in _imports(m, p)]


def test_every_module_has_a_layer():
    for m in MODULES:
        _layer_of(m)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_run_downwards(module):
    """A stage may use what lies below it, never what comes after it in the pipeline."""
    wrong = []
    for src, target, _names, line, _top in EDGES:
        if src != module or target == "engine":
            continue
        if _layer_of(target) > _layer_of(src):
            wrong.append(f"{MODULES[src].relative_to(ROOT)}:{line} imports {target} "
                         f"({LAYERS[_layer_of(target)][0]} is above {LAYERS[_layer_of(src)][0]})")
    assert not wrong, "\n".join(wrong)


def test_no_private_name_crosses_a_module():
    wrong = [f"{MODULES[src].relative_to(ROOT)}:{line} imports {n} from {target}"
             for src, target, names, line, _ in EDGES
             for n in names if n.startswith("_") and n != "__version__" and target != src]
    assert not wrong, "\n".join(wrong)


def test_module_level_imports_have_no_cycle():
    graph: dict[str, set[str]] = {}
    for src, target, _names, _line, top in EDGES:
        if top and target in MODULES and target != src and not src.startswith(target + "."):
            graph.setdefault(src, set()).add(target)
    seen, stack, cycles = set(), [], []

    def visit(m):
        if m in stack:
            cycles.append(" → ".join(stack[stack.index(m):] + [m]))
            return
        if m in seen:
            return
        seen.add(m)
        stack.append(m)
        for t in sorted(graph.get(m, ())):
            visit(t)
        stack.pop()

    for m in sorted(graph):
        visit(m)
    assert not cycles, "\n".join(cycles)


def test_engine_folder_holds_only_stages_and_packages():
    """`ls engine/` shows the pipeline stages and the subpackages, and nothing else."""
    doc = DOC.read_text(encoding="utf-8")
    for p in sorted(ENGINE.iterdir()):
        if p.name.startswith(("__", ".")) or p.suffix not in (".py", ""):
            continue
        assert f"`{p.name if p.suffix else p.name + '/'}`" in doc, \
            f"engine/{p.name} is not described in docs/architecture.md"


def test_the_checks_can_fail(tmp_path):
    """The reader of imports sees what a careless edit would add: a foundation reaching up into a
    stage from inside a function, a private name taken from another module, a stage importing the CLI."""
    planted = tmp_path / "planted.py"
    planted.write_text("from . import memo\n"
                       "def f():\n"
                       "    from ..check import check\n"
                       "    from ..load import _secret\n"
                       "    import engine.cli\n", encoding="utf-8")
    seen = {(target, tuple(names), top) for target, names, _line, top in _imports("engine.core.planted", planted)}
    assert ("engine.core.memo", (), True) in seen
    assert ("engine.check", ("check",), False) in seen
    assert ("engine.load", ("_secret",), False) in seen
    assert ("engine.cli", (), False) in seen
    assert _layer_of("engine.check") > _layer_of("engine.core.memo")  # upward: would be reported
    assert _layer_of("engine.cli") > _layer_of("engine.check")
    assert _layer_of("engine.checks") < _layer_of("engine.compile") < _layer_of("engine.checks.required")
