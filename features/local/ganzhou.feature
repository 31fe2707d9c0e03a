# language: zh-CN
@jiangxi_ganzhou
功能: 赣州市重大行政决策补充规则（jiangxi.ganzhou.2022）
  《赣州市法治政府建设实施方案（2022—2025年）》第三部分（三）：作出重大决策前，行政机关负责人应当听取
  合法性审查机构的意见（第10项）；编制重大行政决策事项目录并于每年一季度向社会公布（第11项）。
  本规则集作为条例之上的市级补充层，适用于2022年3月10日至2025年12月31日赣州市（行政区划3607，
  含所辖县、市、区）作出的决策。
  除“规则集的选用”各场景外，每个场景都指定适用规则集“jiangxi.ganzhou.2022”，以2023年的供热价格调整决策为底本。

  # ------------------------------------------------------------------ 规则集的选用

  场景: 赣州市2023年作出的决策，按赣州市补充规则检查
    假如 案卷文件“cases/local/ganzhou/good/catalog-q1-head-heard-legality.yaml”
    当 检查该案卷
    那么 适用的规则集应当为“jiangxi.ganzhou.2022”
    而且 该案卷合规

  场景大纲: 赣州市所辖县区的决策，在方案有效期内也按赣州市补充规则检查
    假如 按行政区划“<行政区划>”和决策日期<日期>选用规则集
    而且 一份程序完备的重大行政决策案卷，于<日期>集体讨论决定
    那么 适用的规则集应当为“<规则集>”

    例子:
      | 行政区划 | 日期          | 规则集               |
      | 360702   | 2023年8月2日  | jiangxi.ganzhou.2022 |
      | 3607     | 2022年3月10日 | jiangxi.ganzhou.2022 |
      | 3607     | 2022年3月9日  | cn.mad.decree-713    |
      | 3607     | 2026年1月5日  | cn.mad.decree-713    |

  @rule_jiangxi_ganzhou_catalog_first_quarter @rule_jiangxi_ganzhou_coll_legality_body_heard
  场景: 目录于一季度公布，市长决策前听取了市司法局的意见
    假如 适用规则集“jiangxi.ganzhou.2022”
    而且 案卷文件“cases/local/ganzhou/good/catalog-q1-head-heard-legality.yaml”
    当 检查该案卷
    那么 不应当报告任何问题
    而且 应当认定符合“重大行政决策事项目录于每年一季度向社会公布”
    而且 应当认定符合“作出重大决策前，行政机关负责人应当听取合法性审查机构的意见”

  # ------------------------------------------------------------------ 目录于一季度公布

  @rule_jiangxi_ganzhou_catalog_first_quarter
  场景: 年度目录4月才公布，给予警示，不影响合规结论
    假如 适用规则集“jiangxi.ganzhou.2022”
    而且 案卷文件“cases/local/ganzhou/bad/catalog-published-in-april.yaml”
    当 检查该案卷
    那么 应当报告违反“重大行政决策事项目录于每年一季度向社会公布”
    而且 该问题的依据应当包含“第三部分（三）第11项”
    而且 该问题的整改建议应当包含“一季度”
    而且 应当认定符合“mad.scope.catalog”
    而且 除上述问题外，不应当报告其他问题
    而且 该案卷合规

  @rule_jiangxi_ganzhou_catalog_first_quarter
  场景大纲: 列入目录的决策事项，目录应当于当年一季度（3月31日前）公布
    假如 适用规则集“jiangxi.ganzhou.2022”
    而且 案卷文件“cases/local/ganzhou/good/catalog-q1-head-heard-legality.yaml”
    而且 案卷中的“决策事项目录.公布日期”为“<公布日期>”
    那么 “jiangxi.ganzhou.catalog.first-quarter”的检查结果应当为<结果>

    例子:
      | 公布日期    | 结果 |
      | 2022-12-28  | 符合 |
      | 2023-03-31  | 符合 |
      | 2023-04-01  | 违反 |

  @rule_jiangxi_ganzhou_catalog_first_quarter
  场景: 未列入目录的决策事项，不适用目录公布时限
    假如 适用规则集“jiangxi.ganzhou.2022”
    而且 案卷文件“cases/local/ganzhou/bad/catalog-published-in-april.yaml”
    而且 案卷中的“决策事项目录.列入目录”为“否”
    那么 应当认定“jiangxi.ganzhou.catalog.first-quarter”不适用

  @rule_jiangxi_ganzhou_catalog_first_quarter
  场景: 案卷直接载明目录未于一季度公布
    假如 适用规则集“jiangxi.ganzhou.2022”
    而且 案卷文件“cases/local/ganzhou/good/catalog-q1-head-heard-legality.yaml”
    而且 案卷未载明“决策事项目录.目录年度”
    而且 案卷中的“决策事项目录.一季度公布”为“否”
    那么 应当报告违反“jiangxi.ganzhou.catalog.first-quarter”

  # ------------------------------------------------------------------ 听取合法性审查机构的意见

  @rule_jiangxi_ganzhou_coll_legality_body_heard
  场景: 会议纪要载明作出决定前未听取合法性审查机构的意见
    假如 适用规则集“jiangxi.ganzhou.2022”
    而且 案卷文件“cases/local/ganzhou/bad/head-did-not-hear-legality-body.yaml”
    当 检查该案卷
    那么 应当报告违反“作出重大决策前，行政机关负责人应当听取合法性审查机构的意见”
    而且 该问题的依据应当包含“第三部分（三）第10项”
    而且 除上述问题外，不应当报告其他问题
    而且 该案卷不合规

  @rule_jiangxi_ganzhou_coll_legality_body_heard
  场景大纲: 行政机关负责人作出决策前应当听取合法性审查机构的意见；集体讨论前尚未到期
    假如 适用规则集“jiangxi.ganzhou.2022”
    而且 案卷文件“cases/local/ganzhou/good/catalog-q1-head-heard-legality.yaml”
    而且 集体讨论决定记录中的“听取合法性审查机构意见”为“<听取>”
    当 在<阶段>检查该案卷
    那么 “jiangxi.ganzhou.coll.legality-body-heard”的检查结果应当为<结果>

    例子:
      | 听取 | 阶段       | 结果   |
      | 是   | 已决定     | 符合   |
      | 否   | 已决定     | 违反   |
      | 否   | 集体讨论前 | 不适用 |
