#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "../exporters/temp_dir.hpp"
#include "engine/competition.hpp"
#include "engine/errors.hpp"
#include "fixtures/generator.hpp"
#include "fixtures/simulator.hpp"
#include "importers/score_plan.hpp"

using namespace jury;
namespace fs = std::filesystem;

namespace {

/// The bundled sample, assigned, with the simulated judges' filled sheets in `dir/filled`.
Competition sample_with_filled_sheets(const fs::path& dir) {
  const fs::path sample = fs::path(JURY_FIXTURES_DIR) / "jingzhou-2021";
  Competition c =
      Competition::init((dir / "jury.db").string(), (sample / "competition.json").string());
  c.import_entries((sample / "entries.csv").string(), Encoding::Auto);
  c.import_judges((sample / "judges.csv").string(), Encoding::Auto);
  c.assign(7, AssignMode::Incremental);
  const auto filled = simulate_scores(c.config(), c.entries(), c.assignments(), {});
  c.export_sheets((dir / "filled").string(), Encoding::Utf8, &filled);
  return c;
}

}  // namespace

TEST_CASE(
    "SPEC §6: several files in one command are one transaction — a pair given twice is an error "
    "and nothing changes") {
  test::TempDir dir;
  Competition c = sample_with_filled_sheets(dir.path());
  // A copy of the first sheet under another name: every pair of it is given twice.
  std::vector<std::string> sheets;
  for (const auto& item : fs::directory_iterator(dir.path() / "filled"))
    sheets.push_back(item.path().string());
  std::sort(sheets.begin(), sheets.end());
  const fs::path copy = dir.path() / "copy.csv";
  fs::copy_file(sheets.front(), copy);

  try {
    c.import_scores({(dir.path() / "filled").string(), copy.string()}, Encoding::Auto);
    FAIL("a pair given in two files must be refused");
  } catch (const InputError& e) {
    REQUIRE(e.diagnostics().has_errors());
    INFO(e.diagnostics().to_text());
    // The code is in the diagnostics (the text shows only FILE:LINE:COLUMN and the message).
    CHECK(std::any_of(e.diagnostics().items().begin(), e.diagnostics().items().end(),
                      [](const Diagnostic& d) { return d.code == "scores.duplicate-pair"; }));
    CHECK(e.diagnostics().to_text().find(sheets.front()) != std::string::npos);
  }
  CHECK(c.scores().empty());  // the files before the copy were valid: rolled back all the same

  const ImportSummary summary = c.import_scores({(dir.path() / "filled").string()}, Encoding::Auto);
  CHECK(summary.added == static_cast<int>(c.assignments().size()));
  CHECK(c.scores().size() == c.assignments().size());
  // The audit log holds one record per file with its SHA-256.
  std::size_t audited = 0;
  for (const auto& record : c.audit())
    if (record.command == "import scores") ++audited;
  CHECK(audited == sheets.size());

  // Importing the same sheets again changes nothing.
  const ImportSummary again = c.import_scores({(dir.path() / "filled").string()}, Encoding::Auto);
  CHECK(again.added == 0);
  CHECK(again.updated == 0);
  CHECK(again.unchanged == summary.added);
}

TEST_CASE(
    "SPEC §6, §10: an error in the last sheet undoes the rows already written from the earlier "
    "sheets — nothing is stored, nothing audited") {
  // More rows than one write batch: the import writes the first sheets' rows while it reads the
  // later ones, so the refusal must come from the rollback, not from not having written yet.
  test::TempDir dir;
  const SyntheticCompetition generated = generate_competition(3600, 360, 5, 3);
  write_competition(generated, dir.path() / "input");
  Competition c = Competition::init((dir.path() / "jury.db").string(),
                                    (dir.path() / "input" / "competition.json").string());
  c.import_entries((dir.path() / "input" / "entries.csv").string(), Encoding::Auto);
  c.import_judges((dir.path() / "input" / "judges.csv").string(), Encoding::Auto);
  c.assign(1, AssignMode::Incremental);
  REQUIRE(c.assignments().size() > 2 * ScoreWrites::kRowBatch);
  const auto filled = simulate_scores(c.config(), c.entries(), c.assignments(), {});
  c.export_sheets((dir.path() / "filled").string(), Encoding::Utf8, &filled);
  std::vector<fs::path> sheets;
  for (const auto& item : fs::directory_iterator(dir.path() / "filled"))
    sheets.push_back(item.path());
  std::sort(sheets.begin(), sheets.end());
  const std::size_t audit_before = c.audit().size();
  {
    std::ofstream last(sheets.back(), std::ios::app);
    last << "NOBODY,NO-SUCH-ENTRY,,1,1,1,1,,\n";
  }

  try {
    c.import_scores({(dir.path() / "filled").string()}, Encoding::Auto);
    FAIL("a sheet with an unknown pair must be refused");
  } catch (const InputError& e) {
    const auto& items = e.diagnostics().items();
    REQUIRE(std::any_of(items.begin(), items.end(), [&](const Diagnostic& d) {
      return d.severity == Severity::Error && d.file == sheets.back().string();
    }));
    CHECK(std::none_of(items.begin(), items.end(), [&](const Diagnostic& d) {
      return d.severity == Severity::Error && d.file != sheets.back().string();
    }));
  }
  CHECK(c.scores().empty());
  CHECK(c.audit().size() == audit_before);
  CHECK(c.verify().findings.empty());
}

TEST_CASE(
    "SPEC §6, §10: a named sheet that cannot be opened refuses the whole import, named first or "
    "last") {
  // The sheets are read ahead on their own thread while the competition loads: named first, it
  // fails before any sheet is checked; named last, after every other sheet was checked and
  // planned. Either way the failure reaches the command and nothing is stored.
  test::TempDir dir;
  Competition c = sample_with_filled_sheets(dir.path());
  const std::size_t audit_before = c.audit().size();
  const std::string missing = (dir.path() / "missing.csv").string();
  const std::string filled = (dir.path() / "filled").string();
  for (const auto& paths :
       {std::vector<std::string>{missing, filled}, std::vector<std::string>{filled, missing}}) {
    try {
      c.import_scores(paths, Encoding::Auto);
      FAIL("a sheet that cannot be opened must be refused");
    } catch (const InputError& e) {
      CHECK(e.diagnostics().to_text().find(missing) != std::string::npos);
    }
    CHECK(c.scores().empty());
    CHECK(c.audit().size() == audit_before);
    CHECK(c.verify().findings.empty());
  }
}
