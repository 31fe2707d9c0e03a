# language: zh-CN
@sector_house_expropriation
功能: 国有土地上房屋征收（《国有土地上房屋征收与补偿条例》第十条至第十三条，领域规则集 cn.sector.house-expropriation）
  案卷载明“事项领域: 国有土地上房屋征收”的，叠加征收与补偿条例领域规则集：征收补偿方案经有关部门论证并公布征求意见，
  期限不得少于30日（收紧条例第十五条）；公布征求意见和修改情况；旧城区改建多数被征收人反对的，组织听证并修改方案；
  作出征收决定前进行社会稳定风险评估（不以存在风险为条件，收紧条例第二十二条）；被征收人数量较多的，经政府常务会议讨论决定；
  征收决定公告载明征收补偿方案和行政复议、行政诉讼权利。

  @rule_expro_plan_published @rule_expro_comment_period @rule_expro_outcome_published @rule_expro_hearing @rule_expro_risk @rule_expro_standing_meeting @rule_expro_announcement
  场景: 旧城区改建房屋征收程序完备
    假如 案卷文件“cases/sector/house_expropriation/good/old-district-renewal.yaml”
    当 检查该案卷
    那么 适用的规则集应当为“cn.mad.decree-713+cn.sector.house-expropriation”
    而且 不应当报告任何问题
    而且 应当认定符合“expro.plan-published”
    而且 应当认定符合“expro.comment-period”
    而且 应当认定符合“expro.outcome-published”
    而且 应当认定符合“expro.hearing”
    而且 应当认定符合“expro.risk”
    而且 应当认定符合“expro.standing-meeting”
    而且 应当认定符合“expro.announcement”

  @rule_expro_risk
  场景: 征收决定前未进行社会稳定风险评估，即使案卷载明无社会稳定风险，也违反第十二条第一款
    假如 案卷文件“cases/sector/house_expropriation/bad/no-risk-assessment.yaml”
    当 检查该案卷
    那么 应当报告违反“expro.risk”
    而且 该问题的依据应当包含“《国有土地上房屋征收与补偿条例》第十二条第一款”
    而且 除上述问题外，不应当报告其他问题

  @rule_expro_standing_meeting
  场景: 被征收人数量较多，征收决定只经全体会议讨论，违反第十二条第一款
    假如 案卷文件“cases/sector/house_expropriation/bad/plenary-meeting.yaml”
    当 检查该案卷
    那么 应当报告违反“expro.standing-meeting”
    而且 该问题的依据应当包含“第十二条第一款”
    而且 除上述问题外，不应当报告其他问题

  @rule_expro_comment_period
  场景: 征收补偿方案征求意见20日，违反第十条第二款
    假如 案卷文件“cases/sector/house_expropriation/bad/comment-20-days.yaml”
    当 检查该案卷
    那么 应当报告违反“expro.comment-period”
    而且 该问题的依据应当包含“第十条第二款”
    而且 除上述问题外，不应当报告其他问题

  @rule_expro_outcome_published
  场景: 未公布征求意见情况和修改情况，违反第十一条第一款
    假如 案卷文件“cases/sector/house_expropriation/bad/outcome-not-published.yaml”
    当 检查该案卷
    那么 应当报告违反“expro.outcome-published”
    而且 该问题的依据应当包含“第十一条第一款”
    而且 除上述问题外，不应当报告其他问题

  @rule_expro_hearing
  场景: 旧城区改建多数被征收人反对而未组织听证，违反第十一条第二款
    假如 案卷文件“cases/sector/house_expropriation/bad/no-hearing.yaml”
    当 检查该案卷
    那么 应当报告违反“expro.hearing”
    而且 该问题的依据应当包含“第十一条第二款”
    而且 除上述问题外，不应当报告其他问题

  @rule_expro_announcement
  场景: 征收决定公告未载明救济权利，违反第十三条第一款
    假如 案卷文件“cases/sector/house_expropriation/bad/announcement-without-remedies.yaml”
    当 检查该案卷
    那么 应当报告违反“expro.announcement”
    而且 该问题的依据应当包含“第十三条第一款”
    而且 除上述问题外，不应当报告其他问题

  @rule_expro_plan_published
  场景: 征收补偿方案未公布征求公众意见，违反第十条第二款
    假如 案卷文件“cases/sector/house_expropriation/bad/plan-not-published.yaml”
    当 检查该案卷
    那么 应当报告违反“expro.plan-published”
    而且 该问题的依据应当包含“第十条第二款”
    而且 除上述问题外，不应当报告其他问题

  @rule_expro_hearing @rule_expro_standing_meeting
  场景: 非旧城区改建、被征收人不多的征收，不要求听证和常务会议
    假如 案卷文件“cases/sector/house_expropriation/bad/no-hearing.yaml”
    而且 案卷中的“情形.旧城区改建”为“否”
    而且 案卷中的“情形.被征收人数量较多”为“否”
    当 检查该案卷
    那么 应当认定“expro.hearing”不适用
    而且 应当认定“expro.standing-meeting”不适用
    而且 不应当报告任何问题
