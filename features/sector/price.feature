# language: zh-CN
@sector_price
功能: 政府指导价、政府定价（《中华人民共和国价格法》第二十二条至第二十四条，领域规则集 cn.sector.price）
  案卷载明“事项领域: 政府定价”的，在条例（及地方层）之上叠加价格法领域规则集：
  制定政府指导价、政府定价，应当开展价格、成本调查，听取消费者、经营者和有关方面的意见（第二十二条第一款）；
  关系群众切身利益的公用事业价格、公益性服务价格、自然垄断经营的商品价格，由政府价格主管部门主持听证（第二十三条）；
  制定后由制定价格的部门向消费者、经营者公布（第二十四条）。听证的具体程序见《政府制定价格听证办法》（本项目未收录，不检查）。

  场景: 案卷载明事项领域为政府定价的，叠加价格法领域规则集
    假如 案卷文件“cases/sector/price/good/government-heating-price.yaml”
    当 检查该案卷
    那么 适用的规则集应当为“cn.mad.decree-713+cn.sector.price”
    而且 该案卷合规

  @rule_price_hearing @rule_price_cost_survey @rule_price_opinions @rule_price_publication
  场景: 政府部门的价格决策，调查、听取意见、听证、公布俱全
    假如 案卷文件“cases/sector/price/good/department-gas-price-hearing.yaml”
    当 检查该案卷
    那么 适用的规则集应当为“cn.mad.decree-713+cn.mad.decree-713.art42-department+cn.sector.price”
    而且 不应当报告任何问题
    而且 应当认定符合“price.hearing”
    而且 应当认定符合“price.cost-survey”
    而且 应当认定符合“price.opinions”
    而且 应当认定符合“price.publication”

  @rule_price_hearing
  场景: 公用事业价格未经价格主管部门主持的听证，违反价格法第二十三条
    假如 案卷文件“cases/sector/price/bad/department-no-hearing.yaml”
    当 检查该案卷
    那么 应当报告违反“price.hearing”
    而且 该问题的依据应当包含“《中华人民共和国价格法》第二十三条”
    而且 除上述问题外，不应当报告其他问题

  @rule_price_hearing
  场景: 不属于价格听证范围的，不要求价格听证
    假如 案卷文件“cases/sector/price/bad/department-no-hearing.yaml”
    而且 案卷中的“情形.关系群众切身利益的公用事业价格”为“否”
    当 检查该案卷
    那么 应当认定“price.hearing”不适用
    而且 不应当报告任何问题

  @rule_price_hearing
  场景: 听证会未载明由政府价格主管部门主持，违反价格法第二十三条
    假如 案卷文件“cases/sector/price/good/department-gas-price-hearing.yaml”
    而且 听证会记录中的“由政府价格主管部门主持”为“否”
    当 检查该案卷
    那么 应当报告违反“price.hearing”
    而且 除上述问题外，不应当报告其他问题

  @rule_price_cost_survey
  场景: 未开展价格、成本调查，违反价格法第二十二条第一款
    假如 案卷文件“cases/sector/price/bad/no-cost-survey.yaml”
    当 检查该案卷
    那么 应当报告违反“price.cost-survey”
    而且 该问题的依据应当包含“《中华人民共和国价格法》第二十二条第一款”
    而且 除上述问题外，不应当报告其他问题

  @rule_price_opinions
  场景: 未载明听取消费者、经营者意见，违反价格法第二十二条第一款（收紧条例第十四条第一款）
    假如 案卷文件“cases/sector/price/bad/no-consumer-opinions.yaml”
    当 检查该案卷
    那么 应当报告违反“price.opinions”
    而且 除上述问题外，不应当报告其他问题

  @rule_price_publication
  场景: 政府定价未公布，违反价格法第二十四条，且没有“依法不予公开”的例外
    假如 案卷文件“cases/sector/price/bad/not-published.yaml”
    而且 该决策事项依法不予公开
    当 检查该案卷
    那么 应当报告违反“price.publication”
    而且 该问题的依据应当包含“第二十四条”
