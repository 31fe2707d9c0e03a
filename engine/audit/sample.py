"""Synthetic dossiers for demos and benchmarks: `juece sample --count N --out DIR [--seed S] [--defects P]`.

Realistic in shape: Chinese keys and values, real county names and division codes, departments,
dates in 2020–2025 written half ISO and half 2023年5月1日, procedures in a plausible order.
`--defects P` is the chance that each duty is skipped or done wrong (per dossier it varies
between 0 and 2P); with `--defects 0` every duty a dossier's triggers call for is performed, so
an audit finds (almost) nothing. `--unknown Q` leaves a trigger out (→ indeterminate) with chance Q.
`--broken B` makes that share of files unreadable (syntax errors, unknown fields, impossible dates),
to show how an audit reports them. Dossier i depends only on (seed, i): the same archive comes out
whatever --jobs is.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any, Optional

import yaml

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

COUNTIES = [("640425", "彭阳县", "固原市"), ("640402", "原州区", "固原市"), ("640104", "兴庆区", "银川市"),
            ("320282", "宜兴市", "无锡市"), ("330106", "西湖区", "杭州市"), ("440305", "南山区", "深圳市"),
            ("510107", "武侯区", "成都市"), ("620102", "城关区", "兰州市"), ("370202", "市南区", "青岛市"),
            ("410105", "金水区", "郑州市"), ("430104", "岳麓区", "长沙市"), ("530102", "五华区", "昆明市")]
MATTERS = [("城区集中供热价格调整", "重大公共政策和措施"), ("老旧小区改造三年行动计划", "重要规划"),
           ("国土空间总体规划", "重要规划"), ("公共租赁住房管理办法", "重大公共政策和措施"),
           ("城市公共交通票价调整", "重大公共政策和措施"), ("农村饮水安全巩固提升工程", "重大公共建设项目"),
           ("生活垃圾分类实施方案", "重大公共政策和措施"), ("义务教育学校布局调整", "其他重大事项"),
           ("水资源配置规划", "自然资源和文化资源"), ("历史文化街区保护规划", "自然资源和文化资源"),
           ("城市停车收费标准调整", "重大公共政策和措施"), ("医疗卫生服务体系规划", "重要规划"),
           ("生活垃圾焚烧发电项目", "重大公共建设项目"), ("城市综合管廊建设", "重大公共建设项目"),
           ("最低生活保障标准调整", "重大公共政策和措施"), ("矿产资源总体规划", "自然资源和文化资源")]
UNITS = ["发展和改革局", "住房和城乡建设局", "自然资源局", "交通运输局", "教育局", "卫生健康局", "水务局",
         "城市管理局", "民政局", "生态环境局"]
STAGES = ["已决定", "已公布", "已归档", "已完成"]


def written_date(d: dt.date, rng: random.Random) -> Any:
    return d.isoformat() if rng.random() < 0.5 else f"{d.year}年{d.month}月{d.day}日"


def make_dossier(i: int, seed: int = 1, defects: float = 0.1, unknown: float = 0.05) -> dict:
    rng = random.Random(seed * 1_000_003 + i)
    q = 1.0 - min(1.0, rng.uniform(0, 2 * defects))  # this unit's diligence: each duty met with chance q
    ok = lambda: rng.random() < q  # noqa: E731
    yes = lambda: "是" if ok() else "否"  # noqa: E731
    code, county, city = rng.choice(COUNTIES)
    matter, category = rng.choice(MATTERS)
    unit = county + rng.choice(UNITS)
    start = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(0, 5 * 365 - 250))
    day = lambda n: start + dt.timedelta(days=n)  # noqa: E731
    d: dict = {
        "编号": f"{code}-{start.year}-{i:06d}",
        "决策事项名称": f"{county}{matter}",
        "决策机关": f"{county}人民政府",
        "承办单位": unit,
        "行政区划": code,
        "事项类别": category,
        "阶段": rng.choice(STAGES),
        "决策日期": written_date(day(160), rng),
    }
    if ok():
        d["决策事项目录"] = {"列入目录": "是", "目录名称": f"{county}{start.year}年度重大行政决策事项目录",
                       "党委同意": "是", "公布日期": written_date(day(-20), rng)}
    t: dict = {}
    for key, p_yes in (("专业性技术性较强", 0.5), ("社会稳定风险", 0.4), ("涉及特定群体利益", 0.3),
                       ("涉及市场主体经济活动", 0.3), ("社会公众普遍关心", 0.5), ("涉及其他部门职责", 0.5),
                       ("依法应当听证", 0.1), ("依法不予公开", 0.02)):
        if rng.random() >= unknown:
            t[key] = "是" if rng.random() < p_yes else "否"
    t["情况紧急"] = "否"
    t["探索性改革"] = "否"
    t["应当提请人大讨论或报告"] = "否"
    if t.get("依法应当听证") == "是":
        t["听证依据"] = "《中华人民共和国价格法》第二十三条"
    if t.get("依法不予公开") == "是":
        t["不予公开依据"] = "《中华人民共和国政府信息公开条例》第十四条"
    t["判断人"] = f"{county}司法局"
    d["情形"] = t
    on = lambda key: t.get(key) == "是"  # noqa: E731

    procs: list[dict] = []
    if ok():
        procs.append({"类型": "决策启动", "日期": written_date(day(0), rng), "建议研究论证": yes(), "明确承办单位": "是"})
    procs.append({"类型": "起草", "日期": written_date(day(10), rng), "调研报告": yes(),
                  "法律政策依据": rng.sample(["《中华人民共和国价格法》", "《政府制定价格行为规则》", "《中华人民共和国城乡规划法》",
                                      "《重大行政决策程序暂行条例》"], k=rng.randint(1, 3)) if ok() else [],
                  "成本效益分析": "是", "备选方案": "是"})
    if on("涉及其他部门职责") and ok():
        procs.append({"类型": "征求部门意见", "日期": written_date(day(20), rng), "征求意见单位": [f"{county}财政局", f"{county}司法局"],
                      "协商一致": "是"})
    pp_done = not on("依法不予公开") and ok()
    if pp_done:
        length = 30 if ok() else rng.choice([15, 20, 25])
        pp = {"类型": "公众参与", "方式": "向社会公开征求意见", "开始日期": written_date(day(30), rng),
              "截止日期": written_date(day(30 + length + 2), rng), "途径": ["政府网站", "政务新媒体"],
              "公布草案": yes(), "公布说明": "是", "意见提交方式": "电子邮件、信函", "意见采纳情况": yes(),
              "收到意见数": rng.randint(0, 200)}
        if on("涉及特定群体利益") and ok():
            pp["特定群体代表"] = ["居民代表", "企业代表"]
        procs.append(pp)
    if on("依法应当听证") and ok():
        procs.append({"类型": "听证会", "听证日期": written_date(day(75), rng), "公告日期": written_date(day(50), rng),
                      "遴选办法公布日期": written_date(day(50), rng), "参加人名单公布日期": written_date(day(55), rng),
                      "材料送达日期": written_date(day(60 if ok() else 71), rng), "公开举行": "是", "听证笔录签字": yes()})
    expert = on("专业性技术性较强") and ok()
    if expert:
        experts = [{"姓名": f"专家{j}", "单位": rng.choice(["宁夏大学", "省社会科学院", "市规划设计研究院", "浙江大学"]),
                    "署名": yes(), "利害关系": "否", "利害关系声明": "是"} for j in range(rng.randint(3, 5))]
        procs.append({"类型": "专家论证", "日期": written_date(day(80), rng), "方式": "论证会", "专家": experts,
                      "从专家库选取": "是", "意见采纳情况": yes()})
    risk = on("社会稳定风险") and ok()
    if risk:
        procs.append({"类型": "风险评估", "日期": written_date(day(90), rng), "评估报告": yes(), "风险点": ["群众负担加重"],
                      "防范措施": ["分步实施", "加强宣传解读"], "处置预案": "是", "听取意见部门": [f"{county}信访局", f"{county}公安局"],
                      "风险等级": rng.choice(["低", "低", "中"]), "风险可控": "是"})
    fcr = on("涉及市场主体经济活动") and ok()
    if fcr:
        procs.append({"类型": "公平竞争审查", "日期": written_date(day(100), rng), "审查机构": unit, "审查结论": "符合"})
    legal = ok() or rng.random() < 0.5
    if legal:
        sub = day(110)
        procs.append({"类型": "合法性审查", "送审日期": written_date(sub, rng),
                      "审查意见日期": written_date(sub + dt.timedelta(days=20 if ok() else 3), rng),
                      "审查机构": f"{county}司法局", "形式": "合法性审查意见" if ok() else "征求意见回复",
                      "审查结论": "合法" if ok() else rng.choice(["应当修改", "不合法"]),
                      "附法律依据": "是", "履行程序说明": "是", "审查内容": ["权限", "程序", "内容"] if ok() else ["权限", "程序"],
                      "法律顾问意见": "是", "根据意见修改": "是"})
    procs.append({"类型": "向党委请示报告", "日期": written_date(day(150), rng), "党委批复": "是"})
    if ok() or rng.random() < 0.5:
        materials = ["决策草案"] + (["合法性审查意见"] if legal else [])
        materials += [m for m, done in (("风险评估报告", risk), ("公众意见研究采纳情况", pp_done),
                                        ("专家论证意见研究采纳情况", expert), ("公平竞争审查情况", fcr)) if done and ok()]
        procs.append({"类型": "集体讨论", "会议日期": written_date(day(160), rng),
                      "会议类型": "常务会议" if ok() else rng.choice(["专题会议", "办公会议"]),
                      "会议名称": f"{county}人民政府第{rng.randint(1, 40)}次常务会议",
                      "会议材料": materials, "会议纪要": "是", "行政首长最后发表意见": yes(), "多数意见": "同意",
                      "行政首长决定": "同意", "不同意见如实载明": "是"})
    if d["阶段"] != "已决定" and not on("依法不予公开") and ok():
        procs.append({"类型": "决策公布", "公布日期": written_date(day(175), rng), "途径": ["政府公报", "政府网站"], "政策解读": yes()})
    if d["阶段"] in ("已归档", "已完成"):
        procs.append({"类型": "归档", "归档日期": written_date(day(200), rng), "材料完整": yes()})
    if d["阶段"] == "已完成":
        procs.append({"类型": "决策执行", "日期": written_date(day(210), rng), "执行单位": unit, "执行情况报告": yes()})
    d["程序"] = procs
    return d


BROKEN = ("syntax", "unknown-field", "bad-date", "empty")


def broken_text(i: int, seed: int) -> tuple[str, str]:
    rng = random.Random(seed * 7_000_003 + i)
    kind = rng.choice(BROKEN)
    base = f"编号: BROKEN-{i:06d}\n决策事项名称: 损坏的案卷{i}\n"
    if kind == "syntax":
        return kind, base + "程序:\n  - 类型: 合法性审查\n   审查结论: [合法\n"
    if kind == "unknown-field":
        return kind, base + "决策机管: 某县人民政府\n"
    if kind == "bad-date":
        return kind, base + "决策日期: 2023年2月30日\n"
    return kind, ""


def dossier_text(i: int, seed: int, defects: float, unknown: float, fmt: str, kind: str = "mad") -> str:
    if kind == "major_enforcement_decision":  # 重大执法决定: sample_enforcement.py
        from .sample_enforcement import make_enforcement_dossier
        d = make_enforcement_dossier(i, seed, defects, unknown)
    else:
        d = make_dossier(i, seed, defects, unknown)
    if fmt == "yaml":
        return yaml.dump(d, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=200)
    return json.dumps(d, ensure_ascii=False, indent=None if fmt == "jsonl" else 1)


def _path(out: Path, i: int, seed: int, fmt: str) -> Path:
    """out/<行政区划>/dossier-<i>: each dossier in the folder of its own division code."""
    rng = random.Random(seed * 1_000_003 + i)
    rng.random()  # make_dossier draws the unit's diligence first (rng.uniform: one draw), then the county
    code = rng.choice(COUNTIES)[0]
    return out / code / f"dossier-{i:06d}.{fmt}"


def write_range(args: tuple) -> int:
    out, start, stop, seed, defects, unknown, broken, fmt, *rest = args
    kind = rest[0] if rest else "mad"
    n = 0
    if fmt == "jsonl":
        with open(Path(out) / f"dossiers-{start:07d}.jsonl", "w", encoding="utf-8") as f:
            for i in range(start, stop):
                is_broken = broken and random.Random(seed * 3_000_017 + i).random() < broken
                f.write((json.dumps({"编号": f"BROKEN-{i:06d}", "决策机管": "?"}, ensure_ascii=False) if is_broken
                         else dossier_text(i, seed, defects, unknown, fmt, kind)) + "\n")
                n += 1
        return n
    made: set[Path] = set()
    for i in range(start, stop):
        p = _path(Path(out), i, seed, fmt)
        if p.parent not in made:
            p.parent.mkdir(parents=True, exist_ok=True)
            made.add(p.parent)
        if broken and random.Random(seed * 3_000_017 + i).random() < broken:
            p.with_suffix(".yaml").write_text(broken_text(i, seed)[1], encoding="utf-8")
        else:
            p.write_text(dossier_text(i, seed, defects, unknown, fmt, kind), encoding="utf-8")
        n += 1
    return n


def generate(count: int, out: Path, seed: int = 1, defects: float = 0.1, unknown: float = 0.05, broken: float = 0.0,
             fmt: str = "yaml", jobs: int = 1, on_progress: Optional[Any] = None, kind: str = "mad") -> int:
    """`kind`: mad (重大行政决策, the default) or major_enforcement_decision (重大执法决定)."""
    out.mkdir(parents=True, exist_ok=True)
    step = 1000 if fmt != "jsonl" else 10_000
    ranges = [(str(out), a, min(a + step, count), seed, defects, unknown, broken, fmt, kind) for a in range(0, count, step)]
    done = 0
    if jobs <= 1 or len(ranges) == 1:
        for r in ranges:
            done += write_range(r)
            if on_progress:
                on_progress(done)
        return done
    from .runner import mp_context
    with mp_context().Pool(jobs) as pool:
        for n in pool.imap_unordered(write_range, ranges):
            done += n
            if on_progress:
                on_progress(done)
    return done
