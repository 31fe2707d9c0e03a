"""The state of one scenario (案卷、规则集、检查结果) and the failures a lawyer reads.

No pytest here: the step library (`steps.py`) only glues these to pytest-bdd, so the same logic
can be exercised from plain Python and documented from one place (`phrases.py`).
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

import yaml
from pydantic import BaseModel, ValidationError

from .. import rulesets
from ..check import check
from ..core.errors import JueceError, RulesetErrors
from ..prose import article_zh
from ..load import Loaded, explain, load_dossier
from ..models.base import ZhModel, parse_date
from ..models.dossier import PROCEDURES, Stage, procedure_zh
from ..models.enforcement import EnforcementDossier, dossier_model_for
from ..models.finding import OUTCOME_ZH, DossierResult, Finding
from ..models.ruleset import Rule, Ruleset
from . import baseline
from .baseline import dump

DEFAULT_RULESET = "cn.mad.decree-713"
OUTCOMES = ("violated", "indeterminate", "waived", "satisfied", "not_applicable")
OUTCOME_FROM_TEXT = {
    "违反": "violated", "违法": "violated", "符合": "satisfied", "满足": "satisfied", "不适用": "not_applicable",
    "无法判定": "indeterminate", "无法判断": "indeterminate", "待定": "indeterminate", "豁免": "waived", "已豁免": "waived",
    "violated": "violated", "satisfied": "satisfied", "not applicable": "not_applicable", "not_applicable": "not_applicable",
    "indeterminate": "indeterminate", "waived": "waived",
}


class SpecFailure(AssertionError):
    """A spec that is not met, or cannot be run. Its message is the Chinese text a lawyer reads."""


# ------------------------------------------------------------------------------ parsing

_ZH_NUM = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def zh_int(text: str) -> int:
    """'25' / '二十五' / '一百零四' → int."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    total, section, num = 0, 0, 0
    for ch in text:
        if ch in _ZH_NUM:
            num = _ZH_NUM[ch]
        elif ch == "十":
            section += (num or 1) * 10
            num = 0
        elif ch == "百":
            section += (num or 1) * 100
            num = 0
        else:
            raise ValueError(text)
    return total + section + num


def to_date(text: str) -> dt.date:
    """'2023年5月1日' / '2023-05-01' / '2023/5/1' → date (SpecFailure if it does not exist)."""
    try:
        d = parse_date(text)
    except ValueError:
        raise SpecFailure(f"“{text}”不是有效的日期（应写作 2023年5月1日 或 2023-05-01）") from None
    if not isinstance(d, dt.date):
        raise SpecFailure(f"“{text}”不是有效的日期（应写作 2023年5月1日 或 2023-05-01）")
    return d


def norm(text: str) -> str:
    """Compare rule titles loosely: punctuation and spaces do not matter."""
    return re.sub(r"[\s、，,。.：:；;“”\"'‘’（）()]", "", text).lower()


@dataclass(frozen=True)
class Article:
    """第二十五条第一款 / 第29条第（三）项, optionally with a law name."""

    article: int
    paragraph: Optional[int] = None
    item: Optional[int] = None
    law: Optional[str] = None

    _RX = re.compile(r"^(?:(?P<law>《[^》]+》))?第(?P<a>[0-9零〇一二两三四五六七八九十百]+)条"
                     r"(?:第(?P<p>[0-9零〇一二两三四五六七八九十]+)款)?"
                     r"(?:第?[（(](?P<i>[0-9零〇一二两三四五六七八九十]+)[）)]项)?$")
    _RX_EN = re.compile(r"^(?:Article|Art\.?)\s*(?P<a>\d+)(?:,?\s*(?:paragraph|para\.?)\s*(?P<p>\d+))?"
                        r"(?:,?\s*item\s*\(?(?P<i>\d+)\)?)?$", re.I)

    @classmethod
    def parse(cls, text: str) -> "Article":
        text = text.strip()
        m = cls._RX.match(text) or cls._RX_EN.match(text)
        if not m:
            raise SpecFailure(f"“{text}”不是条款引用（应写作 第二十五条、第二十五条第一款 或 第二十九条第（三）项）")
        g = m.groupdict()
        return cls(zh_int(g["a"]), zh_int(g["p"]) if g.get("p") else None, zh_int(g["i"]) if g.get("i") else None,
                   g.get("law"))

    def matches(self, rule: Rule, rs: Ruleset) -> bool:
        b = rule.basis
        if b.article is None:  # a local document numbered by parts and items: cite it by 依据包含
            return False
        if self.law and norm(self.law) != norm(b.law or rs.index.law.zh):
            return False
        return (b.article == self.article and (self.paragraph is None or b.paragraph == self.paragraph)
                and (self.item is None or b.item == self.item))

    def zh(self) -> str:
        return (self.law or "") + article_zh(self.article, self.paragraph, self.item)

    def key(self) -> str:
        return ".".join(str(x) for x in (self.article, self.paragraph, self.item) if x)


# ------------------------------------------------------------------------ field paths

def field_name(model: type[BaseModel], key: str, where: str) -> str:
    """A Chinese or English key of `model` → its English field name (SpecFailure if unknown)."""
    key = key.strip()
    if key in model.model_fields and key != "type":
        return key
    zh_map = getattr(model, "_zh_to_en", {})
    if key in zh_map:
        return zh_map[key]
    names = [model.zh_name(n) for n in model.model_fields if n != "type"] if issubclass(model, ZhModel) else list(model.model_fields)
    close = difflib.get_close_matches(key, names, n=3, cutoff=0.3)
    hint = f"；相近的项：{'、'.join(close)}" if close else ""
    raise SpecFailure(f"{where}没有“{key}”这一项{hint}。可用的项：{'、'.join(names)}")


def parse_value(text: str) -> Any:
    """The value written in a step: YAML, so that 是/否, dates, numbers and [甲, 乙] lists all work."""
    text = text.strip()
    if text in ("", "空", "无记载"):
        return None
    try:
        v = yaml.safe_load(text)
    except yaml.YAMLError:
        return text
    if isinstance(v, (dt.date, int, float, bool, list, dict)) or v is None:
        return v.isoformat() if isinstance(v, dt.date) else v
    return str(v)


# --------------------------------------------------------------------------- context

@dataclass
class Assertion:
    """What a passing `那么` step pinned down: used for coverage (`juece specs coverage`)."""

    kind: str  # outcome | not_outcome | article | finding_set
    rule: Optional[str]
    outcomes: tuple[str, ...]
    ruleset: Optional[str]
    step: str
    article: Optional[str] = None

    def to_dict(self) -> dict:
        return {"kind": self.kind, "rule": self.rule, "outcomes": list(self.outcomes), "ruleset": self.ruleset,
                "step": self.step, "article": self.article}


@dataclass
class SpecContext:
    """One scenario: the dossier as it is built, the ruleset, the result, what was asserted."""

    raw: Optional[dict] = None  # the dossier, English keys
    source: str = "（场景中的案卷）"
    ruleset_id: Optional[str] = None
    ruleset_why: Optional[str] = None
    check_stage: Optional[Stage] = None
    result: Optional[DossierResult] = None
    asserted: list[Assertion] = field(default_factory=list)
    reported: list[str] = field(default_factory=list)  # rules the scenario said are reported (for "除上述问题外")
    last_rule: Optional[str] = None
    failed_rule: Optional[str] = None
    # where we are, for failure messages
    feature_name: str = ""
    feature_file: str = ""
    scenario_name: str = ""
    scenario_outline: str = ""  # an outline row's template name (scenario_name carries the row's values)
    step_text: str = ""
    step_line: Optional[int] = None
    base_dirs: list[Path] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    scenario_tags: list[str] = field(default_factory=list)

    # ---------------------------------------------------------------- dossier building

    def dossier(self) -> dict:
        if self.raw is None:
            raise SpecFailure("还没有案卷：请先用“假如 一份重大行政决策案卷”“假如 一份程序完备的重大行政决策案卷”"
                              "“假如 一份重大行政决策案卷，内容如下：”或“假如 案卷文件“…””给出案卷")
        self.result = None  # a change after checking means the next assertion checks again
        return self.raw

    def set_raw(self, raw: dict, source: str) -> None:
        self.raw, self.source, self.result = raw, source, None

    def load_text(self, text: str, name: str) -> None:
        """An inline YAML doc string or a file's text → canonical dossier dict."""
        obj = None
        try:
            obj = yaml.safe_load(text)
        except yaml.YAMLError:
            pass
        data = text
        if isinstance(obj, dict):
            if not any(k in obj for k in ("id", "编号", "案卷编号")):
                obj = {"编号": "SPEC-1", **obj}
            if not any(k in obj for k in ("title", "标题", "决策事项", "决策事项名称")):
                obj = {"标题": self.scenario_name or "规格案卷", **obj}
            data = yaml.safe_dump(obj, allow_unicode=True, sort_keys=False)
        try:
            loaded = load_dossier(Path(name), data=data.encode("utf-8"), name=name)
        except JueceError as e:
            raise SpecFailure("案卷不符合案卷格式，无法检查：\n" + _indent(e.text("zh"))) from None
        self.set_raw(dump(loaded.dossier), name)

    def resolve_file(self, rel: str) -> Path:
        p = Path(rel)
        if p.is_absolute() and p.exists():
            return p
        for base in self.base_dirs:
            cand = base / p
            if cand.exists():
                return cand
        tried = "、".join(str(b / p) for b in self.base_dirs) or rel
        raise SpecFailure(f"找不到案卷文件“{rel}”（查找了：{tried}）")

    def is_enforcement(self) -> bool:
        """The scenario's dossier is a 重大执法决定 (its procedure names are read with that kind's table)."""
        return self.raw is not None and dossier_model_for(self.raw) is EnforcementDossier

    def records(self, kind: str, create: bool = False) -> list[dict]:
        d = self.dossier()
        recs = [r for r in d.setdefault("procedures", []) if r.get("type") == kind]
        if not recs and create:
            rec = baseline.record(kind, None)
            d["procedures"].append(rec)
            recs = [rec]
        if not recs:
            raise SpecFailure(f"该案卷没有{procedure_zh(kind)}记录，无法修改其内容；请先写“该案卷已于<日期>完成{procedure_zh(kind)}”")
        return recs

    # ---------------------------------------------------------------------- checking

    def ruleset(self) -> Ruleset:
        rid = (self.result.ruleset.get("id") if self.result else None) or self.ruleset_id or DEFAULT_RULESET
        try:
            return rulesets.load(rid)
        except RulesetErrors as e:
            raise SpecFailure(f"找不到规则集“{rid}”：{e}；已有的规则集：{'、'.join(rulesets.all_ids())}") from None

    def run(self) -> DossierResult:
        if self.result is not None:
            return self.result
        raw = copy.deepcopy(self.dossier())
        if self.check_stage is not None:
            raw["stage"] = self.check_stage.value
        raw["waivers"] = [self._waiver(w) for w in raw.get("waivers", [])]
        try:
            d = dossier_model_for(raw).model_validate(raw)  # the kind (案卷类型) chooses the model
        except ValidationError as e:
            text = yaml.safe_dump(raw, allow_unicode=True, sort_keys=False)
            problems = explain(e, raw, text, self.source)
            raise SpecFailure("案卷不符合案卷格式，无法检查：\n" + _indent("\n".join(p.text("zh") for p in problems))) from None
        data = json.dumps(raw, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")
        loaded = Loaded(dossier=d, file=self.source, sha256=hashlib.sha256(data).hexdigest())
        try:
            self.result = check(loaded, ruleset_id=self.ruleset_id, stage=self.check_stage, explain=True)
        except RulesetErrors as e:
            raise SpecFailure(f"规则集无法使用：{e}") from None
        return self.result

    def _waiver(self, w: dict) -> dict:
        w = dict(w)
        try:
            rule = self.find_rule(str(w.get("rule", "")), self._ruleset_for_waiver())
            w["rule"] = rule.id
        except SpecFailure:
            pass  # the engine then simply finds no rule to waive; the assertion will say so
        return w

    def _ruleset_for_waiver(self) -> Ruleset:
        if self.ruleset_id:
            return self.ruleset()
        try:
            d = dossier_model_for(self.raw).model_validate({**self.raw, "waivers": []})  # type: ignore[arg-type]
            rs, _, _ = rulesets.select(d.jurisdiction, d.effective_date(), kind=d.kind_of())
            if rs is not None:
                return rs
        except ValidationError:
            pass
        return rulesets.load(DEFAULT_RULESET)

    # -------------------------------------------------------------------------- rules

    def find_rule(self, ref: str, rs: Optional[Ruleset] = None) -> Rule:
        rs = rs or self.ruleset()
        ref = ref.strip()
        key = norm(ref)
        for r in rs.rules:
            if r.id == ref or norm(r.title.zh) == key or (r.title.en and norm(r.title.en) == key):
                return r
        if ref.lower().startswith(("rule_", "rule-")):  # the tag spelling
            for r in rs.rules:
                if tag_for_rule(r.id) == ref:
                    return r
        names = [r.title.zh for r in rs.rules] + [r.id for r in rs.rules]
        close = difflib.get_close_matches(ref, names, n=3, cutoff=0.3)
        hint = ("相近的规则：" + "；".join(f"“{c}”" for c in close)) if close else "请用规则编号（如 mad.legal.before-discussion）或规则的中文标题"
        raise SpecFailure(f"规则集“{rs.id}”中没有“{ref}”这条规则。{hint}")

    def outcome_of(self, rule: Rule) -> Optional[Finding]:
        res = self.run()
        if not res.applicable:
            return None
        for f in res.outcomes or []:
            if f.rule == rule.id:
                return f
        return None

    def record(self, kind: str, rule: Optional[str], outcomes: Iterable[str], article: Optional[str] = None) -> None:
        rid = self.result.ruleset.get("id") if self.result else self.ruleset_id
        self.asserted.append(Assertion(kind, rule, tuple(outcomes), rid, self.step_text, article))

    # ------------------------------------------------------------------------ failures

    def fail(self, expected: str, actual: str, rule: Optional[Rule] = None, finding: Optional[Finding] = None,
             note: Optional[str] = None, show_findings: bool = True) -> SpecFailure:
        lines = ["规格未满足"]
        if self.feature_name or self.feature_file:
            lines.append(f"  功能：{self.feature_name}（{self.feature_file}）")
        if self.scenario_name:
            lines.append(f"  场景：{self.scenario_name}")
        if self.step_text:
            lines.append(f"  步骤：{self.step_text}" + (f"（第{self.step_line}行）" if self.step_line else ""))
        if rule is not None:
            self.failed_rule = rule.id
            rs = self.ruleset()
            from ..prose import cite
            lines.append(f"  规则：{rule.title.zh}（{rule.id}）")
            lines.append(f"  依据：{cite(rule.basis, rs, 'zh')}")
            if rule.basis.text:
                lines.append(f"  条文：{rule.basis.text}")
        lines.append(f"  预期：{expected}")
        lines.append(f"  实际：{actual}")
        if finding is not None:
            if finding.outcome in ("violated", "indeterminate"):
                lines.append(f"  检查说明：{finding.message}")
            if finding.reason:
                lines.append(f"  理由：{finding.reason}")
            for e in finding.evidence[:8]:
                lines.append(f"  证据：{e.label} = {e.value}" + (f"（{e.source}）" if e.source else ""))
        if note:
            lines.append(f"  说明：{note}")
        if show_findings and self.result is not None:
            lines += self.summary_lines()
        return SpecFailure("\n".join(lines))

    def summary_lines(self) -> list[str]:
        res = self.result
        if res is None:
            return []
        stage = Stage(res.stage).zh if res.stage in Stage._value2member_map_ else res.stage
        head = f"  本次检查（规则集：{res.ruleset.get('id') or '无'}，阶段：{stage}）"
        if not res.applicable:
            return [head + f"不适用：{res.reason}"]
        if not res.findings:
            return [head + "未报告任何问题"]
        out = [head + f"共报告{len(res.findings)}项问题："]
        for i, f in enumerate(res.findings, 1):
            out.append(f"    {i}. {OUTCOME_ZH[f.outcome]}　{f.basis}　{f.title}（{f.rule}）")
        return out


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())


def tag_for_rule(rule_id: str) -> str:
    """mad.legal.before-discussion → rule_mad_legal_before_discussion (a safe pytest marker name)."""
    return "rule_" + re.sub(r"[^0-9A-Za-z]+", "_", rule_id).strip("_")


def tag_for_article(article: int) -> str:
    return f"art_{article}"


def outcome_zh(outcome: str) -> str:
    return OUTCOME_ZH.get(outcome, outcome)


def procedure_names() -> dict[str, str]:
    """Every Chinese and English name of a procedure → its type."""
    from ..models.dossier import PROCEDURE_ZH
    out = {zh: en for en, names in PROCEDURE_ZH.items() for zh in names}
    out.update(EXTRA_PROCEDURE_NAMES)
    for en in PROCEDURES:
        out[en] = en
        out[en.replace("_", " ")] = en
    return out


EXTRA_PROCEDURE_NAMES = {
    "公开征求意见": "public_participation", "听证会程序": "hearing", "专家论证程序": "expert_review",
    "风险评估程序": "risk_assessment", "合法性审查程序": "legality_review", "集体讨论决定程序": "collective_discussion",
    "人大讨论决定或报告": "npc_handling", "人大讨论决定或者报告": "npc_handling", "提请人大讨论决定或者报告": "npc_handling",
    "向同级党委请示报告": "party_report", "决策执行": "execution", "决策启动程序": "initiation",
}
