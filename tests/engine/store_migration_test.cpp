#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>

#include "engine/competition.hpp"
#include "engine/store.hpp"
#include "engine/tamper.hpp"
#include "small_competition.hpp"

using namespace jury;

namespace {

/// The schema jury wrote before rounds (schema 1), verbatim: the database a competition of
/// today's offices holds.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE entries (
  id TEXT PRIMARY KEY, kind TEXT NOT NULL, grp TEXT NOT NULL, subject TEXT NOT NULL,
  title TEXT NOT NULL, school TEXT NOT NULL, district TEXT NOT NULL, students TEXT NOT NULL,
  advisors TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'withdrawn', 'disqualified')));
CREATE TABLE judges (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, affiliation TEXT NOT NULL, district TEXT NOT NULL,
  expertise TEXT NOT NULL, kinds TEXT NOT NULL, max_load INTEGER, conflicts TEXT NOT NULL,
  active INTEGER NOT NULL CHECK (active IN (0, 1)));
CREATE TABLE assignments (
  judge_id TEXT NOT NULL REFERENCES judges(id), entry_id TEXT NOT NULL REFERENCES entries(id),
  PRIMARY KEY (judge_id, entry_id)) WITHOUT ROWID;
CREATE INDEX assignments_by_entry ON assignments(entry_id);
CREATE TABLE recusals (
  judge_id TEXT NOT NULL REFERENCES judges(id), entry_id TEXT NOT NULL REFERENCES entries(id),
  PRIMARY KEY (judge_id, entry_id)) WITHOUT ROWID;
CREATE TABLE scores (
  judge_id TEXT NOT NULL, entry_id TEXT NOT NULL, vals TEXT NOT NULL, comment TEXT NOT NULL,
  PRIMARY KEY (judge_id, entry_id),
  FOREIGN KEY (judge_id, entry_id) REFERENCES assignments(judge_id, entry_id)) WITHOUT ROWID;
CREATE TABLE decision (id INTEGER PRIMARY KEY CHECK (id = 1), document TEXT NOT NULL);
CREATE TABLE audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL, command TEXT NOT NULL,
  file TEXT NOT NULL, sha256 TEXT NOT NULL, change TEXT NOT NULL);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
PRAGMA user_version = 1;
)sql";

/// A schema 1 database of the small competition: E1–E3, J1–J4, J1–J3 on E1 with scores (one
/// partly filled), J4 recused from E2, the config as schema 1 stored it (no `rounds`).
std::string v1_database(const std::string& name) {
  const auto path = std::filesystem::temp_directory_path() / ("jury-v1-" + name + ".db");
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db.exec(kSchemaV1);
  SQLite::Statement config(db, "INSERT INTO meta VALUES ('config', ?)");
  config.bind(1, test::small_config(3, 10, R"([{"id": "first", "label": "一等奖", "count": 1}])"));
  config.exec();
  db.exec(R"sql(
    INSERT INTO entries VALUES
      ('E1','student','g1','S','题一','甲校','','["张一"]','[]','active'),
      ('E2','student','g1','S','题二','乙校','','["张二"]','[]','active'),
      ('E3','student','g1','S','题三','丙校','','["张三"]','[]','active');
    INSERT INTO judges VALUES
      ('J1','评一','大学一','','[]','[]',NULL,'[]',1), ('J2','评二','大学二','','[]','[]',NULL,'[]',1),
      ('J3','评三','大学三','','[]','[]',NULL,'[]',1), ('J4','评四','大学四','','[]','[]',NULL,'[]',1);
    INSERT INTO assignments VALUES ('J1','E1'), ('J2','E1'), ('J3','E1');
    INSERT INTO recusals VALUES ('J4','E2');
    INSERT INTO scores VALUES ('J1','E1','40;20;10',''), ('J2','E1','30;;5','好'),
                              ('J3','E1','50;30;20','');
    INSERT INTO audit(time, command, file, sha256, change)
      VALUES ('2024-01-01T00:00:00Z', 'init', 'c.json', '00', 'created');
  )sql");
  return path.string();
}

}  // namespace

TEST_CASE("SPEC §12: a schema 1 database is upgraded to schema 2 when opened, nothing lost") {
  const std::string path = v1_database("upgrade");
  Store store = Store::open(path);
  CHECK(store.database().execAndGet("PRAGMA user_version").getInt() == Store::kSchemaVersion);
  CHECK(store.database().execAndGet("PRAGMA foreign_keys").getInt() == 1);
  // Its one round is the default round, current, unscheduled, with no stored entrants.
  CHECK(store.opened_rounds() == std::vector<std::string>{"main"});
  CHECK_FALSE(store.scheduled("main"));
  CHECK(store.load_entrants("main").empty());
  CHECK(store.load_assignments("main") ==
        std::vector<Assignment>{{"J1", "E1"}, {"J2", "E1"}, {"J3", "E1"}});
  CHECK(store.load_recusals("main") == std::vector<Assignment>{{"J4", "E2"}});
  const auto scores = store.load_scores("main");
  REQUIRE(scores.size() == 3);
  CHECK(scores[1].judge_id == "J2");
  CHECK(scores[1].values == std::vector<std::optional<double>>{30.0, std::nullopt, 5.0});
  CHECK(scores[1].comment == "好");
  // The judges gain `rounds` (all rounds); the audit log is still append-only and complete.
  for (const Judge& judge : store.load_judges()) CHECK(judge.rounds.empty());
  REQUIRE(store.load_audit().size() == 2);  // and the schema 3 upgrade (SPEC §10)
  CHECK_THROWS(store.database().exec("DELETE FROM audit"));
  // The score still needs its assignment.
  CHECK_THROWS(store.delete_assignments("main", {{"J1", "E1"}}));
  CHECK(store.database()
            .execAndGet("SELECT count(*) FROM sqlite_master WHERE name LIKE '%_v1'")
            .getInt() == 0);
}

TEST_CASE("SPEC §12: an upgraded database works as before: same results, assign keeps its pairs") {
  const std::string path = v1_database("results");
  Competition competition = Competition::open(path);
  CHECK(competition.current_round() == 0);
  const Results results = competition.results();
  REQUIRE(results.pools.size() == 1);
  const PoolResult& pool = results.pools[0];
  REQUIRE(pool.rows.size() == 3);
  // E1: two complete rows (70, 100) and one partial; min_scores 3 → incomplete, like E2 and E3.
  CHECK(pool.entries == 0);
  CHECK(pool.rows[0].entry_id == "E1");
  CHECK(pool.rows[0].scores == 2);
  CHECK_FALSE(results.staged);
  const AssignSummary summary = competition.assign(1, AssignMode::Incremental);
  CHECK(summary.kept == 3);
  CHECK(summary.added == 6);  // E2 and E3 get three judges each; J4 never on E2 (recused)
  for (const Assignment& pair : competition.assignments())
    CHECK_FALSE((pair.judge_id == "J4" && pair.entry_id == "E2"));
}

TEST_CASE(
    "SPEC §10: an upgraded database is chained from the upgrade on, and verify vouches for it") {
  const std::string path = v1_database("tamper");
  {
    SQLite::Database db(path, SQLite::OPEN_READWRITE);
    db.exec(
        "INSERT INTO audit(time, command, file, sha256, change) VALUES "
        "('2024-01-02T00:00:00Z', 'assign', '', '', '3 pairs')");
  }
  Store store = Store::open(path);
  const auto records = store.load_audit();
  REQUIRE(records.size() == 3);
  // The old records are chained as they stood; the upgrade record carries the first digest.
  CHECK(records[0].prev_sha256.empty());
  CHECK(records[0].state_digest.empty());
  CHECK(records[1].prev_sha256 == audit_record_hash(records[0]));
  CHECK(records[1].state_digest.empty());
  CHECK(records[2].command == "upgrade");
  CHECK(records[2].change ==
        "schema 2 -> 3: tamper evidence starts here; the 2 earlier audit records are chained as "
        "they stood at this upgrade");
  CHECK(records[2].prev_sha256 == audit_record_hash(records[1]));
  CHECK(records[2].state_digest.size() == 64);
  TamperReport report = store.verify();
  CHECK(report.intact());
  CHECK(report.upgrade_record == 3);
  CHECK(report.state_digest == records[2].state_digest);

  // Judges written by schema 1 have no `rounds` cell on disk (the column came with ALTER TABLE):
  // jury's update of one sees the column's default, as a scan does.
  {
    Store::Transaction transaction(store);
    Judge j1 = store.load_judges()[0];
    j1.name = "评一改";
    store.upsert_judges({j1});
    store.delete_scores("main", {{"J2", "E1"}});
    store.append_audit("import judges", "j.csv", "00", "J1 name");
    transaction.commit();
  }
  CHECK(store.verify().intact());

  // An old record changed after the upgrade is named.
  store.database().exec("DROP TRIGGER audit_no_update");
  store.database().exec("UPDATE audit SET change = 'x' WHERE id = 1");
  report = store.verify();
  REQUIRE(report.findings.size() == 1);
  CHECK(report.findings[0].kind == TamperFinding::Kind::RecordChanged);
  CHECK(report.findings[0].record == 1);
}
