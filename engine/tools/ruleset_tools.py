"""Ruleset tools for legal staff: `juece rulesets diff | docs | impact` (wired in cli.py).

    diff A B        what B adds, drops, replaces or tightens relative to A (rules, parameters,
                    validity, jurisdiction) — e.g. a layer against its parent, or two versions
    docs ID         a handbook of a ruleset: every requirement with its basis (verbatim), condition,
                    stage, checks and parameters, and where a layer tightens its parent
    impact OLD NEW  re-check an archive under both rulesets and list the dossiers whose outcome
                    changes (compliant/not, or any rule's outcome)

No legal logic here: everything shown comes from the rulesets and from check.check().
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer

from ..models.ruleset import Rule, Ruleset
from ..prose.rules import describe_check, describe_condition

EXIT_OK, EXIT_CHANGED, EXIT_UNUSABLE = 0, 1, 2


def _load(rid: str, lang: str) -> Ruleset:
    from ..core.errors import RulesetErrors
    from ..rulesets import load
    try:
        return load(rid)
    except RulesetErrors as e:
        typer.echo(e.text(lang), err=True)
        raise typer.Exit(EXIT_UNUSABLE)


def _t(zh: str, en: str, lang: str) -> str:
    return en if lang == "en" else zh


# ------------------------------------------------------------------------------ diff

def diff(a: Ruleset, b: Ruleset, lang: str = "zh") -> dict:
    """Structured difference B − A."""
    ra, rb = {r.id: r for r in a.rules}, {r.id: r for r in b.rules}
    replaced = {r.tightens: r.id for r in b.rules if r.tightens and r.tightens in ra and r.tightens not in rb}
    how = {p: "tightens" for p in replaced}
    for r in b.rules:  # a sector or decision-body layer's replacements (engine/layers.py)
        for t in r.replaces:
            if t in ra and t not in rb:
                replaced[t], how[t] = r.id, "replaces"
    added = [i for i in rb if i not in ra and i not in replaced.values()]
    removed = [i for i in ra if i not in rb and i not in replaced]
    changed = []
    for i in ra:
        if i in rb and ra[i].model_dump(exclude={"basis": {"law", "law_en"}}) != rb[i].model_dump(exclude={"basis": {"law", "law_en"}}):
            fields = [k for k in Rule.model_fields if getattr(ra[i], k) != getattr(rb[i], k) and k != "basis"]
            if ra[i].basis.model_dump(exclude={"law", "law_en"}) != rb[i].basis.model_dump(exclude={"law", "law_en"}):
                fields.append("basis")
            changed.append({"rule": i, "fields": fields})
    params = []
    for n in sorted(set(a.index.parameters) | set(b.index.parameters)):
        pa, pb = a.index.parameters.get(n), b.index.parameters.get(n)
        if (pa and pa.value) != (pb and pb.value) or (pa and pa.unit) != (pb and pb.unit):
            tighter = None
            if pa and pb and pa.unit == pb.unit:
                tighter = pb.value > pa.value if pa.direction == "minimum" else pb.value < pa.value
            params.append({"parameter": n, "a": pa.value if pa else None, "b": pb.value if pb else None,
                           "unit": (pb or pa).unit, "tighter": tighter})
    meta = {k: {"a": str(getattr(a.index, k)), "b": str(getattr(b.index, k))}
            for k in ("jurisdiction", "valid_from", "valid_to", "version", "kind", "extends")
            if getattr(a.index, k) != getattr(b.index, k)}
    return {"a": a.id, "b": b.id, "index": meta, "added": added, "removed": removed,
            "replaced": [{"parent": p, "by": c, "relation": how[p]} for p, c in replaced.items()], "changed": changed, "parameters": params}


INDEX_ZH = {"jurisdiction": "行政区划", "valid_from": "施行日期", "valid_to": "废止日期", "version": "版本",
            "kind": "案卷类型", "extends": "上位规则集"}
FIELD_ZH = {"title": "标题", "basis": "依据", "modality": "义务", "severity": "严重程度", "due": "检查阶段", "when": "适用条件",
            "unless": "除外", "checks": "检查", "check": "检查", "message": "问题表述", "remedy": "整改", "tightens": "收紧",
            "waived_when": "豁免", "not_checkable_reason": "不自动检查的理由"}


def diff_text(d: dict, a: Ruleset, b: Ruleset, lang: str) -> str:
    from ..prose import cite
    out = [_t(f"规则集差异：{d['a']} → {d['b']}（+ 新增，~ 替代或改动，- 删除）", f"ruleset diff: {d['a']} → {d['b']} (+ added, ~ replaced or changed, - removed)", lang)]
    for k, v in d["index"].items():
        none = _t("（无）", "(none)", lang)
        out.append(f"  {_t(INDEX_ZH.get(k, k), k, lang)}: {none if v['a'] == 'None' else v['a']} → {none if v['b'] == 'None' else v['b']}")
    for p in d["parameters"]:
        flag = "" if p["tighter"] is None else _t("（收紧）" if p["tighter"] else "（放宽！）", " (tighter)" if p["tighter"] else " (LOOSER!)", lang)
        out.append(_t(f"  参数 {p['parameter']}: {p['a']} → {p['b']} {p['unit']}{flag}", f"  parameter {p['parameter']}: {p['a']} → {p['b']} {p['unit']}{flag}", lang))
    rb = {r.id: r for r in b.rules}
    ra = {r.id: r for r in a.rules}
    for i in d["added"]:
        r = rb[i]
        out.append(f"  + {i}  {r.title.get(lang)}  ({cite(r.basis, b, lang)})")
    for x in d["replaced"]:
        r = rb[x["by"]]
        if x.get("relation") == "replaces":  # another law's procedure governs: the rule is not applied
            out.append(_t(f"  ≠ {x['parent']} 不再适用，由 {x['by']} 替代（依照{cite(r.basis, b, lang)}）：{r.title.get(lang)}",
                          f"  ≠ {x['parent']} not applied, replaced by {x['by']} (under {cite(r.basis, b, lang)}): {r.title.get(lang)}", lang))
            continue
        out.append(_t(f"  ~ {x['parent']} 由 {x['by']} 收紧替代：{r.title.get(lang)}  ({cite(r.basis, b, lang)})",
                      f"  ~ {x['parent']} replaced (tightened) by {x['by']}: {r.title.get(lang)}  ({cite(r.basis, b, lang)})", lang))
    for c in d["changed"]:
        out.append(_t(f"  ~ {c['rule']} 有改动：{'、'.join(FIELD_ZH.get(f, f) for f in c['fields'])}", f"  ~ {c['rule']} changed: {', '.join(c['fields'])}", lang))
    for i in d["removed"]:
        r = ra[i]
        out.append(f"  - {i}  {r.title.get(lang)}  ({cite(r.basis, a, lang)})")
    if len(out) == 1:
        out.append(_t("  （无差异）", "  (no differences)", lang))
    return "\n".join(out)


def diff_command(a: str = typer.Argument(..., help="规则集编号 A（旧/上位）/ ruleset A (old or parent)"),
                 b: str = typer.Argument(..., help="规则集编号 B（新/下位）/ ruleset B (new or layer)"),
                 fmt: str = typer.Option("text", "--format", "-f", help="text | json"),
                 lang: str = typer.Option("zh", "--lang", "-l", help="zh | en")) -> None:
    """比较两个规则集 / Show what ruleset B adds, drops, replaces or changes relative to A."""
    ra, rb = _load(a, lang), _load(b, lang)
    if rb.index.layer != "jurisdiction" and ra.index.layer == "jurisdiction":
        # a sector or decision-body layer: what it does on top of A, i.e. A against A with the layer stacked
        rb = _load(f"{ra.id}+{rb.id}", lang)
    d = diff(ra, rb, lang)
    typer.echo(json.dumps(d, ensure_ascii=False, indent=2) if fmt == "json" else diff_text(d, ra, rb, lang))


# ------------------------------------------------------------------------------ docs (handbook)

def handbook(rs: Ruleset, lang: str = "zh") -> str:
    """Markdown handbook of a ruleset."""
    from ..prose import cite
    from ..models.ruleset import MODALITY_ZH, SEVERITY_ZH
    from ..rulesets import load
    ix = rs.index
    L = []
    L.append(f"# {ix.title.get(lang)}\n")
    rows = [(_t("编号", "Id", lang), f"`{ix.id}` {_t('第', 'version ', lang)}{ix.version}{_t(' 版', '', lang)}"),
            (_t("依据文件", "Instrument", lang), ix.law.get(lang) + (f"（{ix.instrument}）" if ix.instrument else "")),
            (_t("案卷类型", "Dossier kind", lang),
             _t({"mad": "重大行政决策", "normative_document": "行政规范性文件", "major_enforcement_decision": "重大执法决定"}.get(ix.kind, ix.kind), ix.kind, lang)),
            (_t("行政区划", "Jurisdiction", lang), _t("全国", "national", lang) if ix.jurisdiction == "CN" else ix.jurisdiction),
            (_t("有效期", "In force", lang), f"{ix.valid_from or '—'} — {ix.valid_to or _t('（未定）', '(open)', lang)}")]
    if ix.issued:
        rows.append((_t("文件日期", "Issued", lang), str(ix.issued)))
    if len(rs.lineage) > 1:
        rows.append((_t("上位规则集", "Extends", lang), " → ".join(f"`{x}`" for x in rs.lineage[1:])))
    if ix.source:
        rows.append((_t("文本来源", "Source", lang), ix.source))
    if ix.layer != "jurisdiction":  # sector / decision-body layer (docs/sectors.md)
        from ..prose.layers import LEVEL_EN, LEVEL_ZH
        rows.append((_t("层类", "Layer", lang), _t({"sector": "领域规则集（按“事项领域”选用）", "decision_body": "决策机关层级规则集（按“决策机关层级”选用）"}[ix.layer],
                                                    {"sector": "sector layer (chosen by the dossier's sector)", "decision_body": "decision-body layer (chosen by the body's level)"}[ix.layer], lang)))
        if ix.sector:
            rows.append((_t("领域名称", "Sector names", lang), "、".join(ix.sector) if lang == "zh" else ", ".join(ix.sector)))
        if ix.body_levels:
            rows.append((_t("决策机关层级", "Decision body level", lang), "、".join(LEVEL_ZH[x] for x in ix.body_levels) if lang == "zh" else ", ".join(LEVEL_EN[x] for x in ix.body_levels)))
        rows.append((_t("叠加于", "Stacked on", lang), f"`{ix.stacks_on}`" + _t("（及其地方层）", " (and its local layers)", lang)))
    L.append(f"| | |\n|---|---|")
    L += [f"| {k} | {v} |" for k, v in rows]
    L.append("")
    if ix.note:
        L.append(f"> {ix.note.get(lang)}\n")
    L.append(f"{_t('期间计算', 'Counting days', lang)}：{ix.day_counting.get(lang)}\n")
    parent = None
    if ix.extends:
        try:
            parent = load(ix.extends)
        except Exception:  # noqa: BLE001
            parent = None
    own = set()
    declared = rs.declared or ix
    if ix.extends:
        own = {r.id for r in rs.rules if r.tightens or (parent and r.id not in {p.id for p in parent.rules})}
    if ix.parameters:
        L.append(f"## {_t('参数', 'Parameters', lang)}\n")
        L.append(_t("| 参数 | 数值 | 单位 | 说明 | 依据 | 与上位比较 |", "| Parameter | Value | Unit | Meaning | Basis | vs. parent |", lang))
        L.append("|---|---|---|---|---|---|")
        for n, p in ix.parameters.items():
            cmp = ""
            if parent and n in parent.index.parameters and n in declared.parameters:
                pv = parent.index.parameters[n].value
                cmp = _t(f"收紧（上位 {pv}）", f"tightened (parent {pv})", lang) if pv != p.value else _t("同上位", "same", lang)
            L.append(f"| `{n}` | {p.value} | {p.unit} | {p.description.get(lang)} | {cite(p.basis, rs, lang)} | {cmp} |")
        L.append("")
    if declared.disable:
        L.append(f"## {_t('停用的上位规则', 'Parent rules disabled', lang)}\n")
        for d in declared.disable:
            L.append(f"- `{d.rule}`：{d.reason.get(lang) if d.reason else _t('（未说明理由）', '(no reason given)', lang)}")
        L.append("")
    if ix.exclusions:
        L.append(f"## {_t('不适用的决策', 'Excluded decisions', lang)}\n")
        for e in ix.exclusions:
            L.append(f"- {e.reason.get(lang)}（{cite(e.basis, rs, lang)}）")
        L.append("")
    section = None
    first = True
    order = sorted(rs.rules, key=lambda r: (0 if r.id in own else 1)) if own else rs.rules
    for r in order:
        if first and own:
            L.append(f"## {_t('本层增加或收紧的要求', 'Requirements this layer adds or tightens', lang)}\n")
        if own and r.id not in own and (first or section != "__inherited__"):
            L.append(f"## {_t('继承自上位规则集的要求', 'Requirements inherited from the parent', lang)}\n")
            section = "__inherited__"
        first = False
        sec = rs.sections.get(r.id)
        if not own and sec and sec.get(lang) != section:
            section = sec.get(lang)
            L.append(f"## {section}\n")
        L.append(f"### {r.title.get(lang)}\n")
        L.append(f"- {_t('规则', 'Rule', lang)}：`{r.id}`")
        L.append(f"- {_t('依据', 'Basis', lang)}：{cite(r.basis, rs, lang)}")
        if r.basis.text:
            L.append(f"  > {r.basis.text}")
        mod = MODALITY_ZH[r.modality] if lang == "zh" else r.modality
        sev = SEVERITY_ZH[r.severity] if lang == "zh" else r.severity
        L.append(f"- {_t('义务', 'Modality', lang)}：{mod} · {_t('违反时', 'if breached', lang)}：{sev} · {_t('自此阶段起检查', 'checked from stage', lang)}：{r.due.zh if lang == 'zh' else r.due.value}")
        if r.when:
            L.append(f"- {_t('适用条件', 'Applies when', lang)}：" + _t("；", "; ", lang).join(describe_condition(c, lang) for c in r.when))
        if r.unless:
            L.append(f"- {_t('除外', 'Unless', lang)}：" + _t("；", "; ", lang).join(describe_condition(c, lang) for c in r.unless))
        if r.waived_when:
            L.append(f"- {_t('豁免', 'Waived when', lang)}：" + _t("；", "; ", lang).join(describe_condition(c, lang) for c in r.waived_when.when)
                     + f"（{r.waived_when.reason.get(lang)}）")
        if r.checkable:
            for c in r.checks:
                L.append(f"- {_t('检查', 'Check', lang)}：{describe_check(c, rs, lang)}")
        else:
            L.append(f"- {_t('不自动检查', 'Not checked automatically', lang)}：{r.not_checkable_reason.get(lang) if r.not_checkable_reason else ''}")
        if ix.layer != "jurisdiction":
            from ..prose.layers import relation_text
            L.append(f"- {_t('与条例的关系', 'Relation to the rules beneath', lang)}：{relation_text(r, lang)}")
        if r.tightens and parent:
            try:
                pr = parent.rule(r.tightens)
                L.append(f"- {_t('收紧上位规则', 'Tightens', lang)}：`{pr.id}` {pr.title.get(lang)}（{cite(pr.basis, parent, lang)}）")
            except KeyError:
                pass
        elif parent and r.id in own:
            L.append(f"- {_t('与上位关系', 'vs. parent', lang)}：{_t('本层新增（上位规则集无此要求）', 'added by this layer (the parent has no such requirement)', lang)}")
        if r.checkable:
            L.append(f"- {_t('违反时报告', 'Reported as', lang)}：{r.message.get(lang)}")
            L.append(f"- {_t('整改', 'Remedy', lang)}：{r.remedy.get(lang)}")
        L.append("")
    return "\n".join(L).rstrip("\n") + "\n"


def docs_command(ruleset_id: str = typer.Argument(..., help="规则集编号 / ruleset id"),
                 fmt: str = typer.Option("md", "--format", "-f", help="md | html"),
                 lang: str = typer.Option("zh", "--lang", "-l", help="zh | en"),
                 out: Optional[Path] = typer.Option(None, "--out", "-o", help="写入文件 / write to a file")) -> None:
    """规则集手册：每项要求、依据、条件、参数及对上位的收紧 / A handbook of a ruleset for legal staff."""
    if fmt not in ("md", "html"):
        typer.echo(_t(f"--format 只能是 md 或 html，收到“{fmt}”", f"--format must be md or html, got '{fmt}'", lang), err=True)
        raise typer.Exit(EXIT_UNUSABLE)
    rs = _load(ruleset_id, lang)
    md = handbook(rs, lang)
    if fmt == "md":
        body = md
    else:
        from ..render.markdown import page
        body = page(md, rs.index.title.get(lang), lang)
    if out:
        from ..cli.kit import OutputError, write_output
        try:
            write_output(out, body)
        except OutputError as e:
            typer.echo(e.text(lang), err=True)
            raise typer.Exit(EXIT_UNUSABLE)
    else:
        typer.echo(body, nl=False)


# ------------------------------------------------------------------------------ impact

def coverage(rs: Ruleset, d) -> Optional[str]:  # noqa: ANN001 - d: Dossier
    """Why ruleset `rs` does not cover dossier `d` (kind | place | date), None if it does."""
    if rs.index.kind != d.kind_of():
        return "kind"
    j = rs.index.jurisdiction
    if j != "CN" and not (d.jurisdiction and d.jurisdiction.startswith(j)):
        return "place"
    on = d.effective_date_basis()[0]
    if on is not None and not rs.in_force(on):
        return "date"
    return None


NOT_COVERED_ZH = {"kind": "案卷类型不同", "place": "行政区划不在适用范围内", "date": "不在有效期内"}
NOT_COVERED_EN = {"kind": "another kind of dossier", "place": "outside the ruleset's jurisdiction", "date": "not in force on the dossier's date"}


def _by_sector(changed: list[dict]) -> dict[str, int]:
    """How many changed dossiers there are in each 事项领域 ("" = none given)."""
    out: dict[str, int] = {}
    for c in changed:
        out[c.get("sector") or ""] = out.get(c.get("sector") or "", 0) + 1
    return dict(sorted(out.items()))


def impact(old: str, new: str, paths: list[str]) -> tuple[list[dict], list[dict], dict]:
    """(changed dossiers, unreadable files, skipped counts): each dossier that BOTH rulesets cover
    (kind, place and date) checked under both. The others are counted by why they are not
    compared ({"kind": n, "place": n, "date": n}), never reported as changes."""
    from ..check import check
    from ..core.errors import JueceError, RulesetErrors
    from ..load import iter_paths, load_dossier
    from ..rulesets import load
    ra, rb = load(old), load(new)
    changed, errors = [], []
    skipped = {"kind": 0, "place": 0, "date": 0}
    compared = 0
    for p in iter_paths(paths):
        try:
            loaded = load_dossier(p)
        except JueceError as e:
            errors.append({"file": str(p), "error": e.text("zh"), "error_en": e.text("en")})
            continue
        why = coverage(ra, loaded.dossier) or coverage(rb, loaded.dossier)
        if why:
            skipped[why] += 1
            continue
        compared += 1
        try:
            a = check(loaded, ruleset_id=old, explain=True)
            b = check(loaded, ruleset_id=new, explain=True)
        except RulesetErrors as e:
            errors.append({"file": str(p), "error": e.text("zh"), "error_en": e.text("en")})
            continue
        oa = {f.rule: f.outcome for f in a.outcomes or []}
        ob = {f.rule: f.outcome for f in b.outcomes or []}
        rules = sorted(r for r in set(oa) | set(ob) if oa.get(r) != ob.get(r)
                       and {oa.get(r), ob.get(r)} & {"violated", "indeterminate", "waived"})
        if a.compliant != b.compliant or a.applicable != b.applicable or rules:
            changed.append({"file": str(p), "dossier": loaded.dossier.id, "title": loaded.dossier.title,
                            "sector": "、".join(loaded.dossier.sector),  # 事项领域: the text report groups by it
                            "old": {"compliant": a.compliant, "applicable": a.applicable},
                            "new": {"compliant": b.compliant, "applicable": b.applicable},
                            "rules": [{"rule": r, "old": oa.get(r, "absent"), "new": ob.get(r, "absent")} for r in rules]})
    skipped["compared"] = compared
    return changed, errors, skipped


def _outcome_word(o: str, lang: str) -> str:
    from ..models.finding import OUTCOME_EN, OUTCOME_ZH
    if o == "absent":
        return _t("（该规则集无此规则）", "(no such rule)", lang)
    return (OUTCOME_ZH if lang == "zh" else OUTCOME_EN).get(o, o)


def impact_command(old: str = typer.Argument(..., help="旧规则集编号 / old ruleset id"),
                   new: str = typer.Argument(..., help="新规则集编号 / new ruleset id"),
                   paths: List[str] = typer.Argument(..., help="案卷文件或目录 / dossier files or folders"),
                   fmt: str = typer.Option("text", "--format", "-f", help="text | json"),
                   lang: str = typer.Option("zh", "--lang", "-l", help="zh | en")) -> None:
    """按新旧两个规则集复查案卷，列出结论改变的案卷 / Re-check an archive under two rulesets; list dossiers whose outcome changes.

    只比较两个规则集都适用（案卷类型、行政区划、有效期）的案卷，其余分类计数。/ Only dossiers both rulesets
    cover (kind, division, date) are compared; the others are counted by reason.

    退出码 / exit: 0 无改变 none changed · 1 有案卷结论改变 some changed · 2 无法使用 unusable."""
    ra, rb = _load(old, lang), _load(new, lang)
    if ra.index.kind != rb.index.kind:
        typer.echo(_t(f"两个规则集适用于不同类型的案卷（{old}：{ra.index.kind}，{new}：{rb.index.kind}），无法比较",
                      f"the two rulesets are for different kinds of dossier ({old}: {ra.index.kind}, {new}: {rb.index.kind}); nothing to compare", lang), err=True)
        raise typer.Exit(EXIT_UNUSABLE)
    changed, errors, skipped = impact(old, new, paths)
    if fmt == "json":
        typer.echo(json.dumps({"old": old, "new": new, "compared": skipped["compared"],
                               "not_compared": {k: v for k, v in skipped.items() if k != "compared"},
                               "changed": changed, "by_sector": _by_sector(changed), "errors": errors}, ensure_ascii=False, indent=2))
    else:
        yn = lambda v: _t("合规" if v["compliant"] else "不合规", "compliant" if v["compliant"] else "not compliant", lang) + (
            "" if v["applicable"] else _t("（不适用）", " (not applicable)", lang))
        typer.echo(_t(f"影响分析：{old} → {new}，比较 {skipped['compared']} 件（两个规则集均适用），{len(changed)} 件结论改变",
                      f"impact: {old} → {new}: {skipped['compared']} dossier(s) compared (both rulesets cover them), {len(changed)} change", lang))
        names = NOT_COVERED_ZH if lang == "zh" else NOT_COVERED_EN
        for k in ("date", "place", "kind"):
            if skipped[k]:
                typer.echo(_t(f"  未比较（{names[k]}）：{skipped[k]} 件", f"  not compared ({names[k]}): {skipped[k]}", lang))
        sector = None
        for c in sorted(changed, key=lambda c: (c.get("sector") == "", c.get("sector") or "")):  # grouped by 事项领域
            if len({x.get("sector") for x in changed}) > 1 and c.get("sector") != sector:
                sector = c.get("sector")
                n = sum(1 for x in changed if x.get("sector") == sector)
                typer.echo(_t(f"  事项领域：{sector or '（未载明）'}（{n} 件）", f"  sector: {sector or '(not given)'} ({n})", lang))
            typer.echo(f"  {c['file']}  {c['dossier']}  {yn(c['old'])} → {yn(c['new'])}")
            for r in c["rules"]:
                typer.echo(f"      {r['rule']}: {_outcome_word(r['old'], lang)} → {_outcome_word(r['new'], lang)}")
        for e in errors:
            typer.echo(f"  {e['file']}: {e['error'] if lang == 'zh' else e['error_en']}", err=True)
    raise typer.Exit(EXIT_UNUSABLE if errors else (EXIT_CHANGED if changed else EXIT_OK))
