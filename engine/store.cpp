#include "engine/store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string_view>

#include "engine/errors.hpp"
#include "engine/handoff.hpp"
#include "engine/state_digest.hpp"
#include "engine/tamper.hpp"

namespace jury {

namespace {

/// The per-round tables of schema 2, also created by the migration from schema 1.
constexpr const char* kRoundTables = R"sql(
CREATE TABLE rounds (
  id        TEXT PRIMARY KEY,
  position  INTEGER NOT NULL UNIQUE,  -- order of opening = order in the config
  scheduled INTEGER NOT NULL DEFAULT 0 CHECK (scheduled IN (0, 1))  -- §13 `schedule` ran
);
CREATE TABLE entrants (  -- who entered a round after the first, fixed at `advance`
  round    TEXT NOT NULL REFERENCES rounds(id),
  entry_id TEXT NOT NULL REFERENCES entries(id),
  PRIMARY KEY (round, entry_id)
) WITHOUT ROWID;
CREATE TABLE absences (
  round    TEXT NOT NULL REFERENCES rounds(id),
  entry_id TEXT NOT NULL REFERENCES entries(id),
  PRIMARY KEY (round, entry_id)
) WITHOUT ROWID;
CREATE TABLE assignments (
  round    TEXT NOT NULL REFERENCES rounds(id),
  judge_id TEXT NOT NULL REFERENCES judges(id),
  entry_id TEXT NOT NULL REFERENCES entries(id),
  slot     INTEGER CHECK (slot >= 1),  -- §13 interview slot; NULL = not scheduled
  PRIMARY KEY (round, judge_id, entry_id)
) WITHOUT ROWID;
CREATE INDEX assignments_by_entry ON assignments(round, entry_id);
CREATE TABLE recusals (
  round    TEXT NOT NULL REFERENCES rounds(id),
  judge_id TEXT NOT NULL REFERENCES judges(id),
  entry_id TEXT NOT NULL REFERENCES entries(id),
  PRIMARY KEY (round, judge_id, entry_id)
) WITHOUT ROWID;
-- A score exists only for an assigned pair: the assignment cannot go while it has scores.
CREATE TABLE scores (
  round    TEXT NOT NULL,
  judge_id TEXT NOT NULL,
  entry_id TEXT NOT NULL,
  vals     TEXT NOT NULL,  -- "30;25.5;;10", rubric order of the round, empty = not scored yet
  comment  TEXT NOT NULL,
  PRIMARY KEY (round, judge_id, entry_id),
  FOREIGN KEY (round, judge_id, entry_id) REFERENCES assignments(round, judge_id, entry_id)
) WITHOUT ROWID;
)sql";

/// The tables without rounds, then the per-round ones, then the decision and the audit log.
constexpr const char* kBaseTables = R"sql(
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE entries (
  id       TEXT PRIMARY KEY,
  kind     TEXT NOT NULL,
  grp      TEXT NOT NULL,
  subject  TEXT NOT NULL,
  title    TEXT NOT NULL,
  school   TEXT NOT NULL,
  district TEXT NOT NULL,
  students TEXT NOT NULL,  -- JSON array of names
  advisors TEXT NOT NULL,  -- JSON array of names
  status   TEXT NOT NULL CHECK (status IN ('active', 'withdrawn', 'disqualified'))
);
CREATE TABLE judges (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  affiliation TEXT NOT NULL,
  district    TEXT NOT NULL,
  expertise   TEXT NOT NULL,  -- JSON array of subject ids
  kinds       TEXT NOT NULL,  -- JSON array of kind ids, [] = all
  max_load    INTEGER,        -- NULL = config default
  conflicts   TEXT NOT NULL,  -- JSON array of entry ids / school names
  active      INTEGER NOT NULL CHECK (active IN (0, 1)),
  rounds      TEXT NOT NULL DEFAULT '[]'  -- SPEC §12: JSON array of round ids, [] = all
);
)sql";

constexpr const char* kDecisionAndAudit = R"sql(
CREATE TABLE decision (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  document TEXT NOT NULL
);
CREATE TABLE audit (
  id      INTEGER PRIMARY KEY AUTOINCREMENT,
  time    TEXT NOT NULL,
  command TEXT NOT NULL,
  file    TEXT NOT NULL,
  sha256  TEXT NOT NULL,
  change  TEXT NOT NULL,
  prev_sha256  TEXT NOT NULL DEFAULT '',  -- SPEC §10: hash of the record before ('' first)
  state_digest TEXT NOT NULL DEFAULT ''   -- SPEC §10: digest of the state after the command
);
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql";

/// The schema 2 → 3 upgrade lifts it for a moment, to chain the records already there.
constexpr const char* kAuditNoUpdate = R"sql(
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql";

/// Schema 3 (SPEC §10 tamper evidence), also created by the upgrade from schema 2.
constexpr const char* kDigestsTable = R"sql(
CREATE TABLE digests (  -- SPEC §10: each state table's row count and sum of row hashes, and
  tbl  TEXT PRIMARY KEY,  -- 'audit': the number of records and the hash of the last one
  rows INTEGER NOT NULL,
  sum  TEXT NOT NULL
);
)sql";

/// How long a writer waits for another jury command's write lock (SPEC §10): JURY_BUSY_TIMEOUT
/// seconds, 10 by default.
int busy_timeout_ms() {
  const char* text = std::getenv("JURY_BUSY_TIMEOUT");
  if (!text || !*text) return 10'000;
  // Decimal seconds only ("2.5"): not " 5", "-1", "1e3", "0x10", "inf" or "1.".
  const std::string_view value(text);
  double seconds = -1;
  const auto [end, ec] =
      std::from_chars(value.data(), value.data() + value.size(), seconds, std::chars_format::fixed);
  const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  if (ec != std::errc() || end != value.data() + value.size() || !is_digit(value.front()) ||
      !is_digit(value.back()))
    seconds = -1;
  if (!(seconds >= 0) || seconds > 86'400)
    throw UsageError(i18n::trf(
        "JURY_BUSY_TIMEOUT is \"{}\"; give the seconds a command waits for another one, e.g. 10",
        text));
  return static_cast<int>(seconds * 1000);
}

/// WAL (readers never wait for writers, SPEC §10) is set only on a connection that may write:
/// switching the journal mode writes the file.
/// The busy timeout comes first: even a pragma can meet the lock of a command that is closing
/// the database (the last connection to a WAL database checkpoints it under an exclusive lock).
void configure_connection(SQLite::Database& db, bool writable) {
  db.setBusyTimeout(busy_timeout_ms());
  db.exec("PRAGMA foreign_keys = ON");
  if (writable) {
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = NORMAL");
  }
}

/// Why this process cannot change the database at `path` (SPEC §10), "" when it can: writing
/// needs the file and its folder (for the -wal and -shm files) writable.
std::string why_read_only(const std::string& path) {
  if (::access(path.c_str(), W_OK) != 0)
    return i18n::trf("the file cannot be written ({})", std::strerror(errno));
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  const std::string folder = parent.empty() ? std::string(".") : parent.string();
  if (::access(folder.c_str(), W_OK) != 0)
    return i18n::trf("its folder {} cannot be written ({})", folder, std::strerror(errno));
  return "";
}

/// `path` as an SQLite URI path: '%', '?' and '#' percent-encoded.
std::string uri_path(const std::string& path) {
  std::string out;
  for (const char c : path) {
    if (c == '%' || c == '?' || c == '#')
      out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    else
      out += c;
  }
  return out;
}

/// Each connection is used by one thread at a time (import scores' loader and reader never touch
/// the database; read_rows steps it on a second thread while the caller leaves it alone, handed
/// over by thread start and join), so SQLite need not lock a mutex around every call on it.
const int kOneThread = SQLite::OPEN_NOMUTEX;

/// SQLite counts every allocation for sqlite3_memory_used() under a global mutex unless told not
/// to; jury never asks, and a 500,000-row import allocates millions of times. Only possible
/// before SQLite initialises (the first connection of the process): later it is a no-op.
void configure_sqlite_library() {
  static const int configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)configured;
}

/// A read-only connection. Reading a WAL database creates its -shm file when there is none; in a
/// read-only folder that fails, and nobody can change the database there (a writer needs the
/// folder for its -wal file), so it is then read as immutable.
std::unique_ptr<SQLite::Database> open_read_only(const std::string& path) {
  try {
    auto db = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READONLY | kOneThread);
    db->setBusyTimeout(busy_timeout_ms());  // a busy database is not one to read as immutable
    db->execAndGet("SELECT count(*) FROM sqlite_master");
    return db;
  } catch (const SQLite::Exception& error) {
    if (error.getErrorCode() == SQLITE_BUSY) throw;
    return std::make_unique<SQLite::Database>(
        "file:" + uri_path(path) + "?immutable=1",
        SQLite::OPEN_READONLY | SQLite::OPEN_URI | kOneThread);
  }
}

/// The connection of Store::open: read-write, or read-only when `read_only_reason` says why this
/// process cannot write. On a full disk or under a file-size limit the -shm file cannot grow and
/// the first read fails with an I/O error; the database is then read as immutable (and
/// `read_only_reason` says why), but only while its -wal file holds nothing, which immutable
/// reading would not see.
std::unique_ptr<SQLite::Database> connect(const std::string& path, std::string& read_only_reason) {
  if (!read_only_reason.empty()) {
    auto db = open_read_only(path);
    configure_connection(*db, false);
    return db;
  }
  auto db = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE | kOneThread);
  try {
    configure_connection(*db, true);
    db->execAndGet("SELECT count(*) FROM sqlite_master");
    return db;
  } catch (const SQLite::Exception& error) {
    if (error.getErrorCode() != SQLITE_IOERR && error.getErrorCode() != SQLITE_FULL) throw;
    const int system_error = sqlite3_system_errno(db->getHandle());
    std::error_code missing;
    const auto wal_size = std::filesystem::file_size(path + "-wal", missing);
    if (!missing && wal_size > 0) throw;
    db.reset();
    read_only_reason = i18n::trf("its -shm file cannot grow ({}): the disk may be full",
                                 std::strerror(system_error));
    auto immutable =
        std::make_unique<SQLite::Database>("file:" + uri_path(path) + "?immutable=1",
                                           SQLite::OPEN_READONLY | SQLite::OPEN_URI | kOneThread);
    configure_connection(*immutable, false);
    return immutable;
  }
}

std::string to_json_array(const std::vector<std::string>& items) {
  return nlohmann::json(items).dump();
}

/// Name lists are stored as JSON arrays of strings. Without escapes (the usual case) the array is
/// split directly: loading 100k entries spends most of its time here otherwise.
std::vector<std::string> from_json_array(const std::string& text) {
  if (text.find('\\') != std::string::npos)
    return nlohmann::json::parse(text).get<std::vector<std::string>>();
  std::vector<std::string> items;
  std::size_t open = text.find('"');
  while (open != std::string::npos) {
    const std::size_t close = text.find('"', open + 1);
    if (close == std::string::npos) break;
    items.emplace_back(text, open + 1, close - open - 1);
    open = text.find('"', close + 1);
  }
  return items;
}

EntryStatus parse_status(const std::string& s) {
  if (s == "withdrawn") return EntryStatus::Withdrawn;
  if (s == "disqualified") return EntryStatus::Disqualified;
  return EntryStatus::Active;
}

/// Rows of a statement as SQLite hands them: every column's bytes one after another (text
/// columns; NULL reads as empty, as SQLite::Column::getString gives it).
class RawRows {
 public:
  static constexpr std::size_t kRows = 4096;  ///< per batch handed over

  explicit RawRows(int columns) : columns_(static_cast<std::size_t>(columns)) {}
  void add(SQLite::Statement& query) {
    for (std::size_t c = 0; c < columns_; ++c) {
      const SQLite::Column column = query.getColumn(static_cast<int>(c));
      const void* data = column.getBlob();  // before the size, as SQLite asks
      const auto size = static_cast<std::size_t>(column.getBytes());
      if (size) bytes_.append(static_cast<const char*>(data), size);
      ends_.push_back(bytes_.size());
    }
  }
  std::size_t size() const { return ends_.size() / columns_; }
  std::string_view at(std::size_t row, std::size_t column) const {
    const std::size_t at = row * columns_ + column;
    const std::size_t begin = at == 0 ? 0 : ends_[at - 1];
    return std::string_view(bytes_).substr(begin, ends_[at] - begin);
  }

 private:
  std::size_t columns_;
  std::string bytes_;
  std::vector<std::size_t> ends_;  ///< where each column's bytes end
};

/// Binds a score row to an INSERT of (round, judge_id, entry_id, vals, comment) whose round is
/// bound already, runs it and resets it. The row's text is bound without copies: SQLite reads it
/// during exec() only.
void write_score_row(SQLite::Statement& statement, const EncodedScoreRow& row) {
  statement.bindNoCopy(2, row.judge_id);
  statement.bindNoCopy(3, row.entry_id);
  statement.bindNoCopy(4, row.vals);
  statement.bindNoCopy(5, row.comment);
  statement.exec();
  statement.reset();
}

/// Steps `query` on a second thread while `make(rows, r)` makes each row on this one, which
/// does not touch the connection meanwhile: at national scale making the rows (strings, decoded
/// values) takes as long as SQLite's reading them.
template <typename Make>
void read_rows(SQLite::Statement& query, int columns, Make make) {
  Handoff<RawRows> raw(4);
  Producer<RawRows> reader(raw, [&](Handoff<RawRows>& out) {
    RawRows batch(columns);
    while (query.executeStep()) {
      batch.add(query);
      if (batch.size() == RawRows::kRows && !out.push(std::exchange(batch, RawRows(columns))))
        return;
    }
    if (batch.size() > 0) out.push(std::move(batch));
  });
  while (const std::optional<RawRows> batch = raw.pop())
    for (std::size_t r = 0; r < batch->size(); ++r) make(*batch, r);
  reader.finish();
}

/// JURY_NOW (ISO 8601) pins the audit clock, so tests and demos can be reproduced exactly.
std::string utc_now() {
  if (const char* fixed = std::getenv("JURY_NOW")) return fixed;
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

/// Runs `sql` (parameters: round, judge_id, entry_id) once per pair of the round.
void for_each_pair(SQLite::Database& db, const char* sql, const std::string& round,
                   const std::vector<Assignment>& pairs) {
  SQLite::Statement statement(db, sql);
  for (const auto& pair : pairs) {
    statement.bind(1, round);
    statement.bind(2, pair.judge_id);
    statement.bind(3, pair.entry_id);
    statement.exec();
    statement.reset();
  }
}

/// Runs `sql` (parameters: round, entry_id) once per entry id of the round.
void for_each_entry(SQLite::Database& db, const char* sql, const std::string& round,
                    const std::vector<std::string>& entry_ids) {
  SQLite::Statement statement(db, sql);
  for (const auto& id : entry_ids) {
    statement.bind(1, round);
    statement.bind(2, id);
    statement.exec();
    statement.reset();
  }
}

/// The (judge_id, entry_id) pairs `sql` selects with the round bound to its one parameter.
std::vector<Assignment> load_pairs(SQLite::Database& db, const char* sql,
                                   const std::string& round) {
  std::vector<Assignment> pairs;
  SQLite::Statement query(db, sql);
  query.bind(1, round);
  while (query.executeStep())
    pairs.push_back({query.getColumn(0).getString(), query.getColumn(1).getString()});
  return pairs;
}

std::vector<std::string> load_ids(SQLite::Database& db, const char* sql, const std::string& round) {
  std::vector<std::string> ids;
  SQLite::Statement query(db, sql);
  query.bind(1, round);
  while (query.executeStep()) ids.push_back(query.getColumn(0).getString());
  return ids;
}

/// The id of the one round a schema 1 database had: the config's first round (a schema 1
/// config never has `rounds`, so this is the default round).
std::string first_round_of(SQLite::Database& db) {
  SQLite::Statement query(db, "SELECT value FROM meta WHERE key = 'config'");
  if (query.executeStep()) {
    const auto config = nlohmann::json::parse(query.getColumn(0).getString(), nullptr, false);
    if (config.is_object() && config.contains("rounds") && config["rounds"].is_array() &&
        !config["rounds"].empty() && !config["rounds"][0].value("id", "").empty())
      return config["rounds"][0]["id"].get<std::string>();
  }
  return std::string(kDefaultRoundId);
}

/// Schema 1 → 2 (SPEC §12): the judges get their `rounds` column, and every assignment,
/// recusal and score becomes one of the database's one round. SQLite's way of changing a
/// table's key: new tables, copy, drop the old ones; foreign keys off while the tables are
/// swapped, checked before the commit.
void migrate_from_v1(SQLite::Database& db) {
  const std::string round = first_round_of(db);
  db.exec("PRAGMA foreign_keys = OFF");
  SQLite::Transaction transaction(db);
  db.exec(R"sql(
    ALTER TABLE judges ADD COLUMN rounds TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE assignments RENAME TO assignments_v1;
    ALTER TABLE recusals RENAME TO recusals_v1;
    ALTER TABLE scores RENAME TO scores_v1;
    DROP INDEX assignments_by_entry;
  )sql");
  db.exec(kRoundTables);
  for (const char* sql :
       {"INSERT INTO rounds(id, position) VALUES (?, 0)",
        "INSERT INTO assignments(round, judge_id, entry_id) SELECT ?, judge_id, entry_id FROM "
        "assignments_v1",
        "INSERT INTO recusals(round, judge_id, entry_id) SELECT ?, judge_id, entry_id FROM "
        "recusals_v1",
        "INSERT INTO scores(round, judge_id, entry_id, vals, comment) SELECT ?, judge_id, "
        "entry_id, vals, comment FROM scores_v1"}) {
    SQLite::Statement statement(db, sql);
    statement.bind(1, round);
    statement.exec();
  }
  db.exec("DROP TABLE scores_v1; DROP TABLE recusals_v1; DROP TABLE assignments_v1");
  if (db.execAndGet("SELECT count(*) FROM pragma_foreign_key_check").getInt() != 0)
    throw StateError("the schema upgrade found rows that break a foreign key; nothing changed");
  db.exec("PRAGMA user_version = 2");
  transaction.commit();
  db.exec("PRAGMA foreign_keys = ON");
}

/// The upgrade runs when a schema 1 database is first opened; it needs write access.
void upgrade_from_v1(SQLite::Database& db, const std::string& path) {
  try {
    migrate_from_v1(db);
  } catch (const SQLite::Exception& error) {
    db.exec("PRAGMA foreign_keys = ON");
    throw StateError(fmt::format(
        "{} was written by an earlier jury (schema 1) and is upgraded to schema {} when first "
        "opened, which failed: {}; nothing changed (the upgrade needs write access)",
        path, Store::kSchemaVersion, error.what()));
  }
}

/// Inserts one audit record with its chain link and the state digest; returns the new head.
/// The statement insert_audit runs, prepared once for all the records of a command.
SQLite::Statement audit_insertion(SQLite::Database& db) {
  return {db,
          "INSERT INTO audit(time, command, file, sha256, change, prev_sha256, state_digest) "
          "VALUES (?, ?, ?, ?, ?, ?, ?)"};
}

AuditHead insert_audit(SQLite::Database& db, SQLite::Statement& statement, AuditRecord& record,
                       const AuditHead& head, const std::string& state_digest) {
  record.prev_sha256 = head.sha256;
  record.state_digest = state_digest;
  statement.bind(1, record.time);
  statement.bind(2, record.command);
  statement.bind(3, record.file);
  statement.bind(4, record.sha256);
  statement.bind(5, record.change);
  statement.bind(6, record.prev_sha256);
  statement.bind(7, record.state_digest);
  statement.exec();
  statement.reset();
  record.id = db.getLastInsertRowid();
  return {head.records + 1, audit_record_hash(record)};
}

std::vector<AuditRecord> read_audit(SQLite::Database& db) {
  std::vector<AuditRecord> records;
  SQLite::Statement query(db,
                          "SELECT id, time, command, file, sha256, change, prev_sha256, "
                          "state_digest FROM audit ORDER BY id");
  while (query.executeStep()) {
    records.push_back({query.getColumn(0).getInt64(), query.getColumn(1).getString(),
                       query.getColumn(2).getString(), query.getColumn(3).getString(),
                       query.getColumn(4).getString(), query.getColumn(5).getString(),
                       query.getColumn(6).getString(), query.getColumn(7).getString()});
  }
  return records;
}

/// Schema 2 → 3 (SPEC §10 tamper evidence). The records already there are chained as they
/// stand now (the append-only trigger is lifted for that, inside the transaction), the state is
/// digested from all its rows once, and an "upgrade" record carries the first state digest:
/// verify vouches for everything from here on. BEGIN IMMEDIATE, and the version read again
/// under the lock, so that two commands opening the same old database upgrade it once.
void migrate_from_v2(SQLite::Database& db) {
  SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
  if (db.execAndGet("PRAGMA user_version").getInt() != 2) return;
  db.exec(R"sql(
    ALTER TABLE audit ADD COLUMN prev_sha256 TEXT NOT NULL DEFAULT '';
    ALTER TABLE audit ADD COLUMN state_digest TEXT NOT NULL DEFAULT '';
    DROP TRIGGER audit_no_update;
  )sql");
  db.exec(kDigestsTable);
  std::vector<AuditRecord> records = read_audit(db);
  AuditHead head;
  SQLite::Statement link(db, "UPDATE audit SET prev_sha256 = ? WHERE id = ?");
  for (AuditRecord& record : records) {
    record.prev_sha256 = head.sha256;
    link.bind(1, record.prev_sha256);
    link.bind(2, record.id);
    link.exec();
    link.reset();
    head = {head.records + 1, audit_record_hash(record)};
  }
  db.exec(kAuditNoUpdate);
  // Rows written before `ALTER TABLE judges ADD COLUMN rounds` (schema 1) lack the cell on disk,
  // and SQLite's pre-update hook then shows NULL where a scan shows the default: rewritten once
  // here, the hook sees what verify's scan sees.
  db.exec("UPDATE judges SET rounds = rounds");
  const StateDigest state = scan_state(db);
  write_stored_state(db, state);
  AuditRecord upgrade{0,
                      utc_now(),
                      "upgrade",
                      "",
                      "",
                      fmt::format("schema 2 -> 3: tamper evidence starts here; the {} earlier "
                                  "audit records are chained as they stood at this upgrade",
                                  records.size()),
                      "",
                      ""};
  SQLite::Statement insertion = audit_insertion(db);
  write_audit_head(db, insert_audit(db, insertion, upgrade, head, total(state).hex()));
  db.exec("PRAGMA user_version = 3");
  transaction.commit();
}

void upgrade_from_v2(SQLite::Database& db, const std::string& path) {
  try {
    migrate_from_v2(db);
  } catch (const SQLite::Exception& error) {
    throw StateError(fmt::format(
        "{} was written by an earlier jury (schema 2) and is upgraded to schema {} when first "
        "opened, which failed: {}; nothing changed (the upgrade needs write access)",
        path, Store::kSchemaVersion, error.what()));
  }
}

}  // namespace

Store::Store(std::unique_ptr<SQLite::Database> db, std::string path, std::string read_only_reason)
    : db_(std::move(db)),
      path_(std::move(path)),
      read_only_reason_(std::move(read_only_reason)),
      tracker_(std::make_unique<StateTracker>(db_->getHandle())) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

Store Store::open(const std::string& path) {
  if (!std::filesystem::exists(path))
    throw StateError(i18n::trf(
        "no competition database at {}; run `jury init CONFIG.json` first (or pass --db)", path));
  configure_sqlite_library();
  std::string read_only_reason = why_read_only(path);
  auto db = connect(path, read_only_reason);
  const int version = db->execAndGet("PRAGMA user_version").getInt();
  if (version == 0) throw StateError(i18n::trf("{} is not a jury competition database", path));
  if (version > kSchemaVersion)
    throw StateError(i18n::trf("{} was written by a newer jury (schema {}, this one reads {})",
                               path, version, kSchemaVersion));
  if (version == 1) upgrade_from_v1(*db, path);
  if (version <= 2) upgrade_from_v2(*db, path);
  return Store(std::move(db), path, std::move(read_only_reason));
}

Store Store::create(const std::string& path) {
  if (std::filesystem::exists(path) && std::filesystem::file_size(path) > 0)
    throw StateError(i18n::trf(
        "{} already exists; remove it or choose another --db to start a new competition", path));
  const bool existed = std::filesystem::exists(path);
  configure_sqlite_library();
  try {
    auto db = std::make_unique<SQLite::Database>(
        path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | kOneThread);
    configure_connection(*db, true);
    Store store(std::move(db), path, "");
    store.create_schema();
    return store;
  } catch (const SQLite::Exception& error) {
    // No permission, a full disk: the path the user named cannot be written (SPEC §10, exit 2).
    std::error_code ignored;
    if (!existed)  // what SQLite may have left of the new database
      for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        std::filesystem::remove(path + suffix, ignored);
    throw OutputError(
        i18n::trf("cannot create the competition database {}: {}", path, error.what()));
  }
}

void Store::create_schema() {
  SQLite::Transaction transaction(*db_);
  db_->exec(kBaseTables);
  db_->exec(kRoundTables);
  db_->exec(kDecisionAndAudit);
  db_->exec(kAuditNoUpdate);
  db_->exec(kDigestsTable);
  write_stored_state(*db_, StateDigest{});
  write_audit_head(*db_, AuditHead{});
  db_->exec(fmt::format("PRAGMA user_version = {}", kSchemaVersion));
  transaction.commit();
}

/// BEGIN IMMEDIATE: the write lock is taken before anything is read, so a command's checks and
/// its writes see the same state (SPEC §10); a second writer waits the busy timeout, then gives up.
Store::Transaction::Transaction(Store& store) : store_(store) {
  if (!store.read_only_reason_.empty())
    throw OutputError(i18n::trf(
        "cannot change the competition database {}: {}; nothing changed (read-only commands such "
        "as status, results, export and audit still work on it)",
        store.path_, store.read_only_reason_));
  try {
    transaction_ =
        std::make_unique<SQLite::Transaction>(*store.db_, SQLite::TransactionBehavior::IMMEDIATE);
  } catch (const SQLite::Exception& error) {
    if (error.getErrorCode() == SQLITE_BUSY)
      throw StateError(
          i18n::tr("another jury command is changing this competition; nothing changed, try "
                   "again when it has finished (JURY_BUSY_TIMEOUT sets how many seconds to wait)"));
    throw;
  }
  store.discard_pending();  // changes made outside a transaction (tests) are not this one's
  store.in_transaction_ = true;
}

Store::Transaction::~Transaction() {
  if (store_.in_transaction_) store_.discard_pending();  // not committed: rolled back
  store_.in_transaction_ = false;
}

void Store::Transaction::commit() {
  store_.seal();
  transaction_->commit();
  store_.in_transaction_ = false;
}

void Store::save_config_json(const std::string& json) {
  SQLite::Statement statement(*db_, "INSERT OR REPLACE INTO meta(key, value) VALUES ('config', ?)");
  statement.bind(1, json);
  statement.exec();
}

std::string Store::config_json() const {
  SQLite::Statement query(*db_, "SELECT value FROM meta WHERE key = 'config'");
  if (!query.executeStep()) throw StateError("the database has no competition config");
  return query.getColumn(0).getString();
}

std::vector<Entry> Store::load_entries() const {
  std::vector<Entry> entries;
  SQLite::Statement query(*db_,
                          "SELECT id, kind, grp, subject, title, school, district, students, "
                          "advisors, status FROM entries ORDER BY id");
  read_rows(query, 10, [&](const RawRows& raw, std::size_t r) {
    Entry& e = entries.emplace_back();
    e.id = raw.at(r, 0);
    e.kind = raw.at(r, 1);
    e.group = raw.at(r, 2);
    e.subject = raw.at(r, 3);
    e.title = raw.at(r, 4);
    e.school = raw.at(r, 5);
    e.district = raw.at(r, 6);
    e.students = from_json_array(std::string(raw.at(r, 7)));
    e.advisors = from_json_array(std::string(raw.at(r, 8)));
    e.status = parse_status(std::string(raw.at(r, 9)));
  });
  return entries;
}

void Store::upsert_entries(const std::vector<Entry>& entries) {
  SQLite::Statement statement(
      *db_,
      "INSERT INTO entries(id, kind, grp, subject, title, school, district, students, advisors, "
      "status) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, "
      "grp = excluded.grp, subject = excluded.subject, title = excluded.title, school = "
      "excluded.school, district = excluded.district, students = excluded.students, advisors = "
      "excluded.advisors, status = excluded.status");
  for (const auto& e : entries) {
    statement.bind(1, e.id);
    statement.bind(2, e.kind);
    statement.bind(3, e.group);
    statement.bind(4, e.subject);
    statement.bind(5, e.title);
    statement.bind(6, e.school);
    statement.bind(7, e.district);
    statement.bind(8, to_json_array(e.students));
    statement.bind(9, to_json_array(e.advisors));
    statement.bind(10, to_string(e.status));
    statement.exec();
    statement.reset();
  }
}

std::vector<Judge> Store::load_judges() const {
  std::vector<Judge> judges;
  SQLite::Statement query(*db_,
                          "SELECT id, name, affiliation, district, expertise, kinds, max_load, "
                          "conflicts, active, rounds FROM judges ORDER BY id");
  while (query.executeStep()) {
    Judge j;
    j.id = query.getColumn(0).getString();
    j.name = query.getColumn(1).getString();
    j.affiliation = query.getColumn(2).getString();
    j.district = query.getColumn(3).getString();
    j.expertise = from_json_array(query.getColumn(4).getString());
    j.kinds = from_json_array(query.getColumn(5).getString());
    if (!query.getColumn(6).isNull()) j.max_load = query.getColumn(6).getInt();
    j.conflicts = from_json_array(query.getColumn(7).getString());
    j.active = query.getColumn(8).getInt() != 0;
    j.rounds = from_json_array(query.getColumn(9).getString());
    judges.push_back(std::move(j));
  }
  return judges;
}

void Store::upsert_judges(const std::vector<Judge>& judges) {
  SQLite::Statement statement(
      *db_,
      "INSERT INTO judges(id, name, affiliation, district, expertise, kinds, max_load, conflicts, "
      "active, rounds) VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET name = "
      "excluded.name, affiliation = excluded.affiliation, district = excluded.district, "
      "expertise = excluded.expertise, kinds = excluded.kinds, max_load = excluded.max_load, "
      "conflicts = excluded.conflicts, active = excluded.active, rounds = excluded.rounds");
  for (const auto& j : judges) {
    statement.bind(1, j.id);
    statement.bind(2, j.name);
    statement.bind(3, j.affiliation);
    statement.bind(4, j.district);
    statement.bind(5, to_json_array(j.expertise));
    statement.bind(6, to_json_array(j.kinds));
    if (j.max_load)
      statement.bind(7, *j.max_load);
    else
      statement.bind(7);
    statement.bind(8, to_json_array(j.conflicts));
    statement.bind(9, j.active ? 1 : 0);
    statement.bind(10, to_json_array(j.rounds));
    statement.exec();
    statement.reset();
  }
}

std::vector<std::string> Store::opened_rounds() const {
  std::vector<std::string> ids;
  SQLite::Statement query(*db_, "SELECT id FROM rounds ORDER BY position");
  while (query.executeStep()) ids.push_back(query.getColumn(0).getString());
  return ids;
}

void Store::open_round(const std::string& round) {
  SQLite::Statement statement(
      *db_,
      "INSERT INTO rounds(id, position) SELECT ?, coalesce(max(position) + 1, 0) FROM rounds");
  statement.bind(1, round);
  statement.exec();
}

void Store::drop_round(const std::string& round) {
  for (const char* sql :
       {"DELETE FROM assignments WHERE round = ?", "DELETE FROM recusals WHERE round = ?",
        "DELETE FROM absences WHERE round = ?", "DELETE FROM entrants WHERE round = ?",
        "DELETE FROM rounds WHERE id = ?"}) {
    SQLite::Statement statement(*db_, sql);
    statement.bind(1, round);
    statement.exec();
  }
}

std::vector<std::string> Store::load_entrants(const std::string& round) const {
  return load_ids(*db_, "SELECT entry_id FROM entrants WHERE round = ? ORDER BY entry_id", round);
}

void Store::insert_entrants(const std::string& round, const std::vector<std::string>& entry_ids) {
  for_each_entry(*db_, "INSERT INTO entrants(round, entry_id) VALUES (?, ?)", round, entry_ids);
}

std::set<std::string> Store::load_absences(const std::string& round) const {
  const auto ids =
      load_ids(*db_, "SELECT entry_id FROM absences WHERE round = ? ORDER BY entry_id", round);
  return {ids.begin(), ids.end()};
}

void Store::insert_absences(const std::string& round, const std::vector<std::string>& entry_ids) {
  for_each_entry(*db_, "INSERT OR IGNORE INTO absences(round, entry_id) VALUES (?, ?)", round,
                 entry_ids);
}

void Store::delete_absences(const std::string& round, const std::vector<std::string>& entry_ids) {
  for_each_entry(*db_, "DELETE FROM absences WHERE round = ? AND entry_id = ?", round, entry_ids);
}

bool Store::scheduled(const std::string& round) const {
  SQLite::Statement query(*db_, "SELECT scheduled FROM rounds WHERE id = ?");
  query.bind(1, round);
  return query.executeStep() && query.getColumn(0).getInt() != 0;
}

void Store::set_scheduled(const std::string& round, bool scheduled) {
  SQLite::Statement statement(*db_, "UPDATE rounds SET scheduled = ? WHERE id = ?");
  statement.bind(1, scheduled ? 1 : 0);
  statement.bind(2, round);
  statement.exec();
}

std::vector<std::pair<Assignment, int>> Store::load_slots(const std::string& round) const {
  std::vector<std::pair<Assignment, int>> slots;
  SQLite::Statement query(*db_,
                          "SELECT judge_id, entry_id, slot FROM assignments WHERE round = ? AND "
                          "slot IS NOT NULL ORDER BY judge_id, entry_id");
  query.bind(1, round);
  while (query.executeStep())
    slots.push_back({{query.getColumn(0).getString(), query.getColumn(1).getString()},
                     query.getColumn(2).getInt()});
  return slots;
}

void Store::save_slots(const std::string& round,
                       const std::vector<std::pair<Assignment, int>>& slots) {
  SQLite::Statement statement(
      *db_, "UPDATE assignments SET slot = ? WHERE round = ? AND judge_id = ? AND entry_id = ?");
  for (const auto& [pair, slot] : slots) {
    statement.bind(1, slot);
    statement.bind(2, round);
    statement.bind(3, pair.judge_id);
    statement.bind(4, pair.entry_id);
    statement.exec();
    statement.reset();
  }
}

void Store::clear_slots(const std::string& round) {
  SQLite::Statement statement(*db_, "UPDATE assignments SET slot = NULL WHERE round = ?");
  statement.bind(1, round);
  statement.exec();
}

std::vector<Assignment> Store::load_assignments(const std::string& round) const {
  return load_pairs(
      *db_,
      "SELECT judge_id, entry_id FROM assignments WHERE round = ? ORDER BY judge_id, entry_id",
      round);
}

void Store::insert_assignments(const std::string& round, const std::vector<Assignment>& pairs) {
  for_each_pair(*db_, "INSERT INTO assignments(round, judge_id, entry_id) VALUES (?, ?, ?)", round,
                pairs);
}

void Store::delete_assignments(const std::string& round, const std::vector<Assignment>& pairs) {
  for_each_pair(*db_, "DELETE FROM assignments WHERE round = ? AND judge_id = ? AND entry_id = ?",
                round, pairs);
}

std::vector<Assignment> Store::load_recusals(const std::string& round) const {
  return load_pairs(
      *db_, "SELECT judge_id, entry_id FROM recusals WHERE round = ? ORDER BY judge_id, entry_id",
      round);
}

void Store::insert_recusals(const std::string& round, const std::vector<Assignment>& pairs) {
  for_each_pair(*db_, "INSERT OR IGNORE INTO recusals(round, judge_id, entry_id) VALUES (?, ?, ?)",
                round, pairs);
}

std::vector<ScoreRow> Store::load_scores(const std::string& round) const {
  SQLite::Statement query(*db_,
                          "SELECT judge_id, entry_id, vals, comment FROM scores WHERE round = ? "
                          "ORDER BY entry_id, judge_id");
  query.bind(1, round);
  std::vector<ScoreRow> rows;
  read_rows(query, 4, [&](const RawRows& raw, std::size_t r) {
    ScoreRow& row = rows.emplace_back();
    row.judge_id = raw.at(r, 0);
    row.entry_id = raw.at(r, 1);
    decode_score_values_into(raw.at(r, 2), row.values);
    row.comment = raw.at(r, 3);
  });
  return rows;
}

std::vector<Entry> Store::load_entry_kinds() const {
  std::vector<Entry> entries;
  SQLite::Statement query(*db_, "SELECT id, kind, status FROM entries ORDER BY id");
  while (query.executeStep()) {
    Entry e;
    e.id = query.getColumn(0).getString();
    e.kind = query.getColumn(1).getString();
    e.status = parse_status(query.getColumn(2).getString());
    entries.push_back(std::move(e));
  }
  return entries;
}

void Store::upsert_scores(const std::string& round, const std::vector<EncodedScoreRow>& rows) {
  if (rows.empty()) return;  // nothing to prepare
  SQLite::Statement statement(*db_,
                              "INSERT OR REPLACE INTO scores(round, judge_id, entry_id, vals, "
                              "comment) VALUES (?, ?, ?, ?, ?)");
  statement.bindNoCopy(1, round);  // bindings outlive reset(): the round once
  for (const auto& row : rows) write_score_row(statement, row);
}

void Store::insert_new_scores(const std::string& round, const std::vector<EncodedScoreRow>& rows) {
  if (rows.empty()) return;  // nothing to prepare
  SQLite::Statement statement(
      *db_, "INSERT INTO scores(round, judge_id, entry_id, vals, comment) VALUES (?, ?, ?, ?, ?)");
  statement.bindNoCopy(1, round);
  DigestSum digest;
  std::int64_t inserted = 0;
  // What was inserted is counted even when a later row fails (a stored pair): the rows before it
  // stay in the transaction, whatever the caller does next.
  const auto count = [&] { tracker_->add_inserted("scores", inserted, digest); };
  try {
    // Plain inserts only: nothing is deleted or replaced that the hook would have had to see.
    const StateTracker::Paused untracked(*tracker_);
    std::string buffer;
    for (const auto& row : rows) {
      write_score_row(statement, row);
      digest.add(text_row_hash(buffer, "scores",  // the columns of `scores`, in table order
                               {round, row.judge_id, row.entry_id, row.vals, row.comment}));
      ++inserted;
    }
  } catch (...) {
    count();
    throw;
  }
  count();
}

void Store::delete_scores(const std::string& round, const std::vector<Assignment>& pairs) {
  if (pairs.empty()) return;  // nothing to prepare
  for_each_pair(*db_, "DELETE FROM scores WHERE round = ? AND judge_id = ? AND entry_id = ?", round,
                pairs);
}

std::set<std::string> Store::scored_entry_ids() const {
  std::set<std::string> ids;
  SQLite::Statement query(*db_, "SELECT DISTINCT entry_id FROM scores");
  while (query.executeStep()) ids.insert(query.getColumn(0).getString());
  return ids;
}

std::set<Assignment> Store::scored_pairs(const std::string& round) const {
  const auto pairs =
      load_pairs(*db_, "SELECT judge_id, entry_id FROM scores WHERE round = ?", round);
  return {pairs.begin(), pairs.end()};
}

std::optional<std::string> Store::decision_json() const {
  SQLite::Statement query(*db_, "SELECT document FROM decision WHERE id = 1");
  if (!query.executeStep()) return std::nullopt;
  return query.getColumn(0).getString();
}

void Store::save_decision(const std::string& json) {
  SQLite::Statement statement(*db_, "INSERT OR REPLACE INTO decision(id, document) VALUES (1, ?)");
  statement.bind(1, json);
  statement.exec();
}

void Store::clear_decision() {
  db_->exec("DELETE FROM decision");
}

void Store::append_audit(const std::string& command, const std::string& file,
                         const std::string& sha256, const std::string& change) {
  pending_audit_.push_back({0, utc_now(), command, file, sha256, change, "", ""});
  if (in_transaction_) return;
  SQLite::Transaction transaction(*db_);
  seal();
  transaction.commit();
}

void Store::seal() {
  if (pending_audit_.empty() && !tracker_->changed()) return;
  const StateDigest state = tracker_->applied_to(read_stored_state(*db_));
  write_stored_state(*db_, state);
  const std::string digest = total(state).hex();
  AuditHead head = read_audit_head(*db_);
  SQLite::Statement insertion = audit_insertion(*db_);
  for (AuditRecord& record : pending_audit_)
    head = insert_audit(*db_, insertion, record, head, digest);
  write_audit_head(*db_, head);
  discard_pending();
}

void Store::discard_pending() {
  pending_audit_.clear();
  tracker_->clear();
}

std::vector<AuditRecord> Store::load_audit() const {
  return read_audit(*db_);
}

TamperReport Store::verify() const {
  return verify_tamper_evidence(*db_, read_audit(*db_));
}

}  // namespace jury
