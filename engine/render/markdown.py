"""Markdown → a printable HTML page (the ruleset handbook, `juece rulesets docs --format html`).

The Markdown is converted by markdown-it-py (CommonMark with tables; raw HTML in the text is
escaped, never passed through), and placed in a page with the CJK font stack and the print
stylesheet (A4, table headers repeated, no row cut over a page break) that the reports share.
"""

from __future__ import annotations

from functools import lru_cache

from markupsafe import Markup


@lru_cache(maxsize=1)
def _md():
    from markdown_it import MarkdownIt
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def page(md: str, title: str, lang: str = "zh") -> str:
    """A whole HTML page for `md`, titled `title`, in `lang` (zh | en)."""
    from . import environment  # the reports' jinja2 environment (templates/, autoescaped)
    return environment().get_template("handbook.html.j2").render(body=Markup(_md().render(md)), title=title, lang=lang)
