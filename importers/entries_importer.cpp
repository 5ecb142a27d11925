#include "importers/entries_importer.hpp"

#include <fmt/format.h>

#include <array>
#include <map>
#include <unordered_map>

#include "importers/table.hpp"
#include "model/i18n.hpp"
#include "model/text.hpp"

namespace jury {

namespace {

enum Column : std::size_t {
  kEntryId,
  kKind,
  kGroup,
  kSubject,
  kTitle,
  kSchool,
  kDistrict,
  kStudents,
  kAdvisors,
  kStatus,
};

const std::array<ColumnSpec, 10>& entry_columns() {
  static const std::array<ColumnSpec, 10> columns{{
      {"entry_id", {"作品编号", "项目编号"}, true},
      {"kind", {"类别", "作品类别"}, true},
      {"group", {"组别"}, false},
      {"subject", {"学科", "学科分类"}, true},
      {"title", {"作品名称", "项目名称"}, true},
      {"school", {"学校", "学校名称", "所在学校"}, true},
      {"district", {"县市区", "县(市、区)", "区县"}, false},
      {"students", {"学生", "学生姓名"}, false},
      {"advisors", {"指导教师", "指导老师", "辅导教师"}, false},
      {"status", {"状态"}, false},
  }};
  return columns;
}

/// One data row as far as it could be read; `valid` = no error in this row.
struct EntryRow {
  Entry entry;
  const CsvRow* csv = nullptr;
  bool valid = true;
  bool kind_known = false;
  bool duplicate = false;  ///< a second row with an id seen before in the file
};

/// Reads the rows of the file one by one: every check that needs only the row itself.
class RowReader : RowCells {
 public:
  RowReader(const Config& config, const Header& header, const std::string& file,
            Diagnostics& report, const std::vector<Entry>& existing)
      : RowCells(header, file, report, entry_columns(), kEntryId, "entries", "entry"),
        config_(config),
        kinds_(kind_vocabulary(config)),
        groups_(group_vocabulary(config)),
        subjects_(subject_vocabulary(config)) {
    for (const Entry& e : existing) existing_.emplace(e.id, &e);
  }

  /// SPEC §3: a column the file lacks leaves that field of an existing entry as it is (a file
  /// without status never reactivates a withdrawn entry); a new entry gets the field's default.
  EntryRow read(const CsvRow& csv) {
    EntryRow row;
    row.csv = &csv;
    start_row(csv);
    Entry& e = row.entry;
    e.id = required_word(kEntryId);
    if (!e.id.empty()) check_id(e.id);
    const auto found = existing_.find(e.id);
    old_ = found == existing_.end() ? nullptr : found->second;
    const Kind* kind = read_kind(e);
    row.kind_known = kind != nullptr;
    e.subject = lookup(kSubject, subjects_, "subject", true).value_or("");
    read_group(e, kind);
    e.title = required_text(kTitle);
    e.school = required_text(kSchool);
    e.district = kept_or(kDistrict, &Entry::district, trim_text(text(kDistrict)));
    e.students = kept_or(kStudents, &Entry::students, split_people(text(kStudents)));
    e.advisors = kept_or(kAdvisors, &Entry::advisors, split_people(text(kAdvisors)));
    if (kind) check_people(e, *kind);
    if (!header_.has(kStatus) && old_)
      e.status = old_->status;
    else
      read_status(e);
    row.valid = row_valid();
    return row;
  }

 private:
  /// The stored field of the existing entry when the file has no such column, else `read`.
  template <typename Field>
  Field kept_or(Column c, Field Entry::*field, Field read) const {
    return !header_.has(c) && old_ ? old_->*field : std::move(read);
  }

  std::string required_word(Column c) {
    std::string value = normalize_word(text(c));
    if (value.empty()) missing(c);
    return value;
  }

  /// The id named by a cell; error (unknown or, if required, empty) → nullopt.
  std::optional<std::string> lookup(Column c, const Vocabulary& vocabulary, const char* what,
                                    bool required) {
    if (is_blank(text(c))) {
      if (required) missing(c);
      return std::nullopt;
    }
    auto id = vocabulary.find(text(c));
    if (!id)
      error(c, fmt::format("entries.unknown-{}", what),
            vocabulary.unknown(what, quoted(normalize_word(text(c)))));
    return id;
  }

  const Kind* read_kind(Entry& e) {
    const auto id = lookup(kKind, kinds_, "kind", true);
    if (!id) return nullptr;
    e.kind = *id;
    return config_.find_kind(*id);
  }

  /// Kinds with students need a group; kinds without students have none (a group given for them
  /// is ignored with a warning: offices write things like 教师组 there).
  void read_group(Entry& e, const Kind* kind) {
    const bool needs_group = kind && kind->max_students > 0;
    if (kind && !needs_group) {
      const std::string value = normalize_word(text(kGroup));
      if (!value.empty())
        warning(kGroup, "entries.group-ignored",
                i18n::trf("group {} is ignored: kind {} has no students and no group",
                          quoted(value), kind->id));
      return;
    }
    if (needs_group && !header_.has(kGroup)) {
      if (old_ && !old_->group.empty()) {
        e.group = old_->group;  // the file has no group column: the stored group stays
        return;
      }
      error(kGroup, "entries.missing-value",
            i18n::trf("kind {} needs a group, but the file has no group (组别) column", e.kind));
      return;
    }
    e.group = lookup(kGroup, groups_, "group", needs_group).value_or("");
  }

  void check_people(const Entry& e, const Kind& kind) {
    const auto students = static_cast<int>(e.students.size());
    if (kind.max_students > 0 && !header_.has(kStudents) && !old_) {
      error(kStudents, "entries.missing-value",
            i18n::trf("kind {} needs 1–{} students, but the file has no students (学生) column",
                      kind.id, kind.max_students));
    } else if (kind.max_students == 0 && students > 0) {
      error(kStudents, "entries.students-not-allowed",
            i18n::trf("kind {} has no students, but {} given", kind.id, quoted(text(kStudents))));
    } else if (kind.max_students > 0 && (students < 1 || students > kind.max_students)) {
      error(
          kStudents, "entries.student-count",
          i18n::trf("{} students for kind {}; allowed 1–{}", students, kind.id, kind.max_students));
    }
    const auto advisors = static_cast<int>(e.advisors.size());
    if (advisors > kind.max_advisors)
      error(
          kAdvisors, "entries.advisor-count",
          i18n::trf("{} advisors for kind {}; allowed 0–{}", advisors, kind.id, kind.max_advisors));
    check_listed_once(e.students, kStudents, "student");
    check_listed_once(e.advisors, kAdvisors, "advisor");
  }

  void check_listed_once(const std::vector<std::string>& names, Column c, const char* what) {
    for (std::size_t i = 0; i < names.size(); ++i)
      for (std::size_t j = 0; j < i; ++j)
        if (fold_name(names[i]) == fold_name(names[j])) {
          error(c, fmt::format("entries.duplicate-{}", what),
                i18n::trf("{} {} is listed twice", what, names[i]));
          return;
        }
  }

  void read_status(Entry& e) {
    const auto status = parse_entry_status(text(kStatus));
    if (status) {
      e.status = *status;
      return;
    }
    error(kStatus, "entries.unknown-status",
          i18n::trf("unknown status {}; expected one of active (正常, 有效), withdrawn (退赛, "
                    "撤回, 撤销, 弃权), disqualified (取消资格)",
                    quoted(normalize_word(text(kStatus)))));
  }

  const Config& config_;
  Vocabulary kinds_, groups_, subjects_;
  std::map<std::string, const Entry*> existing_;  ///< by entry_id
  const Entry* old_ = nullptr;                    ///< the stored entry of the row's id, if any
};

/// A duplicate entry_id in the file: error at the second row, naming the first.
void check_duplicate_ids(std::vector<EntryRow>& rows, const Header& header, const std::string& file,
                         Diagnostics& report) {
  std::unordered_map<std::string, int> first_line;
  for (auto& row : rows) {
    if (row.entry.id.empty()) continue;
    const auto [it, inserted] = first_line.emplace(row.entry.id, row.csv->line);
    if (inserted) continue;
    report.error(file, cell_line(*row.csv, header, kEntryId), cell_column(header, kEntryId),
                 "entries.duplicate-id",
                 i18n::trf("duplicate entry_id {}: already on line {}", row.entry.id, it->second));
    row.valid = false;
    row.duplicate = true;
  }
}

/// An entry that already has scores keeps its kind, group and subject (SPEC §3).
void check_scored_changes(std::vector<EntryRow>& rows, const std::vector<Entry>& existing,
                          const std::set<std::string>& scored, const Header& header,
                          const std::string& file, Diagnostics& report) {
  std::map<std::string, const Entry*> by_id;
  for (const auto& e : existing)
    if (scored.count(e.id)) by_id.emplace(e.id, &e);
  for (auto& row : rows) {
    const auto it = by_id.find(row.entry.id);
    if (it == by_id.end() || row.duplicate) continue;
    const Entry& old = *it->second;
    const std::array<std::tuple<Column, const char*, const std::string*, const std::string*>, 3>
        fields{{{kKind, "kind", &old.kind, &row.entry.kind},
                {kGroup, "group", &old.group, &row.entry.group},
                {kSubject, "subject", &old.subject, &row.entry.subject}}};
    for (const auto& [column, name, before, after] : fields) {
      if (*before == *after) continue;
      report.error(file, cell_line(*row.csv, header, column), cell_column(header, column),
                   "entries.scored-change",
                   i18n::trf("entry {} already has scores: its {} cannot change from {} to {}",
                             row.entry.id, name, before->empty() ? "(none)" : *before,
                             after->empty() ? "(none)" : *after));
      row.valid = false;
    }
  }
}

/// A student may appear in only one active student entry per school (SPEC §3), checked over the
/// existing entries and the file, file rows replacing existing entries by id.
void check_students_unique(std::vector<EntryRow>& rows, const std::vector<Entry>& existing,
                           const Config& config, const Header& header, const std::string& file,
                           Diagnostics& report) {
  struct Occurrence {
    std::string entry_id;
    int line = 0;  ///< 0 = already imported
  };
  auto has_students = [&](const Entry& e) {
    const Kind* kind = config.find_kind(e.kind);
    return kind && kind->max_students > 0 && e.active();
  };
  std::set<std::string> replaced;
  for (const auto& row : rows) replaced.insert(row.entry.id);
  std::unordered_map<std::string, Occurrence> seen;
  auto key_of = [](const std::string& name, const std::string& school) {
    return fold_name(name) + '\x1f' + fold_name(school);
  };
  for (const auto& e : existing)
    if (!replaced.count(e.id) && has_students(e))
      for (const auto& name : e.students) seen.emplace(key_of(name, e.school), Occurrence{e.id});
  for (auto& row : rows) {
    const Entry& e = row.entry;
    if (row.duplicate || !row.kind_known || !has_students(e)) continue;
    for (const auto& name : e.students) {
      const auto [it, inserted] =
          seen.emplace(key_of(name, e.school), Occurrence{e.id, row.csv->line});
      if (inserted || it->second.entry_id == e.id) continue;
      const Occurrence& first = it->second;
      report.error(file, cell_line(*row.csv, header, kStudents), cell_column(header, kStudents),
                   "entries.duplicate-student",
                   i18n::trf("student {} of {} is in two active student entries: {} ({}) and {}",
                             name, e.school, first.entry_id,
                             first.line ? fmt::format("line {}", first.line)
                                        : std::string("already imported"),
                             e.id));
      row.valid = false;
    }
  }
}

}  // namespace

std::optional<EntryStatus> parse_entry_status(std::string_view text) {
  const std::string key = word_key(text);
  if (key.empty() || key == "active" || key == "正常" || key == "有效") return EntryStatus::Active;
  if (key == "withdrawn" || key == "退赛" || key == "撤回" || key == "撤销" || key == "弃权")
    return EntryStatus::Withdrawn;
  if (key == "disqualified" || key == "取消资格") return EntryStatus::Disqualified;
  return std::nullopt;
}

std::vector<ImportedEntry> import_entries(std::string_view bytes, const std::string& file,
                                          Encoding encoding, const Config& config,
                                          const std::vector<Entry>& existing,
                                          const std::set<std::string>& scored_entry_ids,
                                          Diagnostics& report, const std::string& sheet) {
  const auto records = read_records(bytes, file, encoding, report, CommentLines::Data, sheet);
  if (!records) return {};
  const auto header = find_header(*records, entry_columns(), file, report);
  if (!header || !check_has_rows(*records, *header, file, report, "entries")) return {};
  warn_ignored_columns(*records, *header, file, report, "entries.unknown-column");
  warn_numeric_ids(*records, *header, kEntryId, file, report, "entries.numeric-id");

  RowReader reader(config, *header, file, report, existing);
  std::vector<EntryRow> rows;
  rows.reserve(records->size() - header->row);
  for (std::size_t r = header->row + 1; r < records->size(); ++r) {
    const CsvRow& csv = (*records)[r];
    if (check_width(csv, *header, file, report, "entries.cell-count"))
      rows.push_back(reader.read(csv));
  }
  check_duplicate_ids(rows, *header, file, report);
  check_scored_changes(rows, existing, scored_entry_ids, *header, file, report);
  check_students_unique(rows, existing, config, *header, file, report);

  std::vector<ImportedEntry> imported;
  imported.reserve(rows.size());
  for (auto& row : rows)
    if (row.valid) imported.push_back({std::move(row.entry), row.csv->line});
  return imported;
}

}  // namespace jury
