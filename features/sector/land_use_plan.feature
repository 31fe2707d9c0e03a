# language: zh-CN
@sector_land_use_plan
功能: 国土空间规划和土地利用总体规划（《中华人民共和国土地管理法》第二十条，领域规则集 cn.sector.land-use-plan）
  案卷载明“事项领域: 国土空间规划”的，叠加本规则集：土地利用总体规划实行分级审批，应当报有批准权的人民政府批准（第二十条）。
  编制和公众参与的具体程序由本项目未收录的文件规定，不作检查；条例的各项要求照常适用。

  @rule_land_plan_graded_approval
  场景: 县国土空间总体规划报自治区人民政府审批
    假如 案卷文件“cases/sector/land_use_plan/good/county-spatial-plan.yaml”
    当 检查该案卷
    那么 适用的规则集应当为“cn.mad.decree-713+cn.sector.land-use-plan”
    而且 不应当报告任何问题
    而且 应当认定符合“land-plan.graded-approval”

  @rule_land_plan_graded_approval
  场景: 报批记录未载明审批机关，违反第二十条第一款
    假如 案卷文件“cases/sector/land_use_plan/bad/approving-body-not-named.yaml”
    当 检查该案卷
    那么 应当报告违反“land-plan.graded-approval”
    而且 该问题的依据应当包含“《中华人民共和国土地管理法》第二十条第一款”
    而且 除上述问题外，不应当报告其他问题
