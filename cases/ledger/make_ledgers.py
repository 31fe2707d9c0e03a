"""Regenerates the two sample ledgers here: .venv/bin/python cases/ledger/make_ledgers.py (openpyxl)."""

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

HERE = Path(__file__).resolve().parent

D = dt.datetime
wb = Workbook()
ws = wb.active
ws.title = "2023年"
headers = ["序号", "编号", "决策事项名称", "决策机关", "承办单位", "行政区划代码", "事项类别", "阶段", "决策日期",
           "专业性技术性较强", "社会稳定风险", "涉及市场主体经济活动", "依法不予公开",
           "公众参与", "意见采纳情况反馈", "专家论证", "风险评估", "公平竞争审查",
           "合法性审查", "合法性审查结论", "集体讨论决定", "会议类型", "会议材料", "公布", "公布途径", "备注"]
ws.append(["彭阳县2023年度重大行政决策事项台账（示例）"])
ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
ws["A1"].font = Font(bold=True, size=14)
ws["A1"].alignment = Alignment(horizontal="center")
ws.append(headers)
for c in ws[2]:
    c.font = Font(bold=True)
    c.fill = PatternFill("solid", fgColor="DDEBF7")
    c.alignment = Alignment(wrap_text=True, vertical="center")
M_ALL = "决策草案、合法性审查意见、公众意见研究采纳情况、专家论证意见研究采纳情况、风险评估报告、公平竞争审查情况"
rows = [
    # 1 complete and compliant
    [1, "PY-2023-001", "彭阳县城区集中供热价格调整", "彭阳县人民政府", "彭阳县发展和改革局", "640425", "重大公共政策和措施", "已公布", D(2023, 9, 26),
     "是", "是", "是", "否", D(2023, 6, 30), "是", D(2023, 7, 12), D(2023, 7, 20), D(2023, 8, 1),
     D(2023, 8, 25), "合法", D(2023, 9, 26), "常务会议", M_ALL, D(2023, 10, 8), "政府公报、政府网站", ""],
    # 2 no risk assessment although a stability risk is asserted
    [2, "PY-2023-002", "彭阳县老旧小区改造三年行动计划", "彭阳县人民政府", "彭阳县住房和城乡建设局", "640425", "重要规划", "已公布", D(2023, 5, 18),
     "否", "是", "否", "否", D(2023, 3, 20), "是", "", "否", "",
     D(2023, 4, 28), "合法", D(2023, 5, 18), "常务会议", "决策草案、合法性审查意见、公众意见研究采纳情况", D(2023, 5, 30), "政府网站", "未开展社会稳定风险评估"],
    # 3 discussed at an office meeting instead of a standing meeting
    [3, "PY-2023-003", "彭阳县城市停车收费标准调整", "彭阳县人民政府", "彭阳县发展和改革局", "640425", "重大公共政策和措施", "已公布", D(2023, 11, 2),
     "否", "否", "是", "否", D(2023, 8, 15), "是", "", "", D(2023, 9, 1),
     D(2023, 10, 10), "合法", D(2023, 11, 2), "县长办公会议", "决策草案、合法性审查意见、公众意见研究采纳情况、公平竞争审查情况", D(2023, 11, 10), "政府网站", ""],
    # 4 no legality review before discussion
    [4, "PY-2023-004", "彭阳县义务教育学校布局调整", "彭阳县人民政府", "彭阳县教育局", "640425", "其他重大事项", "已决定", D(2023, 7, 6),
     "否", "否", "否", "否", D(2023, 5, 10), "是", "", "", "",
     "否", "", D(2023, 7, 6), "常务会议", "决策草案、公众意见研究采纳情况", "", "", ""],
    # 5 not published
    [5, "PY-2023-005", "彭阳县生活垃圾分类实施方案", "彭阳县人民政府", "彭阳县城市管理局", "640425", "重大公共政策和措施", "已公布", D(2023, 4, 12),
     "否", "否", "否", "否", D(2023, 2, 20), "是", "", "", "",
     D(2023, 3, 28), "合法", D(2023, 4, 12), "常务会议", "决策草案、合法性审查意见、公众意见研究采纳情况", "否", "", "未公布"],
    # 6 non-disclosable: no public participation, not published, and that is lawful
    [6, "PY-2023-006", "彭阳县应急物资储备布局规划", "彭阳县人民政府", "彭阳县应急管理局", "640425", "重要规划", "已公布", D(2023, 12, 1),
     "否", "否", "否", "是", "否", "", "", "", "",
     D(2023, 11, 10), "合法", D(2023, 12, 1), "常务会议", "决策草案、合法性审查意见", "否", "", "依法不予公开"],
    [None] * len(headers),  # a blank row: skipped
    # 8 stability risk not stated: the risk rate cannot decide (indeterminate)
    [8, "PY-2023-008", "彭阳县农村饮水安全巩固提升工程", "彭阳县人民政府", "彭阳县水务局", "640425", "重大公共建设项目", "已公布", D(2023, 8, 30),
     "是", "", "否", "否", D(2023, 6, 1), "是", D(2023, 6, 20), "", "",
     D(2023, 7, 30), "合法", D(2023, 8, 30), "常务会议", "决策草案、合法性审查意见、公众意见研究采纳情况、专家论证意见研究采纳情况", D(2023, 9, 5), "政府网站", "是否存在社会稳定风险未填"],
    # 9 a cell the audit cannot read: reported in errors.jsonl, not guessed
    [9, "PY-2023-009", "彭阳县公共租赁住房管理办法", "彭阳县人民政府", "彭阳县住房和城乡建设局", "640425", "重大公共政策和措施", "已公布", D(2023, 10, 20),
     "否", "是", "否", "否", D(2023, 8, 20), "是", "", "待定", "",
     D(2023, 9, 25), "合法", D(2023, 10, 20), "常务会议", "决策草案、合法性审查意见、公众意见研究采纳情况", D(2023, 10, 28), "政府网站", "风险评估一栏填写不规范"],
    ["填表人：彭阳县司法局   填表日期：2024年1月15日"],  # a note row: skipped
]
for r in rows:
    ws.append(r)
for row in ws.iter_rows(min_row=3):
    for c in row:
        if isinstance(c.value, dt.datetime):
            c.number_format = "yyyy-mm-dd"
for i, w in enumerate([5, 13, 30, 16, 22, 10, 18, 8, 12] + [10] * 17, 1):
    ws.column_dimensions[ws.cell(row=2, column=i).column_letter].width = w
ws.freeze_panes = "D3"
wb.save(HERE / "2023年度重大行政决策台账.xlsx")

# A ledger with another layout, read with custom-mapping.yaml
wb = Workbook()
ws = wb.active
ws.title = "决策台账"
ws.append(["事项", "牵头部门", "审议日期", "常务会会次", "稳评", "稳评日期", "司法局审查意见日期", "网站公开日期", "征求意见截止"])
ws.append(["原州区城市综合管廊建设", "原州区住房和城乡建设局", D(2022, 6, 16), "常务会议", "是", D(2022, 4, 20), D(2022, 5, 30), D(2022, 6, 28), D(2022, 3, 31)])
ws.append(["原州区最低生活保障标准调整", "原州区民政局", D(2022, 9, 8), "专题会议", "否", None, D(2022, 8, 15), D(2022, 9, 20), D(2022, 7, 20)])
ws.append(["原州区矿产资源总体规划", "原州区自然资源局", D(2022, 11, 24), "常务会议", "是", None, None, None, D(2022, 9, 30)])
for row in ws.iter_rows(min_row=2):
    for c in row:
        if isinstance(c.value, dt.datetime):
            c.number_format = "yyyy年m月d日"
wb.save(HERE / "custom-layout.xlsx")
