"""Subcommands imported only when they run (or when `--help` lists them).

`juece check` is run on every save from an editor and from OA systems, so it must not pay for the
audit, specs, ruleset-tools or web code. A command that lives in its own module is registered by
name, as "module:attribute", where the attribute is a typer command function or a `typer.Typer`
sub-app:

    app = typer.Typer(..., cls=lazy_group({"audit": "engine.audit.cli:audit_command",
                                           "specs": "engine.specs.cli:app"}))

The module is imported the first time click asks for that command; nothing else changes for the
command (its options, help and exit codes are the module's own).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any, Callable, Optional

import typer
from typer.core import TyperGroup


class LazyGroup(TyperGroup):
    """A typer group whose `lazy` commands ({name: "module:attribute"}) are imported on first use."""

    lazy: dict[str, str] = {}
    #: called with the command line (the command's name and its arguments) before a lazy command's
    #: module is imported: what must precede that module's imports (engine/cli.py: a --ruleset folder's facts)
    before_import: Optional[Callable[[list[str]], None]] = None

    def list_commands(self, ctx: Any) -> list[str]:
        names = super().list_commands(ctx)
        return names + [n for n in self.lazy if n not in names]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        cmd = super().get_command(ctx, cmd_name)
        if cmd is None and cmd_name in self.lazy:
            cmd = self._load(cmd_name, self.lazy[cmd_name])
            self.add_command(cmd, cmd_name)
        return cmd

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        hook = type(self).before_import
        if hook is not None and args and args[0] in self.lazy:
            hook(list(args))
        return super().resolve_command(ctx, args)

    def _load(self, name: str, target: str) -> Any:
        module, _, attr = target.partition(":")
        obj = getattr(import_module(module), attr)
        from typer.main import TyperInfo, get_command, get_group_from_info
        if isinstance(obj, typer.Typer):  # a sub-app: built as `app.add_typer(obj, name=name)` would build it
            return get_group_from_info(TyperInfo(obj, name=name), pretty_exceptions_short=True,
                                       rich_markup_mode=self.rich_markup_mode, suggest_commands=self.suggest_commands)
        one = typer.Typer(add_completion=False, rich_markup_mode=self.rich_markup_mode)
        one.command(name)(obj)
        return get_command(one)


def lazy_group(commands: dict[str, str], base: Optional[type] = None,
               before_import: Optional[Callable[[list[str]], None]] = None) -> type:
    """A LazyGroup class (for `typer.Typer(cls=...)`) that knows these lazily imported commands."""
    return type("LazyGroup", (base or LazyGroup,), {"lazy": dict(commands), "before_import": staticmethod(before_import) if before_import else None})
