#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>

#include "engine/state_digest.hpp"
#include "engine/store.hpp"
#include "engine/tamper.hpp"

using namespace jury;

namespace {

std::string fresh_db(const std::string& name) {
  const auto path = std::filesystem::temp_directory_path() / ("jury-tamper-" + name + ".db");
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  return path.string();
}

Entry entry(const std::string& id, const std::string& title) {
  Entry e;
  e.id = id;
  e.kind = "student";
  e.group = "g1";
  e.subject = "S";
  e.title = title;
  e.school = "甲校";
  e.students = {"张一"};
  return e;
}

Judge judge(const std::string& id) {
  Judge j;
  j.id = id;
  j.name = "评" + id;
  j.affiliation = "大学";
  return j;
}

/// E1, E2; J1, J2 both on E1 with scores; one audit record.
Store scored_store(const std::string& path) {
  Store store = Store::create(path);
  Store::Transaction transaction(store);
  store.upsert_entries({entry("E1", "题一"), entry("E2", "题二")});
  store.upsert_judges({judge("J1"), judge("J2")});
  store.open_round("main");
  store.insert_assignments("main", {{"J1", "E1"}, {"J2", "E1"}});
  store.upsert_scores("main", {{"J1", "E1", "40;20;10", ""}, {"J2", "E1", "30;;5", "好"}});
  store.append_audit("import scores", "s.csv", "ab", "2 score rows");
  transaction.commit();
  return store;
}

std::size_t table(const char* name) {
  for (std::size_t t = 0; t < kDigestedTables.size(); ++t)
    if (std::string(kDigestedTables[t]) == name) return t;
  return kDigestedTables.size();
}

}  // namespace

TEST_CASE("SPEC §10: the state digest is a sum of SHA-256 modulo 2^256") {
  const std::string ones(64, 'f');
  DigestSum sum = *DigestSum::from_hex(ones);
  Sha256 one{};
  one[31] = 1;
  sum.add(one);  // 2^256 - 1 + 1 wraps to 0
  CHECK(sum.hex() == std::string(64, '0'));
  sum.subtract(one);
  CHECK(sum.hex() == ones);
  Sha256 high{};
  high[0] = 0x80;
  DigestSum carry = *DigestSum::from_hex(
      "00000000000000000000000000000000000000000000000"
      "0ffffffffffffffff");
  carry.add(one);  // the carry crosses a 64-bit limb
  CHECK(carry.hex() == "0000000000000000000000000000000000000000000000010000000000000000");
  carry.add(high);
  CHECK(carry.hex() == "8000000000000000000000000000000000000000000000010000000000000000");
  CHECK_FALSE(DigestSum::from_hex("12").has_value());
  CHECK_FALSE(DigestSum::from_hex(std::string(64, 'g')).has_value());
}

TEST_CASE("SPEC §10: the digest jury keeps while it writes equals a full scan of the state") {
  const auto path = fresh_db("incremental");
  Store store = scored_store(path);
  const StateDigest scanned = scan_state(store.database());
  CHECK(read_stored_state(store.database()) == scanned);
  CHECK(scanned[table("scores")].rows == 2);
  CHECK(scanned[table("assignments")].rows == 2);
  CHECK(scanned[table("meta")].rows == 0);

  // A replaced score, a deleted one, an updated entry, slots set and cleared, a recusal.
  {
    Store::Transaction transaction(store);
    store.upsert_scores("main", {{"J1", "E1", "41;20;10", "改"}});
    store.delete_scores("main", {{"J2", "E1"}});
    store.upsert_entries({entry("E2", "题二改")});
    store.save_slots("main", {{{"J1", "E1"}, 1}});
    store.clear_slots("main");
    store.insert_recusals("main", {{"J2", "E2"}});
    store.save_decision(R"({"tiers": []})");
    store.append_audit("import scores", "t.csv", "cd", "1 replaced, 1 cleared");
    transaction.commit();
  }
  const StateDigest after = scan_state(store.database());
  CHECK(read_stored_state(store.database()) == after);
  CHECK(after[table("scores")].rows == 1);
  CHECK_FALSE(after[table("scores")] == scanned[table("scores")]);
  CHECK(after[table("entrants")] == scanned[table("entrants")]);

  const auto records = store.load_audit();
  REQUIRE(records.size() == 2);
  CHECK(records[0].prev_sha256.empty());
  CHECK(records[1].prev_sha256 == audit_record_hash(records[0]));
  CHECK(records[1].state_digest == total(after).hex());
  CHECK(store.verify().intact());
}

TEST_CASE("SPEC §10: a transaction that is rolled back leaves the digest as it was") {
  const auto path = fresh_db("rollback");
  Store store = scored_store(path);
  {
    Store::Transaction transaction(store);
    store.upsert_entries({entry("E3", "题三")});
    store.append_audit("import entries", "e.csv", "ef", "1 entry");
  }  // not committed
  {
    Store::Transaction transaction(store);
    store.upsert_judges({judge("J3")});
    store.append_audit("import judges", "j.csv", "12", "1 judge");
    transaction.commit();
  }
  const TamperReport report = store.verify();
  CHECK(report.intact());
  CHECK(report.records == 2);
  CHECK(report.upgrade_record == 0);
  CHECK(store.load_audit().back().command == "import judges");
}

TEST_CASE("SPEC §10: verify names the table another program changed, and the digests edited") {
  const auto path = fresh_db("outside");
  Store store = scored_store(path);
  {
    SQLite::Database other(path, SQLite::OPEN_READWRITE);
    other.exec("UPDATE scores SET vals = '50;20;10' WHERE judge_id = 'J1'");
    other.exec("DELETE FROM assignments WHERE judge_id = 'J9'");  // nothing: no finding
    other.exec("INSERT INTO recusals VALUES ('main', 'J1', 'E2')");
  }
  TamperReport report = store.verify();
  REQUIRE(report.findings.size() == 2);
  CHECK(report.findings[0].kind == TamperFinding::Kind::TableChanged);
  CHECK(report.findings[0].table == "recusals");  // the SPEC's order: recusals before scores
  CHECK(report.findings[0].rows == 1);
  CHECK(report.findings[0].expected_rows == 0);
  CHECK(report.findings[1].table == "scores");
  CHECK(report.findings[1].rows == 2);
  CHECK(report.findings[1].expected_rows == 2);

  // The digests table set to the changed state is caught by the last record's digest.
  write_stored_state(store.database(), scan_state(store.database()));
  report = store.verify();
  REQUIRE(report.findings.size() == 1);
  CHECK(report.findings[0].kind == TamperFinding::Kind::DigestsChanged);
  CHECK(report.findings[0].record == 1);
}

TEST_CASE("SPEC §10: verify names the first audit record changed, and records removed at the end") {
  const auto path = fresh_db("records");
  Store store = scored_store(path);
  for (const char* command : {"assign", "award", "award --reopen"}) {
    Store::Transaction transaction(store);
    store.append_audit(command, "", "", "");
    transaction.commit();
  }
  SQLite::Database other(path, SQLite::OPEN_READWRITE);
  other.exec("DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete");
  other.exec("UPDATE audit SET change = 'x' WHERE id IN (2, 3)");
  TamperReport report = store.verify();
  REQUIRE(report.findings.size() == 1);
  CHECK(report.findings[0].kind == TamperFinding::Kind::RecordChanged);
  CHECK(report.findings[0].record == 2);

  const auto fresh = fresh_db("records-end");
  Store tail = scored_store(fresh);
  for (const char* command : {"assign", "award"}) {
    Store::Transaction transaction(tail);
    tail.append_audit(command, "", "", "");
    transaction.commit();
  }
  SQLite::Database editor(fresh, SQLite::OPEN_READWRITE);
  editor.exec("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id >= 2");
  report = tail.verify();
  // Records #2 and #3 changed no state, so only the chain tells.
  REQUIRE(report.findings.size() == 1);
  CHECK(report.findings[0].kind == TamperFinding::Kind::RecordsRemoved);
  CHECK(report.findings[0].after == 1);
  CHECK(report.findings[0].rows == 2);
}

TEST_CASE(
    "SPEC §10: new score rows inserted past the hook, hashed by the store, keep the digest equal "
    "to a full scan, and a stored row is never replaced by them") {
  const auto path = fresh_db("hashed");
  Store store = Store::create(path);
  {
    Store::Transaction transaction(store);
    store.upsert_entries({entry("E1", "题一"), entry("E2", "题二")});
    store.upsert_judges({judge("J1"), judge("J2")});
    store.open_round("main");
    store.insert_assignments("main", {{"J1", "E1"}, {"J2", "E1"}, {"J1", "E2"}});
    // Empty text, a comment with a line break, and a row after the untracked ones, tracked.
    store.insert_new_scores("main",
                            {{"J1", "E1", "40;20;10", ""}, {"J2", "E1", "30;;5", "好\n很好"}});
    store.upsert_scores("main", {{"J1", "E2", "1;2;3", ""}});
    store.append_audit("import scores", "s.csv", "ab", "3 score rows");
    transaction.commit();
  }
  CHECK(read_stored_state(store.database()) == scan_state(store.database()));
  CHECK(scan_state(store.database())[table("scores")].rows == 3);
  CHECK(store.verify().findings.empty());

  // A batch with a stored pair fails (the new pair before it is inserted, then the statement
  // stops); the caller goes on in the same transaction: nothing of the batch may count, and the
  // hook must be back for the next write. Then the transaction commits.
  {
    Store::Transaction transaction(store);
    store.insert_assignments("main", {{"J2", "E2"}});
    CHECK_THROWS(
        store.insert_new_scores("main", {{"J2", "E2", "2;2;2", ""}, {"J1", "E1", "1;1;1", ""}}));
    store.database().exec("DELETE FROM scores WHERE judge_id = 'J2' AND entry_id = 'E2'");
    store.upsert_scores("main", {{"J2", "E2", "3;3;3", "后"}});
    store.append_audit("import scores", "t.csv", "cd", "1 score row");
    transaction.commit();
  }
  CHECK(read_stored_state(store.database()) == scan_state(store.database()));
  CHECK(scan_state(store.database())[table("scores")].rows == 4);
  CHECK(store.load_scores("main")[0].values == std::vector<std::optional<double>>{40, 20, 10});
  CHECK(store.verify().findings.empty());
}
