# language: zh-CN
@art_42
功能: 政府部门和乡级人民政府参照执行条例（条例第二条、第四十二条）
  条例适用于县级以上地方人民政府（第二条）；县级以上人民政府部门和乡级人民政府的重大行政决策参照条例执行（第四十二条）。
  决策机关层级可在案卷中以“决策机关层级”载明，未载明的按决策机关名称推断（…人民政府、…局、…委员会、…镇、…街道办事处）。
  参照执行时，以人民政府为前提的规定读作本机关的相应做法：常务会议、全体会议读作部门的领导班子会议、局务会议，
  乡镇的党政联席会议；依据写作“参照《重大行政决策程序暂行条例》第…条（第四十二条）”。

  @rule_mad_art42_department_meeting_type
  场景: 政府部门的决策经局务会议讨论，不报告“未经常务会议讨论”
    假如 案卷文件“cases/decision_body/department/good/bureau-meeting.yaml”
    当 检查该案卷
    那么 适用的规则集应当为“cn.mad.decree-713+cn.mad.decree-713.art42-department”
    而且 不应当报告任何问题
    而且 应当认定符合“mad.art42.department.meeting-type”

  @rule_mad_art42_department_meeting_type
  场景: 政府部门的决策只经局长办公会议讨论，参照第三十条第一款违反
    假如 案卷文件“cases/decision_body/department/bad/office-meeting.yaml”
    当 检查该案卷
    那么 应当报告违反“mad.art42.department.meeting-type”
    而且 该问题的依据应当包含“参照《重大行政决策程序暂行条例》第三十条第一款（第四十二条）”
    而且 除上述问题外，不应当报告其他问题

  @rule_mad_art42_department_npc
  场景: 政府部门的事项依法应当报本级人大而无记录，只作提示
    假如 案卷文件“cases/decision_body/department/bad/npc-not-reported.yaml”
    当 检查该案卷
    那么 应当报告违反“mad.art42.department.npc”
    而且 该案卷合规

  @rule_mad_art42_department_npc
  场景: 政府部门的事项无需报本级人大的，不适用
    假如 案卷文件“cases/decision_body/department/good/bureau-meeting.yaml”
    当 检查该案卷
    那么 应当认定“mad.art42.department.npc”不适用

  场景: 案卷载明决策机关层级的，以所载为准
    假如 案卷文件“cases/decision_body/department/good/bureau-meeting.yaml”
    而且 案卷中的“决策机关层级”为“县级以上人民政府”
    当 检查该案卷
    那么 适用的规则集应当为“cn.mad.decree-713”
    而且 应当报告违反“mad.coll.meeting-type”

  @rule_mad_art42_township_meeting_type
  场景: 乡镇人民政府的决策经党政联席会议讨论，参照第三十条第一款符合
    假如 案卷文件“cases/decision_body/township/good/party-government-joint-meeting.yaml”
    当 检查该案卷
    那么 适用的规则集应当为“cn.mad.decree-713+cn.mad.decree-713.art42-township”
    而且 不应当报告任何问题
    而且 应当认定符合“mad.art42.township.meeting-type”

  @rule_mad_art42_township_meeting_type
  场景: 乡镇人民政府的决策只经镇长办公会议讨论，参照第三十条第一款违反
    假如 案卷文件“cases/decision_body/township/bad/mayor-office-meeting.yaml”
    当 检查该案卷
    那么 应当报告违反“mad.art42.township.meeting-type”
    而且 除上述问题外，不应当报告其他问题

  场景: 两个政府部门联合发文，一份案卷载明两个决策机关
    假如 案卷文件“cases/decision_body/joint/good/joint-department-decision.yaml”
    当 检查该案卷
    那么 适用的规则集应当为“cn.mad.decree-713+cn.mad.decree-713.art42-department”
    而且 该案卷合规
