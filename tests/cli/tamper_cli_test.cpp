/// SPEC §10 tamper evidence through the `jury` executable: `audit --verify` is 0 on what jury
/// wrote (corrections included) and 3, naming the table or the audit record, after the database
/// was edited with the sqlite3 command-line tool.

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <sstream>

#include "../engine/small_competition.hpp"
#include "cli_runner.hpp"
#include "import_state.hpp"

using namespace jury::testing;
namespace fs = std::filesystem;

namespace {

const std::string kTiers = R"([{"id": "first", "label": "一等奖", "count": 1}])";

/// `sqlite3 DB SQL`, the way an office clerk would edit the file; returns what it printed.
std::string sqlite3(const Scratch& s, const std::string& db, const std::string& sql) {
  write_text(s.path("edit.sql"), sql + "\n");
  const std::string out = s.path("edit.out");
  const std::string command =
      "sqlite3 -bail '" + s.path(db) + "' <'" + s.path("edit.sql") + "' >'" + out + "' 2>&1";
  const int status = std::system(command.c_str());
  INFO(read_text(out));
  REQUIRE(status == 0);
  return read_text(out);
}

/// A long-format score file (SPEC §6) with every assigned pair scored 40, 20, 10.
std::string all_scores(const Scratch& s) {
  std::istringstream pairs(
      sqlite3(s, "jury.db", "SELECT judge_id || ',' || entry_id FROM assignments ORDER BY 1;"));
  std::string text = "judge_id,entry_id,criterion,score\n";
  for (std::string pair; std::getline(pairs, pair);)
    text += pair + ",a,40\n" + pair + ",b,20\n" + pair + ",c,10\n";
  return text;
}

/// Five entries, four judges, k = 3 (15 score rows), every score in, the tiers decided.
void awarded(const Scratch& s) {
  write_text(s.path("competition.json"), jury::test::small_config(3, 5, kTiers));
  write_text(s.path("entries.csv"), jury::test::small_entries(5));
  write_text(s.path("judges.csv"), jury::test::kSmallJudges);
  run_ok(s, "init competition.json");
  run_ok(s, "import entries entries.csv");
  run_ok(s, "import judges judges.csv");
  run_ok(s, "assign --seed 1");
  write_text(s.path("scores.csv"), all_scores(s));
  run_ok(s, "import scores scores.csv");
  run_ok(s, "award");
}

/// `audit --verify` of a copy of the database edited with `sql`.
RunResult verify_after(const Scratch& s, const std::string& name, const std::string& sql) {
  fs::copy_file(s.path("jury.db"), s.path(name), fs::copy_options::overwrite_existing);
  sqlite3(s, name, sql);
  return s.run("--db '" + s.path(name) + "' audit --verify");
}

}  // namespace

TEST_CASE("SPEC §10: audit --verify is 0 on an untouched database, also after jury's corrections") {
  Scratch s("tamper-untouched");
  awarded(s);
  const auto first = s.jury("audit --verify");
  INFO(first.out << first.err);
  CHECK(first.exit_code == 0);
  CHECK(first.out.find("the audit log (6 records) and the stored state are as jury left them; "
                       "state digest ") == 0);
  CHECK(first.err.empty());

  // The office's corrections: reopen, a replaced score, a withdrawn entry, award again.
  run_ok(s, "award --reopen --reason \"E5 withdrew\"");
  std::istringstream first_pair(
      sqlite3(s, "jury.db",
              "SELECT judge_id || ',' || entry_id FROM scores WHERE entry_id = 'E1' "
              "ORDER BY judge_id LIMIT 1;"));
  std::string pair;
  std::getline(first_pair, pair);
  write_text(s.path("fix.csv"), "judge_id,entry_id,criterion,score\n" + pair + ",a,45\n");
  run_ok(s, "import scores fix.csv");
  write_text(s.path("entries.csv"), jury::test::small_entries(5, "withdrawn"));
  run_ok(s, "import entries entries.csv");
  run_ok(s, "award");
  const auto after = s.jury("audit --verify --json");
  INFO(after.out << after.err);
  CHECK(after.exit_code == 0);
  const auto doc = nlohmann::json::parse(after.out);
  CHECK(doc["intact"] == true);
  CHECK(doc["records"] == 10);
  CHECK(doc["findings"].empty());
  // The last record carries the digest of the state verify recomputed.
  const auto audit = nlohmann::json::parse(s.jury("audit --json").out);
  CHECK(audit.back()["state_digest"] == doc["state_digest"]);
  CHECK(audit.back()["prev_sha256"].get<std::string>().size() == 64);
}

TEST_CASE("SPEC §10: audit --verify exits 3 naming the table a sqlite3 edit changed") {
  Scratch s("tamper-tables");
  awarded(s);
  const std::string before = state_of(s);

  const auto score =
      verify_after(s, "score.db",
                   "UPDATE scores SET vals = '50;30;20' WHERE entry_id = 'E2' AND judge_id = "
                   "(SELECT min(judge_id) FROM scores WHERE entry_id = 'E2');");
  CHECK(score.exit_code == 3);
  CHECK(score.out ==
        "table scores (score rows) was changed outside jury: rows were edited (the number of rows, "
        "15, is as jury left it)\n");

  // A tier in the frozen decision: E… moved from first to no prize.
  const auto tier = verify_after(
      s, "tier.db", "UPDATE decision SET document = replace(document, '\"first\"', 'null');");
  CHECK(tier.exit_code == 3);
  CHECK(tier.out ==
        "table decision (the frozen award decision (tiers)) was changed outside jury: rows were "
        "edited (the number of rows, 1, is as jury left it)\n");

  const auto entry =
      verify_after(s, "entry.db", "UPDATE entries SET title = '题六' WHERE id = 'E3';");
  CHECK(entry.exit_code == 3);
  CHECK(entry.out.find("table entries (entries) was changed outside jury") == 0);

  const auto judge = verify_after(
      s, "judge.db",
      "INSERT INTO judges(id, name, affiliation, district, expertise, kinds, conflicts, active) "
      "VALUES ('J5', '评五', '大学五', '', '[]', '[]', '[]', 1);");
  CHECK(judge.exit_code == 3);
  CHECK(judge.out == "table judges (judges) was changed outside jury: 5 rows, jury left 4\n");

  const auto assignment = verify_after(
      s, "assignment.db",
      "INSERT INTO assignments(round, judge_id, entry_id) SELECT 'main', j.id, e.id FROM judges "
      "j, entries e WHERE NOT EXISTS (SELECT 1 FROM assignments a WHERE a.judge_id = j.id AND "
      "a.entry_id = e.id) LIMIT 1;");
  CHECK(assignment.exit_code == 3);
  CHECK(assignment.out ==
        "table assignments (judge assignments) was changed outside jury: 16 rows, jury left 15\n");

  // Two tables at once: both named, in the SPEC's order.
  const auto both = verify_after(s, "both.db",
                                 "UPDATE entries SET school = '己校' WHERE id = 'E1'; "
                                 "DELETE FROM decision;");
  CHECK(both.exit_code == 3);
  CHECK(both.out.find("table entries") == 0);
  CHECK(both.out.find("table decision (the frozen award decision (tiers)) was changed outside "
                      "jury: 0 rows, jury left 1") != std::string::npos);

  // The original is untouched by all this.
  CHECK(state_of(s) == before);
  CHECK(s.jury("audit --verify").exit_code == 0);
}

TEST_CASE("SPEC §10: audit --verify names the first audit record changed or removed outside jury") {
  Scratch s("tamper-records");
  awarded(s);
  const auto changed = verify_after(s, "changed.db",
                                    "DROP TRIGGER audit_no_update; UPDATE audit SET change = "
                                    "'nothing happened' WHERE id = 5;");
  CHECK(changed.exit_code == 3);
  CHECK(changed.out ==
        "audit record #5 was changed outside jury (its hash is not the one jury chained)\n");

  const auto last = verify_after(s, "last.db",
                                 "DROP TRIGGER audit_no_update; UPDATE audit SET command = "
                                 "'status' WHERE id = 6;");
  CHECK(last.exit_code == 3);
  CHECK(last.out ==
        "audit record #6 was changed outside jury (its hash is not the one jury chained)\n");

  const auto removed = verify_after(
      s, "removed.db", "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 3;");
  CHECK(removed.exit_code == 3);
  CHECK(removed.out == "audit records between #2 and #4 were removed outside jury\n");

  const auto zh = s.run("--lang zh --db '" + s.path("removed.db") + "' audit --verify");
  CHECK(zh.exit_code == 3);
  CHECK(zh.out == "审计记录 #2 与 #4 之间的记录已在 jury 之外被删除\n");
}
