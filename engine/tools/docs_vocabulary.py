"""docs/dossier-format.md §14 “添加事实 / adding a fact”: how a ruleset declares a fact the shared
vocabulary lacks (models/vocabulary.py), generated like the rest of docsgen.py (which calls it).

The tables are read from the vocabulary module's own lists (the keys a declaration accepts, the
types), so they cannot drift from the code; the worked example is the folder
docs/examples/adding-a-fact/, shown verbatim, which tests/models/test_vocabulary.py runs end to end.
"""

from __future__ import annotations

from pathlib import Path

from ..models import vocabulary as v

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "adding-a-fact"
EXAMPLE_REL = "docs/examples/adding-a-fact"

#: what each key of a field's declaration means (zh, en): every key vocabulary.py accepts, no other
FIELD_KEYS = {
    "zh": ("中文键名（案卷中写的键）", "the Chinese key (what a dossier writes)"),
    "aliases": ("其他可用的中文键名", "other Chinese keys accepted"),
    "type": ("类型，见下表", "the type, see below"),
    "en": ("英文含义（英文键名即字段名）", "what it means in English (the English key is the field's name)"),
    "basis": ("要求该事实的条文", "the article that asks for the fact"),
    "meaning": ("中文含义（文档先列）", "the Chinese meaning (shown first in the docs)"),
    "required": ("必填（`true`）", "required (`true`)"),
    "default": ("`empty`：组成部分默认为空", "`empty`: a part that defaults to empty"),
    "min": ("最小值（整数）", "least value (integer)"),
    "max": ("最大值（整数）", "greatest value (integer)"),
    "pattern": ("取值须符合的正则表达式", "a regular expression the value must match"),
    "split": ("列表可写成一个字符串，按 、，,；; 分开（案卷最外层）", "a list may be written as one string split at 、，,；; (top level)"),
    "list_into": ("写成列表时填入另一列表字段（案卷最外层）", "written as a list, it fills another list field (top level)"),
    "requires": ("取某值时另一字段必填（案卷最外层）", "a value that makes another field required (top level)"),
}

TYPES = {
    "text": ("文字", "text"),
    "code": ("编号、代码（不加引号的数字也读作文字）", "a number or code (an unquoted number is read as text)"),
    "date": ("日期（第2节的写法）", "a date (as in §2)"),
    "bool": ("是/否（第3节的写法）", "yes/no (as in §3)"),
    "integer": ("整数", "a whole number"),
    "records": ("程序记录的列表（案卷的 `程序`）", "the list of procedure records (a dossier's `procedures`)"),
    "list of text": ("文字的列表", "a list of texts"),
    "enum 枚举名": ("取值表中的一个值（第10节）", "one value of an enumeration (§10)"),
    "list of enum 枚举名": ("取值表中的若干值", "several values of an enumeration"),
    "组成部分名": ("一个组成部分，如 `Source`", "one part, e.g. `Source`"),
    "list of 组成部分名": ("组成部分的列表，如 `list of Expert`", "a list of parts, e.g. `list of Expert`"),
}


def _file(name: str) -> list[str]:
    return ["```yaml", (EXAMPLE / name).read_text(encoding="utf-8").rstrip("\n"), "```", ""]


def dossier_excerpt() -> str:
    """The part of the example dossier that records the two new facts (the rest is cases/examples/peng-yang-heating-price.yaml)."""
    lines = (EXAMPLE / "dossier.yaml").read_text(encoding="utf-8").splitlines()
    a = next(i for i, x in enumerate(lines) if "(a)" in x)
    start = max(i for i in range(a) if lines[i].startswith("  - 类型:"))
    b = next(i for i, x in enumerate(lines) if "(b)" in x)
    return "\n".join(["程序:", "  # …", lines[start], "    # …", lines[a], "  # …", *lines[b:]])


def markdown() -> list[str]:
    """The lines of §14."""
    assert set(FIELD_KEYS) == v.FIELD_KEYS, "docs_vocabulary.FIELD_KEYS must describe every key vocabulary.py accepts"
    assert set(v.SCALARS) | {"list of text"} <= set(TYPES), "docs_vocabulary.TYPES must describe every type vocabulary.py accepts"
    rs = f"{EXAMPLE_REL}/county-rules"
    out = ['<a id="adding-a-fact"></a>', "", "## 14. 添加事实 Adding a fact", "",
           "案卷中的程序类型、字段和取值不写在程序代码里，而是声明在规则集旁的 YAML 中：`rulesets/vocabulary/*.yaml` 是共用的词汇，"
           "本文前面各节的表格、`juece schema` 的 JSON Schema 都由它生成。地方规则要读取共用词汇没有的事实时，在规则集目录中放一个 "
           "`vocabulary.yaml`，用 `extend:` 给已有的程序（或 `dossier` 案卷最外层、`\"*\"` 每一种程序、某个组成部分）加字段，"
           "用 `records:` 声明新的程序类型；不需要修改任何 Python 代码。",
           "Record types, fields and values are not written in the engine's code but declared in YAML beside the rulesets: "
           "`rulesets/vocabulary/*.yaml` is the shared vocabulary, from which the tables above and `juece schema` are generated. "
           "When local rules read a fact the shared vocabulary lacks, put a `vocabulary.yaml` in the ruleset folder: `extend:` adds "
           "fields to a record type (or to `dossier`, the top level, to `\"*\"`, every record, or to a part), `records:` declares a new "
           "record type. No Python change is needed.",
           "",
           "| 字段声明的键 key | 含义 | meaning |", "|---|---|---|"]
    out += [f"| `{k}` | {zh} | {en} |" for k, (zh, en) in FIELD_KEYS.items()]
    out += ["", "| 类型 type | 含义 | meaning |", "|---|---|---|"]
    out += [f"| `{k}` | {zh} | {en} |" for k, (zh, en) in TYPES.items()]
    out += ["",
            "新的程序类型写 `names:`（案卷 `类型` 可写的中文名称，第一个为正式名称）和 `fields:`；每种程序都有 `类型`、`文号`、`备注`、`状态`、`来源`。"
            "同一事实在两个 `vocabulary.yaml` 中声明完全相同的，是同一个字段（如赣州、宁远两个规则集都读取的 `听取合法性审查机构意见`）；"
            "声明不同，或一个键名、一个程序名称已有他用的，检查即停止，并指出两处文件。词汇文件的错误与案卷一样报告到 文件:行:列、键的路径和应写的内容，退出码 2。",
            "A new record type gives `names:` (what its `类型` may be written as, the first is the official name) and `fields:`; every "
            "record also has `type`, `ref`, `note`, `status` and `sources`. A fact declared the same way in two `vocabulary.yaml` files is "
            "one field (e.g. `legality_body_heard`, read by both the 赣州 and 宁远 rulesets); declared differently, or with a key or a "
            "record name already taken, checking stops and names both files. Errors in a vocabulary file are reported like a dossier's: "
            "file:line:column, the key path and what was expected, exit 2.",
            "",
            "### 14.1 示例 Worked example",
            "",
            f"`{EXAMPLE_REL}/` 是一个完整的例子（tests/models/test_vocabulary.py 运行的就是它）：某县补充规定要求会议纪要经与会人员签字（第五条，"
            "已有程序 `集体讨论决定` 的新字段）、讨论前进行廉洁性评估（第六条，新的程序）。",
            f"`{EXAMPLE_REL}/` is a complete example (the one tests/models/test_vocabulary.py runs): a county requires signed minutes "
            "(Art. 5, a new field of `collective_discussion`) and an integrity review before the discussion (Art. 6, a new record type).",
            "",
            f"`{rs}/vocabulary.yaml`:", ""]
    out += _file("county-rules/vocabulary.yaml")
    out += [f"`{rs}/rules.yaml`（规则照常写，读取新的字段和程序 / the rules, written as usual, read the new field and record type）:", ""]
    out += _file("county-rules/rules.yaml")
    out += [f"`{rs}/index.yaml` 继承《条例》/ extends Decree 713 (`extends: cn.mad.decree-713`)。案卷 `{EXAMPLE_REL}/dossier.yaml` 中记载这两项事实的部分 / "
            "the part of the dossier that records the two facts:", "",
            "```yaml", dossier_excerpt(), "```", "",
            "```sh",
            f"juece check --ruleset {rs} {EXAMPLE_REL}/dossier.yaml",
            f"juece schema --ruleset {rs} > dossier.schema.json",
            f"juece docs dossier-format --ruleset {rs}",
            "```", "",
            "`--ruleset` 给出目录时，`juece check`、`opinion`、`audit`、`schema`、`docs dossier-format` 都读取该目录的 `vocabulary.yaml`；"
            "`纪要经与会人员签字: 否` 为违反（某县补充规定第五条），不写则在完整案卷中为违反（未见记载）、在台账（`案卷来源: 台账`）中为无法判定"
            "（见 [open-world.md](open-world.md)）。不给出该目录时，这两个键是未知的键（报错，不会被忽略）。",
            "With a folder as `--ruleset`, `juece check`, `opinion`, `audit`, `schema` and `docs dossier-format` read its "
            "`vocabulary.yaml`; `minutes_signed: no` is a violation (the county's Art. 5), leaving it out is a violation (not recorded) "
            "in a complete file and indeterminate in a ledger row (`record_basis: ledger`, see open-world.md). Without the folder "
            "the two keys are unknown keys (an error, never ignored).",
            ""]
    return out
