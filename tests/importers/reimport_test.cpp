/// SPEC §3–4 re-imports: a column the file lacks leaves that field of an existing entry or judge
/// as it is (a file without status never reactivates a withdrawn entry or judge).

#include <catch2/catch.hpp>

#include "importers/entries_importer.hpp"
#include "importers/judges_importer.hpp"
#include "test_support.hpp"

using namespace jury;

namespace {

Entry stored_entry(const std::string& id, EntryStatus status) {
  Entry e;
  e.id = id;
  e.kind = "student";
  e.group = "junior";
  e.subject = "LS";
  e.title = "旧题目";
  e.school = "实验中学";
  e.district = "沙市区";
  e.students = {"张三", "李四"};
  e.advisors = {"王老师"};
  e.status = status;
  return e;
}

std::vector<ImportedEntry> import_entries_file(const std::string& csv,
                                               const std::vector<Entry>& existing,
                                               Diagnostics& report) {
  return import_entries(csv, "entries.csv", Encoding::Auto, test::jingzhou(), existing, {}, report);
}

Judge stored_judge(const std::string& id, bool active) {
  Judge j;
  j.id = id;
  j.name = "评委甲";
  j.affiliation = "某大学";
  j.district = "荆州区";
  j.expertise = {"LS", "PS"};
  j.kinds = {"student"};
  j.max_load = 12;
  j.conflicts = {"E9"};
  j.active = active;
  return j;
}

}  // namespace

TEST_CASE("SPEC §3: a file without a status column never reactivates a withdrawn entry") {
  const std::vector<Entry> existing{stored_entry("E1", EntryStatus::Withdrawn),
                                    stored_entry("E2", EntryStatus::Disqualified)};
  Diagnostics report;
  const auto rows = import_entries_file(
      "entry_id,kind,group,subject,title,school,students\n"
      "E1,student,junior,LS,新题目,实验中学,张三、李四\n"
      "E2,student,junior,LS,旧题目,实验中学,张三、李四\n"
      "E3,student,junior,LS,新作品,实验中学,赵六\n",
      existing, report);
  INFO(report.to_text());
  REQUIRE_FALSE(report.has_errors());
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].entry.status == EntryStatus::Withdrawn);
  CHECK(rows[0].entry.title == "新题目");  // a column the file has does change the field
  CHECK(rows[1].entry.status == EntryStatus::Disqualified);
  CHECK(rows[2].entry.status == EntryStatus::Active);  // a new entry gets the default
}

TEST_CASE("SPEC §3: every column the entries file lacks leaves that field of an existing entry") {
  const std::vector<Entry> existing{stored_entry("E1", EntryStatus::Active)};
  Diagnostics report;
  // No group, district, students, advisors or status column: a file of titles only.
  const auto rows = import_entries_file(
      "作品编号,类别,学科,作品名称,学校\nE1,学生科技创新成果,生命科学,改过的题目,实验中学\n",
      existing, report);
  INFO(report.to_text());
  REQUIRE_FALSE(report.has_errors());
  REQUIRE(rows.size() == 1);
  const Entry& e = rows[0].entry;
  CHECK(e.title == "改过的题目");
  CHECK(e.group == "junior");
  CHECK(e.district == "沙市区");
  CHECK(e.students == std::vector<std::string>{"张三", "李四"});
  CHECK(e.advisors == std::vector<std::string>{"王老师"});
  CHECK(e.status == EntryStatus::Active);
  // A new entry in such a file still needs its group and students (no stored value to keep).
  Diagnostics fresh;
  import_entries_file(
      "作品编号,类别,学科,作品名称,学校\nE7,学生科技创新成果,生命科学,新作品,实验中学\n", existing,
      fresh);
  CHECK(test::count_errors(fresh) == 2);
}

TEST_CASE("SPEC §3: a column the file has, even empty, does change the field") {
  const std::vector<Entry> existing{stored_entry("E1", EntryStatus::Withdrawn)};
  Diagnostics report;
  const auto rows = import_entries_file(
      "entry_id,kind,group,subject,title,school,district,students,advisors,status\n"
      "E1,student,junior,LS,旧题目,实验中学,,张三、李四,,\n",
      existing, report);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].entry.district.empty());
  CHECK(rows[0].entry.advisors.empty());
  CHECK(rows[0].entry.status == EntryStatus::Active);  // an empty status cell is `active`
}

TEST_CASE("SPEC §3–4: a judges file without 状态 never reactivates a withdrawn judge") {
  const std::vector<Judge> existing{stored_judge("J1", false), stored_judge("J2", true)};
  Diagnostics report;
  const auto rows = import_judges(
      "评委编号,姓名,工作单位\nJ1,评委甲,新单位\nJ2,评委乙,某大学\nJ3,新评委,某中学\n",
      "judges.csv", Encoding::Auto, test::jingzhou(), report, existing);
  INFO(report.to_text());
  REQUIRE(rows.size() == 3);
  const Judge& j1 = rows[0].judge;
  CHECK_FALSE(j1.active);
  CHECK(j1.affiliation == "新单位");
  // Every other column the file lacks keeps the stored field too.
  CHECK(j1.district == "荆州区");
  CHECK(j1.expertise == std::vector<std::string>{"LS", "PS"});
  CHECK(j1.kinds == std::vector<std::string>{"student"});
  CHECK(j1.max_load == 12);
  CHECK(j1.conflicts == std::vector<std::string>{"E9"});
  CHECK(rows[1].judge.active);
  CHECK(rows[1].judge.name == "评委乙");
  const Judge& j3 = rows[2].judge;  // new: the defaults
  CHECK(j3.active);
  CHECK(j3.expertise.empty());
  CHECK_FALSE(j3.max_load);
}
