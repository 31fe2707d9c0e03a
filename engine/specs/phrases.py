"""The step phrases legal staff write in `.feature` files, and what each one does.

Every phrase is declared once, with `@phrase(keyword, template, example=…)`, on the function
that carries it out. From that one declaration come:

* the regular expression pytest-bdd matches (`Phrase.regexes()`; `steps.py` registers them),
* the list in docs/writing-specs.md (`render_markdown()`, `juece specs phrases`),
* the self-test that every example matches its own phrase and no other (tests/specs/test_specs*.py).

Templates are written as the phrase reads, with `{slot}` or `{name:slot}` for what varies
(see SLOTS). Punctuation is forgiving: a full-width comma also matches an ASCII one, “” also
matches "" and 「」, 、 may be left out, and a trailing colon is optional.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Optional

from .. import rulesets
from ..models.base import unwrap
from ..models.dossier import Exclusion, MeetingType, PROCEDURE_ZH, PROCEDURES, Stage, procedure_zh
from . import baseline
from .context import (OUTCOME_FROM_TEXT, Article, SpecContext, SpecFailure, field_name, outcome_zh, parse_value,
                      procedure_names, to_date, zh_int)

# ------------------------------------------------------------------------------ slots

#: triggers (情形): field, Chinese yes, Chinese no, English yes, English no
TRIGGERS: list[tuple[str, str, str, str, str]] = [
    ("specialised", "专业性、技术性较强", "专业性、技术性不强", "specialised or technical", "not specialised or technical"),
    ("stability_risk", "可能对社会稳定、公共安全等方面造成不利影响", "不会对社会稳定、公共安全等方面造成不利影响",
     "a risk to social stability or public safety", "no risk to social stability or public safety"),
    ("specific_groups", "涉及特定群体利益", "不涉及特定群体利益", "of concern to a specific group", "of no concern to a specific group"),
    ("market_activity", "涉及市场主体经济活动", "不涉及市场主体经济活动", "about market activity", "not about market activity"),
    ("public_concern", "为社会公众普遍关心", "并非社会公众普遍关心", "of general public concern", "not of general public concern"),
    ("not_disclosable", "依法不予公开", "可以依法公开", "exempt from disclosure", "disclosable"),
    ("urgent", "情况紧急", "情况并不紧急", "urgent", "not urgent"),
    ("affects_other_departments", "涉及其他部门、下级人民政府职责", "不涉及其他部门、下级人民政府职责",
     "within other departments' duties", "not within other departments' duties"),
    ("hearing_required_by_law", "依法应当组织听证", "法律、法规、规章未规定应当听证",
     "subject to a statutory hearing", "not subject to a statutory hearing"),
    ("npc_required", "依法应当提请本级人大讨论决定或者报告", "无需提请本级人大讨论决定或者报告",
     "for the people's congress", "not for the people's congress"),
    ("exploratory_reform", "属于国家尚无明确规定的探索性改革事项", "不属于探索性改革事项", "an exploratory reform", "not an exploratory reform"),
    # assertions only some local rulesets turn on (rulesets/local/**)
    ("public_interest", "涉及公共利益和人民群众切身利益", "不涉及公共利益和人民群众切身利益",
     "of public interest and people's vital interests", "not of public interest or people's vital interests"),
    ("economic_security_risk", "可能影响经济安全、金融安全", "不会影响经济安全、金融安全",
     "a risk to economic or financial security", "no risk to economic or financial security"),
    ("screening_found_risk", "经风险排查存在社会稳定、生态、经济等方面风险", "经风险排查未发现社会稳定、生态、经济等方面风险",
     "found risky by risk screening", "found free of risk by risk screening"),
    ("in_hearing_scope", "属于本级公布的听证范围", "不属于本级公布的听证范围",
     "within the published hearing scope", "outside the published hearing scope"),
    ("major_overall_impact", "事关全局或者对多数公民、法人和其他组织的利益有重大影响",
     "并非事关全局，也不对多数公民、法人和其他组织的利益有重大影响",
     "of overall importance", "not of overall importance"),
]

#: extra ways to name a stage in "在<阶段>检查该案卷"
STAGE_EXTRA = {"作出决定后": "decided", "决定后": "decided", "公布后": "published", "归档后": "archived",
               "执行完毕后": "completed", "送审时": "legality_review", "起草时": "drafting"}


def _punct(text: str) -> str:
    """Literal text → regex, forgiving about Chinese/ASCII punctuation and spaces."""
    out = []
    for ch in text:
        if ch in "，,":
            out.append(r"\s*[，,]\s*")
        elif ch in "、":
            out.append(r"[、，,]?")
        elif ch in "：:":
            out.append(r"\s*[：:]")
        elif ch in "“":
            out.append(r"\s*[“\"「]")
        elif ch in "”":
            out.append(r"[”\"」]\s*")
        elif ch == " ":
            out.append(r"\s+")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _alt(values: list[str]) -> str:
    return "|".join(_punct(v) for v in sorted(set(values), key=len, reverse=True))


def _stage_values() -> list[str]:
    vals = list(STAGE_EXTRA)
    for s in Stage:
        vals += [s.zh, *s.synonyms]  # type: ignore[attr-defined]
    return vals


_NUM = r"[0-9零〇一二两三四五六七八九十百]+"


@dataclass(frozen=True)
class Slot:
    regex: str
    zh: str  # how the docs show it
    values: Optional[Callable[[], list[str]]] = None  # the allowed values, for the docs

    @property
    def en(self) -> str:
        return next((k for k, v in SLOTS.items() if v is self), "value").replace("_en", "").replace("_", " ")


SLOTS: dict[str, Slot] = {
    "date": Slot(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}", "日期"),
    "rule": Slot(r"[^“”\"「」]+", "规则"),
    "text": Slot(r".*?", "文字"),  # may itself hold quotes: it is always the last thing in its phrase
    "value": Slot(r"[^“”\"「」]*", "值"),
    "field": Slot(r"[^“”\"「」]+", "项目"),
    "id": Slot(r"[^“”\"「」]+", "规则集编号"),
    "file": Slot(r"[^“”\"「」]+", "文件"),
    "title": Slot(r"[^“”\"「」]+", "标题"),
    "code": Slot(r"\d{2,12}|全国|CN", "行政区划"),
    "n": Slot(_NUM, "数目"),
    "article": Slot(rf"(?:《[^》]+》)?第{_NUM}条(?:第{_NUM}款)?(?:第?[（(]{_NUM}[）)]项)?", "条款"),
    "article_en": Slot(r"(?:Article|Art\.?)\s*\d+(?:,?\s*(?:paragraph|para\.?)\s*\d+)?(?:,?\s*item\s*\(?\d+\)?)?", "article"),
    "proc": Slot("", "程序", lambda: sorted({v for v in procedure_names() if re.search(r"[\u4e00-\u9fff]", v)}, key=len)),
    "proc_en": Slot("", "procedure", lambda: [p.replace("_", " ") for p in PROCEDURES]),
    "trigger": Slot("", "情形", lambda: [t[1] for t in TRIGGERS] + [t[2] for t in TRIGGERS]),
    "trigger_q": Slot("", "情形", lambda: [t[1] for t in TRIGGERS]),
    "trigger_en": Slot("", "condition", lambda: [t[3] for t in TRIGGERS] + [t[4] for t in TRIGGERS]),
    "stage": Slot("", "阶段", _stage_values),
    "stage_en": Slot(r"[^“”\"「」]+", "stage", lambda: [s.value for s in Stage]),
    "outcome": Slot(r"(?:违反|符合|不适用|无法判定|豁免)(?:\s*[或/]\s*(?:违反|符合|不适用|无法判定|豁免))*", "结果",
                    lambda: ["违反", "符合", "不适用", "无法判定", "豁免"]),
    "outcome_en": Slot("", "outcome", lambda: ["violated", "satisfied", "not applicable", "indeterminate", "waived"]),
    "meeting": Slot(r"[^，,“”\"「」]+?", "会议"),
    "meeting_en": Slot(r"[^\"“”]+?", "meeting"),
    "exclusion": Slot("", "排除情形", lambda: [e.zh for e in Exclusion] + [s for e in Exclusion for s in e.synonyms]),  # type: ignore[attr-defined]
    "who": Slot(r"[^，,“”\"「」]+?", "机关"),
}


def _slot_regex(kind: str) -> str:
    s = SLOTS[kind]
    if s.regex:
        return s.regex
    assert s.values is not None
    if kind == "stage":
        return f"(?:{_alt(s.values())})(?:阶段)?"
    return _alt(s.values())


_SLOT_RX = re.compile(r"\{(?:(\w+):)?(\w+)\}")


def _compile(template: str) -> str:
    out, pos = [], 0
    for m in _SLOT_RX.finditer(template):
        out.append(_punct(template[pos:m.start()]))
        name, kind = m.group(1) or m.group(2), m.group(2)
        out.append(f"(?P<{name}>{_slot_regex(kind)})")
        pos = m.end()
    tail = template[pos:]
    if tail.endswith(("：", ":")):
        out.append(_punct(tail[:-1]) + r"\s*[：:]?")
    else:
        out.append(_punct(tail))
    return r"\s*" + "".join(out) + r"\s*"


def display(template: str, lang: str = "zh") -> str:
    """The template as the docs show it: `该案卷已于<日期>完成<程序>`."""
    return _SLOT_RX.sub(lambda m: f"<{SLOTS[m.group(2)].en if lang == 'en' else SLOTS[m.group(2)].zh}>", template)


# ---------------------------------------------------------------------------- registry

@dataclass
class Phrase:
    keyword: str  # 假如 / 当 / 那么 (Given / When / Then) – the usual one; any keyword works
    template: str
    example: str
    handler: Callable[..., Any]
    lang: str = "zh"
    help: str = ""
    section: str = ""
    docstring: bool = False
    datatable: bool = False
    group: str = ""  # phrases sharing a handler

    def regex(self) -> str:
        return _compile(self.template)

    def groups(self) -> list[str]:
        return [m.group(1) or m.group(2) for m in _SLOT_RX.finditer(self.template)]


PHRASES: list[Phrase] = []

SECTIONS_ZH = {
    "ruleset": "选择规则集", "dossier": "给出案卷", "facts": "逐项描述案卷", "check": "检查",
    "outcome": "检查结论", "rule": "某条规则的结果", "finding": "问题的内容",
}


def phrase(keyword: str, template: str, *, example: str, help: str = "", section: str = "", lang: str = "zh",
           docstring: bool = False, datatable: bool = False) -> Callable:
    def deco(fn: Callable) -> Callable:
        # decorators run bottom-up: put each phrase before the ones already declared below it
        p = Phrase(keyword, template, example, fn, lang, help, section, docstring, datatable, fn.__name__)
        at = next((i for i, q in enumerate(PHRASES) if q.handler is fn), len(PHRASES))
        PHRASES.insert(at, p)
        return fn
    return deco


# -------------------------------------------------------------------- 选择规则集

@phrase("假如", "适用规则集“{id}”", example="适用规则集“cn.mad.decree-713”", section="ruleset",
        help="按编号指定规则集（编号见 rulesets/**/index.yaml 的 id）。不写则按案卷的行政区划和决策日期自动选用。")
@phrase("Given", "the ruleset \"{id}\"", example='the ruleset "cn.mad.decree-713"', lang="en", section="ruleset")
def use_ruleset(ctx: SpecContext, id: str) -> None:
    if id.strip() not in rulesets.all_ids():
        raise SpecFailure(f"找不到规则集“{id}”；已有的规则集：{'、'.join(rulesets.all_ids())}")
    ctx.ruleset_id = id.strip()
    ctx.result = None


@phrase("假如", "按行政区划“{code}”和决策日期{date}选用规则集", example="按行政区划“640425”和决策日期2023年5月1日选用规则集",
        section="ruleset", help="像引擎一样选用：在该日期有效、行政区划最具体的规则集。行政区划可写“全国”。")
@phrase("Given", "the ruleset in force in division \"{code}\" on {date}",
        example='the ruleset in force in division "640425" on 2023-05-01', lang="en", section="ruleset")
def select_ruleset(ctx: SpecContext, code: str, date: str) -> None:
    on = to_date(date)
    j = None if code in ("全国", "CN") else code
    rs, why, _ = rulesets.select(j, on)
    if rs is None:
        raise SpecFailure(f"没有可选用的规则集：{why}")
    ctx.ruleset_id, ctx.ruleset_why, ctx.result = rs.id, why, None


# ------------------------------------------------------------------------ 给出案卷

@phrase("假如", "一份重大行政决策案卷", example="一份重大行政决策案卷", section="dossier",
        help="一份空白案卷：只有编号和标题，没有任何程序记录，也没有说明任何情形。随后用“而且 …”逐项描述。")
@phrase("假如", "一份重大行政决策案卷“{title}”", example="一份重大行政决策案卷“某市停车收费标准调整”", section="dossier",
        help="同上，并写明决策事项名称。")
@phrase("Given", "a major administrative decision dossier", example="a major administrative decision dossier",
        lang="en", section="dossier")
def empty_dossier(ctx: SpecContext, title: Optional[str] = None) -> None:
    ctx.set_raw(baseline.empty(title or ctx.scenario_name or "规格案卷"), "（场景中的案卷）")


@phrase("假如", "一份程序完备的重大行政决策案卷", example="一份程序完备的重大行政决策案卷", section="dossier",
        help="一份各项程序均已依法履行、检查不出任何问题的案卷（2023年，已完成阶段，各情形均为“否”）。"
             "适合只改一处、看引擎是否恰好报告这一处问题。")
@phrase("假如", "一份程序完备的重大行政决策案卷，于{date}集体讨论决定", example="一份程序完备的重大行政决策案卷，于2020年5月10日集体讨论决定",
        section="dossier", help="同上，但整条时间线移到集体讨论在该日举行（用于检查按当时有效的规则集）。")
@phrase("Given", "a dossier in which every procedure was followed", example="a dossier in which every procedure was followed",
        lang="en", section="dossier")
def complete_dossier(ctx: SpecContext, date: Optional[str] = None) -> None:
    meeting = to_date(date) if date else None
    ctx.set_raw(baseline.complete(ctx.scenario_name or "规格案卷（程序完备）", meeting), "（程序完备的案卷）")


@phrase("假如", "一份重大行政决策案卷，内容如下：", example="一份重大行政决策案卷，内容如下：", section="dossier", docstring=True,
        help="下面用三个引号（\"\"\"）括起一段案卷 YAML，写法与 cases/ 中的案卷文件相同（见 docs/dossier-format.md）。"
             "可以不写编号和标题。")
@phrase("Given", "the dossier:", example="the dossier:", lang="en", section="dossier", docstring=True)
def inline_dossier(ctx: SpecContext, docstring: Optional[str] = None) -> None:
    if not docstring:
        raise SpecFailure("此步骤后面需要一段用三个引号（\"\"\"）括起的案卷 YAML")
    ctx.load_text(docstring, f"{ctx.feature_file or '场景'}（{ctx.scenario_name}）")


@phrase("假如", "案卷文件“{file}”", example="案卷文件“dossiers/parking-fee-2023.yaml”", section="dossier",
        help="读取一个案卷文件。路径相对于 .feature 文件所在目录，或项目根目录（如 cases/…）。")
@phrase("Given", "the dossier file \"{file}\"", example='the dossier file "features/dossiers/parking-fee-2023.yaml"', lang="en", section="dossier")
def file_dossier(ctx: SpecContext, file: str) -> None:
    from ..core.yamlload import read_text
    path = ctx.resolve_file(file)
    ctx.load_text(read_text(path), str(file))


# ---------------------------------------------------------------------- 逐项描述案卷

def _proc(name: str, ctx: Optional[SpecContext] = None) -> str:
    if ctx is not None and ctx.is_enforcement():  # 重大执法决定: 听证、集体讨论、公开、归档 … are its own records
        from ..models.enforcement import TYPE_LOOKUP
        kind = TYPE_LOOKUP.get(name.strip()) or TYPE_LOOKUP.get(name.strip().removesuffix("程序"))
        if kind is not None:
            return kind
    kind = procedure_names().get(name.strip())
    if kind is None:
        raise SpecFailure(f"不认识的程序“{name}”；可用：{'、'.join(n[0] for n in PROCEDURE_ZH.values())}")
    return kind


def _replace(ctx: SpecContext, kind: str, rec: dict) -> None:
    d = ctx.dossier()
    procs = d.setdefault("procedures", [])
    idx = [i for i, r in enumerate(procs) if r.get("type") == kind]
    if idx:
        procs[idx[0]] = rec
        for i in reversed(idx[1:]):
            del procs[i]
    else:
        procs.append(rec)


@phrase("而且", "该案卷已于{date}完成{proc}", example="该案卷已于2023年5月1日完成合法性审查", section="facts",
        help="加入一份该程序的记录，记录在各方面都合乎要求（日期为所写日期；送审、公告等前置日期相应提前）。"
             "案卷中已有该程序的记录时，替换之。要写某项不合要求，再用“<程序>记录中的“<项目>”为“<值>””。")
@phrase("而且", "该案卷已于{date}进行{proc}", example="该案卷已于2023年3月10日进行专家论证", section="facts",
        help="同上。")
@phrase("And", "the {proc:proc_en} was completed on {date}", example="the legality review was completed on 2023-05-01",
        lang="en", section="facts")
def procedure_done(ctx: SpecContext, proc: str, date: str) -> None:
    kind = _proc(proc, ctx)
    _replace(ctx, kind, baseline.record(kind, to_date(date)))


@phrase("而且", "该案卷没有{proc}记录", example="该案卷没有专家论证记录", section="facts",
        help="删去该程序的全部记录。")
@phrase("而且", "该案卷未进行{proc}", example="该案卷未进行风险评估", section="facts", help="同上。")
@phrase("And", "the dossier has no {proc:proc_en} record", example="the dossier has no expert review record",
        lang="en", section="facts")
def procedure_absent(ctx: SpecContext, proc: str) -> None:
    kind = _proc(proc, ctx)
    d = ctx.dossier()
    d["procedures"] = [r for r in d.get("procedures", []) if r.get("type") != kind]


@phrase("而且", "该案卷另有一份{proc}记录，内容如下：", example="该案卷另有一份合法性审查记录，内容如下：", section="facts",
        docstring=True, help="追加一份记录，内容用三个引号括起的 YAML 写出（不必写“类型”）。可用于写两次审查、多名专家等。")
@phrase("And", "the dossier has a {proc:proc_en} record:", example="the dossier has a hearing record:", lang="en",
        section="facts", docstring=True)
def procedure_record(ctx: SpecContext, proc: str, docstring: Optional[str] = None) -> None:
    import yaml
    from pydantic import ValidationError

    from ..load import explain
    kind = _proc(proc, ctx)
    if not docstring:
        raise SpecFailure("此步骤后面需要一段用三个引号（\"\"\"）括起的记录 YAML")
    try:
        obj = yaml.safe_load(docstring) or {}
    except yaml.YAMLError as e:
        raise SpecFailure(f"记录不是有效的 YAML：{e}") from None
    if not isinstance(obj, dict):
        raise SpecFailure("记录应当是键值对（每行“项目: 值”）")
    obj = {k: v for k, v in obj.items() if k not in ("type", "类型")}
    try:
        rec = PROCEDURES[kind].model_validate({"type": kind, **obj})
    except ValidationError as e:
        problems = explain(e, obj, docstring, f"{procedure_zh(kind)}记录")
        raise SpecFailure("记录不符合案卷格式：\n" + "\n".join("    " + p.text("zh") for p in problems)) from None
    out = rec.model_dump(mode="json", exclude_none=True)
    out.pop("head_departs", None) if "head_departs" not in obj and "首长决定与多数意见不一致" not in obj else None
    ctx.dossier().setdefault("procedures", []).append(out)


def _trigger(text: str) -> tuple[str, bool]:
    key = re.sub(r"[、，,\s]", "", text)
    for f, yes, no, en_yes, en_no in TRIGGERS:
        for phrase_text, value in ((yes, True), (no, False), (en_yes, True), (en_no, False)):
            if re.sub(r"[、，,\s]", "", phrase_text) == key:
                return f, value
    raise SpecFailure(f"不认识的情形“{text}”")  # pragma: no cover - the regex only admits known ones


@phrase("而且", "该决策事项{trigger}", example="该决策事项专业性、技术性较强", section="facts",
        help="说明一项适用情形（案卷“情形”中的一项）为“是”或“否”。可写的情形见下文“情形”一览。")
@phrase("And", "the matter is {trigger:trigger_en}", example="the matter is specialised or technical", lang="en", section="facts")
def trigger_is(ctx: SpecContext, trigger: str) -> None:
    f, v = _trigger(trigger)
    ctx.dossier().setdefault("triggers", {})[f] = v


@phrase("而且", "案卷未载明该决策事项是否{trigger:trigger_q}", example="案卷未载明该决策事项是否专业性、技术性较强", section="facts",
        help="案卷对该情形未置可否（引擎对取决于它的规则报告“无法判定”，除非规则另有规定）。")
@phrase("And", "the dossier does not say whether the matter is {trigger:trigger_en}",
        example="the dossier does not say whether the matter is specialised or technical", lang="en", section="facts")
def trigger_unknown(ctx: SpecContext, trigger: str) -> None:
    f, _ = _trigger(trigger)
    ctx.dossier().setdefault("triggers", {}).pop(f, None)


def _stage(text: str) -> Stage:
    t = text.strip()
    for cand in (t, t[:-2] if t.endswith("阶段") else t, t.removesuffix("时")):
        if cand in STAGE_EXTRA:
            return Stage(STAGE_EXTRA[cand])
        found = Stage.lookup().get(cand)
        if found is not None:
            return found  # type: ignore[return-value]
    raise SpecFailure(f"不认识的阶段“{text}”；可用：{'、'.join(s.zh for s in Stage)}")  # type: ignore[attr-defined]


@phrase("而且", "该决策处于{stage}", example="该决策处于集体讨论前阶段", section="facts",
        help="写明决策进行到哪一阶段（案卷的“阶段”）。尚未到期的义务判为“不适用”。")
@phrase("And", "the decision is at stage \"{stage:stage_en}\"", example='the decision is at stage "discussion"', lang="en", section="facts")
def stage_is(ctx: SpecContext, stage: str) -> None:
    ctx.dossier()["stage"] = _stage(stage).value


def _set_path(ctx: SpecContext, path: str, value: Any, remove: bool) -> None:
    from ..models.enforcement import dossier_model_for
    d = ctx.dossier()
    model: Any = dossier_model_for(d)  # the kind (案卷类型) chooses the model
    cur = d
    parts = [p for p in re.split(r"[.．·]", path) if p]
    where = "案卷"
    for i, part in enumerate(parts):
        name = field_name(model, part, where)
        if name == "procedures":
            raise SpecFailure("程序记录请用“<程序>记录中的“<项目>”为“<值>””来修改")
        if i == len(parts) - 1:
            if remove:
                cur.pop(name, None)
            else:
                cur[name] = value
            return
        sub = unwrap(model.model_fields[name].annotation, item=True)
        if not (isinstance(sub, type) and hasattr(sub, "model_fields")):
            raise SpecFailure(f"“{part}”不是可以再细分的项目")
        model, where = sub, f"{where}的“{part}”"
        nxt = cur.get(name)
        if not isinstance(nxt, dict):
            nxt = {}
            cur[name] = nxt
        cur = nxt


@phrase("而且", "案卷中的“{path:field}”为“{value}”", example="案卷中的“决策事项目录.列入目录”为“是”", section="facts",
        help="直接设定案卷中的一项（用案卷格式中的中文或英文项目名，下一级用“.”隔开）。值按 YAML 读：是/否、日期、[甲, 乙] 列表都可以。")
@phrase("And", "in the dossier \"{path:field}\" is \"{value}\"", example='in the dossier "undertaking_unit" is "市发改委"',
        lang="en", section="facts")
def case_field(ctx: SpecContext, path: str, value: str) -> None:
    _set_path(ctx, path, parse_value(value), remove=False)


@phrase("而且", "案卷未载明“{path:field}”", example="案卷未载明“承办单位”", section="facts", help="删去案卷中的一项。")
@phrase("And", "the dossier does not state \"{path:field}\"", example='the dossier does not state "category"', lang="en", section="facts")
def case_field_missing(ctx: SpecContext, path: str) -> None:
    _set_path(ctx, path, None, remove=True)


def _record_field(ctx: SpecContext, proc: str, fld: str, value: Any, remove: bool) -> None:
    kind = _proc(proc, ctx)
    model = PROCEDURES[kind]
    name = field_name(model, fld, f"{procedure_zh(kind)}记录")
    for rec in ctx.records(kind):
        if remove:
            rec.pop(name, None)
        else:
            rec[name] = value


@phrase("而且", "{proc}记录中的“{field}”为“{value}”", example="合法性审查记录中的“法律顾问意见”为“否”", section="facts",
        help="设定该程序全部记录中的一项（项目名同案卷格式，如 审查结论、会议类型、材料送达日期）。")
@phrase("And", "in the {proc:proc_en} record \"{field}\" is \"{value}\"", example='in the legality review record "counsel_opinion" is "no"',
        lang="en", section="facts")
def record_field(ctx: SpecContext, proc: str, field: str, value: str) -> None:
    _record_field(ctx, proc, field, parse_value(value), remove=False)


@phrase("而且", "{proc}记录中未载明“{field}”", example="合法性审查记录中未载明“送审日期”", section="facts",
        help="删去该程序全部记录中的一项。")
@phrase("And", "the {proc:proc_en} record does not state \"{field}\"", example='the legality review record does not state "submitted_date"',
        lang="en", section="facts")
def record_field_missing(ctx: SpecContext, proc: str, field: str) -> None:
    _record_field(ctx, proc, field, None, remove=True)


@phrase("而且", "公开征求意见自{start:date}起至{end:date}止", example="公开征求意见自2023年3月1日起至2023年3月20日止",
        section="facts", help="写明公开征求意见的起止日期（没有公众参与记录时先加入一份）。")
@phrase("And", "the public comment period ran from {start:date} to {end:date}",
        example="the public comment period ran from 2023-03-01 to 2023-03-20", lang="en", section="facts")
def comment_period(ctx: SpecContext, start: str, end: str) -> None:
    a, b = to_date(start), to_date(end)
    recs = [r for r in ctx.dossier().setdefault("procedures", []) if r.get("type") == "public_participation"]
    if not recs:
        rec = baseline.record("public_participation", b)
        ctx.dossier()["procedures"].append(rec)
        recs = [rec]
    for r in recs:
        r.update({"method": "public_comment", "start_date": a.isoformat(), "end_date": b.isoformat()})


@phrase("而且", "该决策草案于{start:date}送请合法性审查，于{end:date}出具审查意见",
        example="该决策草案于2023年4月24日送请合法性审查，于2023年4月26日出具审查意见", section="facts",
        help="写明送审日期和审查意见日期（没有合法性审查记录时先加入一份）。")
@phrase("And", "the draft was sent for legality review on {start:date} and the opinion issued on {end:date}",
        example="the draft was sent for legality review on 2023-04-24 and the opinion issued on 2023-04-26", lang="en", section="facts")
def review_dates(ctx: SpecContext, start: str, end: str) -> None:
    a, b = to_date(start), to_date(end)
    recs = ctx.records("legality_review", create=True)
    for r in recs:
        r.update({"submitted_date": a.isoformat(), "opinion_date": b.isoformat()})


@phrase("而且", "合法性审查的结论为“{value}”", example="合法性审查的结论为“不合法”", section="facts",
        help="合法、应当修改 或 不合法。")
def review_conclusion(ctx: SpecContext, value: str) -> None:
    for r in ctx.records("legality_review"):
        r["conclusion"] = value.strip()


@phrase("而且", "该决策草案仅以征求意见的方式代替合法性审查", example="该决策草案仅以征求意见的方式代替合法性审查", section="facts",
        help="合法性审查记录的形式改为“征求意见回复”（第二十五条第一款不允许以此代替合法性审查）。")
@phrase("And", "the legality review was replaced by a request for comments", example="the legality review was replaced by a request for comments",
        lang="en", section="facts")
def consultation_instead(ctx: SpecContext) -> None:
    for r in ctx.records("legality_review", create=True):
        r["form"] = "consultation_reply"


def _meeting(text: str) -> str:
    t = text.strip()
    table = MeetingType.lookup()
    if t in table:
        return table[t].value
    for key in sorted(table, key=len, reverse=True):
        if len(key) > 1 and t.endswith(key):
            return table[key].value
    t2 = t.lower().replace(" meeting", "").replace("the ", "").replace("an ", "").replace("a ", "").strip()
    for m in MeetingType:
        if m.value.replace("_", " ") == t2:
            return m.value
    raise SpecFailure(f"不认识的会议“{text}”；可用：{'、'.join(m.zh for m in MeetingType)}")  # type: ignore[attr-defined]


@phrase("而且", "该决策草案于{date}经{meeting}集体讨论", example="该决策草案于2023年5月10日经市政府常务会议集体讨论", section="facts",
        help="加入（或替换）集体讨论记录：会议类型按会议名称认定（常务会议、全体会议、市长办公会议、专题会议……），其余各项合乎要求。")
@phrase("And", "the draft was discussed at a {meeting:meeting_en} on {date}",
        example="the draft was discussed at a standing meeting on 2023-05-10", lang="en", section="facts")
def discussed(ctx: SpecContext, date: str, meeting: str) -> None:
    rec = baseline.record("collective_discussion", to_date(date))
    rec["meeting_type"] = _meeting(meeting)
    rec["session"] = meeting.strip()
    _replace(ctx, "collective_discussion", rec)


@phrase("而且", "该决策于{date}向社会公布", example="该决策于2023年5月20日向社会公布", section="facts",
        help="加入（或替换）决策公布记录，经政府公报和政府网站公布并作解读。")
def published(ctx: SpecContext, date: str) -> None:
    _replace(ctx, "publication", baseline.record("publication", to_date(date)))


@phrase("而且", "该决策于{date}作出", example="该决策于2023年5月10日作出", section="facts",
        help="决策日期（选用规则集按此日期；不写则按最后一次集体讨论的日期）。")
@phrase("And", "the decision was made on {date}", example="the decision was made on 2023-05-10", lang="en", section="facts")
def decision_date(ctx: SpecContext, date: str) -> None:
    ctx.dossier()["decision_date"] = to_date(date).isoformat()


@phrase("而且", "该案卷的行政区划为“{code}”", example="该案卷的行政区划为“640425”", section="facts",
        help="行政区划代码（选用地方规则集按此代码）。")
def jurisdiction(ctx: SpecContext, code: str) -> None:
    d = ctx.dossier()
    if code in ("全国", "CN"):
        d.pop("jurisdiction", None)
    else:
        d["jurisdiction"] = code


@phrase("而且", "该决策事项属于{exclusion}", example="该决策事项属于突发事件应急处置决策", section="facts",
        help="条例第三条第二款的排除情形：宏观调控决策、政府立法决策、突发事件应急处置决策、法律行政法规另有规定。")
@phrase("And", "the decision is excluded as \"{exclusion:value}\"", example='the decision is excluded as "emergency"', lang="en", section="facts")
def excluded(ctx: SpecContext, exclusion: str) -> None:
    found = Exclusion.lookup().get(exclusion.strip())
    if found is None:
        raise SpecFailure(f"不认识的排除情形“{exclusion}”；可用：{'、'.join(e.zh for e in Exclusion)}")  # type: ignore[attr-defined]
    ctx.dossier()["exclusion"] = found.value


@phrase("而且", "{who}已决定豁免“{rule}”，理由为“{text}”", example="市人民政府已决定豁免“mad.coll.head-speaks-last”，理由为“会议记录遗失，已补正说明”",
        section="facts", help="记录一项豁免（案卷的“豁免”）：谁决定、豁免哪条规则（编号或中文标题）、理由。")
@phrase("And", "the rule \"{rule}\" was waived by \"{who:text}\" because \"{text}\"",
        example='the rule "mad.coll.head-speaks-last" was waived by "the city government" because "minutes lost"', lang="en", section="facts")
def waiver(ctx: SpecContext, who: str, rule: str, text: str) -> None:
    ctx.dossier().setdefault("waivers", []).append({"rule": rule.strip(), "by": who.strip(), "reason": text.strip()})


# ----------------------------------------------------------------------------- 检查

@phrase("当", "检查该案卷", example="检查该案卷", section="check",
        help="按案卷所写阶段检查（未写阶段则按已完成检查全部义务）。不写“当”这一步，第一个“那么”也会先行检查。")
@phrase("When", "the dossier is checked", example="the dossier is checked", lang="en", section="check")
def check_now(ctx: SpecContext) -> None:
    ctx.check_stage = None
    ctx.result = None
    ctx.run()


@phrase("当", "在{stage}检查该案卷", example="在集体讨论前检查该案卷", section="check",
        help="假定决策进行到该阶段时检查：起草、送审、集体讨论前、已决定、已公布、已归档、已完成（也可写“起草阶段”“作出决定后”等）。")
@phrase("When", "the dossier is checked at stage \"{stage:stage_en}\"", example='the dossier is checked at stage "discussion"',
        lang="en", section="check")
def check_at(ctx: SpecContext, stage: str) -> None:
    ctx.check_stage = _stage(stage)
    ctx.result = None
    ctx.run()


# ------------------------------------------------------------------------ 检查结论

@phrase("那么", "该案卷合规", example="该案卷合规", section="outcome",
        help="没有“违反”的违法级（而非提示、警示级）问题。")
@phrase("Then", "the dossier is compliant", example="the dossier is compliant", lang="en", section="outcome")
def compliant(ctx: SpecContext) -> None:
    res = ctx.run()
    if not res.compliant:
        raise ctx.fail("合规", "不合规")


@phrase("那么", "该案卷不合规", example="该案卷不合规", section="outcome")
@phrase("Then", "the dossier is not compliant", example="the dossier is not compliant", lang="en", section="outcome")
def not_compliant(ctx: SpecContext) -> None:
    res = ctx.run()
    if res.compliant:
        raise ctx.fail("不合规", "合规" + ("" if res.applicable else f"（本规则集不适用：{res.reason}）"))


@phrase("那么", "本规则集不适用于该案卷", example="本规则集不适用于该案卷", section="outcome",
        help="该决策不在规则集调整范围内（如第三条第二款的排除情形，或决策日期早于施行日期）。")
@phrase("Then", "the ruleset does not apply", example="the ruleset does not apply", lang="en", section="outcome")
def not_applicable(ctx: SpecContext) -> None:
    res = ctx.run()
    if res.applicable:
        raise ctx.fail("本规则集不适用于该案卷", f"适用（规则集：{res.ruleset.get('id')}）")


@phrase("那么", "本规则集适用于该案卷", example="本规则集适用于该案卷", section="outcome",
        help="选用了在决策日期有效的规则集，且该决策不属于排除情形。")
@phrase("Then", "the ruleset applies", example="the ruleset applies", lang="en", section="outcome")
def applicable(ctx: SpecContext) -> None:
    res = ctx.run()
    if not res.applicable:
        raise ctx.fail("本规则集适用于该案卷", f"不适用：{res.reason}")


@phrase("那么", "不适用的理由应当包含“{text}”", example="不适用的理由应当包含“突发事件应急处置决策”", section="outcome")
def not_applicable_reason(ctx: SpecContext, text: str) -> None:
    res = ctx.run()
    if res.applicable or text not in (res.reason or ""):
        raise ctx.fail(f"不适用，理由包含“{text}”", f"适用" if res.applicable else f"不适用，理由为：{res.reason}")


@phrase("那么", "适用的规则集应当为“{id}”", example="适用的规则集应当为“cn.mad.decree-713”", section="outcome")
@phrase("Then", "the ruleset applied is \"{id}\"", example='the ruleset applied is "cn.mad.decree-713"', lang="en", section="outcome")
def ruleset_is(ctx: SpecContext, id: str) -> None:
    res = ctx.run()
    got = res.ruleset.get("id")
    if got != id.strip():
        raise ctx.fail(f"适用规则集“{id}”", f"适用规则集“{got or '无'}”（{res.manifest.selection}）", show_findings=False)


@phrase("那么", "应当共报告{n}项问题", example="应当共报告2项问题", section="outcome",
        help="“问题”指检查结果为“违反”或“无法判定”的规则（含提示、警示级）。")
@phrase("Then", "exactly {n} findings are reported", example="exactly 2 findings are reported", lang="en", section="outcome")
def count_findings(ctx: SpecContext, n: str) -> None:
    want = zh_int(n)
    res = ctx.run()
    if len(res.findings) != want:
        raise ctx.fail(f"共{want}项问题", f"共{len(res.findings)}项问题")


@phrase("那么", "不应当报告任何问题", example="不应当报告任何问题", section="outcome")
@phrase("Then", "no findings are reported", example="no findings are reported", lang="en", section="outcome")
def no_findings(ctx: SpecContext) -> None:
    res = ctx.run()
    if res.findings:
        raise ctx.fail("没有任何问题", f"共{len(res.findings)}项问题")


@phrase("那么", "除上述问题外，不应当报告其他问题", example="除上述问题外，不应当报告其他问题", section="outcome",
        help="本场景前面各步所说应当报告的问题之外，没有别的问题。")
@phrase("Then", "no other findings are reported", example="no other findings are reported", lang="en", section="outcome")
def no_other_findings(ctx: SpecContext) -> None:
    res = ctx.run()
    extra = [f for f in res.findings if f.rule not in ctx.reported]
    if extra:
        listed = "、".join(f"“{ctx.find_rule(r).title.zh}”" for r in ctx.reported) or "（无）"
        raise ctx.fail(f"除{listed}外没有其他问题",
                       "另有" + "；".join(f"{outcome_zh(f.outcome)}“{f.title}”（{f.basis}）" for f in extra))


@phrase("那么", "应当仅报告以下问题：", example="应当仅报告以下问题：", section="outcome", datatable=True,
        help="下接一张表，表头为“规则”，可加“结果”（违反 / 无法判定）。表中的问题都应报告，表外的都不应报告。")
@phrase("Then", "only these findings are reported:", example="only these findings are reported:", lang="en", section="outcome", datatable=True)
def only_these(ctx: SpecContext, datatable: Optional[list[list[str]]] = None) -> None:
    if not datatable or len(datatable) < 2:
        raise SpecFailure("此步骤下面需要一张表：第一行为表头（规则 | 结果），其后每行一项问题")
    head = [h.strip() for h in datatable[0]]
    try:
        ri = next(i for i, h in enumerate(head) if h in ("规则", "rule", "规则编号", "问题"))
    except StopIteration:
        raise SpecFailure("表头应当有“规则”一列（可另有“结果”一列）") from None
    oi = next((i for i, h in enumerate(head) if h in ("结果", "outcome", "检查结果")), None)
    res = ctx.run()
    problems, want_rules = [], set()
    for row in datatable[1:]:
        rule = ctx.find_rule(row[ri])
        want_rules.add(rule.id)
        want = _outcomes(row[oi]) if oi is not None and row[oi].strip() else ("violated", "indeterminate")
        f = ctx.outcome_of(rule)
        got = f.outcome if f else None
        if got not in want:
            problems.append(f"“{rule.title.zh}”（{f.basis if f else rule.id}）应为{'或'.join(outcome_zh(o) for o in want)}，"
                            f"实际为{outcome_zh(got) if got else '未检查'}")
        ctx.reported.append(rule.id)
    extra = [f for f in res.findings if f.rule not in want_rules]
    for f in extra:
        problems.append(f"不应报告而报告了：{outcome_zh(f.outcome)}“{f.title}”（{f.basis}）")
    if problems:
        raise ctx.fail("恰好报告表中所列问题", "\n    " + "\n    ".join(problems))
    for row in datatable[1:]:
        rule = ctx.find_rule(row[ri])
        want = _outcomes(row[oi]) if oi is not None and row[oi].strip() else ("violated", "indeterminate")
        ctx.record("outcome", rule.id, want)


# ----------------------------------------------------------------------- 某条规则

def _outcomes(text: str) -> tuple[str, ...]:
    out = []
    for part in re.split(r"[或/|、]|\bor\b", text.strip()):
        part = part.strip()
        if not part:
            continue
        if part not in OUTCOME_FROM_TEXT:
            raise SpecFailure(f"不认识的检查结果“{part}”；可用：违反、符合、不适用、无法判定、豁免")
        out.append(OUTCOME_FROM_TEXT[part])
    return tuple(out)


def _expect_outcome(ctx: SpecContext, ref: str, want: tuple[str, ...]) -> None:
    res = ctx.run()
    rule = ctx.find_rule(ref)
    ctx.last_rule = rule.id
    want_zh = "或".join(outcome_zh(o) for o in want)
    if not res.applicable:
        raise ctx.fail(want_zh, f"未检查：本规则集不适用于该案卷（{res.reason}）", rule=rule)
    f = ctx.outcome_of(rule)
    if f is None:
        raise ctx.fail(want_zh, "未检查（规则集中没有这条规则的结果）", rule=rule)
    if f.outcome not in want:
        raise ctx.fail(want_zh, outcome_zh(f.outcome), rule=rule, finding=f)
    if f.outcome in ("violated", "indeterminate"):
        ctx.reported.append(rule.id)
    ctx.record("outcome", rule.id, want)


@phrase("那么", "应当报告违反“{rule}”", example="应当报告违反“决策草案提交讨论前应当经合法性审查”", section="rule",
        help="该规则的检查结果为“违反”。规则可写编号（mad.legal.before-discussion）或中文标题。")
@phrase("Then", "a violation of \"{rule}\" is reported", example='a violation of "mad.legal.before-discussion" is reported',
        lang="en", section="rule")
def rule_violated(ctx: SpecContext, rule: str) -> None:
    _expect_outcome(ctx, rule, ("violated",))


@phrase("那么", "不应当报告违反“{rule}”", example="不应当报告违反“mad.expert.trigger”", section="rule",
        help="该规则的检查结果不是“违反”（可以是符合、不适用、无法判定或豁免）。")
@phrase("Then", "no violation of \"{rule}\" is reported", example='no violation of "mad.expert.trigger" is reported',
        lang="en", section="rule")
def rule_not_violated(ctx: SpecContext, rule: str) -> None:
    res = ctx.run()
    r = ctx.find_rule(rule)
    ctx.last_rule = r.id
    f = ctx.outcome_of(r)
    if res.applicable and f is not None and f.outcome == "violated":
        raise ctx.fail("不违反", "违反", rule=r, finding=f)
    ctx.record("not_outcome", r.id, ("violated",))


@phrase("那么", "应当认定符合“{rule}”", example="应当认定符合“决策草案提交讨论前应当经合法性审查”", section="rule")
@phrase("Then", "\"{rule}\" is satisfied", example='"mad.legal.before-discussion" is satisfied', lang="en", section="rule")
def rule_satisfied(ctx: SpecContext, rule: str) -> None:
    _expect_outcome(ctx, rule, ("satisfied",))


@phrase("那么", "应当认定“{rule}”不适用", example="应当认定“专业性、技术性较强的决策事项应当组织专家论证”不适用", section="rule",
        help="该规则的适用条件不成立，或义务尚未到期。")
@phrase("Then", "\"{rule}\" does not apply", example='"mad.expert.trigger" does not apply', lang="en", section="rule")
def rule_not_applicable(ctx: SpecContext, rule: str) -> None:
    _expect_outcome(ctx, rule, ("not_applicable",))


@phrase("那么", "应当报告无法判定是否符合“{rule}”", example="应当报告无法判定是否符合“mad.expert.trigger”", section="rule",
        help="案卷缺少判断所需的说明或日期。")
@phrase("Then", "\"{rule}\" is indeterminate", example='"mad.expert.trigger" is indeterminate', lang="en", section="rule")
def rule_indeterminate(ctx: SpecContext, rule: str) -> None:
    _expect_outcome(ctx, rule, ("indeterminate",))


@phrase("那么", "应当认定“{rule}”已豁免", example="应当认定“mad.coll.head-speaks-last”已豁免", section="rule")
@phrase("Then", "\"{rule}\" is waived", example='"mad.coll.head-speaks-last" is waived', lang="en", section="rule")
def rule_waived(ctx: SpecContext, rule: str) -> None:
    _expect_outcome(ctx, rule, ("waived",))


@phrase("那么", "“{rule}”的检查结果应当为{outcome}", example="“mad.legal.review-time”的检查结果应当为违反", section="rule",
        help="通用写法，适合场景大纲：结果为 违反、符合、不适用、无法判定、豁免 之一（可写“符合或不适用”）。")
@phrase("那么", "规则“{rule}”的检查结果应当为{outcome}", example="规则“mad.legal.review-time”的检查结果应当为符合", section="rule",
        help="同上。")
@phrase("Then", "the outcome of \"{rule}\" is {outcome:outcome_en}", example='the outcome of "mad.legal.review-time" is violated',
        lang="en", section="rule")
def rule_outcome(ctx: SpecContext, rule: str, outcome: str) -> None:
    _expect_outcome(ctx, rule, _outcomes(outcome))


@phrase("那么", "应当报告违反{article}", example="应当报告违反第二十五条第一款", section="rule",
        help="至少有一项“违反”的问题以该条款为依据。可写 第二十五条、第25条、第二十五条第一款、第二十九条第（三）项，可冠以法规名称。")
@phrase("Then", "a violation of {article:article_en} is reported", example="a violation of Article 25 paragraph 1 is reported",
        lang="en", section="rule")
def article_violated(ctx: SpecContext, article: str) -> None:
    art = Article.parse(article)
    res = ctx.run()
    rs = ctx.ruleset()
    rules = [r for r in rs.rules if art.matches(r, rs)]
    if not rules:
        raise ctx.fail(f"报告违反{art.zh()}", f"规则集“{rs.id}”中没有以{art.zh()}为依据的规则")
    hits = [f for f in res.findings if f.outcome == "violated" and f.rule in {r.id for r in rules}]
    if not hits:
        lines = "；".join(f"“{r.title.zh}”：{outcome_zh(ctx.outcome_of(r).outcome) if ctx.outcome_of(r) else '未检查'}" for r in rules)
        raise ctx.fail(f"报告违反{art.zh()}", f"没有以{art.zh()}为依据的违反（{lines}）",
                       rule=rules[0] if len(rules) == 1 else None,
                       finding=ctx.outcome_of(rules[0]) if len(rules) == 1 else None)
    ctx.last_rule = hits[0].rule
    ctx.reported += [f.rule for f in hits]
    ctx.record("article", hits[0].rule if len(hits) == 1 else None, ("violated",), article=art.key())


@phrase("那么", "不应当报告违反{article}", example="不应当报告违反第十九条", section="rule")
@phrase("Then", "no violation of {article:article_en} is reported", example="no violation of Article 19 is reported",
        lang="en", section="rule")
def article_not_violated(ctx: SpecContext, article: str) -> None:
    art = Article.parse(article)
    res = ctx.run()
    rs = ctx.ruleset()
    ids = {r.id for r in rs.rules if art.matches(r, rs)}
    hits = [f for f in res.findings if f.outcome == "violated" and f.rule in ids]
    if hits:
        raise ctx.fail(f"不报告违反{art.zh()}", "报告了：" + "；".join(f"违反“{f.title}”（{f.basis}）：{f.message}" for f in hits))
    ctx.record("not_article", None, ("violated",), article=art.key())


# ------------------------------------------------------------------------ 问题的内容

def _last(ctx: SpecContext):
    if not ctx.last_rule:
        raise SpecFailure("“该问题”指前一步所说的规则；请先写“应当报告违反“<规则>””等步骤")
    rule = ctx.find_rule(ctx.last_rule)
    return rule, ctx.outcome_of(rule)


@phrase("那么", "该问题的法律依据应当为{article}", example="该问题的法律依据应当为第二十五条第一款", section="finding")
@phrase("Then", "it cites {article:article_en}", example="it cites Article 25 paragraph 1", lang="en", section="finding")
def finding_basis(ctx: SpecContext, article: str) -> None:
    art = Article.parse(article)
    rule, f = _last(ctx)
    if not art.matches(rule, ctx.ruleset()):
        raise ctx.fail(f"依据{art.zh()}", f"依据{f.basis if f else rule.basis}", rule=rule, finding=f, show_findings=False)


@phrase("那么", "该问题的依据应当包含“{text}”", example="该问题的依据应当包含“第二部分（三）第8项”", section="finding",
        help="依据的引文包含这段文字。适合按“部分、项”编号的地方文件（实施方案、工作要点等），也可写法规名称。")
@phrase("Then", "its basis contains \"{text}\"", example='its basis contains "Part 2 (3) item 8"', lang="en", section="finding")
def finding_basis_contains(ctx: SpecContext, text: str) -> None:
    from ..prose import cite
    rule, f = _last(ctx)
    got = [f.basis, f.basis_en] if f else [cite(rule.basis, ctx.ruleset(), "zh")]
    if not any(text in g for g in got):
        raise ctx.fail(f"依据包含“{text}”", f"依据为：{got[0]}", rule=rule, finding=f, show_findings=False)


def _contains(ctx: SpecContext, what: str, text: str, pick: Callable[[Any], list[str]]) -> None:
    rule, f = _last(ctx)
    got = pick(f) if f else []
    if not any(text in g for g in got):
        raise ctx.fail(f"{what}包含“{text}”", f"{what}为：" + ("；".join(got) or "（无）"), rule=rule, finding=f, show_findings=False)


@phrase("那么", "该问题的说明应当包含“{text}”", example="该问题的说明应当包含“合法性审查”", section="finding",
        help="前一步所说规则的检查说明（或不适用、无法判定的理由）包含这段文字。")
@phrase("Then", "its message contains \"{text}\"", example='its message contains "legality"', lang="en", section="finding")
def finding_message(ctx: SpecContext, text: str) -> None:
    _contains(ctx, "说明", text, lambda f: [f.message, f.reason or "", f.message_en, f.reason_en or ""])


@phrase("那么", "该问题的证据应当包含“{text}”", example="该问题的证据应当包含“专家论证记录”", section="finding",
        help="证据中某一项的名称或取值包含这段文字（如“合法性审查·审查意见日期”“2023年5月1日”）。")
def finding_evidence(ctx: SpecContext, text: str) -> None:
    _contains(ctx, "证据", text, lambda f: [f"{e.label} = {e.value}" for e in f.evidence])


@phrase("那么", "该问题的整改建议应当包含“{text}”", example="该问题的整改建议应当包含“书面合法性审查意见”", section="finding")
def finding_remedy(ctx: SpecContext, text: str) -> None:
    _contains(ctx, "整改建议", text, lambda f: [f.remedy])


# ------------------------------------------------------------ 未见记载与无法判定（docs/open-world.md）

@phrase("那么", "结论应当为“{text}”", example="结论应当为“无法确认合规”", section="outcome",
        help="案卷的结论标题：合规、不合规、不合规（未见记载）、无法确认合规 之一（docs/open-world.md）。")
@phrase("Then", "the verdict is \"{text}\"", example='the verdict is "unconfirmed"', lang="en", section="outcome")
def verdict_is(ctx: SpecContext, text: str) -> None:
    res = ctx.run()
    if text.strip() not in (res.verdict_zh, res.verdict, res.verdict_en):
        raise ctx.fail(f"结论为“{text}”", f"结论为“{res.verdict_zh}”")


@phrase("那么", "该问题应当以记载的事实为依据", example="该问题应当以记载的事实为依据", section="finding",
        help="前一步所说的违反依据案卷记载的事实（明确的“否”、日期先后颠倒、记录标为“未履行”），JSON 中 grounds 为 fact。")
@phrase("Then", "it rests on recorded facts", example="it rests on recorded facts", lang="en", section="finding")
def finding_on_fact(ctx: SpecContext) -> None:
    rule, f = _last(ctx)
    if f is None or f.outcome != "violated" or f.grounds != "fact":
        raise ctx.fail("违反（依记载的事实）", (outcome_zh(f.outcome) + ("（未见记载）" if f.grounds == "absence" else "")) if f else "未检查",
                       rule=rule, finding=f, show_findings=False)


@phrase("那么", "该问题应当以未见记载为依据", example="该问题应当以未见记载为依据", section="finding",
        help="前一步所说的违反是完整案卷未载明所致（说明写作“案卷未载明……”），JSON 中 grounds 为 absence。")
@phrase("Then", "it rests on what the file does not record", example="it rests on what the file does not record", lang="en",
        section="finding")
def finding_on_absence(ctx: SpecContext) -> None:
    rule, f = _last(ctx)
    if f is None or f.outcome != "violated" or f.grounds != "absence" or not f.message.startswith("案卷未载明"):
        raise ctx.fail("违反（未见记载，说明为“案卷未载明……”）",
                       (outcome_zh(f.outcome) + f"（{f.grounds or '—'}）：{f.message}") if f else "未检查",
                       rule=rule, finding=f, show_findings=False)


@phrase("那么", "该问题需补充的事实应当包含“{text}”", example="该问题需补充的事实应当包含“是否履行合法性审查”", section="finding",
        help="无法判定或未见记载的问题列出的“需补充”事实中有这一项。")
@phrase("Then", "the facts needed include \"{text}\"", example='the facts needed include "whether legality_review took place"',
        lang="en", section="finding")
def finding_needed(ctx: SpecContext, text: str) -> None:
    _contains(ctx, "需补充", text, lambda f: list(f.needed) + list(f.needed_en))


# ---------------------------------------------------------------------------- docs

def slot_values_zh() -> dict[str, list[str]]:
    """The closed lists the docs print (程序、情形、阶段、结果、排除情形)."""
    return {
        "程序": [f"{names[0]}（也可写：{'、'.join(names[1:])}）" if len(names) > 1 else names[0] for names in PROCEDURE_ZH.values()],
        "情形": [f"{yes} / {no}" for _, yes, no, _, _ in TRIGGERS],
        "执法情形": [f"{yes} / {no}" for _, yes, no, _, _ in ENFORCEMENT_TRIGGERS],
        "阶段": [f"{s.zh}（也可写：{'、'.join(s.synonyms)}）" if s.synonyms else s.zh for s in Stage],  # type: ignore[attr-defined]
        "结果": ["违反", "符合", "不适用", "无法判定", "豁免"],
        "排除情形": [e.zh for e in Exclusion],  # type: ignore[attr-defined]
    }


def render_markdown() -> str:
    """The phrase list of docs/writing-specs.md, generated from PHRASES."""
    out = ["<!-- 以下内容由 `juece specs phrases --format md` 生成，请勿手工修改 -->", ""]
    for lang, title in (("zh", "中文短语"), ("en", "English phrases")):
        out.append(f"### {title}")
        out.append("")
        for sec, sec_zh in SECTIONS_ZH.items():
            items = [p for p in PHRASES if p.lang == lang and p.section == sec]
            if not items:
                continue
            out.append(f"#### {sec_zh}")
            out.append("")
            out.append("| 关键词 | 短语 | 例 | 说明 |" if lang == "zh" else "| keyword | phrase | example | notes |")
            out.append("|---|---|---|---|")
            for p in items:
                extra = " （下接三引号文本）" if p.docstring else (" （下接表格）" if p.datatable else "")
                out.append(f"| {p.keyword} | `{display(p.template, p.lang)}` | `{p.example}`{extra} | {p.help.replace('|', '｜')} |")
            out.append("")
    out.append("### 可填写的值")
    out.append("")
    for name, vals in slot_values_zh().items():
        out.append(f"* **<{name}>**：" + "；".join(vals))
    out.append("* **<日期>**：2023年5月1日、2023-05-01 或 2023/5/1")
    out.append("* **<条款>**：第二十五条、第25条、第二十五条第一款、第二十九条第（三）项，可冠以《法规名称》")
    out.append("* **<规则>**：规则编号（如 mad.legal.before-discussion）或规则的中文标题（标点、空格不计）")
    out.append("* **<项目>**：案卷格式中的项目名（中文或英文，见 docs/dossier-format.md），下一级用“.”隔开，如 决策事项目录.党委同意")
    out.append("* **<值>**：按 YAML 读：是/否、日期、数字、[甲, 乙] 列表或文字")
    out.append("")
    return "\n".join(out)


def render_text() -> str:
    lines = []
    for p in PHRASES:
        lines.append(f"{p.keyword} {display(p.template, p.lang)}    {'e.g. ' if p.lang == 'en' else '例：'}{p.keyword} {p.example}")
    return "\n".join(lines)


def as_json() -> list[dict]:
    return [{"keyword": p.keyword, "lang": p.lang, "section": p.section, "phrase": display(p.template), "template": p.template,
             "example": p.example, "help": p.help, "regex": p.regex(), "docstring": p.docstring, "datatable": p.datatable}
            for p in PHRASES]


def _compiled() -> list[tuple[Phrase, "re.Pattern[str]"]]:
    global _COMPILED
    if _COMPILED is None or len(_COMPILED) != len(PHRASES):
        _COMPILED = [(p, re.compile(p.regex())) for p in PHRASES]
    return _COMPILED


_COMPILED: Optional[list] = None


def matching(text: str) -> list[Phrase]:
    """The phrases a step text matches (exactly one, for a well-formed step)."""
    return [p for p, rx in _compiled() if rx.fullmatch(text)]


@lru_cache(maxsize=4096)
def lookup(text: str) -> Optional[tuple[Phrase, tuple[tuple[str, Optional[str]], ...]]]:
    """The phrase a step text matches and its slot values; None if none (the first one if several)."""
    for p, rx in _compiled():
        m = rx.fullmatch(text)
        if m:
            return p, tuple(m.groupdict().items())
    return None


_SLOT = re.compile(r"\{[^}]*\}")


@lru_cache(maxsize=1)
def _vocabulary() -> "re.Pattern[str]":
    """What a slot holds in a step as written: a procedure's name, a quoted text, a date, a number."""
    from ..models.dossier import PROCEDURE_ZH
    names = sorted({n for ns in PROCEDURE_ZH.values() for n in ns} | set(PROCEDURE_ZH), key=len, reverse=True)
    return re.compile("“[^”]*”|\"[^\"]*\"|\\d{4}年\\d{1,2}月\\d{1,2}日|\\d{4}-\\d{2}-\\d{2}|\\d+|" + "|".join(map(re.escape, names)))


def _shape(text: str) -> str:
    return _vocabulary().sub("□", text)


def closest(text: str, n: int = 3) -> list[Phrase]:
    """The phrases nearest to a mistyped step, by rapidfuzz over the step's shape: what a slot holds
    (a procedure, a quoted text, a date) becomes one mark on both sides, so `该案卷没做合法性审查`
    (该案卷没做□) finds `该案卷没有{proc}记录` (该案卷没有□记录)."""
    try:
        from rapidfuzz import fuzz
    except ImportError:  # pragma: no cover - rapidfuzz is a dependency; difflib keeps this usable
        import difflib
        return sorted(PHRASES, key=lambda p: -difflib.SequenceMatcher(None, text, p.example).ratio())[:n]
    shaped = _shape(text)

    def score(p: Phrase) -> float:
        return max(fuzz.ratio(shaped, _SLOT.sub("□", p.template)), fuzz.token_sort_ratio(text, p.example) * 0.9)
    return sorted(PHRASES, key=lambda p: (-score(p), p.template))[:n]


def call(p: Phrase, ctx: SpecContext, text: str, docstring: Optional[str] = None, datatable: Optional[list] = None) -> None:
    """Run a phrase on `text` without pytest (tests and tools)."""
    m = re.fullmatch(p.regex(), text)
    assert m, text
    kw: dict[str, Any] = {k: v for k, v in m.groupdict().items()}
    if p.docstring:
        kw["docstring"] = docstring
    if p.datatable:
        kw["datatable"] = datatable
    p.handler(ctx, **kw)


# The third kind of dossier (重大执法决定) brings its own phrases: specs/enforcement.py.
from .enforcement import ENFORCEMENT_TRIGGERS, register as _register_enforcement  # noqa: E402

_register_enforcement()
