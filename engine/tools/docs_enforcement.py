"""docs/dossier-format.md §13 and the JSON Schema for the third kind: 重大执法决定 (models/enforcement.py).

Generated from the models like the rest of docsgen.py (which calls these), so the section cannot
drift from the code; the worked example is the shipped compliant case, which tests load.
"""

from __future__ import annotations

from pathlib import Path

from ..models import enforcement as e
from ..models.base import ZhEnum

EXAMPLE = Path(__file__).resolve().parents[2] / "cases/enforcement/good/pengyang-substandard-fertiliser.yaml"


def enum_classes() -> list[type[ZhEnum]]:
    return [v for v in vars(e).values() if isinstance(v, type) and issubclass(v, ZhEnum) and v is not ZhEnum
            and v.__module__ == e.__name__]


def markdown() -> list[str]:
    """The lines of §13: the top level, 情形, the party and penalties, the records, the values."""
    from .docsgen import anchor, cell, enum_section, field_rows, first_line, model_section
    out = ['<a id="enforcement"></a>', "", "## 13. 重大执法决定 Major enforcement decisions", "",
           "`案卷类型: 重大执法决定`（`document_kind: major_enforcement_decision`）的案卷记录一件行政处罚案件按普通程序"
           "（含听证）履行了哪些程序，juece 据此对照《中华人民共和国行政处罚法》（2021年修订）检查（规则集 `cn.ap.national`，"
           "见 [docs/enforcement.md](enforcement.md)）。日期、是/否、未记载的写法与前文相同；`阶段` 取值见第7节"
           "（`调查` = `drafting`、`法制审核前` = `legality_review`、`待决定` = `discussion`、`已作出处罚决定` = `decided`、"
           "`已送达` = `published`、`已归档`、`已完成`）。",
           "A dossier with `document_kind: major_enforcement_decision` records which steps one administrative-penalty case "
           "went through under the ordinary procedure (with its hearing); juece checks it against the Administrative Penalty "
           "Law (2021) with the ruleset `cn.ap.national` (see docs/enforcement.md). Dates, yes/no and unknowns are written "
           "as above; stages are those of §7 (`调查` = drafting, `法制审核前` = legality_review, `待决定` = discussion, "
           "`已作出处罚决定` = decided, `已送达` = published, archived, completed).", ""]
    out += ["### 13.1 案卷 Dossier (top level)", ""]
    out += model_section("", e.EnforcementDossier, [
        "`立案日期` 以外的 `告知日期`、`决定日期`、`送达日期` 不写时取相应程序记录的日期；当事人只记载类型和名称（检查不需要身份证件号码、住址等个人信息，请勿填写）。",
        "`notice_date`, `decision_date` and `service_date` default to the dates of the matching records. Record the party's "
        "kind and name only: the checks need no identity number, address or contact details.", ""])
    out += ["### 13.2 情形 Triggers", ""]
    out += model_section("", e.EnforcementTriggers, [
        "使第五十七条第二款、第五十八条、第六十三条、第四十八条等附条件义务适用的判断。只写已作出的判断；不写表示未判断，相关义务可能“无法判断”。"
        "第六十三条第一款第（三）（四）项（降低资质等级、吊销许可证件、责令停产停业、责令关闭、限制从业）直接从 `拟处罚` 的 `种类` 读出。",
        "The judgements that make the conditional duties apply (Arts. 57 ¶2, 58, 63, 48). Give only judgements made; one left "
        "out is unknown. Art. 63 ¶1 items (3)–(4) are read from the kinds of penalty proposed.", ""])
    out += ["### 13.3 当事人、处罚、执法人员 Party, penalty, officer", ""]
    out += model_section("#### 当事人 Party", e.Party, [first_line(e.Party.__doc__), ""])
    out += model_section("#### 拟处罚 / 处罚决定内容 Penalty", e.Penalty, [first_line(e.Penalty.__doc__), ""])
    out += model_section("#### 执法人员 Officer", e.Officer, [first_line(e.Officer.__doc__), ""])
    out += ['<a id="enforcement-procedures"></a>', "", "### 13.4 程序 Procedures", "",
            "与重大行政决策相同，`程序` 每项写一次履行的程序，`类型` 决定其余的键。重大执法决定案卷只接受下列类型。",
            "As for decisions, one item per step; `type` decides the other keys. An enforcement dossier accepts these types only.", "",
            "| 类型 type (English) | 类型 type (中文，任一均可 any of) | 依据 basis |", "|---|---|---|"]
    for name, cls in e.ENFORCEMENT_PROCEDURES.items():
        zh = "、".join(f"`{z}`" for z in e.ENFORCEMENT_PROCEDURE_ZH.get(name, ()))
        out.append(f"| [`{name}`](#{anchor(cls)}) | {zh} | {cell(first_line(cls.__doc__))} |")
    out.append("")
    for i, (name, cls) in enumerate(e.ENFORCEMENT_PROCEDURES.items(), 1):
        zh = e.ENFORCEMENT_PROCEDURE_ZH.get(name, (name,))
        out += [f'<a id="{anchor(cls)}"></a>', "", f"#### 13.4.{i} {zh[0]} `{name}`", "",
                f"{first_line(cls.__doc__)}　`类型: {zh[0]}` = `type: {name}`", ""]
        out += field_rows(cls, skip=("ref", "note"))
        out.append("")
    out += ["### 13.5 取值表 Value tables", ""]
    for cls in enum_classes():
        section = enum_section(cls)
        out += [line.replace("### ", "#### ", 1) if line.startswith("### ") else line for line in section]
    out += ["### 13.6 完整示例 Worked example", "",
            f"`{EXAMPLE.relative_to(EXAMPLE.parents[3]).as_posix()}`：", "", "```yaml",
            EXAMPLE.read_text(encoding="utf-8").rstrip("\n"), "```", "",
            "`juece schema --kind 重大执法决定` 输出本类案卷的 JSON Schema。`juece schema --kind 重大执法决定` prints this kind's JSON Schema.", ""]
    return out
