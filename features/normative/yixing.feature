# language: zh-CN
@jiangsu_yixing_nd
功能: 宜兴市规范性文件制定和管理规则（jiangsu.yixing.nd.2012，据宜政发〔2012〕60号）
  《宜兴市人民政府关于加快推进法治政府建设的实施意见》第二部分（二）第6项、第7项：规范性文件未经公开征求意见、
  合法性审查、政府常务会议或领导集体讨论决定的，不得发布施行；严格实行统一登记、统一编号、统一公布制度；
  做到有件必备；有效期一般不超过5年；每2年清理一次，清理结果向社会公布。
  本规则集适用于2012年8月23日至2022年3月11日宜兴市（行政区划320282）制定的规范性文件；此后的文件按国家规则集
  cn.nd.national 检查。
  除“规则集的选用”各场景外，每个场景都指定适用规则集“jiangsu.yixing.nd.2012”，以宜兴市人民政府2016年的住宅小区
  停车服务收费管理办法（cases/normative/yixing-2012/good/yixing-residential-parking-2016.yaml）为底本，每次只改动一处。

  # ------------------------------------------------------------------ 规则集的选用

  场景: 宜兴市2016年制定的规范性文件，按宜政发〔2012〕60号检查
    假如 案卷文件“cases/normative/yixing-2012/good/yixing-residential-parking-2016.yaml”
    当 检查该案卷
    那么 适用的规则集应当为“jiangsu.yixing.nd.2012”
    而且 本规则集适用于该案卷
    而且 该案卷合规

  场景: 同一份案卷未载明案卷类型的，按宜兴市重大行政决策规则检查
    假如 案卷文件“cases/normative/yixing-2012/good/yixing-residential-parking-2016.yaml”
    而且 案卷未载明“案卷类型”
    当 检查该案卷
    那么 适用的规则集应当为“jiangsu.yixing.2012”

  场景大纲: 2022年3月12日起宜兴市的规范性文件按国家规则集检查
    假如 案卷文件“cases/normative/yixing-2012/good/yixing-residential-parking-2016.yaml”
    而且 该决策于<日期>作出
    当 检查该案卷
    那么 适用的规则集应当为“<规则集>”

    例子:
      | 日期           | 规则集                 |
      | 2012年8月23日 | jiangsu.yixing.nd.2012 |
      | 2022年3月11日 | jiangsu.yixing.nd.2012 |
      | 2022年3月12日 | cn.nd.national         |

  # ------------------------------------------------------------------ 程序完备的底本

  @rule_yixing2012_nd_before_issue @rule_yixing2012_nd_registration @rule_yixing2012_nd_filing @rule_yixing2012_nd_validity @rule_yixing2012_nd_cleanup_published
  场景: 2016年的停车服务收费管理办法，各项程序均依宜政发〔2012〕60号履行
    假如 适用规则集“jiangsu.yixing.nd.2012”
    而且 案卷文件“cases/normative/yixing-2012/good/yixing-residential-parking-2016.yaml”
    当 检查该案卷
    那么 不应当报告任何问题
    而且 应当认定符合“未经公开征求意见、合法性审查、集体讨论决定的规范性文件，不得发布施行”
    而且 应当认定符合“规范性文件统一登记、统一编号、统一公布”
    而且 应当认定符合“规范性文件有件必备”
    而且 应当认定符合“规范性文件有效期一般不超过5年”
    而且 应当认定符合“规范性文件清理结果向社会公布”

  # ------------------------------------------------------------------ 第6项：未经三项程序不得发布施行

  @rule_yixing2012_nd_before_issue
  场景大纲: 未经公开征求意见、合法性审查、集体讨论决定的，不得发布施行
    假如 适用规则集“jiangsu.yixing.nd.2012”
    而且 案卷文件“cases/normative/yixing-2012/good/yixing-residential-parking-2016.yaml”
    而且 <缺少的程序>
    当 检查该案卷
    那么 应当报告违反“yixing2012.nd.before-issue”
    而且 该问题的依据应当包含“第二部分（二）第6项”
    而且 该问题的说明应当包含“<说明>”
    而且 除上述问题外，不应当报告其他问题

    例子:
      | 缺少的程序                             | 说明             |
      | 公众参与记录中的“方式”为“书面征求意见” | 公开征求意见     |
      | 该案卷没有合法性审查记录               | 合法性审查       |
      | 合法性审查记录中的“形式”为“会签意见”   | 合法性审查       |
      | 该案卷没有集体讨论记录                 | 集体讨论决定     |

  @rule_yixing2012_nd_before_issue
  场景: 文件尚未发布施行的，“不得发布施行”的要求尚未到期，仍可在发布前补行公开征求意见
    假如 适用规则集“jiangsu.yixing.nd.2012”
    而且 案卷文件“cases/normative/yixing-2012/good/yixing-residential-parking-2016.yaml”
    而且 公众参与记录中的“方式”为“书面征求意见”
    当 在已决定阶段检查该案卷
    那么 应当认定“未经公开征求意见、合法性审查、集体讨论决定的规范性文件，不得发布施行”不适用

  # ------------------------------------------------------------------ 第7项：三统一、有件必备

  @rule_yixing2012_nd_registration
  场景大纲: 规范性文件应当统一登记、统一编号
    假如 适用规则集“jiangsu.yixing.nd.2012”
    而且 案卷文件“cases/normative/yixing-2012/good/yixing-residential-parking-2016.yaml”
    而且 <登记情况>
    当 检查该案卷
    那么 “规范性文件统一登记、统一编号、统一公布”的检查结果应当为<结果>
    而且 除上述问题外，不应当报告其他问题

    例子:
      | 登记情况                               | 结果 |
      | 该案卷没有统一登记编号记录             | 违反 |
      | 统一登记编号记录中未载明“统一编号”     | 违反 |
      | 统一登记编号记录中的“统一编号”为“宜政规〔2016〕2号” | 符合 |

  @rule_yixing2012_nd_registration
  场景: 未经统一登记、统一编号即印发
    假如 适用规则集“jiangsu.yixing.nd.2012”
    而且 案卷文件“cases/normative/yixing-2012/good/yixing-residential-parking-2016.yaml”
    而且 该案卷没有统一登记编号记录
    当 检查该案卷
    那么 应当报告违反“规范性文件统一登记、统一编号、统一公布”
    而且 该问题的依据应当包含“第二部分（二）第7项”

  @rule_yixing2012_nd_filing
  场景: 文件公布后未报送备案，违反“有件必备”
    假如 适用规则集“jiangsu.yixing.nd.2012”
    而且 案卷文件“cases/normative/yixing-2012/good/yixing-residential-parking-2016.yaml”
    而且 该案卷没有备案记录
    当 检查该案卷
    那么 应当报告违反“规范性文件有件必备”
    而且 该问题的依据应当包含“第二部分（二）第7项”
    而且 除上述问题外，不应当报告其他问题

  @rule_yixing2012_nd_filing
  场景: 文件刚公布、尚未归档时，备案义务尚未到期
    假如 适用规则集“jiangsu.yixing.nd.2012”
    而且 案卷文件“cases/normative/yixing-2012/good/yixing-residential-parking-2016.yaml”
    而且 该案卷没有备案记录
    当 在已公布阶段检查该案卷
    那么 应当认定“规范性文件有件必备”不适用
    而且 不应当报告任何问题

  # ------------------------------------------------------------------ 第7项：有效期一般不超过5年

  @rule_yixing2012_nd_validity
  场景大纲: 有效期自施行之日起计算，一般不超过5年
    假如 适用规则集“jiangsu.yixing.nd.2012”
    而且 案卷文件“cases/normative/yixing-2012/good/yixing-residential-parking-2016.yaml”
    而且 公布记录中的“施行日期”为“2016年7月1日”
    而且 公布记录中的“有效期至”为“<有效期至>”
    当 检查该案卷
    那么 “规范性文件有效期一般不超过5年”的检查结果应当为<结果>

    例子: 按年计算的期间，到期年份的对应日为期间的最后一日
      | 有效期至       | 结果 |
      | 2021年6月30日 | 符合 |
      | 2021年7月1日  | 符合 |
      | 2021年7月2日  | 违反 |
      | 2023年6月30日 | 违反 |

  @rule_yixing2012_nd_validity
  场景: 公布的文件未规定有效期
    假如 适用规则集“jiangsu.yixing.nd.2012”
    而且 案卷文件“cases/normative/yixing-2012/good/yixing-residential-parking-2016.yaml”
    而且 公布记录中未载明“有效期至”
    当 检查该案卷
    那么 应当报告违反“规范性文件有效期一般不超过5年”
    而且 该问题的说明应当包含“有效期”
    而且 除上述问题外，不应当报告其他问题

  @rule_yixing2012_nd_validity
  场景: 有效期定为7年
    假如 适用规则集“jiangsu.yixing.nd.2012”
    而且 案卷文件“cases/normative/yixing-2012/good/yixing-residential-parking-2016.yaml”
    而且 公布记录中的“有效期至”为“2023年6月30日”
    当 检查该案卷
    那么 应当报告违反“yixing2012.nd.validity”
    而且 该问题的依据应当包含“第二部分（二）第7项”
    而且 除上述问题外，不应当报告其他问题

  # ------------------------------------------------------------------ 第7项：清理结果向社会公布

  @rule_yixing2012_nd_cleanup_published
  场景大纲: 清理结果应当向社会公布
    假如 适用规则集“jiangsu.yixing.nd.2012”
    而且 案卷文件“cases/normative/yixing-2012/good/yixing-residential-parking-2016.yaml”
    而且 <清理情况>
    当 检查该案卷
    那么 “规范性文件清理结果向社会公布”的检查结果应当为<结果>
    而且 除上述问题外，不应当报告其他问题

    例子:
      | 清理情况                         | 结果   |
      | 清理记录中的“结果公布”为“否”   | 违反   |
      | 清理记录中未载明“清理结果”       | 违反   |
      | 该案卷没有清理记录               | 不适用 |

  @rule_yixing2012_nd_cleanup_published
  场景: 2018年清理后，清理结果未向社会公布
    假如 适用规则集“jiangsu.yixing.nd.2012”
    而且 案卷文件“cases/normative/yixing-2012/good/yixing-residential-parking-2016.yaml”
    而且 清理记录中的“结果公布”为“否”
    当 检查该案卷
    那么 应当报告违反“规范性文件清理结果向社会公布”
    而且 该问题的依据应当包含“第二部分（二）第7项”
    而且 该问题的整改建议应当包含“向社会公布”
