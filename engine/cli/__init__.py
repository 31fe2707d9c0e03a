"""CLI: typer commands that wire the pipeline stages; no legal logic here.

Exit codes (a contract: docs/exit-codes.md, the README and `juece --help`; engine/cli/kit.py):
    0    no violation found (合规, or 无法确认合规 unless --fail-on indeterminate)
    1    at least one violation (severity "violation"), on recorded facts or not recorded (不合规 /
         不合规（未见记载）); with `--fail-on indeterminate`, also a 违法-level duty that cannot be decided
    2    an input, ruleset or option could not be used — wins over 1
    3    internal error of juece (one line; the trace is written to a file, or shown with --debug)
    130  interrupted
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

from .. import __version__
from .lazy import lazy_group

EXIT_OK, EXIT_VIOLATION, EXIT_UNUSABLE = 0, 1, 2
EXIT_INTERNAL, EXIT_INTERRUPTED = 3, 130

# Commands in their own modules are imported only when they run (engine/cli/lazy.py): `juece check`
# must not pay for the audit, specs or ruleset tools. Add one as "name": "module:attribute".
LAZY_COMMANDS = {
    "audit": "engine.audit.cli:audit_command",  # batch audit and synthetic dossiers (engine/audit)
    "sample": "engine.audit.cli:sample_command",
    "specs": "engine.specs.cli:app",  # the specs commands live with the step library (engine/specs)
    "serve": "engine.serve.cli:serve_command",  # the reviewer workbench (engine/serve): web page and API
    "users": "engine.serve.cli:users_app",  # its users: add, list, disable, token
    "opinion": "engine.documents.cli:opinion_command",  # 审查意见书 and 整改清单 (engine/documents)
}
LAZY_RULESETS_COMMANDS = {  # ruleset diff, handbook and impact (engine/tools/ruleset_tools.py)
    "diff": "engine.tools.ruleset_tools:diff_command",
    "docs": "engine.tools.ruleset_tools:docs_command",
    "impact": "engine.tools.ruleset_tools:impact_command",
}

def _argv_lang(args: list[str]) -> str:
    """The --lang of a command line not yet parsed (for a message before typer reads the options)."""
    if any(a in ("--lang=en", "-len") for a in args) or any(a in ("--lang", "-l") and b == "en" for a, b in zip(args, args[1:])):
        return "en"
    return "zh"


def _folder_vocabulary(args: list[str]) -> None:
    """Before a lazily imported command's module is imported (it may build the dossier models, e.g.
    engine.documents): the facts a `--ruleset my-rules/` folder declares (models/vocabulary.py).
    A vocabulary that cannot be used is reported by the command itself (cli/kit.use_vocabulary)."""
    given = [b for a, b in zip(args, args[1:]) if a in ("--ruleset", "-r")] + \
        [a.split("=", 1)[1] for a in args if a.startswith("--ruleset=")]
    if given:
        from pathlib import Path
        from ..models import vocabulary
        try:
            vocabulary.add_folder(given[-1])
            if (Path(given[-1]) / vocabulary.EXTENSION).is_file():
                vocabulary.build()  # here: the command's module may build the models as it is imported
        except vocabulary.VocabularyError as e:
            if e.code == "vocabulary.too-late":
                return  # reported by the command (cli/kit.use_vocabulary)
            typer.echo(e.text(_argv_lang(args)), err=True)
            raise typer.Exit(EXIT_UNUSABLE) from None


app = typer.Typer(
    help="juece（决策）：重大行政决策程序合规检查。Checks major administrative decisions against the procedures the law requires.\n\n"
         "退出码 Exit codes: 0 无违法 no violation · 1 至少一项违法 at least one violation（--fail-on indeterminate：含无法确认合规 also when compliance is not confirmed）· 2 输入无法使用 an input could not be used (wins over 1)"
         " · 3 juece 内部错误 internal error (--debug 显示详情 shows the trace) · 130 已中断 interrupted (docs/exit-codes.md)",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None,
    cls=lazy_group(LAZY_COMMANDS, before_import=_folder_vocabulary))
rulesets_app = typer.Typer(help="规则集：列出、查看、检查 / rulesets: list, show, lint", no_args_is_help=True,
                           cls=lazy_group(LAZY_RULESETS_COMMANDS))
docs_app = typer.Typer(help="生成文档 / generate documentation", no_args_is_help=True)
app.add_typer(rulesets_app, name="rulesets")
app.add_typer(docs_app, name="docs")


def _say(msg: str) -> None:
    typer.echo(msg, err=True)


def _fail(zh: str, en: str, lang: str) -> None:
    _say(en if lang == "en" else zh)
    raise typer.Exit(EXIT_UNUSABLE)


def _lang(value: str) -> str:
    if value not in ("zh", "en"):
        _fail(f"--lang 只能是 zh 或 en，收到“{value}”", f"--lang must be zh or en, got '{value}'", "zh")
    return value


def exit_code(results: list, errors: list, fail_on: str = "violation") -> int:
    """One place maps a run to its exit code: an internal error wins over unusable input, which wins over violations.

    fail_on: `violation` (default) or `indeterminate` (an unsettled 违法-level duty fails too)."""
    if any(e.get("internal") for e in errors):
        return EXIT_INTERNAL
    if errors:
        return EXIT_UNUSABLE
    if any(not r.compliant for r in results):
        return EXIT_VIOLATION
    if fail_on == "indeterminate" and any(getattr(r, "verdict", "") == "unconfirmed" for r in results):
        return EXIT_VIOLATION
    return EXIT_OK


@app.command()
def check(
    files: List[str] = typer.Argument(..., help="案卷文件或目录（YAML/JSON）/ dossier files or folders"),
    ruleset: Optional[str] = typer.Option(None, "--ruleset", "-r", help="规则集编号（默认按行政区划和决策日期选用）/ ruleset id"),
    stage: Optional[str] = typer.Option(None, "--stage", "-s", help="按此阶段检查，如 集体讨论前、已公布 / check as at this stage, e.g. discussion"),
    fmt: str = typer.Option("text", "--format", "-f", help="text | json | md | html"),
    lang: str = typer.Option("zh", "--lang", "-l", help="zh | en"),
    explain: bool = typer.Option(False, "--explain", help="列出每条规则的结果和理由 / show every rule's outcome and why"),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="写入文件而非标准输出 / write to a file"),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="基线文件：只报告基线中没有的问题 / baseline file: report only findings it does not hold"),
    write_baseline: bool = typer.Option(False, "--write-baseline", help="把本次发现的问题写入 --baseline 文件 / write this run's findings to the --baseline file"),
    fail_on: str = typer.Option("violation", "--fail-on", help="violation | indeterminate：何时以退出码 1 结束（indeterminate：违法级义务无法判定也算）/ when to exit 1 (indeterminate: an undecidable violation-level duty too)"),
    calendar: List[Path] = typer.Option([], "--calendar", help="节假日日历 YAML（年度、文号、放假、调休上班），用于现有数据未覆盖的年份 / a holiday calendar YAML for a year the library does not cover"),
) -> None:
    """检查案卷 / Check dossiers."""
    from .kit import use_vocabulary
    use_vocabulary(ruleset, lang if lang in ("zh", "en") else "zh")  # before any model is built
    from ..check import check as run_check
    from ..core.errors import JueceError, RulesetErrors
    from ..load import iter_paths, load_dossier
    from ..models.dossier import Stage, unknown_stage
    from ..render import FORMATS, json_rows, render

    lang = _lang(lang)
    if calendar:
        import os
        from ..core.calendar import CalendarError, load_user_calendar
        for c in calendar:
            try:
                load_user_calendar(str(c))
            except CalendarError as e:
                _fail(e.zh, e.en, lang)
        os.environ["JUECE_CALENDAR"] = os.pathsep.join(str(c) for c in calendar)  # for any worker process
    if fail_on not in ("violation", "indeterminate"):
        _fail(f"--fail-on 只能是 violation 或 indeterminate，收到“{fail_on}”",
              f"--fail-on must be violation or indeterminate, got '{fail_on}'", lang)
    if fmt not in FORMATS:
        hint = ("；Word 审查意见书请用 juece opinion 案卷.yaml -o 审查意见书.docx", "; for a Word review opinion use juece opinion FILE -o opinion.docx") \
            if fmt.lower() in ("docx", "doc", "word", "xlsx") else ("", "")
        _fail(f"--format 只能是 {' | '.join(FORMATS)}，收到“{fmt}”{hint[0]}", f"--format must be one of {' | '.join(FORMATS)}, got '{fmt}'{hint[1]}", lang)
    st = None
    if stage:
        st = Stage.parse(stage)
        if not isinstance(st, Stage):
            _fail(*unknown_stage(stage), lang)
    if write_baseline and baseline is None:
        _fail("--write-baseline 需要同时给出 --baseline 文件", "--write-baseline needs --baseline FILE", lang)
    known = None
    if baseline is not None and (baseline.exists() or not write_baseline):
        from ..tools.baseline import read_baseline
        try:
            known = read_baseline(baseline)
        except JueceError as e:
            _fail(e.text("zh"), e.text("en"), lang)
    paths = iter_paths(files)
    if not paths:
        if fmt == "json":
            typer.echo("[]")
        _fail("没有找到案卷文件（.yaml、.yml、.json）", "no dossier files found (.yaml, .yml, .json)", lang)
    results, errors = [], []
    rows: list = []  # one entry per input path, in order: a result, or an error dict (--format json)
    for p in paths:
        try:
            loaded = load_dossier(p)
        except JueceError as e:
            err = {"file": str(p), "text": e.text(lang), "problems": [x.to_dict() for x in e.problems]}
            errors.append(err)
            rows.append(err)
            _say(e.text(lang))
            continue
        try:
            r = run_check(loaded, ruleset_id=ruleset, stage=st, explain=explain)
        except RulesetErrors as e:
            _say(e.text(lang))
            if not all(x.stage == "usage" for x in e.errors):
                raise typer.Exit(EXIT_UNUSABLE)  # the ruleset itself is unusable: nothing else can be checked
            err = {"file": str(p), "text": e.text(lang), "problems": [x.to_dict() for x in e.errors]}
            errors.append(err)
            rows.append(err)
            continue
        except Exception as e:  # noqa: BLE001 - a bug must not reach a lawyer as a traceback
            from .kit import internal_error_text
            text = internal_error_text(e, lang, str(p))
            err = {"file": str(p), "text": text, "internal": True,
                   "problems": [{"code": "engine.internal", "file": str(p), "line": None, "column": None,
                                 "message": text, "message_en": text}]}
            errors.append(err)
            rows.append(err)
            _say(text)
            continue
        results.append(r)
        rows.append(r)
        for w in r.warnings:
            _say(f"{p}: {w['message_en'] if lang == 'en' else w['message']} [{w['code']}]")
            if w["code"] == "ruleset.not-in-force":  # a usage notice: the option could not be used for this dossier
                errors.append({"file": str(p), "text": w["message"], "notice": True, "problems": []})
    if write_baseline:
        from ..tools.baseline import write_baseline as _write_baseline
        _write_baseline(baseline, results, __version__, keep=known)
    if known is not None:
        from ..tools.baseline import only_new
        hidden, newer = 0, {}
        for r in results:
            newer[id(r)], n = only_new(r, known)
            hidden += n
        results = [newer[id(r)] for r in results]
        rows = [newer.get(id(r), r) for r in rows]
        if hidden:
            _say(f"基线 {baseline} 中已有的 {hidden} 项问题未列出" if lang == "zh" else f"{hidden} findings already in the baseline {baseline} not shown")
    if fmt == "json":
        body = json_rows(rows)
    else:
        body = render(results, fmt, lang, explain, errors)
    if out:
        from .kit import OutputError, write_output
        try:
            write_output(out, body)
        except OutputError as e:
            _say(e.text(lang))
            raise typer.Exit(EXIT_UNUSABLE)
    elif body:
        typer.echo(body, nl=not body.endswith("\n"))
    raise typer.Exit(exit_code(results, errors, fail_on))


@app.command()
def schema(kind: str = typer.Option("", "--kind", "-k", help="案卷类型：重大执法决定 等（默认重大行政决策、行政规范性文件）/ dossier kind, e.g. major_enforcement_decision"),
           ruleset: Optional[str] = typer.Option(None, "--ruleset", "-r", help="含 vocabulary.yaml 的规则集目录：其事实也列入 / a ruleset folder whose vocabulary.yaml adds facts")) -> None:
    """打印案卷 JSON Schema（供编辑器校验）/ Print the dossier JSON Schema for editors."""
    from .kit import use_vocabulary
    use_vocabulary(ruleset)  # a ruleset folder's own facts are in its schema
    from ..tools.docsgen import json_schema
    from ..models.dossier import DocumentKind, Dossier
    from ..models.enforcement import EnforcementDossier
    k = DocumentKind.parse(kind) if kind else None
    if kind and not isinstance(k, DocumentKind):
        typer.echo(f"未知的案卷类型“{kind}”，可用：" + "、".join(f"{m.zh}（{m.value}）" for m in DocumentKind)
                   + f" / unknown dossier kind '{kind}'", err=True)
        raise typer.Exit(2)
    model = EnforcementDossier if k is DocumentKind.major_enforcement_decision else Dossier
    typer.echo(json.dumps(json_schema(model), ensure_ascii=False, indent=2))


@docs_app.command("dossier-format")
def docs_dossier_format(ruleset: Optional[str] = typer.Option(None, "--ruleset", "-r", help="含 vocabulary.yaml 的规则集目录：其事实也列入 / a ruleset folder whose vocabulary.yaml adds facts")) -> None:
    """生成 docs/dossier-format.md / Generate the dossier format documentation."""
    from .kit import use_vocabulary
    use_vocabulary(ruleset)
    from ..tools.docsgen import dossier_format_markdown
    typer.echo(dossier_format_markdown(), nl=False)


@rulesets_app.command("list")
def rulesets_list(fmt: str = typer.Option("text", "--format", "-f", help="text | json"),
                  lang: str = typer.Option("zh", "--lang", "-l")) -> None:
    """列出规则集 / List rulesets."""
    from ..core.errors import RulesetErrors
    from ..rulesets import all_ids, load
    rows = []
    for rid in all_ids():
        try:
            rs = load(rid)
        except RulesetErrors as e:
            _say(e.text(lang))
            raise typer.Exit(EXIT_UNUSABLE)
        ix = rs.index
        rows.append({"id": ix.id, "title": ix.title.zh, "title_en": ix.title.en, "kind": ix.kind, "version": ix.version,
                     "jurisdiction": ix.jurisdiction, "valid_from": ix.valid_from.isoformat() if ix.valid_from else None,
                     "valid_to": ix.valid_to.isoformat() if ix.valid_to else None, "extends": ix.extends,
                     "rules": len(rs.rules), "checkable_rules": sum(r.checkable for r in rs.rules),
                     # sector and decision-body layers (docs/sectors.md): what selects them and what they stack on
                     "layer": ix.layer, "sector": ix.sector, "body_levels": ix.body_levels, "stacks_on": ix.stacks_on,
                     "law": ix.law.zh, "relations": _relations(rs) if ix.layer != "jurisdiction" else {}})
    if fmt == "json":
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table
    t = Table()
    for col in (("编号", "id"), ("名称", "title"), ("区划", "jurisdiction"), ("施行", "valid_from"), ("废止", "valid_to"), ("上位", "extends"), ("规则数", "rules")):
        t.add_column(col[0] if lang == "zh" else col[1])
    for r in rows:
        t.add_row(r["id"], r["title"] if lang == "zh" else (r["title_en"] or r["title"]), r["jurisdiction"], r["valid_from"] or "",
                  r["valid_to"] or "", r["extends"] or _stacks_label(r, lang), str(r["rules"]))
    Console(width=160).print(t)


def _relations(rs) -> dict:
    """{adds: n, replaces: n, tightens: n} of a sector or decision-body layer's rules."""
    out: dict = {}
    for r in rs.rules:
        k = r.stands or "adds"
        out[k] = out.get(k, 0) + 1
    return out


def _stacks_label(r: dict, lang: str) -> str:
    """How `rulesets list` shows a layer that stacks on the chain rather than extending a parent."""
    if r["layer"] == "jurisdiction":
        return ""
    from ..prose.layers import LEVEL_EN, LEVEL_ZH, RELATION_EN, RELATION_ZH
    rel = r["relations"]
    if lang == "zh":
        what = ("领域：" + "、".join(r["sector"][:3])) if r["layer"] == "sector" else ("决策机关：" + "、".join(LEVEL_ZH[x] for x in r["body_levels"]))
        return f"叠加于 {r['stacks_on']}（{what}；{r['law']}；" + "、".join(f"{RELATION_ZH[k]}{v}" for k, v in rel.items()) + "）"
    what = ("sector: " + ", ".join(r["sector"][:3])) if r["layer"] == "sector" else ("body: " + ", ".join(LEVEL_EN[x] for x in r["body_levels"]))
    return f"stacked on {r['stacks_on']} ({what}; " + ", ".join(f"{RELATION_EN[k]} {v}" for k, v in rel.items()) + ")"


@rulesets_app.command("show")
def rulesets_show(ruleset_id: str = typer.Argument(..., help="规则集编号 / ruleset id"),
                  fmt: str = typer.Option("text", "--format", "-f", help="text | json"),
                  lang: str = typer.Option("zh", "--lang", "-l")) -> None:
    """显示规则集的每条规则 / Show every rule of a ruleset."""
    from ..core.errors import RulesetErrors
    from ..rulesets import load
    try:
        rs = load(ruleset_id)
    except RulesetErrors as e:
        _say(e.text(lang))
        raise typer.Exit(EXIT_UNUSABLE)
    if fmt == "json":
        typer.echo(rs.model_dump_json(indent=2, by_alias=True))
        return
    typer.echo(duties_text(rs, lang), nl=False)


def duties_text(rs, lang: str) -> str:  # noqa: ANN001 - rs: Ruleset
    """A ruleset as a table of duties: per rule, what it requires, on what basis, from which stage,
    under which conditions, and what a breach is (a MAY rule is a power, never "a violation")."""
    from ..prose import cite
    from ..models.ruleset import MODALITY_ZH, SEVERITY_ZH
    from ..prose.rules import describe_check, describe_condition
    zh = lang == "zh"
    ix = rs.index
    out = [f"{ix.title.get(lang)}  [{ix.id} {'第 ' + ix.version + ' 版' if zh else 'version ' + ix.version}]  "
           + (f"有效期 {ix.valid_from or '—'} 至 {ix.valid_to or '今'}" if zh else f"in force {ix.valid_from or '—'} to {ix.valid_to or 'now'}")]
    if len(rs.lineage) > 1:
        out.append(("层级：" if zh else "layers: ") + " → ".join(rs.lineage))
    if ix.layer != "jurisdiction":  # a sector or decision-body layer: its law, what selects it, what it stacks on
        from ..prose.layers import layer_header
        out.append(layer_header(rs, lang).rstrip("\n"))
    for name, p in ix.parameters.items():
        from ..prose.rules import UNIT_ZH
        out.append(f"  参数 {name} = {p.value}{UNIT_ZH.get(p.unit, ' ' + p.unit)}  {p.description.get(lang)}（{cite(p.basis, rs, lang)}）" if zh
                   else f"  parameter {name} = {p.value} {p.unit}  {p.description.get(lang)} ({cite(p.basis, rs, lang)})")
    section = None
    for r in rs.rules:
        sec = rs.sections.get(r.id)
        if sec and sec.get(lang) != section:
            section = sec.get(lang)
            out.append(f"\n{section}")
        out.append(f"  {r.title.get(lang)}  [{r.id}]")
        duty = MODALITY_ZH.get(r.modality, r.modality) if zh else r.modality.replace("_", " ").lower()
        line = [("依据：" if zh else "basis: ") + cite(r.basis, rs, lang), ("义务：" if zh else "duty: ") + duty]
        if r.modality != "MAY" and r.checkable:
            line.append(("违反时：" if zh else "if breached: ") + (SEVERITY_ZH.get(r.severity, r.severity) if zh else r.severity))
        line.append((f"自“{r.due.zh}”阶段起检查" if zh else f"checked from stage {r.due.value}"))
        out.append("      " + (" · ".join(line)))
        if r.when:
            out.append("      " + ("适用条件：" if zh else "applies when: ") + ("；" if zh else "; ").join(describe_condition(c, lang) for c in r.when))
        if r.unless:
            out.append("      " + ("除外：" if zh else "unless: ") + ("；" if zh else "; ").join(describe_condition(c, lang) for c in r.unless))
        if r.checkable:
            for c in r.checks:
                out.append("      " + ("检查：" if zh else "check: ") + describe_check(c, rs, lang))
        else:
            why = r.not_checkable_reason.get(lang) if r.not_checkable_reason else ""
            out.append("      " + ("不自动检查" if zh else "not checked automatically") + (f"：{why}" if zh and why else f": {why}" if why else ""))
        if ix.layer != "jurisdiction":
            out.append(_relation_text(r, lang).lstrip("\n"))
    return "\n".join(out) + "\n"


def _relation_text(r, lang: str) -> str:
    from ..prose.layers import relation_text
    return "\n      " + relation_text(r, lang)


@rulesets_app.command("lint")
def rulesets_lint(path: Path = typer.Argument(..., help="规则集目录 / ruleset folder"),
                  lang: str = typer.Option("zh", "--lang", "-l"),
                  fmt: str = typer.Option("text", "--format", "-f", help="text | json")) -> None:
    """检查规则集：结构、引用、条文出处 / Lint a ruleset: structure, names, citations."""
    from .kit import use_vocabulary
    folder = path.parent if path.is_file() else path
    for f in [folder] if (folder / "index.yaml").exists() else sorted(p.parent for p in folder.rglob("vocabulary.yaml")) if folder.is_dir() else []:
        use_vocabulary(str(f), lang if lang in ("zh", "en") else "zh")  # the facts each folder declares, before any model is built
    from ..tools.lint import lint_path
    problems = lint_path(path)
    if fmt == "json":
        typer.echo(json.dumps([p.to_dict() for p in problems], ensure_ascii=False, indent=2))
    else:
        for p in problems:
            typer.echo(p.text(lang))
        typer.echo(_lint_counts(path, len(problems), lang))
    raise typer.Exit(EXIT_UNUSABLE if problems else EXIT_OK)


def _lint_counts(path: Path, problems: int, lang: str) -> str:
    """What lint looked at: rulesets, files, rules (checkable), citations, parameters."""
    from ..core.errors import RulesetErrors
    from ..rulesets import load_folder
    folder = path.parent if path.is_file() else path
    folders = [folder] if (folder / "index.yaml").exists() else sorted(p.parent for p in folder.rglob("index.yaml")) if folder.is_dir() else []
    n_files = n_rules = n_check = n_params = 0
    for f in folders:
        try:
            index, rules, files, _ = load_folder(f)
        except RulesetErrors:
            continue
        n_files += len(files)
        n_rules += len(rules)
        n_check += sum(1 for r, _ in rules if r.checkable)
        n_params += len(index.parameters)
    if lang == "en":
        head = f"checked {len(folders)} ruleset(s), {n_files} file(s), {n_rules} rule(s) ({n_check} checkable), {n_params} parameter(s): " \
               "schema, names, citations, parameter ranges, layers only tighten, examples"
        return head + (f"; {problems} problem(s)" if problems else "; ruleset OK")
    head = f"已检查 {len(folders)} 个规则集、{n_files} 个文件、{n_rules} 条规则（可自动检查 {n_check} 条）、{n_params} 个参数：" \
           "结构、引用名称、条文出处、参数范围、下位只收紧、示例覆盖"
    return head + (f"；发现 {problems} 个问题" if problems else "；规则集检查通过")


@app.command()
def version() -> None:
    """显示版本 / Show version."""
    typer.echo(f"juece {__version__}")


def main() -> None:
    """The console entry point: `--debug` anywhere shows the trace of an internal error; any other
    unexpected exception is one line (the trace goes to a file) and exit 3, never a traceback."""
    import os
    from .kit import DEBUG_ENV, OutputError, internal_error_text
    if "--debug" in sys.argv[1:]:
        sys.argv = [a for a in sys.argv if a != "--debug"]
        os.environ[DEBUG_ENV] = "1"
    lang = _argv_lang(sys.argv[1:])
    try:  # typer's standalone mode: usage errors → 2, Ctrl-C → 130, typer.Exit → its code
        app()
    except KeyboardInterrupt:
        _say("已中断 / interrupted")
        sys.exit(EXIT_INTERRUPTED)
    except OutputError as e:
        _say(e.text(lang))
        sys.exit(EXIT_UNUSABLE)
    except BrokenPipeError:  # `juece check … | head`: the reader went away
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - so that the interpreter's final flush is quiet
        except OSError:
            pass
        sys.exit(EXIT_UNUSABLE)
    except Exception as e:  # noqa: BLE001 - a bug: one line and its own exit code
        _say(internal_error_text(e, lang))
        sys.exit(EXIT_INTERNAL)


def entry() -> None:
    """`juece` and `python -m engine`: main(), then leave without the interpreter's teardown.

    Tearing down the modules (the pydantic models built from the vocabulary, the compiled rulesets)
    takes ≈ 50 ms, a sixth of a `juece check` (bench/README.md). Nothing is lost by skipping it: the
    output streams are flushed and the atexit handlers run here (multiprocessing's, logging's,
    `weakref.finalize`'s temporary files), and juece writes its files with `with` or fsyncs them.
    Only when no other thread runs (a thread would be killed, not joined) and no profiler or tracer
    is on (`python -m cProfile -m engine …` writes its file after this returns); in-process callers
    (the tests) call main() itself and get its SystemExit."""
    import atexit
    import os
    import threading
    # juece uses no pydantic plugin: skip pydantic's scan of every installed distribution's entry
    # points for one (≈ 10 ms at the first model). PYDANTIC_DISABLE_PLUGINS= (empty) brings it back.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        main()
        code: object = 0
    except SystemExit as e:
        code = e.code
    if threading.active_count() > 1 or sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(code)  # a thread to join, or a profiler or debugger that writes its data after main() returns
    if code is None:
        code = 0
    elif not isinstance(code, int):  # sys.exit("text"): the text on stderr, exit 1 (as the interpreter does)
        try:
            print(code, file=sys.stderr)
        except (OSError, ValueError):
            pass
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (`juece check … | head`)
            if stream is sys.stdout and code == 0:
                code = EXIT_UNUSABLE
    atexit._run_exitfuncs()  # noqa: SLF001 - what the interpreter would run next
    os._exit(code)
