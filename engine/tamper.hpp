#pragma once
/// `jury audit --verify` (SPEC §10 tamper evidence): every audit record carries the SHA-256 of
/// the record before it and the digest of the whole stored state after its command; jury keeps
/// the hash of the last record and every table's digest in table `digests`. Verify recomputes
/// the chain and the digest of every table from its rows and names the first audit record, and
/// every table, that is not as jury left it.
///
/// A database from before tamper evidence (schema 2) is chained when it is upgraded: the old
/// records as they stood then, followed by an "upgrade" record that carries the first state
/// digest. Verify checks those old records from then on; what happened to them before the
/// upgrade cannot be known, and the report says which records these are.

#include <cstdint>
#include <string>
#include <vector>

#include "engine/store.hpp"

namespace SQLite {
class Database;
}  // namespace SQLite

namespace jury {

struct TamperFinding {
  enum class Kind {
    RecordChanged,   ///< `record` is not the record the next one (or jury's head) hashed
    RecordsRemoved,  ///< records between `after` and `record` are gone (`record` 0: at the end)
    RecordAdded,     ///< `record` was not written by jury (after the last one jury wrote)
    TableChanged,    ///< `table` differs: `rows` now, `expected_rows` as jury left it
    DigestsChanged,  ///< the stored table digests no longer add up to the last record's digest
  };
  Kind kind = Kind::RecordChanged;
  std::int64_t record = 0;
  std::int64_t after = 0;
  std::string table;
  std::int64_t rows = 0;
  std::int64_t expected_rows = 0;
};

struct TamperReport {
  std::int64_t records = 0;         ///< audit records checked
  std::int64_t upgrade_record = 0;  ///< the record that started tamper evidence, 0 = `init`
  std::string state_digest;         ///< of the state as it is now (recomputed)
  std::vector<TamperFinding> findings;
  bool intact() const { return findings.empty(); }
};

/// The chain link: SHA-256 of every field of the record, its own links included.
std::string audit_record_hash(const AuditRecord& record);

/// The end of the chain as jury left it (row `audit` of table `digests`).
struct AuditHead {
  std::int64_t records = 0;
  std::string sha256;  ///< of the last record, "" before the first
};
AuditHead read_audit_head(SQLite::Database& db);
void write_audit_head(SQLite::Database& db, const AuditHead& head);

TamperReport verify_tamper_evidence(SQLite::Database& db, const std::vector<AuditRecord>& records);

}  // namespace jury
