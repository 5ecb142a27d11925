#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>

#include "engine/errors.hpp"
#include "engine/store.hpp"

using namespace jury;

namespace {
std::string fresh_db(const std::string& name) {
  const auto path = std::filesystem::temp_directory_path() / ("jury-store-" + name + ".db");
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  return path.string();
}

Entry sample_entry(const std::string& id) {
  Entry e;
  e.id = id;
  e.kind = "student";
  e.group = "primary";
  e.subject = "PS";
  e.title = "标题, \"quoted\"";
  e.school = "沙市中心小学";
  e.students = {"张三", "古丽米热·艾比布力"};
  e.advisors = {"O\"Neil \\ 李", ""};
  return e;
}
}  // namespace

TEST_CASE("Store: a new database has the versioned schema and round-trips entries") {
  const auto path = fresh_db("roundtrip");
  {
    Store store = Store::create(path);
    store.upsert_entries({sample_entry("E1"), sample_entry("007")});
  }
  Store store = Store::open(path);
  const auto entries = store.load_entries();
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].id == "007");  // ids are text: leading zeros kept
  CHECK(entries[1].title == "标题, \"quoted\"");
  CHECK(entries[1].students == std::vector<std::string>{"张三", "古丽米热·艾比布力"});
  CHECK(entries[1].advisors == std::vector<std::string>{"O\"Neil \\ 李", ""});
  CHECK(store.database().execAndGet("PRAGMA user_version").getInt() == Store::kSchemaVersion);
  CHECK(store.database().execAndGet("PRAGMA foreign_keys").getInt() == 1);
}

TEST_CASE("Store: a transaction that is not committed leaves nothing behind") {
  const auto path = fresh_db("rollback");
  Store store = Store::create(path);
  {
    Store::Transaction transaction(store);
    store.upsert_entries({sample_entry("E1")});
    store.append_audit("import entries", "entries.csv", "abc", "1 entry");
    // no commit: destructor rolls back
  }
  CHECK(store.load_entries().empty());
  CHECK(store.load_audit().empty());
}

TEST_CASE("Store: the audit log is append-only") {
  const auto path = fresh_db("audit");
  Store store = Store::create(path);
  store.append_audit("init", "c.json", "00", "created");
  CHECK_THROWS(store.database().exec("UPDATE audit SET change = 'x'"));
  CHECK_THROWS(store.database().exec("DELETE FROM audit"));
  REQUIRE(store.load_audit().size() == 1);
  CHECK(store.load_audit()[0].change == "created");
}

TEST_CASE("Store: a score needs an assignment, and an assignment with scores cannot go") {
  const auto path = fresh_db("fk");
  Store store = Store::create(path);
  store.upsert_entries({sample_entry("E1")});
  Judge judge;
  judge.id = "J1";
  judge.name = "李四";
  judge.affiliation = "长江大学";
  store.upsert_judges({judge});
  store.open_round("main");
  const EncodedScoreRow row = encode_score_row({"J1", "E1", {30.0, std::nullopt, 12.5}, ""});
  CHECK(row.vals == "30;;12.5");
  CHECK_THROWS(store.upsert_scores("main", {row}));
  store.insert_assignments("main", {{"J1", "E1"}});
  store.upsert_scores("main", {row});
  CHECK_THROWS(store.delete_assignments("main", {{"J1", "E1"}}));
  const auto scores = store.load_scores("main");
  REQUIRE(scores.size() == 1);
  CHECK(scores[0].values == std::vector<std::optional<double>>{30.0, std::nullopt, 12.5});
}

TEST_CASE("Store: opening a missing database or creating over an existing one is refused") {
  const auto path = fresh_db("exists");
  CHECK_THROWS_AS(Store::open(path), StateError);
  { Store store = Store::create(path); }
  CHECK_THROWS_AS(Store::create(path), StateError);
}

TEST_CASE(
    "Store: scores load in (entry, judge) order of their bytes, as ORDER BY entry_id, judge_id") {
  // Byte order: "E10" sorts before "E2"; each entry's rows in judge order.
  const auto path = fresh_db("order");
  Store store = Store::create(path);
  store.upsert_entries({sample_entry("E1"), sample_entry("E10"), sample_entry("E2")});
  std::vector<Judge> judges(3);
  for (int j = 0; j < 3; ++j) judges[static_cast<std::size_t>(j)].id = "J" + std::to_string(j + 1);
  store.upsert_judges(judges);
  store.open_round("main");
  store.insert_assignments("main",
                           {{"J2", "E1"}, {"J1", "E2"}, {"J1", "E1"}, {"J3", "E10"}, {"J2", "E2"}});
  store.upsert_scores("main", {{"J2", "E1", "1", ""},
                               {"J1", "E2", "2", ""},
                               {"J1", "E1", "3", ""},
                               {"J3", "E10", "4", ""},
                               {"J2", "E2", "5", ""}});
  std::vector<std::string> order;
  for (const ScoreRow& row : store.load_scores("main"))
    order.push_back(row.entry_id + "/" + row.judge_id + "=" + encode_score_values(row.values));
  CHECK(order == std::vector<std::string>{"E1/J1=3", "E1/J2=1", "E10/J3=4", "E2/J1=2", "E2/J2=5"});
  CHECK(store.load_scores("other").empty());
}

TEST_CASE("Score values are stored exactly, blanks kept") {
  CHECK(encode_score_values({40.0, 35.5, std::nullopt, 0.0}) == "40;35.5;;0");
  CHECK(decode_score_values("40;35.5;;0") ==
        std::vector<std::optional<double>>{40.0, 35.5, std::nullopt, 0.0});
}

TEST_CASE("Score values: whole numbers are written as fmt writes them (the stored text is kept)") {
  // Whole numbers take a short path; the text must be what fmt's shortest decimal gives, for
  // the stored rows and the audit log to read as before. Around the path's edges too.
  std::vector<double> values = {0.0,
                                -0.0,
                                1.0,
                                7.0,
                                30.0,
                                100.0,
                                0.5,
                                8.25,
                                1e14,
                                1e15 - 1,
                                1e15,
                                1e16,
                                1e17,
                                -3.0,
                                0.1,
                                1e-7,
                                123456789012345.0};
  for (int i = 0; i <= 2000; ++i) values.push_back(i * 0.25);
  for (const double value : values) CHECK(encode_score_values({value}) == fmt::format("{}", value));
}
