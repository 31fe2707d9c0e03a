"""Excel ledgers (台账): one decision per row → a dossier mapping, by a column mapping.

The default mapping is `ledger_mapping.yaml` next to this file (documented in docs/audit.md and
cases/ledger/README.md); `--mapping FILE` adds or overrides columns for other layouts. A row only
says what the ledger says: a procedure column gives a record (with its date when the cell is a
date), a trigger column an assertion; everything else is left out, so the rules that need more
detail come out indeterminate rather than satisfied.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

from ..core.errors import LoadError, MappingError
from ..core.yamlload import load_file
from ..models.dossier import PROCEDURES, Dossier, Triggers
from .worker import Item, error_record

DEFAULT_MAPPING = Path(__file__).with_name("ledger_mapping.yaml")
TOP_FIELDS = ("id", "title", "decision_body", "undertaking_unit", "jurisdiction", "category", "exclusion",
              "stage", "decision_date", "special_procedure_basis", "record_basis", "major")
# 重大执法决定 (models/enforcement.py): its own top-level fields and 情形, for ledger_mapping_enforcement.yaml
ENFORCEMENT_MAPPING = Path(__file__).with_name("ledger_mapping_enforcement.yaml")
ENFORCEMENT_NAMES = ("重大执法决定", "enforcement", "major_enforcement_decision")
ENFORCEMENT_TOP = ("enforcing_body", "review_unit", "filing_date", "investigation_end_date", "notice_date", "service_date")
# A procedure cell that says the step does not apply or is left blank on purpose: no record (not
# "not done"); 否 / 无 / 未… say the step was not done (a record marked 未履行, docs/open-world.md).
NOT_APPLICABLE = {"不适用", "不涉及", "/", "／", "-", "—", "——", "－"}
YES = {"是", "有", "已", "已开展", "已履行", "已完成", "完成", "已公布", "已公开", "已审查", "已评估", "已论证", "已讨论",
       "√", "✓", "✔", "y", "yes", "true", "1", "○"}
NO = {"否", "无", "未", "未开展", "未履行", "未完成", "没有", "×", "✗", "✘", "n", "no", "false", "0", "", "不适用", "不涉及",
      "/", "／", "-", "—", "——", "－"}
_DATE = re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?")
_SPLIT = re.compile(r"[、,，;；/\n]+")


def norm_header(h: Any) -> str:
    s = re.sub(r"\s+", "", str(h or ""))
    s = re.sub(r"[（(][^）)]*[）)]$", "", s)
    return s.strip("*＊:：")


@dataclass
class Mapping:
    columns: dict[str, str] = field(default_factory=dict)  # normalised header → target
    header_row: Optional[int] = None
    sheet: Optional[str] = None
    source: str = "default"
    record_basis: str = "ledger"  # what a row is (docs/open-world.md); a mapping may say otherwise
    document_kind: Optional[str] = None  # every row's 案卷类型, when the mapping says (重大执法决定)

    @staticmethod
    def default() -> "Mapping":
        return _default()

    @staticmethod
    def load(path: Optional[Path]) -> "Mapping":
        base = _default()
        if path is None:
            return base
        if Path(str(path).strip()).name in ENFORCEMENT_NAMES and not Path(path).exists():  # `--mapping 重大执法决定`: the shipped enforcement mapping
            path = ENFORCEMENT_MAPPING
        try:
            raw = load_file(Path(path), empty={}) or {}
        except LoadError as e:  # the strict loader's message, with file:line:col
            raise MappingError(f"无法读取对照表 {path}：{e.text('zh')}", f"cannot read the mapping {path}: {e.text('en')}") from None
        if not isinstance(raw, dict) or not isinstance(raw.get("columns", {}), dict):
            raise MappingError(f"对照表 {path} 应有 columns: 列名 → 字段", f"the mapping {path} needs `columns:` header → target")
        cols = dict(base.columns)
        cols.update(_columns(raw.get("columns") or {}, str(path)))
        basis = raw.get("record_basis", raw.get("案卷来源", base.record_basis))
        from ..models.dossier import RecordBasis
        parsed = RecordBasis.parse(str(basis).strip())
        if not isinstance(parsed, RecordBasis):
            raise MappingError(f"对照表 {path}：案卷来源“{basis}”应为 台账 / 完整案卷 / 公开信息",
                               f"the mapping {path}: record_basis '{basis}' must be ledger / complete_file / public_sources")
        kind = raw.get("document_kind", raw.get("案卷类型"))
        if kind is not None:
            from ..models.dossier import DocumentKind
            if not isinstance(DocumentKind.parse(str(kind).strip()), DocumentKind):
                raise MappingError(f"对照表 {path}：案卷类型“{kind}”无效", f"the mapping {path}: unknown document_kind '{kind}'")
            kind = DocumentKind.parse(str(kind).strip()).value
        return Mapping(cols, raw.get("header_row", base.header_row), raw.get("sheet", base.sheet), str(path),
                       parsed.value, kind)


def _columns(raw: dict, where: str) -> dict[str, str]:
    out = {}
    for h, target in raw.items():
        target = str(target).strip()
        _check_target(target, str(h), where)
        out[norm_header(h)] = target
    return out


def _check_target(target: str, header: str, where: str) -> None:
    ok = False
    from ..models.enforcement import EnforcementTriggers
    if target == "ignore" or target in TOP_FIELDS or target in ENFORCEMENT_TOP:
        ok = True
    elif target.startswith("triggers."):
        ok = target[9:] in Triggers.model_fields or target[9:] in EnforcementTriggers.model_fields
    else:
        proc, _, fld = target.partition(".")
        ok = proc in PROCEDURES and (not fld or (fld in PROCEDURES[proc].model_fields and fld != "type"))
    if not ok:
        raise MappingError(f"{where}：列“{header}”的目标“{target}”不是案卷字段（见 docs/audit.md）",
                           f"{where}: column '{header}' maps to '{target}', which is not a dossier field (see docs/audit.md)")


@lru_cache(maxsize=1)
def _default() -> Mapping:
    raw = load_file(DEFAULT_MAPPING)
    return Mapping(_columns(raw["columns"], str(DEFAULT_MAPPING)))


# ------------------------------------------------------------------------------- cells

def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip()


def cell_date(v: Any) -> Optional[str]:
    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    m = _DATE.search(_text(v))
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}"  # let the schema say the date does not exist
    return None


def _value(target_model: Any, fld: str, v: Any) -> Any:
    """A cell → the value the schema expects for this field (dates ISO, lists split, yes/no as text)."""
    info = target_model.model_fields.get(fld)
    ann = str(info.annotation) if info else ""
    if isinstance(v, (dt.date, dt.datetime)) or "date" in ann.lower() and cell_date(v):
        return cell_date(v) or _text(v)
    if "list" in ann.lower():
        return [x.strip() for x in _SPLIT.split(_text(v)) if x.strip()]
    if "int" in ann.lower() and "Optional[int]" in ann and _text(v).isdigit():
        return int(_text(v))
    t = _text(v)
    if t in ("√", "✓", "✔"):
        return "是"
    if t in ("×", "✗", "✘"):
        return "否"
    return t


def row_to_dossier(header: list[Optional[str]], row: tuple, mapping: Mapping, default_id: str
                   ) -> tuple[Optional[dict], list[tuple[str, str, str]]]:
    """(dossier mapping or None for a blank/note row, [(column, zh problem, en problem)])."""
    cells = [(h, v) for h, v in zip(header, row) if h is not None and (isinstance(v, (dt.date, dt.datetime)) or _text(v) != "")]
    if len(cells) < 2:  # blank, or a note such as 合计 / 填表人
        return None, []
    d: dict[str, Any] = {}
    triggers: dict[str, Any] = {}
    procs: dict[str, dict] = {}
    done: dict[str, bool] = {}
    problems = []
    for col, v in cells:
        target = mapping.columns[col]
        if target == "ignore":
            continue
        if target in TOP_FIELDS or target in ENFORCEMENT_TOP:
            from ..models.enforcement import EnforcementDossier
            model = Dossier if target in Dossier.model_fields else EnforcementDossier
            d[target] = cell_date(v) if target.endswith("_date") and cell_date(v) else _value(model, target, v)
        elif target.startswith("triggers."):
            triggers[target[9:]] = _value(Triggers, target[9:], v)
        else:
            proc, _, fld = target.partition(".")
            model = PROCEDURES[proc]
            if fld:
                procs.setdefault(proc, {})[fld] = _value(model, fld, v)
                continue
            t = _text(v)
            date = cell_date(v)
            if date:
                procs.setdefault(proc, {})[model.main_date] = date
                done[proc] = True
            elif t.lower() in YES:
                procs.setdefault(proc, {})
                done[proc] = True
            elif t in NOT_APPLICABLE:
                done.setdefault(proc, None)
            elif t.lower() in NO:
                done[proc] = False
            else:
                problems.append((col, f"无法识别“{t}”：程序列应填日期或 是/否", f"cannot read '{t}': a procedure column takes a date or 是/否 (yes/no)"))
    d.setdefault("id", default_id)
    d.setdefault("record_basis", mapping.record_basis)
    if mapping.document_kind:
        d.setdefault("document_kind", mapping.document_kind)
    if triggers:
        d["triggers"] = triggers
    records = []
    for proc in dict.fromkeys([*procs, *done]):
        rec = procs.get(proc, {})
        if done.get(proc) is False and not any(_text(x) for x in rec.values()):
            records.append({"type": proc, "status": "not_performed"})  # the ledger says it was not done
            continue
        if proc not in procs:
            continue  # 不适用 / — : the ledger says nothing about the step
        records.append({"type": proc, **rec})
    if records:
        d["procedures"] = records
    return d, problems


# ------------------------------------------------------------------------------- sheets

def _header_index(rows: list[tuple], mapping: Mapping) -> Optional[int]:
    if mapping.header_row:
        return mapping.header_row - 1 if mapping.header_row - 1 < len(rows) else None
    for i, row in enumerate(rows[:10]):
        if sum(1 for c in row if norm_header(c) in mapping.columns) >= 2:
            return i
    return None


def _open(path: Path):  # noqa: ANN202
    import openpyxl
    return openpyxl.load_workbook(path, read_only=True, data_only=True)


def _sheets(wb: Any, mapping: Mapping) -> list:
    if mapping.sheet is not None:
        return [wb[mapping.sheet]] if mapping.sheet in wb.sheetnames else []
    return list(wb.worksheets)


def count_rows(path: Path, mapping: Mapping) -> Optional[int]:
    try:
        wb = _open(path)
    except Exception:  # noqa: BLE001
        return 1
    try:
        n = 0
        for ws in _sheets(wb, mapping):
            if ws.max_row is None:
                return None
            n += ws.max_row
        return n
    finally:
        wb.close()


def iter_ledger(path: Path, mapping: Mapping, warn: Optional[Callable[[str, str], None]] = None) -> Iterator[Item]:
    key = str(path)
    try:
        wb = _open(path)
    except Exception as e:  # noqa: BLE001 - a broken workbook is one bad input, not the end of the audit
        yield key, "error", error_record(key, "load", "load.ledger", f"无法打开 Excel 台账：{type(e).__name__}: {e}",
                                         f"cannot open the Excel ledger: {type(e).__name__}: {e}")
        return
    try:
        sheets = _sheets(wb, mapping)
        if not sheets:
            yield key, "error", error_record(key, "load", "load.ledger.sheet", f"台账中没有工作表“{mapping.sheet}”",
                                             f"the ledger has no sheet '{mapping.sheet}'")
        for ws in sheets:
            rows = ws.iter_rows(values_only=True)
            head: list[tuple] = []
            for row in rows:
                head.append(row)
                if len(head) >= 10 or (mapping.header_row and len(head) >= mapping.header_row):
                    break
            hi = _header_index(head, mapping)
            if hi is None:
                if warn:
                    warn(f"{key}#{ws.title}：未找到表头（已跳过该工作表；可用 --mapping 指定 header_row）",
                         f"{key}#{ws.title}: no header row found (sheet skipped; set header_row with --mapping)")
                continue
            header = [norm_header(c) or None for c in head[hi]]
            unknown = [h for h in header if h and h not in mapping.columns]
            if unknown and warn:
                warn(f"{key}#{ws.title}：未识别的列已忽略：{'、'.join(unknown)}（可在 --mapping 文件中指定）",
                     f"{key}#{ws.title}: unknown columns ignored: {', '.join(unknown)} (map them with --mapping)")
            header = [h if h in mapping.columns else None for h in header]

            def data_rows():  # noqa: ANN202
                for i, r in enumerate(head[hi + 1:], hi + 2):
                    yield i, r
                for i, r in enumerate(rows, len(head) + 1):
                    yield i, r

            for rn, row in data_rows():
                k = f"{key}#{ws.title}!{rn}"
                obj, problems = row_to_dossier(header, row, mapping, f"{Path(key).stem}-{ws.title}-{rn}")
                if obj is None:
                    continue
                if problems:
                    zh = "；".join(f"列“{c}”：{z}" for c, z, _ in problems)
                    en = "; ".join(f"column '{c}': {e}" for c, _, e in problems)
                    yield k, "error", error_record(k, "load", "load.ledger.cell", f"{k}: {zh}", f"{k}: {en}",
                                                   [{"code": "load.ledger.cell", "file": k, "field": c, "message": z, "message_en": e}
                                                    for c, z, e in problems], dossier=str(obj.get("id")))
                    continue
                yield k, "obj", obj
    finally:
        wb.close()
