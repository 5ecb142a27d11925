// The pre-update hook is compiled into Debian's libsqlite3 (PRAGMA compile_options lists
// ENABLE_PREUPDATE_HOOK); its declarations are behind this macro.
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include "engine/state_digest.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <array>
#include <cstring>
#include <memory>

namespace jury {

namespace {

/// The index of a state table in kDigestedTables, or -1.
int table_index(const char* table) {
  for (std::size_t i = 0; i < kDigestedTables.size(); ++i)
    if (std::strcmp(table, kDigestedTables[i]) == 0) return static_cast<int>(i);
  return -1;
}

/// Big-endian, in one append (the hook runs for every row an import writes).
void append_u64(std::string& out, std::uint64_t value) {
  std::array<char, 8> bytes{};
  for (std::size_t i = 0; i < bytes.size(); ++i)
    bytes[i] = static_cast<char>((value >> (56 - 8 * i)) & 0xFF);
  out.append(bytes.data(), bytes.size());
}

/// A text ('t') or blob ('b') value: its type, size and bytes.
void append_bytes(std::string& out, char type, std::string_view bytes) {
  out += type;
  append_u64(out, bytes.size());
  out.append(bytes);
}

/// One column value with its type, so that 30, 30.0, '30' and NULL all hash differently.
void append_value(std::string& out, sqlite3_value* value) {
  switch (value ? sqlite3_value_type(value) : SQLITE_NULL) {
    case SQLITE_INTEGER:
      out += 'i';
      append_u64(out, static_cast<std::uint64_t>(sqlite3_value_int64(value)));
      break;
    case SQLITE_FLOAT: {
      const double number = sqlite3_value_double(value);
      std::uint64_t bits = 0;
      std::memcpy(&bits, &number, sizeof bits);
      out += 'f';
      append_u64(out, bits);
      break;
    }
    case SQLITE_TEXT:
    case SQLITE_BLOB: {
      // Text as its stored bytes (UTF-8, jury's databases): sqlite3_value_text would copy each
      // value to add a terminating NUL.
      const bool text = sqlite3_value_type(value) == SQLITE_TEXT;
      const void* bytes = sqlite3_value_blob(value);
      const auto size = static_cast<std::size_t>(sqlite3_value_bytes(value));
      append_bytes(out, text ? 't' : 'b',
                   std::string_view(size ? static_cast<const char*>(bytes) : "", size));
      break;
    }
    default:
      out += 'n';
  }
}

/// A row's hash: SHA-256 of the table name and every column value in table order.
template <typename ValueAt>
Sha256 row_hash(std::string& buffer, const char* table, int columns, ValueAt value_at) {
  buffer.assign(table);
  buffer += '\0';
  for (int i = 0; i < columns; ++i) append_value(buffer, value_at(i));
  return sha256(buffer);
}

}  // namespace

Sha256 text_row_hash(std::string& buffer, const char* table,
                     std::initializer_list<std::string_view> values) {
  buffer.assign(table);
  buffer += '\0';
  for (const std::string_view value : values) append_bytes(buffer, 't', value);
  return sha256(buffer);
}

void DigestSum::add(const Sha256& hash) {
  DigestSum other;
  for (std::size_t limb = 0; limb < 4; ++limb)
    for (std::size_t b = 0; b < 8; ++b)
      other.limbs_[limb] = (other.limbs_[limb] << 8) | hash[8 * (3 - limb) + b];
  add(other);
}

void DigestSum::subtract(const Sha256& hash) {
  DigestSum other;
  other.add(hash);
  subtract(other);
}

void DigestSum::add(const DigestSum& other) {
  std::uint64_t carry = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    const std::uint64_t sum = limbs_[i] + other.limbs_[i];
    const std::uint64_t with_carry = sum + carry;
    carry =
        static_cast<std::uint64_t>(sum < limbs_[i]) + static_cast<std::uint64_t>(with_carry < sum);
    limbs_[i] = with_carry;
  }
}

void DigestSum::subtract(const DigestSum& other) {
  std::uint64_t borrow = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    const std::uint64_t difference = limbs_[i] - other.limbs_[i];
    const std::uint64_t with_borrow = difference - borrow;
    borrow = static_cast<std::uint64_t>(limbs_[i] < other.limbs_[i]) +
             static_cast<std::uint64_t>(difference < borrow);
    limbs_[i] = with_borrow;
  }
}

std::string DigestSum::hex() const {
  return fmt::format("{:016x}{:016x}{:016x}{:016x}", limbs_[3], limbs_[2], limbs_[1], limbs_[0]);
}

std::optional<DigestSum> DigestSum::from_hex(std::string_view hex) {
  if (hex.size() != 64) return std::nullopt;
  DigestSum sum;
  for (std::size_t i = 0; i < 64; ++i) {
    const char c = hex[i];
    std::uint64_t digit = 0;
    if (c >= '0' && c <= '9')
      digit = static_cast<std::uint64_t>(c - '0');
    else if (c >= 'a' && c <= 'f')
      digit = static_cast<std::uint64_t>(c - 'a') + 10;
    else
      return std::nullopt;
    std::uint64_t& limb = sum.limbs_[3 - i / 16];
    limb = (limb << 4) | digit;
  }
  return sum;
}

DigestSum total(const StateDigest& state) {
  DigestSum sum;
  for (const TableDigest& table : state) sum.add(table.sum);
  return sum;
}

StateDigest scan_state(SQLite::Database& db) {
  StateDigest state{};
  std::string buffer;
  for (std::size_t t = 0; t < kDigestedTables.size(); ++t) {
    // The table name is one of ours, never input; every column, in table order. The C API:
    // the hash reads each value with its stored type, as the pre-update hook does.
    const std::string sql = fmt::format("SELECT * FROM {}", kDigestedTables[t]);
    sqlite3_stmt* raw = nullptr;
    if (sqlite3_prepare_v2(db.getHandle(), sql.c_str(), -1, &raw, nullptr) != SQLITE_OK)
      throw SQLite::Exception(db.getHandle(), sqlite3_errcode(db.getHandle()));
    const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> statement(raw, sqlite3_finalize);
    const int columns = sqlite3_column_count(raw);
    int step = SQLITE_ROW;
    while ((step = sqlite3_step(raw)) == SQLITE_ROW) {
      ++state[t].rows;
      state[t].sum.add(row_hash(buffer, kDigestedTables[t], columns,
                                [&](int i) { return sqlite3_column_value(raw, i); }));
    }
    if (step != SQLITE_DONE) throw SQLite::Exception(db.getHandle(), step);
  }
  return state;
}

StateDigest read_stored_state(SQLite::Database& db) {
  StateDigest state{};
  SQLite::Statement query(db, "SELECT tbl, rows, sum FROM digests");
  while (query.executeStep()) {
    const int t = table_index(query.getColumn(0).getText());
    if (t < 0) continue;  // the audit log's own row
    state[static_cast<std::size_t>(t)].rows = query.getColumn(1).getInt64();
    // A sum that is not 64 hex digits was changed outside jury; zero never matches a real state.
    state[static_cast<std::size_t>(t)].sum =
        DigestSum::from_hex(query.getColumn(2).getString()).value_or(DigestSum{});
  }
  return state;
}

void write_stored_state(SQLite::Database& db, const StateDigest& state) {
  SQLite::Statement statement(db,
                              "INSERT OR REPLACE INTO digests(tbl, rows, sum) VALUES (?, ?, ?)");
  for (std::size_t t = 0; t < kDigestedTables.size(); ++t) {
    statement.bind(1, kDigestedTables[t]);
    statement.bind(2, state[t].rows);
    statement.bind(3, state[t].sum.hex());
    statement.exec();
    statement.reset();
  }
}

StateTracker::StateTracker(sqlite3* db) : db_(db) {
  sqlite3_preupdate_hook(db_, &StateTracker::on_change, this);
}

StateTracker::~StateTracker() {
  sqlite3_preupdate_hook(db_, nullptr, nullptr);
}

StateDigest StateTracker::applied_to(StateDigest state) const {
  for (std::size_t t = 0; t < state.size(); ++t) {
    state[t].rows += delta_[t].rows;
    state[t].sum.add(delta_[t].sum);
  }
  return state;
}

StateTracker::Paused::Paused(StateTracker& tracker) : tracker_(tracker) {
  sqlite3_preupdate_hook(tracker_.db_, nullptr, nullptr);
}

StateTracker::Paused::~Paused() {
  sqlite3_preupdate_hook(tracker_.db_, &StateTracker::on_change, &tracker_);
}

void StateTracker::add_inserted(const char* table, std::int64_t rows, const DigestSum& sum) {
  TableDigest& delta = delta_.at(static_cast<std::size_t>(table_index(table)));
  delta.rows += rows;
  delta.sum.add(sum);
  changed_ = true;
}

void StateTracker::clear() {
  delta_ = {};
  changed_ = false;
}

void StateTracker::on_change(void* self, sqlite3* db, int op, const char* database,
                             const char* table, long long /*old_key*/, long long /*new_key*/) {
  if (std::strcmp(database, "main") != 0) return;
  const int t = table_index(table);
  if (t < 0) return;
  auto& tracker = *static_cast<StateTracker*>(self);
  TableDigest& delta = tracker.delta_[static_cast<std::size_t>(t)];
  const int columns = sqlite3_preupdate_count(db);
  if (op == SQLITE_DELETE || op == SQLITE_UPDATE) {
    --delta.rows;
    delta.sum.subtract(row_hash(tracker.buffer_, table, columns, [&](int i) {
      sqlite3_value* value = nullptr;
      sqlite3_preupdate_old(db, i, &value);
      return value;
    }));
  }
  if (op == SQLITE_INSERT || op == SQLITE_UPDATE) {
    ++delta.rows;
    delta.sum.add(row_hash(tracker.buffer_, table, columns, [&](int i) {
      sqlite3_value* value = nullptr;
      sqlite3_preupdate_new(db, i, &value);
      return value;
    }));
  }
  tracker.changed_ = true;
}

}  // namespace jury
