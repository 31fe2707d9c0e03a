"""Findings: activations + the rule's own metadata → one outcome per rule, and the findings.

The only place legal text is put together for output: id, title, citation, message, remedy and
evidence all come from the Rule (rulesets/…) and from the dossier's own values. evaluate.py only
says which branch fired on which facts; renderers only lay out what this module returns.
"""

from __future__ import annotations

import enum
from functools import lru_cache
from typing import Any, Optional

from .checks import kind_of
from .compile import Compiled
from .evaluate import Activation
from .facts import CASE, display_value, display_values, key, record_of
from .memo import by_identity
from .models.base import ZhEnum
from .models.dossier import PROCEDURES, Catalog, Dossier, MajorStatus, Record, RecordStatus, Stage, Triggers, procedure_zh
from .models import enforcement
from .openworld import ABSENCE, FACT, UNKNOWN, Reading, absence_message, classify, needed_reason, resolve, status_evidence
from .models.finding import OUTCOME_RANK, Evidence, Finding
from .models.ruleset import Basis, Check, Rule, Ruleset

_DIGITS = "零一二三四五六七八九"
# The models' own validators, called with a dict: the same result as Evidence(**kw) / Finding(**kw)
# without BaseModel.__init__'s Python frame (measured: 1.25 µs against 1.87 µs an Evidence).
_validate_evidence = Evidence.__pydantic_validator__.validate_python
_new_finding = Finding.__pydantic_validator__.validate_python


def _ev(fact: str, label: str, label_en: str, value: str, value_en: str, source: Optional[str]) -> Evidence:
    return _validate_evidence({"fact": fact, "label": label, "label_en": label_en, "value": value,
                               "value_en": value_en, "source": source})


def zh_number(n: int) -> str:
    """1 → 一, 25 → 二十五, 104 → 一百零四 (article numbers in Chinese legal citation)."""
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if rest == 0 else ("零" + _DIGITS[rest] if rest < 10 else ("一" + zh_number(rest) if rest < 20 else zh_number(rest)))
    return _DIGITS[n // 100] + "百" + tail


def cite(basis: Basis, rs: Ruleset, lang: str = "zh") -> str:
    """《法》第二十五条第一款; for a document numbered by parts: 《方案》第四部分第（八）项第29条.

    A rule of a law the ruleset applies by reference (713 Art. 42: departments and townships 参照
    the Decree) reads 参照《…》第三十条第一款（第四十二条）."""
    ref = rs.by_reference
    if ref is not None and (basis.law or rs.index.law.zh) == ref.law and basis.article is not None:
        from .layers import reference_cite
        return reference_cite(basis, ref.law, ref, lang, _cite(basis, rs, lang))
    return _cite(basis, rs, lang)


def _cite(basis: Basis, rs: Ruleset, lang: str = "zh") -> str:
    if lang == "en":
        law = (rs.index.law.en or rs.index.law.zh) if not basis.law else (basis.law_en or basis.law)
        if basis.article is None:
            return f"{law}, {basis.section_en or basis.section}"
        out = f"{law}, Art. {basis.article}"
        if basis.paragraph:
            out += f" para. {basis.paragraph}"
        if basis.item:
            out += f" item ({basis.item})"
        return out
    law = basis.law or rs.index.law.zh
    if basis.article is None:
        return f"{law}{basis.section}"
    return law + article_zh(basis.article, basis.paragraph, basis.item)


def article_zh(article: int, paragraph: Optional[int] = None, item: Optional[int] = None) -> str:
    """第二十五条第一款第（三）项 — how Chinese legal citation writes an article reference."""
    out = f"第{zh_number(article)}条"
    if paragraph:
        out += f"第{zh_number(paragraph)}款"
    if item:
        out += f"第（{zh_number(item)}）项"
    return out


class _Fmt(dict):
    def __missing__(self, k: str) -> str:
        return "{" + k + "}"


def _fmt(template: str, values: dict[str, Any]) -> str:
    return template.format_map(_Fmt(values)) if "{" in template else template


# ------------------------------------------------------------------------------- labels

@lru_cache(maxsize=None)
def case_label(fact: str, lang: str) -> str:
    if fact.startswith("catalog."):
        sub = fact.split(".", 1)[1]
        return ("决策事项目录·" + Catalog.zh_name(sub)) if lang == "zh" else fact
    if fact in Triggers.model_fields:
        return Triggers.zh_name(fact) if lang == "zh" else fact
    if lang == "en":
        return fact
    if fact in Dossier.model_fields:
        return Dossier.zh_name(fact)
    return enforcement.case_label_zh(fact) or fact


@lru_cache(maxsize=None)
def field_label(proc: str, path: str, lang: str) -> str:
    if proc == CASE:
        return case_label(path, lang)
    model = PROCEDURES[proc]
    parts = path.split(".")
    if lang == "en":
        return f"{proc}.{path}"
    head = model.zh_name(parts[0]) if parts[0] in model.model_fields else parts[0]
    if len(parts) == 3 and parts[1] in ("all", "any"):
        from .facts import _kind
        from .models.dossier import Expert
        item = _kind(model.model_fields[parts[0]].annotation)[1] if parts[0] in model.model_fields else None
        item = item if isinstance(item, type) and hasattr(item, "zh_name") else Expert  # 专家, 执法人员 …
        sub = item.zh_name(parts[2]) if parts[2] in item.model_fields else parts[2]
        head += f"·{sub}（{'全部' if parts[1] == 'all' else '任一'}）"
    elif len(parts) == 3 and parts[1] == "has":
        head += f"·包含“{parts[2]}”"
        from .models import dossier as m
        for v in [*vars(m).values(), *vars(enforcement).values()]:
            if isinstance(v, type) and issubclass(v, m.ZhEnum) and v is not m.ZhEnum and parts[2] in v._value2member_map_:
                head = f"{model.zh_name(parts[0])}·包含“{v(parts[2]).zh}”"
                break
    elif path == "latest":
        head = "最近一次"
    return f"{procedure_zh(proc)}·{head}"


@lru_cache(maxsize=None)
def _path(path: str) -> tuple[str, Optional[str], Optional[str]]:
    """`experts.all.signed` → ("experts", "all", "signed"); `date` → ("date", None, None)."""
    parts = path.split(".")
    return (parts[0], parts[1], parts[2]) if len(parts) == 3 else (path, None, None)


def record_raw(rec: Record, path: str) -> Any:
    """The value a path reads, when it is a plain field or a `has` test (else the _MANY marker)."""
    head, mode, sub = _path(path)
    if path == "latest" or mode in ("all", "any"):
        return _MANY
    v = getattr(rec, head, None)
    if mode == "has" and isinstance(v, list):
        return any(getattr(m, "value", m) == sub for m in v)
    return v


_MANY = object()


def record_values(rec: Record, path: str) -> tuple[str, str]:
    """record_value in Chinese and in English at once."""
    if path == "latest":
        return "—", "—"
    head, mode, sub = _path(path)
    if mode in ("all", "any"):
        return record_value(rec, path, "zh"), record_value(rec, path, "en")
    if mode is None and rec._written.get(head):
        return as_written(record_raw(rec, path), rec._written[head])
    return display_values(record_raw(rec, path))


def record_value(rec: Record, path: str, lang: str) -> str:
    parts = path.split(".")
    if path == "latest":
        return "—"
    v = getattr(rec, parts[0], None)
    if len(parts) == 3 and parts[1] in ("all", "any") and isinstance(v, list):
        vals = [getattr(x, parts[2], None) for x in v]
        shown = [f"{getattr(x, 'name', '?')}:{display_value(getattr(x, parts[2], None), lang)}" for x in v]
        return ("；" if lang == "zh" else "; ").join(shown) if vals else display_value(None, lang)
    if len(parts) == 3 and parts[1] == "has" and isinstance(v, list):
        return display_value(any(getattr(m, "value", m) == parts[2] for m in v), lang)
    if len(parts) == 1 and rec._written.get(parts[0]):
        return as_written(v, rec._written[parts[0]])[0 if lang == "zh" else 1]
    return display_value(v, lang)


def as_written(v: Any, text: str) -> tuple[str, str]:
    """A value read through a synonym or the alias table, shown as the file wrote it:
    `县长办公会议`, `县人民政府第9次常务会议（视为常务会议）`; English gives the value and the text."""
    zh, en = display_values(v)
    members = v if isinstance(v, list) else [v]
    synonym = all(isinstance(m, ZhEnum) and any(t.strip() in m.synonyms for t in text.split("、")) for m in members) \
        if not isinstance(v, list) else False
    return (text if synonym else f"{text}（视为{zh}）"), f"{en} (written: {text})"


@by_identity
def _check_fields(check: Check) -> list[tuple[str, str]]:
    """(procedure, field) pairs a check looks at: what its evidence shows, worked out once per check.

    "latest" is shown as the record's own date: that is what makes it the latest."""
    return [(p, PROCEDURES[p].main_date if f == "latest" and p in PROCEDURES else f) for p, f in _raw_check_fields(check)]


@by_identity
def _check_evidence_plan(check: Check) -> dict[str, list[tuple[str, str, str, str]]]:
    """procedure → [(field, evidence fact, label zh, label en)]: _check_fields with its labels, by procedure."""
    plan: dict[str, list[tuple[str, str, str, str]]] = {}
    for proc, f in _check_fields(check):
        plan.setdefault(proc, []).append((f, f"{proc}.{f}", field_label(proc, f, "zh"), field_label(proc, f, "en")))
    return plan


@by_identity
def _when_facts(rule: Rule) -> list[tuple[str, str, str]]:
    """(case fact, label zh, source) of each condition of the rule's `when`."""
    return [(c.fact, case_label(c.fact, "zh"), _case_source(c.fact)) for c in rule.when if c.fact]


def _raw_check_fields(check: Check) -> list[tuple[str, str]]:
    return kind_of(check).fields(check.spec)  # engine/checks/<kind>.py


# ------------------------------------------------------------------------------- build

class Builder:
    """Builds the outcomes and findings for one compiled ruleset (cached with it, see check.compiled_for)."""

    def __init__(self, compiled: Compiled):
        self.c = compiled
        self.rs = compiled.ruleset
        self._static: dict[str, dict[str, Any]] = {}  # rule id → the Finding fields that depend on the rule only
        self._texts: dict[str, str] = {}  # message/remedy template → the text with the ruleset's parameters in it
        # Evidence that depends on a few yes/no/unknown values only (the rule's `when` facts, a
        # record count): built once per distinct value and shared; Evidence is frozen.
        self._shared: dict[tuple, Evidence] = {}
        self._shared_ids: set[int] = set()  # id() of every shared Evidence (they live as long as the Builder)
        # Two caches of Findings (Finding is frozen). _by_inputs: keyed by the dossier values a
        # finding shows, it skips working out evidence (see _build_shared). _findings: keyed by
        # the finished parts (shared evidence, reason, message), it skips building the Finding
        # for those _build_shared does not key (several failing checks, latest_before, …).
        self._findings: dict[tuple, Finding] = {}
        self._by_inputs: dict[tuple, Finding] = {}

    def _fmt(self, template: str) -> str:
        """A text with the ruleset's parameters filled in (no dossier values): the same every time."""
        text = self._texts.get(template)
        if text is None:
            text = self._texts[template] = _fmt(template, self.c.params)
        return text

    def _evidence_of(self, fact: str, label: str, label_en: str, value: Any, source: str) -> Evidence:
        """Evidence for a case-level value; shared when the value is yes / no / not recorded or an enum."""
        if not (value is None or isinstance(value, (bool, enum.Enum))):  # text or a date: as many as dossiers
            zh, en = display_values(value)
            return _ev(fact=fact, label=label, label_en=label_en, value=zh, value_en=en, source=source)
        k = (fact, label, source, type(value), value)  # type: True == 1 must not share a key
        e = self._shared.get(k)
        if e is None:
            zh, en = display_values(value)
            e = self._share(k, _ev(fact=fact, label=label, label_en=label_en, value=zh, value_en=en, source=source))
        return e

    def _share(self, k: tuple, e: Evidence) -> Evidence:
        self._shared[k] = e
        self._shared_ids.add(id(e))
        return e

    def outcomes(self, dossier: Dossier, activations: list[Activation], stage: Stage,
                 build: Optional[frozenset[str]] = None) -> tuple[list[Finding], dict[str, str]]:
        """Every rule's outcome: ({rule id: outcome}, and a Finding for each outcome in `build` (default: all)).

        In findings mode only the rules that fired are decided (the others are satisfied or not
        applicable, which only explain mode tells apart); in explain mode every rule is. A Finding
        costs far more than its outcome (legal text, citations, evidence), so callers that need
        only some findings (the audit: violated and indeterminate) say which."""
        # rule → (check, outcome, activation, grounds, open-world reading), in firing order
        fired: dict[int, list[tuple[int, str, Activation, Optional[str], Optional[Reading]]]] = {}
        branches = self.c.branches
        basis = dossier.basis_of()
        all_rules = self.rs.rules
        for act in activations:
            b = branches[act.branch]
            outcome, grounds, reading = b.outcome, None, None
            if outcome in ("violated", "indeterminate"):  # open world: on a recorded fact, or on silence?
                r = all_rules[b.rule_index]
                reading = classify(r, r.checks[b.check_index], b.cause, act.record_ids, dossier)
                outcome, grounds = resolve(reading, outcome, basis)
            fired.setdefault(b.rule_index, []).append((b.check_index, outcome, act, grounds, reading))
        waivers = {w.rule: w for w in dossier.waivers}
        explain = self.c.mode == "explain"
        rank = OUTCOME_RANK.__getitem__
        decided: dict[str, str] = {}
        out: list[Finding] = []
        rules = self.rs.rules
        # Findings mode decides only the rules that fired; explain mode decides every rule.
        order = range(len(rules)) if explain else sorted(fired)
        for ri in order:
            rule = rules[ri]
            if not rule.checkable:
                if explain:
                    decided[rule.id] = "not_applicable"
                    if build is None or "not_applicable" in build:
                        r = rule.not_checkable_reason
                        out.append(self._finding(rule, "not_applicable", [], dossier, stage, reason=(r.zh, r.en or r.zh)))
                continue
            acts = fired.get(ri)
            grounds = None
            if not acts:
                if not explain:
                    continue
                outcome = "satisfied"
            elif len(acts) == 1:  # the common case, kept cheap: the audit decides ~50 rules a dossier
                outcome, grounds = acts[0][1], acts[0][3]
                if outcome == "not_applicable" and len(rule.checks) > 1:
                    outcome = "satisfied"
            else:
                # A check is as bad as its worst branch that fired, satisfied if none did; a rule is as
                # bad as its worst check, so it is not applicable only if no check applied. A violation
                # on a recorded fact outweighs one on silence (docs/open-world.md).
                worst = max(acts, key=_severity_key)
                outcome, grounds = worst[1], worst[3]
                if rank(outcome) < rank("satisfied") and len({a[0] for a in acts}) < len(rule.checks):
                    outcome = "satisfied"
            if outcome in ("violated", "indeterminate") and rule.id in waivers:
                decided[rule.id] = "waived"
                if build is None or "waived" in build:
                    w = waivers[rule.id]
                    reason = (f"已由{w.by}豁免：{w.reason}" + (f"（{w.date}）" if w.date else ""),
                              f"waived by {w.by}: {w.reason}" + (f" ({w.date})" if w.date else ""))
                    out.append(self._finding(rule, "waived", [], dossier, stage, reason=reason))
                continue
            decided[rule.id] = outcome
            if build is None or outcome in build:
                # the activations behind the outcome: those of the checks as bad as the rule, by check
                if not acts:
                    chosen = []
                elif len(acts) == 1:
                    chosen = [(acts[0][0], acts[0][2], acts[0][4])] if acts[0][1] == outcome else []
                else:
                    chosen = [(ci, a, rd) for ci, o, a, g, rd in sorted(acts, key=_by_check) if o == outcome and g == grounds]
                out.append(self._build_shared(rule, outcome, chosen, dossier, stage, grounds))
        return out, decided

    # ------------------------------------------------------------------ one finding

    def _build_shared(self, rule: Rule, outcome: str, chosen: list[tuple[int, Activation, Optional[Reading]]],
                      dossier: Dossier, stage: Stage, grounds: Optional[str] = None) -> Finding:
        """_build, or the same Finding again when it can only come out the same.

        For one failing check of kind required, elements or forbidden, everything a finding
        shows (evidence, reason, message) comes from the rule's `when` values and from what
        the check looks at: how many records of the procedure there are (required), or the
        fields of the case or of the records it fired on (elements, forbidden). Those values key
        the finding. Archives repeat these defects dossier after dossier; a check that shows a
        computed number (duration) or walks other records (precedes) is always built."""
        if len(chosen) != 1 or dossier.major is MajorStatus.pending:
            return self._build(rule, outcome, chosen, dossier, stage, grounds)
        ci, act, reading = chosen[0]
        check = rule.checks[ci]
        kind = kind_of(check)
        # The kinds whose findings are keyed by what they show (CheckKind.keyed), and the causes keyed
        # (not `not_applicable`: its reason also reads the stage and the rule's exceptions).
        if self.c.branches[act.branch].cause not in kind.keyed:
            return self._build(rule, outcome, chosen, dossier, stage, grounds)
        shown: Any = kind.shown(check.spec, dossier)  # e.g. required: the count and status of the records
        if shown is None:
            plan = _check_evidence_plan(check)
            shown = []
            for fact_id in act.record_ids:
                rec = record_of(dossier, fact_id)
                if rec is not None:
                    shown.append((fact_id, rec.type))
                    for f, _, _, _ in plan.get(rec.type, ()):
                        v = record_raw(rec, f)
                        shown.append(record_values(rec, f) if v is _MANY else tuple(v) if isinstance(v, list) else v)
                        if rec._written.get(f):  # the text as written is shown: it keys the finding too
                            shown.append(rec._written[f])
            shown = tuple(shown)
        key = (act.branch, outcome, tuple([_case_value(dossier, fact) for fact, _, _ in _when_facts(rule)]), shown,
               grounds, reading, dossier.record_basis)
        try:
            hit = self._by_inputs.get(key)
        except TypeError:  # a value that cannot key (a list of records): build it
            return self._build(rule, outcome, chosen, dossier, stage, grounds)
        if hit is None:
            hit = self._build(rule, outcome, chosen, dossier, stage, grounds)
            if len(self._by_inputs) >= _MAX_SHARED:
                self._by_inputs.clear()
            self._by_inputs[key] = hit
        return hit

    def _build(self, rule: Rule, outcome: str, chosen: list[tuple[int, Activation, Optional[Reading]]],
               dossier: Dossier, stage: Stage, grounds: Optional[str] = None) -> Finding:
        # The rule's `when` facts first: they are why the duty applied.
        evidence = self._when_evidence(rule, dossier) if outcome in ("violated", "indeterminate") else []
        reasons_zh: list[str] = []
        reasons_en: list[str] = []
        extras: dict[str, Any] = {}
        messages: list = []  # one per failing check, in the rule's order
        branches = self.c.branches
        needed: list[tuple[str, str]] = []  # open world: the facts that would settle it
        unknown = False
        for ci, act, reading in chosen:
            check = rule.checks[ci]
            cause = branches[act.branch].cause
            m = rule.message if reading is not None and reading.quiet else (check.message or rule.message)
            if not any(m is x for x in messages):  # by identity: == on pydantic models compares every field
                messages.append(m)
            ev, ex = self._evidence(rule, check, act, dossier, cause)
            evidence += ev
            if ex:
                extras.update(ex)
            if reading is not None and reading.kind in (ABSENCE, UNKNOWN):
                needed += [n for n in reading.needed if n not in needed]
                unknown = unknown or reading.kind == UNKNOWN
                proc = kind_of(check).status_of(check.spec, reading.kind)
                if proc:
                    evidence += self._status_evidence(dossier, proc)
                continue  # the reason is what is missing, not the branch's own cause
            if reading is not None and reading.kind == FACT:
                proc = kind_of(check).status_of(check.spec, FACT)
                if proc:
                    evidence += self._status_evidence(dossier, proc)
            if cause in _REASONED:
                rz, re_ = self._reason(rule, check, act, cause, stage)
                if rz and rz not in reasons_zh:
                    reasons_zh.append(rz)
                    reasons_en.append(re_)
        if len(evidence) > 1:  # the same fact can be shown by two checks, or by a check and `when`
            seen: set = set()
            unique = []
            for e in evidence:
                k = (e.fact, e.value, e.source)
                if k not in seen:
                    seen.add(k)
                    unique.append(e)
        else:
            unique = evidence
        if needed and outcome == "indeterminate":
            nz, ne = needed_reason(tuple(needed), dossier.basis_of(), UNKNOWN if unknown else ABSENCE)
            reasons_zh.append(nz)
            reasons_en.append(ne)
        reason = ("；".join(reasons_zh), "; ".join(reasons_en)) if reasons_zh else None
        message: Optional[tuple[str, str]] = None
        if outcome == "indeterminate":  # the violation text would assert what is not known
            message = (f"无法判定是否符合：{rule.title.zh}", f"cannot decide: {rule.title.en or rule.title.zh}")
        elif grounds == ABSENCE:  # never state as fact what nobody recorded
            message = absence_message(rule, tuple(needed))
        elif len(messages) > 1:
            values = dict(self.c.params, **extras)
            message = ("；".join(_fmt(m.zh, values) for m in messages),
                       "; ".join(_fmt(m.en or m.zh, values) for m in messages))
        elif messages:
            message = (messages[0].zh, messages[0].en or messages[0].zh)
        if dossier.major is MajorStatus.pending and outcome in ("violated", "indeterminate"):
            m = message or (rule.message.zh, rule.message.en or rule.message.zh)
            message = (f"如属重大行政决策：{m[0]}", f"if this is a major administrative decision: {m[1]}")
        return self._finding(rule, outcome, [], dossier, stage, evidence=unique, reason=reason,
                             extras=extras, message=message, grounds=grounds, needed=needed,
                             conditional=dossier.major is MajorStatus.pending)

    def _finding(self, rule: Rule, outcome: str, acts: list, dossier: Dossier, stage: Stage, *,
                 evidence: Optional[list[Evidence]] = None, reason: Optional[tuple[str, str]] = None,
                 extras: Optional[dict] = None, message: Optional[tuple[str, str]] = None,
                 grounds: Optional[str] = None, needed: Optional[list] = None, conditional: bool = False) -> Finding:
        msg_zh, msg_en = message or (rule.message.zh, rule.message.en or rule.message.zh)
        if outcome != "violated":
            grounds = None
        # A finding made only of shared evidence, with no dossier value in its texts, is the same
        # object every time it recurs (Finding is frozen): archives repeat the same defects.
        key = None
        if not extras and (not evidence or self._shared_ids.issuperset(map(id, evidence))):
            key = (rule.id, outcome, reason, msg_zh, msg_en, tuple(map(id, evidence or ())), grounds,
                   tuple(needed or ()), conditional)
            hit = self._findings.get(key)
            if hit is not None:
                return hit
        static = self._static.get(rule.id)
        if static is None:  # the same for every dossier: worked out once per rule
            section = self.rs.sections.get(rule.id)
            static = self._static[rule.id] = dict(
                rule=rule.id, title=rule.title.zh, title_en=rule.title.en or rule.title.zh, severity=rule.severity,
                basis=cite(rule.basis, self.rs, "zh"), basis_en=cite(rule.basis, self.rs, "en"),
                article_text=rule.basis.text, section=section.zh if section else None,
                remedy=self._fmt(rule.remedy.zh), remedy_en=self._fmt(rule.remedy.en or rule.remedy.zh))
        fields = dict(static)
        if extras:  # values from this dossier (e.g. {days}): format now
            values = dict(self.c.params, **extras)
            fields["message"], fields["message_en"] = _fmt(msg_zh, values), _fmt(msg_en, values)
            fields["remedy"], fields["remedy_en"] = _fmt(rule.remedy.zh, values), _fmt(rule.remedy.en or rule.remedy.zh, values)
        else:
            fields["message"], fields["message_en"] = self._fmt(msg_zh), self._fmt(msg_en)
        fields["outcome"] = outcome
        if reason:
            fields["reason"], fields["reason_en"] = reason
        fields["evidence"] = evidence or []
        if grounds:
            fields["grounds"] = grounds
        if needed:
            fields["needed"] = [n[0] for n in needed]
            fields["needed_en"] = [n[1] for n in needed]
        if conditional:
            fields["conditional"] = True
        finding = _new_finding(fields)
        if key is not None:
            if len(self._findings) >= _MAX_SHARED:  # bounded, whatever the archive's size
                self._findings.clear()
            self._findings[key] = finding
        return finding

    def _status_evidence(self, dossier: Dossier, proc: str) -> list[Evidence]:
        """Records of the procedure marked 未履行 / 未知, and where that was read."""
        out = []
        for i, rec in status_evidence(dossier, proc):
            src = "；".join(x.cite() for x in rec.sources) if rec.sources else None
            out.append(_ev(fact=f"{proc}.status", label=f"{procedure_zh(proc)}·状态", label_en=f"{proc}.status",
                           value=rec.effective_status().zh + ("（已举行：否）" if rec.status is None else "")
                           + (f"（来源：{src}）" if src else ""), value_en=rec.effective_status().value,
                           source=f"procedures[{i}]"))
        return out

    def _when_evidence(self, rule: Rule, dossier: Dossier) -> list[Evidence]:
        return [self._evidence_of(fact, label, fact, _case_value(dossier, fact), source)
                for fact, label, source in _when_facts(rule)]

    def _evidence(self, rule: Rule, check: Check, act: Activation, dossier: Dossier, cause: str) -> tuple[list[Evidence], dict]:
        out: list[Evidence] = []
        extras: dict[str, Any] = {}
        by_proc = _check_evidence_plan(check)
        kind, spec = kind_of(check), check.spec  # what each kind adds: engine/checks/<kind>.py
        out += kind.lead_evidence(self, spec, dossier)
        for fact_id in (act.record_ids if kind.frame_has_records else ()):
            rec = record_of(dossier, fact_id)
            if rec is None:
                continue
            src = f"procedures[{int(fact_id[1:])}]"
            for f, name, label, label_en in by_proc.get(rec.type, ()):
                raw = record_raw(rec, f)
                if raw is not _MANY and rec._written.get(f):  # as the file wrote it: never shared
                    zh, en = as_written(raw, rec._written[f])
                    out.append(_ev(fact=name, label=label, label_en=label_en, value=zh, value_en=en, source=src))
                elif raw is not _MANY:
                    out.append(self._evidence_of(name, label, label_en, raw, src))
                else:
                    zh, en = record_values(rec, f)
                    out.append(_ev(fact=name, label=label, label_en=label_en, value=zh, value_en=en, source=src))
            out += kind.record_evidence(self, spec, rec, src, extras)
        out += kind.evidence(self, spec, dossier, cause)
        return out, extras

    def _reason(self, rule: Rule, check: Check, act: Activation, cause: str, stage: Stage) -> tuple[str, str]:
        if cause not in _REASONED:  # the message and evidence say it all
            return "", ""
        case = act.frame.get("c", {}) if cause in ("unknown_trigger", "not_applicable") else {}
        if cause == "unknown_trigger":
            unknown = [c.fact for c in rule.when if c.fact and case.get(c.fact.replace(".", "__")) in (-1, "")]
            unknown += [f for c in rule.when if c.any for f in c.any if case.get(f.replace(".", "__")) == -1]
            zh = "案卷未说明：" + "、".join(case_label(f, "zh") for f in unknown)
            en = "the dossier does not say: " + ", ".join(unknown)
            return zh, en
        if cause == "date_unknown":
            pairs = kind_of(check).date_fields(check.spec, list(dict.fromkeys(_check_fields(check))))
            return ("案卷未记载判断所需的日期：" + "、".join(field_label(p, f, "zh") for p, f in pairs),
                    "a date needed to decide is not recorded: " + ", ".join(f"{p}.{f}" for p, f in pairs))
        if cause == "same_day":
            a, b = check.spec.before, check.spec.after
            return (f"{field_label(a.procedure, a.date, 'zh')}与{field_label(b.procedure, b.date, 'zh')}为同一天，仅凭日期无法判断先后，请核对会议纪要或文件时间",
                    f"{a.procedure}.{a.date} and {b.procedure}.{b.date} fall on the same day; the dates alone cannot tell which came first")
        if cause == "calendar_unknown":
            import datetime as _dt
            from .calendar import last_year, missing_years
            rec = act.frame.get("r", {})  # only a duration (its record: `r`) counts working days
            days = [_dt.date.fromordinal(rec[k]) for k in (key(check.spec.from_), key(check.spec.to))
                    if isinstance(rec.get(k), int) and rec[k] > 0] if rec else []
            years = missing_years(*days) or [last_year() + 1]
            ys = "、".join(f"{y}年" for y in years)
            return (f"工作日计算需要国务院公布的节假日安排：缺少{ys}的放假和调休安排（现有数据只到{last_year()}年）；"
                    f"可用 --calendar 或环境变量 JUECE_CALENDAR 提供该年的节假日日历（YAML，载明国务院办公厅通知文号）",
                    f"counting working days needs the State Council holiday calendar: {', '.join(map(str, years))} is missing "
                    f"(data only to {last_year()}); supply that year's calendar with --calendar or JUECE_CALENDAR (YAML with the notice number)")
        if cause == "exception" and rule.waived_when:
            w = rule.waived_when
            return f"{w.by.zh}：{w.reason.zh}", f"{w.by.en or w.by.zh}: {w.reason.en or w.reason.zh}"
        if cause == "not_applicable":
            due = check.due or rule.due
            if case.get("stage", 99) < due.rank:
                return (f"尚未到“{due.zh}”阶段（当前：{stage.zh}），此项义务尚未到期",
                        f"not yet due: it applies from stage '{due.value}' (now: {stage.value})")
            parts_zh, parts_en = [], []
            for c in rule.when:
                if c.fact:
                    v = case.get(c.fact.replace(".", "__"))
                    want = 1 if c.is_ else 0
                    if c.is_ is not None and v == 1 - want:
                        parts_zh.append(f"{case_label(c.fact, 'zh')}：{'否' if v == 0 else '是'}")
                        parts_en.append(f"{c.fact}: {'no' if v == 0 else 'yes'}")
                    elif c.is_ is not None and v == -1 and c.if_silent is not None and int(c.if_silent) != want:
                        parts_zh.append(f"{case_label(c.fact, 'zh')}：未记载（按{'是' if c.if_silent else '否'}处理）")
                        parts_en.append(f"{c.fact}: not recorded (read as {'yes' if c.if_silent else 'no'})")
                elif c.any is not None:
                    parts_zh.append("、".join(case_label(f, "zh") for f in c.any) + "：均为否")
                    parts_en.append(", ".join(c.any) + ": all no")
                else:
                    n = case.get(f"n__{c.performed or c.not_performed}", 0)
                    if c.performed and n == 0:
                        parts_zh.append(f"未进行{procedure_zh(c.performed)}")
                        parts_en.append(f"no {c.performed}")
                    if c.not_performed and n > 0:
                        parts_zh.append(f"已进行{procedure_zh(c.not_performed)}")
                        parts_en.append(f"{c.not_performed} performed")
            for c in rule.unless:
                if c.fact and case.get(c.fact.replace(".", "__")) == (1 if c.is_ else 0):
                    parts_zh.append(f"例外情形：{case_label(c.fact, 'zh')}")
                    parts_en.append(f"exception: {c.fact}")
            b = rule.basis
            art, art_en = (f"第{zh_number(b.article)}条", f"Art. {b.article}") if b.article else (b.section, b.section_en or b.section)
            return ("；".join(parts_zh) + f"，{art}不适用", "; ".join(parts_en) + f": {art_en} does not apply")
        return "", ""


# Findings kept for reuse, per Builder and per cache (_findings, _by_inputs): cleared when full, so
# that a long audit's memory stays flat (a finding and its key are a few KB).
_MAX_SHARED = 10_000
_PERFORMED = RecordStatus.performed


def _records_of(dossier: Dossier, proc: str) -> int:
    """How many records of a procedure the dossier has (what a `required` finding shows)."""
    return sum(1 for p in dossier.procedures if p.type == proc and p.effective_status() in (None, _PERFORMED))


def _by_check(fired: tuple) -> int:
    return fired[0]


def _severity_key(fired: tuple) -> tuple[int, int]:
    """How bad a fired branch is: its outcome, then a recorded fact before silence."""
    return OUTCOME_RANK[fired[1]], fired[3] == FACT


# The causes _reason explains (the others' message and evidence say it all).
_REASONED = frozenset(("unknown_trigger", "date_unknown", "same_day", "calendar_unknown", "exception", "not_applicable"))


def _case_value(dossier: Dossier, fact: str) -> Any:
    if isinstance(dossier, enforcement.EnforcementDossier):
        return enforcement.case_value(dossier, fact)
    if fact.startswith("catalog."):
        return getattr(dossier.catalog, fact.split(".", 1)[1], None) if dossier.catalog else None
    if fact in Triggers.model_fields:
        return getattr(dossier.triggers, fact)
    return getattr(dossier, fact, None)


def _recorded(dossier: Dossier, proc: str, where: list) -> tuple[tuple[str, str], ...]:
    """What the records of `proc` say on the fields a `required` check's `where` asks about, per
    record: (程序第10项 会议类型：县长办公会议, procedures[9] meeting type: …)."""
    out = []
    for i, p in enumerate(dossier.procedures):
        if p.type == proc:
            zh = "，".join(f"{field_label(proc, w.field_, 'zh').split('·')[-1]}：{record_value(p, w.field_, 'zh')}" for w in where)
            en = ", ".join(f"{w.field_}: {record_value(p, w.field_, 'en')}" for w in where)
            out.append((f"程序第{i + 1}项（{procedure_zh(proc)}）{zh}", f"procedures[{i}] ({proc}) {en}"))
    return tuple(out)


def _case_source(fact: str) -> str:
    if fact.startswith("catalog."):
        return "catalog"
    if fact in Triggers.model_fields:
        return f"triggers.{fact}"
    if enforcement.case_label_zh(fact):
        return enforcement.case_source(fact)
    return fact
