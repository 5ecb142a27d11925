/// End-to-end: the `jury` executable driven the way an office (or the acceptance check) drives it.

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

using namespace jury::testing;
using nlohmann::json;

namespace {

void init_sample(const Scratch& s, const std::string& sample) {
  REQUIRE(s.jury("init " + fixture(sample + "/competition.json")).exit_code == 0);
  const auto entries = s.jury("import entries " + fixture(sample + "/entries.csv"));
  INFO(entries.err);
  REQUIRE(entries.exit_code == 0);
  const auto judges = s.jury("import judges " + fixture(sample + "/judges.csv"));
  INFO(judges.err);
  REQUIRE(judges.exit_code == 0);
}

json status_of(const Scratch& s) {
  const auto status = s.jury("status --json");
  REQUIRE(status.exit_code == 0);
  return json::parse(status.out);
}

/// Everything observable about the competition's state, to prove a refused command changed nothing.
std::string state_of(const Scratch& s) {
  return s.jury("status --json").out + s.jury("audit --json").out + s.jury("results --json").out;
}

}  // namespace

TEST_CASE("SPEC §3-4: both sample competitions import with the right counts") {
  for (const std::string sample : {"jingzhou-2021", "jingzhou-2021-excel"}) {
    Scratch s("samples-" + sample);
    init_sample(s, sample);
    const json status = status_of(s);
    CHECK(status["entries"] == 332);
    CHECK(status["judges_active"] == 50);
    CHECK(status["kinds"][0]["kind"] == "student");
    CHECK(status["kinds"][0]["active"] == 284);
    CHECK(status["kinds"][1]["kind"] == "advisor");
    CHECK(status["kinds"][1]["active"] == 48);
  }
}

TEST_CASE("SPEC §3: re-importing the same entries file updates nothing and adds nothing") {
  Scratch s("reimport");
  init_sample(s, "jingzhou-2021");
  const auto again = s.jury("import entries " + fixture("jingzhou-2021/entries.csv"));
  REQUIRE(again.exit_code == 0);
  CHECK(again.err.find("0 added, 0 updated, 332 unchanged") != std::string::npos);
}

TEST_CASE(
    "SPEC §10: a broken entries file is refused with exit 2, every line named, nothing changed") {
  Scratch s("broken-entries");
  init_sample(s, "jingzhou-2021");
  const std::string before = state_of(s);
  write_text(s.path("broken.csv"),
             "entry_id,kind,group,subject,title,school,district,students,advisors\n"
             "N1,student,primary,PS,ok title,某小学,,张三,\n"
             "N2,student,小学组,PS,bad group,某小学,,李四,\n"
             "N1,student,primary,PS,duplicate id,某小学,,王五,\n");
  const auto result = s.jury("import entries broken.csv");
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("broken.csv:3:") != std::string::npos);
  CHECK(result.err.find("broken.csv:4:") != std::string::npos);
  CHECK(state_of(s) == before);
}

TEST_CASE("SPEC §10: import --json prints the diagnostics as a JSON array") {
  Scratch s("json-diagnostics");
  init_sample(s, "jingzhou-2021");
  write_text(s.path("bad-judges.csv"), "judge_id,name,affiliation,max_load\nX1,甲,某单位,-3\n");
  const auto result = s.jury("import judges bad-judges.csv --json");
  CHECK(result.exit_code == 2);
  const json diagnostics = json::parse(result.out);
  REQUIRE(diagnostics.is_array());
  REQUIRE_FALSE(diagnostics.empty());
  CHECK(diagnostics[0]["line"] == 2);
  CHECK(diagnostics[0]["severity"] == "error");
}

TEST_CASE("SPEC §10: usage errors exit 1, a missing database exits 3") {
  Scratch s("usage");
  CHECK(s.jury("no-such-command").exit_code == 1);
  CHECK(s.jury("status").exit_code == 3);
  CHECK(s.jury("--version").exit_code == 0);
}

TEST_CASE("SPEC §2: an invalid config is refused with exit 2 and no database is created") {
  Scratch s("bad-config");
  write_text(s.path("c.json"),
             R"({"competition": {"id": "x", "name": "n", "year": 2021}, "typo": 1})");
  const auto result = s.jury("init c.json");
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("typo") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(s.path("jury.db")));
}
