"""Text report for a terminal: one table per dossier (rich handles CJK widths)."""

from __future__ import annotations

import io
import os
import shutil

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..models.finding import DossierResult, Finding
from . import LABELS, basis_label, headline, stage_label


def layers_line(r: DossierResult, lang: str) -> str:
    """叠加：《价格法》（cn.sector.price）…；未适用：mad.coll.meeting-type（依照…）."""
    zh = lang == "zh"
    out = ""
    if r.manifest.layers:
        names = [(f"{x['title']}（{x['id']}）" if x['layer'] == 'decision_body' else f"{x['law']}（{x['id']}）") if zh else f"{x['law_en']} ({x['id']})" for x in r.manifest.layers]
        out += ("叠加：" if zh else "Layers: ") + ("；".join(names) if zh else "; ".join(names)) + "\n"
    for x in r.manifest.displaced:
        out += (f"未适用：{x['rule']}（{x['basis']}）——{x['reason']}\n" if zh
                else f"Not applied: {x['rule']} ({x['basis_en']}) — {x['reason_en']}\n")
    return out

_STYLE = {"violated": "bold red", "indeterminate": "yellow", "waived": "cyan", "satisfied": "green", "not_applicable": "dim"}


def _evidence(f: Finding, lang: str) -> str:
    from . import evidence_line
    return "\n".join(evidence_line(e, lang) for e in f.evidence)


def render_text(results: list[DossierResult], lang: str, explain: bool, errors: list[dict]) -> str:
    L = LABELS[lang]
    buf = io.StringIO()
    width = int(os.environ.get("COLUMNS", 0)) or max(shutil.get_terminal_size((140, 40)).columns, 120)
    console = Console(file=buf, width=width, force_terminal=False, no_color=True, emoji=False, highlight=False)
    for r in results:
        head = Text()
        head.append(f"{L['dossier']}：{r.dossier}  {r.title}\n" if lang == "zh" else f"{L['dossier']}: {r.dossier}  {r.title}\n")
        head.append(f"{L['file']}: {r.file}\n")
        if r.ruleset.get("id"):
            head.append(f"{L['ruleset']}: {r.ruleset.get('title') or r.ruleset.get('id')} ({r.ruleset.get('id')} {r.ruleset.get('version')})\n")
        else:
            head.append(f"{L['ruleset']}: {'无' if lang == 'zh' else 'none'}\n")
        if r.manifest.layers or r.manifest.displaced:  # sector and decision-body layers (engine/layers.py)
            head.append(layers_line(r, lang))
        head.append(f"{L['stage']}: {stage_label(r.stage, lang)}\n")
        for w in r.warnings:
            head.append(f"{L['warning']}: {w['message'] if lang == 'zh' else w['message_en']}\n")
        if not r.applicable:
            head.append(f"{L['not_applicable']}: {r.reason if lang == 'zh' else r.reason_en}\n")
        else:
            head.append(f"{L['record_basis']}: {basis_label(r, lang)}\n")
            for src in r.sources:
                head.append(f"{L['sources']}: {src}\n")
            head.append(f"{L['result']}: {headline(r, lang)}\n")
        console.print(head)
        rows = r.outcomes if explain and r.outcomes is not None else r.findings
        if r.applicable and not rows:
            console.print(L["none"] + "\n")
            continue
        if not rows:
            continue
        t = Table(show_lines=True, expand=True)
        t.add_column(L["result"], no_wrap=True)
        t.add_column(L["rule"], ratio=2, overflow="fold")
        t.add_column(L["basis"], ratio=2, overflow="fold")
        t.add_column(L["problem"] if not explain else L["reason"], ratio=4, overflow="fold")
        t.add_column(L["evidence"], ratio=3, overflow="fold")
        for f in rows:
            outcome = L["outcome"][f.outcome] + ("" if f.outcome != "violated" else f"\n({L['severity'][f.severity]})")
            if f.grounds == "absence":
                outcome += f"\n{L['grounds']['absence']}"
            if f.outcome == "violated":
                body = f.message if lang == "zh" else f.message_en
                body += f"\n{L['remedy']}: " + (f.remedy if lang == "zh" else f.remedy_en)
            else:
                body = (f.reason if lang == "zh" else f.reason_en) or ""
                if f.outcome == "indeterminate":
                    body = (f.message if lang == "zh" else f.message_en) + "\n" + L["reason"] + ": " + body
            t.add_row(Text(outcome, style=_STYLE.get(f.outcome, "")), f"{f.title if lang == 'zh' else f.title_en}\n{f.rule}",
                      f.basis if lang == "zh" else f.basis_en, body, _evidence(f, lang))
        console.print(t)
        console.print()
    if errors:
        console.print(L["errors"] + ":")
        for e in errors:
            console.print(f"  {e['text']}")
    return buf.getvalue()
