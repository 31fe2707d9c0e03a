"""The step library as a pytest plugin: `pytest_plugins = ["engine.specs.steps"]` (features/conftest.py).

What it does, so that a new `.feature` file needs no Python:

* registers every phrase of `phrases.PHRASES` as a pytest-bdd step (any keyword: 假如/当/那么/而且…);
* collects `.feature` files itself (under `features/`, or anywhere with `--juece-specs`), so no
  `test_*.py` module with `scenarios(...)` is needed;
* turns Gherkin tags into registered markers (`@art_25`, `@rule_mad_legal_before_discussion`,
  even `@第25条`), so `-m art_25` selects and `--strict-markers` does not complain;
* replaces the Python traceback of a failing scenario with the Chinese explanation from
  `context.SpecContext.fail` (scenario, step, rule, article, expected, found);
* records, for each passing scenario, which rule outcomes it asserted: the input of
  `juece specs coverage` (written as JSON when JUECE_SPECS_RECORD names a file).
"""

from __future__ import annotations

import json
import os
import re
import types
from pathlib import Path
from typing import Any, Optional

import pytest
from pytest_bdd import parsers
from pytest_bdd.exceptions import StepDefinitionNotFoundError
from pytest_bdd.steps import step

from .context import SpecContext, SpecFailure
from .phrases import closest, display, lookup

RECORD_ENV = "JUECE_SPECS_RECORD"
_CTX = pytest.StashKey[SpecContext]()
_RESULTS = pytest.StashKey[list]()
_LOOKUP = pytest.StashKey[dict]()


# ------------------------------------------------------------------------ the steps

class PhraseParser(parsers.StepParser):
    """One pytest-bdd parser for the whole library: matches a step iff one of PHRASES does.

    pytest-bdd looks a step up by going through every fixture for every step; one step
    definition instead of one per phrase keeps a run of a few hundred scenarios fast.
    """

    def __init__(self) -> None:
        super().__init__("（juece 步骤库）")

    def parse_arguments(self, name: str) -> Optional[dict[str, Any]]:
        return {"phrase_text": name} if lookup(name) is not None else None

    def is_matching(self, name: str) -> bool:
        return lookup(name) is not None


@step(PhraseParser())
def juece_phrase(juece_spec: SpecContext, phrase_text: str, docstring: Optional[str] = None,
                 datatable: Optional[list] = None) -> None:
    """Every phrase of the library (see `juece specs phrases`)."""
    __tracebackhide__ = True
    found = lookup(phrase_text)
    assert found is not None
    p, groups = found
    kw: dict[str, Any] = dict(groups)
    if p.docstring:
        kw["docstring"] = docstring
    if p.datatable:
        kw["datatable"] = datatable
    p.handler(juece_spec, **kw)


@pytest.fixture
def juece_spec(request: pytest.FixtureRequest) -> SpecContext:
    """The scenario's state (dossier, ruleset, result, assertions)."""
    ctx = SpecContext()
    node = request.node
    path = Path(str(getattr(node, "path", "") or ""))
    rootdir = Path(str(request.config.rootpath))
    ctx.base_dirs = [d for d in (path.parent if path.name else None, rootdir, Path.cwd()) if d is not None]
    node.stash[_CTX] = ctx
    return ctx


# ------------------------------------------------------------------------ pytest-bdd hooks

def _rel(path: str, config: pytest.Config) -> str:
    try:
        return os.path.relpath(path, str(config.rootpath))
    except ValueError:
        return path


def pytest_bdd_before_scenario(request: pytest.FixtureRequest, feature: Any, scenario: Any) -> None:
    ctx: SpecContext = request.getfixturevalue("juece_spec")
    ctx.feature_name = feature.name
    ctx.feature_file = _rel(feature.filename, request.config)
    ctx.scenario_name = ctx.scenario_outline = scenario.name
    example = getattr(getattr(request.node, "callspec", None), "params", {}).get("_pytest_bdd_example")
    if example:  # a row of a scenario outline: its values tell the rows apart in every report
        ctx.scenario_name = f"{scenario.name}（例：" + "，".join(f"{k}={v}" for k, v in example.items()) + "）"
    ctx.tags = sorted(set(scenario.tags) | set(feature.tags))
    ctx.scenario_tags = sorted(scenario.tags)
    ctx.base_dirs.insert(0, Path(feature.filename).parent)


def pytest_bdd_before_step(request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any, step_func: Any) -> None:
    ctx = request.node.stash.get(_CTX, None)
    if ctx is not None:
        ctx.step_text = f"{step.keyword.strip()} {step.name}"
        ctx.step_line = step.line_number


def pytest_bdd_step_func_lookup_error(request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any,
                                      exception: Exception) -> None:
    request.node.stash[_LOOKUP] = {"feature": feature.name, "file": _rel(feature.filename, request.config),
                                   "scenario": scenario.name, "step": f"{step.keyword.strip()} {step.name}",
                                   "name": step.name, "line": step.line_number}


@pytest.hookimpl(tryfirst=True)
def pytest_bdd_apply_tag(tag: str, function: Any) -> bool:
    """Every tag becomes a registered marker (no PytestUnknownMarkWarning, no --strict-markers error)."""
    from pytest_bdd.utils import CONFIG_STACK
    if CONFIG_STACK:
        config = CONFIG_STACK[-1]
        if tag not in _registered(config):
            config.addinivalue_line("markers", f"{tag}: 规格标签（来自 .feature 文件）")
            _registered(config).add(tag)
    getattr(pytest.mark, tag)(function)
    return True


_MARKS = pytest.StashKey[set]()


def _registered(config: pytest.Config) -> set:
    if _MARKS not in config.stash:
        config.stash[_MARKS] = {line.split(":")[0].strip() for line in config.getini("markers")}
    return config.stash[_MARKS]


# ------------------------------------------------------------------------ collecting .feature files

def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("juece-specs", "juece 规格（.feature）")
    group.addoption("--juece-specs", action="store_true", default=False,
                    help="collect .feature files anywhere (default: only under <rootdir>/features)")


def _wants(file_path: Path, config: pytest.Config) -> bool:
    if file_path.suffix != ".feature":
        return False
    if config.getoption("juece_specs", False):
        return True
    features = Path(str(config.rootpath)) / "features"
    try:
        file_path.resolve().relative_to(features.resolve())
        return True
    except ValueError:
        return False


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> Optional[pytest.Collector]:
    if _wants(file_path, parent.config):
        return FeatureFile.from_parent(parent, path=file_path)
    return None


class FeatureFile(pytest.Module):
    """A `.feature` file collected as a module holding one test per scenario (pytest-bdd `scenarios`)."""

    def _getobj(self) -> types.ModuleType:
        path = Path(str(self.path))
        rel = _rel(str(path), self.config)
        data = path.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                data.decode("gb18030")
                hint = "此文件似为 GBK/GB18030 编码，请另存为 UTF-8"
            except UnicodeDecodeError:
                hint = "此文件不是文本文件，或编码无法识别"
            raise self.CollectError(f"规格文件 {rel} 须为 UTF-8 编码：{hint} / a feature file must be UTF-8") from None
        if not text.strip():
            raise self.CollectError(f"规格文件 {rel} 为空 / the feature file is empty")
        _check_language(text, path, self.config)
        mod = types.ModuleType(f"juece_feature_{abs(hash(str(path)))}")
        mod.__file__ = str(path)
        code = compile(f"from pytest_bdd import scenarios\nscenarios({str(path)!r}, features_base_dir={str(path.parent)!r})\n",
                       str(path), "exec")
        try:
            exec(code, mod.__dict__)  # noqa: S102 - fixed code; scenarios() puts one test per scenario in mod
        except Exception as e:  # noqa: BLE001
            if type(e).__name__ == "NoScenariosFound":
                raise self.CollectError(f"规格文件 {rel} 中没有场景（“场景：”或“场景大纲：”）/ no scenarios in the feature file") from None
            if isinstance(e, KeyError):  # pytest-bdd's parser on a file without "功能：" / "Feature:"
                raise self.CollectError(f"规格文件 {rel} 缺少“功能：”（Feature:）一行 / the feature file has no Feature: line") from None
            raise self.CollectError(f"无法读取规格文件 {rel}：{e}") from None
        return mod

    def _register_setup_module_fixture(self) -> None:  # a feature file has no setup_module
        return None

    def _register_setup_function_fixture(self) -> None:
        return None


_ZH_KEYWORDS = re.compile(r"^\s*(功能|场景|场景大纲|背景|假如|假设|假定|当|那么|例子)\s*[:：]?", re.M)


def _check_language(text: str, path: Path, config: pytest.Config) -> None:
    head = "\n".join(text.splitlines()[:5])
    if "# language:" not in head and _ZH_KEYWORDS.search(text):
        raise pytest.Collector.CollectError(
            f"规格文件 {_rel(str(path), config)} 用的是中文关键词，但第一行缺少 “# language: zh-CN”。请在文件第一行加上这一行。")


# ------------------------------------------------------------------------ reports

@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Any:
    rep = yield
    if call.when != "call":
        if call.when == "setup" and rep.failed:
            _remember(item, rep, None)
        return rep
    ctx = item.stash.get(_CTX, None)
    message = None
    if rep.failed and call.excinfo is not None:
        exc = call.excinfo.value
        if isinstance(exc, SpecFailure):
            message = str(exc)
            if ctx is not None and not message.startswith("规格"):
                message = _where(ctx, "规格无法运行") + "\n  原因：" + message.replace("\n", "\n  ")
        elif isinstance(exc, StepDefinitionNotFoundError):
            message = _unknown_step(item)
        elif ctx is not None and ctx.feature_file:
            message = (_where(ctx, "规格无法运行") + f"\n  错误：{type(exc).__name__}: {exc}"
                       "\n  （这是引擎或步骤库的错误，请把这段信息转给开发人员；pytest -vv 可显示完整的 Python 调用栈）")
        if message and not item.config.getoption("verbose", 0) > 1:
            rep.longrepr = message
    if ctx is not None:
        _remember(item, rep, message)
    return rep


def _where(ctx: SpecContext, head: str) -> str:
    return (f"{head}\n  功能：{ctx.feature_name}（{ctx.feature_file}）\n  场景：{ctx.scenario_name}\n"
            f"  步骤：{ctx.step_text}" + (f"（第{ctx.step_line}行）" if ctx.step_line else ""))


def _unknown_step(item: pytest.Item) -> str:
    info = item.stash.get(_LOOKUP, {})
    name = info.get("name", "")
    lines = ["规格无法运行：步骤不是步骤库中的短语",
             f"  功能：{info.get('feature', '')}（{info.get('file', '')}）",
             f"  场景：{info.get('scenario', '')}",
             f"  步骤：{info.get('step', '')}（第{info.get('line', '?')}行）",
             "  最相近的短语："]
    for p in closest(name):
        lines.append(f"    {p.keyword} {display(p.template)}    例：{p.example}")
    lines.append("  全部短语见 docs/writing-specs.md，或运行 juece specs phrases")
    return "\n".join(lines)


def _remember(item: pytest.Item, rep: pytest.TestReport, message: Optional[str]) -> None:
    ctx = item.stash.get(_CTX, None)
    results = item.config.stash.setdefault(_RESULTS, [])
    results.append({
        "nodeid": item.nodeid,
        "feature": ctx.feature_name if ctx else "",
        "file": ctx.feature_file if ctx else _rel(str(getattr(item, "path", "")), item.config),
        "scenario": ctx.scenario_name if ctx else item.name,
        "outline": getattr(ctx, "scenario_outline", None) if ctx else None,  # the same for every row of an outline
        "tags": ctx.tags if ctx else [],
        "scenario_tags": ctx.scenario_tags if ctx else [],
        "outcome": rep.outcome,
        "message": message or (str(rep.longrepr) if rep.failed else None),
        "ruleset": (ctx.result.ruleset.get("id") if ctx and ctx.result else (ctx.ruleset_id if ctx else None)),
        "failed_rule": ctx.failed_rule if ctx and rep.failed else None,
        "assertions": [a.to_dict() for a in ctx.asserted] if ctx and rep.passed else [],
        "asserted_when_failed": [a.to_dict() for a in ctx.asserted] if ctx and rep.failed else [],
    })


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    target = os.environ.get(RECORD_ENV)
    if not target:
        return
    results = session.config.stash.get(_RESULTS, [])
    Path(target).write_text(json.dumps({"scenarios": results}, ensure_ascii=False, indent=1), encoding="utf-8")
