#pragma once
/// The digest of the whole stored state (SPEC §10 tamper evidence): a multiset hash, the sum
/// modulo 2^256 of the SHA-256 of every row of every state table. A change of one row moves the
/// sum by that row's old and new hash only, so jury keeps it up to date while it writes (SQLite's
/// pre-update hook sees every row jury's connection changes) and never re-reads the database;
/// `audit --verify` recomputes it from all rows and compares, table by table.

#include <array>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/sha256.hpp"

struct sqlite3;
namespace SQLite {
class Database;
}  // namespace SQLite

namespace jury {

/// A sum of SHA-256 digests (read as big-endian numbers) modulo 2^256.
class DigestSum {
 public:
  void add(const Sha256& hash);
  void subtract(const Sha256& hash);
  void add(const DigestSum& other);
  void subtract(const DigestSum& other);
  /// 64 lowercase hex digits, most significant first.
  std::string hex() const;
  static std::optional<DigestSum> from_hex(std::string_view hex);
  bool operator==(const DigestSum& other) const = default;

 private:
  std::array<std::uint64_t, 4> limbs_{};  ///< least significant first
};

/// One table's share of the state digest.
struct TableDigest {
  std::int64_t rows = 0;
  DigestSum sum;
  bool operator==(const TableDigest& other) const = default;
};

/// The tables of the stored state, in the order verify reports them: what SPEC §10 lists
/// (entries, judges, assignments, recusals, scores, decision), then the rest of the state
/// (rounds, entrants, absences, the config in meta).
constexpr std::array<const char*, 10> kDigestedTables = {
    "entries",  "judges", "assignments", "recusals", "scores",
    "decision", "rounds", "entrants",    "absences", "meta"};
using StateDigest = std::array<TableDigest, kDigestedTables.size()>;

/// The sum of all tables' sums: what an audit record carries.
DigestSum total(const StateDigest& state);

/// Every table's digest from a scan of all its rows (verify, the schema upgrade).
StateDigest scan_state(SQLite::Database& db);

/// The hash of a row whose every column is text, as the tracker and scan_state hash it (in a
/// UTF-8 database, as jury creates them): for rows written while the tracker is paused and
/// counted with StateTracker::add_inserted. `buffer` is reused by the caller.
Sha256 text_row_hash(std::string& buffer, const char* table,
                     std::initializer_list<std::string_view> values);

/// The digests jury stored (table `digests`), and writing them back.
StateDigest read_stored_state(SQLite::Database& db);
void write_stored_state(SQLite::Database& db, const StateDigest& state);

/// Follows every row jury's connection inserts, updates or deletes in a state table and keeps
/// the change of each table's digest since the last clear(). The owner clears it when the
/// change is written (commit) or rolled back.
class StateTracker {
 public:
  explicit StateTracker(sqlite3* db);
  ~StateTracker();
  StateTracker(const StateTracker&) = delete;
  StateTracker& operator=(const StateTracker&) = delete;

  bool changed() const { return changed_; }
  /// While one lives, rows written are not followed: its owner counts them with add_inserted.
  class Paused {
   public:
    explicit Paused(StateTracker& tracker);
    ~Paused();
    Paused(const Paused&) = delete;
    Paused& operator=(const Paused&) = delete;

   private:
    StateTracker& tracker_;
  };
  /// Rows inserted into `table` (one of kDigestedTables) while paused, whose hashes sum to `sum`.
  void add_inserted(const char* table, std::int64_t rows, const DigestSum& sum);
  /// `state` plus the change: rows and sums added modulo 2^256 (a deleted row subtracts).
  StateDigest applied_to(StateDigest state) const;
  void clear();

 private:
  static void on_change(void* self, sqlite3* db, int op, const char* database, const char* table,
                        long long old_key, long long new_key);

  sqlite3* db_;
  StateDigest delta_{};  ///< rows: inserted minus deleted; sum: new rows' hashes minus old ones'
  bool changed_ = false;
  std::string buffer_;  ///< the row being hashed, reused
};

}  // namespace jury
