"""The ruleset handbook as a page (`juece rulesets docs --format html`): Markdown through markdown-it-py."""

from __future__ import annotations

from typer.testing import CliRunner

from engine.cli import app
from engine.render.markdown import page

runner = CliRunner()


def test_handbook_page_has_the_rules_their_articles_and_tables():
    r = runner.invoke(app, ["rulesets", "docs", "cn.mad.decree-713", "--format", "html"])
    assert r.exit_code == 0, r.output
    html = r.output
    assert html.startswith("<!doctype html>") and '<html lang="zh-CN">' in html
    assert "<h3>合法性审查" in html or "合法性审查" in html
    assert "第二十五条" in html  # the legality-review duty cites its article
    assert "<table>" in html and "<thead>" in html and "<blockquote>" in html  # parameters table, quoted article text
    assert "@page { size: A4" in html  # the shared print stylesheet


def test_markup_in_the_text_is_shown_not_run():
    html = page("# 标题\n\n<script>alert(1)</script> 与 `代码`\n", "<b>t</b>", "zh")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<title>&lt;b&gt;t&lt;/b&gt;</title>" in html and "<code>代码</code>" in html


def test_english_page():
    r = runner.invoke(app, ["rulesets", "docs", "cn.mad.decree-713", "--format", "html", "--lang", "en"])
    assert r.exit_code == 0 and '<html lang="en">' in r.output and "Art. 25" in r.output
