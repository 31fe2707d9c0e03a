"""Docs and JSON Schema generated from the dossier models, so neither can drift from the code.

    dossier_format_markdown()   → docs/dossier-format.md   (`juece docs dossier-format`)
    json_schema()               → a JSON Schema for editors (`juece schema`), English AND Chinese keys

Everything a legal writer needs to know about a field (its Chinese keys, English key, type, meaning,
allowed values) is read from the pydantic models in `models/dossier.py` and `models/base.py`. Only
the prose around the tables and the worked examples are written here by hand; the examples are
checked to load (and to load to the same dossier in both languages) by tests/tools/test_docsgen.py.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import copy
import datetime as dt
import enum
import typing
from typing import Any, Iterable

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..core.yamlload import MAX_BYTES, MAX_DEPTH
from ..models import base
from ..models.base import unwrap
from ..models.base import ZhEnum, ZhModel
from ..models.dossier import (
    PROCEDURE_ZH, PROCEDURES, Catalog, Dossier, Expert, Record, Source, Stage, Triggers, Waiver,
)
from ..models.enforcement import ENFORCEMENT_PROCEDURE_ZH, ENFORCEMENT_PROCEDURES

REGENERATE = "juece docs dossier-format > docs/dossier-format.md"

# ---------------------------------------------------------------------------- model reading


def _zh_keys(info: FieldInfo) -> list[str]:
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    return [k for k in str(extra.get("zh", "")).split("|") if k]


def _meanings_zh() -> dict[str, str]:
    """The Chinese meaning of each field (Model.field, or *.type): each field's `meaning` in rulesets/vocabulary/*.yaml."""
    from ..models.vocabulary import meanings_zh
    return meanings_zh()


def _meaning_zh(model: type, name: str) -> str:
    table = _meanings_zh()
    for cls in model.__mro__:
        hit = table.get(f"{cls.__name__}.{name}")
        if hit:
            return hit
    return table.get(f"*.{name}", "")


def _meaning_en(info: FieldInfo) -> str:
    desc = info.description or ""
    return desc.split("。", 1)[1] if "。" in desc else ""


def _enum_classes() -> list[type[ZhEnum]]:
    from ..models import dossier as m
    seen: list[type[ZhEnum]] = []
    for v in vars(m).values():
        if isinstance(v, type) and issubclass(v, ZhEnum) and v is not ZhEnum and v not in seen:
            seen.append(v)
    return seen


def anchor(cls: type) -> str:
    return ("enum-" if issubclass(cls, enum.Enum) else "model-") + cls.__name__.lower()


def _constraints(info: FieldInfo) -> tuple[str, str]:
    zh, en = [], []
    for m in info.metadata:
        pattern = getattr(m, "pattern", None)
        if pattern:
            zh.append(f"格式 `{pattern}`")
            en.append(f"pattern `{pattern}`")
        ge = getattr(m, "ge", None)
        if ge is not None:
            zh.append(f"≥ {ge}")
            en.append(f"≥ {ge}")
    return ("，" + "，".join(zh) if zh else ""), ("; " + "; ".join(en) if en else "")


def _type_text(info: FieldInfo) -> str:
    """The field's type in both languages, with links to enum and sub-model tables."""
    t = unwrap(info.annotation)
    zh, en = _type_words(t)
    czh, cen = _constraints(info)
    return f"{zh}{czh}<br>{en}{cen}"


def _type_words(t: Any) -> tuple[str, str]:
    origin = typing.get_origin(t)
    if origin is typing.Literal:
        name = typing.get_args(t)[0]
        names = "、".join(f"`{z}`" for z in (*PROCEDURE_ZH.get(name, ()), name))
        return f"固定写 {names} 之一", f"always one of {names.replace('、', ', ')}"
    if origin is list:
        inner = unwrap(typing.get_args(t)[0])
        if typing.get_origin(inner) is typing.Union:  # the procedure records (a tagged union)
            return "列表，每项一条程序记录，见[第 8 节](#procedures)", "list of procedure records, see [section 8](#procedures)"
        if isinstance(inner, type) and issubclass(inner, ZhEnum):
            return (f"取值列表，见 [{inner.__name__}](#{anchor(inner)})（也可写成一行，用“、”分隔）",
                    f"list of [{inner.__name__}](#{anchor(inner)}) values (or one line separated by 、)")
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return (f"列表，每项见 [{inner.__name__}](#{anchor(inner)})",
                    f"list of [{inner.__name__}](#{anchor(inner)})")
        return "文字列表", "list of text"
    if t is bool:
        return "是/否", "yes/no"
    if t is dt.date:
        return "日期", "date"
    if t is int:
        return "整数", "whole number"
    if t is str:
        return "文字", "text"
    if isinstance(t, type) and issubclass(t, ZhEnum):
        return f"取值见 [{t.__name__}](#{anchor(t)})", f"one of [{t.__name__}](#{anchor(t)})"
    if isinstance(t, type) and issubclass(t, BaseModel):
        return f"键值对，见 [{t.__name__}](#{anchor(t)})", f"mapping, see [{t.__name__}](#{anchor(t)})"
    return "文字", "text"  # pragma: no cover - every field type is listed above


def cell(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")


def field_rows(model: type[ZhModel], skip: Iterable[str] = ()) -> list[str]:
    rows = ["| 中文键 Chinese key(s) | English key | 类型 type | 必填 required | 含义 meaning |",
            "|---|---|---|---|---|"]
    for name, info in model.model_fields.items():
        if name in skip:
            continue
        keys = _zh_keys(info)
        zh_keys = " / ".join(f"`{k}`" for k in keys)
        required = "必填 required" if info.is_required() else ""
        meaning = f"**{keys[0] if keys else name}**"
        zh = _meaning_zh(model, name)
        if zh:
            meaning += f" — {zh}"
        en = _meaning_en(info)
        if en:
            meaning += f"<br>{en}"
        rows.append(f"| {cell(zh_keys)} | `{name}` | {cell(_type_text(info))} | {required} | {cell(meaning)} |")
    return rows


def first_line(doc: str | None) -> str:
    return (doc or "").strip().splitlines()[0] if doc else ""


# -------------------------------------------------------------------- hand-written examples

#: accepted date spellings; each is checked to parse to 2023-05-01 when the docs are generated
DATE_EXAMPLES = ("2023-05-01", "2023年5月1日", "2023年05月01日", "2023/5/1", "2023.5.1", "2023 年 5 月 1 日")

EXAMPLE_ZH = """\
# 彭阳县城区集中供热价格调整（示例案卷）
编号: 2023-PY-001
标题: 彭阳县城区集中供热价格调整
决策机关: 彭阳县人民政府
承办单位: 彭阳县发展和改革局
行政区划: "640425"          # 行政区划代码要加引号，否则会被读成数字
事项类别: 重大公共政策和措施
阶段: 已公布
决策日期: 2023年6月20日
决策事项目录:
  列入目录: 是
  目录名称: 彭阳县2023年度重大行政决策事项目录
  党委同意: 是
  公布日期: 2023-02-10
情形:                        # 只写已经判断过的情形；不知道的不要写
  专业性技术性较强: 是
  社会稳定风险: 是
  涉及特定群体利益: 是
  涉及市场主体经济活动: 是
  社会公众普遍关心: 是
  情况紧急: 否
  涉及其他部门职责: 是
  依法应当听证: 否
  判断人: 县司法局 王某
程序:
  - 类型: 决策启动
    日期: 2023-02-15
    建议研究论证: 是
    明确承办单位: 是
  - 类型: 决策草案起草
    日期: 2023-03-01
    调研报告: 是
    法律政策依据: [《中华人民共和国价格法》, 《政府制定价格行为规则》]
    成本效益分析: 是
  - 类型: 征求部门意见
    日期: 2023-03-05
    征求意见单位: [县财政局, 县住房和城乡建设局, 县市场监督管理局]
    协商一致: 是
  - 类型: 公众参与
    方式: 向社会公开征求意见
    开始日期: 2023-03-10
    截止日期: 2023年4月10日
    途径: 政府网站、政务新媒体
    公布草案: 是
    公布说明: 是
    意见提交方式: 电子邮件、信函
    特定群体代表: [供热用户代表, 供热企业]
    收到意见数: 37
    意见采纳情况: 是
  - 类型: 专家论证
    日期: 2023-04-15
    方式: 论证会
    从专家库选取: 是
    意见采纳情况: 是
    专家:
      - 姓名: 张三
        单位: 宁夏大学
        署名: 是
        利害关系: 否
        利害关系声明: 是
      - 姓名: 李四
        单位: 某价格认证中心
        专业机构: 是
        署名: 是
        利害关系: 否
        利害关系声明: 是
  - 类型: 风险评估
    日期: 2023-04-25
    评估报告: 是
    风险点: [低收入家庭负担加重]
    防范措施: [对低保家庭给予供热补贴]
    处置预案: 是
    听取意见部门: [县信访局, 县公安局]
    风险等级: 低
    风险可控: 是
  - 类型: 公平竞争审查
    日期: 2023-05-05
    审查机构: 县发展和改革局
    审查结论: 符合公平竞争审查标准
  - 类型: 合法性审查
    送审日期: 2023-05-08
    审查意见日期: 2023-05-22
    审查机构: 彭阳县司法局
    形式: 合法性审查意见
    审查结论: 合法
    附法律依据: 是
    履行程序说明: 是
    审查内容: 权限、程序、内容
    法律顾问意见: 是
    根据意见修改: 是
  - 类型: 向党委请示报告
    日期: 2023-06-01
    党委批复: 是
  - 类型: 集体讨论决定
    会议日期: 2023-06-20
    会议类型: 常务会议
    会议名称: 县人民政府第12次常务会议
    会议材料: [决策草案, 公平竞争审查情况, 公众意见研究采纳情况, 专家论证意见研究采纳情况, 风险评估报告, 合法性审查意见]
    会议纪要: 是
    行政首长最后发表意见: 是
    多数意见: 同意
    行政首长决定: 同意
    不同意见如实载明: 是
  - 类型: 决策公布
    公布日期: 2023-06-28
    途径: [政府网站, 政务新媒体]
    政策解读: 是
豁免:
  - 规则: mad.draft.alternatives
    决定机关: 彭阳县人民政府
    理由: 调价幅度由上级价格主管部门核定，不具备拟定两个以上备选方案的条件
    日期: 2023-03-01
"""

EXAMPLE_EN = """\
# Heating price adjustment in Pengyang county town (example dossier)
id: 2023-PY-001
title: 彭阳县城区集中供热价格调整
decision_body: 彭阳县人民政府
undertaking_unit: 彭阳县发展和改革局
jurisdiction: "640425"       # quote the division code, or YAML reads it as a number
category: public_policy
stage: published
decision_date: 2023-06-20
catalog:
  listed: true
  name: 彭阳县2023年度重大行政决策事项目录
  party_consent: true
  published_date: 2023-02-10
triggers:                    # only what has been judged; leave out what is not known
  specialised: true
  stability_risk: true
  specific_groups: true
  market_activity: true
  public_concern: true
  urgent: false
  affects_other_departments: true
  hearing_required_by_law: false
  judged_by: 县司法局 王某
procedures:
  - type: initiation
    date: 2023-02-15
    proposal_study: true
    undertaking_unit_named: true
  - type: drafting
    date: 2023-03-01
    research_report: true
    legal_basis: [《中华人民共和国价格法》, 《政府制定价格行为规则》]
    cost_benefit: true
  - type: interagency_consultation
    date: 2023-03-05
    units: [县财政局, 县住房和城乡建设局, 县市场监督管理局]
    agreed: true
  - type: public_participation
    method: public_comment
    start_date: 2023-03-10
    end_date: 2023-04-10
    channels: [website, new_media]
    draft_published: true
    explanation_published: true
    submission_method: 电子邮件、信函
    groups_consulted: [供热用户代表, 供热企业]
    opinions_received: 37
    adoption_feedback: true
  - type: expert_review
    date: 2023-04-15
    method: 论证会
    from_database: true
    adoption_feedback: true
    experts:
      - name: 张三
        affiliation: 宁夏大学
        signed: true
        conflict_of_interest: false
        conflict_declaration: true
      - name: 李四
        affiliation: 某价格认证中心
        institution: true
        signed: true
        conflict_of_interest: false
        conflict_declaration: true
  - type: risk_assessment
    date: 2023-04-25
    report: true
    risk_points: [低收入家庭负担加重]
    measures: [对低保家庭给予供热补贴]
    contingency_plan: true
    departments_consulted: [县信访局, 县公安局]
    level: low
    controllable: true
  - type: fair_competition_review
    date: 2023-05-05
    reviewing_body: 县发展和改革局
    conclusion: 符合公平竞争审查标准
  - type: legality_review
    submitted_date: 2023-05-08
    opinion_date: 2023-05-22
    reviewing_body: 彭阳县司法局
    form: review_opinion
    conclusion: lawful
    legal_basis_listed: true
    procedure_explanation: true
    topics: [authority, procedure, content]
    counsel_opinion: true
    adjusted: true
  - type: party_report
    date: 2023-06-01
    reply: true
  - type: collective_discussion
    date: 2023-06-20
    meeting_type: standing
    session: 县人民政府第12次常务会议
    materials: [draft, fcr_info, pp_adoption, expert_adoption, risk_report, legality_opinion]
    minutes: true
    head_spoke_last: true
    majority_view: approve
    head_decision: approve
    dissent_recorded: true
  - type: publication
    date: 2023-06-28
    channels: [website, new_media]
    interpretation: true
waivers:
  - rule: mad.draft.alternatives
    by: 彭阳县人民政府
    reason: 调价幅度由上级价格主管部门核定，不具备拟定两个以上备选方案的条件
    date: 2023-03-01
"""


# ------------------------------------------------------------------------------ markdown

def _bool_words() -> tuple[list[str], list[str]]:
    order = lambda s: (s not in ("是", "否"), s.isascii(), not s.isalpha(), s)  # noqa: E731 - 是/否, Chinese, signs, English
    return sorted(base._TRUE, key=order), sorted(base._FALSE, key=order)


def model_section(title: str, model: type[ZhModel], intro: list[str], skip: Iterable[str] = ()) -> list[str]:
    out = [f'<a id="{anchor(model)}"></a>', ""]
    if title:
        out += [title, ""]
    out += intro
    out += field_rows(model, skip)
    out.append("")
    return out


def _enum_users(cls: type[ZhEnum]) -> list[tuple[str, str]]:
    """(Chinese key, English key) of every field whose values come from `cls`."""
    from ..models import enforcement as e
    models: list[type[ZhModel]] = [Dossier, Catalog, Triggers, Expert, Waiver, Source, *PROCEDURES.values(),
                                   e.EnforcementDossier, e.EnforcementTriggers, e.Party, e.Penalty, e.Officer]
    users: list[tuple[str, str]] = []
    for model in models:
        for name, info in model.model_fields.items():
            t = unwrap(info.annotation)
            if typing.get_origin(t) is list:
                t = unwrap(typing.get_args(t)[0])
            keys = _zh_keys(info)
            if t is cls and (keys[0], name) not in users:
                users.append((keys[0], name))
    return users


def enum_section(cls: type[ZhEnum]) -> list[str]:
    doc = first_line(cls.__doc__)
    users = _enum_users(cls)
    title = f"{users[0][0]} " if users else ""
    out = [f'<a id="{anchor(cls)}"></a>', "", f"### {title}{cls.__name__}", ""]
    if users:
        out += ["用于 used by: " + "、".join(f"`{zh}` (`{en}`)" for zh, en in users), ""]
    if doc:
        out += [doc, ""]
    out += ["| English value | 中文 Chinese | 也可写作 also accepted |", "|---|---|---|"]
    for m in cls:
        syn = "、".join(f"`{s}`" for s in m.synonyms)  # type: ignore[attr-defined]
        out.append(f"| `{m.value}` | `{m.zh}` | {cell(syn)} |")  # type: ignore[attr-defined]
    out.append("")
    return out


def dossier_format_markdown() -> str:
    """docs/dossier-format.md, generated from the models (Chinese first, English after)."""
    for ex in DATE_EXAMPLES:  # the docs must not promise a spelling the loader refuses
        assert base.parse_date(ex) == dt.date(2023, 5, 1), ex
    true_words, false_words = _bool_words()
    for w in true_words:
        assert base.parse_bool(w) is True, w
    for w in false_words:
        assert base.parse_bool(w) is False, w
    mb = MAX_BYTES // (1024 * 1024)

    out: list[str] = [
        "# 案卷格式 Dossier format",
        "",
        f"> 本文件由 `engine/tools/docsgen.py` 根据数据模型自动生成，请勿手工修改。模型改动后运行 `{REGENERATE}`。",
        f"> Generated from the data models by `engine/tools/docsgen.py`; do not edit by hand. After changing the models, run `{REGENERATE}`.",
        "",
        "一个案卷文件记录一项重大行政决策实际履行了哪些程序，juece 据此对照《重大行政决策程序暂行条例》（国务院令第713号）检查。",
        "A dossier file records which procedures one major administrative decision actually went through; juece checks it",
        "against the Interim Regulations on Major Administrative Decision Procedures (State Council Decree 713).",
        "",
        "## 1. 总则 General rules",
        "",
        "| 中文 | English |",
        "|---|---|",
        "| 文件为 YAML（`.yaml`/`.yml`）或 JSON（`.json`），每个文件一个案卷。 | YAML (`.yaml`/`.yml`) or JSON (`.json`), one dossier per file. |",
        "| 编码：UTF-8（可带 BOM）、GBK 或 GB18030。 | Encoding: UTF-8 (with or without BOM), GBK or GB18030. |",
        "| 每个键都有中文写法和英文写法，含义完全相同；同一层里同一字段只能写一次（不能既写 `编号` 又写 `id`）。 | Every key has Chinese and English spellings with exactly the same meaning; give a field once per mapping (not both `编号` and `id`). |",
        "| 取值（枚举）同样可以写中文，见[取值表](#enums)。 | Enumerated values may be written in Chinese too; see [value tables](#enums). |",
        "| 未知的键一律报错（多半是错别字），不会被忽略。 | Unknown keys are errors (usually a typo); nothing is silently ignored. |",
        "| 不知道或未记载的内容不写；不要用“无”表示“不知道”。未写的内容怎样理解取决于 `案卷来源`：完整案卷（默认）中未列出的程序视为未履行（违反，注明“未见记载”）；台账、公开信息中未写的内容为“无法判定”，并列出需补充的事实。程序确知未履行的写 `状态: 未履行`，案卷无法说明是否履行的写 `状态: 未知`。详见 [open-world.md](open-world.md)。 | Leave out what is unknown or not recorded; do not write 无 (no) for \"don't know\". How an omission is read depends on `record_basis`: in a complete file (the default) a procedure not listed was not performed (a violation, marked \"not recorded\"); in a ledger row or a dossier rebuilt from published sources it is indeterminate, with the facts needed listed. Mark a step known not to have happened `status: not_performed`, one the file cannot show `status: unknown`. See [open-world.md](open-world.md). |",
        "| 不允许重复的键、YAML 锚点和别名（`&`、`*`）。 | Duplicate keys and YAML anchors/aliases (`&`, `*`) are refused. |",
        f"| 文件不得超过 {mb} MB，嵌套不得超过 {MAX_DEPTH} 层。 | Files over {mb} MB or nested deeper than {MAX_DEPTH} levels are refused. |",
        "| 行政区划代码等数字串请加引号（`\"640425\"`）。 | Quote digit strings such as division codes (`\"640425\"`). |",
        "",
        "## 2. 日期写法 Dates",
        "",
        "以下写法都表示 2023 年 5 月 1 日；不写或留空表示未记载。",
        "Each of these means 1 May 2023; leave the field out (or empty) when the date is not recorded.",
        "",
        "| 写法 spelling |",
        "|---|",
    ]
    out += [f"| `{ex}` |" for ex in DATE_EXAMPLES]
    out += [
        "",
        "年、月、日之间可用 `年`/`月`/`日`、`-`、`/` 或 `.` 分隔；日期必须真实存在（`2023-02-30` 报错）。"
        "结束日期不得早于开始日期（公众参与的 `截止日期` 与 `开始日期`，合法性审查的 `审查意见日期` 与 `送审日期`）。",
        "Year, month and day may be separated by 年/月/日, `-`, `/` or `.`; the date must exist (`2023-02-30` is an error). "
        "An end date may not precede its start date (public participation `end_date`/`start_date`, legality review "
        "`opinion_date`/`submitted_date`).",
        "",
        "## 3. 是/否写法 Yes and no",
        "",
        "| 含义 meaning | 可写作 accepted spellings |",
        "|---|---|",
        "| 是 yes | " + "、".join(f"`{w}`" for w in true_words) + " |",
        "| 否 no | " + "、".join(f"`{w}`" for w in false_words) + " |",
        "| 未记载 not recorded | 不写该字段，或留空 leave the field out, or empty |",
        "",
        "英文词不区分大小写。English words are case-insensitive.",
        "",
        "## 4. 案卷 Dossier (top level)",
        "",
    ]
    out += model_section("", Dossier, [
        "案卷最外层的键。`情形`、`决策事项目录`、`程序`、`豁免` 的内容见后面各节。",
        "Top-level keys. `triggers`, `catalog`, `procedures` and `waivers` are described in the sections below.", ""])
    out += ["## 5. 决策事项目录 Catalog", ""]
    out += model_section("", Catalog, [first_line(Catalog.__doc__), ""])
    out += ["## 6. 情形 Triggers", ""]
    out += model_section("", Triggers, [
        "情形是使附条件义务适用的判断（例如“专业性技术性较强”时应当组织专家论证）。只写已经作出判断的情形；"
        "不写表示尚未判断，相关义务的检查结果可能为“无法判断”，而不是“合规”。",
        "Triggers are the judgements that make conditional duties apply (e.g. a specialised matter needs expert review). "
        "Give only judgements actually made; a trigger left out is unknown, and the duties it controls may come out "
        "indeterminate (无法判断) rather than compliant.", ""])
    out += _stages()
    out += _procedures()
    out += ["## 9. 其他记录 Other records", ""]
    out += model_section("### 专家 Expert", Expert, ["`专家论证` 记录中 `专家` 列表的每一项。Each item of an expert review's `experts` list.", ""])
    out += model_section("### 豁免 Waiver", Waiver, [first_line(Waiver.__doc__), ""])
    out += model_section("### 来源 Source", Source, [
        "`来源` 列表的每一项（案卷最外层或任一程序记录中），写明事实从哪里读到；检查结果的证据和 HTML 报告列出来源。",
        "Each item of a `sources` list (top level or on any procedure record): where a fact was read. Findings' evidence "
        "and the HTML report list the sources.", ""])
    out += ['<a id="enums"></a>', "", "## 10. 取值表 Value tables (enumerations)", "",
            "可写英文值、中文或任一同义写法，含义相同。",
            "Write the English value, the Chinese label or any listed synonym; they mean the same.", ""]
    for cls in _enum_classes():
        if cls is not Stage:
            out += enum_section(cls)
    out += [
        "## 11. 完整示例 Worked example",
        "",
        "同一个案卷，先用中文键，再用英文键；两者读入后完全相同。",
        "The same dossier, first with Chinese keys, then with English keys; both load to the same dossier.",
        "",
        "### 中文键 Chinese keys",
        "",
        "```yaml",
        EXAMPLE_ZH.rstrip("\n"),
        "```",
        "",
        "### 英文键 English keys",
        "",
        "```yaml",
        EXAMPLE_EN.rstrip("\n"),
        "```",
        "",
        "## 12. 编辑器校验 Editor validation (JSON Schema)",
        "",
        "`juece schema > dossier.schema.json` 输出 JSON Schema，中英文键都接受，可供 VS Code 等编辑器提示和校验。",
        "`juece schema > dossier.schema.json` prints a JSON Schema accepting both Chinese and English keys, for editor",
        "completion and validation (e.g. VS Code with the YAML extension: `# yaml-language-server: $schema=dossier.schema.json`).",
        "",
    ]
    from .docs_enforcement import markdown as enforcement_markdown  # §13: the third kind of dossier
    out += enforcement_markdown()
    from .docs_vocabulary import markdown as vocabulary_markdown  # §14: adding a fact (the vocabulary as data)
    out += vocabulary_markdown()
    return "\n".join(out)


def _stages() -> list[str]:
    out = [f'<a id="{anchor(Stage)}"></a>', "", "## 7. 阶段 Stages", "",
           "`阶段` 表示决策进行到哪一步；每条规则只从它应当完成的阶段起检查。不写 `阶段` 时按“已完成”处理，检查全部义务。",
           "`stage` says how far the decision has got; a rule is checked only from the stage at which its duty is due. "
           "Without `stage`, the dossier is treated as completed and every duty is checked.", "",
           "| 顺序 order | English value | 中文 Chinese | 也可写作 also accepted |", "|---|---|---|---|"]
    for m in Stage:
        syn = "、".join(f"`{s}`" for s in m.synonyms)  # type: ignore[attr-defined]
        out.append(f"| {m.rank + 1} | `{m.value}` | `{m.zh}` | {cell(syn)} |")  # type: ignore[attr-defined]
    out.append("")
    return out


def _procedures() -> list[str]:
    out = ['<a id="procedures"></a>', "", "## 8. 程序 Procedures", "",
           "`程序` 是列表，每履行一次程序写一项；每项必须有 `类型`，其余键取决于类型。同一程序履行多次就写多项。",
           "`procedures` is a list with one item per procedure performed; each item needs a `type` (`类型`), and the other "
           "keys depend on the type. A procedure performed twice is written twice.", "",
           "| 类型 type (English) | 类型 type (中文，任一均可 any of) | 依据 basis |", "|---|---|---|"]
    decision_procedures = {n: c for n, c in PROCEDURES.items() if n not in ENFORCEMENT_PROCEDURES}  # §13 has the others
    for name, cls in decision_procedures.items():
        zh = "、".join(f"`{z}`" for z in PROCEDURE_ZH.get(name, ()))
        out.append(f"| [`{name}`](#{anchor(cls)}) | {zh} | {cell(first_line(cls.__doc__))} |")
    out += ["", "每种程序都可以有下列两个键。Every procedure record may also have these two keys:", ""]
    out += field_rows(Record)
    out.append("")
    for i, (name, cls) in enumerate(decision_procedures.items(), 1):
        zh = PROCEDURE_ZH.get(name, (name,))
        out += [f'<a id="{anchor(cls)}"></a>', "", f"### 8.{i} {zh[0]} `{name}`", "",
                f"{first_line(cls.__doc__)}　`类型: {zh[0]}` = `type: {name}`", ""]
        out += field_rows(cls, skip=("ref", "note"))
        out.append("")
    return out


# ----------------------------------------------------------------------------- JSON Schema

_DATE_PATTERN = r"^\s*\d{4}\s*[年\-/.]\s*\d{1,2}\s*[月\-/.]\s*\d{1,2}\s*日?\s*$"


def _bool_schema() -> dict:
    true_words, false_words = _bool_words()
    words = true_words + false_words
    words += [w.upper() for w in words if w.isascii() and w.isalpha()]
    words += [w.capitalize() for w in words if w.isascii() and w.isalpha() and w.capitalize() not in words]
    return {"anyOf": [{"type": "boolean"}, {"enum": [0, 1]}, {"type": "string", "enum": sorted(set(words), key=words.index)}]}


def _walk(node: Any, fn) -> Any:  # noqa: ANN001
    """Rebuild a schema tree bottom-up, letting `fn` replace any dict."""
    if isinstance(node, dict):
        return fn({k: _walk(v, fn) for k, v in node.items()})
    if isinstance(node, list):
        return [_walk(v, fn) for v in node]
    return node


def _record_choice(refs: set[str]) -> dict:
    """A procedure record, chosen by its 类型/type (if/then), so that an editor reports the wrong
    key inside the record of that type, not "matches none of 25 schemas" for the whole item.
    `refs`: the record definitions this dossier kind's list holds."""
    from ..models.dossier import PROCEDURES as MAD
    ALL = {**MAD, **ENFORCEMENT_PROCEDURES}
    PROCEDURES = {p: m for p, m in ALL.items() if f"#/$defs/{m.__name__}" in refs}
    # a kind's own Chinese names: 听证 is the enforcement hearing in an enforcement dossier
    table = ENFORCEMENT_PROCEDURE_ZH if any(p in ENFORCEMENT_PROCEDURES for p in PROCEDURES) else PROCEDURE_ZH
    every = [n for p in PROCEDURES for n in (p, *table.get(p, ()))]
    type_given = {"anyOf": [{"required": ["type"]}, {"required": ["类型"]}],
                  "properties": {"type": {"enum": every}, "类型": {"enum": every}}}
    branches = []
    for proc, model in PROCEDURES.items():
        names = [proc, *table.get(proc, ())]
        branches.append({"if": {"anyOf": [{"properties": {"type": {"enum": names}}, "required": ["type"]},
                                          {"properties": {"类型": {"enum": names}}, "required": ["类型"]}]},
                         "then": {"$ref": f"#/$defs/{model.__name__}"}})
    return {"type": "object", "allOf": [type_given, *branches],
            "description": "程序记录：按“类型”（type）选定其格式。A procedure record; its 类型 (type) says which format applies."}


def _discriminate(schema: dict) -> None:
    props = schema.get("properties", {})
    for key, sub in props.items():
        items = sub.get("items") if isinstance(sub, dict) else None
        if isinstance(items, dict) and "oneOf" in items and all("$ref" in x for x in items["oneOf"]) and len(items["oneOf"]) > 5:
            want = {x["$ref"] for x in items["oneOf"]}
            choice = _record_choice(want)
            if {b["then"]["$ref"] for b in choice["allOf"] if "then" in b} == want:  # every record of the list has its branch
                sub["items"] = choice


def json_schema(model: type[ZhModel] = Dossier) -> dict:
    """JSON Schema for dossier files that accepts English AND Chinese keys and values.

    `model`: the dossier model of one kind (Dossier: 重大行政决策 and 行政规范性文件; EnforcementDossier: 重大执法决定)."""
    from .docs_enforcement import enum_classes as enforcement_enums
    schema = copy.deepcopy(model.model_json_schema())
    defs = schema.get("$defs", {})
    enums = {cls.__name__: cls for cls in [*_enum_classes(), *enforcement_enums()]}
    bool_schema = _bool_schema()

    # enum definitions accept the Chinese labels and synonyms
    for name, d in defs.items():
        cls = enums.get(name)
        if cls is not None and "enum" in d:
            values: list[str] = []
            for key in cls.lookup():
                if key not in values:
                    values.append(key)
            d["enum"] = values

    def leaf(d: dict) -> dict:
        if d.get("type") == "boolean" and set(d) <= {"type"}:
            return copy.deepcopy(bool_schema)
        if d.get("type") == "string" and d.get("format") == "date":
            out = {k: v for k, v in d.items() if k != "format"}
            out["pattern"] = _DATE_PATTERN
            return out
        if "items" in d and isinstance(d["items"], dict) and d["items"].get("$ref", "").split("/")[-1] in enums:
            # a list of enum values may also be written as one string: "政府网站、政务新媒体"
            rest = {k: v for k, v in d.items() if k not in ("items", "type")}
            return {**rest, "anyOf": [{"type": "array", "items": d["items"]}, {"type": "string"}]}
        return d

    schema = _walk(schema, leaf)
    defs = schema.get("$defs", {})

    def with_zh_keys(obj: dict) -> None:
        props = obj.get("properties")
        if not isinstance(props, dict):
            return
        new: dict[str, Any] = {}
        alternatives: dict[str, list[str]] = {}
        for key, sub in props.items():
            names = [k for k in str(sub.get("zh", "")).split("|") if k] if isinstance(sub, dict) else []
            if key == "type" and isinstance(sub, dict) and "const" in sub:  # procedure type: Chinese names too
                const = sub.pop("const")
                sub.pop("type", None)
                table = ENFORCEMENT_PROCEDURE_ZH if model is not Dossier and const in ENFORCEMENT_PROCEDURE_ZH else PROCEDURE_ZH
                sub["enum"] = [const, *table.get(const, ())]
            new[key] = sub
            alternatives[key] = [key, *names]
            for zh in names:
                new[zh] = copy.deepcopy(sub)
        obj["properties"] = new
        required = obj.pop("required", None)
        if required:
            obj.setdefault("allOf", [])
            for key in required:
                obj["allOf"].append({"anyOf": [{"required": [k]} for k in alternatives.get(key, [key])]})
        # the same field may not be given twice (Chinese and English)
        for key, names in alternatives.items():
            if len(names) > 1:
                obj.setdefault("dependentSchemas", {})
                for i, n in enumerate(names):
                    others = [m for m in names if m != n]
                    obj["dependentSchemas"][n] = {"not": {"anyOf": [{"required": [m]} for m in others]}}

    with_zh_keys(schema)
    for d in defs.values():
        with_zh_keys(d)
    _discriminate(schema)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "juece 案卷 dossier"
    return schema
