# language: zh-CN
@sichuan_wanyuan
功能: 万源市两级合法性审查（sichuan.wanyuan.2019）
  《万源市人民政府关于2019年度法治政府建设工作情况的报告》第一部分（二）“三要坚持规范送审程序”：
  建立两级合法性审查机制，即先由承办单位法制机构或法律顾问进行合法性审查，在承办单位领导班子集体讨论
  形成送审方案后，提交市政府审议前，再由市政府法制机构进行合法性审查。
  本规则集作为条例之上的补充层，适用于2019年9月1日以后万源市（行政区划511781）作出的决策。
  除“规则集的选用”各场景外，每个场景都指定适用规则集“sichuan.wanyuan.2019”，以2023年的供热价格调整决策为底本。

  # ------------------------------------------------------------------ 规则集的选用

  场景: 万源市2023年作出的决策，按万源市规则检查
    假如 案卷文件“cases/local/wanyuan/good/two-level-review.yaml”
    当 检查该案卷
    那么 适用的规则集应当为“sichuan.wanyuan.2019”
    而且 该案卷合规

  场景: 万源市规则未规定截止日期，2026年的决策仍按万源市规则检查
    假如 按行政区划“511781”和决策日期2026年3月1日选用规则集
    而且 一份程序完备的重大行政决策案卷，于2026年3月1日集体讨论决定
    那么 适用的规则集应当为“sichuan.wanyuan.2019”

  @rule_sichuan_wanyuan_legal_unit_review @rule_sichuan_wanyuan_legal_unit_discussion @rule_sichuan_wanyuan_legal_government_review
  场景: 两级合法性审查依次完成
    假如 适用规则集“sichuan.wanyuan.2019”
    而且 案卷文件“cases/local/wanyuan/good/two-level-review.yaml”
    当 检查该案卷
    那么 不应当报告任何问题
    而且 应当认定符合“先由承办单位法制机构或法律顾问进行合法性审查”
    而且 应当认定符合“承办单位领导班子在本单位合法性审查后集体讨论形成送审方案”
    而且 应当认定符合“承办单位集体讨论形成送审方案后、提交市政府审议前，再由市政府法制机构进行合法性审查”

  # ------------------------------------------------------------------ 第一级：承办单位审查

  @rule_sichuan_wanyuan_legal_unit_review
  场景: 未经承办单位法制机构或法律顾问审查，直接由单位集体讨论后送市司法局
    假如 适用规则集“sichuan.wanyuan.2019”
    而且 案卷文件“cases/local/wanyuan/bad/no-unit-review.yaml”
    当 检查该案卷
    那么 应当报告违反“先由承办单位法制机构或法律顾问进行合法性审查”
    而且 该问题的依据应当包含“三要坚持规范送审程序”
    而且 该问题的整改建议应当包含“法律顾问”
    而且 应当认定符合“sichuan.wanyuan.legal.government-review”

  @rule_sichuan_wanyuan_legal_unit_review
  场景大纲: 承办单位的审查是第一级审查，提交市政府讨论前应当完成
    假如 适用规则集“sichuan.wanyuan.2019”
    而且 案卷文件“cases/local/wanyuan/good/two-level-review.yaml”
    而且 <承办单位审查>
    当 在<阶段>检查该案卷
    那么 “sichuan.wanyuan.legal.unit-review”的检查结果应当为<结果>

    例子:
      | 承办单位审查                               | 阶段       | 结果   |
      | 该案卷已于2023年6月29日完成承办单位合法性审查 | 集体讨论前 | 符合   |
      | 该案卷没有承办单位合法性审查记录             | 集体讨论前 | 违反   |
      | 该案卷没有承办单位合法性审查记录             | 起草阶段   | 不适用 |

  # ------------------------------------------------------------------ 承办单位集体讨论

  @rule_sichuan_wanyuan_legal_unit_discussion @rule_sichuan_wanyuan_legal_unit_review
  场景: 单位党组在法律顾问出具意见之前即集体讨论形成送审方案
    假如 适用规则集“sichuan.wanyuan.2019”
    而且 案卷文件“cases/local/wanyuan/bad/unit-discussion-before-unit-review.yaml”
    当 检查该案卷
    那么 应当报告违反“承办单位领导班子在本单位合法性审查后集体讨论形成送审方案”
    而且 该问题的说明应当包含“没有本单位法制机构或法律顾问出具的合法性审查意见”
    而且 应当认定符合“sichuan.wanyuan.legal.unit-review”
    而且 除上述问题外，不应当报告其他问题

  @rule_sichuan_wanyuan_legal_unit_discussion @rule_sichuan_wanyuan_legal_government_review
  场景: 承办单位领导班子未集体讨论形成送审方案
    假如 适用规则集“sichuan.wanyuan.2019”
    而且 案卷文件“cases/local/wanyuan/good/two-level-review.yaml”
    而且 该案卷没有承办单位集体讨论记录
    当 在集体讨论前检查该案卷
    那么 应当报告违反“sichuan.wanyuan.legal.unit-discussion”
    而且 该问题的说明应当包含“案卷未载明是否履行承办单位集体讨论”
    而且 应当认定“sichuan.wanyuan.legal.government-review”不适用
    而且 除上述问题外，不应当报告其他问题

  @rule_sichuan_wanyuan_legal_unit_discussion
  场景大纲: 承办单位集体讨论应当在本单位审查意见出具之后
    假如 适用规则集“sichuan.wanyuan.2019”
    而且 案卷文件“cases/local/wanyuan/good/two-level-review.yaml”
    而且 该案卷已于<讨论日期>完成承办单位集体讨论
    当 在集体讨论前检查该案卷
    那么 “sichuan.wanyuan.legal.unit-discussion”的检查结果应当为<结果>

    例子:
      | 讨论日期       | 结果 |
      | 2023年7月1日   | 符合 |
      | 2023年6月30日  | 符合 |
      | 2023年6月27日  | 违反 |

  # ------------------------------------------------------------------ 第二级：市政府法制机构审查

  @rule_sichuan_wanyuan_legal_government_review @rule_sichuan_wanyuan_legal_unit_discussion
  场景: 单位党组尚未形成送审方案即送市司法局审查
    假如 适用规则集“sichuan.wanyuan.2019”
    而且 案卷文件“cases/local/wanyuan/bad/government-review-before-unit-discussion.yaml”
    当 检查该案卷
    那么 应当报告违反“承办单位集体讨论形成送审方案后、提交市政府审议前，再由市政府法制机构进行合法性审查”
    而且 该问题的说明应当包含“第二级审查应当审查单位集体讨论后的送审方案”
    而且 应当认定符合“sichuan.wanyuan.legal.unit-discussion”
    而且 除上述问题外，不应当报告其他问题

  @rule_sichuan_wanyuan_legal_government_review
  场景大纲: 市政府法制机构审查的应当是承办单位集体讨论后的送审方案
    假如 适用规则集“sichuan.wanyuan.2019”
    而且 案卷文件“cases/local/wanyuan/good/two-level-review.yaml”
    而且 该决策草案于<送审日期>送请合法性审查，于2023年7月18日出具审查意见
    当 在集体讨论前检查该案卷
    那么 “sichuan.wanyuan.legal.government-review”的检查结果应当为<结果>

    例子:
      | 送审日期      | 结果 |
      | 2023年7月5日  | 符合 |
      | 2023年6月30日 | 违反 |
