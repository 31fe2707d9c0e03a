"""The Gherkin step library (engine/specs): phrases, docs, baseline dossiers, failure messages, coverage."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from engine.models.dossier import PROCEDURES, Dossier
from engine.specs import baseline, phrases
from engine.specs.cli import update_doc
from engine.specs.context import Article, SpecContext, SpecFailure, to_date, zh_int

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable


def juece_specs(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """`juece specs …` (through the Typer app, whether or not the lead has wired it into `juece`)."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    env.pop("JUECE_SPECS_RECORD", None)
    return subprocess.run([PY, "-c", "from engine.specs.cli import app; app()", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)


def cli(*args: str):
    """`juece specs …` in-process (Typer's test runner)."""
    from typer.testing import CliRunner

    from engine.specs.cli import app
    return CliRunner().invoke(app, list(args))


def run_feature(pytester: pytest.Pytester, text: str, *args: str, name: str = "spec") -> tuple[int, str]:
    """Run one feature file in-process with the step library, as a lawyer's new file would be run."""
    pytester.makefile(".feature", **{name: text})
    res = pytester.runpytest("-p", "engine.specs.steps", "--juece-specs", "-p", "no:cacheprovider", "-q", *args)
    return int(res.ret), res.stdout.str()


# ------------------------------------------------------------------------------ phrases

@pytest.mark.parametrize("p", phrases.PHRASES, ids=lambda p: p.example)
def test_every_example_matches_its_own_phrase_and_no_other(p: phrases.Phrase) -> None:
    assert phrases.matching(p.example) == [p]


def test_phrases_tolerate_ascii_punctuation() -> None:
    assert phrases.lookup("除上述问题外,不应当报告其他问题") is not None
    assert phrases.lookup('应当报告违反"mad.pp.required"') is not None
    assert phrases.lookup("该决策事项专业性技术性较强") is not None
    assert phrases.lookup("一份重大行政决策案卷,内容如下:") is not None


def test_doc_phrase_list_is_up_to_date() -> None:
    doc = (ROOT / "docs" / "writing-specs.md").read_text(encoding="utf-8")
    assert update_doc(doc) == doc, "docs/writing-specs.md 的短语表已过时：运行 juece specs phrases --write docs/writing-specs.md"


def test_doc_lists_every_phrase() -> None:
    doc = (ROOT / "docs" / "writing-specs.md").read_text(encoding="utf-8")
    for p in phrases.PHRASES:
        assert phrases.display(p.template, p.lang) in doc


def test_phrases_command_formats() -> None:
    out = cli("phrases", "--format", "json")
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert len(data) == len(phrases.PHRASES)
    assert any(d["phrase"] == "该案卷已于<日期>完成<程序>" for d in data)
    check = cli("phrases", "--check", str(ROOT / "docs" / "writing-specs.md"))
    assert check.exit_code == 0, check.output
    assert "该案卷已于<日期>完成<程序>" in cli("phrases", "--format", "md").stdout


# ------------------------------------------------------------------------------ parsing

@pytest.mark.parametrize("text", ["2023年5月1日", "2023-05-01", "2023/5/1", "2023 年 5 月 1 日"])
def test_dates_in_both_forms(text: str) -> None:
    assert to_date(text).isoformat() == "2023-05-01"


def test_impossible_date_is_explained() -> None:
    with pytest.raises(SpecFailure, match="不是有效的日期"):
        to_date("2023年2月30日")


@pytest.mark.parametrize("text,key", [("第二十五条", "25"), ("第25条第1款", "25.1"), ("第二十九条第（三）项", "29.3"),
                                      ("《重大行政决策程序暂行条例》第一百零四条", "104"), ("Article 25 paragraph 1", "25.1")])
def test_article_citations(text: str, key: str) -> None:
    assert Article.parse(text).key() == key


def test_chinese_numerals() -> None:
    assert [zh_int(t) for t in ("十", "十九", "二十五", "一百零四", "两", "7")] == [10, 19, 25, 104, 2, 7]


# ------------------------------------------------------------------------------ baseline dossiers

@pytest.mark.parametrize("kind", sorted(PROCEDURES))
def test_each_record_template_is_valid(kind: str) -> None:
    import datetime as dt
    rec = baseline.record(kind, dt.date(2023, 5, 1))
    PROCEDURES[kind].model_validate(rec)


def test_complete_dossier_is_clean() -> None:
    """If the engine or the ruleset changes so that the complete dossier is no longer clean, every
    "程序完备的案卷" scenario would drift: this says so directly."""
    ctx = SpecContext()
    ctx.set_raw(baseline.complete(), "complete")
    res = ctx.run()
    Dossier.model_validate(baseline.complete())
    assert res.applicable and res.compliant
    assert res.findings == [], [f"{f.rule}: {f.outcome} {f.message}" for f in res.findings]


def test_phrases_work_without_pytest() -> None:
    ctx = SpecContext(scenario_name="示例")

    def say(text: str, **kw) -> None:
        found = phrases.lookup(text)
        assert found, text
        phrases.call(found[0], ctx, text, **kw)

    say("适用规则集“cn.mad.decree-713”")
    say("一份重大行政决策案卷")
    say("该案卷已于2023年5月1日完成合法性审查")
    say("该案卷没有专家论证记录")
    say("该决策事项专业性、技术性较强")
    say("在集体讨论前检查该案卷")
    say("应当报告违反第十九条")
    say("应当认定符合“决策草案提交讨论前应当经合法性审查”")
    with pytest.raises(SpecFailure) as e:
        say("应当报告违反“决策草案提交讨论前应当经合法性审查”")
    assert "预期：违反" in str(e.value) and "实际：符合" in str(e.value)


def test_unknown_field_is_explained() -> None:
    ctx = SpecContext()
    ctx.set_raw(baseline.complete(), "complete")
    text = "合法性审查记录中的“法律顾问”为“否”"
    with pytest.raises(SpecFailure, match="合法性审查记录没有“法律顾问”这一项.*法律顾问意见"):
        phrases.call(phrases.lookup(text)[0], ctx, text)


def test_unknown_rule_is_explained() -> None:
    ctx = SpecContext()
    ctx.set_raw(baseline.complete(), "complete")
    text = "应当报告违反“决策草案提交讨论前应当经过合法性审查”"
    with pytest.raises(SpecFailure, match="没有“决策草案提交讨论前应当经过合法性审查”这条规则。相近的规则"):
        phrases.call(phrases.lookup(text)[0], ctx, text)


# ------------------------------------------------------------------------------ new feature files, no Python

NEW_FEATURE = """# language: zh-CN
@art_25 @art_30
功能: 新写的规格（不改任何 Python）

  背景:
    假如 适用规则集“cn.mad.decree-713”

  @rule_mad_coll_meeting_type
  场景: 经市长办公会议讨论
    假如 一份程序完备的重大行政决策案卷
    而且 该决策草案于2023年5月10日经市长办公会议集体讨论
    当 在已决定阶段检查该案卷
    那么 应当报告违反第三十条第一款
    而且 该问题的法律依据应当为第三十条第一款
    而且 除上述问题外，不应当报告其他问题
    而且 该案卷不合规

  场景大纲: 合法性审查时间
    假如 一份重大行政决策案卷，内容如下：
      \"\"\"
      承办单位: 某区司法局
      情形:
        专业性技术性较强: 否
      程序:
        - 类型: 合法性审查
          送审日期: <送审>
          审查意见日期: <出具>
      \"\"\"
    当 在集体讨论前检查该案卷
    那么 “合法性审查时间一般不少于7个工作日”的检查结果应当为<结果>

    例子:
      | 送审         | 出具          | 结果 |
      | 2023年4月3日 | 2023年4月20日 | 符合 |
      | 2023-04-18   | 2023-04-20    | 违反 |
"""


def test_new_feature_runs_green_without_python(pytester: pytest.Pytester) -> None:
    code, out = run_feature(pytester, NEW_FEATURE)
    assert code == 0, out
    assert "3 passed" in out


WRONG = """# language: zh-CN
功能: 一个写错了的规格

  场景: 程序完备的案卷被误写成违反第二十五条
    假如 适用规则集“cn.mad.decree-713”
    而且 一份程序完备的重大行政决策案卷
    当 在集体讨论前检查该案卷
    那么 应当报告违反“决策草案提交讨论前应当经合法性审查”
"""


BROKEN = """# language: zh-CN
功能: 写错了的规格

  场景: 短语写错
    假如 一份程序完备的重大行政决策案卷
    那么 应当报告违犯第二十五条

  场景: 内联案卷写错
    假如 一份重大行政决策案卷，内容如下：
      \"\"\"
      阶段: 讨论中
      \"\"\"
    那么 该案卷合规
"""


def test_wrong_expectation_reads_like_a_lawyers_note(pytester: pytest.Pytester) -> None:
    pytester.makefile(".feature", broken=BROKEN)
    code, text = run_feature(pytester, WRONG)
    assert code == 1
    assert "3 failed" in text, text
    for expected in ("规格未满足", "功能：一个写错了的规格", "场景：程序完备的案卷被误写成违反第二十五条",
                     "步骤：那么 应当报告违反“决策草案提交讨论前应当经合法性审查”（第8行）",
                     "规则：决策草案提交讨论前应当经合法性审查（mad.legal.before-discussion）",
                     "依据：《重大行政决策程序暂行条例》第二十五条第一款", "条文：决策草案提交决策机关讨论前",
                     "预期：违反", "实际：符合", "阶段：集体讨论前"):
        assert expected in text, text
    for python_noise in ("Traceback", "def juece_phrase", "AssertionError", "site-packages", "E   "):
        assert python_noise not in text, text
    # a phrase that is not in the library: the closest phrases are suggested
    assert "步骤不是步骤库中的短语" in text and "那么 应当报告违反<条款>" in text
    # a dossier that does not fit the format: the loader's Chinese message, with the field
    assert "案卷不符合案卷格式" in text and "讨论中" in text and "阶段" in text


def test_the_runner_for_people_who_never_heard_of_pytest(tmp_path: Path) -> None:
    """`juece specs run DIR --junit --html`: a new file runs green, a wrong one is explained, reports are written."""
    (tmp_path / "新规格.feature").write_text(NEW_FEATURE, encoding="utf-8")
    (tmp_path / "wrong.feature").write_text(WRONG, encoding="utf-8")
    out = juece_specs("run", str(tmp_path), "--junit", str(tmp_path / "r.xml"), "--html", str(tmp_path / "r.html"), cwd=tmp_path)
    assert out.returncode == 1, out.stdout + out.stderr
    text = out.stdout
    assert "共 4 个场景，通过 3 个，未通过 1 个" in text, text
    assert "功能：新写的规格（不改任何 Python）（新规格.feature）　3/3 通过" in text, text
    assert "预期：违反" in text and "实际：符合" in text
    assert "mad.coll.meeting-type" in text  # per-rule summary
    root = ET.parse(tmp_path / "r.xml").getroot()
    cases = root.findall(".//testcase")
    assert len(cases) == 4 and sum(1 for c in cases if c.find("failure") is not None) == 1
    assert "预期：违反" in (tmp_path / "r.xml").read_text(encoding="utf-8")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "通过 3 个" in html and "经市长办公会议讨论" in html and "预期：违反" in html


def test_missing_language_header_is_explained(pytester: pytest.Pytester) -> None:
    code, out = run_feature(pytester, WRONG.replace("# language: zh-CN\n", ""))
    assert code != 0
    assert "# language: zh-CN" in out and "第一行" in out


def test_tags_are_markers_even_in_chinese(pytester: pytest.Pytester) -> None:
    code, out = run_feature(pytester, NEW_FEATURE.replace("@art_25 @art_30", "@art_25 @art_30 @第30条"),
                            "-m", "第30条 and art_30 and rule_mad_coll_meeting_type",
                            "--strict-markers", "-W", "error::pytest.PytestUnknownMarkWarning")
    assert code == 0, out
    assert "1 passed, 2 deselected" in out, out


# ------------------------------------------------------------------------------ coverage

@pytest.fixture(scope="module")
def shipped_run():
    from engine.specs import report
    return report.run([str(ROOT / "features")])


def test_shipped_features_all_pass(shipped_run) -> None:
    assert shipped_run.scenarios, shipped_run.output
    assert not shipped_run.failed, "\n\n".join(s["message"] or "" for s in shipped_run.failed)


def test_national_ruleset_fully_covered_by_chinese_scenarios(shipped_run) -> None:
    from engine.specs import report
    zh_only = [s for s in shipped_run.scenarios if "/en/" not in s["file"].replace("\\", "/")]
    cov = report.coverage(zh_only, only=["cn.mad.decree-713"])
    assert cov["rules"] >= 40
    assert cov["uncovered"] == [], cov["uncovered_detail"]
    assert cov["covered"] == cov["rules"]
    assert not cov["tag_warnings"], cov["tag_warnings"]
    assert all(n["rule"] not in cov["matrix"] for n in cov["not_checkable"])


def test_coverage_command_json_and_exit_code(shipped_run, monkeypatch: pytest.MonkeyPatch) -> None:
    from engine.specs import report
    en_only = [s for s in shipped_run.scenarios if "/en/" in s["file"].replace("\\", "/")]
    assert en_only
    monkeypatch.setattr(report, "run", lambda paths=None, **kw: report.RunResult(0, en_only, "", 0.1, ["features/en"]))
    out = cli("coverage", "--format", "json")
    data = json.loads(out.stdout)
    assert {"rules", "covered", "uncovered"} <= set(data)
    assert data["uncovered"] and data["covered"] < data["rules"]
    assert out.exit_code == 1
    assert data["matrix"]["mad.legal.before-discussion"]["violated"]
    monkeypatch.setattr(report, "run", lambda paths=None, **kw: shipped_run)
    full = cli("coverage", "--ruleset", "cn.mad.decree-713")
    assert full.exit_code == 0, full.stdout
    assert "已覆盖" in full.stdout and "条文 × 规则" in full.stdout


def test_every_rule_of_every_shipped_ruleset_is_covered(shipped_run, monkeypatch: pytest.MonkeyPatch) -> None:
    """CI's spec-coverage gate: `juece specs coverage` over all shipped rulesets exits 0 with nothing uncovered."""
    from engine.specs import report
    monkeypatch.setattr(report, "run", lambda paths=None, **kw: shipped_run)
    out = cli("coverage", "--format", "json")
    data = json.loads(out.stdout)
    assert data["uncovered"] == [] and data["covered"] == data["rules"], data["uncovered"]
    assert out.exit_code == 0
