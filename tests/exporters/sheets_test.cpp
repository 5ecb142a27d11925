#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

#include "exporters/sheets.hpp"
#include "sample.hpp"

using namespace jury;
using jury::test::sample_config;
using jury::test::sample_entries;

namespace {

std::string ascii_lower(std::string text) {
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return text;
}

}  // namespace

TEST_CASE("safe_file_stem keeps [A-Za-z0-9_-] and hex-escapes every other byte") {
  CHECK(safe_file_stem("JZ-J01_a") == "JZ-J01_a");
  CHECK(safe_file_stem("../x") == "%2E%2E%2Fx");
  CHECK(safe_file_stem("a/b") == "a%2Fb");
  CHECK(safe_file_stem("a\\b") == "a%5Cb");
  CHECK(safe_file_stem("..") == "%2E%2E");
  CHECK(safe_file_stem(".") == "%2E");
  CHECK(safe_file_stem("评委") == "%E8%AF%84%E5%A7%94");
  CHECK(safe_file_stem("a b:c") == "a%20b%3Ac");
  CHECK(safe_file_stem("a%2Fb") == "a%252Fb");  // never the same stem as "a/b"
  CHECK(safe_file_stem("") == "%");
}

TEST_CASE("safe_file_stem: hostile ids stay inside the directory and never collide") {
  const std::vector<std::string> ids{
      "../x",  "a/b",   "..",   ".",     "",      "/etc/passwd",          "a%2Fb",
      "a_2Fb", "a-2Fb", "评委", "评委 ", "C:\\x", std::string("x\0y", 3), "%",
      "%25",   "NUL",   "a\nb", "a/b/.."};
  const std::filesystem::path dir = "/sheets";
  std::set<std::string> stems;
  for (const std::string& id : ids) {
    const std::string stem = safe_file_stem(id);
    INFO("id " << id << " → " << stem);
    CHECK(!stem.empty());
    CHECK(stem != ".");
    CHECK(stem != "..");
    CHECK(stem.find_first_not_of(
              "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-%") ==
          std::string::npos);
    CHECK((dir / (stem + "-student.csv")).lexically_normal().parent_path() == dir);
    stems.insert(stem);
  }
  CHECK(stems.size() == ids.size());
}

TEST_CASE(
    "export sheets: one sheet per (judge, kind), comment line, header, rows in entry_id order") {
  const Config config = sample_config();
  const std::vector<Entry> entries = sample_entries();
  // Given out of order on purpose: sheets come in (judge_id, kind order) order, rows in entry_id.
  const std::vector<Assignment> assignments{
      {"J01", "S003"}, {"J01", "A001"}, {"J00", "S010"}, {"J01", "S001"}, {"J01", "S004"}};
  const auto sheets = score_sheets(config, entries, {}, assignments);
  REQUIRE(sheets.size() == 3);

  CHECK(sheets[0].file_name == "J00-student.csv");
  CHECK(sheets[0].judge_id == "J00");
  CHECK(sheets[0].kind == "student");
  CHECK(sheets[0].text ==
        "# innovation=创新性 (0–40), rigor=科学性 (0–30), practicality=实用性 (0–20), "
        "presentation=表述 (0–10); step 0.5\r\n"
        "judge_id,entry_id,title,innovation,rigor,practicality,presentation,comment,recuse\r\n"
        "J00,S010,月相观测,,,,,,\r\n");

  CHECK(sheets[1].file_name == "J01-student.csv");
  CHECK(sheets[1].text ==
        "# innovation=创新性 (0–40), rigor=科学性 (0–30), practicality=实用性 (0–20), "
        "presentation=表述 (0–10); step 0.5\r\n"
        "judge_id,entry_id,title,innovation,rigor,practicality,presentation,comment,recuse\r\n"
        "J01,S001,水质检测仪,,,,,,\r\n"
        "J01,S003,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",,,,,,\r\n"
        "J01,S004,\"He said \"\"hi\"\", then\nleft\",,,,,,\r\n");

  CHECK(sheets[2].file_name == "J01-advisor.csv");
  CHECK(sheets[2].kind == "advisor");
  CHECK(sheets[2].text ==
        "# innovation=创新性 (0–35), rigor=科学性 (0–25), practicality=实用性 (0–25), "
        "reach=推广价值 (0–15); step 1\r\n"
        "judge_id,entry_id,title,innovation,rigor,practicality,reach,comment,recuse\r\n"
        "J01,A001,校园气象站课程,,,,,,\r\n");
}

TEST_CASE("export sheets: filled sheets carry the values without trailing zeros and the comment") {
  const Config config = sample_config();
  const std::vector<Assignment> assignments{{"J01", "S001"}, {"J01", "S004"}, {"J02", "S001"}};
  const std::vector<ScoreRow> filled{
      {"J01", "S001", {40.0, 25.5, std::nullopt, 7.0}, "很好, 值得推荐"},
      {"J02", "S004", {1.0, 1.0, 1.0, 1.0}, "not assigned: ignored"},
      {"J01", "S004", {0.0, 0.5, 19.5, 10.0}, "=cmd"},
  };
  const auto sheets = score_sheets(config, sample_entries(), {}, assignments, &filled);
  REQUIRE(sheets.size() == 2);
  CHECK(sheets[0].text ==
        "# innovation=创新性 (0–40), rigor=科学性 (0–30), practicality=实用性 (0–20), "
        "presentation=表述 (0–10); step 0.5\r\n"
        "judge_id,entry_id,title,innovation,rigor,practicality,presentation,comment,recuse\r\n"
        "J01,S001,水质检测仪,40,25.5,,7,\"很好, 值得推荐\",\r\n"
        "J01,S004,\"He said \"\"hi\"\", then\nleft\",0,0.5,19.5,10,'=cmd,\r\n");
  CHECK(sheets[1].text.ends_with("J02,S001,水质检测仪,,,,,,\r\n"));
}

TEST_CASE("export sheets: hostile judge ids give file names inside the directory, all distinct") {
  const Config config = sample_config();
  const std::vector<std::string> judge_ids{"../x", "a/b", "..", "评委", "a%2Fb", "A1", "a1"};
  std::vector<Assignment> assignments;
  for (const std::string& judge : judge_ids) assignments.push_back({judge, "S001"});
  const auto sheets = score_sheets(config, sample_entries(), {}, assignments);
  REQUIRE(sheets.size() == judge_ids.size());
  std::set<std::string> names;
  for (const SheetFile& sheet : sheets) {
    INFO(sheet.file_name);
    CHECK(sheet.file_name.find('/') == std::string::npos);
    CHECK(sheet.file_name.find('\\') == std::string::npos);
    CHECK(!sheet.file_name.starts_with("."));
    names.insert(ascii_lower(sheet.file_name));
  }
  CHECK(names.size() == sheets.size());  // distinct even on a case-insensitive file system
  // Sheets in byte order of judge ids: ".." is a prefix of "../x"; '%' < '/' < '1'.
  CHECK(sheets[0].file_name == "%2E%2E-student.csv");
  CHECK(sheets[1].file_name == "%2E%2E%2Fx-student.csv");
  CHECK(sheets[2].file_name == "A1-student.csv");
  CHECK(sheets[3].file_name == "a%252Fb-student.csv");
  CHECK(sheets[4].file_name == "a%2Fb-student.csv");
  CHECK(sheets[5].file_name == "a1-student~2.csv");
  CHECK(sheets[6].file_name == "%E8%AF%84%E5%A7%94-student.csv");
}

TEST_CASE("export sheets: `<judge_id>-<kind>` that repeats across kinds gets a ~2 suffix") {
  Config config;
  config.kinds = {{"b", "B", "r", 1, 1}, {"a-b", "AB", "r", 1, 1}};
  config.rubrics["r"] = {"r", 1, {{"c", "C", 10, 10}}};
  const std::vector<Entry> entries{test::entry("E1", "b", "", "s", "t", "s", "", {}, {}),
                                   test::entry("E2", "a-b", "", "s", "t", "s", "", {}, {})};
  const auto sheets = score_sheets(config, entries, {}, {{"x-a", "E1"}, {"x", "E2"}});
  REQUIRE(sheets.size() == 2);
  CHECK(sheets[0].judge_id == "x");
  CHECK(sheets[0].file_name == "x-a-b.csv");
  CHECK(sheets[1].judge_id == "x-a");
  CHECK(sheets[1].file_name == "x-a-b~2.csv");
}

TEST_CASE("export sheets: no assignments, no sheets — an unknown entry is a programming error") {
  const Config config = sample_config();
  CHECK(score_sheets(config, sample_entries(), {}, {}).empty());
  CHECK_THROWS_AS(score_sheets(config, sample_entries(), {}, {{"J01", "NOPE"}}), std::out_of_range);
}

TEST_CASE(
    "SPEC §12–13: a round's sheets are <judge>-<kind>-<round>, a scheduled round's rows in "
    "slot order") {
  const Config config = sample_config();
  const std::vector<Assignment> assignments{{"J01", "S001"}, {"J01", "S002"}, {"J01", "S004"}};
  const std::map<Assignment, int> slots{
      {{"J01", "S001"}, 3}, {{"J01", "S002"}, 1}, {{"J01", "S004"}, 2}};
  const auto sheets = score_sheets(config, sample_entries(), {}, assignments, nullptr,
                                   SheetRound{"-final", &slots});
  REQUIRE(sheets.size() == 1);
  CHECK(sheets[0].file_name == "J01-student-final.csv");
  const std::string& text = sheets[0].text;
  // The judge meets S002 in slot 1, S004 in slot 2, S001 in slot 3.
  CHECK(text.find("J01,S002") < text.find("J01,S004"));
  CHECK(text.find("J01,S004") < text.find("J01,S001"));
  // Without a timetable: entry_id order, and no round in the name of a one-round competition.
  const auto plain = score_sheets(config, sample_entries(), {}, assignments);
  CHECK(plain[0].file_name == "J01-student.csv");
  CHECK(plain[0].text.find("J01,S001") < plain[0].text.find("J01,S002"));
}
