"""`juece specs …` commands: run feature files, measure coverage, list the step phrases."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(help="Gherkin 规格：运行与覆盖率 / Gherkin specs: run and coverage", no_args_is_help=True)

DOC_START = "<!-- phrases:start -->"
DOC_END = "<!-- phrases:end -->"


def _need_pytest_bdd() -> None:
    try:
        import pytest  # noqa: F401
        import pytest_bdd  # noqa: F401
    except ImportError:
        typer.echo("运行规格需要 pytest 和 pytest-bdd：pip install 'juece[test]'", err=True)
        raise typer.Exit(2) from None


def _echo(text: str) -> None:
    sys.stdout.write(text + ("\n" if not text.endswith("\n") else ""))
    sys.stdout.flush()


@app.command("run")
def run_cmd(
    paths: Optional[list[str]] = typer.Argument(None, help="feature 文件或目录（默认 features/）"),
    junit: Optional[Path] = typer.Option(None, "--junit", help="另写一份 JUnit XML 报告 / also write a JUnit XML report"),
    html: Optional[Path] = typer.Option(None, "--html", help="另写一份 HTML 报告 / also write an HTML report"),
    select: Optional[str] = typer.Option(None, "-k", help="只运行名称含此文字的场景 / only scenarios whose name matches"),
    tags: Optional[str] = typer.Option(None, "--tags", "-m", help="只运行带这些标签的场景，如 art_25 / only scenarios with these tags"),
    as_json: bool = typer.Option(False, "--json", help="以 JSON 输出每个场景的结果 / print results as JSON"),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="同时显示 pytest 的原始输出 / show pytest's own output"),
) -> None:
    """运行规格（.feature 文件），用中文汇报通过与未通过的场景。/ Run feature files and summarise in Chinese."""
    _need_pytest_bdd()
    from . import report
    extra = []
    if select:
        extra += ["-k", select]
    if tags:
        extra += ["-m", tags]
    res = report.run(paths, junit=str(junit) if junit else None, extra=extra)
    if verbose:
        _echo(res.output)
    if as_json:
        _echo(json.dumps({"scenarios": res.scenarios, "passed": len(res.passed), "failed": len(res.failed)},
                         ensure_ascii=False, indent=1))
    else:
        _echo(report.summary_text(res))
    if html:
        from ..cli.kit import OutputError, write_output
        try:
            write_output(html, report.html_report(res))
        except OutputError as e:
            typer.echo(e.text("zh"), err=True)
            raise typer.Exit(2)
        if not as_json:
            _echo(f"HTML 报告：{html}")
    if junit and not as_json:
        _echo(f"JUnit 报告：{junit}")
    if res.exit_code not in (0, 1, 5) and not res.scenarios:
        if not verbose:
            _echo(res.output[-3000:])
        raise typer.Exit(2)
    raise typer.Exit(1 if res.failed or (res.exit_code == 1) else 0)


@app.command("coverage")
def coverage_cmd(
    paths: Optional[list[str]] = typer.Argument(None, help="feature 文件或目录（默认 features/）"),
    fmt: str = typer.Option("text", "--format", "-f", help="text | json"),
    ruleset: Optional[list[str]] = typer.Option(None, "--ruleset", help="只看这些规则集（默认全部）"),
) -> None:
    """规则 × 场景覆盖率：每条可检查的规则都要有“违反”和“符合或不适用”的场景；有未覆盖的规则时退出码为 1。"""
    _need_pytest_bdd()
    from . import report
    if ruleset:
        from ..core.errors import RulesetErrors
        from ..rulesets import load
        for rid in ruleset:
            try:
                load(rid)
            except RulesetErrors as e:
                typer.echo(e.text("zh"), err=True)
                raise typer.Exit(2)
    res = report.run(paths)
    if not res.scenarios and res.exit_code not in (0, 5):
        _echo(res.output[-3000:])
        raise typer.Exit(2)
    cov = report.coverage(res.scenarios, only=ruleset or None)
    if fmt == "json":
        _echo(json.dumps(cov, ensure_ascii=False, indent=1))
    else:
        _echo(report.coverage_text(cov))
        if res.failed:
            _echo(f"\n注意：有 {len(res.failed)} 个场景未通过，其断言不计入覆盖率（运行 juece specs run 查看原因）。")
    raise typer.Exit(1 if cov["uncovered"] else 0)


@app.command("phrases")
def phrases_cmd(
    fmt: str = typer.Option("text", "--format", "-f", help="text | md | json"),
    write: Optional[Path] = typer.Option(None, "--write", help="把短语表写入该文档的标记之间（如 docs/writing-specs.md）"),
    check: Optional[Path] = typer.Option(None, "--check", help="文档中的短语表过时则退出码为 1"),
) -> None:
    """列出步骤库中的全部短语（由步骤库生成）。/ List every step phrase of the step library."""
    from . import phrases
    if write or check:
        target = write or check
        assert target is not None
        try:
            text = target.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            typer.echo(f"无法读取 {target}：{getattr(e, 'strerror', None) or e} / cannot read {target}", err=True)
            raise typer.Exit(2)
        try:
            new = update_doc(text)
        except typer.BadParameter as e:
            typer.echo(f"{target}：{e.message} / {target} has no phrase markers", err=True)
            raise typer.Exit(2)
        if check:
            if new != text:
                _echo(f"{target} 中的短语表已过时；运行 juece specs phrases --write {target} 更新")
                raise typer.Exit(1)
            _echo(f"{target} 中的短语表是最新的")
            return
        from ..cli.kit import OutputError, write_output
        try:
            write_output(target, new)
        except OutputError as e:
            typer.echo(e.text("zh"), err=True)
            raise typer.Exit(2)
        _echo(f"已更新 {target}")
        return
    if fmt == "md":
        _echo(phrases.render_markdown())
    elif fmt == "json":
        _echo(json.dumps(phrases.as_json(), ensure_ascii=False, indent=1))
    else:
        _echo(phrases.render_text())


def update_doc(text: str) -> str:
    """Replace what is between the phrase markers of a document with the generated list."""
    from . import phrases
    if DOC_START not in text or DOC_END not in text:
        raise typer.BadParameter(f"文档中没有 {DOC_START} … {DOC_END} 标记")
    head, rest = text.split(DOC_START, 1)
    _, tail = rest.split(DOC_END, 1)
    return f"{head}{DOC_START}\n{phrases.render_markdown()}\n{DOC_END}{tail}"
