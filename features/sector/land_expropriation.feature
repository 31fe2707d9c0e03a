# language: zh-CN
@sector_land_expropriation
功能: 集体所有土地征收（《中华人民共和国土地管理法》第四十七条，《土地管理法实施条例》第二十六条至第二十八条，领域规则集 cn.sector.land-expropriation）
  案卷载明“事项领域: 土地征收”的，自2021年9月1日起叠加土地管理法领域规则集：发布征收土地预公告（不少于十个工作日），
  开展土地现状调查和社会稳定风险评估（不以存在风险为条件），将征收范围、补偿标准、安置方式等在乡（镇）和村、村民小组范围内
  公告至少三十日（代替条例第十五条第一款），多数被征地农民反对的组织听证会并修改方案。

  @rule_land_pre_announcement @rule_land_survey @rule_land_risk @rule_land_announcement @rule_land_hearing
  场景: 拟征收土地的前期工作完备
    假如 案卷文件“cases/sector/land_expropriation/good/industrial-park-land.yaml”
    当 检查该案卷
    那么 适用的规则集应当为“cn.mad.decree-713+cn.sector.land-expropriation”
    而且 不应当报告任何问题
    而且 应当认定符合“land.pre-announcement”
    而且 应当认定符合“land.survey”
    而且 应当认定符合“land.risk”
    而且 应当认定符合“land.announcement”
    而且 应当认定符合“land.hearing”

  @rule_land_pre_announcement
  场景: 未发布征收土地预公告，违反实施条例第二十六条第二款
    假如 案卷文件“cases/sector/land_expropriation/bad/no-pre-announcement.yaml”
    当 检查该案卷
    那么 应当报告违反“land.pre-announcement”
    而且 该问题的依据应当包含“《中华人民共和国土地管理法实施条例》第二十六条第二款”
    而且 除上述问题外，不应当报告其他问题

  @rule_land_pre_announcement
  场景: 预公告只有5个工作日，违反实施条例第二十六条第二款
    假如 案卷文件“cases/sector/land_expropriation/bad/pre-announcement-5-workdays.yaml”
    当 检查该案卷
    那么 应当报告违反“land.pre-announcement”
    而且 除上述问题外，不应当报告其他问题

  @rule_land_announcement
  场景: 征地公告只有20日，违反土地管理法第四十七条第二款
    假如 案卷文件“cases/sector/land_expropriation/bad/announced-20-days.yaml”
    当 检查该案卷
    那么 应当报告违反“land.announcement”
    而且 该问题的依据应当包含“《中华人民共和国土地管理法》第四十七条第二款”
    而且 除上述问题外，不应当报告其他问题

  @rule_land_survey
  场景: 未开展土地现状调查，违反第四十七条第二款
    假如 案卷文件“cases/sector/land_expropriation/bad/no-land-survey.yaml”
    当 检查该案卷
    那么 应当报告违反“land.survey”
    而且 该问题的依据应当包含“第四十七条第二款”
    而且 除上述问题外，不应当报告其他问题

  @rule_land_risk
  场景: 未开展社会稳定风险评估，违反第四十七条第二款
    假如 案卷文件“cases/sector/land_expropriation/bad/no-risk-assessment.yaml”
    当 检查该案卷
    那么 应当报告违反“land.risk”
    而且 该问题的依据应当包含“第四十七条第二款”
    而且 除上述问题外，不应当报告其他问题

  @rule_land_hearing
  场景: 多数被征地农民反对而未组织听证，违反第四十七条第三款
    假如 案卷文件“cases/sector/land_expropriation/bad/no-hearing.yaml”
    当 检查该案卷
    那么 应当报告违反“land.hearing”
    而且 该问题的依据应当包含“第四十七条第三款”
    而且 除上述问题外，不应当报告其他问题

  场景: 2021年9月1日前作出的征地决策，不叠加本规则集，选用理由写明
    假如 案卷文件“cases/sector/land_expropriation/good/industrial-park-land.yaml”
    而且 该决策于2021年3月1日作出
    当 检查该案卷
    那么 适用的规则集应当为“cn.mad.decree-713”
