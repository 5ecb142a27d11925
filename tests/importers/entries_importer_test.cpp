#include <catch2/catch.hpp>

#include <map>

#include "importers/entries_importer.hpp"
#include "model/i18n.hpp"
#include "test_support.hpp"

using namespace jury;

namespace {

const std::string kHeader = "entry_id,kind,group,subject,title,school,district,students,advisors\n";

struct Result {
  std::vector<ImportedEntry> entries;
  Diagnostics report;
  std::string text() const { return report.to_text(); }
};

Result import(const std::string& csv, const std::vector<Entry>& existing = {},
              const std::set<std::string>& scored = {}) {
  Result r;
  r.entries = import_entries(csv, "entries.csv", Encoding::Auto, test::jingzhou(), existing, scored,
                             r.report);
  return r;
}

std::map<std::string, Entry> by_id(const std::vector<ImportedEntry>& entries) {
  std::map<std::string, Entry> out;
  for (const auto& e : entries) out[e.entry.id] = e.entry;
  return out;
}

std::size_t count_kind(const std::vector<ImportedEntry>& entries, const std::string& kind) {
  std::size_t n = 0;
  for (const auto& e : entries) n += e.entry.kind == kind ? 1 : 0;
  return n;
}

/// A valid student row with a distinct student per number.
std::string student_row(int n) {
  return "S" + std::to_string(n) + ",student,primary,PS,Title " + std::to_string(n) +
         ",School A,District,Student" + std::to_string(n) + ",Teacher\n";
}

}  // namespace

TEST_CASE("sample jingzhou-2021 entries: 284 student + 48 advisor entries") {
  const auto r = import(test::fixture("jingzhou-2021/entries.csv"));
  CHECK(r.report.items().empty());
  CHECK(count_kind(r.entries, "student") == 284);
  CHECK(count_kind(r.entries, "advisor") == 48);
  const auto entries = by_id(r.entries);
  const Entry& e = entries.at("JZ21-S0194");
  CHECK(e.group == "senior");
  CHECK(e.subject == "CS");
  CHECK(e.students == std::vector<std::string>{"孟铭文"});
  CHECK(e.advisors == std::vector<std::string>{"崔奕哲", "蒋雨佑"});
  CHECK(entries.at("JZ21-A027").group.empty());
  CHECK(r.entries.front().line == 2);
}

TEST_CASE("sample jingzhou-2021-excel (GB18030, Chinese headers, labels): same counts") {
  const auto r = import(test::fixture("jingzhou-2021-excel/entries.csv"));
  CHECK(r.report.items().empty());
  CHECK(count_kind(r.entries, "student") == 284);
  CHECK(count_kind(r.entries, "advisor") == 48);
  const auto entries = by_id(r.entries);
  SECTION("labels become ids") {
    const Entry& e = entries.at("JZ21-J0162");
    CHECK(e.kind == "student");
    CHECK(e.group == "junior");
    CHECK(e.subject == "TECH");
    CHECK(entries.at("JZ21-A033").kind == "advisor");
  }
  SECTION("SPEC §3: names trimmed, also the ideographic space U+3000") {
    CHECK(entries.at("JZ21-J0113").school == "荆州外国语学校");
    CHECK(entries.at("JZ21-S0083").school == "荆州开发区高级中学");
  }
  SECTION("SPEC §3: name lists separated by 、 ， ; or whitespace") {
    CHECK(entries.at("JZ21-S0105").students == std::vector<std::string>{"袁涵辰", "付婷沐"});
    CHECK(entries.at("JZ21-J0182").students == std::vector<std::string>{"白佳", "向辰然"});
    CHECK(entries.at("JZ21-J0284").students == std::vector<std::string>{"熊佳", "谭若", "许然书"});
    CHECK(entries.at("JZ21-P0056").students ==
          std::vector<std::string>{"龚诺杰", "吴怡诗", "贾轩"});
    CHECK(entries.at("JZ21-P0124").advisors == std::vector<std::string>{"吕思煜", "林博婉"});
  }
}

TEST_CASE("SPEC §3: rows before the header (title lines, blank lines) are skipped") {
  const auto r = import("第36届荆州市青少年科技创新大赛参赛作品汇总表,,,,,,,,\n,,,,,,,,\n\n" +
                        kHeader + student_row(1));
  CHECK(r.report.items().empty());
  REQUIRE(r.entries.size() == 1);
  CHECK(r.entries[0].line == 5);
}

TEST_CASE("SPEC §3: header names are the id or the Chinese label, case and spaces ignored") {
  const auto r = import(
      " ENTRY_ID ,Kind,　组别　,ｓｕｂｊｅｃｔ,作品名称,学校,District,STUDENTS,指导教师,状态\n"
      "E1,学生科技创新成果,初中,工程,Bridge,School,,张三,,正常\n");
  CHECK(r.report.items().empty());
  REQUIRE(r.entries.size() == 1);
  CHECK(r.entries[0].entry.group == "junior");
  CHECK(r.entries[0].entry.subject == "ENG");
}

TEST_CASE("SPEC §3: no row names all required columns → error listing the missing ones") {
  const auto r = import("title line\nentry_id,kind,group,学科,students\nE1,student,primary,PS,A\n");
  CHECK(r.text() ==
        "entries.csv:2:0: error: no header row names all required columns; missing title "
        "(作品名称), school (学校)\n");
  CHECK(r.report.items()[0].code == "header.missing-columns");
  CHECK(r.entries.empty());
}

TEST_CASE("SPEC §3: duplicate header column → error") {
  const auto r = import("entry_id,kind,group,subject,title,school,学校,students\n");
  CHECK(r.text() ==
        "entries.csv:1:7: error: duplicate column \"学校\": school (学校) is already column 6\n");
}

TEST_CASE("SPEC §3: unknown extra columns → warning, not error") {
  const auto r = import(
      "序号,entry_id,kind,group,subject,title,school,students\n"
      "1,E1,student,primary,PS,T,S,A\n");
  CHECK(r.text() == "entries.csv:1:1: warning: unknown column \"序号\" is ignored\n");
  CHECK_FALSE(r.report.has_errors());
  CHECK(r.entries.size() == 1);
}

TEST_CASE("SPEC §3: unknown group → error naming the value and what is allowed") {
  std::string csv = "第36届荆州市青少年科技创新大赛参赛作品汇总表\n\n" + kHeader;
  for (int n = 4; n <= 16; ++n) csv += student_row(n);
  csv += "S17,student,小学组,PS,T,School A,,Z,\n";
  const auto r = import(csv);
  CHECK(r.text() ==
        "entries.csv:17:3: error: unknown group \"小学组\"; expected one of primary (小学), "
        "junior (初中), senior (高中)\n");
  CHECK(r.report.items()[0].code == "entries.unknown-group");
  CHECK(r.entries.size() == 13);  // the rows without errors
}

TEST_CASE("SPEC §10 language: an unknown group in Chinese names the field 组别, keeps the code") {
  const i18n::ScopedLanguage chinese(i18n::Language::Chinese);
  const auto r = import(kHeader + "S17,student,小学组,PS,T,School A,,Z,\n");
  CHECK(r.text() ==
        "entries.csv:2:3: error: 未知的组别 \"小学组\"；可选：primary (小学), junior (初中), "
        "senior (高中)\n");
  CHECK(r.report.items()[0].code == "entries.unknown-group");
}

TEST_CASE("SPEC §3: unknown kind and subject → errors listing ids and labels") {
  const auto r =
      import(kHeader + "E1,poster,primary,PS,T,S,,A,\nE2,student,primary,数学,T,S,,B,\n");
  CHECK(r.text() ==
        "entries.csv:2:2: error: unknown kind \"poster\"; expected one of student "
        "(学生科技创新成果), "
        "advisor (科技辅导员科技教育创新成果)\n"
        "entries.csv:3:4: error: unknown subject \"数学\"; expected one of PS (物质科学), LS "
        "(生命科学), EES (地球环境与宇宙科学), TECH (技术), ENG (工程), SBS (行为和社会科学), CS "
        "(计算机科学)\n");
}

TEST_CASE("SPEC §3: group required for kinds with students") {
  const auto r = import(kHeader + "E1,student,,PS,T,S,,A,\nA1,advisor,,PS,T,S,,,B\n");
  CHECK(r.text() == "entries.csv:2:3: error: empty group (组别): every entry needs one\n");
  REQUIRE(r.entries.size() == 1);
  CHECK(r.entries[0].entry.id == "A1");
}

TEST_CASE("SPEC §3: an empty required cell → error") {
  const auto r = import(kHeader + ",student,primary,PS,,　,,A,\n");
  CHECK(r.text() ==
        "entries.csv:2:1: error: empty entry_id (作品编号): every entry needs one\n"
        "entries.csv:2:5: error: empty title (作品名称): every entry needs one\n"
        "entries.csv:2:6: error: empty school (学校): every entry needs one\n");
}

TEST_CASE("SPEC §3: students 1..max_students for kinds with students") {
  const auto r =
      import(kHeader + "E1,student,primary,PS,T,S,,,X\nE2,student,primary,PS,T,S,,A、B、C、D,X\n");
  CHECK(r.text() ==
        "entries.csv:2:8: error: 0 students for kind student; allowed 1–3\n"
        "entries.csv:3:8: error: 4 students for kind student; allowed 1–3\n");
  CHECK(r.report.items()[0].code == "entries.student-count");
}

TEST_CASE("SPEC §3: kinds without students: students present is an error") {
  const auto r = import(kHeader + "A1,advisor,,PS,T,S,,张三,李四\n");
  CHECK(r.text() == "entries.csv:2:8: error: kind advisor has no students, but \"张三\" given\n");
}

TEST_CASE("SPEC §3: advisors 0..max_advisors") {
  const auto r = import(kHeader + "A1,advisor,,PS,T,S,,,甲 乙 丙\n");
  CHECK(r.text() == "entries.csv:2:9: error: 3 advisors for kind advisor; allowed 0–2\n");
}

TEST_CASE("SPEC §3: a group given for a kind without students is ignored with a warning") {
  const auto r = import(kHeader + "A1,advisor,教师组,PS,T,S,,,甲\n");
  CHECK(r.text() ==
        "entries.csv:2:3: warning: group \"教师组\" is ignored: kind advisor has no students and "
        "no group\n");
  REQUIRE(r.entries.size() == 1);
  CHECK(r.entries[0].entry.group.empty());
}

TEST_CASE("SPEC §3: status active (default), withdrawn, disqualified — Chinese words accepted") {
  const auto r = import(
      "entry_id,kind,group,subject,title,school,students,status\n"
      "E1,student,primary,PS,T,S,A,\nE2,student,primary,PS,T,S,B,Withdrawn\n"
      "E3,student,primary,PS,T,S,C,退赛\nE4,student,primary,PS,T,S,D,取消资格\n"
      "E5,student,primary,PS,T,S,E,有效\nE6,student,primary,PS,T,S,F,maybe\n");
  CHECK(r.text() ==
        "entries.csv:7:8: error: unknown status \"maybe\"; expected one of active (正常, 有效), "
        "withdrawn (退赛, 撤回, 撤销, 弃权), disqualified (取消资格)\n");
  const auto entries = by_id(r.entries);
  CHECK(entries.at("E1").status == EntryStatus::Active);
  CHECK(entries.at("E2").status == EntryStatus::Withdrawn);
  CHECK(entries.at("E3").status == EntryStatus::Withdrawn);
  CHECK(entries.at("E4").status == EntryStatus::Disqualified);
  CHECK(entries.at("E5").status == EntryStatus::Active);
}

TEST_CASE("SPEC §3: entry_id unique — a duplicate names both lines") {
  const auto r =
      import(kHeader + student_row(1) + student_row(2) + "S1,student,primary,PS,T,S,,X,\n");
  CHECK(r.text() == "entries.csv:4:1: error: duplicate entry_id S1: already on line 2\n");
  CHECK(r.report.items()[0].code == "entries.duplicate-id");
}

TEST_CASE("entry_id kept as text: leading zeros stay, full-width folds — spaces inside refused") {
  const auto r =
      import(kHeader + "００７,student,primary,PS,T,S,,A,\n0 8,student,primary,PS,T,S,,B,\n");
  REQUIRE(r.entries.size() == 1);
  CHECK(r.entries[0].entry.id == "007");
  CHECK(r.text() ==
        "entries.csv:3:1: error: entry_id \"0 8\" contains \" \"; an id is 1–40 letters, "
        "digits, _, - or ., starting with a letter or digit\n");
}

TEST_CASE("SPEC §3: a student in two active student entries (per school) → error naming both") {
  const std::string csv = kHeader +
                          "E1,student,primary,PS,T,沙市中学,,张三　、Zhang,\n"
                          "E2,student,primary,PS,T,沙市 中学　,,王五 张三,\n"
                          "E3,student,primary,PS,T,荆州中学,,张三,\n"  // another school
                          "E4,student,primary,PS,T,沙市中学,,Ｚｈａｎｇ,,\n";
  const auto r = import(csv);
  CHECK(r.text() ==
        "entries.csv:3:8: error: student 张三 of 沙市 中学 is in two active student entries: E1 "
        "(line 2) and E2\n"
        "entries.csv:5:8: error: student Ｚｈａｎｇ of 沙市中学 is in two active student "
        "entries: E1 (line 2) and E4\n");
  CHECK(r.report.items()[0].code == "entries.duplicate-student");
  CHECK(r.entries.size() == 2);  // E1 and E3
}

TEST_CASE("SPEC §3: only ACTIVE student entries count for the one-entry-per-student rule") {
  const auto r = import(
      "entry_id,kind,group,subject,title,school,students,status\n"
      "E1,student,primary,PS,T,S,张三,withdrawn\n"
      "E2,student,primary,PS,T,S,张三,\n"
      "E3,student,primary,PS,T,S,张三,disqualified\n");
  CHECK(r.report.items().empty());
  CHECK(r.entries.size() == 3);
}

TEST_CASE(
    "SPEC §3: the student rule covers existing entries — a re-imported id replaces its entry") {
  Entry old;
  old.id = "OLD";
  old.kind = "student";
  old.group = "primary";
  old.subject = "PS";
  old.school = "沙市中学";
  old.students = {"张三"};
  Entry moved = old;
  moved.id = "E1";
  moved.students = {"李四"};
  const auto r = import(kHeader +
                            "E1,student,primary,PS,T,沙市中学,,李四,\n"  // replaces E1
                            "E2,student,primary,PS,T,沙市中学,,张三,\n",
                        {old, moved});
  CHECK(r.text() ==
        "entries.csv:3:8: error: student 张三 of 沙市中学 is in two active student entries: OLD "
        "(already imported) and E2\n");
  REQUIRE(r.entries.size() == 1);
  CHECK(r.entries[0].entry.id == "E1");
}

TEST_CASE("SPEC §3: an entry that already has scores cannot change kind, group or subject") {
  Entry old;
  old.id = "E1";
  old.kind = "student";
  old.group = "primary";
  old.subject = "PS";
  old.school = "S";
  old.students = {"A"};
  const std::string csv =
      kHeader + "E1,student,junior,LS,New title,S,,A,\n" + "E2,student,junior,LS,T,S,,B,\n";
  const auto scored = import(csv, {old}, {"E1"});
  CHECK(scored.text() ==
        "entries.csv:2:3: error: entry E1 already has scores: its group cannot change from "
        "primary to junior\n"
        "entries.csv:2:4: error: entry E1 already has scores: its subject cannot change from PS "
        "to LS\n");
  CHECK(scored.report.items()[0].code == "entries.scored-change");
  // Without scores the same change is an update; other fields may always change.
  const auto unscored = import(csv, {old}, {});
  CHECK(unscored.report.items().empty());
  CHECK(unscored.entries.size() == 2);
  const auto title_only =
      import(kHeader + "E1,student,primary,PS,New title,S,,A,\n", {old}, {"E1"});
  CHECK(title_only.report.items().empty());
  CHECK(title_only.entries.at(0).entry.title == "New title");
}

TEST_CASE("SPEC §3: rows with too many or too few cells → error with the counts") {
  const auto r =
      import(kHeader + "E1,student,primary,PS,T,S\n" + "E2,student,primary,PS,T,S,,A,,extra\n" +
             "E3,student,primary,PS,T,S,,B,,,\n");
  CHECK(r.text() ==
        "entries.csv:2:7: error: row has 6 cells but the header (line 1) has 9\n"
        "entries.csv:3:10: error: row has 10 cells but the header (line 1) has 9; extra cell "
        "\"extra\"\n");
  CHECK(r.report.items()[0].code == "entries.cell-count");
  REQUIRE(r.entries.size() == 1);  // trailing empty cells lose nothing: accepted
  CHECK(r.entries[0].entry.id == "E3");
}

TEST_CASE("SPEC §6/§10: every problem of the file is listed, not just the first") {
  const auto r =
      import(kHeader + "E1,poster,primary,PS,T,S,,A,\n" + "E2,student,小学组,PS,T,S,,B,\n" +
             "E3,student,primary,PS,,S,,C,\n" + "E1,student,primary,PS,T,S,,D,\n");
  CHECK(test::count_errors(r.report) == 4);
  CHECK(r.entries.empty());
}

TEST_CASE("SPEC §10: an empty file (0 bytes, only a BOM, only whitespace) → error \"empty file\"") {
  for (const std::string& bytes : {std::string(), std::string("\xEF\xBB\xBF"),
                                   std::string(" \r\n\n　\n"), std::string("\xFF\xFE")}) {
    const auto r = import(bytes);
    CHECK(r.text() == "entries.csv: error: empty file: it has no rows\n");
    CHECK(r.report.items().at(0).code == "file.empty");
  }
}

TEST_CASE("SPEC §10: a binary file given as entries is refused, never a crash") {
  const auto r = import(std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR", 16));
  CHECK(r.report.has_errors());
  CHECK(r.entries.empty());
}
