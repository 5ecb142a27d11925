#!/usr/bin/env python3
"""Writes the held-out-like files of tests/cli/messy_files_test.cpp (run from this folder).

Messy but valid files the way Chinese offices produce them (Excel/WPS: GB18030, "Unicode text"
UTF-16 with tabs, BOMs, CRLF or CR, title lines, blank rows, Chinese headers and labels, mixed
name separators, U+3000 padding, full-width characters, quoted newlines), and broken files that
must be refused with exit 2, the line named and nothing changed. Expected results are in the test.
"""
import json, os

def put(path, text, enc="utf-8", nl="\r\n", bom=b""):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    if nl != "\n":
        text = text.replace("\n", nl)
    open(path, "wb").write(bom + text.encode(enc))

UTF8_BOM, UTF16_BOM = b"\xef\xbb\xbf", b"\xff\xfe"

# ------------------------------------------------------------------ config (SPEC §2)
base = json.load(open("../../../../fixtures/jingzhou-2021/competition.json"))
base["judging"] = {"judges_per_entry": 2, "max_load": 10,
                   "conflicts": ["school", "advisor", "declared"]}
base["aggregation"] = {"method": "mean", "min_scores": 2}
put("competition.json", json.dumps(base, ensure_ascii=False, indent=1) + "\n", nl="\n")

# ------------------------------------------------------------------ entries, valid (SPEC §3)
put("entries/valid/1-gb18030-excel.csv", """第36届荆州市青少年科技创新大赛参赛作品汇总表,,,,,,,,,
填表单位：荆州市科协　　填表日期：2021年10月,,,,,,,,,
,,,,,,,,,
 作品编号 ,类别,组别,学科,作品名称,学校,县（市、区）,学生,指导教师,状态
JZ21-P0001,学生科技创新成果,小学,物质科学,"会""跳舞""的纸杯",沙市中心小学,沙市区,张三、李四,王老师,
,,,,,,,,,
JZ21-P0002,学生科技创新成果,小学,生命科学,校园植物调查,　沙市中心小学　,沙市区,"赵六，钱七；孙八",周老师/吴老师,
JZ21-J0003,学生科技创新成果,初中,技术,"基于Arduino的
智能浇花系统",荆州第一中学,荆州区,古丽米热·艾比布力,郑老师 冯老师,
ＪＺ２１－Ｓ０００４,学生科技创新成果,高中,计算机科学,编程辅助,监利高级中学,监利市,王　芳　李小明,,
JZ21-A0005,科技辅导员科技教育创新成果,,技术,课程设计,石首高级中学,石首市,,许铭,
JZ21-A0006,科技辅导员科技教育创新成果,教师组,EES,观测教学,石首高级中学,石首市,,"许铭,卫东",
JZ21-P0007,student,primary,PS,退赛作品,沙市中心小学,沙市区,韩梅梅,,退赛
""", "gb18030")
rows = [["作品编号", "类别", "组别", "学科", "作品名称", "学校", "县市区", "学生", "指导教师"],
        ["JZ21-P0101", "学生科技创新成果", "小学", "地球环境与宇宙科学", "热岛效应观测", "沙市中心小学",
         "沙市区", "曾琪书 ，董安涵", "董老师"],
        ["JZ21-J0102", "学生科技创新成果", "初中", "工程", "\"桥梁, 模型\"", "荆州第一中学", "荆州区",
         "孟铭文", "崔奕哲、蒋雨佑"],
        [""] * 9,
        ["JZ21-A0103", "科技辅导员科技教育创新成果", "", "计算机科学", "\"人工智能\n启蒙课\"",
         "石首高级中学", "石首市", "", "许铭"]]
put("entries/valid/2-utf16-unicode-text.txt", "".join("\t".join(r) + "\n" for r in rows),
    "utf-16-le", bom=UTF16_BOM)
put("entries/valid/3-utf8-bom-english.csv", """Title , Entry_ID,KIND,Group,Subject,School,Students,Advisors,Remarks,,
"Soil, water and air",007,student,Junior,ls,Jingzhou No.1 Middle School,"Tom; 王五",,late entry,,
Smart cane,0012,student,senior,TECH,荆州中学,"Ａｌｉｃｅ／Bob",,,,
""", nl="\n", bom=UTF8_BOM)
put("entries/valid/4-utf8-cr.csv", "作品编号,类别,组别,学科,作品名称,学校,学生\n"
    "  JZ21-P0201 , 学生科技创新成果 , 小学 , 工程 , 风力小车 , 实验小学 , 刘一\n", nl="\r")

# ------------------------------------------------------------------ entries, broken
H = "作品编号,类别,组别,学科,作品名称,学校,县市区,学生,指导教师,状态\n"
OK = "JZ21-X0001,学生科技创新成果,小学,物质科学,好作品,沙市中心小学,沙市区,测试甲,王老师,\n"
def row(**kw):
    d = dict(id="JZ21-X0002", kind="学生科技创新成果", group="小学", subject="物质科学", title="题目",
             school="沙市中心小学", district="沙市区", students="测试乙", advisors="", status="")
    d.update(kw)
    return ",".join(d[k] for k in ["id", "kind", "group", "subject", "title", "school", "district",
                                   "students", "advisors", "status"]) + "\n"
broken_entries = {
    "unknown-group": H + OK + row(group="小学组"),
    "unknown-kind": H + OK + row(kind="学生作品"),
    "unknown-subject": H + OK + row(subject="数学"),
    "empty-title": H + OK + row(title=""),
    "empty-school": H + OK + row(school="　"),
    "dup-id-fullwidth": H + OK + row(id="ＪＺ２１－Ｘ０００１", students="测试丙"),
    "no-students": H + OK + row(students=""),
    "too-many-students": H + OK + row(students="甲 乙 丙 丁"),
    "advisor-with-students": H + OK + row(kind="advisor", group="", students="测试丙"),
    "too-many-advisors": H + OK + row(advisors="甲、乙、丙、丁"),
    "dup-student-in-file": H + OK + row(students="测试甲"),
    "dup-student-existing": H + OK + row(students="　张三　"),
    "unknown-status": H + OK + row(status="暂停"),
    "bad-id-space": H + OK + row(id="JZ21 X0002"),
    "too-many-cells": H + OK + row(advisors="许铭,卫东"),
    "too-few-cells": H + OK + "JZ21-X0002,学生科技创新成果,小学,物质科学,题目,沙市中心小学\n",
    "unterminated-quote": H + OK + row(title='"未闭合的标题'),
    "stray-quote": H + OK + row(title='标"题'),
    "missing-column": "作品编号,类别,组别,学科,作品名称,县市区,学生\n"
                      "JZ21-X0002,学生科技创新成果,小学,物质科学,题目,沙市区,测试乙\n",
    "header-only": "参赛作品汇总表\n" + H,
    "many-errors": H + OK + row(id="JZ21-X0002", group="小学组")
                   + row(id="JZ21-X0003", subject="数学", students="")
                   + row(id="JZ21-X0004", status="??", students="测试丁"),
}
for name, text in broken_entries.items():
    put(f"entries/broken/{name}.csv", text, nl="\n")
put("entries/broken/gb18030-unknown-group.csv", "汇总表,,,,,,,,,\n" + H + row(group="小学组"), "gb18030")
put("entries/broken/damaged-utf8.csv", "", nl="\n")
good = (H + OK + row()).encode()
open("entries/broken/damaged-utf8.csv", "wb").write(good.replace("题目".encode(), "题".encode() + b"\xe7X"))
open("entries/broken/workbook.xlsx.csv", "wb").write(b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)))

# ------------------------------------------------------------------ judges (SPEC §4)
put("judges/valid/1-gb18030-excel.csv", """第36届荆州市青少年科技创新大赛评委名单,,,,,,,,
,,,,,,,,
评委编号,姓名,工作单位,县市区,专业领域,可评类别,最大评审量,回避,状态
J001,江昊奕,长江大学,沙市区,物质科学、地球环境与宇宙科学,,,,
J002,邓　阳,荆州市气象局,沙市区,"技术,计算机科学",学生科技创新成果,３０,"JZ21-P0001、沙市中心小学",是
J003,孟俊浩,长江大学,沙市区,TECH/CS,,,,否
,,,,,,,,
J004,林然,江陵第一初级中学,江陵县,,student；advisor,8,,正常
""", "gb18030")
put("judges/valid/2-utf16-unicode-text.txt",
    "评委编号\t姓名\t工作单位\t专业领域\t回避\n"
    "J201\t\"王　芳\"\t荆州中学\t生命科学，工程\tJZ21-P0101、沙市中心小学\n"
    "\t\t\t\t\n"
    "J202\t赵强\t长江大学\t\t\n", "utf-16-le", bom=UTF16_BOM)
JH = "评委编号,姓名,工作单位,县市区,专业领域,可评类别,最大评审量,回避,状态\n"
JOK = "J101,江昊奕,长江大学,沙市区,物质科学,,,,\n"
def jrow(**kw):
    d = dict(id="J102", name="邓阳", aff="荆州市气象局", district="", exp="", kinds="", load="",
             conf="", active="")
    d.update(kw)
    return ",".join(d[k] for k in ["id", "name", "aff", "district", "exp", "kinds", "load", "conf",
                                   "active"]) + "\n"
broken_judges = {
    "dup-id": JH + JOK + jrow(id="J101"),
    "unknown-subject": JH + JOK + jrow(exp="物质科学、数学"),
    "unknown-kind": JH + JOK + jrow(kinds="学生"),
    "load-text": JH + JOK + jrow(load="三十"),
    "load-negative": JH + JOK + jrow(load="-1"),
    "load-unit": JH + JOK + jrow(load="30个"),
    "unknown-active": JH + JOK + jrow(active="可能"),
    "empty-name": JH + JOK + jrow(name="　"),
    "missing-column": "评委编号,姓名,县市区\nJ1,a,b\n",
}
for name, text in broken_judges.items():
    put(f"judges/broken/{name}.csv", text, nl="\n")

# ------------------------------------------------------------------ score sheets (SPEC §6)
# Two active judges, no conflicts, k = 2: every judge is assigned every entry (a unique optimum).
put("scores/entries.csv", "作品编号,类别,组别,学科,作品名称,学校,学生,指导教师\n"
    "S-001,学生科技创新成果,小学,物质科学,甲作品,学校甲,张一,\n"
    "S-002,学生科技创新成果,初中,生命科学,乙作品,学校乙,张二,\n"
    "A-001,科技辅导员科技教育创新成果,,技术,丙作品,学校丙,,王老师\n")
put("scores/entries-scored-change.csv", "作品编号,类别,组别,学科,作品名称,学校,学生\n"
    "S-001,学生科技创新成果,初中,物质科学,甲作品（修订）,学校甲,张一\n", nl="\n")
put("scores/judges.csv", "评委编号,姓名,工作单位,状态\nJ1,评委一,单位一,\nJ2,评委二,单位二,\n"
    "J3,评委三,单位三,否\n")
COMMENT = ('"# innovation=创新性 (0–40), rigor=科学性 (0–30), practicality=实用性 (0–20), '
           'presentation=表述 (0–10); step 0.5",,,,,,,,\n')
SH = "judge_id,entry_id,title,innovation,rigor,practicality,presentation,comment,recuse\n"
put("scores/valid/J1-student.csv", COMMENT + SH +
    "J1,S-001,甲作品,３５,２８．５, 18 ,９,很好,\n"
    ",,,,,,,,\n"
    "J1,S-002,乙作品,30.0,20,,,\"写到一半\n明天继续\",\n", "gb18030")
put("scores/valid/J2-student.txt",
    "# innovation=创新性 (0–40), rigor=科学性 (0–30)\n"
    "judge_id\tentry_id\ttitle\tinnovation\trigor\tpracticality\tpresentation\tcomment\trecuse\n"
    "J2\tS-001\t甲作品\t40\t30\t20\t10\t\t\n"
    "J2\tS-002\t乙作品\t\t\t\t\t\t\n", "utf-16-le", bom=UTF16_BOM)
put("scores/valid/J1-advisor-long.csv", "评委编号,作品编号,评分项,分数\n"
    "J1,A-001,创新性,３２\nJ1,A-001,科学性,25\nJ1,A-001,实用性,15\nJ1,A-001,推广价值,8\n", "gb18030")
put("scores/valid/J2-advisor.csv", "评委编号,作品编号,作品名称,创新性,科学性,实用性,推广价值,评语,回避\n"
    "J2,A-001,丙作品,,,,,,回避\n", nl="\n", bom=UTF8_BOM)
def srow(entry="S-001", judge="J1", v=("30", "20", "15", "8"), recuse=""):
    return ",".join([judge, entry, "t", *v, "", recuse]) + "\n"
S_OK = srow(entry="S-002")
broken_scores = {
    "over-max": SH + S_OK + srow(v=("41", "20", "15", "8")),
    "over-max-fullwidth": SH + S_OK + srow(v=("８５", "20", "15", "8")),
    "unit": SH + S_OK + srow(v=("35分", "20", "15", "8")),
    "negative": SH + S_OK + srow(v=("30", "-1", "15", "8")),
    "off-step": SH + S_OK + srow(v=("28.3", "20", "15", "8")),
    "text": SH + S_OK + srow(v=("30", "20", "优", "8")),
    "unassigned": SH + S_OK + srow(judge="J3"),
    "unknown-judge": SH + S_OK + srow(judge="J9"),
    "unknown-entry": SH + S_OK + srow(entry="S-999"),
    "unknown-column": "judge_id,entry_id,title,innovation,rigor,practicality,presentation,creativity\n"
                      "J1,S-001,t,1,2,3,4,5\n",
    "recused-pair": "judge_id,entry_id,innovation,rigor,practicality,reach\nJ2,A-001,1,2,3,4\n",
    "long-unknown-criterion": "judge_id,entry_id,criterion,score\nJ1,S-001,creativity,10\n",
    "many": SH + srow(v=("41", "abc", "-1", "8.3")) + srow(judge="J9"),
}
for name, text in broken_scores.items():
    put(f"scores/broken/{name}.csv", COMMENT + text if not text.startswith("judge_id,entry_id,c")
        else text, nl="\n")

# ------------------------------------------------------------------ configs (SPEC §2)
minimal = {"competition": {"id": "c", "name": "最小", "year": 2022},
           "groups": [{"id": "g", "label": "组"}], "subjects": [{"id": "s", "label": "科"}],
           "kinds": [{"id": "k", "label": "作品", "rubric": "r"}],
           "rubrics": {"r": {"criteria": [{"id": "a", "label": "甲", "max": 10}]}},
           "awards": {"k": {"tiers": [{"id": "t1", "label": "一等奖", "share": 0.1}]}}}
put("config/valid/minimal.json", json.dumps(minimal, ensure_ascii=False), nl="\n")
put("config/valid/bom-crlf.json", json.dumps(minimal, ensure_ascii=False, indent=2), bom=UTF8_BOM)
unusual = json.loads(json.dumps(minimal))
unusual["kinds"] = [{"id": "k", "label": "作品", "rubric": "r", "max_students": 0, "max_advisors": 0},
                    {"id": "k2", "label": "小发明", "rubric": "r2", "max_students": 5}]
unusual["rubrics"]["r"]["step"] = 0.25
unusual["rubrics"]["r2"] = {"step": 0.1, "criteria": [{"id": "a", "label": "甲", "max": 7.5, "weight": 30},
                                                      {"id": "b", "label": "乙", "max": 2.5, "weight": 70}]}
unusual["judging"] = {"judges_per_entry": {"k": 1}, "conflicts": [], "mismatch_cost": 0, "balance_cost": 0}
unusual["aggregation"] = {"method": "severity", "severity_shrinkage": 0, "precision": 0, "trim": 0,
                          "min_scores": 1, "disagreement": 0}
unusual["ranking"] = {"tiebreak": ["a", "b"]}
unusual["awards"] = {"k": {"pool_by": [], "tiers": [{"id": "t1", "label": "一等奖", "share": 0.57, "min_score": 0}],
                           "rounding": "ceil", "ties": "exclude", "cascade": True},
                     "k2": {"pool_by": ["group", "subject"],
                            "tiers": [{"id": "x", "label": "金奖", "count": 0}, {"id": "y", "label": "银奖", "share": 1}]}}
put("config/valid/unusual.json", json.dumps(unusual, ensure_ascii=False, indent=1), nl="\n")
def broken_config(name, change):
    c = json.loads(json.dumps(base)); change(c)
    put(f"config/broken/{name}.json", json.dumps(c, ensure_ascii=False, indent=1), nl="\n")
broken_config("unknown-key", lambda c: c["judging"].update({"max_loads": 3}))
broken_config("tier-both", lambda c: c["awards"]["student"]["tiers"][0].update({"share": 0.1}))
broken_config("k-zero", lambda c: c["judging"].update({"judges_per_entry": 0}))
broken_config("unknown-rubric", lambda c: c["kinds"][0].update({"rubric": "nope"}))
broken_config("step-zero", lambda c: c["rubrics"]["student"].update({"step": 0}))
put("config/broken/trailing-comma.json", '{"competition": {"id": "x", "name": "y", "year": 2021,},}', nl="\n")
