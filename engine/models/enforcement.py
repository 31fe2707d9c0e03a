"""The third kind of dossier: a major administrative enforcement decision (重大执法决定), as legal staff write it.

`案卷类型: 重大执法决定` / `document_kind: major_enforcement_decision`. The procedure is the
《中华人民共和国行政处罚法》(2021) ordinary procedure with its hearing: investigation (Arts. 42,
54–55), notice of the proposed penalty and of rights (Art. 44), statement and defence (Art. 45),
hearing (Arts. 63–65), legal review (法制审核, Art. 58), the heads' collective discussion (Art. 57
¶2), the decision document (Art. 59) within 90 days of 立案 (Art. 60), service (Art. 61),
publication (Art. 48) and the full-process record (Art. 47).

Contract only, like models/dossier.py: Chinese keys first (`field(zh=...)`), English aliases,
enums with Chinese labels, and the same three states for what a dossier does not say (yes / no /
not recorded). Party data are kept to what the checks need: whether the party is a person or an
organisation, and a name; no identity numbers, addresses or contact details.

The records join the engine's procedure registry (models/dossier.PROCEDURES) under names of their
own, so the compiler, facts and findings treat them like every other record; the dossier itself
(`EnforcementDossier`) is chosen by load.py from `案卷类型`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar, Literal, Optional, Union

from pydantic import Discriminator, PrivateAttr, Tag, model_validator

from .base import Code, RequiredCode, ZhBool, ZhDate, ZhEnum, ZhModel, field, zh_enum, zh_enum_list
from .dossier import DocumentKind, Record, RecordBasis, Source, Stage, Waiver

KIND = "major_enforcement_decision"


# ------------------------------------------------------------------------------------ enums

class PenaltyKind(ZhEnum):
    """行政处罚法 Art. 9 (一)–(六): the kinds of administrative penalty."""

    warning = ("warning", "警告")
    public_criticism = ("public_criticism", "通报批评")
    fine = ("fine", "罚款")
    confiscate_income = ("confiscate_income", "没收违法所得")
    confiscate_property = ("confiscate_property", "没收非法财物")
    suspend_license = ("suspend_license", "暂扣许可证件", "暂扣许可证", "暂扣执照")
    lower_qualification = ("lower_qualification", "降低资质等级")
    revoke_license = ("revoke_license", "吊销许可证件", "吊销许可证", "吊销执照", "吊销营业执照")
    restrict_business = ("restrict_business", "限制开展生产经营活动")
    suspend_business = ("suspend_business", "责令停产停业", "责令停业", "停产停业")
    close = ("close", "责令关闭")
    restrict_practice = ("restrict_practice", "限制从业")
    detention = ("detention", "行政拘留", "拘留")
    other = ("other", "法律、行政法规规定的其他行政处罚", "其他行政处罚", "其他")


class PartyKind(ZhEnum):
    """当事人: 公民, or 法人或者其他组织 (the law's two kinds, e.g. Art. 4, Art. 51)."""

    person = ("person", "公民", "自然人", "个人", "个体")
    organisation = ("organisation", "法人或者其他组织", "法人", "单位", "其他组织", "组织", "企业")


class ReviewResult(ZhEnum):
    """法制审核的结论: passed, to be revised, or not passed (Art. 58: "审核未通过的，不得作出决定")."""

    passed = ("passed", "通过", "同意", "审核通过", "合法")
    revise = ("revise", "修改后通过", "建议修改", "需修改", "应当修改")
    failed = ("failed", "不通过", "未通过", "审核未通过", "不同意", "不合法")


class DecisionResult(ZhEnum):
    """Art. 57 ¶1 (一)–(四): what the head decides when the investigation ends."""

    penalty = ("penalty", "给予行政处罚", "给予处罚", "处罚", "作出行政处罚决定")
    no_penalty = ("no_penalty", "不予行政处罚", "不予处罚")
    transfer = ("transfer", "移送司法机关", "移送")


class RecordStep(ZhEnum):
    """Art. 47: the steps the full-process record covers."""

    start = ("start", "启动", "立案")
    investigation = ("investigation", "调查取证", "调查")
    review = ("review", "审核", "法制审核")
    decision = ("decision", "决定")
    service = ("service", "送达")
    execution = ("execution", "执行")


# ---------------------------------------------------------------------------- sub-models

class Party(ZhModel):
    """当事人: only what the checks need (who it is, and whether a person or an organisation)."""

    kind: zh_enum(PartyKind) = field("类型|当事人类型", "公民 / 法人或者其他组织")
    name: Optional[str] = field("名称|姓名|姓名或者名称", "the party's name")


class Penalty(ZhModel):
    """A penalty proposed (拟处罚) or decided (处罚决定): its kinds among Art. 9's and the amounts."""

    kinds: zh_enum_list(PenaltyKind) = field("种类|处罚种类", "kinds of penalty (Art. 9)", default_factory=list)
    fine_amount: Optional[int] = field("罚款金额|罚款数额", "fine in yuan", ge=0)
    confiscation_amount: Optional[int] = field("没收金额|没收违法所得金额|没收数额", "illegal income or property confiscated, in yuan", ge=0)
    description: Optional[str] = field("内容|处罚内容", "the penalty as worded")


class Officer(ZhModel):
    """An enforcement officer who took part (Art. 42: qualified; Art. 55: shows the 执法证件)."""

    name: str = field("姓名", "name", required=True)
    certificate: Optional[str] = field("执法证号|执法证件号|执法证件", "enforcement certificate number")
    qualified: ZhBool = field("具有执法资格|执法资格", "holds enforcement qualification (Art. 42 para. 1)")


class EnforcementTriggers(ZhModel):
    """情形: the assertions that make the conditional duties apply. Leave out what is not known."""

    # Art. 58 para. 1 (一)–(四): the cases a legal review must precede the decision
    major_public_interest: ZhBool = field("涉及重大公共利益", "involves a major public interest (Art. 58 para. 1 item 1)")
    major_rights_heard: ZhBool = field("直接关系当事人或者第三人重大权益经过听证程序|直接关系重大权益经过听证", "directly bears on the party's or a third person's major rights and went through a hearing (Art. 58 para. 1 item 2)")
    complex_case: ZhBool = field("案件情况疑难复杂涉及多个法律关系|疑难复杂涉及多个法律关系|疑难复杂", "the case is difficult and complex, with several legal relations (Art. 58 para. 1 item 3)")
    review_required_by_law: ZhBool = field("法律法规规定应当进行法制审核|法律法规规定应当法制审核|列入法制审核目录", "a law or regulation (or the body's published 法制审核 catalogue) requires review (Art. 58 para. 1 item 4)")
    review_basis: Optional[str] = field("法制审核依据", "that law, regulation or catalogue entry")
    # Art. 57 para. 2
    complex_or_serious: ZhBool = field("情节复杂或者重大违法行为|情节复杂或重大违法", "the circumstances are complex or the violation serious (Art. 57 para. 2)")
    # Art. 63 para. 1 (一), (二), (五), (六); items (三) and (四) are read from the penalty proposed
    large_fine: ZhBool = field("较大数额罚款|较大数额", "a fine of a larger amount, as set locally (Art. 63 para. 1 item 1)")
    large_confiscation: ZhBool = field("没收较大数额违法所得或者较大价值非法财物|没收较大数额", "confiscation of illegal income of a larger amount or illegal property of larger value (Art. 63 para. 1 item 2)")
    other_heavy_penalty: ZhBool = field("其他较重的行政处罚", "another heavier penalty (Art. 63 para. 1 item 5)")
    hearing_by_rule: ZhBool = field("法律法规规章规定的其他听证情形|其他应当告知听证情形", "a law, regulation or rule makes the case one for a hearing (Art. 63 para. 1 item 6)")
    hearing_requested: ZhBool = field("当事人要求听证", "the party asked for a hearing (Art. 63 para. 1)")
    hearing_request_late: ZhBool = field("当事人逾期要求听证|逾期要求听证", "the party asked later than five days after the notice (Art. 64 item 1)")
    # Art. 48
    social_impact: ZhBool = field("具有一定社会影响", "the decision has a certain social impact (Art. 48 para. 1)")
    not_disclosable: ZhBool = field("依法不予公开", "may not be disclosed by law")
    # Art. 45 para. 2
    heavier_than_proposed: ZhBool = field("决定处罚重于拟处罚|处罚加重", "the penalty decided is heavier than the one proposed (worked out from the fines, or from kinds not proposed, when both are recorded)")
    heavier_reason: Optional[str] = field("加重处罚理由|加重理由", "the facts, other than the party's statement and defence, the heavier penalty rests on")
    judged_by: Optional[str] = field("判断人", "who made these judgements")


# ----------------------------------------------------------------------- procedure records

class Investigation(Record):
    """Arts. 42, 54–55: investigation and evidence, by two or more qualified officers who show their certificates."""

    type: Literal["investigation"] = field("类型", required=True)
    date: ZhDate = field("日期|调查日期|检查日期", "date of the investigation or inspection")
    officers: list[Officer] = field("执法人员", "officers who took part", default_factory=list)
    two_officers: ZhBool = field("执法人员不少于两人", "two or more officers took part (Art. 42 para. 1; worked out from the officers listed when not given)")
    fewer_officers_basis: Optional[str] = field("人数另有规定依据|法律另有规定", "the law that allows fewer than two officers (Art. 42 para. 1: 法律另有规定的除外)")
    certificates_shown: ZhBool = field("出示执法证件|主动出示执法证件", "the officers showed their enforcement certificates (Art. 55 para. 1)")
    record_made: ZhBool = field("制作笔录|询问检查笔录", "the questioning or inspection was recorded (Art. 55 para. 2)")

    @model_validator(mode="after")
    def _count(self) -> "Investigation":
        if self.two_officers is None and self.officers and "two_officers" not in self.model_fields_set:
            # the law's own words: 执法人员不得少于两人 (set in __dict__: worked out, not written)
            self.__dict__["two_officers"] = len(self.officers) >= 2
        return self


class PenaltyNotice(Record):
    """Art. 44 (and Art. 63 para. 1): notice of the proposed penalty, its facts, reasons and basis, and of the rights."""

    type: Literal["penalty_notice"] = field("类型", required=True)
    date: ZhDate = field("告知日期|日期", "date the party was notified")
    content: ZhBool = field("拟处罚内容|拟作出的行政处罚内容", "the proposed penalty is stated")
    facts: ZhBool = field("事实|违法事实", "the facts are stated")
    reasons: ZhBool = field("理由", "the reasons are stated")
    legal_basis: ZhBool = field("依据|法律依据", "the legal basis is stated")
    statement_rights: ZhBool = field("告知陈述申辩权利|陈述申辩权利", "the rights of statement and defence are notified")
    hearing_right: ZhBool = field("告知听证权利|要求听证权利", "the right to ask for a hearing is notified (Art. 63 para. 1)")


class StatementDefence(Record):
    """Arts. 45, 62: the party's statement and defence, heard and re-examined."""

    type: Literal["statement_defence"] = field("类型", required=True)
    date: ZhDate = field("日期|陈述申辩日期")
    made: ZhBool = field("提出陈述申辩|当事人陈述申辩", "the party made a statement or defence")
    waived: ZhBool = field("明确放弃|放弃陈述申辩", "the party expressly gave up the right (Art. 62)")
    heard: ZhBool = field("充分听取|听取意见", "the body heard the party fully (Art. 45 para. 1)")
    reexamined: ZhBool = field("复核|进行复核", "the facts, reasons and evidence put forward were re-examined (Art. 45 para. 1)")
    adopted: ZhBool = field("成立的予以采纳|采纳情况", "those found to stand were adopted (Art. 45 para. 1)")


class PenaltyHearing(Record):
    """Arts. 63–65: the hearing."""

    type: Literal["penalty_hearing"] = field("类型", required=True)
    rights_notice_date: ZhDate = field("告知日期|听证权利告知日期", "date the right to a hearing was notified (worked out from the dossier's 告知日期 when not given)")
    request_date: ZhDate = field("申请日期|要求听证日期", "date the party asked for a hearing (Art. 64 item 1)")
    notice_date: ZhDate = field("通知日期|听证通知日期", "date the party was told the time and place (Art. 64 item 2)")
    date: ZhDate = field("听证日期|日期", "date of the hearing")
    held: ZhBool = field("举行听证|已举行", "the hearing was held")
    given_up: ZhBool = field("视为放弃听证|放弃听证", "the party gave up the hearing or is deemed to have (Art. 64 item 6)")
    public: ZhBool = field("公开举行", "held in public (Art. 64 item 3)")
    closed_reason: Optional[str] = field("不公开理由|依法保密事项", "国家秘密、商业秘密或者个人隐私 kept confidential by law (Art. 64 item 3)")
    chair: Optional[str] = field("主持人", "who chaired")
    chair_investigated: ZhBool = field("主持人为本案调查人员", "the chair investigated this case (Art. 64 item 4 forbids it)")
    record_made: ZhBool = field("听证笔录|制作笔录", "a record was made (Art. 64 item 8)")
    record_signed: ZhBool = field("笔录签字|笔录签字盖章|笔录经当事人核对签字", "the party or agent checked and signed or sealed the record (Art. 64 item 8)")
    refusal_noted: ZhBool = field("拒签注明|拒绝签字已注明", "the chair noted the party's refusal to sign (Art. 64 item 8)")

    @model_validator(mode="after")
    def _dates_in_order(self) -> "PenaltyHearing":
        if self.notice_date and self.date and self.date < self.notice_date:
            raise ValueError("end_before_start:date:notice_date")
        return self


class LegalReview(Record):
    """Art. 58: the legal review (法制审核) by the body's reviewers before the head decides."""

    type: Literal["legal_review"] = field("类型", required=True)
    submitted_date: ZhDate = field("送审日期|提交审核日期", "date the case was sent for review")
    date: ZhDate = field("审核日期|审核意见日期|日期", "date of the review opinion")
    reviewer: Optional[str] = field("审核人员|审核人", "who reviewed")
    reviewing_unit: Optional[str] = field("审核机构|法制审核机构", "the legal-review unit")
    first_time: ZhBool = field("初次从事法制审核|初次从事行政处罚决定法制审核", "the reviewer does this work for the first time (Art. 58 para. 2)")
    qualified: ZhBool = field("取得法律职业资格|法律职业资格", "the reviewer holds the legal professional qualification (Art. 58 para. 2)")
    opinion: ZhBool = field("书面审核意见|审核意见", "a written review opinion")
    conclusion: zh_enum(ReviewResult) = field("审核结论|结论", "通过 / 修改后通过 / 不通过")

    @model_validator(mode="after")
    def _dates_in_order(self) -> "LegalReview":
        if self.submitted_date and self.date and self.date < self.submitted_date:
            raise ValueError("end_before_start:date:submitted_date")
        return self


class HeadsDiscussion(Record):
    """Art. 57 para. 2: the heads of the body discuss and decide together."""

    type: Literal["heads_discussion"] = field("类型", required=True)
    date: ZhDate = field("会议日期|日期")
    session: Optional[str] = field("会议名称|会次", "e.g. 局务会议 / 案件审理委员会")
    minutes: ZhBool = field("会议纪要|会议记录|讨论记录", "the discussion was recorded")
    review_opinion_before: ZhBool = field("审核意见提交会议|附法制审核意见", "the legal-review opinion was before the meeting")


class DecisionDocument(Record):
    """Arts. 57, 59, 60, 65: the decision and its document."""

    type: Literal["decision_document"] = field("类型", required=True)
    date: ZhDate = field("决定日期|日期", "date of the decision")
    filing_date: ZhDate = field("立案日期", "the date the case was filed (worked out from the dossier's 立案日期 when not given; Art. 60)")
    period_basis: Optional[str] = field("办案期限另有规定依据|期限另有规定", "the law, regulation or rule that sets another time limit (Art. 60: 另有规定的，从其规定)")
    result: zh_enum(DecisionResult) = field("处理结果|决定结果", "给予行政处罚 / 不予行政处罚 / 移送司法机关 (Art. 57 para. 1)")
    party_named: ZhBool = field("当事人姓名名称地址|载明当事人", "the party's name and address (Art. 59 para. 1 item 1)")
    facts_evidence: ZhBool = field("违法事实和证据|载明事实证据", "the facts and evidence of the violation (item 2)")
    kind_and_basis: ZhBool = field("处罚种类和依据|载明种类依据", "the kind of penalty and its basis (item 3)")
    performance: ZhBool = field("履行方式和期限|载明履行方式期限", "how and by when to perform it (item 4)")
    remedies: ZhBool = field("复议诉讼途径和期限|载明救济途径", "how and by when to apply for reconsideration or sue (item 5)")
    body_and_date: ZhBool = field("机关名称和决定日期|载明机关名称日期", "the body's name and the date of the decision (item 6)")
    sealed: ZhBool = field("加盖印章|盖章", "the body's seal (Art. 59 para. 2)")
    on_hearing_record: ZhBool = field("根据听证笔录|依据听证笔录作出", "the decision rests on the hearing record (Art. 65)")


class Service(Record):
    """Art. 61: the decision document delivered on the spot, or served within 7 days."""

    type: Literal["service"] = field("类型", required=True)
    announced_date: ZhDate = field("宣告日期", "date the decision was announced (worked out from the decision date when not given)")
    date: ZhDate = field("送达日期|日期", "date served")
    on_the_spot: ZhBool = field("当场交付|宣告后当场交付", "handed to the party on the spot after the announcement (Art. 61 para. 1)")
    method: Optional[str] = field("送达方式", "直接送达 / 留置送达 / 邮寄送达 / 公告送达 …")
    electronic: ZhBool = field("电子送达|传真电子邮件送达", "served by fax, e-mail or other electronic means (Art. 61 para. 2)")
    consent_signed: ZhBool = field("签订确认书|当事人同意并签订确认书", "the party agreed and signed a confirmation (Art. 61 para. 2)")
    receipt: ZhBool = field("送达回证|送达凭证", "proof of service")


class DecisionPublication(Record):
    """Art. 48: decisions with a certain social impact are made public."""

    type: Literal["decision_publication"] = field("类型", required=True)
    date: ZhDate = field("公开日期|日期")
    channel: Optional[str] = field("公开途径|途径", "where it was published")


class ProcessRecord(Record):
    """Art. 47: the full-process record (文字、音像) of every step, archived."""

    type: Literal["process_record"] = field("类型", required=True)
    date: ZhDate = field("归档日期|日期", "date archived")
    steps: zh_enum_list(RecordStep) = field("记录环节|记录范围", "steps recorded: 启动、调查取证、审核、决定、送达、执行", default_factory=list)
    forms: list[str] = field("记录形式", "文字 / 音像", default_factory=list)
    archived: ZhBool = field("归档保存|已归档", "the record is archived")


ENFORCEMENT_PROCEDURES: dict[str, type[Record]] = {
    cls.model_fields["type"].annotation.__args__[0]: cls  # type: ignore[union-attr]
    for cls in (Investigation, PenaltyNotice, StatementDefence, PenaltyHearing, LegalReview, HeadsDiscussion,
                DecisionDocument, Service, DecisionPublication, ProcessRecord)
}

ENFORCEMENT_PROCEDURE_ZH: dict[str, tuple[str, ...]] = {
    "investigation": ("调查取证", "调查", "检查", "调查检查"),
    "penalty_notice": ("行政处罚告知", "处罚告知", "事先告知", "告知"),
    "statement_defence": ("陈述申辩", "陈述和申辩"),
    "penalty_hearing": ("行政处罚听证", "听证", "听证会"),
    "legal_review": ("法制审核", "重大执法决定法制审核", "审核"),
    "heads_discussion": ("负责人集体讨论", "集体讨论", "集体讨论决定", "案件集体讨论"),
    "decision_document": ("行政处罚决定书", "处罚决定书", "处罚决定", "决定"),
    "service": ("送达", "决定书送达"),
    "decision_publication": ("处罚决定公开", "公开", "公示", "公布"),
    "process_record": ("全过程记录", "执法全过程记录", "归档", "全过程记录归档"),
}
TYPE_LOOKUP = {zh: en for en, names in ENFORCEMENT_PROCEDURE_ZH.items() for zh in names} | {en: en for en in ENFORCEMENT_PROCEDURES}


def _zh(name: str) -> str:
    return ENFORCEMENT_PROCEDURE_ZH.get(name, (name,))[0]


def _procedure_tag(value: Any) -> Optional[str]:
    if isinstance(value, dict):
        raw = value.get("type", value.get("类型"))
        return TYPE_LOOKUP.get(str(raw).strip()) if raw is not None else None
    return getattr(value, "type", None)


def _normalise_type(value: Any) -> Any:
    if isinstance(value, dict):
        for k in ("type", "类型"):
            if k in value and str(value[k]).strip() in TYPE_LOOKUP:
                value = dict(value)
                value[k] = TYPE_LOOKUP[str(value[k]).strip()]
    return value


EnforcementRecord = Annotated[
    Union[tuple(Annotated[cls, Tag(name)] for name, cls in ENFORCEMENT_PROCEDURES.items())],  # type: ignore[misc]
    Discriminator(_procedure_tag, custom_error_type="unknown_procedure",
                  custom_error_message="unknown procedure type",
                  custom_error_context={"expected": ", ".join(f"{n} ({_zh(n)})" for n in ENFORCEMENT_PROCEDURES)}),
]


class CaseDates(ZhModel):
    """The case's own dates, as the case fact carries them (the dossier's top-level keys)."""

    filing_date: ZhDate = field("立案日期", "date the case was filed (Art. 54 para. 2, Art. 60)")
    investigation_end_date: ZhDate = field("调查终结日期", "date the investigation ended (Art. 57)")
    notice_date: ZhDate = field("告知日期", "date of the notice under Art. 44")
    service_date: ZhDate = field("送达日期", "date the decision document was served (Art. 61)")


# The top-level fields that make up the case fact's dates (the same names as CaseDates)
_DATE_FIELDS = tuple(CaseDates.model_fields)


class EnforcementDossier(ZhModel):
    """案卷: one major administrative enforcement decision (a 行政处罚 case under the ordinary procedure)."""

    id: RequiredCode = field("编号|案卷编号|案件编号", "dossier id", required=True)
    document_kind: zh_enum(DocumentKind) = field("案卷类型", "重大执法决定 (major_enforcement_decision)", required=True)
    title: str = field("标题|案件名称|案由", "the case", required=True)
    enforcing_body: Optional[str] = field("执法机关|行政执法机关|处罚机关", "the body that decides the penalty")
    review_unit: Optional[str] = field("法制审核机构|法制审核单位", "the body's legal-review unit (Art. 58)")
    jurisdiction: Code = field("行政区划|行政区划代码", "administrative division code, e.g. 640425", pattern=r"^\d{2,12}$")
    sector: list[str] = field("执法领域|事项领域|领域", "the field of enforcement, e.g. 市场监管: selects the sector rulesets of this kind stacked on the penalty law (rulesets/sector/*)", default_factory=list)
    stage: zh_enum(Stage) = field("阶段|所处阶段", "stage reached; if left out, every duty is checked")
    party: Optional[Party] = field("当事人", "the party: 公民 or 法人或者其他组织, and a name")
    filing_date: ZhDate = field("立案日期", "date the case was filed (Art. 54 para. 2; the Art. 60 period runs from it)")
    investigation_end_date: ZhDate = field("调查终结日期", "date the investigation ended (Art. 57)")
    notice_date: ZhDate = field("告知日期", "date of the notice under Art. 44 (else the notice record's date)")
    decision_date: ZhDate = field("决定日期|处罚决定日期", "date of the decision (else the decision document's date)")
    service_date: ZhDate = field("送达日期", "date the decision document was served (else the service record's date)")
    proposed: Optional[Penalty] = field("拟处罚|拟作出的行政处罚", "the penalty proposed in the notice")
    decided: Optional[Penalty] = field("处罚决定内容|决定处罚|决定的行政处罚", "the penalty decided")
    triggers: EnforcementTriggers = field("情形|适用情形", "assertions that make conditional duties apply", default_factory=EnforcementTriggers)
    procedures: list[EnforcementRecord] = field("程序|办案程序|履行程序", "one record per step taken", default_factory=list)
    waivers: list[Waiver] = field("豁免", "rules waived for this dossier, by whom and why", default_factory=list)
    record_basis: zh_enum(RecordBasis) = field("案卷来源", "完整案卷 (default: the whole case file) / 台账 (a ledger row) / 公开信息 (published decisions): how silence is read, docs/open-world.md")
    sources: list[Source] = field("来源", "where the dossier was read from", default_factory=list)

    #: what `_derive` filled in: ("", field) for the dossier's own, (index, field) for a record's
    _derived: set = PrivateAttr(default_factory=set)

    # What the engine reads from every kind of dossier (check.py, facts.py, the audit): the
    # enforcing body stands where a decision has its decision body; the rest does not apply.
    category: ClassVar[None] = None
    exclusion: ClassVar[None] = None
    catalog: ClassVar[None] = None
    undertaking_unit: ClassVar[None] = None
    special_procedure_basis: ClassVar[None] = None
    decision_body_level: ClassVar[None] = None  # Decree 713 Art. 42's levels do not apply to enforcement
    major: ClassVar[None] = None  # whether the case is major is what the Art. 58 triggers (情形) say

    @property
    def decision_body(self) -> Optional[str]:
        return self.enforcing_body

    def bodies(self) -> list[str]:
        return [self.enforcing_body] if self.enforcing_body else []

    @model_validator(mode="before")
    @classmethod
    def _normalise_procedure_types(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for k in ("procedures", "程序", "办案程序", "履行程序"):
                if isinstance(data.get(k), list):
                    data = dict(data)
                    data[k] = [_normalise_type(v) for v in data[k]]
        return data

    @model_validator(mode="after")
    def _derive(self) -> "EnforcementDossier":
        """Dates and judgements the records show, filled in where the dossier leaves them out."""
        if self.filing_date and self.decision_date and self.decision_date < self.filing_date:
            raise ValueError("end_before_start:decision_date:filing_date")

        derived = self._derived

        def last(cls: type, attr: str = "date") -> Optional[dt.date]:
            dates = [getattr(p, attr) for p in self.procedures if isinstance(p, cls) and getattr(p, attr)]
            return max(dates) if dates else None

        def fill(obj: Any, name: str, value: Any, where: Any) -> None:
            # only where the key is left out: one written empty (`立案日期:`) says "not recorded"
            if getattr(obj, name) is None and value is not None and name not in obj.model_fields_set:
                setattr(obj, name, value)
                derived.add((where, name))

        fill(self, "notice_date", last(PenaltyNotice), "")
        fill(self, "decision_date", last(DecisionDocument), "")
        fill(self, "service_date", last(Service), "")
        for i, p in enumerate(self.procedures):
            if isinstance(p, DecisionDocument):
                fill(p, "filing_date", self.filing_date, i)
            elif isinstance(p, Service):
                fill(p, "announced_date", self.decision_date, i)
            elif isinstance(p, PenaltyHearing):
                fill(p, "rights_notice_date", self.notice_date, i)
            elif isinstance(p, Investigation) and p.officers and ("two_officers" not in p.model_fields_set):
                derived.add((i, "two_officers"))
        t = self.triggers
        if t.heavier_than_proposed is None and self.proposed and self.decided:
            if self.proposed.fine_amount is not None and self.decided.fine_amount is not None:
                heavier: Optional[bool] = (self.decided.fine_amount > self.proposed.fine_amount
                                           or bool(set(self.decided.kinds) - set(self.proposed.kinds)))
            elif self.proposed.kinds and self.decided.kinds:
                heavier = bool(set(self.decided.kinds) - set(self.proposed.kinds))
            else:
                heavier = None
            fill(t, "heavier_than_proposed", heavier, "triggers")
        return self

    def dump_given(self) -> dict:
        """The dossier as plain data (English keys) without what `_derive` worked out: what was written."""
        out = self.model_dump(mode="json", exclude_none=True)
        for where, name in self._derived:
            part = out if where == "" else out.get("triggers", {}) if where == "triggers" else out["procedures"][where]
            part.pop(name, None)
        return out

    # ------------------------------------------------------------- what the engine asks of a dossier

    def kind_of(self) -> str:
        return KIND

    def basis_of(self) -> RecordBasis:
        return self.record_basis or RecordBasis.complete_file

    def effective_stage(self) -> Stage:
        return self.stage or Stage.completed

    def effective_date(self) -> Optional[dt.date]:
        return self.effective_date_basis()[0]

    def effective_date_basis(self) -> tuple[Optional[dt.date], str, str]:
        """The date a ruleset is chosen for: the decision date, else the latest step's date."""
        if self.decision_date:
            return self.decision_date, "处罚决定日期", "decision date"
        dates = [v for p in self.procedures for v in p.__dict__.values() if isinstance(v, dt.date)]
        dates += [d for d in (self.filing_date, self.investigation_end_date, self.notice_date) if d]
        if dates:
            return max(dates), "已到阶段最近一项程序的日期（案卷未载明处罚决定日期）", "date of the latest step reached (no decision date given)"
        return None, "（案卷无任何日期）", "(the dossier gives no date)"

    def case_parts(self) -> tuple[tuple[str, Optional[ZhModel]], ...]:
        """(prefix, sub-model) pairs the case fact is encoded from, besides `triggers` (see facts.py)."""
        return (("", CaseDates.model_construct(**{n: getattr(self, n) for n in _DATE_FIELDS})),
                ("party__", self.party), ("proposed__", self.proposed), ("decided__", self.decided))


# The case fact's parts, as models (facts.field_kinds, docs): prefix → model
CASE_PARTS: dict[str, type[ZhModel]] = {"": CaseDates, "party.": Party, "proposed.": Penalty, "decided.": Penalty}
EMPTY_PARTS: tuple[tuple[str, ZhModel], ...] = (("", CaseDates()), ("party__", Party()), ("proposed__", Penalty()), ("decided__", Penalty()))

_CASE_LABEL_PREFIX = {"party.": "当事人·", "proposed.": "拟处罚·", "decided.": "决定处罚·"}


def case_label_zh(fact: str) -> Optional[str]:
    """The Chinese label of a case fact of this kind, or None if the fact is not one."""
    if fact in EnforcementTriggers.model_fields:
        return EnforcementTriggers.zh_name(fact)
    for prefix, model in CASE_PARTS.items():
        if prefix and fact.startswith(prefix):
            rest = fact[len(prefix):]
            head = rest.split(".")[0]
            if head in model.model_fields:
                label = _CASE_LABEL_PREFIX[prefix] + model.zh_name(head)
                if rest.startswith(head + ".has."):
                    member = rest.split(".")[-1]
                    label += f"·包含“{PenaltyKind(member).zh if member in PenaltyKind._value2member_map_ else member}”"
                return label
    if fact in CaseDates.model_fields:
        return CaseDates.zh_name(fact)
    return None


def case_value(dossier: EnforcementDossier, fact: str) -> Any:
    """The dossier's value for a case fact of this kind (what evidence shows)."""
    if fact in EnforcementTriggers.model_fields:
        return getattr(dossier.triggers, fact)
    for prefix in ("party.", "proposed.", "decided."):
        if fact.startswith(prefix):
            part = getattr(dossier, prefix[:-1])
            rest = fact[len(prefix):].split(".")
            v = getattr(part, rest[0], None) if part is not None else None
            if len(rest) == 3 and rest[1] == "has":
                return any(getattr(m, "value", m) == rest[2] for m in (v or []))
            return v
    return getattr(dossier, fact, None)


def case_source(fact: str) -> str:
    if fact in EnforcementTriggers.model_fields:
        return f"triggers.{fact}"
    return fact.split(".has.")[0]


def dossier_model_for(obj: Any) -> type[ZhModel]:
    """The model a raw dossier mapping is validated with: this kind's, when `案卷类型` names it."""
    if isinstance(obj, dict):
        raw = obj.get("document_kind", obj.get("案卷类型"))
        if isinstance(raw, str) and DocumentKind.parse(raw) is DocumentKind.major_enforcement_decision:
            return EnforcementDossier
    from .dossier import Dossier
    return Dossier


__all__ = [n for n in dir() if not n.startswith("_")]
