# language: zh-CN
@sector_urban_rural_plan
功能: 城乡规划的制定和修改（《中华人民共和国城乡规划法》第十六条、第二十六条、第四十七条、第四十八条，领域规则集 cn.sector.urban-rural-plan）
  案卷载明“事项领域: 城乡规划”（或城市总体规划、控制性详细规划等）的，叠加城乡规划法领域规则集。
  城乡规划报送审批前，草案应当公告，公告的时间不得少于三十日（第二十六条第一款）：这一规定代替条例第十五条第一款“一般不少于30日”，
  没有因情况紧急缩短期限的例外。草案应当征求专家和公众的意见；报送审批的材料附具意见采纳情况及理由（第二十六条第二款）。
  总体规划报批前先经本级人大常委会审议（第十六条）；修改总体规划前总结实施情况并报告（第四十七条第二款）；
  修改控制性详细规划应当论证必要性、征求利害关系人意见，经原审批机关同意后方可编制修改方案（第四十八条第一款）。

  @rule_plan_announcement @rule_plan_experts @rule_plan_adoption_attached @rule_plan_detailed_revision @rule_plan_npc_review @rule_plan_revision_report
  场景: 控制性详细规划修改程序完备，草案公告32日
    假如 案卷文件“cases/sector/urban_rural_plan/good/detailed-plan-revision.yaml”
    当 检查该案卷
    那么 适用的规则集应当为“cn.mad.decree-713+cn.sector.urban-rural-plan”
    而且 不应当报告任何问题
    而且 应当认定符合“plan.announcement”
    而且 应当认定符合“plan.experts”
    而且 应当认定符合“plan.adoption-attached”
    而且 应当认定符合“plan.detailed-revision”
    而且 应当认定“plan.npc-review”不适用
    而且 应当认定“plan.revision-report”不适用

  @rule_plan_npc_review @rule_plan_revision_report @rule_plan_detailed_revision
  场景: 镇总体规划修改前总结实施情况并报告，报批前经县人大常委会审议
    假如 案卷文件“cases/sector/urban_rural_plan/good/master-plan-revision.yaml”
    当 检查该案卷
    那么 不应当报告任何问题
    而且 应当认定符合“plan.npc-review”
    而且 应当认定符合“plan.revision-report”
    而且 应当认定“plan.detailed-revision”不适用

  @rule_plan_announcement
  场景: 规划草案只公告25日，即使载明了缩短理由，也违反城乡规划法第二十六条第一款
    假如 案卷文件“cases/sector/urban_rural_plan/bad/announced-25-days.yaml”
    当 检查该案卷
    那么 应当报告违反“plan.announcement”
    而且 该问题的依据应当包含“《中华人民共和国城乡规划法》第二十六条第一款”
    而且 除上述问题外，不应当报告其他问题

  @rule_plan_experts
  场景: 规划草案未征求专家意见，违反第二十六条第一款
    假如 案卷文件“cases/sector/urban_rural_plan/bad/no-expert-opinion.yaml”
    当 检查该案卷
    那么 应当报告违反“plan.experts”
    而且 该问题的依据应当包含“第二十六条第一款”
    而且 除上述问题外，不应当报告其他问题

  @rule_plan_adoption_attached
  场景: 报送审批的材料未附具意见采纳情况及理由，违反第二十六条第二款
    假如 案卷文件“cases/sector/urban_rural_plan/bad/adoption-not-attached.yaml”
    当 检查该案卷
    那么 应当报告违反“plan.adoption-attached”
    而且 该问题的依据应当包含“第二十六条第二款”
    而且 除上述问题外，不应当报告其他问题

  @rule_plan_npc_review
  场景: 总体规划报批前未经本级人大常委会审议，违反第十六条第一款
    假如 案卷文件“cases/sector/urban_rural_plan/bad/master-plan-no-npc-review.yaml”
    当 检查该案卷
    那么 应当报告违反“plan.npc-review”
    而且 该问题的依据应当包含“第十六条第一款”

  @rule_plan_revision_report
  场景: 修改总体规划前未总结原规划实施情况，违反第四十七条第二款
    假如 案卷文件“cases/sector/urban_rural_plan/bad/master-plan-no-npc-review.yaml”
    当 检查该案卷
    那么 应当报告违反“plan.revision-report”
    而且 该问题的依据应当包含“第四十七条第二款”

  @rule_plan_detailed_revision
  场景: 原审批机关同意前即编制修改方案，违反第四十八条第一款
    假如 案卷文件“cases/sector/urban_rural_plan/bad/drafted-before-consent.yaml”
    当 检查该案卷
    那么 应当报告违反“plan.detailed-revision”
    而且 该问题的依据应当包含“第四十八条第一款”
    而且 除上述问题外，不应当报告其他问题

  场景: 公告期不足三十日时，条例第十五条不再适用（由城乡规划法第二十六条代替）
    假如 案卷文件“cases/sector/urban_rural_plan/bad/announced-25-days.yaml”
    当 检查该案卷
    那么 不应当报告违反“mad.pp.public-comment.notice”
    而且 该案卷不合规
