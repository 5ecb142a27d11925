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
#include "model/audit.hpp"

namespace SQLite {
class Database;
}  // namespace SQLite

namespace jury {

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
