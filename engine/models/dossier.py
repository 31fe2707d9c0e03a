"""Dossier (案卷): the facts of one major administrative decision, as legal staff write them.

Contract only, no logic beyond shape checks. Every field has a Chinese key (see `field(zh=...)`);
enum values have Chinese labels. The fields follow requirements-brief §6.3 ("minimum dossier
schema"): triggers are explicit assertions, never inferred defaults (brief §6.1).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar, Literal, Optional, Union

from pydantic import Discriminator, PrivateAttr, Tag, model_validator

from .base import Code, RequiredCode, Text, ZhBool, ZhDate, ZhEnum, ZhModel, field, written_as, zh_enum, zh_enum_list


# ------------------------------------------------------------------------------------ enums

class Stage(ZhEnum):
    """How far the decision has got. A rule is checked only from the stage at which it is due."""

    drafting = ("drafting", "起草", "起草阶段", "草案起草", "调查取证", "调查")  # 调查: enforcement decisions
    legality_review = ("legality_review", "送审", "送请合法性审查", "合法性审查前", "送审前", "法制审核前", "送法制审核")
    discussion = ("discussion", "集体讨论前", "提交讨论前", "提请讨论", "待集体讨论", "讨论前", "待决定")
    decided = ("decided", "已决定", "已作出决定", "集体讨论后", "决定", "已作出处罚决定")
    published = ("published", "已公布", "公布", "已送达", "已公开")
    archived = ("archived", "已归档", "归档")
    completed = ("completed", "已完成", "执行", "执行评估", "全部完成")

    @property
    def rank(self) -> int:
        return _STAGE_RANK[self]


_STAGE_RANK = {s: i for i, s in enumerate(Stage)}  # position in the procedure's order


def unknown_stage(text: str) -> tuple[str, str]:
    """The (zh, en) message for a stage name that is none of Stage's: every command says the same."""
    names = "、".join(f"{s.zh}（{s.value}）" for s in Stage)
    return (f"未知阶段“{text}”，可用：{names}", f"unknown stage '{text}'; use one of: {', '.join(s.value for s in Stage)}")


class Category(ZhEnum):
    """713 Art. 3 para. 1, items (一)–(五)."""

    public_policy = ("public_policy", "重大公共政策和措施", "1", "一", "公共政策")
    plan = ("plan", "重要规划", "2", "二", "规划")
    resources = ("resources", "自然资源和文化资源", "3", "三", "资源")
    construction_project = ("construction_project", "重大公共建设项目", "4", "四", "建设项目")
    other_major = ("other_major", "其他重大事项", "5", "五", "其他")


class Exclusion(ZhEnum):
    """713 Art. 3 para. 2: decisions the Regulation does not govern."""

    macro_control = ("macro_control", "宏观调控决策", "宏观调控", "财政政策", "货币政策")
    legislation = ("legislation", "政府立法决策", "政府立法", "立法")
    emergency = ("emergency", "突发事件应急处置决策", "突发事件应急处置", "应急处置")
    other_law = ("other_law", "法律行政法规另有规定", "另有规定")


class PPMethod(ZhEnum):
    """713 Art. 14 para. 2: ways of hearing the public."""

    public_comment = ("public_comment", "向社会公开征求意见", "公开征求意见", "网上征求意见")
    symposium = ("symposium", "座谈会")
    hearing = ("hearing", "听证会")
    field_visit = ("field_visit", "实地走访")
    written = ("written", "书面征求意见")
    survey = ("survey", "问卷调查")
    poll = ("poll", "民意调查")
    other = ("other", "其他方式", "其他")


class MeetingType(ZhEnum):
    """713 Art. 30 para. 1 allows only the standing and the plenary meeting."""

    standing = ("standing", "常务会议", "政府常务会议")
    plenary = ("plenary", "全体会议", "政府全体会议")
    executive_office = ("executive_office", "市长办公会议", "县长办公会议", "区长办公会议", "办公会议", "办公会")
    special_topic = ("special_topic", "专题会议", "专题会")
    circulation = ("circulation", "传阅会签", "会签")
    party_group = ("party_group", "党组会议")
    # a department's or township's own collective meetings (713 Art. 42: 参照 Art. 30)
    leadership = ("leadership", "领导班子会议", "班子会议", "领导班子集体讨论会议")
    affairs = ("affairs", "局务会议", "委务会议", "厅务会议", "部务会议", "办务会议", "委员会会议")
    party_government_joint = ("party_government_joint", "党政联席会议", "党政联席会")
    other = ("other", "其他会议", "其他")


class Conclusion(ZhEnum):
    """Legality-review conclusion (713 Art. 25; 115号 (六) uses the same three)."""

    lawful = ("lawful", "合法")
    revise = ("revise", "应当修改", "修改后合法", "建议修改", "需修改")
    unlawful = ("unlawful", "不合法", "违法")


class ReviewForm(ZhEnum):
    """Art. 25: legality review may not be replaced by a reply to a request for comments."""

    review_opinion = ("review_opinion", "合法性审查意见", "审查意见", "书面审查意见")
    consultation_reply = ("consultation_reply", "征求意见回复", "会签意见", "征求意见")


class ReviewTopic(ZhEnum):
    """713 Art. 27 (一)–(三): what the legality-review opinion must address."""

    authority = ("authority", "权限", "法定权限", "是否符合法定权限")
    procedure = ("procedure", "程序", "法定程序", "是否履行相关法定程序")
    content = ("content", "内容", "是否符合法律法规规章和国家政策")


class RiskLevel(ZhEnum):
    high = ("high", "高", "高风险")
    medium = ("medium", "中", "中风险", "较高", "中等")
    low = ("low", "低", "低风险")


class View(ZhEnum):
    """Positions at a collective discussion (池州-area rules list the same options)."""

    approve = ("approve", "同意", "原则同意", "原则通过", "通过")
    reject = ("reject", "不同意", "不通过")
    amend = ("amend", "修改后同意", "修改")
    postpone = ("postpone", "暂缓", "暂缓决定", "再次讨论")


class Channel(ZhEnum):
    """713 Art. 15 and Art. 32 name these channels."""

    gazette = ("gazette", "政府公报", "公报")
    website = ("website", "政府网站", "门户网站", "网站")
    new_media = ("new_media", "政务新媒体", "新媒体", "微信公众号")
    newspaper = ("newspaper", "报纸", "报刊")
    radio_tv = ("radio_tv", "广播电视", "广播", "电视")
    notice_board = ("notice_board", "公告栏", "公示栏")
    other = ("other", "其他途径", "其他")


class BodyLevel(ZhEnum):
    """Who decides: 713 Art. 2 (county-level-or-above governments) or Art. 42 (departments, townships: 参照)."""

    government = ("government", "县级以上人民政府", "县级以上地方人民政府", "人民政府")
    department = ("department", "政府部门", "县级以上人民政府部门", "部门")
    township = ("township", "乡镇人民政府", "乡级人民政府", "乡镇", "街道办事处", "街道", "乡镇人民政府/街道办事处")


class DocumentKind(ZhEnum):
    """Which kind of dossier this is: each kind has its own rulesets (index `kind`)."""

    mad = ("mad", "重大行政决策", "重大决策")
    normative_document = ("normative_document", "行政规范性文件", "规范性文件")
    major_enforcement_decision = ("major_enforcement_decision", "重大执法决定", "重大行政执法决定", "重大执法决定法制审核")


class RecordBasis(ZhEnum):
    """What a dossier claims to be (docs/open-world.md): how silence in it is read."""

    complete_file = ("complete_file", "完整案卷", "内部档案", "完整档案")
    ledger = ("ledger", "台账", "台账记录")
    public_sources = ("public_sources", "公开信息", "公开资料", "公开材料")


class RecordStatus(ZhEnum):
    """Whether the step a record describes happened (docs/open-world.md)."""

    performed = ("performed", "已履行", "已开展", "已完成")
    not_performed = ("not_performed", "未履行", "未开展", "未进行")
    unknown = ("unknown", "未知", "不详", "不明")


class SourceKind(ZhEnum):
    """Where a fact was read."""

    internal_archive = ("internal_archive", "内部档案", "档案")
    government_website = ("government_website", "政府网站", "门户网站")
    gazette = ("gazette", "政府公报", "公报")
    news = ("news", "新闻报道", "新闻", "报道")
    repost = ("repost", "转载")
    other = ("other", "其他")


class MajorStatus(ZhEnum):
    """Whether the matter is a major administrative decision (713 Art. 3), when that is not settled."""

    yes = ("yes", "是")
    no = ("no", "否")
    pending = ("pending", "待定", "未定", "可能属于", "存疑")


class MaterialItem(ZhEnum):
    """713 Art. 29: what goes to the meeting."""

    draft = ("draft", "决策草案", "草案")
    fcr_info = ("fcr_info", "公平竞争审查情况", "公平竞争审查")
    pp_adoption = ("pp_adoption", "公众意见研究采纳情况", "社会公众意见采纳情况", "公众意见采纳情况")
    expert_adoption = ("expert_adoption", "专家论证意见研究采纳情况", "专家意见采纳情况")
    risk_report = ("risk_report", "风险评估报告")
    legality_opinion = ("legality_opinion", "合法性审查意见")
    other = ("other", "其他材料")


# ---------------------------------------------------------------------------- sub-models

class Catalog(ZhModel):
    """713 Art. 3 para. 3: the published decision catalog (决策事项目录)."""

    listed: ZhBool = field("列入目录", "the item is in the catalog")
    name: Optional[str] = field("目录名称", "catalog title")
    party_consent: ZhBool = field("党委同意", "agreed by the Party committee at the same level")
    published_date: ZhDate = field("公布日期", "date the catalog was published")
    year: Optional[int] = field("目录年度|年度", "the year the catalog is for", ge=1949, le=2200)
    published_in_first_quarter: ZhBool = field("一季度公布|于一季度公布", "published by 31 March of its year (worked out from year and date when both are given)")

    @model_validator(mode="after")
    def _first_quarter(self) -> "Catalog":
        if self.published_in_first_quarter is None and self.year and self.published_date:
            self.published_in_first_quarter = self.published_date <= dt.date(self.year, 3, 31)
        return self


class Triggers(ZhModel):
    """Assertions that make conditional duties apply (brief §6.1). Leave out what is not known."""

    specialised: ZhBool = field("专业性技术性较强", "specialised or technical (Art. 19)")
    stability_risk: ZhBool = field("社会稳定风险|可能影响社会稳定公共安全", "may harm social stability or public safety (Art. 22)")
    specific_groups: ZhBool = field("涉及特定群体利益", "affects a specific group's interests (Art. 14 para. 3)")
    market_activity: ZhBool = field("涉及市场主体经济活动", "affects market entities' economic activity (Art. 29(一))")
    public_concern: ZhBool = field("社会公众普遍关心", "of general public concern (Art. 32)")
    not_disclosable: ZhBool = field("依法不予公开", "may not be disclosed by law (Art. 14, Art. 32)")
    nondisclosure_basis: Optional[str] = field("不予公开依据", "legal basis for non-disclosure")
    urgent: ZhBool = field("情况紧急", "urgent (Art. 15)")
    urgency_reason: Optional[str] = field("紧急理由", "reason for urgency")
    affects_other_departments: ZhBool = field("涉及其他部门职责", "touches other departments' or lower governments' duties (Art. 13)")
    hearing_required_by_law: ZhBool = field("依法应当听证", "another law, regulation or rule requires a hearing (Art. 16)")
    hearing_basis: Optional[str] = field("听证依据", "that law's article")
    npc_required: ZhBool = field("应当提请人大讨论或报告", "must go to or be reported to the people's congress (Art. 8)")
    exploratory_reform: ZhBool = field("探索性改革", "exploratory reform with no national rule (Art. 25 para. 2)")
    # assertions some local rules turn on (see rulesets/local/**)
    public_interest: ZhBool = field("涉及公共利益和群众切身利益|涉及公共利益|涉及群众切身利益", "touches the public interest or people's vital interests (宜兴 2012, 宁远 2021–2025)")
    screening_found_risk: ZhBool = field("风险排查发现风险|经排查存在风险", "risk screening found social-stability, ecological or economic risk (彭阳 2018)")
    in_hearing_scope: ZhBool = field("属于听证范围|列入听证事项范围", "the matter is within the published scope of matters for hearings (彭阳 2018)")
    economic_security_risk: ZhBool = field("可能影响经济安全金融安全|经济金融安全风险", "may affect economic or financial security (宁远 2021–2025)")
    major_overall_impact: ZhBool = field("事关全局|对多数人利益有重大影响", "bears on the whole locality or on most citizens' and organisations' interests (宜兴 2012: report and file)")
    government_issued: ZhBool = field("县级以上人民政府制定|以政府名义制定", "a normative document made by a county-level-or-above local government, not by a department (地方组织法 Art. 75)")
    # sector laws (rulesets/sector/**)
    price_hearing_scope: ZhBool = field("关系群众切身利益的公用事业价格|公用事业公益性服务自然垄断价格|属于价格听证范围", "a public-utility, public-welfare-service or natural-monopoly price that bears on people's vital interests (价格法 Art. 23)")
    old_district_renewal: ZhBool = field("旧城区改建", "house expropriation for the renewal of an old urban district (征收条例 Art. 11 para. 2)")
    majority_object: ZhBool = field("多数被征收人认为方案不符合规定|多数被征地农民认为方案不符合规定|多数人认为补偿方案不符合规定", "most of those expropriated consider the compensation plan unlawful (征收条例 Art. 11 para. 2; 土地管理法 Art. 47 para. 3)")
    many_owners: ZhBool = field("被征收人数量较多", "the expropriation decision affects many owners (征收条例 Art. 12 para. 1)")
    general_plan: ZhBool = field("总体规划|省域城镇体系规划城市总体规划镇总体规划", "the plan is a provincial urban-system plan, a city or a town master plan (城乡规划法 Arts. 16, 47)")
    plan_revision: ZhBool = field("修改总体规划", "a provincial urban-system plan or a city or town master plan is being revised (城乡规划法 Art. 47)")
    detailed_plan_revision: ZhBool = field("修改控制性详细规划", "a regulatory detailed plan is being revised (城乡规划法 Art. 48)")
    judged_by: Optional[str] = field("判断人", "who made these judgements")


class Expert(ZhModel):
    name: str = field("姓名", "name", required=True)
    affiliation: Optional[str] = field("单位", "affiliation")
    institution: ZhBool = field("专业机构", "a professional institution rather than a person")
    signed: ZhBool = field("署名|签名|盖章", "the written opinion is signed or sealed (Art. 19 para. 2)")
    conflict_of_interest: ZhBool = field("利害关系|存在直接利害关系", "has a direct interest in the matter (Art. 20)")
    conflict_declaration: ZhBool = field("利害关系声明|回避声明", "declared (no) conflict of interest")
    dissenting: ZhBool = field("持不同意见", "held a dissenting view")


class Source(ZhModel):
    """Where a dossier or a record was read from (docs/open-world.md)."""

    kind: zh_enum(SourceKind) = field("类型", "内部档案 / 政府网站 / 政府公报 / 新闻报道 / 转载 / 其他")
    name: Optional[str] = field("名称", "title of the document or page")
    ref: Optional[str] = field("文号", "document number")
    url: Optional[str] = field("网址", "address")
    date: ZhDate = field("日期", "date of the document or page")

    def cite(self) -> str:
        """One line a lawyer can follow: 类型《名称》（文号，日期）网址."""
        parts = [self.kind.zh if self.kind else ""]
        if self.name:
            parts.append(f"《{self.name}》")
        inner = "，".join(x for x in (self.ref, self.date.isoformat() if self.date else None) if x)
        if inner:
            parts.append(f"（{inner}）")
        if self.url:
            parts.append(self.url)
        return "".join(parts) or "—"


class Waiver(ZhModel):
    """A recorded decision that a rule does not bind this dossier: who decided it and why."""

    rule: str = field("规则", "rule id", required=True)
    by: str = field("决定机关|决定人", "who waived it", required=True)
    reason: str = field("理由", "why", required=True)
    date: ZhDate = field("日期", "date")


# ----------------------------------------------------------------------- procedure records

class Record(ZhModel):
    """Common to every procedure record."""

    ref: Optional[str] = field("文号|材料编号", "document number or archive reference")
    note: Optional[str] = field("备注", "free note")
    status: zh_enum(RecordStatus) = field("状态|履行状态", "已履行 (default) / 未履行 (known not to have happened) / 未知 (the file cannot show whether it happened): docs/open-world.md")
    sources: list[Source] = field("来源", "where this record was read", default_factory=list)

    #: the field holding the record's main date (used for ordering and "latest")
    main_date: ClassVar[str] = "date"
    #: {field: the text as written} for values read through a synonym or the alias table
    #: (engine/models/aliases.yaml): evidence shows what the file says, the rules read the value
    _written: dict = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_written(cls, data: Any, handler: Any) -> Any:
        obj = handler(data)
        if isinstance(data, dict) and isinstance(obj, Record):
            for k, v in data.items():
                if isinstance(v, str) or (isinstance(v, list) and v and isinstance(v[0], str)):
                    name = cls._zh_to_en.get(k, k)
                    got = getattr(obj, name, None)
                    if isinstance(got, ZhEnum):
                        w = written_as(got, v)
                    elif isinstance(got, list) and isinstance(v, list) and len(got) == len(v) and any(written_as(g, t) for g, t in zip(got, v)):
                        w = "、".join(str(t).strip() for t in v)
                    else:
                        w = None
                    if w:
                        obj._written[name] = w
        return obj

    def effective_status(self) -> Optional["RecordStatus"]:
        """The record's status as the engine reads it (docs/open-world.md); None is 已履行."""
        return self.status


class Initiation(Record):
    """713 Arts. 10–11: proposal studied, procedure started, undertaking unit named."""

    type: Literal["initiation"] = field("类型", required=True)
    date: ZhDate = field("日期|启动日期", "date the decision body decided to start")
    proposal_study: ZhBool = field("建议研究论证", "the proposal was studied and argued (Art. 10)")
    undertaking_unit_named: ZhBool = field("明确承办单位", "the undertaking unit (and lead unit) was named (Art. 11)")


class Drafting(Record):
    """713 Art. 12: research and a list of the legal and policy bases."""

    type: Literal["drafting"] = field("类型", required=True)
    date: ZhDate = field("日期", "date of the draft")
    research_report: ZhBool = field("调研报告|调查研究", "research done / report (Art. 12 para. 1)")
    legal_basis: list[str] = field("法律政策依据|依据", "laws, regulations, rules and policies sorted out (Art. 12 para. 2)", default_factory=list)
    cost_benefit: ZhBool = field("成本效益分析", "cost-benefit analysis (Art. 12 para. 3, optional)")
    alternatives: ZhBool = field("备选方案", "two or more options (Art. 12 para. 4, optional)")
    assessment: ZhBool = field("评估论证", "the draft was assessed and argued, e.g. in its drafting explanation (normative documents: 地方组织法 Art. 75)")


class InteragencyConsultation(Record):
    """713 Art. 13."""

    type: Literal["interagency_consultation"] = field("类型", required=True)
    date: ZhDate = field("日期")
    units: list[str] = field("征求意见单位|协商单位", "units consulted", default_factory=list)
    agreed: ZhBool = field("协商一致", "agreement reached")
    dispute_explained: ZhBool = field("分歧说明", "disagreement explained to the decision body")


class PublicParticipation(Record):
    """713 Arts. 14–18."""

    type: Literal["public_participation"] = field("类型", required=True)
    main_date: ClassVar[str] = "end_date"
    method: zh_enum(PPMethod) = field("方式", "method (Art. 14 para. 2)")
    start_date: ZhDate = field("开始日期|起始日期", "first day")
    end_date: ZhDate = field("截止日期|结束日期", "last day")
    channels: zh_enum_list(Channel) = field("途径|发布途径", "channels used", default_factory=list)
    draft_published: ZhBool = field("公布草案", "the draft was published (Art. 15)")
    explanation_published: ZhBool = field("公布说明", "the explanation of the draft was published (Art. 15)")
    submission_method: Optional[str] = field("意见提交方式", "how to submit opinions (Art. 15)")
    shortened_reason: Optional[str] = field("缩短期限理由|期限缩短理由", "reason stated in the notice for a period under 30 days (Art. 15)")
    groups_consulted: list[str] = field("特定群体代表|沟通协商对象", "people's organisations, social organisations, group representatives consulted (Art. 14 para. 3)", default_factory=list)
    opinions_received: Optional[int] = field("收到意见数", "number of opinions received", ge=0)
    adoption_feedback: ZhBool = field("意见采纳情况|采纳情况反馈", "opinions summarised, studied and adoption reported (Art. 18)")
    feedback_date: ZhDate = field("采纳情况公布日期|意见反馈日期", "date the feedback on how opinions were adopted was published")
    draft_changed: ZhBool = field("草案已修改|完善决策草案", "the draft was changed after consultation or on the meeting's instruction (Art. 18 完善决策草案)")
    draft_changed_date: ZhDate = field("草案修改日期", "date the draft was changed")
    consumers_operators_heard: ZhBool = field("听取消费者经营者意见|消费者经营者参与", "consumers, operators and others concerned were heard (价格法 Art. 22)")
    experts_heard: ZhBool = field("征求专家意见|听取专家意见", "experts' opinions were sought (城乡规划法 Art. 26)")
    outcome_published: ZhBool = field("征求意见情况公布|公布征求意见和修改情况", "how opinions were received and the plan changed was published (征收条例 Art. 11 para. 1)")
    local_scope: ZhBool = field("在乡镇和村村民小组范围内公告|在拟征收土地所在乡镇村组公告", "announced within the township, village and villagers' groups of the land (土地管理法 Art. 47 para. 2)")
    contents: list[str] = field("公告内容|公告载明事项", "what the announcement states (e.g. 征收范围、土地现状、征收目的、补偿标准、安置方式、社会保障)", default_factory=list)

    @model_validator(mode="after")
    def _dates_in_order(self) -> "PublicParticipation":
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValueError("end_before_start:end_date:start_date")
        return self


class Hearing(Record):
    """713 Arts. 16–17."""

    type: Literal["hearing"] = field("类型", required=True)
    date: ZhDate = field("听证日期|日期", "date of the hearing")
    notice_date: ZhDate = field("公告日期|公布日期", "draft, explanation, time and place published (Art. 16 para. 2)")
    selection_method_date: ZhDate = field("遴选办法公布日期", "selection method published (Art. 16 para. 3)")
    participant_list_date: ZhDate = field("参加人名单公布日期", "participant list published (Art. 16 para. 3)")
    materials_served_date: ZhDate = field("材料送达日期", "materials served on participants (Art. 16 para. 3)")
    public: ZhBool = field("公开举行", "held in public (Art. 17)")
    record_signed: ZhBool = field("听证笔录签字|笔录签字确认", "participants confirmed and signed the record (Art. 17)")
    held: ZhBool = field("已举行", "the hearing took place (否: only announced; the record then shows no hearing held)")
    registration_start: ZhDate = field("报名开始日期|报名起始日期", "first day of registration of would-be participants")
    registration_end: ZhDate = field("报名截止日期", "last day of registration (the participants are chosen from those registered, Art. 16 para. 3)")
    report_published: ZhBool = field("听证报告公布|听证报告已公布", "the hearing report was published")

    @model_validator(mode="after")
    def _registration(self) -> "Hearing":
        if self.registration_start and self.registration_end and self.registration_end < self.registration_start:
            raise ValueError("end_before_start:registration_end:registration_start")
        return self

    def effective_status(self) -> Optional["RecordStatus"]:
        """A hearing only announced (已举行: 否) is a hearing not held."""
        return RecordStatus.not_performed if self.held is False and self.status is None else self.status
    host: Optional[str] = field("主持机关|听证主持机关", "who hosted the hearing")
    hosted_by_price_authority: ZhBool = field("由政府价格主管部门主持|价格主管部门主持", "hosted by the government's price authority (价格法 Art. 23)")
    necessity_feasibility_argued: ZhBool = field("论证必要性可行性", "the hearing heard consumers, operators and others and argued necessity and feasibility (价格法 Art. 23)")
    owners_and_public: ZhBool = field("被征收人和公众代表参加|被征地农民参加", "those expropriated and public representatives took part (征收条例 Art. 11 para. 2)")
    plan_revised: ZhBool = field("根据听证情况修改方案|已根据听证会修改方案", "the plan was revised in the light of the hearing (征收条例 Art. 11 para. 2; 土地管理法 Art. 47 para. 3)")


class ExpertReview(Record):
    """713 Arts. 19–21."""

    type: Literal["expert_review"] = field("类型", required=True)
    date: ZhDate = field("日期|论证日期")
    method: Optional[str] = field("方式", "论证会 / 书面咨询 / 委托咨询论证")
    experts: list[Expert] = field("专家", "experts and institutions", default_factory=list)
    adoption_feedback: ZhBool = field("意见采纳情况|采纳情况", "adoption of expert opinions reported (Art. 29(三))")
    from_database: ZhBool = field("从专家库选取", "experts taken from an expert database (Art. 21)")
    selection_basis: Optional[str] = field("专家遴选说明|遴选依据", "how the experts were chosen for expertise, representativeness and balance (彭阳 2018)")
    feedback_to_experts: ZhBool = field("采纳情况反馈专家|向专家反馈采纳情况", "adoption of the opinions fed back to the experts (宁远 2021–2025)")
    all_adopted: ZhBool = field("专家意见全部采纳|全部采纳", "every expert opinion was adopted")
    non_adoption_reasons: Optional[str] = field("未采纳理由|不予采纳理由", "reasons for not adopting an opinion (宁远 2021–2025)")
    organised_by: Optional[str] = field("组织单位|论证组织单位", "who organised the review: the undertaking unit, or e.g. a higher-level department (Art. 19)")
    opinions_published: ZhBool = field("论证意见及采纳情况公布|向社会公布论证意见", "the experts' opinions and their adoption published (宁远 2021–2025)")


class RiskAssessment(Record):
    """713 Arts. 22–24."""

    type: Literal["risk_assessment"] = field("类型", required=True)
    date: ZhDate = field("日期|评估日期")
    report: ZhBool = field("评估报告|风险评估报告", "a written risk-assessment report (Art. 23)")
    risk_points: list[str] = field("风险点", "risk points identified (Art. 23)", default_factory=list)
    measures: list[str] = field("防范措施|风险防范措施", "prevention measures (Art. 23)", default_factory=list)
    contingency_plan: ZhBool = field("处置预案", "contingency plan (Art. 23)")
    departments_consulted: list[str] = field("听取意见部门|有关部门意见", "departments heard (Art. 23)", default_factory=list)
    level: zh_enum(RiskLevel) = field("风险等级", "risk level")
    controllable: ZhBool = field("风险可控", "risk judged controllable (Art. 24)")
    prior_assessment: Optional[str] = field("已有评估|已有评估依据", "earlier assessment relied on (Art. 22 para. 2)")
    passed: ZhBool = field("评估合格|评估通过", "the assessment found the draft acceptable (彭阳 2018: failed → not to the meeting)")
    draft_adjusted: ZhBool = field("已调整决策草案|调整决策草案", "the draft was adjusted to make the risk controllable (Art. 24), whether or not it was reassessed")


class FairCompetitionReview(Record):
    """713 Art. 29(一); 公平竞争审查条例 Arts. 13–18."""

    type: Literal["fair_competition_review"] = field("类型", required=True)
    date: ZhDate = field("日期|审查日期")
    reviewing_body: Optional[str] = field("审查机构", "who reviewed")
    conclusion: Optional[str] = field("审查结论", "conclusion")


class LegalityReview(Record):
    """713 Arts. 25–28."""

    type: Literal["legality_review"] = field("类型", required=True)
    main_date: ClassVar[str] = "opinion_date"
    submitted_date: ZhDate = field("送审日期", "date the draft was sent for review (Art. 26)")
    opinion_date: ZhDate = field("审查意见日期|出具意见日期", "date of the review opinion")
    reviewing_body: Optional[str] = field("审查机构", "body that reviewed (e.g. 司法局)")
    form: zh_enum(ReviewForm) = field("形式", "a review opinion, or only a reply to a request for comments (Art. 25)")
    conclusion: zh_enum(Conclusion) = field("审查结论|结论", "合法 / 应当修改 / 不合法")
    legal_basis_listed: ZhBool = field("附法律依据|依据材料", "legal bases in the package (Art. 26)")
    procedure_explanation: ZhBool = field("履行程序说明|程序履行说明", "explanation of how procedures were performed (Art. 26)")
    topics: zh_enum_list(ReviewTopic) = field("审查内容", "what the opinion covers (Art. 27)", default_factory=list)
    counsel_opinion: ZhBool = field("法律顾问意见|法律顾问公职律师意见", "legal adviser / public lawyer opinion (Art. 28)")
    adjusted: ZhBool = field("根据意见修改|已按意见修改", "draft adjusted per the opinion (Art. 28)")
    shortened_reason: Optional[str] = field("审查时间不足理由", "reason the review had under 7 working days (Art. 26)")
    legal_risk_stated: ZhBool = field("明示法律风险", "legal risk stated for an exploratory reform (Art. 25 para. 2)")
    emergency_basis: Optional[str] = field("紧急制定情形|突发事件或紧急命令", "normative documents: the emergency, or the superior's urgent order or decision, that required the document at once, so the 5–15 working-day review time did not apply (国办发〔2018〕115号 (五))")

    @model_validator(mode="after")
    def _dates_in_order(self) -> "LegalityReview":
        if self.submitted_date and self.opinion_date and self.opinion_date < self.submitted_date:
            raise ValueError("end_before_start:opinion_date:submitted_date")
        return self


class PartyReport(Record):
    """713 Art. 31."""

    type: Literal["party_report"] = field("类型", required=True)
    date: ZhDate = field("日期|报告日期")
    reply: ZhBool = field("党委批复|党委同意", "the Party committee replied / agreed")


class CollectiveDiscussion(Record):
    """713 Arts. 29–30."""

    type: Literal["collective_discussion"] = field("类型", required=True)
    date: ZhDate = field("会议日期|日期")
    meeting_type: zh_enum(MeetingType) = field("会议类型", "常务会议 / 全体会议 / …")
    session: Optional[str] = field("会议名称|会次", "e.g. 第12次常务会议")
    materials: zh_enum_list(MaterialItem) = field("会议材料|提交材料", "materials before the meeting (Art. 29)", default_factory=list)
    minutes: ZhBool = field("会议纪要|会议记录", "the discussion was recorded (Art. 30 para. 3)")
    head_spoke_last: ZhBool = field("行政首长最后发表意见|首长末位表态", "the head spoke last (Art. 30 para. 2)")
    majority_view: zh_enum(View) = field("多数意见|组成人员多数意见", "the majority's view")
    head_decision: zh_enum(View) = field("行政首长决定|首长决定", "the head's decision")
    head_departs: ZhBool = field("首长决定与多数意见不一致", "the head's decision differs from the majority (worked out from the two views when both are given)")
    divergence_reasons: Optional[str] = field("不同意多数意见理由|理由说明", "reasons when the head departs from the majority (Art. 30 para. 2)")
    dissent_recorded: ZhBool = field("不同意见如实载明|不同意见已记录", "dissent recorded as it was (Art. 30 para. 3)")
    legality_body_heard: ZhBool = field("听取合法性审查机构意见|听取合法性审查意见", "the head heard the legality-review body before deciding (赣州 2022–2025, 宁远 2021–2025)")


    @model_validator(mode="after")
    def _departs(self) -> "CollectiveDiscussion":
        if self.head_departs is None and self.majority_view and self.head_decision:
            self.head_departs = self.majority_view != self.head_decision
        return self


class Publication(Record):
    """713 Art. 32."""

    type: Literal["publication"] = field("类型", required=True)
    date: ZhDate = field("公布日期|日期")
    signed_date: ZhDate = field("成文日期|签发日期", "date the document was signed, i.e. formed (normative documents: 政府信息公开条例 Art. 26)")
    channels: zh_enum_list(Channel) = field("途径|公布途径", "channels (gazette, website, newspaper)", default_factory=list)
    interpretation: ZhBool = field("政策解读|解读", "explained how opinions were adopted and interpreted the decision (Art. 32)")
    effective_date: ZhDate = field("施行日期|生效日期", "date it takes effect (normative documents)")
    compensation_plan_stated: ZhBool = field("载明征收补偿方案", "the announcement states the compensation plan (征收条例 Art. 13 para. 1)")
    remedies_stated: ZhBool = field("载明复议诉讼权利|载明行政复议行政诉讼权利", "the announcement states the rights to administrative reconsideration and litigation (征收条例 Art. 13 para. 1)")
    expiry_date: ZhDate = field("有效期至|失效日期", "last day of the validity period (normative documents)")


class Archiving(Record):
    """713 Art. 33."""

    type: Literal["archiving"] = field("类型", required=True)
    date: ZhDate = field("归档日期|日期")
    complete: ZhBool = field("材料完整|完整归档", "all records and materials archived")


class Execution(Record):
    """713 Arts. 34–35."""

    type: Literal["execution"] = field("类型", required=True)
    date: ZhDate = field("日期")
    unit: Optional[str] = field("执行单位", "execution unit named by the decision body")
    reports: ZhBool = field("执行情况报告", "the execution unit reports on implementation")
    deadline: Optional[str] = field("执行时限", "time limit for implementation set in the decision (宁远 2021–2025)")


class PostEvaluation(Record):
    """713 Art. 36."""

    type: Literal["post_evaluation"] = field("类型", required=True)
    date: ZhDate = field("日期|评估日期")
    evaluator: Optional[str] = field("评估机构|评估单位")
    evaluator_did_pre_assessment: ZhBool = field("评估机构曾参与决策前论证评估", "evaluator did the main pre-decision argument or assessment (Art. 36 para. 2)")
    public_views: ZhBool = field("听取社会公众意见", "heard the public (Art. 36 para. 2)")


class Adjustment(Record):
    """713 Art. 37."""

    type: Literal["adjustment"] = field("类型", required=True)
    date: ZhDate = field("日期")
    major: ZhBool = field("重大调整", "a major adjustment")
    procedures_rerun: ZhBool = field("重新履行法定程序", "the statutory procedures were run again (Art. 37)")
    decided_by: Optional[str] = field("调整决定机关|决定机关", "who decided the adjustment (Art. 37: the decision body)")
    meeting_type: zh_enum(MeetingType) = field("会议类型", "how it was decided: the meeting type")


class NPCHandling(Record):
    """713 Art. 8 para. 1."""

    type: Literal["npc_handling"] = field("类型", required=True)
    date: ZhDate = field("日期")
    method: Optional[str] = field("方式", "提请讨论决定 / 报告")


class UnitLegalityReview(Record):
    """First-level legality review by the undertaking unit's own legal office or legal adviser (万源 2019)."""

    type: Literal["unit_legality_review"] = field("类型", required=True)
    main_date: ClassVar[str] = "opinion_date"
    submitted_date: ZhDate = field("送审日期", "date sent for review")
    opinion_date: ZhDate = field("审查意见日期|出具意见日期|日期", "date of the opinion")
    reviewer: Optional[str] = field("审查机构|审查人", "the unit's legal office or legal adviser")
    conclusion: zh_enum(Conclusion) = field("审查结论|结论", "合法 / 应当修改 / 不合法")


class UnitDiscussion(Record):
    """The undertaking unit's leadership discusses the draft and settles what goes to the government (万源 2019)."""

    type: Literal["unit_discussion"] = field("类型", required=True)
    date: ZhDate = field("会议日期|日期")
    session: Optional[str] = field("会议名称|会次", "e.g. 局党组会议 / 局长办公会议")
    minutes: ZhBool = field("会议纪要|会议记录", "the discussion was recorded")


class CostSurvey(Record):
    """价格法 Art. 22 para. 1: the price and cost survey before a government-set or -guided price is made."""

    type: Literal["cost_survey"] = field("类型", required=True)
    date: ZhDate = field("日期|调查日期")
    price_surveyed: ZhBool = field("价格调查", "prices were surveyed")
    cost_surveyed: ZhBool = field("成本调查", "costs were surveyed")
    surveyor: Optional[str] = field("调查机关|调查单位", "who carried out the survey")


class LandSurvey(Record):
    """土地管理法 Art. 47 para. 2; 实施条例 Art. 26: survey of the present state of the land to be expropriated."""

    type: Literal["land_survey"] = field("类型", required=True)
    date: ZhDate = field("日期|调查日期")


class PreAnnouncement(Record):
    """实施条例 Art. 26 para. 2: 征收土地预公告."""

    type: Literal["pre_announcement"] = field("类型", required=True)
    main_date: ClassVar[str] = "start_date"
    start_date: ZhDate = field("发布日期|开始日期", "first day")
    end_date: ZhDate = field("截止日期|结束日期", "last day")
    local_scope: ZhBool = field("在乡镇和村村民小组范围内发布|在拟征收土地所在乡镇村组发布", "issued within the township, village and villagers' groups (实施条例 Art. 26 para. 2)")


class Submission(Record):
    """Submission of a plan for approval (城乡规划法 Art. 26; 土地管理法 Art. 20)."""

    type: Literal["submission"] = field("类型", required=True)
    date: ZhDate = field("报送日期|报批日期|日期", "date submitted for approval")
    approving_body: Optional[str] = field("审批机关|批准机关", "the body with the power to approve")
    adoption_attached: ZhBool = field("附具意见采纳情况及理由|附意见采纳情况", "the materials attach how expert and public opinions were adopted and why (城乡规划法 Art. 26 para. 2)")


class RevisionReport(Record):
    """Before a plan is revised (城乡规划法 Arts. 47–48): summary or argument, and the original approver's consent."""

    type: Literal["revision_report"] = field("类型", required=True)
    date: ZhDate = field("报告日期|日期", "date reported to the original approving body")
    implementation_summary: ZhBool = field("实施情况总结|总结原规划实施情况", "the implementation of the plan was summarised (Art. 47 para. 2)")
    necessity_argued: ZhBool = field("修改必要性论证|论证修改必要性", "the need to revise was argued (Art. 48 para. 1)")
    stakeholders_heard: ZhBool = field("征求利害关系人意见|听取利害关系人意见", "those with an interest in the area were heard (Art. 48 para. 1)")
    approved: ZhBool = field("原审批机关同意|经原审批机关同意", "the original approving body agreed (Art. 47 para. 2, Art. 48 para. 1)")
    approval_date: ZhDate = field("同意日期|原审批机关同意日期", "date the original approving body agreed")


class Filing(Record):
    """备案: a decision or normative document reported and filed with the body named (宜兴 2012; 地方组织法 Art. 75)."""

    type: Literal["filing"] = field("类型", required=True)
    date: ZhDate = field("报送日期|备案日期|日期", "date filed")
    filed_with: Optional[str] = field("备案机关|报送机关", "the body it was filed with (上级政府 / 本级人大常委会)")


class Registration(Record):
    """统一登记、统一编号 of a normative document (三统一)."""

    type: Literal["registration"] = field("类型", required=True)
    date: ZhDate = field("登记日期|日期", "date registered")
    registration_number: Optional[str] = field("登记号|统一登记号|统一编号", "the unified registration number")
    unified_printing: ZhBool = field("统一印发|统一公布", "printed and issued through the unified channel")


class Cleanup(Record):
    """清理 or 评估 of a normative document already in force."""

    type: Literal["cleanup"] = field("类型", required=True)
    date: ZhDate = field("清理日期|日期")
    result: Optional[str] = field("清理结果|结论", "继续有效 / 修改 / 废止 / 宣布失效")
    published: ZhBool = field("结果公布|清理结果向社会公布", "the result was published")


PROCEDURES: dict[str, type[Record]] = {
    cls.model_fields["type"].annotation.__args__[0]: cls  # type: ignore[union-attr]
    for cls in (Initiation, Drafting, InteragencyConsultation, PublicParticipation, Hearing,
                ExpertReview, RiskAssessment, FairCompetitionReview, LegalityReview, PartyReport,
                CollectiveDiscussion, Publication, Archiving, Execution, PostEvaluation,
                Adjustment, NPCHandling, UnitLegalityReview, UnitDiscussion, Filing, Registration, Cleanup,
                CostSurvey, LandSurvey, PreAnnouncement, Submission, RevisionReport)
}

PROCEDURE_ZH: dict[str, tuple[str, ...]] = {
    "initiation": ("决策启动", "启动"),
    "drafting": ("决策草案起草", "起草"),
    "interagency_consultation": ("征求部门意见", "部门协商", "协商"),
    "public_participation": ("公众参与", "征求公众意见"),
    "hearing": ("听证会", "听证"),
    "expert_review": ("专家论证",),
    "risk_assessment": ("风险评估", "社会稳定风险评估"),
    "fair_competition_review": ("公平竞争审查",),
    "legality_review": ("合法性审查",),
    "party_report": ("向党委请示报告", "请示报告", "党委请示报告"),
    "collective_discussion": ("集体讨论决定", "集体讨论", "集体审议"),
    "publication": ("决策公布", "公布"),
    "archiving": ("归档", "材料归档"),
    "execution": ("决策执行", "执行"),
    "post_evaluation": ("决策后评估", "后评估"),
    "adjustment": ("决策调整", "调整"),
    "npc_handling": ("人大讨论或报告", "报告人大"),
    "unit_legality_review": ("承办单位合法性审查", "承办单位法制审核", "初审"),
    "unit_discussion": ("承办单位集体讨论", "承办单位领导班子集体讨论", "领导班子集体讨论"),
    "filing": ("备案", "报送备案", "报告备案"),
    "registration": ("统一登记编号", "登记编号", "统一登记"),
    "cleanup": ("清理", "文件清理", "清理评估"),
    "cost_survey": ("价格成本调查", "价格、成本调查", "成本调查"),
    "land_survey": ("土地现状调查", "拟征收土地现状调查"),
    "pre_announcement": ("征收土地预公告", "预公告"),
    "submission": ("报送审批", "报批"),
    "revision_report": ("规划修改报告", "修改专题报告", "修改前报告"),
}
_TYPE_LOOKUP = {zh: en for en, names in PROCEDURE_ZH.items() for zh in names} | {en: en for en in PROCEDURES}


def procedure_zh(name: str) -> str:
    return PROCEDURE_ZH.get(name, (name,))[0]


def _procedure_tag(value: Any) -> Optional[str]:
    if isinstance(value, dict):
        raw = value.get("type", value.get("类型"))
        return _TYPE_LOOKUP.get(str(raw).strip()) if raw is not None else None
    return getattr(value, "type", None)


def _normalise_type(value: Any) -> Any:
    if isinstance(value, dict):
        for key in ("type", "类型"):
            if key in value and str(value[key]).strip() in _TYPE_LOOKUP:
                value = dict(value)
                value[key] = _TYPE_LOOKUP[str(value[key]).strip()]
    return value


ProcedureRecord = Annotated[
    Union[tuple(Annotated[cls, Tag(name)] for name, cls in PROCEDURES.items())],  # type: ignore[misc]
    Discriminator(_procedure_tag, custom_error_type="unknown_procedure",
                  custom_error_message="unknown procedure type",
                  custom_error_context={"expected": ", ".join(f"{n} ({procedure_zh(n)})" for n in PROCEDURES)}),
]


class Dossier(ZhModel):
    """案卷: one major administrative decision."""

    id: RequiredCode = field("编号|案卷编号", "dossier id", required=True)
    document_kind: zh_enum(DocumentKind) = field("案卷类型", "重大行政决策 (default) or 行政规范性文件: each kind is checked against its own rulesets")
    title: str = field("标题|决策事项|决策事项名称", "title of the decision", required=True)
    decision_body: Optional[str] = field("决策机关", "the government that decides")
    undertaking_unit: Optional[str] = field("承办单位|决策承办单位", "the undertaking (lead) unit (Art. 11)")
    jurisdiction: Code = field("行政区划|行政区划代码", "administrative division code, e.g. 640425", pattern=r"^\d{2,12}$")
    category: zh_enum(Category) = field("事项类别|类别", "Art. 3 item (一)–(五)")
    exclusion: zh_enum(Exclusion) = field("排除情形|不适用情形", "Art. 3 para. 2 exclusion, if any")
    special_procedure_basis: Optional[str] = field("特别程序依据", "the law or administrative regulation whose procedure applies instead (required with exclusion other_law)")
    sector: list[str] = field("事项领域|领域", "the field the decision is in, e.g. 政府定价, 城乡规划, 房屋征收: selects the sector rulesets stacked on Decree 713 (docs/sectors.md)", default_factory=list)
    decision_body_level: zh_enum(BodyLevel) = field("决策机关层级", "县级以上人民政府 (Art. 2) / 政府部门 / 乡镇人民政府、街道办事处 (Art. 42: 参照); inferred from the body's name when left out")
    decision_bodies: list[str] = field("联合决策机关|联合发文机关", "every body of a joint decision (联合发文); 决策机关 may also be given as a list", default_factory=list)
    catalog: Optional[Catalog] = field("决策事项目录|目录", "catalog entry (Art. 3 para. 3)")
    stage: zh_enum(Stage) = field("阶段|所处阶段", "stage reached; if left out, every duty is checked")
    decision_date: ZhDate = field("决策日期", "date of the decision (else the meeting date)")
    triggers: Triggers = field("情形|适用情形", "assertions that make conditional duties apply", default_factory=Triggers)
    procedures: list[ProcedureRecord] = field("程序|履行程序", "one record per procedure performed", default_factory=list)
    waivers: list[Waiver] = field("豁免", "rules waived for this dossier, by whom and why", default_factory=list)
    record_basis: zh_enum(RecordBasis) = field("案卷来源", "完整案卷 (default: lists every procedure performed) / 台账 (one ledger row) / 公开信息 (rebuilt from published material): how silence is read, docs/open-world.md")
    sources: list[Source] = field("来源", "where the dossier was read from", default_factory=list)
    major: zh_enum(MajorStatus) = field("是否重大行政决策", "是 (default) / 否 / 待定: when 待定, findings are reported as conditional")

    @model_validator(mode="before")
    @classmethod
    def _lists(cls, data: Any) -> Any:
        """事项领域 as one string or a list; 决策机关 as a list = a joint decision (联合发文)."""
        if isinstance(data, dict):
            for key in ("sector", "事项领域", "领域"):
                if isinstance(data.get(key), str):
                    data = dict(data, **{key: [x.strip() for x in _SPLIT.split(data[key]) if x.strip()]})
            for key in ("decision_body", "决策机关"):
                if isinstance(data.get(key), list):
                    bodies = [str(x).strip() for x in data[key] if str(x).strip()]
                    data = dict(data, **{key: "、".join(bodies)})
                    if not any(k in data for k in ("decision_bodies", "联合决策机关", "联合发文机关")):
                        data["decision_bodies"] = bodies
        return data

    @model_validator(mode="after")
    def _special_basis(self) -> "Dossier":
        if self.exclusion == Exclusion.other_law and not (self.special_procedure_basis or "").strip():
            raise ValueError("other_law_needs_basis")
        return self

    def bodies(self) -> list[str]:
        """The decision bodies: several for a joint decision, else the one named."""
        if self.decision_bodies:
            return list(self.decision_bodies)
        return [self.decision_body] if self.decision_body else []

    @model_validator(mode="before")
    @classmethod
    def _normalise_procedure_types(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for key in ("procedures", "程序", "履行程序"):
                if isinstance(data.get(key), list):
                    data = dict(data)
                    data[key] = [_normalise_type(v) for v in data[key]]
        return data

    def incoherent_dates(self) -> list[tuple[str, str]]:
        """(zh, en) for dates that cannot both be right: a decision dated before the meeting that made it."""
        out = []
        if self.decision_date:
            meetings = [(i, p) for i, p in enumerate(self.procedures) if isinstance(p, CollectiveDiscussion) and p.date
                        and (p.status is None or p.status is RecordStatus.performed)]
            if meetings and all(p.date > self.decision_date for _, p in meetings):
                i, p = min(meetings, key=lambda x: x[1].date)
                out.append((f"决策日期（{self.decision_date}）早于集体讨论的会议日期（{p.date}，程序第{i + 1}项）：决定不能早于作出它的会议，请核对两个日期",
                            f"the decision date ({self.decision_date}) is before the meeting that made it ({p.date}, procedure {i + 1}): check both dates"))
        return out

    def effective_date(self) -> Optional[dt.date]:
        """The date a ruleset is chosen for: the decision date, else the last meeting date."""
        return self.effective_date_basis()[0]

    def effective_date_basis(self) -> tuple[Optional[dt.date], str, str]:
        """The date a ruleset is chosen for, and what that date is (zh, en)."""
        if self.decision_date:
            return self.decision_date, "决策日期", "decision date"
        meetings = [p.date for p in self.procedures if isinstance(p, CollectiveDiscussion) and p.date]
        if meetings:
            return max(meetings), "集体讨论日期（案卷未载明决策日期）", "meeting date (no decision date given)"
        dates = [d for p in self.procedures for d in _dates_of(p)]
        if dates:
            return max(dates), "已到阶段最近一项程序的日期（案卷未载明决策日期）", "date of the latest procedure reached (no decision date given)"
        return None, "（案卷无任何日期）", "(the dossier gives no date)"

    def kind_of(self) -> str:
        return self.document_kind.value if self.document_kind else DocumentKind.mad.value

    def effective_stage(self) -> Stage:
        return self.stage or Stage.completed

    def basis_of(self) -> "RecordBasis":
        return self.record_basis or RecordBasis.complete_file


_SPLIT = __import__("re").compile(r"[、，,；;]")
_FORWARD_DATES = {"effective_date", "expiry_date"}  # dates a document looks ahead to, not steps taken


def _dates_of(record: Record) -> list[dt.date]:
    """Dates on which a procedure step was taken (a validity end date in 2025 is not one)."""
    return [v for k, v in record.__dict__.items() if isinstance(v, dt.date) and k not in _FORWARD_DATES]


# The third kind (重大执法决定) keeps its models in models/enforcement.py; its records join the
# registry here, so the compiler, facts and findings know them (a 重大行政决策 dossier does not
# accept them: `ProcedureRecord` above was built from this module's records only).
from .enforcement import ENFORCEMENT_PROCEDURE_ZH, ENFORCEMENT_PROCEDURES  # noqa: E402

PROCEDURES.update(ENFORCEMENT_PROCEDURES)
# Names both kinds use (听证、集体讨论、公布、归档) keep meaning the decision's record wherever the kind
# is not known (specs, docs); an enforcement dossier reads them with its own table (enforcement.TYPE_LOOKUP).
_DECISION_NAMES = {n for names in PROCEDURE_ZH.values() for n in names}
PROCEDURE_ZH.update({k: tuple(n for n in names if n not in _DECISION_NAMES) for k, names in ENFORCEMENT_PROCEDURE_ZH.items()})

__all__ = [n for n in dir() if not n.startswith("_")]
