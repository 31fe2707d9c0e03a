# language: zh-CN
@ningxia_pengyang_nd
功能: 彭阳县规范性文件制定和管理规则（ningxia.pengyang.nd.2018，据2018年法治政府示范创建工作方案）
  《彭阳县巩固提升和开展自治区级法治政府示范创建单位工作方案（征求意见稿）》第四部分（二）第1项“完善依法行政制度体系”：
  实行规范性文件统一登记、统一编号、统一印发制度和有效期制度；规范性文件要按照法定要求和程序予以公布；提交会议审议前
  应当先经法制机构合法性审查，并经政府或者部门会议集体讨论决定；把所有规范性文件纳入备案审查范围，做到有件必备。
  效果指标要求“除依法应当保密的外，规范性文件向社会公开征求意见率达到100%”，合法性审查率、公布率、报备率达到100%：
  比率只有每件文件都做到才能达到，所以按每件文件的义务检查。
  本规则集适用于2019年9月1日至2020年12月31日彭阳县（行政区划640425）制定的规范性文件（与彭阳县重大行政决策补充规则
  同一期间）；2022年3月12日起的文件按国家规则集 cn.nd.national 检查。
  除“规则集的选用”各场景外，每个场景都指定适用规则集“ningxia.pengyang.nd.2018”，以彭阳县人民政府2020年的临时救助
  实施办法（cases/normative/pengyang/good/temporary-assistance-2020.yaml）为底本，每次只改动一处。

  # ------------------------------------------------------------------ 规则集的选用

  场景: 彭阳县2020年制定的规范性文件，按2018年工作方案检查
    假如 案卷文件“cases/normative/pengyang/good/temporary-assistance-2020.yaml”
    当 检查该案卷
    那么 适用的规则集应当为“ningxia.pengyang.nd.2018”
    而且 本规则集适用于该案卷
    而且 该案卷合规

  场景: 同一份案卷未载明案卷类型的，按彭阳县重大行政决策补充规则检查
    假如 案卷文件“cases/normative/pengyang/good/temporary-assistance-2020.yaml”
    而且 案卷未载明“案卷类型”
    当 检查该案卷
    那么 适用的规则集应当为“ningxia.pengyang.2018”

  场景大纲: 本规则集与彭阳县重大行政决策补充规则同一期间；2022年3月12日起按国家规则集检查
    假如 案卷文件“cases/normative/pengyang/good/temporary-assistance-2020.yaml”
    而且 该决策于<日期>作出
    当 检查该案卷
    那么 适用的规则集应当为“<规则集>”

    例子:
      | 日期            | 规则集                   |
      | 2019年9月1日   | ningxia.pengyang.nd.2018 |
      | 2020年12月31日 | ningxia.pengyang.nd.2018 |
      | 2022年3月12日  | cn.nd.national           |

  # ------------------------------------------------------------------ 程序完备的底本

  @rule_pengyang2018_nd_public_comment @rule_pengyang2018_nd_legality_review @rule_pengyang2018_nd_collective_decision @rule_pengyang2018_nd_publication @rule_pengyang2018_nd_registration @rule_pengyang2018_nd_validity @rule_pengyang2018_nd_filing
  场景: 2020年的临时救助实施办法，各项程序均依2018年工作方案履行
    假如 适用规则集“ningxia.pengyang.nd.2018”
    而且 案卷文件“cases/normative/pengyang/good/temporary-assistance-2020.yaml”
    当 检查该案卷
    那么 不应当报告任何问题
    而且 应当认定符合“除依法应当保密的外，规范性文件应当向社会公开征求意见”
    而且 应当认定符合“规范性文件提交会议审议前应当先经法制机构合法性审查”
    而且 应当认定符合“规范性文件应当经政府或者部门会议集体讨论决定”
    而且 应当认定符合“规范性文件应当按照法定要求和程序予以公布”
    而且 应当认定符合“规范性文件统一登记、统一编号、统一印发”
    而且 应当认定符合“规范性文件实行有效期制度，公布时载明有效期”
    而且 应当认定符合“所有规范性文件纳入备案审查范围，有件必备”

  # ------------------------------------------------------------------ 效果指标1)：公开征求意见率100%

  @rule_pengyang2018_nd_public_comment
  场景: 未向社会公开征求意见，仅书面征求了部门意见
    假如 适用规则集“ningxia.pengyang.nd.2018”
    而且 案卷文件“cases/normative/pengyang/good/temporary-assistance-2020.yaml”
    而且 公众参与记录中的“方式”为“书面征求意见”
    当 检查该案卷
    那么 应当报告违反“pengyang2018.nd.public-comment”
    而且 该问题的依据应当包含“第四部分（二）第1项“效果指标”第1）目”
    而且 该问题的说明应当包含“公开征求意见率应达到100%”
    而且 除上述问题外，不应当报告其他问题

  @rule_pengyang2018_nd_public_comment
  场景大纲: 除依法应当保密的外，每件规范性文件都应当向社会公开征求意见
    假如 适用规则集“ningxia.pengyang.nd.2018”
    而且 案卷文件“cases/normative/pengyang/good/temporary-assistance-2020.yaml”
    而且 该案卷没有公众参与记录
    而且 <保密>
    当 检查该案卷
    那么 “除依法应当保密的外，规范性文件应当向社会公开征求意见”的检查结果应当为<结果>

    例子: 是否保密须在案卷中载明；未载明的，按可以公开处理
      | 保密                                     | 结果   |
      | 该决策事项依法不予公开                   | 不适用 |
      | 该决策事项可以依法公开                   | 违反   |
      | 案卷未载明该决策事项是否依法不予公开     | 违反   |

  @rule_pengyang2018_nd_public_comment
  场景: 文件尚未公布的，公开征求意见的检查尚未到期
    假如 适用规则集“ningxia.pengyang.nd.2018”
    而且 案卷文件“cases/normative/pengyang/good/temporary-assistance-2020.yaml”
    而且 该案卷没有公众参与记录
    当 在已决定阶段检查该案卷
    那么 应当认定“pengyang2018.nd.public-comment”不适用

  # ------------------------------------------------------------------ 具体措施3)：合法性审查、集体讨论决定

  @rule_pengyang2018_nd_legality_review
  场景大纲: 提交会议审议前应当先经法制机构合法性审查（合法性审查率100%）
    假如 适用规则集“ningxia.pengyang.nd.2018”
    而且 案卷文件“cases/normative/pengyang/good/temporary-assistance-2020.yaml”
    而且 <审查情况>
    当 检查该案卷
    那么 “规范性文件提交会议审议前应当先经法制机构合法性审查”的检查结果应当为<结果>
    而且 除上述问题外，不应当报告其他问题

    例子:
      | 审查情况                                                       | 结果 |
      | 该案卷没有合法性审查记录                                       | 违反 |
      | 合法性审查记录中的“形式”为“会签意见”                         | 违反 |
      | 合法性审查记录中未载明“审查机构”                             | 违反 |
      | 该决策草案于2020年5月6日送请合法性审查，于2020年5月14日出具审查意见 | 违反 |
      | 该决策草案于2020年5月6日送请合法性审查，于2020年5月11日出具审查意见 | 符合 |

  @rule_pengyang2018_nd_legality_review
  场景: 县政府常务会议审议后才出具合法性审查意见
    假如 适用规则集“ningxia.pengyang.nd.2018”
    而且 案卷文件“cases/normative/pengyang/bad/reviewed-after-meeting.yaml”
    当 检查该案卷
    那么 应当报告违反“pengyang2018.nd.legality-review”
    而且 该问题的依据应当包含“第四部分（二）第1项“具体措施”第3）目”
    而且 该问题的说明应当包含“合法性审查意见出具之前”
    而且 除上述问题外，不应当报告其他问题

  @rule_pengyang2018_nd_legality_review
  场景: 部门规范性文件同样应当先经本部门法制机构合法性审查
    假如 适用规则集“ningxia.pengyang.nd.2018”
    而且 案卷文件“cases/normative/pengyang/good/temporary-assistance-2020.yaml”
    而且 案卷中的“情形.县级以上人民政府制定”为“否”
    而且 该案卷没有合法性审查记录
    当 在集体讨论前检查该案卷
    那么 应当报告违反“规范性文件提交会议审议前应当先经法制机构合法性审查”
    而且 该问题的整改建议应当包含“本部门法制机构”

  @rule_pengyang2018_nd_collective_decision
  场景大纲: 政府和部门的规范性文件都应当经会议集体讨论决定
    假如 适用规则集“ningxia.pengyang.nd.2018”
    而且 案卷文件“cases/normative/pengyang/good/temporary-assistance-2020.yaml”
    而且 案卷中的“情形.县级以上人民政府制定”为“<政府制定>”
    而且 <集体讨论>
    而且 该决策于2020年5月14日作出
    当 检查该案卷
    那么 “规范性文件应当经政府或者部门会议集体讨论决定”的检查结果应当为<结果>

    例子:
      | 政府制定 | 集体讨论                 | 结果 |
      | 是       | 该案卷没有集体讨论记录   | 违反 |
      | 否       | 该案卷没有集体讨论记录   | 违反 |
      | 否       | 该决策草案于2020年5月12日经县民政局局长办公会议集体讨论 | 符合 |

  @rule_pengyang2018_nd_collective_decision
  场景: 未经县政府会议集体讨论决定，由分管副县长签发
    假如 适用规则集“ningxia.pengyang.nd.2018”
    而且 案卷文件“cases/normative/pengyang/bad/no-collective-decision.yaml”
    当 检查该案卷
    那么 应当报告违反“pengyang2018.nd.collective-decision”
    而且 该问题的依据应当包含“第四部分（二）第1项“具体措施”第3）目”
    而且 除上述问题外，不应当报告其他问题

  # ------------------------------------------------------------------ 具体措施2)：公布（公布率100%）

  @rule_pengyang2018_nd_publication
  场景: 印发后未向社会公布
    假如 适用规则集“ningxia.pengyang.nd.2018”
    而且 案卷文件“cases/normative/pengyang/good/temporary-assistance-2020.yaml”
    而且 该案卷没有公布记录
    当 检查该案卷
    那么 应当报告违反“规范性文件应当按照法定要求和程序予以公布”
    而且 该问题的依据应当包含“第四部分（二）第1项“具体措施”第2）目”
    而且 该问题的说明应当包含“案卷未载明是否履行决策公布”
    而且 应当认定“规范性文件实行有效期制度，公布时载明有效期”不适用
    而且 除上述问题外，不应当报告其他问题

  @rule_pengyang2018_nd_publication
  场景: 集体讨论决定后、公布之前，公布义务尚未到期
    假如 适用规则集“ningxia.pengyang.nd.2018”
    而且 案卷文件“cases/normative/pengyang/good/temporary-assistance-2020.yaml”
    而且 该案卷没有公布记录
    当 在已决定阶段检查该案卷
    那么 应当认定“pengyang2018.nd.publication”不适用
    而且 不应当报告任何问题

  # ------------------------------------------------------------------ 具体措施(1)：三统一、有效期制度

  @rule_pengyang2018_nd_registration
  场景大纲: 规范性文件应当统一登记、统一编号、统一印发
    假如 适用规则集“ningxia.pengyang.nd.2018”
    而且 案卷文件“cases/normative/pengyang/good/temporary-assistance-2020.yaml”
    而且 <登记情况>
    当 检查该案卷
    那么 “规范性文件统一登记、统一编号、统一印发”的检查结果应当为<结果>
    而且 除上述问题外，不应当报告其他问题

    例子:
      | 登记情况                                   | 结果 |
      | 该案卷没有统一登记编号记录                 | 违反 |
      | 统一登记编号记录中未载明“统一编号”       | 违反 |
      | 统一登记编号记录中的“统一印发”为“否”     | 违反 |
      | 统一登记编号记录中未载明“统一印发”       | 违反 |
      | 统一登记编号记录中的“统一编号”为“彭政规〔2020〕2号” | 符合 |

  @rule_pengyang2018_nd_registration
  场景: 已统一登记编号，但由承办单位自行印发
    假如 适用规则集“ningxia.pengyang.nd.2018”
    而且 案卷文件“cases/normative/pengyang/bad/not-issued-uniformly.yaml”
    当 检查该案卷
    那么 应当报告违反“pengyang2018.nd.registration”
    而且 该问题的依据应当包含“第四部分（二）第1项“具体措施”第（1）目”
    而且 该问题的说明应当包含“统一印发”

  @rule_pengyang2018_nd_validity
  场景: 公布的文件未规定有效期
    假如 适用规则集“ningxia.pengyang.nd.2018”
    而且 案卷文件“cases/normative/pengyang/good/temporary-assistance-2020.yaml”
    而且 公布记录中未载明“有效期至”
    当 检查该案卷
    那么 应当报告违反“规范性文件实行有效期制度，公布时载明有效期”
    而且 该问题的依据应当包含“第四部分（二）第1项“具体措施”第（1）目”
    而且 除上述问题外，不应当报告其他问题

  @rule_pengyang2018_nd_validity
  场景: 工作方案未规定有效期的上限，有效期较长的不据此报告问题
    假如 适用规则集“ningxia.pengyang.nd.2018”
    而且 案卷文件“cases/normative/pengyang/good/temporary-assistance-2020.yaml”
    而且 公布记录中的“有效期至”为“2030年6月30日”
    而且 该决策于2020年5月12日作出
    当 检查该案卷
    那么 应当认定符合“pengyang2018.nd.validity”
    而且 不应当报告任何问题

  # ------------------------------------------------------------------ 具体措施4)：有件必备（报备率100%）

  @rule_pengyang2018_nd_filing
  场景: 文件公布后未报送备案
    假如 适用规则集“ningxia.pengyang.nd.2018”
    而且 案卷文件“cases/normative/pengyang/good/temporary-assistance-2020.yaml”
    而且 该案卷没有备案记录
    当 检查该案卷
    那么 应当报告违反“所有规范性文件纳入备案审查范围，有件必备”
    而且 该问题的依据应当包含“第四部分（二）第1项“具体措施”第4）目”
    而且 除上述问题外，不应当报告其他问题

  @rule_pengyang2018_nd_filing
  场景: 文件刚公布、尚未归档时，备案义务尚未到期
    假如 适用规则集“ningxia.pengyang.nd.2018”
    而且 案卷文件“cases/normative/pengyang/good/temporary-assistance-2020.yaml”
    而且 该案卷没有备案记录
    当 在已公布阶段检查该案卷
    那么 应当认定“所有规范性文件纳入备案审查范围，有件必备”不适用
    而且 不应当报告任何问题
