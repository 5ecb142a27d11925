/// The CLI on hostile input, the reproducers of the fuzzing issue: every one is invalid input
/// (exit 2, the offending place named, nothing stored), never a crash (SPEC §3, §4, §10 Limits).
/// The asan preset runs these under AddressSanitizer and UndefinedBehaviorSanitizer too.

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "cli_runner.hpp"
#include "engine/competition.hpp"
#include "import_state.hpp"

using namespace jury::testing;

namespace {

const std::string kEntriesHeader =
    "entry_id,kind,group,subject,title,school,district,students,advisors\n";
const std::string kJudgesHeader =
    "judge_id,name,affiliation,district,expertise,kinds,max_load,conflicts\n";

/// A competition with the sample config and nothing imported.
void init_sample(const Scratch& s) {
  run_ok(s, "init '" + fixture("jingzhou-2021/competition.json") + "'");
}

/// `[[[…0…]]]`, `depth` arrays deep.
std::string nested_arrays(std::size_t depth) {
  return std::string(depth, '[') + "0" + std::string(depth, ']');
}

/// One valid student entry of the sample config, with the given id and title.
std::string entry_row(const std::string& id, const std::string& title) {
  return id + ",student,senior,CS," + title + ",监利高级中学,监利市,孟铭文,\n";
}

/// The import is refused with exit 2, `message` is on stderr, and nothing changed.
void expect_refused(const Scratch& s, const std::string& what, const std::string& name,
                    const std::string& text, const std::string& message) {
  const std::string before = state_of(s);
  write_text(s.path(name), text);
  const auto r = s.jury("import " + what + " " + name);
  INFO(r.err.substr(0, 2000));
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(message) != std::string::npos);
  CHECK(state_of(s) == before);
}

}  // namespace

TEST_CASE("SPEC §10 Limits: a config nested 10,000 and 100,000 deep is invalid input, exit 2") {
  Scratch s("hostile-json");
  for (const std::size_t depth : {std::size_t{10000}, std::size_t{100000}}) {
    INFO(depth);
    write_text(s.path("deep.json"), nested_arrays(depth));
    const auto r = s.jury("init deep.json");
    CHECK(r.exit_code == 2);
    // The 65th array opens at $[0]…[0] (64 indexes) and is reported there, nothing deeper read.
    std::string path = "$";
    for (int i = 0; i < 64; ++i) path += "[0]";
    CHECK(r.err.find("deep.json: error: " + path +
                     ": nested deeper than 64 levels of objects and arrays") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(s.path("jury.db")));
  }
  // Objects as deep as arrays: {"a":{"a":…}}.
  std::string objects;
  for (int i = 0; i < 100000; ++i) objects += "{\"a\":";
  objects += "0" + std::string(100000, '}');
  write_text(s.path("deep.json"), objects);
  const auto r = s.jury("init deep.json");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(": nested deeper than 64 levels of objects and arrays") != std::string::npos);
}

TEST_CASE(
    "SPEC §3: entry ids that are formulas (=1+1, @x) or 300 characters long are refused, exit 2") {
  Scratch s("hostile-entry-ids");
  init_sample(s);
  const std::string rule =
      "; an id is 1–40 letters, digits, _, - or ., starting with a letter or digit";
  expect_refused(s, "entries", "formula.csv", kEntriesHeader + entry_row("=1+1", "作品"),
                 "formula.csv:2:1: error: entry_id \"=1+1\" starts with \"=\"" + rule);
  expect_refused(s, "entries", "at.csv", kEntriesHeader + entry_row("@x", "作品"),
                 "at.csv:2:1: error: entry_id \"@x\" starts with \"@\"" + rule);
  // The message shows the first 40 characters of the id, then "…".
  expect_refused(s, "entries", "long.csv",
                 kEntriesHeader + entry_row(std::string(300, 'A'), "作品"),
                 "long.csv:2:1: error: entry_id \"" + std::string(40, 'A') +
                     "…\" is 300 characters long" + rule);
  // The same file with a 40-character id imports.
  write_text(s.path("fine.csv"), kEntriesHeader + entry_row(std::string(40, 'A'), "作品"));
  run_ok(s, "import entries fine.csv");
}

TEST_CASE(
    "SPEC §4: judge ids that are formulas (=1+1, @x) or 300 characters long are refused, exit 2") {
  Scratch s("hostile-judge-ids");
  init_sample(s);
  const std::string rule =
      "; an id is 1–40 letters, digits, _, - or ., starting with a letter or digit";
  expect_refused(s, "judges", "formula.csv",
                 kJudgesHeader + "=1+1,卢辰,荆州市生态环境局,沙市区,CS,,,\n",
                 "formula.csv:2:1: error: judge_id \"=1+1\" starts with \"=\"" + rule);
  expect_refused(s, "judges", "at.csv", kJudgesHeader + "@x,卢辰,荆州市生态环境局,沙市区,CS,,,\n",
                 "at.csv:2:1: error: judge_id \"@x\" starts with \"@\"" + rule);
  expect_refused(s, "judges", "long.csv",
                 kJudgesHeader + std::string(300, 'J') + ",卢辰,荆州市生态环境局,沙市区,CS,,,\n",
                 "long.csv:2:1: error: judge_id \"" + std::string(40, 'J') +
                     "…\" is 300 characters long" + rule);
}

TEST_CASE("SPEC §10 Limits: a title over 32,767 characters is refused at import, exit 2") {
  Scratch s("hostile-title");
  init_sample(s);
  // 32,768 ASCII characters, then 16,384 characters outside the BMP (32,768 UTF-16 units): both
  // one unit over Excel's limit; column 5 is the title.
  expect_refused(s, "entries", "ascii.csv",
                 kEntriesHeader + entry_row("S1", std::string(32768, 'x')),
                 "ascii.csv:2:5: error: the cell holds 32768 characters; a cell may hold at most "
                 "32,767 (Excel's limit)");
  std::string astral;
  for (int i = 0; i < 16384; ++i) astral += "\xF0\x9D\x91\xA5";  // 𝑥, two UTF-16 units
  expect_refused(s, "entries", "astral.csv", kEntriesHeader + entry_row("S1", astral),
                 "astral.csv:2:5: error: the cell holds 32768 characters; a cell may hold at most "
                 "32,767 (Excel's limit)");
  // A title of exactly 32,767 characters is stored whole.
  write_text(s.path("fine.csv"), kEntriesHeader + entry_row("S1", std::string(32767, 'x')));
  run_ok(s, "import entries fine.csv");
  const auto entries = jury::Competition::open(s.path("jury.db")).entries();
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].title == std::string(32767, 'x'));
}

TEST_CASE("SPEC §10/§15: an .xls that crashes FreeXL is exit 2 naming the file, nothing stored") {
  Scratch s("hostile-xls");
  init_sample(s);
  // The fuzzer's reproducer: its first byte picked the fuzzer's encoding, the rest is the file.
  const std::string input = jury::testing::read_text(
      std::string(JURY_FIXTURES_DIR) + "/../fuzz/corpus/entries/freexl-stack-overflow.xls");
  expect_refused(s, "entries", "entries.xls", input.substr(1),
                 "entries.xls: error: the workbook (.xls) is damaged: ");
  expect_refused(s, "judges", "judges.xls", input.substr(1),
                 "judges.xls: error: the workbook (.xls) is damaged: ");
}
