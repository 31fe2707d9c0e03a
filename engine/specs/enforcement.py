"""Step phrases for the third kind of dossier, 重大执法决定 (models/enforcement.py, rulesets cn.ap.*).

Registered into the one phrase library (phrases.PHRASES) when phrases.py imports this module, so
they are matched, documented (docs/writing-specs.md) and self-tested like every other phrase. The
generic phrases work for this kind too: “该案卷没有法制审核记录”, “听证记录中的“主持人为本案调查人员”为“是””,
“案卷中的“拟处罚.种类”为“[吊销许可证件]””. In an enforcement dossier the procedure names are read with
that kind's own table, so 听证、集体讨论、公开、归档 name its records, not a decision's.
"""

from __future__ import annotations

import copy
import re

from ..models.enforcement import KIND
from .baseline import ENFORCEMENT_BASE, enforcement_base, enforcement_record
from .context import SpecContext, SpecFailure, to_date

#: the compliant example every “程序完备的重大执法决定案卷” starts from
BASE = ENFORCEMENT_BASE

#: 情形 of an enforcement case: field, Chinese yes, Chinese no, English yes, English no
ENFORCEMENT_TRIGGERS: list[tuple[str, str, str, str, str]] = [
    ("major_public_interest", "涉及重大公共利益", "不涉及重大公共利益", "of major public interest", "not of major public interest"),
    ("major_rights_heard", "直接关系当事人或者第三人重大权益且经过听证程序", "不属于直接关系重大权益并经过听证的情形",
     "bearing on major rights and heard", "not bearing on major rights with a hearing"),
    ("complex_case", "案件情况疑难复杂、涉及多个法律关系", "案件情况并不疑难复杂", "difficult and complex", "not difficult or complex"),
    ("review_required_by_law", "依法应当进行法制审核", "法律、法规未规定应当进行法制审核", "one a law requires to be reviewed",
     "not one a law requires to be reviewed"),
    ("complex_or_serious", "情节复杂或者属于重大违法行为", "情节并不复杂，也不属于重大违法行为", "complex or serious", "neither complex nor serious"),
    ("large_fine", "拟处较大数额罚款", "拟处罚款不属较大数额", "a larger fine", "not a larger fine"),
    ("large_confiscation", "拟没收较大数额违法所得或者较大价值非法财物", "拟没收的违法所得、非法财物不属较大数额",
     "a larger confiscation", "not a larger confiscation"),
    ("other_heavy_penalty", "拟处其他较重的行政处罚", "拟处的行政处罚并非较重", "another heavier penalty", "not a heavier penalty"),
    ("hearing_by_rule", "属于法律、法规、规章规定的其他听证情形", "不属于法律、法规、规章规定的其他听证情形",
     "one a rule makes a hearing case", "not one a rule makes a hearing case"),
    ("hearing_requested", "当事人要求听证", "当事人未要求听证", "one where the party asked for a hearing", "one where the party did not ask for a hearing"),
    ("hearing_request_late", "当事人逾期要求听证", "当事人在期限内要求听证", "one where the hearing was asked for late",
     "one where the hearing was asked for in time"),
    ("social_impact", "处罚决定具有一定社会影响", "处罚决定不具有社会影响", "of social impact", "of no social impact"),
    ("not_disclosable", "处罚决定依法不予公开", "处罚决定可以依法公开", "exempt from disclosure", "disclosable"),
    ("heavier_than_proposed", "决定的处罚重于告知的拟处罚", "决定的处罚不重于告知的拟处罚", "decided heavier than proposed",
     "not decided heavier than proposed"),
]


def register() -> None:
    """Add this kind's slots and phrases to the library (called once, from phrases.py)."""
    from .phrases import SLOTS, Slot, phrase

    SLOTS["etrigger"] = Slot("", "执法情形", lambda: [t[1] for t in ENFORCEMENT_TRIGGERS] + [t[2] for t in ENFORCEMENT_TRIGGERS])
    SLOTS["etrigger_q"] = Slot("", "执法情形", lambda: [t[1] for t in ENFORCEMENT_TRIGGERS])
    SLOTS["etrigger_en"] = Slot("", "case condition", lambda: [t[3] for t in ENFORCEMENT_TRIGGERS] + [t[4] for t in ENFORCEMENT_TRIGGERS])

    @phrase("假如", "一份程序完备的重大执法决定案卷", example="一份程序完备的重大执法决定案卷", section="dossier",
            help="一件各项程序均已依法履行的行政处罚案件（cases/enforcement/good/pengyang-substandard-fertiliser.yaml：较大数额罚款，"
                 "当事人要求听证，经听证、法制审核、负责人集体讨论后决定，依期送达、公开并归档），按规则集 cn.ap.national 检查不出问题。")
    @phrase("Given", "an enforcement dossier in which every procedure was followed",
            example="an enforcement dossier in which every procedure was followed", lang="en", section="dossier")
    def complete_enforcement(ctx: SpecContext) -> None:
        ctx.set_raw(copy.deepcopy(enforcement_base()), "（程序完备的重大执法决定案卷）")

    @phrase("假如", "一份重大执法决定案卷", example="一份重大执法决定案卷", section="dossier",
            help="一份空白的重大执法决定案卷（案卷类型: 重大执法决定）：只有编号和标题，没有程序记录，也没有说明任何情形。")
    @phrase("Given", "a major enforcement decision dossier", example="a major enforcement decision dossier", lang="en", section="dossier")
    def empty_enforcement(ctx: SpecContext) -> None:
        ctx.set_raw({"id": "SPEC-E", "document_kind": KIND, "title": ctx.scenario_name or "规格案卷",
                     "triggers": {}, "procedures": [], "waivers": []}, "（场景中的重大执法决定案卷）")

    @phrase("而且", "该案件{etrigger}", example="该案件涉及重大公共利益", section="facts",
            help="重大执法决定案卷的一项情形为“是”或“否”（第五十七条第二款、第五十八条、第六十三条、第四十八条等据以适用）。可写的情形见下文“执法情形”一览。")
    @phrase("And", "the case is {etrigger:etrigger_en}", example="the case is of major public interest", lang="en", section="facts")
    def enforcement_trigger(ctx: SpecContext, etrigger: str) -> None:
        f, v = _trigger(etrigger)
        ctx.dossier().setdefault("triggers", {})[f] = v

    @phrase("而且", "案卷未载明该案件是否{etrigger:etrigger_q}", example="案卷未载明该案件是否涉及重大公共利益", section="facts",
            help="重大执法决定案卷对该情形未置可否（取决于它的规则报告“无法判定”）。")
    def enforcement_trigger_unknown(ctx: SpecContext, etrigger: str) -> None:
        f, _ = _trigger(etrigger)
        ctx.dossier().setdefault("triggers", {}).pop(f, None)

    @phrase("而且", "该案件于{date}立案", example="该案件于2023年3月1日立案", section="facts",
            help="立案日期（第六十条的九十日自此起算）。")
    @phrase("And", "the case was filed on {date}", example="the case was filed on 2023-03-01", lang="en", section="facts")
    def filed(ctx: SpecContext, date: str) -> None:
        _enforcement(ctx)["filing_date"] = to_date(date).isoformat()

    @phrase("而且", "该处罚决定于{date}作出", example="该处罚决定于2023年5月18日作出", section="facts",
            help="行政处罚决定书的决定日期（没有决定书记录时先加入一份合乎要求的）；案卷的“决定日期”随之改变。")
    @phrase("And", "the penalty decision was made on {date}", example="the penalty decision was made on 2023-05-18", lang="en", section="facts")
    def penalty_decided(ctx: SpecContext, date: str) -> None:
        d = _enforcement(ctx)
        d.pop("decision_date", None)
        recs = [r for r in d.setdefault("procedures", []) if r.get("type") == "decision_document"]
        if not recs:
            recs = [enforcement_record("decision_document", to_date(date))]
            d["procedures"].append(recs[0])
        for r in recs:
            r["date"] = to_date(date).isoformat()

    @phrase("而且", "该处罚决定书于{date}送达", example="该处罚决定书于2023年5月22日送达", section="facts",
            help="送达日期（没有送达记录时先加入一份）；当事人不在场时，自宣告（决定日期）起七个工作日内送达（第六十一条、第八十五条）。")
    def served(ctx: SpecContext, date: str) -> None:
        d = _enforcement(ctx)
        d.pop("service_date", None)
        recs = [r for r in d.setdefault("procedures", []) if r.get("type") == "service"]
        if not recs:
            recs = [enforcement_record("service", to_date(date))]
            d["procedures"].append(recs[0])
        for r in recs:
            r["date"] = to_date(date).isoformat()


def _enforcement(ctx: SpecContext) -> dict:
    if not ctx.is_enforcement():
        raise SpecFailure("此步骤只用于重大执法决定案卷：请先写“假如 一份程序完备的重大执法决定案卷”或给出“案卷类型: 重大执法决定”的案卷")
    return ctx.dossier()


def _trigger(text: str) -> tuple[str, bool]:
    key = re.sub(r"[、，,\s]", "", text)
    for f, yes, no, en_yes, en_no in ENFORCEMENT_TRIGGERS:
        for phrase_text, value in ((yes, True), (no, False), (en_yes, True), (en_no, False)):
            if re.sub(r"[、，,\s]", "", phrase_text) == key:
                return f, value
    raise SpecFailure(f"不认识的情形“{text}”")  # pragma: no cover - the regex only admits known ones
