"""`juece opinion`: 合法性审查意见书 (.docx | .md | .html) and its 整改清单 (.xlsx | .docx). Wired in engine/cli/__init__.py.

Exit codes: 0 the documents were written · 2 the dossier, the ruleset, the template or an option could not be used.
The conclusion (合法 / 不合法 / 修改后提交 / 无法出具结论 / 不适用) is printed to stderr and is in the document;
it does not change the exit code (use `juece check` for a 0/1 gate).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Optional

import typer

EXIT_OK, EXIT_UNUSABLE = 0, 2
OPINION_FORMATS = ("docx", "md", "html")


def _fail(zh: str, en: str, lang: str) -> None:
    typer.echo(en if lang == "en" else zh, err=True)
    raise typer.Exit(EXIT_UNUSABLE)


def _parse_date(value: Optional[str], lang: str) -> Optional[dt.date]:
    if not value:
        return None
    from ..models.base import parse_date as parse_date_text
    try:
        d = parse_date_text(value)
    except Exception:  # noqa: BLE001
        d = None
    if not isinstance(d, dt.date):
        _fail(f"--date 不是日期：“{value}”（应为 2023-06-21 或 2023年6月21日）",
              f"--date is not a date: '{value}' (expected 2023-06-21 or 2023年6月21日)", lang)
    return d


def write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def load_and_check(file: Path, ruleset: Optional[str], stage: Optional[str], lang: str):  # noqa: ANN201
    """→ (DossierResult in explain mode, Dossier); exits 2 with a zh/en message on unusable input."""
    from ..check import check
    from ..core.errors import JueceError, RulesetErrors
    from ..load import load_dossier
    from ..models.dossier import Stage, unknown_stage
    st = None
    if stage:
        st = Stage.parse(stage)
        if not isinstance(st, Stage):
            _fail(*unknown_stage(stage), lang)
    if not file.is_file():
        _fail(f"{file}: 找不到案卷文件", f"{file}: no such dossier file", lang)
    try:
        loaded = load_dossier(file)
    except JueceError as e:
        _fail(e.text("zh"), e.text("en"), lang)
    try:
        return check(loaded, ruleset_id=ruleset, stage=st, explain=True), loaded.dossier
    except RulesetErrors as e:
        _fail(e.text("zh"), e.text("en"), lang)


def opinion_command(
    file: Path = typer.Argument(..., help="案卷文件（YAML/JSON）/ dossier file"),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="审查意见书输出文件（.docx / .md / .html）；md、html 可省略而输出到标准输出 / output file"),
    fmt: Optional[str] = typer.Option(None, "--format", "-f", help="docx | md | html（默认按 -o 的扩展名，否则 docx）"),
    number: Optional[str] = typer.Option(None, "--number", "-n", help="文号，如 彭司审〔2023〕12号（默认留空待填）/ document number"),
    template: Optional[Path] = typer.Option(None, "--template", "-t", help="本机关的 .docx 模板（变量见 docs/documents.md）/ your own .docx template"),
    reviewer: Optional[str] = typer.Option(None, "--reviewer", help="审查机构（署名），默认取案卷合法性审查记录的审查机构 / reviewing body"),
    date: Optional[str] = typer.Option(None, "--date", help="落款日期（默认今天）/ date of the opinion (default today)"),
    stage: Optional[str] = typer.Option(None, "--stage", "-s", help="按此阶段审查，如 集体讨论前 / review as at this stage"),
    ruleset: Optional[str] = typer.Option(None, "--ruleset", "-r", help="规则集编号（默认按区划和日期选用）/ ruleset id"),
    lang: str = typer.Option("zh", "--lang", "-l", help="zh | en"),
    rectification: Optional[Path] = typer.Option(None, "--rectification", help="同时写出整改清单（.xlsx 或 .docx）/ also write the rectification list"),
    deadline: Optional[str] = typer.Option(None, "--deadline", help="整改时限，如 2023年7月10日 或 集体讨论会议前（默认：可补正的为“提请集体讨论前”）"),
) -> None:
    """出具合法性审查意见书（及整改清单）/ Write the legality review opinion (and rectification list)."""
    from ..cli.kit import use_vocabulary
    if lang not in ("zh", "en"):
        _fail(f"--lang 只能是 zh 或 en，收到“{lang}”", f"--lang must be zh or en, got '{lang}'", "zh")
    use_vocabulary(ruleset, lang)  # a `--ruleset my-rules/` folder's own facts, before any model is built
    from . import TemplateProblem, build_opinion_docx, build_opinion_html, build_opinion_markdown, build_rectification_docx, build_rectification_xlsx
    if fmt is None:
        suffix = out.suffix.lower().lstrip(".") if out else ""
        fmt = suffix if suffix in OPINION_FORMATS else "docx"
    if fmt not in OPINION_FORMATS:
        _fail(f"--format 只能是 docx | md | html，收到“{fmt}”", f"--format must be docx | md | html, got '{fmt}'", lang)
    if fmt == "docx" and out is None:
        _fail("docx 需要用 -o 指定输出文件，如 -o 审查意见书.docx", "docx needs an output file: -o opinion.docx", lang)
    if template is not None:
        if fmt != "docx":
            _fail("--template 只用于 docx", "--template applies to docx only", lang)
        if not template.is_file():
            _fail(f"{template}: 找不到模板文件", f"{template}: no such template file", lang)
    if rectification is not None and rectification.suffix.lower() not in (".xlsx", ".docx"):
        _fail(f"整改清单只能写为 .xlsx 或 .docx：{rectification}", f"the rectification list is written as .xlsx or .docx: {rectification}", lang)
    on = _parse_date(date, lang)
    result, dossier = load_and_check(file, ruleset, stage, lang)
    kw = {"number": number, "reviewer": reviewer, "date": on, "lang": lang, "deadline": deadline}
    try:
        if fmt == "docx":
            body: bytes | str = build_opinion_docx(result, dossier, template=template, **kw)
        elif fmt == "md":
            body = build_opinion_markdown(result, dossier, **kw)
        else:
            body = build_opinion_html(result, dossier, **kw)
    except TemplateProblem as e:
        _fail(e.zh, e.en, lang)
    from .conclusion import conclude
    c = conclude(result)
    try:
        if out is None:
            typer.echo(body, nl=not str(body).endswith("\n"))
        else:
            write_atomic(out, body if isinstance(body, bytes) else body.encode("utf-8"))
        if rectification is not None:
            build = build_rectification_xlsx if rectification.suffix.lower() == ".xlsx" else build_rectification_docx
            write_atomic(rectification, build(result, dossier, lang=lang, deadline=deadline))
    except OSError as e:
        _fail(f"无法写入：{e}", f"cannot write: {e}", lang)
    said = (f"结论：{c.label}" + (f" → {out}" if out else "") + (f"；整改清单 → {rectification}" if rectification else "")) if lang == "zh" \
        else (f"conclusion: {c.label_en}" + (f" → {out}" if out else "") + (f"; rectification list → {rectification}" if rectification else ""))
    print(said, file=sys.stderr)
    raise typer.Exit(EXIT_OK)
