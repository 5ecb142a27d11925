#pragma once
/// The audit log as values (SPEC §10): its records, and what `jury audit --verify` found. The
/// store writes and chains the records (engine/store.hpp) and checks the chain
/// (engine/tamper.hpp); exporters/audit_views.hpp shows them.

#include <cstdint>
#include <string>
#include <vector>

namespace jury {

struct AuditRecord {
  std::int64_t id = 0;
  std::string time;          ///< UTC, ISO 8601
  std::string command;       ///< e.g. "import scores"
  std::string file;          ///< file name, empty when the command read none
  std::string sha256;        ///< of the file's bytes, empty when none
  std::string change;        ///< what changed (old values of replaced scores included)
  std::string prev_sha256;   ///< the chain (SPEC §10): hash of the record before, "" for the first
  std::string state_digest;  ///< of the whole stored state after the command, "" before schema 3
};

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

}  // namespace jury
