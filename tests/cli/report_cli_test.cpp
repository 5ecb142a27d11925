/// `jury report --html FILE` (SPEC §14, the §9 report for the committee) through the executable.

#include <catch2/catch.hpp>

#include <filesystem>

#include "cli_runner.hpp"

using namespace jury::testing;

TEST_CASE("SPEC §9/§14: report and report --html exit 3 before any scores, writing nothing") {
  Scratch s("report-no-scores");
  REQUIRE(s.jury("init " + fixture("jingzhou-2021/competition.json")).exit_code == 0);
  REQUIRE(s.jury("import entries " + fixture("jingzhou-2021/entries.csv")).exit_code == 0);
  REQUIRE(s.jury("import judges " + fixture("jingzhou-2021/judges.csv")).exit_code == 0);
  REQUIRE(s.jury("assign --seed 1").exit_code == 0);
  CHECK(s.jury("report").exit_code == 3);
  const auto html = s.jury("report --html page.html");
  CHECK(html.exit_code == 3);
  CHECK(html.err.find("no scores") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(s.path("page.html")));
}

TEST_CASE("SPEC §14: report --html writes the committee's page, the same bytes every time") {
  Scratch s("report-html");
  REQUIRE(s.jury("demo run").exit_code == 0);
  const std::string db = "--db '" + s.path("run/jury.db") + "' ";
  const auto first = s.run(db + "report --html page.html");
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  CHECK(first.out == "report written to page.html\n");
  const std::string page = read_text(s.path("page.html"));
  CHECK(page.starts_with("<!DOCTYPE html>"));
  CHECK(page.find("评审质量报告") != std::string::npos);
  REQUIRE(s.run(db + "report --html again.html").exit_code == 0);
  CHECK(read_text(s.path("again.html")) == page);
  // --json and --html are two forms of one report.
  CHECK(s.run(db + "report --json --html x.html").exit_code == 1);

  // A staged competition: the page of each round names it.
  const std::string rounds = "--db '" + s.path("run/rounds/jury.db") + "' ";
  REQUIRE(s.run(rounds + "report --html prelim.html --round prelim").exit_code == 0);
  CHECK(read_text(s.path("prelim.html")).find("轮次：初评") != std::string::npos);
  REQUIRE(s.run(rounds + "report --html final.html").exit_code == 0);
  CHECK(read_text(s.path("final.html")).find("轮次：终评（问辩）") != std::string::npos);
}
