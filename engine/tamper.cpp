#include "engine/tamper.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include "engine/sha256.hpp"
#include "engine/state_digest.hpp"

namespace jury {

namespace {

/// Length-prefixed, so that no two different records give the same bytes.
void append_field(std::string& out, const std::string& field) {
  const auto size = static_cast<std::uint64_t>(field.size());
  for (int shift = 56; shift >= 0; shift -= 8) out += static_cast<char>((size >> shift) & 0xFF);
  out += field;
}

/// The first link that does not hold, as a finding; nothing when the chain is whole.
std::vector<TamperFinding> check_chain(const std::vector<AuditRecord>& records,
                                       const AuditHead& head) {
  using Kind = TamperFinding::Kind;
  std::string expected;  // the first record follows nothing
  const AuditRecord* previous = nullptr;
  for (const AuditRecord& record : records) {
    if (record.prev_sha256 != expected) {
      TamperFinding finding;
      if (previous && record.id == previous->id + 1) {
        finding.kind = Kind::RecordChanged;
        finding.record = previous->id;
      } else {
        finding.kind = Kind::RecordsRemoved;
        finding.after = previous ? previous->id : 0;
        finding.record = record.id;
      }
      return {finding};
    }
    expected = audit_record_hash(record);
    previous = &record;
  }
  const auto count = static_cast<std::int64_t>(records.size());
  if (count == head.records && expected == head.sha256) return {};
  TamperFinding finding;
  if (count < head.records) {
    finding.kind = Kind::RecordsRemoved;
    finding.after = previous ? previous->id : 0;
    finding.rows = head.records - count;
  } else if (count > head.records) {
    finding.kind = Kind::RecordAdded;
    finding.record = records[static_cast<std::size_t>(head.records)].id;
  } else {
    finding.kind = Kind::RecordChanged;
    finding.record = previous ? previous->id : 0;
  }
  return {finding};
}

}  // namespace

std::string audit_record_hash(const AuditRecord& record) {
  std::string bytes;
  for (const std::string* field : {&record.time, &record.command, &record.file, &record.sha256,
                                   &record.change, &record.prev_sha256, &record.state_digest})
    append_field(bytes, *field);
  append_field(bytes, std::to_string(record.id));
  return sha256_hex(bytes);
}

AuditHead read_audit_head(SQLite::Database& db) {
  SQLite::Statement query(db, "SELECT rows, sum FROM digests WHERE tbl = 'audit'");
  if (!query.executeStep()) return {-1, ""};  // removed outside jury: never matches
  return {query.getColumn(0).getInt64(), query.getColumn(1).getString()};
}

void write_audit_head(SQLite::Database& db, const AuditHead& head) {
  SQLite::Statement statement(
      db, "INSERT OR REPLACE INTO digests(tbl, rows, sum) VALUES ('audit', ?, ?)");
  statement.bind(1, head.records);
  statement.bind(2, head.sha256);
  statement.exec();
}

TamperReport verify_tamper_evidence(SQLite::Database& db, const std::vector<AuditRecord>& records) {
  TamperReport report;
  report.records = static_cast<std::int64_t>(records.size());
  for (const AuditRecord& record : records)
    if (!record.state_digest.empty()) {
      if (record.id != records.front().id) report.upgrade_record = record.id;
      break;
    }
  report.findings = check_chain(records, read_audit_head(db));
  const bool chain_whole = report.findings.empty();

  const StateDigest now = scan_state(db);
  const StateDigest stored = read_stored_state(db);
  report.state_digest = total(now).hex();
  for (std::size_t t = 0; t < kDigestedTables.size(); ++t) {
    if (now[t] == stored[t]) continue;
    TamperFinding finding;
    finding.kind = TamperFinding::Kind::TableChanged;
    finding.table = kDigestedTables[t];
    finding.rows = now[t].rows;
    finding.expected_rows = stored[t].rows;
    report.findings.push_back(std::move(finding));
  }
  // A whole chain vouches for the last record's digest: the stored table digests must add up
  // to it (else they were changed too, e.g. to hide a changed row).
  if (chain_whole && !records.empty() && total(stored).hex() != records.back().state_digest) {
    TamperFinding finding;
    finding.kind = TamperFinding::Kind::DigestsChanged;
    finding.record = records.back().id;
    report.findings.push_back(std::move(finding));
  }
  return report;
}

}  // namespace jury
