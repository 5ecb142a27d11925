#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "exporters/results_json.hpp"
#include "exporters/roster.hpp"
#include "exporters/roster_formats.hpp"
#include "sample.hpp"
#include "temp_dir.hpp"

using namespace jury;
using jury::test::sample_config;
using jury::test::sample_entries;
using jury::test::sample_results;

TEST_CASE("SPEC §9 roster formats: csv, json, html, xlsx, named by the file extension") {
  std::vector<std::string> names;
  for (const RosterFormat& format : roster_formats()) names.emplace_back(format.name);
  CHECK(names == std::vector<std::string>{"csv", "json", "html", "xlsx"});
  CHECK(roster_format_names("|") == "csv|json|html|xlsx");

  CHECK(find_roster_format("json")->name == "json");
  CHECK(find_roster_format("htm")->name == "html");  // the other extension of html
  CHECK(find_roster_format("CSV") == nullptr);       // --format is exact
  CHECK(find_roster_format("pdf") == nullptr);
  CHECK(find_roster_format("") == nullptr);

  CHECK(roster_format_of_path("out/Roster.XLSX")->name == "xlsx");  // extensions: any case
  CHECK(roster_format_of_path("a.htm")->name == "html");
  CHECK(roster_format_of_path("roster") == nullptr);
  CHECK(roster_format_of_path("roster.") == nullptr);
  CHECK(roster_format_of_path("roster.txt") == nullptr);
}

TEST_CASE("SPEC §9 roster formats: each writes its exporter's document to the file") {
  test::TempDir dir;
  const Config config = sample_config();
  const std::vector<Entry> entries = sample_entries();
  const Results results = sample_results();
  const RosterInput roster{config, entries, results, Audience::Public};
  for (const char* name : {"csv", "json", "html"}) {
    const auto path = (dir.path() / (std::string("roster.") + name)).string();
    find_roster_format(name)->write(path, roster);
    INFO(name);
    const std::string expected = name == std::string("csv")
                                     ? roster_csv(config, entries, results, Audience::Public)
                                 : name == std::string("json")
                                     ? results_json_text(config, entries, results, Audience::Public)
                                     : roster_html(config, entries, results, Audience::Public);
    CHECK(test::read_bytes(path) == expected);
  }
  const auto xlsx = dir.path() / "roster.xlsx";
  const auto direct = dir.path() / "direct.xlsx";
  find_roster_format("xlsx")->write(xlsx.string(), roster);
  write_roster_xlsx(direct.string(), config, entries, results, Audience::Public);
  CHECK(test::read_bytes(xlsx) == test::read_bytes(direct));  // fixed date
}
