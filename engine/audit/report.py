"""summary → report.html: a self-contained dashboard (no CDN, no script from elsewhere, charts as inline SVG).

Chinese by default; a button switches to English (both languages are in the page, CSS shows one).
The layout is engine/render/templates/dashboard.html.j2; the charts are drawn here.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from html import escape
from typing import Any, Optional

from jinja2 import Environment, PackageLoader

from ..models.dossier import Category

BAR_H, GAP, LABEL_W, BAR_W, NUM_W = 22, 6, 230, 420, 150


def _colour(rate: Optional[float]) -> str:
    if rate is None:
        return "#b0b7c3"
    if rate >= 0.95:
        return "#2e8b57"
    if rate >= 0.8:
        return "#e0a100"
    return "#c8372d"


def _clip(s: str, n: int = 18) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


def bar_chart(rows: list[dict[str, Any]], chart_id: str, title_zh: str, title_en: str) -> str:
    """Horizontal bars of rates (0–1). rows: {zh, en, rate, num, den, extra_zh?, extra_en?}."""
    h = len(rows) * (BAR_H + GAP) + 34
    w = LABEL_W + BAR_W + NUM_W
    out = [f'<svg class="chart" id="{escape(chart_id)}" role="img" xmlns="http://www.w3.org/2000/svg" '
           f'width="{w}" height="{h}" viewBox="0 0 {w} {h}">',
           f'<title>{escape(title_zh)} / {escape(title_en)}</title>']
    for x in (0, 0.5, 1.0):
        gx = LABEL_W + x * BAR_W
        out.append(f'<line x1="{gx:.1f}" y1="4" x2="{gx:.1f}" y2="{h - 22}" stroke="#dde1e7" stroke-width="1"/>')
        out.append(f'<text x="{gx:.1f}" y="{h - 6}" font-size="11" text-anchor="middle" fill="#667">{int(x * 100)}%</text>')
    for i, r in enumerate(rows):
        y = 6 + i * (BAR_H + GAP)
        rate = r.get("rate")
        width = 0 if rate is None else max(1.0, rate * BAR_W)
        zh, en = _clip(str(r["zh"])), _clip(str(r.get("en") or r["zh"]), 30)
        out.append(f'<g class="bar" data-label="{escape(str(r["zh"]))}" data-rate="{"" if rate is None else rate}">')
        out.append(f'<title>{escape(str(r["zh"]))}: {r.get("num", "")}/{r.get("den", "")}</title>')
        out.append(f'<text class="zh" x="{LABEL_W - 8}" y="{y + 15}" font-size="13" text-anchor="end">{escape(zh)}</text>')
        out.append(f'<text class="en" x="{LABEL_W - 8}" y="{y + 15}" font-size="13" text-anchor="end">{escape(en)}</text>')
        out.append(f'<rect x="{LABEL_W}" y="{y}" width="{BAR_W}" height="{BAR_H}" fill="#f1f3f6"/>')
        out.append(f'<rect x="{LABEL_W}" y="{y}" width="{width:.1f}" height="{BAR_H}" fill="{_colour(rate)}"/>')
        label = "—" if rate is None else f"{rate * 100:.1f}%"
        out.append(f'<text x="{LABEL_W + BAR_W + 8}" y="{y + 15}" font-size="12">{label}  ({r.get("num", 0)}/{r.get("den", 0)})</text>')
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)


def _category_label(key: str) -> tuple[str, str]:
    if not key:
        return "（未填）", "(not given)"
    try:
        c = Category(key)
        return c.zh, key.replace("_", " ")
    except ValueError:
        return key, key


def _group_rows(groups: dict[str, dict], dim: str, limit: int = 25) -> list[dict]:
    rows = []
    for key, g in groups.items():
        if not g["applicable"]:
            continue
        zh, en = _category_label(key) if dim == "category" else ((key, key) if key else (("（无领域规则集）", "(no sector layer)") if dim == "sector" else ("（未填）", "(not given)")))
        rows.append({"zh": zh, "en": en, "rate": g["compliance_rate"], "num": g["compliant"], "den": g["applicable"]})
    if dim == "year":
        rows.sort(key=lambda r: r["zh"])
    else:  # worst first, then the larger groups
        rows.sort(key=lambda r: (r["rate"] if r["rate"] is not None else 2, -r["den"], r["zh"]))
    return rows[:limit]


@lru_cache(maxsize=1)
def _env() -> Environment:
    # Its own environment: autoescape on for every value (engine.render's only escapes *.html names).
    return Environment(loader=PackageLoader("engine.render", "templates"), autoescape=True, trim_blocks=True, lstrip_blocks=True)


def render_dashboard(s: dict, lang: str = "zh") -> str:
    rate_rows = [{"zh": r["zh"], "en": r["en"], "rate": r["rate"], "num": r["numerator"], "den": r["denominator"]}
                 for r in s["rates"] if r.get("assessable", True)]
    charts = {
        "rates": bar_chart(rate_rows, "chart-rates", "各项程序履行率", "Procedure rates"),
        "decision_body": bar_chart(_group_rows(s["by"]["decision_body"], "decision_body"), "chart-body", "按决策机关", "By decision body"),
        "undertaking_unit": bar_chart(_group_rows(s["by"]["undertaking_unit"], "undertaking_unit"), "chart-unit", "按承办单位", "By undertaking unit"),
        "year": bar_chart(_group_rows(s["by"]["year"], "year", 50), "chart-year", "按年度", "By year"),
        "category": bar_chart(_group_rows(s["by"]["category"], "category"), "chart-category", "按事项类别", "By category"),
        "sector": bar_chart(_group_rows(s["by"].get("sector", {}), "sector"), "chart-sector", "按事项领域", "By sector"),
    }
    tpl = _env().get_template("dashboard.html.j2")
    return tpl.render(s=s, charts=charts, lang=lang, category_label=_category_label,
                      generated=dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M"))
