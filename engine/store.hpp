#pragma once
/// The SQLite store of one competition: every piece of state lives in one database file.
/// Versioned schema (PRAGMA user_version; a schema 1 database is upgraded when opened), foreign
/// keys on, WAL, prepared statements only, and an append-only audit table (triggers refuse
/// UPDATE and DELETE on it). A database the process cannot write is opened read-only (SPEC §10:
/// read-only commands work on it); a Transaction on it is refused. Assignments, recusals, scores
/// and absences belong to a round (SPEC §12): the functions that read or write them take the round
/// id. Tamper evidence (SPEC §10, engine/tamper.hpp): a StateTracker follows every row jury
/// changes; when a transaction commits, its audit records are chained and carry the new state
/// digest (schema 3; a schema 2 database is upgraded and chained when opened).

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "model/audit.hpp"
#include "model/model.hpp"
#include "model/score_values.hpp"

namespace SQLite {
class Database;
class Transaction;
}  // namespace SQLite

namespace jury {

class StateTracker;

class Store {
 public:
  static constexpr int kSchemaVersion = 3;

  /// Opens an existing competition database; throws StateError when there is none. When the
  /// file or its folder cannot be written it is opened read-only, and Transaction refuses.
  static Store open(const std::string& path);
  /// Creates a new database; throws StateError when the file already holds a competition.
  static Store create(const std::string& path);

  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  /// RAII transaction: rolls back unless commit() is called. Throws OutputError (exit 2, naming
  /// the path) on a read-only database, StateError (exit 3) while another command writes.
  class Transaction {
   public:
    explicit Transaction(Store& store);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    /// Chains the audit records of the transaction and stores the state digest, then commits.
    void commit();

   private:
    Store& store_;
    std::unique_ptr<SQLite::Transaction> transaction_;
  };

  // config
  void save_config_json(const std::string& json);
  std::string config_json() const;

  // entries and judges (upsert by id)
  std::vector<Entry> load_entries() const;
  void upsert_entries(const std::vector<Entry>& entries);
  std::vector<Judge> load_judges() const;
  void upsert_judges(const std::vector<Judge>& judges);

  // rounds (SPEC §12): the rounds opened so far, in config order; the last one is current
  std::vector<std::string> opened_rounds() const;
  void open_round(const std::string& round);
  /// Removes the round with its entrants, assignments, recusals and absences (`advance
  /// --reopen`); it must have no scores (the foreign key refuses otherwise).
  void drop_round(const std::string& round);
  /// Who entered a round after the first (fixed at `advance`), by entry_id.
  std::vector<std::string> load_entrants(const std::string& round) const;
  void insert_entrants(const std::string& round, const std::vector<std::string>& entry_ids);
  std::set<std::string> load_absences(const std::string& round) const;
  void insert_absences(const std::string& round, const std::vector<std::string>& entry_ids);
  void delete_absences(const std::string& round, const std::vector<std::string>& entry_ids);

  // the interview timetable (SPEC §13): a slot per assignment of a scheduled round
  bool scheduled(const std::string& round) const;
  void set_scheduled(const std::string& round, bool scheduled);
  /// The scheduled assignments of the round with their slots, by (judge_id, entry_id).
  std::vector<std::pair<Assignment, int>> load_slots(const std::string& round) const;
  void save_slots(const std::string& round, const std::vector<std::pair<Assignment, int>>& slots);
  void clear_slots(const std::string& round);

  // assignments and recorded conflicts (recusals) of a round
  std::vector<Assignment> load_assignments(const std::string& round) const;
  void insert_assignments(const std::string& round, const std::vector<Assignment>& pairs);
  void delete_assignments(const std::string& round, const std::vector<Assignment>& pairs);
  std::vector<Assignment> load_recusals(const std::string& round) const;
  void insert_recusals(const std::string& round, const std::vector<Assignment>& pairs);

  // scores of a round: one row per (judge, entry); values in the rubric order the round uses for
  // the entry's kind
  std::vector<ScoreRow> load_scores(const std::string& round) const;
  /// Entries with only id, kind and status filled: what checking score sheets needs, without
  /// decoding the name lists of every entry.
  std::vector<Entry> load_entry_kinds() const;
  void upsert_scores(const std::string& round, const std::vector<EncodedScoreRow>& rows);
  /// Rows for pairs with no stored row: plain inserts (a stored row is a constraint error, never
  /// replaced unseen), hashed into the state digest from the rows themselves, which costs a
  /// third of what the pre-update hook's reading them back from SQLite does.
  void insert_new_scores(const std::string& round, const std::vector<EncodedScoreRow>& rows);
  void delete_scores(const std::string& round, const std::vector<Assignment>& pairs);
  /// Entries with a score in any round.
  std::set<std::string> scored_entry_ids() const;
  std::set<Assignment> scored_pairs(const std::string& round) const;

  // the frozen award decision (a JSON document), absent while not awarded
  std::optional<std::string> decision_json() const;
  void save_decision(const std::string& json);
  void clear_decision();

  // audit
  /// Written when the transaction commits (or at once outside one), chained, with the digest
  /// of the state the transaction leaves: every record of one command carries the same one.
  void append_audit(const std::string& command, const std::string& file, const std::string& sha256,
                    const std::string& change);
  std::vector<AuditRecord> load_audit() const;
  /// `audit --verify`: the chain and the state recomputed against what jury stored.
  TamperReport verify() const;

  SQLite::Database& database() { return *db_; }

 private:
  Store(std::unique_ptr<SQLite::Database> db, std::string path, std::string read_only_reason);
  void create_schema();
  /// Writes the pending audit records and the changed state digests (inside the transaction).
  void seal();
  void discard_pending();

  std::unique_ptr<SQLite::Database> db_;
  std::string path_;
  std::string read_only_reason_;  ///< why the process cannot write the database; "" = it can
  std::unique_ptr<StateTracker> tracker_;   ///< after db_: removed before the connection closes
  std::vector<AuditRecord> pending_audit_;  ///< of the open transaction
  bool in_transaction_ = false;
};

}  // namespace jury
