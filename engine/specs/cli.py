"""`juece specs …` commands (filled in by the specs work)."""

import typer

app = typer.Typer(help="Gherkin 规格：运行与覆盖率 / Gherkin specs: run and coverage", no_args_is_help=True)
