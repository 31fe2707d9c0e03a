"""Synthetic 重大执法决定 dossiers: `juece sample --kind 重大执法决定 …` (see sample.py for the options).

Realistic in shape: Chinese keys and values, county enforcement bodies, administrative-penalty
cases of 2022–2025 under the ordinary procedure, steps in the order the 行政处罚法 lays them out
(立案 → 调查取证 → 告知 → 陈述申辩 / 听证 → 法制审核 → 负责人集体讨论 → 决定 → 送达 → 公开 → 归档).
`defects` is the chance that each duty is skipped or done wrong (per dossier between 0 and 2×);
with 0 every duty the case's 情形 call for is performed. The judgements a real file states
(较大数额罚款, 情节复杂, …) are drawn at random here: a sample asserts them, it does not apply any
local threshold. Dossier i depends only on (seed, i).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from .sample import COUNTIES, written_date

BODIES = ["市场监督管理局", "生态环境局", "应急管理局", "自然资源局", "交通运输局", "卫生健康局", "综合行政执法局",
          "住房和城乡建设局", "农业农村局", "文化旅游体育局"]
CASES = [  # (案由, 拟处罚种类, 罚款 from–to)
    ("销售不合格化肥案", ["罚款", "没收违法所得"], (30_000, 300_000)),
    ("超标排放大气污染物案", ["罚款"], (100_000, 1_000_000)),
    ("未批先建案", ["罚款"], (50_000, 500_000)),
    ("无证经营危险化学品案", ["罚款", "没收违法所得", "没收非法财物"], (50_000, 200_000)),
    ("生产安全事故责任案", ["罚款"], (200_000, 1_000_000)),
    ("非法占用耕地案", ["罚款", "没收非法财物"], (20_000, 400_000)),
    ("道路运输超限超载案", ["罚款"], (5_000, 30_000)),
    ("无证行医案", ["罚款", "没收违法所得", "没收非法财物"], (30_000, 150_000)),
    ("违法建设案", ["罚款"], (10_000, 200_000)),
    ("销售假冒伪劣食品案", ["罚款", "没收违法所得", "吊销许可证件"], (50_000, 500_000)),
    ("药品质量违法案", ["罚款", "责令停产停业"], (100_000, 800_000)),
    ("采矿违法案", ["罚款", "没收违法所得"], (100_000, 600_000)),
]
PARTIES = ["有限公司", "农资经营部", "建材有限公司", "运输有限公司", "诊所", "食品有限公司", "化工有限公司", "矿业有限公司"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
STAGES = ["已作出处罚决定", "已送达", "已归档", "已完成"]


def make_enforcement_dossier(i: int, seed: int = 1, defects: float = 0.1, unknown: float = 0.05) -> dict:
    rng = random.Random(seed * 2_000_029 + i)
    q = 1.0 - min(1.0, rng.uniform(0, 2 * defects))  # this body's diligence: each duty met with chance q
    ok = lambda: rng.random() < q  # noqa: E731
    yes = lambda: "是" if ok() else "否"  # noqa: E731
    code, county, _city = COUNTIES[random.Random(seed * 1_000_003 + i).randrange(len(COUNTIES))]
    body = county + rng.choice(BODIES)
    cause, kinds, (lo, hi) = rng.choice(CASES)
    fine = rng.randrange(lo, hi, 1000)
    start = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(0, 3 * 365 + 300))
    day = lambda n: start + dt.timedelta(days=n)  # noqa: E731
    name = county + rng.choice("永兴福盛鑫隆丰泰华康") + rng.choice("源达安顺和信") + rng.choice(PARTIES)
    person = rng.random() < 0.15
    d: dict[str, Any] = {
        "案卷类型": "重大执法决定",
        "编号": f"{code}-{start.year}-罚-{i:06d}",
        "案件名称": f"{name if not person else rng.choice(SURNAMES) + '某'}{cause}",
        "执法机关": body,
        "法制审核机构": body + "法制审核机构",
        "行政区划": code,
        "阶段": rng.choice(STAGES),
        "当事人": {"类型": "公民" if person else "法人或者其他组织", "名称": (rng.choice(SURNAMES) + "某") if person else name},
        "立案日期": written_date(start, rng),
        "拟处罚": {"种类": list(kinds), "罚款金额": fine},
    }
    decided_fine = fine if rng.random() < 0.7 else int(fine * rng.choice((0.6, 0.8)))
    heavier = not ok() and rng.random() < 0.3
    if heavier:
        decided_fine = int(fine * 1.2)
    d["处罚决定内容"] = {"种类": list(kinds), "罚款金额": decided_fine}

    t: dict[str, Any] = {}
    large = fine >= 50_000  # what this sample's (imaginary) local standard calls 较大数额: a judgement the file states
    draws = {"涉及重大公共利益": rng.random() < 0.2, "案件情况疑难复杂涉及多个法律关系": rng.random() < 0.25,
             "法律法规规定应当进行法制审核": rng.random() < 0.3, "情节复杂或者重大违法行为": rng.random() < 0.5,
             "较大数额罚款": large, "没收较大数额违法所得或者较大价值非法财物": "没收违法所得" in kinds and rng.random() < 0.3,
             "其他较重的行政处罚": False, "法律法规规章规定的其他听证情形": False,
             "具有一定社会影响": rng.random() < 0.5}
    for k, v in draws.items():
        if rng.random() >= unknown:
            t[k] = "是" if v else "否"
    hearing_due = (large or draws["没收较大数额违法所得或者较大价值非法财物"]
                   or any(k in kinds for k in ("吊销许可证件", "责令停产停业")))
    requested = hearing_due and rng.random() < 0.5
    t["当事人要求听证"] = "是" if requested else "否"
    t["当事人逾期要求听证"] = "否"
    t["直接关系当事人或者第三人重大权益经过听证程序"] = "是" if requested and rng.random() < 0.6 else "否"
    t["判断人"] = body + "法制审核机构"
    if heavier and ok():
        t["加重处罚理由"] = "听证后查明违法所得数额增加"
    d["情形"] = t

    procs: list[dict] = []
    officers = [{"姓名": rng.choice(SURNAMES) + "某", "执法证号": f"{code}{rng.randrange(10_000, 99_999)}", "具有执法资格": "是"}
                for _ in range(2 if ok() else 1)]
    procs.append({"类型": "调查取证", "日期": written_date(day(1), rng), "执法人员": officers,
                  "出示执法证件": yes(), "制作笔录": yes()})
    d["调查终结日期"] = written_date(day(25), rng)
    notice = day(30)
    if ok():
        procs.append({"类型": "行政处罚告知", "告知日期": written_date(notice, rng), "拟处罚内容": "是", "事实": "是", "理由": yes(),
                      "依据": "是", "告知陈述申辩权利": "是", "告知听证权利": ("是" if ok() else "否") if hearing_due else "否"})
    after = 33
    if requested:
        if ok():
            late = not ok()
            req = day(31 if not late else 41)
            hearing_day = day(56) if ok() else day(38)  # 21 days: 7 working days even over a holiday
            procs.append({"类型": "听证", "申请日期": written_date(req, rng), "通知日期": written_date(day(35), rng),
                          "听证日期": written_date(hearing_day, rng), "举行听证": "是", "公开举行": yes(),
                          "主持人": body + "法制审核机构工作人员", "主持人为本案调查人员": "否" if ok() else "是",
                          "听证笔录": "是", "笔录签字": yes()})
        after = 57
    if ok():
        procs.append({"类型": "陈述申辩", "日期": written_date(day(after), rng), "提出陈述申辩": "是" if rng.random() < 0.6 else "否",
                      "充分听取": "是", "复核": yes()})
    review_due = any(t.get(k) == "是" for k in ("涉及重大公共利益", "直接关系当事人或者第三人重大权益经过听证程序",
                                                "案件情况疑难复杂涉及多个法律关系", "法律法规规定应当进行法制审核"))
    review_day = day(after + 6)
    if (review_due and ok()) or (not review_due and rng.random() < 0.7):
        procs.append({"类型": "法制审核", "送审日期": written_date(day(after + 2), rng), "审核日期": written_date(review_day, rng),
                      "审核人员": rng.choice(SURNAMES) + "某", "初次从事法制审核": "否", "书面审核意见": "是",
                      "审核结论": "通过" if ok() else "不通过"})
    discuss = day(after + 9)
    if t.get("情节复杂或者重大违法行为") == "是" and ok():
        procs.append({"类型": "负责人集体讨论", "会议日期": written_date(discuss, rng), "会议名称": "案件审理委员会会议", "会议纪要": "是"})
    decided = day(after + 11) if ok() else day(after + 75)
    procs.append({"类型": "行政处罚决定书", "决定日期": written_date(decided, rng), "处理结果": "给予行政处罚",
                  "当事人姓名名称地址": "是", "违法事实和证据": "是", "处罚种类和依据": "是", "履行方式和期限": "是",
                  "复议诉讼途径和期限": yes(), "机关名称和决定日期": "是", "加盖印章": yes(),
                  **({"根据听证笔录": yes()} if requested else {})})
    spot = rng.random() < 0.2
    if ok():
        procs.append({"类型": "送达", "送达日期": written_date(decided if spot else decided + dt.timedelta(days=3 if ok() else 16), rng),
                      "当场交付": "是" if spot else "否", "送达方式": "直接送达", "电子送达": "否", "送达回证": "是"})
    if t.get("具有一定社会影响") == "是" and ok():
        procs.append({"类型": "处罚决定公开", "公开日期": written_date(decided + dt.timedelta(days=5), rng), "公开途径": "政府网站"})
    if ok():
        steps = ["启动", "调查取证", "审核", "决定", "送达", "执行"] if ok() else ["启动", "调查取证", "决定"]
        procs.append({"类型": "全过程记录", "归档日期": written_date(decided + dt.timedelta(days=40), rng), "记录环节": steps,
                      "记录形式": ["文字", "音像"], "归档保存": "是"})
    d["程序"] = procs
    return d
