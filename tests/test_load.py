"""Loader: every bad input becomes a LoadError with a clear zh/en message, never a traceback.

Each refusal is checked for its code, its file:line:column (where a position means something) and
for text in both languages. Tests marked `xfail(strict=True)` describe how the loader SHOULD
behave and does not yet; the reason names the bug. When the loader is fixed they start passing and
strict xfail turns them red, so the mark has to be removed then.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from engine.core.errors import LoadError, Problem
from engine.core.yamlload import MAX_BYTES
from engine.load import load_dossier
from engine.models.dossier import (
    CollectiveDiscussion, Dossier, ExpertReview, LegalityReview, PublicParticipation, Stage,
)

CJK = re.compile(r"[\u4e00-\u9fff]")
HEAD = "编号: X-001\n标题: 彭阳县城区集中供热价格调整\n"  # lines 1-2 of most test files


# ----------------------------------------------------------------------------- helpers

def write(tmp_path: Path, text: str, name: str = "dossier.yaml", encoding: str = "utf-8") -> Path:
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


def load_text(tmp_path: Path, text: str, name: str = "dossier.yaml", encoding: str = "utf-8") -> Dossier:
    return load_dossier(write(tmp_path, text, name, encoding)).dossier


def refused(tmp_path: Path, text: str, name: str = "dossier.yaml") -> list[Problem]:
    """Load `text`; it must be refused with a LoadError (any other exception fails the test)."""
    path = write(tmp_path, text, name)
    with pytest.raises(LoadError) as info:
        load_dossier(path)
    problems = info.value.problems
    assert problems, "a LoadError must carry at least one problem"
    for p in problems:
        assert p.file == str(path)
    return problems


def assert_clear(p: Problem, code: str, line: int | None = None, column: int | None = None,
                 zh: tuple[str, ...] = (), en: tuple[str, ...] = ()) -> None:
    """Code, position and both languages of one problem."""
    assert p.code == code, p.text("en")
    if line is not None:
        assert p.line == line, f"line {p.line} != {line}: {p.text('en')}"
    if column is not None:
        assert p.column == column, f"column {p.column} != {column}: {p.text('en')}"
    zh_text, en_text = p.text("zh"), p.text("en")
    assert CJK.search(p.zh), f"the Chinese message has no Chinese: {p.zh!r}"
    assert p.en and p.en != p.zh, f"no English message: {p.en!r}"
    for text in (zh_text, en_text):
        assert "Traceback" not in text and "pydantic" not in text.lower()
        assert text.startswith(p.where()) and text.endswith(f"[{code}]")
        if line is not None:
            assert f":{line}" in text
    for s in zh:
        assert s in zh_text, f"{s!r} not in {zh_text!r}"
    for s in en:
        assert s in en_text, f"{s!r} not in {en_text!r}"


def one(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, "\n".join(p.text("en") for p in problems)
    return problems[0]


# ------------------------------------------------------------------------ syntax errors

def test_malformed_yaml_unclosed_flow_sequence(tmp_path):
    p = one(refused(tmp_path, HEAD + "程序: [\n  - 类型: 起草\n"))
    assert_clear(p, "load.syntax", line=4, zh=("YAML 语法错误",), en=("YAML syntax error",))
    assert p.column is not None


def test_malformed_yaml_bad_indentation(tmp_path):
    p = one(refused(tmp_path, HEAD + "情形:\n  专业性技术性较强: 是\n   社会稳定风险: 是\n"))
    assert_clear(p, "load.syntax", line=5, column=10, zh=("YAML 语法错误",), en=("YAML syntax error",))


def test_tab_indentation(tmp_path):
    p = one(refused(tmp_path, HEAD + "情形:\n\t情况紧急: 是\n"))
    assert_clear(p, "load.syntax", line=4, column=1)


def test_json_syntax_error_has_line_and_column(tmp_path):
    text = '{\n  "id": "X-001",\n  "title": "t",\n  "stage" "decided"\n}\n'
    p = one(refused(tmp_path, text, "dossier.json"))
    assert_clear(p, "load.syntax", line=4, column=11, zh=("JSON 语法错误",), en=("JSON syntax error",))


def test_json_trailing_comma(tmp_path):
    p = one(refused(tmp_path, '{"id": "X", "title": "t",}', "dossier.json"))
    assert_clear(p, "load.syntax", line=1, zh=("JSON 语法错误",))


def test_multiple_yaml_documents(tmp_path):
    p = one(refused(tmp_path, HEAD + "---\n编号: X-002\n"))
    assert_clear(p, "load.syntax", line=3)


def test_python_tags_are_refused(tmp_path):
    p = one(refused(tmp_path, HEAD + "备注: !!python/object/apply:os.system ['echo pwned']\n"))
    assert_clear(p, "load.syntax", line=3)


# ------------------------------------------------------------------------- wrong types

def test_date_written_as_a_word(tmp_path):
    text = HEAD + "程序:\n  - 类型: 合法性审查\n    送审日期: 明天\n"
    p = one(refused(tmp_path, text))
    assert_clear(p, "load.schema.value_error", line=5, column=11,
                 zh=("明天", "不是日期", "2023年5月1日"), en=("is not a date", "2023-05-01"))
    assert p.field_zh == "程序[1]（合法性审查）.送审日期"
    assert p.field_en == "procedures[0].submitted_date"


def test_quoted_impossible_date(tmp_path):
    p = one(refused(tmp_path, HEAD + "决策日期: '2023-02-30'\n"))
    assert_clear(p, "load.schema.value_error", line=3, zh=("2023-02-30", "不存在"), en=("does not exist",))


@pytest.mark.parametrize("value", ["2023-02-30", "2023-13-01"])
def test_unquoted_impossible_date(tmp_path, value):
    p = one(refused(tmp_path, HEAD + f"决策日期: {value}\n"))
    assert p.code.startswith("load.")
    assert p.line == 3
    assert value in p.text("zh") and value in p.text("en")


def test_experts_as_a_string(tmp_path):
    text = HEAD + "程序:\n  - 类型: 专家论证\n    专家: 张三、李四\n"
    p = one(refused(tmp_path, text))
    assert_clear(p, "load.schema.list_type", line=5, column=9, zh=("应为列表",), en=("expected a list",))
    assert p.field_zh == "程序[1]（专家论证）.专家"
    assert p.field_en == "procedures[0].experts"


def test_procedures_as_a_mapping(tmp_path):
    p = one(refused(tmp_path, HEAD + "程序:\n  类型: 起草\n"))
    assert_clear(p, "load.schema.list_type", line=3, zh=("应为列表",), en=("expected a list",))


def test_bad_yes_no(tmp_path):
    p = one(refused(tmp_path, HEAD + "情形:\n  情况紧急: 也许\n"))
    assert_clear(p, "load.schema.value_error", line=4, column=9, zh=("也许", "是/否"), en=("yes/no",))
    assert p.field_zh == "情形.情况紧急" and p.field_en == "triggers.urgent"


def test_count_not_a_number(tmp_path):
    text = HEAD + "程序:\n  - 类型: 公众参与\n    收到意见数: 很多\n"
    p = one(refused(tmp_path, text))
    assert_clear(p, "load.schema.int_parsing", line=5, column=12, zh=("整数",), en=("whole number",))


def test_bad_enum_lists_chinese_labels(tmp_path):
    p = one(refused(tmp_path, HEAD + "事项类别: 第六类\n"))
    assert_clear(p, "load.schema.enum", line=3, column=7,
                 zh=("第六类", "重大公共政策和措施", "其他重大事项"), en=("public_policy", "other_major"))


def test_missing_required_field(tmp_path):
    p = one(refused(tmp_path, "标题: 只有标题\n"))
    assert_clear(p, "load.schema.missing", zh=("缺少必填字段",), en=("required field is missing",))
    assert p.field_zh == "编号" and p.field_en == "id"


@pytest.mark.parametrize("text", ["# 只有注释\n", "null\n", "- 一\n- 二\n", "只是一句话\n"])
def test_not_a_mapping(tmp_path, text):
    p = one(refused(tmp_path, text))
    assert_clear(p, "load.not-a-mapping", line=1, zh=("键值对",), en=("mapping",))


def test_several_problems_reported_together(tmp_path):
    text = HEAD + "决策日期: 下周\n情形:\n  情况紧急: 也许\n"
    problems = refused(tmp_path, text)
    assert {(p.code, p.line) for p in problems} == {("load.schema.value_error", 3), ("load.schema.value_error", 5)}


# ------------------------------------------------------------------- unknown type / field

def test_unknown_procedure_type_lists_valid_types(tmp_path):
    p = one(refused(tmp_path, HEAD + "程序:\n  - 类型: 会餐\n    日期: 2023-05-01\n"))
    assert_clear(p, "load.schema.unknown_procedure", line=4,
                 zh=("会餐", "未知的程序类型", "合法性审查", "公众参与", "集体讨论决定"),
                 en=("unknown procedure type", "legality_review", "public_participation"))


def test_procedure_without_type(tmp_path):
    p = one(refused(tmp_path, HEAD + "程序:\n  - 日期: 2023-05-01\n"))
    assert p.line == 4
    assert "None" not in p.text("zh") and "None" not in p.text("en")
    assert "缺少" in p.zh and "类型" in p.zh
    assert "type" in p.en


def test_unknown_field_typo(tmp_path):
    p = one(refused(tmp_path, HEAD + "情形:\n  专业性技术性较墙: 是\n"))
    assert_clear(p, "load.schema.extra_forbidden", line=4,
                 zh=("未知字段", "专业性技术性较墙"), en=("unknown field",))
    assert p.field_zh == "情形.专业性技术性较墙"


@pytest.mark.parametrize("text,line,column", [
    (HEAD + "情形:\n  专业性技术性较墙: 是\n", 4, 3),
    (HEAD + "标提: 错别字\n", 3, 1),
    (HEAD + "程序:\n  - 类型: 合法性审查\n    送审日棋: 2023-05-01\n", 5, 5),
], ids=["triggers", "top-level", "procedure"])
def test_unknown_field_points_at_the_key(tmp_path, text, line, column):
    p = one(refused(tmp_path, text))
    assert (p.line, p.column) == (line, column)


def test_unknown_top_level_field(tmp_path):
    p = one(refused(tmp_path, HEAD + "标提: 错别字\n"))
    assert_clear(p, "load.schema.extra_forbidden", line=3, zh=("标提",))


def test_unknown_field_in_procedure(tmp_path):
    text = HEAD + "程序:\n  - 类型: 合法性审查\n    送审日棋: 2023-05-01\n"
    p = one(refused(tmp_path, text))
    assert_clear(p, "load.schema.extra_forbidden", line=5, zh=("送审日棋",))


# ------------------------------------------------------------------- end before start

PP_BACKWARDS = HEAD + "程序:\n  - 类型: 公众参与\n    开始日期: 2023-03-10\n    截止日期: 2023-03-01\n"
LR_BACKWARDS = HEAD + "程序:\n  - 类型: 合法性审查\n    送审日期: 2023-05-20\n    审查意见日期: 2023-05-10\n"


@pytest.mark.parametrize("text", [PP_BACKWARDS, LR_BACKWARDS], ids=["public_participation", "legality_review"])
def test_end_before_start_is_refused(tmp_path, text):
    p = one(refused(tmp_path, text))
    assert_clear(p, "load.schema.value_error", zh=("早于",), en=("before",))
    assert p.line in (4, 6)  # the record, or (better) the end date


@pytest.mark.parametrize("text,zh_names,en_names,dates", [
    (PP_BACKWARDS, ("截止日期", "开始日期"), ("end_date", "start_date"), ("2023-03-01", "2023-03-10")),
    (LR_BACKWARDS, ("审查意见日期", "送审日期"), ("opinion_date", "submitted_date"), ("2023-05-10", "2023-05-20")),
], ids=["public_participation", "legality_review"])
def test_end_before_start_message_names_keys_and_dates(tmp_path, text, zh_names, en_names, dates):
    p = one(refused(tmp_path, text))
    for s in zh_names + dates:
        assert s in p.zh
    for s in dates:
        assert s in p.en
    assert not re.search(r"[a-z]+_date", p.zh), "internal field names in the Chinese message"


@pytest.mark.parametrize("text", [PP_BACKWARDS, LR_BACKWARDS], ids=["public_participation", "legality_review"])
def test_end_before_start_points_at_end_date(tmp_path, text):
    assert one(refused(tmp_path, text)).line == 6


# ---------------------------------------------------------------------- duplicate keys

def test_duplicate_key(tmp_path):
    p = one(refused(tmp_path, HEAD + "编号: X-002\n"))
    assert_clear(p, "load.duplicate-key", line=3, column=1, zh=("编号", "重复"), en=("duplicate key",))


def test_duplicate_key_nested(tmp_path):
    p = one(refused(tmp_path, HEAD + "情形:\n  情况紧急: 是\n  情况紧急: 否\n"))
    assert_clear(p, "load.duplicate-key", line=5, column=3, zh=("情况紧急",))


def test_duplicate_key_json(tmp_path):
    p = one(refused(tmp_path, '{\n  "id": "X",\n  "title": "t",\n  "id": "Y"\n}\n', "dossier.json"))
    assert_clear(p, "load.duplicate-key", zh=("id", "重复"), en=("duplicate key",))


def test_duplicate_key_json_has_line(tmp_path):
    p = one(refused(tmp_path, '{\n  "id": "X",\n  "title": "t",\n  "id": "Y"\n}\n', "dossier.json"))
    assert p.line == 4


def test_chinese_and_english_key_for_same_field_refused(tmp_path):
    problems = refused(tmp_path, HEAD + "id: X-002\n")
    assert len(problems) == 1
    assert problems[0].code.startswith("load.")


@pytest.mark.parametrize("text,keys,line", [
    (HEAD + "id: X-002\n", ("编号", "id"), 3),
    (HEAD + "情形:\n  情况紧急: 是\n  urgent: false\n", ("情况紧急", "urgent"), 5),
    ("id: X-001\ntitle: t\n编号: X-002\n", ("编号", "id"), 3),
], ids=["zh-then-en", "nested", "en-then-zh"])
def test_chinese_and_english_key_message(tmp_path, text, keys, line):
    p = one(refused(tmp_path, text))
    assert p.code == "load.duplicate-key"
    assert p.line == line
    for k in keys:
        assert f"“{k}”" in p.zh
        assert f"'{k}'" in p.en


def test_two_chinese_aliases_for_same_field(tmp_path):
    p = one(refused(tmp_path, HEAD + "决策事项: 另一个标题\n"))
    assert "决策事项" in p.zh and "同一字段" in p.zh


# -------------------------------------------------------------------------- encodings

ENCODED = HEAD + "决策机关: 彭阳县人民政府\n承办单位: 彭阳县发展和改革局（价格科）\n情形:\n  情况紧急: 否\n"


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-8", "utf-16"])
def test_encodings_load_with_cjk_intact(tmp_path, encoding):
    path = write(tmp_path, ENCODED, encoding=encoding)
    if encoding == "utf-8-sig":
        assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    if encoding == "gbk":
        with pytest.raises(UnicodeDecodeError):
            path.read_bytes().decode("utf-8")  # really not UTF-8
    d = load_dossier(path).dossier
    assert d.title == "彭阳县城区集中供热价格调整"
    assert d.decision_body == "彭阳县人民政府"
    assert d.undertaking_unit == "彭阳县发展和改革局（价格科）"
    assert d.triggers.urgent is False


def test_gb18030_four_byte_characters(tmp_path):
    text = "编号: X\n标题: 𠀀䶮镕\n"
    d = load_text(tmp_path, text, encoding="gb18030")
    assert d.title == "𠀀䶮镕"


def test_undecodable_bytes(tmp_path):
    p = tmp_path / "dossier.yaml"
    p.write_bytes(bytes(range(128, 256)) * 4)
    with pytest.raises(LoadError) as info:
        load_dossier(p)
    assert_clear(one(info.value.problems), "load.encoding", zh=("编码", "GBK"), en=("encoding", "UTF-8"))


# ---------------------------------------------------------------- size, emptiness, depth

@pytest.mark.parametrize("text", ["", "   \n\n\t\n"], ids=["empty", "blank"])
def test_empty_file(tmp_path, text):
    p = one(refused(tmp_path, text))
    assert_clear(p, "load.empty", zh=("文件为空",), en=("empty",))


def test_missing_file(tmp_path):
    with pytest.raises(LoadError) as info:
        load_dossier(tmp_path / "nope.yaml")
    assert_clear(one(info.value.problems), "load.not-found", zh=("无法读取",), en=("cannot read",))


def test_directory_instead_of_file(tmp_path):
    with pytest.raises(LoadError) as info:
        load_dossier(tmp_path)
    assert info.value.problems[0].code.startswith("load.")


def test_50_mb_file_refused_by_size_quickly(tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as f:
        f.write(HEAD.encode())
        chunk = ("备注: " + "很长" * 500 + "\n").encode()
        while f.tell() < 50 * 1024 * 1024:
            f.write(chunk)
    assert path.stat().st_size > MAX_BYTES
    t = time.perf_counter()
    with pytest.raises(LoadError) as info:
        load_dossier(path)
    elapsed = time.perf_counter() - t
    p = one(info.value.problems)
    assert_clear(p, "load.too-large", zh=("文件过大", "50"), en=("too large",))
    assert elapsed < 0.5, f"a 50 MB file must be refused by its size, not parsed ({elapsed:.2f} s)"


def test_oversized_bytes_given_directly(tmp_path):
    data = HEAD.encode() + b"#" * (MAX_BYTES + 1)
    with pytest.raises(LoadError) as info:
        load_dossier(tmp_path / "x.yaml", data=data)
    assert one(info.value.problems).code == "load.too-large"


def _refused_fast(tmp_path, text, codes=("load.too-deep", "load.too-large")):
    t = time.perf_counter()
    p = one(refused(tmp_path, text))
    elapsed = time.perf_counter() - t
    assert p.code in codes, p.text("en")
    assert CJK.search(p.zh) and p.en
    assert elapsed < 2.0, f"took {elapsed:.2f} s"
    return p


def test_deep_flow_sequences(tmp_path):
    _refused_fast(tmp_path, HEAD + "备注: " + "[" * 10_000 + "]" * 10_000 + "\n")


def test_deep_unclosed_flow_sequences(tmp_path):
    _refused_fast(tmp_path, HEAD + "备注: " + "[" * 10_000 + "\n")


def test_deep_flow_mappings(tmp_path):
    _refused_fast(tmp_path, HEAD + "备注: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n")


def test_deep_json(tmp_path):
    text = '{"id": "X", "title": "t", "note": ' + "[" * 10_000 + "]" * 10_000 + "}"
    p = tmp_path / "deep.json"
    p.write_text(text)
    with pytest.raises(LoadError) as info:
        load_dossier(p)
    assert one(info.value.problems).code == "load.too-deep"


def test_deep_block_mappings_10000(tmp_path):
    # 10,000 levels of block mappings need ~50 MB of indentation: refused by size (or depth), quickly.
    text = HEAD + "备注:\n" + "".join(" " * (i + 1) + "k:\n" for i in range(10_000))
    _refused_fast(tmp_path, text)


def test_deep_block_mappings_1000(tmp_path):
    # under the size limit: must be refused by depth
    p = _refused_fast(tmp_path, HEAD + "备注:\n" + "".join(" " * (i + 1) + "k:\n" for i in range(1_000)))
    assert p.code == "load.too-deep"


def test_deep_block_sequences(tmp_path):
    p = _refused_fast(tmp_path, HEAD + "程序:\n" + "".join(" " * i + "-\n" for i in range(1, 2_000)))
    assert p.code == "load.too-deep"


def test_deep_compact_block_sequences(tmp_path):
    p = _refused_fast(tmp_path, HEAD + "程序:\n" + "- " * 10_000 + "x\n")
    assert len(p.text("zh")) < 2_000


def test_brackets_inside_a_string_are_not_nesting(tmp_path):
    d = load_text(tmp_path, HEAD + "决策机关: \"" + "[" * 50 + "\"\n")
    assert d.decision_body == "[" * 50


def test_billion_laughs_refused(tmp_path):
    lines = ['lol0: &a0 ["哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈"]']
    for i in range(1, 10):
        lines.append(f"lol{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    t = time.perf_counter()
    p = one(refused(tmp_path, HEAD + "\n".join(lines) + "\n"))
    assert time.perf_counter() - t < 1.0
    assert_clear(p, "load.alias", line=3, zh=("锚点", "别名"), en=("aliases",))  # the anchored node


def test_single_alias_refused(tmp_path):
    text = HEAD + "程序:\n  - &r {类型: 起草, 日期: 2023-03-01}\n  - *r\n"
    p = one(refused(tmp_path, text))
    assert_clear(p, "load.alias", line=4, column=5)  # points at the anchor &r


def test_huge_string_in_a_date_field(tmp_path):
    p = one(refused(tmp_path, HEAD + "决策日期: " + "x" * 100_000 + "\n"))
    assert p.code == "load.schema.value_error" and p.line == 3


def test_huge_integer(tmp_path):
    text = HEAD + "程序:\n  - 类型: 公众参与\n    收到意见数: " + "9" * 5_000 + "\n"
    p = one(refused(tmp_path, text))
    assert p.code.startswith("load.") and p.line == 5


def test_control_character(tmp_path):
    p = one(refused(tmp_path, HEAD + "备注: a\x00b\n"))
    assert p.code == "load.syntax"
    assert p.line == 3
    assert "<unicode string>" not in p.text("zh")


# ------------------------------------------------------- unquoted numbers where text is meant

def test_category_as_unquoted_number(tmp_path):
    from engine.models.dossier import Category
    assert load_text(tmp_path, HEAD + "事项类别: 4\n").category is Category.construction_project


def test_unquoted_division_code(tmp_path):
    try:
        d = load_text(tmp_path, HEAD + "行政区划: 640425\n")
    except LoadError as e:
        p = one(e.problems)
        assert "引号" in p.zh and "quote" in p.en
    else:
        assert d.jurisdiction == "640425"


# ------------------------------------------------------------------------- positives

ZH_DOSSIER = """\
编号: 2023-PY-001
标题: 彭阳县城区集中供热价格调整
决策机关: 彭阳县人民政府
行政区划: "640425"
事项类别: 重大公共政策和措施
阶段: 已决定
决策日期: 2023年6月20日
情形:
  社会稳定风险: 是
  情况紧急: 否
程序:
  - 类型: 公众参与
    方式: 向社会公开征求意见
    开始日期: 2023年3月1日
    截止日期: 2023-03-31
    途径: 政府网站、政务新媒体
    公布草案: 是
  - 类型: 专家论证
    日期: 2023/4/2
    专家:
      - 姓名: 张三
        署名: 是
  - 类型: 合法性审查
    送审日期: 2023-05-20
    审查意见日期: 2023-05-30
    审查结论: 合法
    审查内容: [权限, 程序, 内容]
  - 类型: 集体讨论
    会议日期: 2023-06-20
    会议类型: 常务会议
    多数意见: 同意
    行政首长决定: 同意
"""

EN_DOSSIER = """\
id: 2023-PY-001
title: 彭阳县城区集中供热价格调整
decision_body: 彭阳县人民政府
jurisdiction: "640425"
category: public_policy
stage: decided
decision_date: 2023-06-20
triggers:
  stability_risk: true
  urgent: false
procedures:
  - type: public_participation
    method: public_comment
    start_date: 2023-03-01
    end_date: 2023-03-31
    channels: [website, new_media]
    draft_published: true
  - type: expert_review
    date: 2023-04-02
    experts:
      - name: 张三
        signed: true
  - type: legality_review
    submitted_date: 2023-05-20
    opinion_date: 2023-05-30
    conclusion: lawful
    topics: [authority, procedure, content]
  - type: collective_discussion
    date: 2023-06-20
    meeting_type: standing
    majority_view: approve
    head_decision: approve
"""


def test_chinese_keys_equal_english_keys(tmp_path):
    zh = load_text(tmp_path, ZH_DOSSIER, "zh.yaml")
    en = load_text(tmp_path, EN_DOSSIER, "en.yaml")
    assert zh == en
    assert zh.model_dump() == en.model_dump()
    assert [type(p) for p in zh.procedures] == [PublicParticipation, ExpertReview, LegalityReview, CollectiveDiscussion]
    assert zh.stage is Stage.decided
    assert zh.procedures[3].head_departs is False


def test_json_with_chinese_keys_equals_yaml(tmp_path):
    import yaml
    obj = yaml.safe_load(ZH_DOSSIER)
    obj["决策日期"] = "2023年6月20日"
    for rec in obj["程序"]:
        for k, v in list(rec.items()):
            if hasattr(v, "isoformat"):
                rec[k] = v.isoformat()
    p = tmp_path / "zh.json"
    p.write_text(json.dumps(obj, ensure_ascii=False, indent=2), encoding="utf-8")
    assert load_dossier(p).dossier == load_text(tmp_path, EN_DOSSIER, "en.yaml")


@pytest.mark.parametrize("spelling", ["2023-05-01", "2023年5月1日", "2023年05月01日", "'2023-05-01'",
                                      "2023/5/1", "2023.5.1", "2023 年 5 月 1 日"])
def test_date_spellings(tmp_path, spelling):
    import datetime as dt
    assert load_text(tmp_path, HEAD + f"决策日期: {spelling}\n").decision_date == dt.date(2023, 5, 1)


@pytest.mark.parametrize("word,value", [("是", True), ("否", False), ("有", True), ("无", False),
                                        ("true", True), ("false", False), ("yes", True), ("no", False),
                                        ("'是'", True), ("'否'", False), ("√", True), ("×", False), ("", None)])
def test_yes_no_spellings(tmp_path, word, value):
    d = load_text(tmp_path, HEAD + f"情形:\n  情况紧急: {word}\n")
    assert d.triggers.urgent is value


def test_procedure_type_synonyms(tmp_path):
    text = HEAD + "程序:\n  - 类型: 合法性审查\n  - 类型: legality_review\n  - type: 合法性审查\n"
    d = load_text(tmp_path, text)
    assert [type(p) for p in d.procedures] == [LegalityReview] * 3


def test_enum_synonyms(tmp_path):
    text = HEAD + "程序:\n  - 类型: 集体讨论\n    会议类型: 政府常务会议\n    多数意见: 修改\n"
    d = load_text(tmp_path, text)
    assert d.procedures[0].meeting_type.value == "standing"
    assert d.procedures[0].majority_view.value == "amend"


def test_loaded_carries_file_and_hash(tmp_path):
    path = write(tmp_path, ZH_DOSSIER)
    loaded = load_dossier(path)
    import hashlib
    assert loaded.file == str(path)
    assert loaded.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
