#include "importers/judges_importer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <unordered_map>

#include "importers/table.hpp"
#include "model/i18n.hpp"
#include "model/text.hpp"

namespace jury {

namespace {

enum Column : std::size_t {
  kJudgeId,
  kName,
  kAffiliation,
  kDistrict,
  kExpertise,
  kKinds,
  kMaxLoad,
  kConflicts,
  kActive,
  kRounds,
};

const std::array<ColumnSpec, 10>& judge_columns() {
  static const std::array<ColumnSpec, 10> columns{{
      {"judge_id", {"评委编号"}, true},
      {"name", {"姓名"}, true},
      {"affiliation", {"工作单位", "单位"}, true},
      {"district", {"县市区", "县(市、区)", "区县"}, false},
      {"expertise", {"专业领域"}, false},
      {"kinds", {"可评类别"}, false},
      {"max_load", {"最大评审量"}, false},
      {"conflicts", {"回避"}, false},
      {"active", {"状态"}, false},
      {"rounds", {"评审轮次"}, false},  // SPEC §12
  }};
  return columns;
}

class RowReader : RowCells {
 public:
  RowReader(const Config& config, const Header& header, const std::string& file,
            Diagnostics& report, const std::vector<Judge>& existing)
      : RowCells(header, file, report, judge_columns(), kJudgeId, "judges", "judge"),
        kinds_(kind_vocabulary(config)),
        subjects_(subject_vocabulary(config)),
        rounds_(round_vocabulary(config)) {
    for (const Judge& j : existing) existing_.emplace(j.id, &j);
  }

  /// The judge of a row, nullopt when the row has an error. SPEC §3–4: a column the file lacks
  /// leaves that field of an existing judge as it is (no 状态 column never reactivates a
  /// withdrawn judge); a new judge gets the field's default.
  std::optional<Judge> read(const CsvRow& csv) {
    start_row(csv);
    Judge j;
    j.id = normalize_word(text(kJudgeId));
    if (j.id.empty())
      missing(kJudgeId);
    else
      check_id(j.id);
    const auto found = existing_.find(j.id);
    old_ = found == existing_.end() ? nullptr : found->second;
    j.name = required_text(kName);
    j.affiliation = required_text(kAffiliation);
    j.district = kept_or(kDistrict, &Judge::district, [&] { return trim_text(text(kDistrict)); });
    j.expertise = kept_or(kExpertise, &Judge::expertise,
                          [&] { return lookup_list(kExpertise, subjects_, "subject"); });
    j.kinds = kept_or(kKinds, &Judge::kinds, [&] { return lookup_list(kKinds, kinds_, "kind"); });
    j.max_load = kept_or(kMaxLoad, &Judge::max_load, [&] { return read_max_load(); });
    j.conflicts =
        kept_or(kConflicts, &Judge::conflicts, [&] { return split_names(text(kConflicts)); });
    j.rounds =
        kept_or(kRounds, &Judge::rounds, [&] { return lookup_list(kRounds, rounds_, "round"); });
    if (!header_.has(kActive) && old_)
      j.active = old_->active;
    else
      read_active(j);
    if (!row_valid()) return std::nullopt;
    return j;
  }

 private:
  /// The stored field of the existing judge when the file has no such column, else `read()`.
  template <typename Field, typename Read>
  Field kept_or(Column c, Field Judge::*field, Read read) {
    if (!header_.has(c) && old_) return old_->*field;
    return read();
  }

  /// A list of subject or kind ids/labels; every unknown item is an error. Duplicates collapse.
  std::vector<std::string> lookup_list(Column c, const Vocabulary& vocabulary, const char* what) {
    std::vector<std::string> ids;
    for (const auto& item : split_names(text(c))) {
      const auto id = vocabulary.find(item);
      if (!id) {
        error(c, fmt::format("judges.unknown-{}", what),
              vocabulary.unknown(what, quoted(normalize_word(item))));
      } else if (std::find(ids.begin(), ids.end(), *id) == ids.end()) {
        ids.push_back(*id);
      }
    }
    return ids;
  }

  std::optional<int> read_max_load() {
    const std::string value = normalize_word(text(kMaxLoad));
    if (value.empty()) return std::nullopt;
    int load = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), load);
    if (ec == std::errc() && end == value.data() + value.size() && load >= 0 &&
        value.front() != '-')
      return load;
    error(kMaxLoad, "judges.bad-max-load",
          i18n::trf("max_load {} is not a whole number ≥ 0; leave it empty for the default",
                    quoted(value)));
    return std::nullopt;
  }

  void read_active(Judge& j) {
    const auto active = parse_judge_active(text(kActive));
    if (active) {
      j.active = *active;
      return;
    }
    error(kActive, "judges.unknown-active",
          i18n::trf("unknown active {}; expected yes (是, 正常, 在岗) or no (否, 退出, 停用)",
                    quoted(normalize_word(text(kActive)))));
  }

  Vocabulary kinds_, subjects_, rounds_;
  std::map<std::string, const Judge*> existing_;  ///< by judge_id
  const Judge* old_ = nullptr;                    ///< the stored judge of the row's id, if any
};

}  // namespace

std::optional<bool> parse_judge_active(std::string_view text) {
  static const std::array<const char*, 11> yes{"",   "yes",  "y",    "true", "1",   "active",
                                               "是", "正常", "有效", "在岗", "启用"};
  static const std::array<const char*, 12> no{"no",       "n",         "false", "0",
                                              "inactive", "withdrawn", "否",    "退出",
                                              "停用",     "撤回",      "无效",  "请假"};
  const std::string key = word_key(text);
  for (const char* word : yes)
    if (key == word) return true;
  for (const char* word : no)
    if (key == word) return false;
  return std::nullopt;
}

std::vector<ImportedJudge> import_judges(std::string_view bytes, const std::string& file,
                                         Encoding encoding, const Config& config,
                                         Diagnostics& report, const std::vector<Judge>& existing,
                                         const std::string& sheet) {
  const auto records = read_records(bytes, file, encoding, report, CommentLines::Data, sheet);
  if (!records) return {};
  const auto header = find_header(*records, judge_columns(), file, report);
  if (!header || !check_has_rows(*records, *header, file, report, "judges")) return {};
  warn_ignored_columns(*records, *header, file, report, "judges.unknown-column");
  warn_numeric_ids(*records, *header, kJudgeId, file, report, "judges.numeric-id");

  RowReader reader(config, *header, file, report, existing);
  std::vector<ImportedJudge> judges;
  std::unordered_map<std::string, int> first_line;
  for (std::size_t r = header->row + 1; r < records->size(); ++r) {
    const CsvRow& csv = (*records)[r];
    if (!check_width(csv, *header, file, report, "judges.cell-count")) continue;
    auto judge = reader.read(csv);
    const std::string id = normalize_word(cell(csv, *header, kJudgeId));
    if (!id.empty()) {
      const auto [it, inserted] = first_line.emplace(id, csv.line);
      if (!inserted) {
        report.error(file, cell_line(csv, *header, kJudgeId), cell_column(*header, kJudgeId),
                     "judges.duplicate-id",
                     i18n::trf("duplicate judge_id {}: already on line {}", id, it->second));
        continue;
      }
    }
    if (judge) judges.push_back({std::move(*judge), csv.line});
  }
  return judges;
}

}  // namespace jury
