/// The Competition facade on the bundled sample: transactions, revisions, state rules.

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "engine/competition.hpp"
#include "engine/errors.hpp"
#include "fixtures/simulator.hpp"

using namespace jury;
namespace fs = std::filesystem;

namespace {

fs::path scratch(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("jury-engine-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string sample(const std::string& file) {
  return (fs::path(JURY_FIXTURES_DIR) / "jingzhou-2021" / file).string();
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

/// The sample, imported and assigned (seed 1).
Competition assigned_sample(const fs::path& dir) {
  Competition c = Competition::init((dir / "jury.db").string(), sample("competition.json"));
  c.import_entries(sample("entries.csv"), Encoding::Auto);
  c.import_judges(sample("judges.csv"), Encoding::Auto);
  c.assign(1, AssignMode::Incremental);
  return c;
}

/// Writes the sheets filled by simulated judges into dir/name and returns the rows.
std::vector<ScoreRow> fill_sheets(const Competition& c, const fs::path& dir, std::uint64_t seed) {
  SimulationOptions options;
  options.seed = seed;
  auto rows = simulate_scores(c.config(), c.entries(), c.assignments(), options);
  c.export_sheets(dir.string(), Encoding::Utf8, &rows);
  return rows;
}

std::string sheet_of(const fs::path& dir, const std::string& judge) {
  for (const auto& item : fs::directory_iterator(dir))
    if (item.path().filename().string().rfind(judge + "-student", 0) == 0)
      return item.path().string();
  FAIL("no sheet for " << judge);
  return "";
}

}  // namespace

TEST_CASE(
    "SPEC §6: re-importing a sheet replaces the judge's values — the audit keeps the old ones and "
    "the file's SHA-256") {
  const fs::path dir = scratch("revisions");
  Competition c = assigned_sample(dir);
  fill_sheets(c, dir / "first", 1);
  c.import_scores({(dir / "first").string()}, Encoding::Auto);
  const auto before = c.scores();

  fill_sheets(c, dir / "second", 2);  // every judge changes their mind
  const std::string one_sheet = sheet_of(dir / "second", "J001");
  const ImportSummary summary = c.import_scores({one_sheet}, Encoding::Auto);
  CHECK(summary.added == 0);
  CHECK(summary.updated > 0);

  const auto after = c.scores();
  REQUIRE(after.size() == before.size());
  int changed = 0;
  for (std::size_t i = 0; i < after.size(); ++i) {
    if (after[i].values == before[i].values) continue;
    ++changed;
    CHECK(after[i].judge_id == "J001");  // only that judge's values were replaced
  }
  CHECK(changed == summary.updated);

  const auto audit = c.audit();
  const AuditRecord& last = audit.back();
  CHECK(last.command == "import scores");
  CHECK(last.file == one_sheet);
  CHECK(last.sha256.size() == 64);
  // The old values stay readable in the audit record: "J001/<entry>: [old] -> [new]".
  const auto old_row = std::find_if(before.begin(), before.end(),
                                    [&](const ScoreRow& r) { return r.judge_id == "J001"; });
  REQUIRE(old_row != before.end());
  CHECK(last.change.find("J001/" + old_row->entry_id + ": [") != std::string::npos);
}

TEST_CASE(
    "SPEC §6: several files in one command are one transaction — an error anywhere changes nothing "
    "and every error is listed") {
  const fs::path dir = scratch("multi-file");
  Competition c = assigned_sample(dir);
  fill_sheets(c, dir / "sheets", 3);
  std::vector<std::string> files;
  for (const auto& item : fs::directory_iterator(dir / "sheets"))
    files.push_back(item.path().string());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() > 3);
  // Break the last file: an over-max score and a unit.
  std::string text = read(files.back());
  const auto header_end = text.find('\n', text.find("judge_id"));
  const auto first_row_end = text.find('\n', header_end + 1);
  std::string row = text.substr(header_end + 1, first_row_end - header_end - 1);
  // Replace the first score cell (4th field) with "999" and the second with "35分".
  std::vector<std::string> fields;
  std::stringstream split(row);
  for (std::string f; std::getline(split, f, ',');) fields.push_back(f);
  REQUIRE(fields.size() >= 6);
  fields[3] = "999";
  fields[4] = "35分";
  std::string broken_row;
  for (std::size_t i = 0; i < fields.size(); ++i) broken_row += (i ? "," : "") + fields[i];
  text.replace(header_end + 1, row.size(), broken_row);
  write(files.back(), text);

  const auto audit_before = c.audit().size();
  try {
    c.import_scores({(dir / "sheets").string()}, Encoding::Auto);
    FAIL("the broken sheet was accepted");
  } catch (const InputError& error) {
    const std::string listed = error.diagnostics().to_text();
    CHECK(listed.find(fs::path(files.back()).string() + ":3:4: error:") != std::string::npos);
    CHECK(listed.find(fs::path(files.back()).string() + ":3:5: error:") != std::string::npos);
  }
  CHECK(c.scores().empty());
  CHECK(c.audit().size() == audit_before);
}

TEST_CASE("SPEC §3: an entry that already has scores cannot change kind, group or subject") {
  const fs::path dir = scratch("scored-entry");
  Competition c = assigned_sample(dir);
  fill_sheets(c, dir / "sheets", 4);
  c.import_scores({(dir / "sheets").string()}, Encoding::Auto);
  std::string entries = read(sample("entries.csv"));
  // JZ21-S0194 is senior CS in the sample; move it to junior.
  const auto at = entries.find("JZ21-S0194,student,senior,CS");
  REQUIRE(at != std::string::npos);
  entries.replace(at, std::string("JZ21-S0194,student,senior").size(), "JZ21-S0194,student,junior");
  write(dir / "entries.csv", entries);
  CHECK_THROWS_AS(c.import_entries((dir / "entries.csv").string(), Encoding::Auto), InputError);
  const auto stored = c.entries();
  const auto e = std::find_if(stored.begin(), stored.end(),
                              [](const Entry& x) { return x.id == "JZ21-S0194"; });
  REQUIRE(e != stored.end());
  CHECK(e->group == "senior");
}

TEST_CASE("SPEC §8: award refuses while entries are incomplete unless --allow-incomplete") {
  const fs::path dir = scratch("award-incomplete");
  Competition c = assigned_sample(dir);
  SimulationOptions options;
  options.seed = 5;
  auto rows = simulate_scores(c.config(), c.entries(), c.assignments(), options);
  // Three of JZ21-S0194's five judges leave its row blank: 2 complete scores < min_scores 3.
  int blanked = 0;
  for (auto& row : rows)
    if (row.entry_id == "JZ21-S0194" && blanked < 3) {
      for (auto& v : row.values) v.reset();
      ++blanked;
    }
  REQUIRE(blanked == 3);
  c.export_sheets((dir / "sheets").string(), Encoding::Utf8, &rows);
  const ImportSummary imported = c.import_scores({(dir / "sheets").string()}, Encoding::Auto);
  CHECK(imported.blank == 3);

  CHECK_THROWS_AS(c.award(Incomplete::Refuse), StateError);
  CHECK_FALSE(c.awarded());
  const Results decided = c.award(Incomplete::Allow);
  CHECK(c.awarded());
  bool listed_incomplete = false;
  for (const auto& pool : decided.pools)
    for (const auto& row : pool.rows)
      if (row.entry_id == "JZ21-S0194") {
        listed_incomplete = true;
        CHECK_FALSE(row.rank);
        CHECK_FALSE(row.tier);
        CHECK(row.scores == 2);
        CHECK(row.flags.front() == "incomplete");
      }
  CHECK(listed_incomplete);
  CHECK_THROWS_AS(c.award(Incomplete::Allow), StateError);  // already decided
  CHECK_THROWS_AS(c.assign(1, AssignMode::Incremental), StateError);
  CHECK_THROWS_AS(c.import_scores({(dir / "sheets").string()}, Encoding::Auto), StateError);
  CHECK_THROWS_AS(c.reopen("  "), UsageError);  // SPEC §8: a reason is required
  CHECK(c.awarded());
  c.reopen("JZ21-S0194 re-judged");
  CHECK_FALSE(c.awarded());
  CHECK(c.audit().back().command == "award --reopen");
  CHECK(c.audit().back().change.find("reason: JZ21-S0194 re-judged") != std::string::npos);
}

TEST_CASE(
    "SPEC §6: recuse drops the assignment and the next assign refills it with another judge") {
  const fs::path dir = scratch("recuse");
  Competition c = assigned_sample(dir);
  c.export_sheets((dir / "sheets").string(), Encoding::Utf8);
  const std::string sheet = sheet_of(dir / "sheets", "J002");
  std::string text = read(sheet);
  // First data row: judge J002, some entry; set its recuse cell (last field) to 回避.
  const auto header_end = text.find('\n', text.find("judge_id"));
  const auto row_end = text.find('\n', header_end + 1);
  std::string row = text.substr(header_end + 1, row_end - header_end - 1);
  if (!row.empty() && row.back() == '\r') row.pop_back();
  const std::string entry_id = row.substr(5, row.find(',', 5) - 5);
  text.replace(header_end + 1, row.size(), row + "回避");
  write(sheet, text);

  const auto current = c.assignments();
  const std::set<Assignment> before(current.begin(), current.end());
  const ImportSummary summary = c.import_scores({sheet}, Encoding::Auto);
  CHECK(summary.recused == 1);
  const auto after_recusal = c.assignments();
  CHECK(std::count(after_recusal.begin(), after_recusal.end(), Assignment{"J002", entry_id}) == 0);
  CHECK(after_recusal.size() == before.size() - 1);

  const AssignSummary refill = c.assign(1, AssignMode::Incremental);
  CHECK(refill.added == 1);
  CHECK(refill.dropped == 0);
  const auto refilled = c.assignments();
  CHECK(refilled.size() == before.size());
  CHECK(std::count(refilled.begin(), refilled.end(), Assignment{"J002", entry_id}) == 0);
  // Everything else stayed as it was.
  for (const auto& pair : before)
    if (!(pair == Assignment{"J002", entry_id}))
      CHECK(std::count(refilled.begin(), refilled.end(), pair) == 1);
}

TEST_CASE("SPEC §5: withdrawing a judge and re-assigning keeps every other judge's assignments") {
  const fs::path dir = scratch("withdraw");
  Competition c = assigned_sample(dir);
  const auto before = c.assignments();
  const std::string judges = read(sample("judges.csv"));
  // J003 withdraws: re-import the file with an active column, "no" for J003.
  std::string out;
  std::stringstream lines(judges);
  bool header = true;
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    line += header ? ",active" : line.rfind("J003,", 0) == 0 ? ",no" : ",yes";
    header = false;
    out += line + "\n";
  }
  write(dir / "judges.csv", out);
  c.import_judges((dir / "judges.csv").string(), Encoding::Auto);
  const AssignSummary summary = c.assign(1, AssignMode::Incremental);
  const auto after = c.assignments();
  const int j003 = static_cast<int>(std::count_if(
      before.begin(), before.end(), [](const Assignment& a) { return a.judge_id == "J003"; }));
  CHECK(summary.dropped == j003);
  CHECK(summary.added == j003);
  CHECK(after.size() == before.size());
  for (const auto& pair : before) {
    if (pair.judge_id == "J003") continue;
    CHECK(std::count(after.begin(), after.end(), pair) == 1);
  }
  CHECK(std::none_of(after.begin(), after.end(),
                     [](const Assignment& a) { return a.judge_id == "J003"; }));
}

TEST_CASE("SPEC §1: same inputs and seed give byte-identical sheets") {
  const fs::path a = scratch("determinism-a"), b = scratch("determinism-b");
  Competition first = assigned_sample(a);
  Competition second = assigned_sample(b);
  const auto files_a = first.export_sheets((a / "sheets").string(), Encoding::Utf8);
  const auto files_b = second.export_sheets((b / "sheets").string(), Encoding::Utf8);
  REQUIRE(files_a.size() == files_b.size());
  for (std::size_t i = 0; i < files_a.size(); ++i) {
    CHECK(fs::path(files_a[i]).filename() == fs::path(files_b[i]).filename());
    CHECK(read(files_a[i]) == read(files_b[i]));
  }
}
