# language: zh-CN
@jiangsu_yixing
功能: 宜兴市重大行政决策规则（jiangsu.yixing.2012，据宜政发〔2012〕60号）
  《宜兴市人民政府关于加快推进法治政府建设的实施意见》第二部分（三）第8项、第9项：把公众参与、专家论证、
  风险评估、合法性审查和集体讨论决定作为重大决策的必经程序；涉及公共利益和人民群众切身利益的都应组织听证；
  未经风险评估的，一律不得作出决策，风险不可控的，不得列入决策议程；未经合法性审查或者经审查不合法的，
  不得提交会议讨论、做出决策；事关全局的重大决策应当报告备案。
  本规则集独立成套（条例尚未施行），适用于2012年8月23日至2019年8月31日宜兴市（行政区划320282）作出的决策；
  此后宜兴市的决策按条例检查。
  除“规则集的选用”各场景外，每个场景都指定适用规则集“jiangsu.yixing.2012”，以2013年的老旧小区改造决策为底本，
  每次只改动一处。

  # ------------------------------------------------------------------ 规则集的选用

  场景: 宜兴市2013年作出的决策，按宜兴市2012年规则检查
    假如 按行政区划“320282”和决策日期2013年1月11日选用规则集
    而且 一份程序完备的重大行政决策案卷，于2013年1月11日集体讨论决定
    那么 适用的规则集应当为“jiangsu.yixing.2012”

  场景: 未指定规则集时，宜兴市2013年的案卷按案卷所载行政区划和决策日期选用宜兴市2012年规则
    假如 案卷文件“cases/local/yixing/good/old-community-renovation-2013.yaml”
    当 检查该案卷
    那么 适用的规则集应当为“jiangsu.yixing.2012”
    而且 本规则集适用于该案卷
    而且 该案卷合规

  场景: 宜兴市2023年作出的决策，按条例检查
    假如 一份程序完备的重大行政决策案卷
    而且 该案卷的行政区划为“320282”
    而且 该决策于2023年5月10日作出
    当 检查该案卷
    那么 适用的规则集应当为“cn.mad.decree-713”
    而且 本规则集适用于该案卷
    而且 该案卷合规

  场景: 条例施行之日起，宜兴市的决策不再按2012年规则检查
    假如 按行政区划“320282”和决策日期2019年9月1日选用规则集
    而且 一份程序完备的重大行政决策案卷，于2019年9月1日集体讨论决定
    那么 适用的规则集应当为“cn.mad.decree-713”

  @rule_yixing2012_pp_required @rule_yixing2012_expert_required @rule_yixing2012_hearing_public_interest @rule_yixing2012_risk_required @rule_yixing2012_risk_level @rule_yixing2012_risk_uncontrollable_not_on_agenda @rule_yixing2012_legal_before_meeting @rule_yixing2012_legal_unlawful @rule_yixing2012_coll_required @rule_yixing2012_report_filing
  场景: 2013年的老旧小区改造决策，各项程序均依宜兴市规则履行
    假如 适用规则集“jiangsu.yixing.2012”
    而且 案卷文件“cases/local/yixing/good/old-community-renovation-2013.yaml”
    当 检查该案卷
    那么 不应当报告任何问题
    而且 应当认定符合“公众参与是重大决策的必经程序”
    而且 应当认定符合“形成重大决策方案前，应当听取相关领域专家或研究机构的咨询意见”
    而且 应当认定符合“涉及公共利益和人民群众切身利益的重大决策事项都应组织听证”
    而且 应当认定符合“未经风险评估的，一律不得作出决策”
    而且 应当认定符合“通过综合评估确定决策事项的风险等级”
    而且 应当认定符合“风险不可控的，不得列入决策议程”
    而且 应当认定符合“提交常务会议或领导集体讨论前，应当交由法制机构进行合法性审查”
    而且 应当认定符合“经审查不合法的，不得提交会议讨论、做出决策”
    而且 应当认定符合“重大决策应当经政府常务会议或领导集体讨论决定”
    而且 应当认定符合“事关全局或对多数公民、法人和其他组织利益有重大影响的重大决策，应当报告备案”

  # ------------------------------------------------------------------ 必经程序：公众参与、专家论证

  @rule_yixing2012_pp_required
  场景: 未听取公众意见，违反必经程序
    假如 适用规则集“jiangsu.yixing.2012”
    而且 案卷文件“cases/local/yixing/bad/no-public-participation-2013.yaml”
    当 检查该案卷
    那么 应当报告违反“公众参与是重大决策的必经程序”
    而且 该问题的依据应当包含“第二部分（三）第8项”
    而且 除上述问题外，不应当报告其他问题

  @rule_yixing2012_expert_required
  场景: 专家论证是必经程序，不以专业性较强为条件
    假如 适用规则集“jiangsu.yixing.2012”
    而且 案卷文件“cases/local/yixing/good/old-community-renovation-2013.yaml”
    而且 该决策事项专业性、技术性不强
    而且 该案卷未进行专家论证
    当 检查该案卷
    那么 应当报告违反“yixing2012.expert.required”
    而且 该问题的整改建议应当包含“研究机构”
    而且 除上述问题外，不应当报告其他问题

  @rule_yixing2012_pp_required @rule_yixing2012_expert_required
  场景大纲: 必经程序的义务自送审时到期，起草阶段尚不适用
    假如 适用规则集“jiangsu.yixing.2012”
    而且 案卷文件“cases/local/yixing/bad/<案卷>.yaml”
    当 在<阶段>检查该案卷
    那么 “<规则>”的检查结果应当为<结果>

    例子:
      | 案卷                             | 阶段     | 规则                       | 结果   |
      | no-public-participation-2013     | 起草阶段 | yixing2012.pp.required     | 不适用 |
      | no-public-participation-2013     | 送审     | yixing2012.pp.required     | 违反   |
      | no-expert-consultation-2013      | 起草阶段 | yixing2012.expert.required | 不适用 |
      | no-expert-consultation-2013      | 集体讨论前 | yixing2012.expert.required | 违反   |

  # ------------------------------------------------------------------ 听证

  @rule_yixing2012_hearing_public_interest
  场景: 涉及公共利益的决策未组织听证，即使其他法律未要求听证
    假如 适用规则集“jiangsu.yixing.2012”
    而且 案卷文件“cases/local/yixing/bad/public-interest-no-hearing-2013.yaml”
    当 检查该案卷
    那么 应当报告违反“涉及公共利益和人民群众切身利益的重大决策事项都应组织听证”
    而且 除上述问题外，不应当报告其他问题

  @rule_yixing2012_hearing_public_interest
  场景大纲: 涉及公共利益和人民群众切身利益的重大决策事项都应组织听证
    假如 适用规则集“jiangsu.yixing.2012”
    而且 案卷文件“cases/local/yixing/good/old-community-renovation-2013.yaml”
    而且 该决策事项<公共利益>
    而且 <听证>
    那么 “yixing2012.hearing.public-interest”的检查结果应当为<结果>

    例子:
      | 公共利益                         | 听证                               | 结果   |
      | 涉及公共利益和人民群众切身利益     | 该案卷已于2012年11月30日完成听证会 | 符合   |
      | 涉及公共利益和人民群众切身利益     | 该案卷没有听证会记录                | 违反   |
      | 不涉及公共利益和人民群众切身利益   | 该案卷没有听证会记录                | 不适用 |

  # ------------------------------------------------------------------ 风险评估

  @rule_yixing2012_risk_required @rule_yixing2012_risk_level
  场景: 未经风险评估即作出决策
    假如 适用规则集“jiangsu.yixing.2012”
    而且 案卷文件“cases/local/yixing/bad/no-risk-assessment-2013.yaml”
    当 检查该案卷
    那么 应当报告违反“未经风险评估的，一律不得作出决策”
    而且 该问题的依据应当包含“第二部分（三）第9项”
    而且 应当认定“通过综合评估确定决策事项的风险等级”不适用
    而且 除上述问题外，不应当报告其他问题

  @rule_yixing2012_risk_required
  场景大纲: 风险评估是每一项重大决策的必经程序，并应在作出决策前完成
    假如 适用规则集“jiangsu.yixing.2012”
    而且 案卷文件“cases/local/yixing/good/old-community-renovation-2013.yaml”
    而且 该决策事项不会对社会稳定、公共安全等方面造成不利影响
    而且 <风险评估>
    那么 “yixing2012.risk.required”的检查结果应当为<结果>

    例子:
      | 风险评估                           | 结果 |
      | 该案卷已于2012年12月12日完成风险评估 | 符合 |
      | 该案卷未进行风险评估                 | 违反 |
      | 该案卷已于2013年1月20日完成风险评估  | 违反 |

  @rule_yixing2012_risk_level
  场景: 风险评估未确定风险等级
    假如 适用规则集“jiangsu.yixing.2012”
    而且 案卷文件“cases/local/yixing/bad/risk-level-not-set-2013.yaml”
    当 在集体讨论前检查该案卷
    那么 应当报告违反“通过综合评估确定决策事项的风险等级”
    而且 除上述问题外，不应当报告其他问题

  @rule_yixing2012_risk_uncontrollable_not_on_agenda @rule_yixing2012_risk_level
  场景: 风险不可控仍列入常务会议议程
    假如 适用规则集“jiangsu.yixing.2012”
    而且 案卷文件“cases/local/yixing/bad/uncontrollable-risk-on-agenda-2013.yaml”
    当 检查该案卷
    那么 应当报告违反“风险不可控的，不得列入决策议程”
    而且 该问题的整改建议应当包含“重新评估”
    而且 应当认定符合“yixing2012.risk.level”
    而且 除上述问题外，不应当报告其他问题

  @rule_yixing2012_risk_uncontrollable_not_on_agenda
  场景大纲: 只看最近一次风险评估：风险不可控的，不得列入决策议程
    假如 适用规则集“jiangsu.yixing.2012”
    而且 案卷文件“cases/local/yixing/good/old-community-renovation-2013.yaml”
    而且 <评估>
    那么 “yixing2012.risk.uncontrollable-not-on-agenda”的检查结果应当为<结果>

    例子:
      | 评估                               | 结果   |
      | 风险评估记录中的“风险可控”为“是”     | 符合   |
      | 风险评估记录中的“风险可控”为“否”     | 违反   |
      | 该案卷未进行风险评估                 | 不适用 |

  @rule_yixing2012_risk_uncontrollable_not_on_agenda
  场景: 初评风险不可控，落实措施后复评可控，再列入议程的，不违反
    假如 适用规则集“jiangsu.yixing.2012”
    而且 案卷文件“cases/local/yixing/good/old-community-renovation-2013.yaml”
    而且 该案卷另有一份风险评估记录，内容如下：
      """
      日期: 2012年11月20日
      评估报告: 是
      风险点: [加装电梯低层住户反对, 居民出资比例争议]
      风险等级: 高
      风险可控: 否
      """
    那么 应当认定符合“yixing2012.risk.uncontrollable-not-on-agenda”

  # ------------------------------------------------------------------ 合法性审查

  @rule_yixing2012_legal_before_meeting
  场景: 合法性审查意见晚于常务会议
    假如 适用规则集“jiangsu.yixing.2012”
    而且 案卷文件“cases/local/yixing/bad/legality-opinion-after-meeting-2013.yaml”
    当 检查该案卷
    那么 应当报告违反“提交常务会议或领导集体讨论前，应当交由法制机构进行合法性审查”
    而且 该问题的说明应当包含“晚于会议讨论”
    而且 除上述问题外，不应当报告其他问题

  @rule_yixing2012_legal_before_meeting
  场景大纲: 提交常务会议或领导集体讨论前，应当交由法制机构进行合法性审查
    假如 适用规则集“jiangsu.yixing.2012”
    而且 案卷文件“cases/local/yixing/good/old-community-renovation-2013.yaml”
    而且 <合法性审查>
    当 在集体讨论前检查该案卷
    那么 “yixing2012.legal.before-meeting”的检查结果应当为<结果>

    例子:
      | 合法性审查                                   | 结果 |
      | 该案卷已于2012年12月28日完成合法性审查         | 符合 |
      | 该案卷没有合法性审查记录                       | 违反 |
      | 该决策草案仅以征求意见的方式代替合法性审查       | 违反 |

  @rule_yixing2012_legal_unlawful
  场景: 经审查不合法仍提交常务会议讨论并作出决策
    假如 适用规则集“jiangsu.yixing.2012”
    而且 案卷文件“cases/local/yixing/bad/unlawful-still-discussed-2013.yaml”
    当 检查该案卷
    那么 应当报告违反“经审查不合法的，不得提交会议讨论、做出决策”
    而且 该问题的整改建议应当包含“重新送审”
    而且 除上述问题外，不应当报告其他问题

  @rule_yixing2012_legal_unlawful
  场景大纲: 只看最近一次合法性审查的结论
    假如 适用规则集“jiangsu.yixing.2012”
    而且 案卷文件“cases/local/yixing/good/old-community-renovation-2013.yaml”
    而且 合法性审查的结论为“<结论>”
    当 在集体讨论前检查该案卷
    那么 “经审查不合法的，不得提交会议讨论、做出决策”的检查结果应当为<结果>

    例子:
      | 结论     | 结果 |
      | 合法     | 符合 |
      | 应当修改 | 符合 |
      | 不合法   | 违反 |

  # ------------------------------------------------------------------ 集体讨论决定

  @rule_yixing2012_coll_required
  场景: 以市政府专题会议代替常务会议或领导集体讨论
    假如 适用规则集“jiangsu.yixing.2012”
    而且 案卷文件“cases/local/yixing/bad/special-topic-meeting-2013.yaml”
    当 检查该案卷
    那么 应当报告违反“重大决策应当经政府常务会议或领导集体讨论决定”
    而且 该问题的说明应当包含“专题会议”
    而且 除上述问题外，不应当报告其他问题

  @rule_yixing2012_coll_required
  场景大纲: 常务会议、全体会议、市长办公会议均属领导集体讨论；专题会议不是
    假如 适用规则集“jiangsu.yixing.2012”
    而且 案卷文件“cases/local/yixing/good/old-community-renovation-2013.yaml”
    而且 该决策草案于2013年1月11日经<会议>集体讨论
    那么 “yixing2012.coll.required”的检查结果应当为<结果>

    例子:
      | 会议                 | 结果 |
      | 市政府常务会议       | 符合 |
      | 市政府全体会议       | 符合 |
      | 市长办公会议         | 符合 |
      | 市政府专题会议       | 违反 |

  @rule_yixing2012_coll_required
  场景: 未经集体讨论即作出决策
    假如 适用规则集“jiangsu.yixing.2012”
    而且 案卷文件“cases/local/yixing/good/old-community-renovation-2013.yaml”
    而且 该案卷没有集体讨论决定记录
    而且 该决策于2013年1月11日作出
    那么 应当报告违反“yixing2012.coll.required”

  # ------------------------------------------------------------------ 报告备案

  @rule_yixing2012_report_filing
  场景: 事关全局的决策未报告备案
    假如 适用规则集“jiangsu.yixing.2012”
    而且 案卷文件“cases/local/yixing/bad/not-filed-2013.yaml”
    当 检查该案卷
    那么 应当报告违反“事关全局或对多数公民、法人和其他组织利益有重大影响的重大决策，应当报告备案”
    而且 除上述问题外，不应当报告其他问题

  @rule_yixing2012_report_filing
  场景大纲: 事关全局或者对多数人利益有重大影响的，应当报告备案；公布前义务尚未到期
    假如 适用规则集“jiangsu.yixing.2012”
    而且 案卷文件“cases/local/yixing/good/old-community-renovation-2013.yaml”
    而且 该决策事项<影响>
    而且 <备案>
    当 在<阶段>检查该案卷
    那么 “yixing2012.report-filing”的检查结果应当为<结果>

    例子:
      | 影响                                                   | 备案                           | 阶段   | 结果   |
      | 事关全局或者对多数公民、法人和其他组织的利益有重大影响     | 该案卷已于2013年2月5日完成备案   | 已完成 | 符合   |
      | 事关全局或者对多数公民、法人和其他组织的利益有重大影响     | 该案卷没有备案记录               | 已完成 | 违反   |
      | 事关全局或者对多数公民、法人和其他组织的利益有重大影响     | 该案卷没有备案记录               | 已决定 | 不适用 |
      | 并非事关全局，也不对多数公民、法人和其他组织的利益有重大影响 | 该案卷没有备案记录               | 已完成 | 不适用 |
