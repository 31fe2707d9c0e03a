# language: zh-CN
@hunan_ningyuan
功能: 宁远县重大行政决策补充规则（hunan.ningyuan.2021）
  《宁远县法治政府建设实施方案（2021-2025年）》（宁发〔2022〕7号）第四部分：主要负责人作出重大行政决策前
  应当听取合法性审查机构的意见（第23项）；专家意见采纳情况反馈专家，未采纳的说明理由，并向社会公布
  （第28项）；涉及社会公众切身利益或者可能影响经济安全、金融安全的，应当开展社会稳定风险评估，依据风险等级
  作出决策，高、中风险的应当降低风险等级后决策（第29项）；决策中明确执行主体、执行时限、执行反馈（第31项）；
  需要重大调整的，应当先开展决策后评估（第32项，收紧条例第三十七条）。
  本规则集作为条例之上的县级补充层，适用于2022年8月3日至2025年12月31日宁远县（行政区划431126）作出的决策。
  除“规则集的选用”各场景外，每个场景都指定适用规则集“hunan.ningyuan.2021”，以2023年的供热价格调整决策为底本。

  # ------------------------------------------------------------------ 规则集的选用

  场景: 宁远县2023年作出的决策，按宁远县补充规则检查
    假如 案卷文件“cases/local/ningyuan/good/heating-price.yaml”
    当 检查该案卷
    那么 适用的规则集应当为“hunan.ningyuan.2021”
    而且 该案卷合规

  场景大纲: 方案印发前、期满后作出的决策，只按条例检查
    假如 按行政区划“431126”和决策日期<日期>选用规则集
    而且 一份程序完备的重大行政决策案卷，于<日期>集体讨论决定
    那么 适用的规则集应当为“<规则集>”

    例子:
      | 日期          | 规则集              |
      | 2022年8月2日  | cn.mad.decree-713   |
      | 2022年8月3日  | hunan.ningyuan.2021 |
      | 2025年12月31日 | hunan.ningyuan.2021 |
      | 2026年1月1日  | cn.mad.decree-713   |

  @rule_hunan_ningyuan_coll_legality_body_heard @rule_hunan_ningyuan_expert_feedback_and_publication @rule_hunan_ningyuan_risk_trigger @rule_hunan_ningyuan_risk_level @rule_hunan_ningyuan_exec_content @rule_hunan_ningyuan_adjust_post_evaluation
  场景: 专家反馈、风险等级、执行内容均符合宁远县方案
    假如 适用规则集“hunan.ningyuan.2021”
    而且 案卷文件“cases/local/ningyuan/good/heating-price.yaml”
    当 检查该案卷
    那么 不应当报告任何问题
    而且 应当认定符合“行政机关主要负责人作出重大行政决策前，应当听取合法性审查机构的意见”
    而且 应当认定符合“专家意见采纳情况反馈给专家，未予采纳的说明理由，并向社会公布论证意见及采纳情况”
    而且 应当认定符合“hunan.ningyuan.risk.trigger”
    而且 应当认定符合“依据评估确定的风险等级作出决策结论；高、中风险的，应当降低风险等级后决策”
    而且 应当认定符合“决策机关应当在决策中明确执行主体、执行时限、执行反馈”
    而且 应当认定“需要作出重大调整的，应当开展决策后评估，并将结果作为调整的重要依据”不适用

  # ------------------------------------------------------------------ 第23项 听取合法性审查机构的意见

  @rule_hunan_ningyuan_coll_legality_body_heard
  场景: 主要负责人决策前未听取合法性审查机构的意见
    假如 适用规则集“hunan.ningyuan.2021”
    而且 案卷文件“cases/local/ningyuan/bad/head-did-not-hear-legality-body.yaml”
    当 检查该案卷
    那么 应当报告违反“hunan.ningyuan.coll.legality-body-heard”
    而且 该问题的依据应当包含“第四部分（七）第23项”
    而且 该问题的整改建议应当包含“会议纪要”
    而且 除上述问题外，不应当报告其他问题

  @rule_hunan_ningyuan_coll_legality_body_heard
  场景大纲: 会议记录应当载明主要负责人听取了合法性审查机构的意见
    假如 适用规则集“hunan.ningyuan.2021”
    而且 案卷文件“cases/local/ningyuan/good/heating-price.yaml”
    而且 <记录>
    那么 “hunan.ningyuan.coll.legality-body-heard”的检查结果应当为<结果>

    例子:
      | 记录                                               | 结果 |
      | 集体讨论决定记录中的“听取合法性审查机构意见”为“是” | 符合 |
      | 集体讨论决定记录中的“听取合法性审查机构意见”为“否” | 违反 |
      | 集体讨论决定记录中未载明“听取合法性审查机构意见”     | 违反 |

  # ------------------------------------------------------------------ 第28项 专家意见的反馈与公布

  @rule_hunan_ningyuan_expert_feedback_and_publication
  场景: 未将采纳情况反馈给参与论证的专家
    假如 适用规则集“hunan.ningyuan.2021”
    而且 案卷文件“cases/local/ningyuan/bad/experts-not-told.yaml”
    当 检查该案卷
    那么 应当报告违反“专家意见采纳情况反馈给专家，未予采纳的说明理由，并向社会公布论证意见及采纳情况”
    而且 该问题的说明应当包含“反馈给参与咨询论证的专家”
    而且 除上述问题外，不应当报告其他问题

  @rule_hunan_ningyuan_expert_feedback_and_publication
  场景: 专家意见未全部采纳，也未说明理由
    假如 适用规则集“hunan.ningyuan.2021”
    而且 案卷文件“cases/local/ningyuan/bad/non-adoption-unexplained.yaml”
    当 检查该案卷
    那么 应当报告违反“hunan.ningyuan.expert.feedback-and-publication”
    而且 该问题的说明应当包含“案卷未载明专家论证·未采纳理由”

  @rule_hunan_ningyuan_expert_feedback_and_publication
  场景大纲: 反馈专家、说明不采纳的理由、向社会公布
    假如 适用规则集“hunan.ningyuan.2021”
    而且 案卷文件“cases/local/ningyuan/good/heating-price.yaml”
    而且 <情况>
    当 在<阶段>检查该案卷
    那么 “hunan.ningyuan.expert.feedback-and-publication”的检查结果应当为<结果>

    例子:
      | 情况                                                   | 阶段   | 结果   |
      | 专家论证记录中的“专家意见全部采纳”为“是”                | 已完成 | 符合   |
      | 专家论证记录中未载明“未采纳理由”                        | 已完成 | 违反   |
      | 专家论证记录中的“论证意见及采纳情况公布”为“否”          | 已完成 | 违反   |
      | 专家论证记录中的“论证意见及采纳情况公布”为“否”          | 已决定 | 符合   |
      | 该案卷未进行专家论证                                    | 已完成 | 不适用 |

  @rule_hunan_ningyuan_expert_feedback_and_publication
  场景: 专家意见全部采纳的，无需说明不予采纳的理由
    假如 适用规则集“hunan.ningyuan.2021”
    而且 案卷文件“cases/local/ningyuan/bad/non-adoption-unexplained.yaml”
    而且 专家论证记录中的“专家意见全部采纳”为“是”
    那么 应当认定符合“hunan.ningyuan.expert.feedback-and-publication”

  # ------------------------------------------------------------------ 第29项 社会稳定风险评估与风险等级

  @rule_hunan_ningyuan_risk_trigger
  场景: 涉及群众切身利益的供热价格调整未开展风险评估；条例第二十二条在此不触发
    假如 适用规则集“hunan.ningyuan.2021”
    而且 案卷文件“cases/local/ningyuan/bad/public-interest-no-risk-assessment.yaml”
    当 检查该案卷
    那么 应当报告违反“涉及社会公众切身利益、可能影响社会稳定或公共安全、经济安全、金融安全的，应当开展社会稳定风险评估”
    而且 该问题的依据应当包含“第四部分（八）第29项”
    而且 应当认定“mad.risk.trigger”不适用

  @rule_hunan_ningyuan_risk_trigger
  场景大纲: 涉及社会公众切身利益或者可能影响经济安全、金融安全的，应当开展风险评估
    假如 适用规则集“hunan.ningyuan.2021”
    而且 案卷文件“cases/local/ningyuan/good/heating-price.yaml”
    而且 该决策事项不会对社会稳定、公共安全等方面造成不利影响
    而且 该决策事项<切身利益>
    而且 该决策事项<经济金融安全>
    而且 <风险评估>
    那么 “hunan.ningyuan.risk.trigger”的检查结果应当为<结果>

    例子:
      | 切身利益                         | 经济金融安全               | 风险评估                           | 结果   |
      | 涉及公共利益和人民群众切身利益     | 不会影响经济安全、金融安全 | 该案卷已于2023年6月28日完成风险评估 | 符合   |
      | 涉及公共利益和人民群众切身利益     | 不会影响经济安全、金融安全 | 该案卷未进行风险评估                 | 违反   |
      | 不涉及公共利益和人民群众切身利益   | 可能影响经济安全、金融安全 | 该案卷未进行风险评估                 | 违反   |
      | 不涉及公共利益和人民群众切身利益   | 不会影响经济安全、金融安全 | 该案卷未进行风险评估                 | 不适用 |

  @rule_hunan_ningyuan_risk_level
  场景: 风险等级为中，未降低风险等级即作出决策；条例第二十四条在此满足
    假如 适用规则集“hunan.ningyuan.2021”
    而且 案卷文件“cases/local/ningyuan/bad/medium-risk-decided.yaml”
    当 检查该案卷
    那么 应当报告违反“依据评估确定的风险等级作出决策结论；高、中风险的，应当降低风险等级后决策”
    而且 该问题的整改建议应当包含“重新评估”
    而且 应当认定符合“mad.risk.use-of-result”
    而且 除上述问题外，不应当报告其他问题

  @rule_hunan_ningyuan_risk_level
  场景: 风险评估未确定风险等级，提交讨论前即可发现
    假如 适用规则集“hunan.ningyuan.2021”
    而且 案卷文件“cases/local/ningyuan/bad/risk-level-not-set.yaml”
    当 在集体讨论前检查该案卷
    那么 应当报告违反“hunan.ningyuan.risk.level”
    而且 该问题的说明应当包含“案卷未载明风险评估·风险等级”

  @rule_hunan_ningyuan_risk_level
  场景大纲: 按最近一次评估的风险等级作出决策
    假如 适用规则集“hunan.ningyuan.2021”
    而且 案卷文件“cases/local/ningyuan/good/heating-price.yaml”
    而且 风险评估记录中的“风险等级”为“<等级>”
    那么 “hunan.ningyuan.risk.level”的检查结果应当为<结果>

    例子:
      | 等级 | 结果 |
      | 低   | 符合 |
      | 中   | 违反 |
      | 高   | 违反 |

  @rule_hunan_ningyuan_risk_level
  场景: 初评为中风险，采取措施后复评为低风险，再作出决策的，符合要求
    假如 适用规则集“hunan.ningyuan.2021”
    而且 案卷文件“cases/local/ningyuan/good/heating-price.yaml”
    而且 该案卷另有一份风险评估记录，内容如下：
      """
      评估日期: 2023年6月10日
      评估报告: 是
      风险点: [一次性调价幅度过大, 低收入群体承受能力]
      风险等级: 中
      风险可控: 是
      """
    那么 应当认定符合“hunan.ningyuan.risk.level”

  @rule_hunan_ningyuan_risk_level
  场景: 未开展风险评估的，风险等级要求不适用
    假如 适用规则集“hunan.ningyuan.2021”
    而且 案卷文件“cases/local/ningyuan/good/heating-price.yaml”
    而且 该案卷未进行风险评估
    那么 应当认定“hunan.ningyuan.risk.level”不适用

  # ------------------------------------------------------------------ 第31项 执行主体、时限、反馈

  @rule_hunan_ningyuan_exec_content
  场景: 决策未明确执行时限
    假如 适用规则集“hunan.ningyuan.2021”
    而且 案卷文件“cases/local/ningyuan/bad/no-execution-deadline.yaml”
    当 检查该案卷
    那么 应当报告违反“决策机关应当在决策中明确执行主体、执行时限、执行反馈”
    而且 该问题的依据应当包含“第四部分（九）第31项”
    而且 除上述问题外，不应当报告其他问题

  @rule_hunan_ningyuan_exec_content
  场景大纲: 决策中应当明确执行主体、执行时限和执行反馈
    假如 适用规则集“hunan.ningyuan.2021”
    而且 案卷文件“cases/local/ningyuan/good/heating-price.yaml”
    而且 <执行>
    那么 “hunan.ningyuan.exec.content”的检查结果应当为<结果>

    例子:
      | 执行                                         | 结果   |
      | 决策执行记录中的“执行时限”为“2023年11月1日前” | 符合   |
      | 决策执行记录中未载明“执行时限”                 | 违反   |
      | 决策执行记录中未载明“执行单位”                 | 违反   |
      | 决策执行记录中的“执行情况报告”为“否”           | 违反   |

  @rule_hunan_ningyuan_exec_content
  场景: 决策尚未公布执行时，执行内容的要求尚未到期
    假如 适用规则集“hunan.ningyuan.2021”
    而且 案卷文件“cases/local/ningyuan/bad/no-execution-deadline.yaml”
    当 在集体讨论前检查该案卷
    那么 应当认定“hunan.ningyuan.exec.content”不适用

  # ------------------------------------------------------------------ 第32项 重大调整前先开展决策后评估

  @rule_hunan_ningyuan_adjust_post_evaluation
  场景: 2025年1月即作出重大调整，决策后评估4月才开展
    假如 适用规则集“hunan.ningyuan.2021”
    而且 案卷文件“cases/local/ningyuan/bad/adjusted-before-post-evaluation.yaml”
    当 检查该案卷
    那么 应当报告违反“需要作出重大调整的，应当开展决策后评估，并将结果作为调整的重要依据”
    而且 该问题的依据应当包含“第四部分（九）第32项”
    而且 该问题的说明应当包含“调整前未开展决策后评估”
    而且 除上述问题外，不应当报告其他问题

  @rule_hunan_ningyuan_adjust_post_evaluation
  场景: 决策后评估后据评估结果作出重大调整，并重新履行法定程序
    假如 适用规则集“hunan.ningyuan.2021”
    而且 案卷文件“cases/local/ningyuan/good/adjusted-after-post-evaluation.yaml”
    当 检查该案卷
    那么 应当认定符合“hunan.ningyuan.adjust.post-evaluation”
    而且 不应当报告任何问题

  @rule_hunan_ningyuan_adjust_post_evaluation
  场景大纲: 重大调整应当以决策后评估为依据，并重新履行法定程序
    假如 适用规则集“hunan.ningyuan.2021”
    而且 案卷文件“cases/local/ningyuan/good/adjusted-after-post-evaluation.yaml”
    而且 <情况>
    那么 “hunan.ningyuan.adjust.post-evaluation”的检查结果应当为<结果>

    例子:
      | 情况                                         | 结果   |
      | 决策调整记录中的“重新履行法定程序”为“否”       | 违反   |
      | 该案卷没有决策后评估记录                       | 违反   |
      | 该案卷没有决策调整记录                         | 不适用 |
