"""Labels and values as a lawyer reads them: 决策事项目录·是否列入, 听证·听证公告日期, 是 / 否 / 未记载.

    case_label(fact)          a case fact's name          (触发情形·涉及公众切身利益)
    field_label(proc, path)   a record field's name       (专家论证·专家·已签名（全部）)
    display_value(s)(v)       a dossier value              (2023-05-01, 是, 常务会议, 未记载)
    record_value(s)(rec, path) the value a rule path reads on one record
    as_written(v, text)       a value read through a synonym, shown as the file wrote it
    recorded_where(...)       what the records of a procedure say on the fields a check asks about

English labels are the dossier's own keys (`hearing.notice_date`), so a reader can find them in the file.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any, Optional

from pydantic import BaseModel

from ..core.encoding import CASE, field_kind
from ..models.base import ZhEnum
from ..models.dossier import PROCEDURES, Catalog, Dossier, Record, Triggers, procedure_zh
from ..models import enforcement

# ------------------------------------------------------------------------------- names


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
        from ..models.dossier import Expert
        item = field_kind(model.model_fields[parts[0]].annotation)[1] if parts[0] in model.model_fields else None
        item = item if isinstance(item, type) and hasattr(item, "zh_name") else Expert  # 专家, 执法人员 …
        sub = item.zh_name(parts[2]) if parts[2] in item.model_fields else parts[2]
        head += f"·{sub}（{'全部' if parts[1] == 'all' else '任一'}）"
    elif len(parts) == 3 and parts[1] == "has":
        head += f"·包含“{parts[2]}”"
        from ..models import dossier as m
        for v in [*vars(m).values(), *vars(enforcement).values()]:
            if isinstance(v, type) and issubclass(v, m.ZhEnum) and v is not m.ZhEnum and parts[2] in v._value2member_map_:
                head = f"{model.zh_name(parts[0])}·包含“{v(parts[2]).zh}”"
                break
    elif path == "latest":
        head = "最近一次"
    return f"{procedure_zh(proc)}·{head}"


def whether_performed(proc: str) -> tuple[str, str]:
    """The fact that settles a step nobody recorded: 是否履行听证."""
    return f"是否履行{procedure_zh(proc)}", f"whether {proc} took place"


# ------------------------------------------------------------------------------- values

_NOT_RECORDED, _YES, _NO = ("未记载", "not recorded"), ("是", "yes"), ("否", "no")


def display_values(v: Any) -> tuple[str, str]:
    """display_value in Chinese and in English at once: evidence carries both."""
    t = type(v)  # the common types first, by identity (a date compared with [] and "" costs two failed __eq__)
    if v is None:
        return _NOT_RECORDED
    if t is bool:
        return _YES if v else _NO
    if t is dt.date:
        text = v.isoformat()
        return text, text
    if t is str:
        return (v, v) if v else _NOT_RECORDED
    if v == [] or v == "":
        return _NOT_RECORDED
    if isinstance(v, ZhEnum):
        return v.zh, v._value_
    if isinstance(v, list):
        return display_value(v, "zh"), display_value(v, "en")
    text = (getattr(v, "name", None) or str(v)) if isinstance(v, BaseModel) else str(v)
    return text, text


def display_value(v: Any, lang: str = "zh") -> str:
    """A dossier value as a lawyer reads it (used for evidence)."""
    if v is None or v == [] or v == "":
        return "未记载" if lang == "zh" else "not recorded"
    if isinstance(v, bool):
        return ("是" if v else "否") if lang == "zh" else ("yes" if v else "no")
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, ZhEnum):
        return v.label(lang)
    if isinstance(v, list):
        return "、".join(display_value(x, lang) for x in v) if lang == "zh" else ", ".join(display_value(x, lang) for x in v)
    if isinstance(v, BaseModel):
        return getattr(v, "name", None) or str(v)
    return str(v)


@lru_cache(maxsize=None)
def _path(path: str) -> tuple[str, Optional[str], Optional[str]]:
    """`experts.all.signed` → ("experts", "all", "signed"); `date` → ("date", None, None)."""
    parts = path.split(".")
    return (parts[0], parts[1], parts[2]) if len(parts) == 3 else (path, None, None)


#: what record_raw returns for a path that reads several values (`latest`, `experts.all.signed`)
MANY = object()


def record_raw(rec: Record, path: str) -> Any:
    """The value a path reads, when it is a plain field or a `has` test (else MANY)."""
    head, mode, sub = _path(path)
    if path == "latest" or mode in ("all", "any"):
        return MANY
    v = getattr(rec, head, None)
    if mode == "has" and isinstance(v, list):
        return any(getattr(m, "value", m) == sub for m in v)
    return v


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


def recorded_where(dossier: Dossier, proc: str, where: list) -> tuple[tuple[str, str], ...]:
    """What the records of `proc` say on the fields a `required` check's `where` asks about, per
    record: (程序第10项（集体讨论）会议类型：县长办公会议, procedures[9] (collective_discussion) meeting_type: …)."""
    out = []
    for i, p in enumerate(dossier.procedures):
        if p.type == proc:
            zh = "，".join(f"{field_label(proc, w.field_, 'zh').split('·')[-1]}：{record_value(p, w.field_, 'zh')}" for w in where)
            en = ", ".join(f"{w.field_}: {record_value(p, w.field_, 'en')}" for w in where)
            out.append((f"程序第{i + 1}项（{procedure_zh(proc)}）{zh}", f"procedures[{i}] ({proc}) {en}"))
    return tuple(out)
