# language: zh-CN
@ningxia_pengyang
功能: 彭阳县重大行政决策补充规则（ningxia.pengyang.2018）
  《彭阳县巩固提升和开展自治区级法治政府示范创建单位工作方案（征求意见稿）》第四部分（一）第1项在条例之上
  对彭阳县（行政区划640425）的重大行政决策另有要求：属于本级公布的听证范围的，应当组织听证；选择论证专家
  要注重专业性、代表性、均衡性；经风险排查存在风险的，应当进行风险评估；未评估或者经评估不合格的，
  不得提交决策机关讨论。本规则集作为条例之上的县级补充层，适用于2019年9月1日至2020年12月31日作出的决策。

  除“规则集的选用”各场景外，每个场景都指定适用规则集“ningxia.pengyang.2018”。

  # ------------------------------------------------------------------ 规则集的选用

  场景: 彭阳县2020年作出的决策，按彭阳县补充规则检查
    假如 按行政区划“640425”和决策日期2020年8月2日选用规则集
    而且 一份程序完备的重大行政决策案卷，于2020年8月2日集体讨论决定
    那么 适用的规则集应当为“ningxia.pengyang.2018”

  场景: 未指定规则集时，彭阳县2020年的案卷按案卷所载行政区划和决策日期选用彭阳县规则集
    假如 案卷文件“cases/local/pengyang/good/heating-price-2020.yaml”
    当 检查该案卷
    那么 适用的规则集应当为“ningxia.pengyang.2018”
    而且 本规则集适用于该案卷
    而且 该案卷合规

  场景: 彭阳县补充规则期满后（2021年）作出的决策，只按条例检查
    假如 按行政区划“640425”和决策日期2021年3月1日选用规则集
    而且 一份程序完备的重大行政决策案卷，于2021年3月1日集体讨论决定
    那么 适用的规则集应当为“cn.mad.decree-713”

  场景: 彭阳县补充规则施行前（2019年8月）作出的决策，本规则集不适用
    假如 一份程序完备的重大行政决策案卷，于2019年8月20日集体讨论决定
    而且 该案卷的行政区划为“640425”
    那么 本规则集不适用于该案卷

  @rule_ningxia_pengyang_hearing_scope @rule_ningxia_pengyang_expert_selection @rule_ningxia_pengyang_risk_trigger @rule_ningxia_pengyang_risk_gate
  场景: 程序完备的彭阳县决策，各项补充要求均符合
    假如 适用规则集“ningxia.pengyang.2018”
    而且 案卷文件“cases/local/pengyang/good/heating-price-2020.yaml”
    当 检查该案卷
    那么 不应当报告任何问题
    而且 应当认定符合“ningxia.pengyang.hearing.scope”
    而且 应当认定符合“选择论证专家应当注重专业性、代表性、均衡性”
    而且 应当认定符合“ningxia.pengyang.risk.trigger”
    而且 应当认定符合“经评估不合格的决策事项，不得提交决策机关讨论”

  # ------------------------------------------------------------------ 听证范围

  @rule_ningxia_pengyang_hearing_scope
  场景: 属于本级公布的听证范围却未听证，即使其他法律未要求听证，也违反彭阳县方案
    假如 适用规则集“ningxia.pengyang.2018”
    而且 案卷文件“cases/local/pengyang/bad/in-hearing-scope-no-hearing.yaml”
    当 检查该案卷
    那么 应当报告违反“属于本级公布的听证范围的决策事项，应当按照法定程序组织听证”
    而且 该问题的依据应当包含“第四部分（一）第1项“具体措施”第2）目”
    而且 该问题的整改建议应当包含“组织听证”
    而且 除上述问题外，不应当报告其他问题
    而且 应当认定“mad.hearing.trigger”不适用

  @rule_ningxia_pengyang_hearing_scope
  场景大纲: 属于本级公布的听证范围的决策事项，应当组织听证
    假如 适用规则集“ningxia.pengyang.2018”
    而且 案卷文件“cases/local/pengyang/good/heating-price-2020.yaml”
    而且 该决策事项法律、法规、规章未规定应当听证
    而且 该决策事项<听证范围>
    而且 <听证>
    那么 “ningxia.pengyang.hearing.scope”的检查结果应当为<结果>

    例子:
      | 听证范围               | 听证                   | 结果   |
      | 属于本级公布的听证范围   | 该案卷已于2020年6月20日完成听证会 | 符合   |
      | 属于本级公布的听证范围   | 该案卷没有听证会记录      | 违反   |
      | 不属于本级公布的听证范围 | 该案卷没有听证会记录      | 不适用 |

  @rule_ningxia_pengyang_hearing_scope
  场景: 起草阶段尚未到送审，听证义务尚未到期
    假如 适用规则集“ningxia.pengyang.2018”
    而且 案卷文件“cases/local/pengyang/bad/in-hearing-scope-no-hearing.yaml”
    当 在起草阶段检查该案卷
    那么 应当认定“ningxia.pengyang.hearing.scope”不适用

  # ------------------------------------------------------------------ 专家遴选

  @rule_ningxia_pengyang_expert_selection
  场景: 专家论证记录未说明如何遴选专家，给予警示，不影响合规结论
    假如 适用规则集“ningxia.pengyang.2018”
    而且 案卷文件“cases/local/pengyang/bad/expert-selection-not-explained.yaml”
    当 检查该案卷
    那么 应当报告违反“ningxia.pengyang.expert.selection”
    而且 该问题的说明应当包含“专业性、代表性、均衡性”
    而且 除上述问题外，不应当报告其他问题
    而且 该案卷合规

  @rule_ningxia_pengyang_expert_selection
  场景大纲: 组织专家论证的，应当载明专家遴选的情况
    假如 适用规则集“ningxia.pengyang.2018”
    而且 案卷文件“cases/local/pengyang/good/heating-price-2020.yaml”
    而且 <专家论证>
    那么 “选择论证专家应当注重专业性、代表性、均衡性”的检查结果应当为<结果>

    例子:
      | 专家论证                                                                   | 结果   |
      | 专家论证记录中的“专家遴选说明”为“按专业领域从专家库中随机抽取，兼顾高校、企业和行业协会” | 符合   |
      | 专家论证记录中未载明“专家遴选说明”                                              | 违反   |
      | 该案卷未进行专家论证                                                         | 不适用 |

  # ------------------------------------------------------------------ 风险排查与风险评估

  @rule_ningxia_pengyang_risk_trigger @rule_ningxia_pengyang_risk_gate
  场景: 经排查存在生态、经济风险而未评估即提交讨论；条例第二十二条在此不触发
    假如 适用规则集“ningxia.pengyang.2018”
    而且 案卷文件“cases/local/pengyang/bad/risk-found-not-assessed.yaml”
    当 检查该案卷
    那么 应当报告违反“经风险排查存在社会稳定、生态、经济等方面风险的，应当进行风险评估，未评估不得提交讨论”
    而且 该问题的依据应当包含“《彭阳县巩固提升和开展自治区级法治政府示范创建单位工作方案（征求意见稿）》”
    而且 应当认定“ningxia.pengyang.risk.gate”不适用
    而且 应当认定“mad.risk.trigger”不适用

  @rule_ningxia_pengyang_risk_trigger
  场景大纲: 经风险排查存在风险的，应当在提交讨论前进行风险评估
    假如 适用规则集“ningxia.pengyang.2018”
    而且 案卷文件“cases/local/pengyang/good/heating-price-2020.yaml”
    而且 该决策事项不会对社会稳定、公共安全等方面造成不利影响
    而且 该决策事项<排查结论>
    而且 <风险评估>
    那么 “ningxia.pengyang.risk.trigger”的检查结果应当为<结果>

    例子:
      | 排查结论                                     | 风险评估                         | 结果   |
      | 经风险排查存在社会稳定、生态、经济等方面风险     | 该案卷已于2020年6月28日完成风险评估 | 符合   |
      | 经风险排查存在社会稳定、生态、经济等方面风险     | 该案卷未进行风险评估               | 违反   |
      | 经风险排查存在社会稳定、生态、经济等方面风险     | 该案卷已于2020年8月5日完成风险评估  | 违反   |
      | 经风险排查未发现社会稳定、生态、经济等方面风险   | 该案卷未进行风险评估               | 不适用 |

  @rule_ningxia_pengyang_risk_trigger
  场景: 风险评估晚于县政府常务会议的，视为未评估即提交讨论
    假如 适用规则集“ningxia.pengyang.2018”
    而且 案卷文件“cases/local/pengyang/good/heating-price-2020.yaml”
    而且 该案卷已于2020年8月5日完成风险评估
    当 检查该案卷
    那么 应当报告违反“ningxia.pengyang.risk.trigger”
    而且 该问题的说明应当包含“风险评估完成之前”

  @rule_ningxia_pengyang_risk_gate
  场景: 风险评估不合格仍提交讨论
    假如 适用规则集“ningxia.pengyang.2018”
    而且 案卷文件“cases/local/pengyang/bad/risk-assessment-failed-still-discussed.yaml”
    当 在集体讨论前检查该案卷
    那么 应当报告违反“经评估不合格的决策事项，不得提交决策机关讨论”
    而且 该问题的整改建议应当包含“重新评估”
    而且 应当认定符合“ningxia.pengyang.risk.trigger”

  @rule_ningxia_pengyang_risk_gate
  场景大纲: 经评估不合格的决策事项，不得提交决策机关讨论
    假如 适用规则集“ningxia.pengyang.2018”
    而且 案卷文件“cases/local/pengyang/good/heating-price-2020.yaml”
    而且 <评估>
    那么 “ningxia.pengyang.risk.gate”的检查结果应当为<结果>

    例子:
      | 评估                            | 结果   |
      | 风险评估记录中的“评估合格”为“是”   | 符合   |
      | 风险评估记录中的“评估合格”为“否”   | 违反   |
      | 该案卷未进行风险评估               | 不适用 |

  @rule_ningxia_pengyang_risk_gate
  场景: 首次评估不合格，调整方案后重新评估合格，再提交讨论的，不违反
    假如 适用规则集“ningxia.pengyang.2018”
    而且 案卷文件“cases/local/pengyang/good/heating-price-2020.yaml”
    而且 该案卷另有一份风险评估记录，内容如下：
      """
      评估日期: 2020年6月10日
      评估报告: 是
      风险点: [一次性调价幅度过大, 低收入群体承受能力]
      风险等级: 高
      风险可控: 否
      评估合格: 否
      """
    那么 应当认定符合“ningxia.pengyang.risk.gate”
