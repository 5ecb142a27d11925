#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "exporters/roster.hpp"
#include "sample.hpp"
#include "temp_dir.hpp"

using namespace jury;
using jury::test::sample_config;
using jury::test::sample_entries;
using jury::test::sample_results;

namespace {

std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool have_unzip() {
  return std::system("command -v unzip >/dev/null 2>&1") == 0;
}

/// One member of the zip, via `unzip -p`.
std::string unzip_member(const std::filesystem::path& zip, const std::string& member) {
  const std::string command = "unzip -p '" + zip.string() + "' '" + member + "' 2>/dev/null";
  std::string out;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[4096];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
    pclose(pipe);
  }
  return out;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("excel_sheet_name: invalid characters replaced, at most 31 characters, unique") {
  CHECK(excel_sheet_name("学生科技创新成果", "student", {}) == "学生科技创新成果");
  CHECK(excel_sheet_name("a[b]:c*d?e/f\\g", "x", {}) == "a_b__c_d_e_f_g");
  CHECK(excel_sheet_name("'quoted'", "x", {}) == "quoted");
  CHECK(excel_sheet_name("", "advisor", {}) == "advisor");
  CHECK(excel_sheet_name("''", "", {}) == "Sheet");
  const std::string long_label =
      "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五";
  CHECK(excel_sheet_name(long_label, "x", {}) ==
        "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一");
  CHECK(excel_sheet_name("Kind", "x", {"kind"}) == "Kind (2)");
  CHECK(excel_sheet_name("Kind", "x", {"kind", "Kind (2)"}) == "Kind (3)");
  CHECK(excel_sheet_name(long_label, "x",
                         {"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一"}) ==
        "一二三四五六七八九十一二三四五六七八九十一二三四五六七 (2)");
  CHECK(excel_sheet_name("😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀", "x", {}) == "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀");  // 15 × 2 UTF-16 units
}

TEST_CASE("roster XLSX: two writes of the same results are byte-identical") {
  test::TempDir dir;
  const auto first = dir.path() / "first.xlsx";
  const auto second = dir.path() / "second.xlsx";
  write_roster_xlsx(first.string(), sample_config(), sample_entries(), sample_results(),
                    Audience::Committee);
  write_roster_xlsx(second.string(), sample_config(), sample_entries(), sample_results(),
                    Audience::Committee);
  const std::string bytes = read_bytes(first);
  CHECK(bytes.starts_with("PK"));
  CHECK(bytes.size() > 4000);
  CHECK(bytes == read_bytes(second));
}

TEST_CASE("roster XLSX: one sheet per kind, Chinese headers, strings never formulas") {
  if (!have_unzip()) {
    WARN("skipped: unzip is missing");
    return;
  }
  test::TempDir dir;
  const auto path = dir.path() / "roster.xlsx";
  write_roster_xlsx(path.string(), sample_config(), sample_entries(), sample_results(),
                    Audience::Committee);

  const std::string workbook = unzip_member(path, "xl/workbook.xml");
  CHECK(contains(workbook, "<sheet name=\"学生科技创新成果\" sheetId=\"1\""));
  CHECK(contains(workbook, "<sheet name=\"科技辅导员科技教育创新成果\" sheetId=\"2\""));
  CHECK_FALSE(contains(workbook, "sheetId=\"3\""));

  const std::string students = unzip_member(path, "xl/worksheets/sheet1.xml");
  const std::string advisors = unzip_member(path, "xl/worksheets/sheet2.xml");
  REQUIRE_FALSE(students.empty());
  CHECK_FALSE(contains(students, "<f>"));
  CHECK_FALSE(contains(advisors, "<f>"));
  CHECK(contains(students, "<c r=\"K2\" s=\"2\"><v>88.17</v></c>"));  // score, a number
  CHECK(contains(students, "<c r=\"L2\"><v>1</v></c>"));              // rank, a number
  CHECK(contains(students, "<c r=\"J6\"><v>2</v></c>"));              // S005: 2 scores…
  CHECK_FALSE(contains(students, "r=\"K6\""));                        // …no score, no rank
  CHECK_FALSE(contains(students, "r=\"L6\""));
  CHECK(contains(students, "<dimension ref=\"A1:N7\"/>"));  // header + 6 student entries

  const std::string strings = unzip_member(path, "xl/sharedStrings.xml");
  for (const char* header : {"作品编号", "类别", "组别", "学科", "作品名称", "学校", "县市区",
                             "学生", "指导教师", "评分数", "得分", "名次", "奖项", "标记"})
    CHECK(contains(strings, std::string("<t>") + header + "</t>"));
  CHECK(contains(strings, "<t>'=HYPERLINK(\"http://x\",\"y\")</t>"));
  CHECK(contains(strings, "<t>'-学校</t>"));
  CHECK(contains(strings, "<t>&lt;script&gt;alert(1)&lt;/script&gt;</t>"));
  CHECK(contains(strings, "<t>学生科技创新成果</t>"));  // labels, not ids
  CHECK(contains(strings, "<t>小学</t>"));
  CHECK(contains(strings, "<t>一等奖</t>"));
  CHECK(contains(strings, "<t>评分未完成</t>"));

  const std::string core = unzip_member(path, "docProps/core.xml");
  CHECK(contains(core, "2021-01-01T00:00:00Z"));
}

TEST_CASE("SPEC §9: roster XLSX --public: no score columns, no flags, only entries with a tier") {
  if (!have_unzip()) {
    WARN("skipped: unzip is missing");
    return;
  }
  test::TempDir dir;
  const auto path = dir.path() / "public.xlsx";
  write_roster_xlsx(path.string(), sample_config(), sample_entries(), sample_results(),
                    Audience::Public);
  const std::string strings = unzip_member(path, "xl/sharedStrings.xml");
  CHECK_FALSE(contains(strings, "<t>得分</t>"));
  CHECK_FALSE(contains(strings, "<t>评分数</t>"));
  CHECK_FALSE(contains(strings, "<t>标记</t>"));
  CHECK_FALSE(contains(strings, "评分未完成"));
  const std::string students = unzip_member(path, "xl/worksheets/sheet1.xml");
  // Amended SPEC §9: the header and the four student winners (S003, S001, S004, S010) only.
  CHECK(contains(students, "<dimension ref=\"A1:K5\"/>"));
  CHECK_FALSE(contains(students, "88.17"));
  CHECK_FALSE(contains(unzip_member(path, "xl/sharedStrings.xml"), "S002"));
  CHECK_FALSE(contains(unzip_member(path, "xl/sharedStrings.xml"), "S005"));
}

TEST_CASE("roster XLSX: an unwritable path throws and an unknown entry writes nothing") {
  test::TempDir dir;
  CHECK_THROWS_AS(write_roster_xlsx((dir.path() / "missing" / "x.xlsx").string(), sample_config(),
                                    sample_entries(), sample_results(), Audience::Committee),
                  std::runtime_error);
  Results bad = sample_results();
  bad.pools[0].rows[0].entry_id = "NOPE";
  const auto path = dir.path() / "bad.xlsx";
  CHECK_THROWS_AS(
      write_roster_xlsx(path.string(), sample_config(), sample_entries(), bad, Audience::Committee),
      std::out_of_range);
  CHECK_FALSE(std::filesystem::exists(path));
}
