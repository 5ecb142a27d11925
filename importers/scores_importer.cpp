#include "importers/scores_importer.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <unordered_map>

#include "importers/table.hpp"
#include "model/i18n.hpp"

namespace jury {

namespace {

/// How a message names a criterion: a Chinese sheet heads its columns with the labels (SPEC §10),
/// so the Chinese messages use them too; the English ones use the id, as the English sheet does.
std::string criterion_name(const Criterion& c) {
  return i18n::chinese() && !c.label.empty() ? c.label : c.id;
}

enum Column : std::size_t { kJudgeId, kEntryId, kTitle, kComment, kRecuse, kCriterion, kScore };

const std::array<ColumnSpec, 7>& score_columns() {
  static const std::array<ColumnSpec, 7> columns{{
      {"judge_id", {"评委编号"}, true},
      {"entry_id", {"作品编号"}, true},
      {"title", {"作品名称"}, false},
      {"comment", {"评语", "备注"}, false},
      {"recuse", {"回避"}, false},
      {"criterion", {"评分项"}, false},
      {"score", {"分数", "得分"}, false},
  }};
  return columns;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

/// [+-]? (digits [. digits?] | . digits): no exponents, no inf/nan, no units.
bool is_plain_decimal(std::string_view s) {
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) s.remove_prefix(1);
  std::size_t digits = 0, dots = 0;
  for (char c : s) {
    if (is_digit(c))
      ++digits;
    else if (c == '.')
      ++dots;
    else
      return false;
  }
  return digits > 0 && dots <= 1;
}

std::string allowed_range(const Criterion& criterion, double step) {
  return i18n::trf("allowed 0–{} in steps of {}", criterion.max, step);
}

std::string pair_key(const std::string& judge, const std::string& entry) {
  std::string key = judge;
  key += '\x1f';
  key += entry;
  return key;
}

/// What one sheet row says before it is merged with the stored row: per criterion a value, `-`
/// (cleared) or nothing; the comment likewise.
struct SheetRow {
  std::vector<std::optional<double>> values;
  std::vector<bool> cleared;
  std::string comment;
  bool comment_cleared = false;

  explicit SheetRow(std::size_t criteria) : values(criteria), cleared(criteria, false) {}

  bool blank() const {
    return comment.empty() && !comment_cleared &&
           std::none_of(values.begin(), values.end(), [](const auto& v) { return bool(v); }) &&
           std::none_of(cleared.begin(), cleared.end(), [](bool c) { return c; });
  }

  /// A comment cell: `-` clears the stored comment, other text is the new comment; several
  /// different comments of one pair (long layout) are joined by line breaks.
  void add_comment(const std::string& text) {
    if (text == kClearCell) {
      comment_cleared = true;
    } else if (!text.empty() && text != comment) {
      comment += comment.empty() ? text : "\n" + text;
    }
  }
};

}  // namespace

struct CriterionWords {
  std::map<std::string, Vocabulary> of_rubric;  ///< by rubric id
};

std::shared_ptr<const CriterionWords> criterion_words(const Config& config) {
  auto words = std::make_shared<CriterionWords>();
  for (const auto& [id, rubric] : config.rubrics) {
    Vocabulary& criteria = words->of_rubric[id];
    for (const auto& criterion : rubric.criteria) criteria.add(criterion.id, criterion.label);
  }
  return words;
}

namespace {

/// The criteria of one rubric as the header's columns name them.
struct RubricColumns {
  const Rubric* rubric = nullptr;
  const Vocabulary* criteria = nullptr;  ///< of the context's CriterionWords
  std::vector<int> criterion_of_field;   ///< wide layout: per header field, -1 = not a criterion
  bool missing_reported = false;
};

/// Reading the rows of one sheet. Everything a row needs (judge, entry, pair, rubric) is checked
/// here; the two layouts differ only in how the values are laid out.
class SheetReader {
 public:
  SheetReader(const ScoreContext& context, const std::vector<CsvRow>& records, const Header& header,
              const std::string& file, Diagnostics& report)
      : context_(context), records_(records), header_(header), file_(file), report_(report) {
    for (const auto& [id, rubric] : context.config.rubrics) {
      RubricColumns& columns = rubrics_[id];
      columns.rubric = &rubric;
      columns.criteria = &context.criteria->of_rubric.at(id);
    }
  }

  std::vector<ImportedScore> read_wide() {
    if (!map_criterion_columns()) return {};
    std::vector<ImportedScore> scores;
    std::unordered_map<const Assignment*, int> first_line;  // the pairs are the context's
    first_line.reserve(records_.size());
    scores.reserve(records_.size() - header_.row);
    for (std::size_t r = header_.row + 1; r < records_.size(); ++r) {
      const CsvRow& csv = records_[r];
      if (!check_width(csv, header_, file_, report_, "scores.cell-count")) continue;
      csv_ = &csv;
      valid_ = true;
      if (skip_absent_entrant()) continue;
      const Entry* entry = read_pair();
      if (valid_) check_duplicate_pair(first_line);
      ImportedScore score{{judge_, entry_, {}, {}}, read_recuse(), csv.line};
      score.pair = assignment_;
      if (entry) {
        SheetRow sheet(rubric_of(*entry).rubric->criteria.size());
        sheet.add_comment(trim_text(text(kComment)));
        read_wide_values(*entry, score, sheet);
        merge_with_stored(score, sheet, assignment_);
      }
      if (entry && valid_) warn_if_incomplete(score, rubric_of(*entry));
      if (valid_) scores.push_back(std::move(score));
    }
    report_withdrawn_judges();
    return scores;
  }

  /// The warnings about partly filled rows (warn_if_incomplete).
  const Diagnostics& incomplete_rows() const { return incomplete_; }

  std::vector<ImportedScore> read_long() {
    struct Pair {
      ImportedScore score;
      SheetRow sheet;
      const Assignment* assignment = nullptr;
      bool valid = true;
    };
    std::vector<Pair> pairs;
    std::unordered_map<std::string, std::size_t> index_of_pair;
    std::unordered_map<std::string, int> first_line_of_value;
    for (std::size_t r = header_.row + 1; r < records_.size(); ++r) {
      const CsvRow& csv = records_[r];
      if (!check_width(csv, header_, file_, report_, "scores.cell-count")) continue;
      csv_ = &csv;
      valid_ = true;
      if (skip_absent_entrant()) continue;
      const Entry* entry = read_pair();
      const bool recuse = read_recuse();
      const auto [it, inserted] = index_of_pair.emplace(pair_key(judge_, entry_), pairs.size());
      if (inserted) {
        const std::size_t criteria = entry ? rubric_of(*entry).rubric->criteria.size() : 0;
        pairs.push_back(
            {{{judge_, entry_, {}, {}}, recuse, csv.line}, SheetRow(criteria), assignment_});
      }
      Pair& pair = pairs[it->second];
      pair.score.recuse = pair.score.recuse || recuse;
      pair.sheet.add_comment(trim_text(text(kComment)));
      if (entry) read_long_value(*entry, pair.score, pair.sheet, first_line_of_value);
      if (!valid_) pair.valid = false;
    }
    report_withdrawn_judges();
    std::vector<ImportedScore> imported;
    for (Pair& pair : pairs) {
      if (!pair.valid) continue;
      merge_with_stored(pair.score, pair.sheet, pair.assignment);
      pair.score.pair = pair.assignment;
      warn_if_incomplete(pair.score, rubric_of(*find_entry(pair.score.row.entry_id)));
      imported.push_back(std::move(pair.score));
    }
    return imported;
  }

 private:
  std::string_view text(Column c) const { return cell(*csv_, header_, c); }

  void error(int line, int column, const std::string& code, const std::string& message) {
    report_.error(file_, line, column, code, message);
    valid_ = false;
  }

  void error(Column c, const std::string& code, const std::string& message) {
    error(cell_line(*csv_, header_, c), cell_column(header_, c), code, message);
  }

  /// The rubric columns of the entry's kind; a sheet holds one kind as a rule, so the last
  /// kind's answer is kept (rubrics_ is a map: the pointer stays valid).
  RubricColumns& rubric_of(const Entry& entry) {
    if (!last_columns_ || entry.kind != last_columns_kind_) {
      last_columns_ = &rubrics_.at(context_.config.find_kind(entry.kind)->rubric);
      last_columns_kind_ = entry.kind;
    }
    return *last_columns_;
  }

  /// Whether the config defines the kind with a rubric (the last kind's answer kept likewise).
  bool has_rubric(const std::string& kind_id) {
    if (kind_id != checked_kind_ || !kind_checked_) {
      const Kind* kind = context_.config.find_kind(kind_id);
      kind_has_rubric_ = kind && context_.config.rubrics.count(kind->rubric);
      checked_kind_ = kind_id;
      kind_checked_ = true;
    }
    return kind_has_rubric_;
  }

  /// Wide layout: every header cell that is not a known column must name a criterion of some
  /// rubric (a typo would otherwise drop scores), and no criterion may be named twice.
  bool map_criterion_columns() {
    const CsvRow& head = records_[header_.row];
    bool ok = true;
    for (auto& [id, columns] : rubrics_) columns.criterion_of_field.assign(header_.width, -1);
    for (int field : header_.unknown_fields) {
      const auto f = static_cast<std::size_t>(field);
      bool known = false;
      for (auto& [id, columns] : rubrics_) {
        const auto criterion = columns.criteria->find(without_maximum_note(head.fields[f]));
        if (!criterion) continue;
        known = true;
        const int index = criterion_index(*columns.rubric, *criterion);
        for (std::size_t g = 0; g < f; ++g)
          if (columns.criterion_of_field[g] == index) {
            report_.error(file_, head.line, field + 1, "header.duplicate-column",
                          i18n::trf("duplicate column {}: criterion {} is already column {}",
                                    quoted(trim_text(head.fields[f])), *criterion, g + 1));
            ok = false;
          }
        columns.criterion_of_field[f] = index;
      }
      if (!known) {
        report_.error(file_, head.line, field + 1, "scores.unknown-column",
                      i18n::trf("unknown column {}; expected judge_id, entry_id, title, "
                                "comment, recuse or a criterion: {}",
                                quoted(trim_text(head.fields[f])), all_criteria()));
        ok = false;
      }
    }
    Header blanks = header_;
    blanks.unknown_fields.clear();
    warn_ignored_columns(records_, blanks, file_, report_, "scores.unknown-column");
    return ok;
  }

  static int criterion_index(const Rubric& rubric, const std::string& id) {
    for (std::size_t i = 0; i < rubric.criteria.size(); ++i)
      if (rubric.criteria[i].id == id) return static_cast<int>(i);
    return -1;
  }

  std::string all_criteria() const {
    std::vector<std::string> seen;
    std::string out;
    for (const auto& [id, columns] : rubrics_)
      for (const auto& criterion : columns.rubric->criteria) {
        if (std::find(seen.begin(), seen.end(), criterion.id) != seen.end()) continue;
        seen.push_back(criterion.id);
        if (!out.empty()) out += ", ";
        out += fmt::format("{} ({})", criterion.id, criterion.label);
      }
    return out;
  }

  /// SPEC §12: a row of an entrant absent from the round is skipped with a warning, whatever it
  /// holds (the long layout warns once per entrant and sheet).
  bool skip_absent_entrant() {
    if (!context_.absent_entries) return false;
    const std::string entry = normalize_word(text(kEntryId));
    if (!context_.absent_entries->count(entry)) return false;
    if (warned_absent_.insert(entry).second)
      report_.warning(file_, cell_line(*csv_, header_, kEntryId), cell_column(header_, kEntryId),
                      "scores.absent-entrant",
                      i18n::trf("skipped: entrant {0} is absent from this round; its rows are "
                                "not imported (`jury absent --undo {0}` first to score it)",
                                entry));
    return true;
  }

  /// Judge and entry of the row: both must be known and the pair assigned. Sets judge_/entry_.
  const Entry* read_pair() {
    judge_ = normalize_word(text(kJudgeId));
    entry_ = normalize_word(text(kEntryId));
    if (const Entry* entry = read_known_pair()) return entry;
    bool judge_known = false;
    const Entry* entry = nullptr;
    if (judge_.empty()) {
      error(kJudgeId, "scores.missing-value", i18n::tr("empty judge_id (评委编号)"));
    } else if (!has_judge(judge_)) {
      error(kJudgeId, "scores.unknown-judge", i18n::trf("unknown judge {}", quoted(judge_)));
    } else {
      judge_known = true;
    }
    if (entry_.empty()) {
      error(kEntryId, "scores.missing-value", i18n::tr("empty entry_id (作品编号)"));
    } else if (const Entry* found = find_entry(entry_); !found) {
      error(kEntryId, "scores.unknown-entry", i18n::trf("unknown entry {}", quoted(entry_)));
    } else if (const Kind* kind = context_.config.find_kind(found->kind);
               !kind || !context_.config.rubrics.count(kind->rubric)) {
      error(kEntryId, "scores.unknown-kind",
            i18n::trf("entry {} has kind {}, which the config does not define with a rubric",
                      entry_, found->kind));
    } else {
      entry = found;
    }
    assignment_ = nullptr;
    if (!judge_known || !entry) return entry;
    assignment_ = find_pair();
    if (!assignment_ && is_withdrawn(judge_)) {
      note_row_of_withdrawn_judge();
    } else if (!assignment_) {
      error(kEntryId, "scores.not-assigned",
            i18n::trf("judge {} is not assigned entry {}", judge_, entry_));
    }
    return entry;
  }

  bool is_withdrawn(const std::string& judge) const {
    return context_.withdrawn_judges && context_.withdrawn_judges->count(judge) > 0;
  }

  /// A withdrawn judge's row whose pair is no longer assigned (`assign` gave it to another
  /// judge): counted, and reported once per judge by report_withdrawn_judges().
  void note_row_of_withdrawn_judge() {
    auto& [line, column, rows] = withdrawn_rows_[judge_];
    if (rows++ == 0) {  // where the first row's "not assigned" would have been
      line = cell_line(*csv_, header_, kEntryId);
      column = cell_column(header_, kEntryId);
    }
    valid_ = false;
  }

  void report_withdrawn_judges() {
    for (const auto& [judge, where] : withdrawn_rows_) {
      const auto& [line, column, rows] = where;
      report_.error(file_, line, column, "scores.withdrawn-judge",
                    i18n::trnf("judge {} was withdrawn and is no longer assigned the {} entry "
                               "of this sheet; remove the sheet, or re-activate the judge (`jury "
                               "import judges`) and run `jury assign`",
                               "judge {} was withdrawn and is no longer assigned the {} entries "
                               "of this sheet; remove the sheet, or re-activate the judge (`jury "
                               "import judges`) and run `jury assign`",
                               static_cast<unsigned long>(rows), judge, rows));
    }
  }

  /// The common case in one hashed lookup: an assigned pair of a known judge and a known entry
  /// whose kind has a rubric. nullptr otherwise: the checks above then find what is wrong.
  const Entry* read_known_pair() {
    const auto* known = context_.index.find_known_pair(judge_, entry_);
    if (!known) return nullptr;
    if (!has_rubric(known->entry->kind)) return nullptr;
    assignment_ = known->pair;
    return known->entry;
  }

  bool has_judge(const std::string& id) const { return context_.index.has_judge(id); }
  const Entry* find_entry(const std::string& id) const { return context_.index.find_entry(id); }
  const Assignment* find_pair() const { return context_.index.find_pair(judge_, entry_); }

  void check_duplicate_pair(std::unordered_map<const Assignment*, int>& first_line) {
    const auto [it, inserted] = first_line.emplace(assignment_, csv_->line);
    if (!inserted)
      error(kEntryId, "scores.duplicate-row",
            i18n::trf("judge {} and entry {} are already on line {}", judge_, entry_, it->second));
  }

  bool read_recuse() {
    const auto recuse = parse_recuse(text(kRecuse));
    if (recuse) return *recuse;
    error(kRecuse, "scores.bad-recuse",
          i18n::trf("recuse {} is neither yes (是, 回避) nor no (否) nor empty",
                    quoted(normalize_word(text(kRecuse)))));
    return false;
  }

  /// One score cell → the value, or an error naming file, line, column and the allowed range.
  /// Empty → nothing; `-` → the sheet clears the stored value (`cleared` set).
  std::optional<double> read_value(std::string_view raw, const Rubric& rubric,
                                   std::size_t criterion, int line, int column, SheetRow& sheet) {
    const std::string value = normalize_word(raw);
    if (value.empty()) return std::nullopt;
    if (value == kClearCell) {
      sheet.cleared[criterion] = true;
      return std::nullopt;
    }
    const Criterion& c = rubric.criteria[criterion];
    double v = 0;
    const ScoreProblem problem = parse_score(value, c.max, rubric.step, v);
    if (problem == ScoreProblem::None) return v;
    static const std::map<ScoreProblem, std::pair<const char*, const char*>> kinds{
        {ScoreProblem::NotANumber, {"scores.not-a-number", i18n::N_("is not a number")}},
        {ScoreProblem::OutOfRange, {"scores.out-of-range", i18n::N_("is out of range")}},
        {ScoreProblem::NotAMultipleOfStep,
         {"scores.bad-step", i18n::N_("is not a multiple of the step")}},
    };
    const auto& [code, what] = kinds.at(problem);
    error(line, column, code,
          i18n::trf("score {} for {} {}; {}", quoted(value), criterion_name(c), i18n::tr(what),
                    allowed_range(c, rubric.step)));
    return std::nullopt;
  }

  /// SPEC §6: the sheet's values replace the stored ones criterion by criterion, `-` clears one,
  /// an empty cell keeps what is stored; the comment likewise.
  void merge_with_stored(ImportedScore& score, const SheetRow& sheet, const Assignment* pair) {
    score.blank = sheet.blank();
    const ScoreRow* stored = nullptr;
    if (context_.stored && pair) {
      const auto found = context_.stored->find(pair);
      if (found != context_.stored->end()) stored = &found->second;
    }
    auto& values = score.row.values;
    if (stored && stored->values.size() == sheet.values.size())
      values = stored->values;
    else
      values.assign(sheet.values.size(), std::nullopt);
    for (std::size_t c = 0; c < values.size(); ++c) {
      if (sheet.values[c])
        values[c] = sheet.values[c];
      else if (sheet.cleared[c])
        values[c] = std::nullopt;
    }
    if (sheet.comment_cleared)
      score.row.comment.clear();
    else
      score.row.comment = !sheet.comment.empty() ? sheet.comment : stored ? stored->comment : "";
  }

  void check_recused_row_is_empty(const ImportedScore& score, const SheetRow& sheet) {
    if (!score.recuse) return;
    for (const auto& v : sheet.values)
      if (v) {
        error(kRecuse, "scores.recuse-with-scores",
              i18n::trf("judge {} recuses from entry {} but the row has scores; clear the "
                        "scores or the recuse cell",
                        judge_, entry_));
        return;
      }
  }

  /// SPEC §6: "a partly filled row is stored and reported as incomplete". Wide layout: the column
  /// of the first empty criterion; long layout: the pair's first line. Collected apart: they are
  /// only worth saying when the file is stored, i.e. has no errors (see incomplete_rows()).
  void warn_if_incomplete(const ImportedScore& score, const RubricColumns& columns) {
    const auto& values = score.row.values;
    const auto filled = std::count_if(values.begin(), values.end(), [](auto v) { return bool(v); });
    if (!score.recuse && filled == 0 && !score.row.comment.empty())
      incomplete_.warning(file_, score.line, cell_column(header_, kComment), "scores.comment-only",
                          i18n::trf("judge {} for entry {}: a comment without any score is not "
                                    "stored; give the scores with it",
                                    score.row.judge_id, score.row.entry_id));
    if (score.recuse || filled == 0 || score.row.complete()) return;
    std::string missing;
    int line = score.line;
    int column = 0;
    for (std::size_t c = 0; c < values.size(); ++c) {
      if (values[c]) continue;
      missing +=
          (missing.empty() ? "" : i18n::tr(", ")) + criterion_name(columns.rubric->criteria[c]);
      if (column == 0 && !columns.criterion_of_field.empty()) {  // wide: csv_ is this row
        const int field = field_of_criterion(columns, static_cast<int>(c));
        line = csv_->field_lines[static_cast<std::size_t>(field)];
        column = field + 1;
      }
    }
    incomplete_.warning(file_, line, column, "scores.incomplete",
                        i18n::trf("judge {} for entry {}: the row is incomplete (no score for {}); "
                                  "it is stored and counts once complete",
                                  score.row.judge_id, score.row.entry_id, missing));
  }

  static int field_of_criterion(const RubricColumns& columns, int criterion) {
    const auto& fields = columns.criterion_of_field;
    return static_cast<int>(std::find(fields.begin(), fields.end(), criterion) - fields.begin());
  }

  void read_wide_values(const Entry& entry, ImportedScore& score, SheetRow& sheet) {
    RubricColumns& columns = rubric_of(entry);
    const Rubric& rubric = *columns.rubric;
    report_missing_criteria(columns, entry);
    for (std::size_t f : header_.unknown_fields) {
      if (f >= csv_->fields.size()) continue;
      const int criterion = columns.criterion_of_field[f];
      const int line = csv_->field_lines[f];
      const int column = static_cast<int>(f + 1);
      if (criterion < 0) {
        if (!normalize_word(csv_->fields[f]).empty())
          error(
              line, column, "scores.wrong-criterion",
              i18n::trf("column {} is not a criterion of kind {} (entry {}); leave it empty",
                        quoted(trim_text(records_[header_.row].fields[f])), entry.kind, entry.id));
        continue;
      }
      const auto c = static_cast<std::size_t>(criterion);
      sheet.values[c] = read_value(csv_->fields[f], rubric, c, line, column, sheet);
    }
    check_recused_row_is_empty(score, sheet);
  }

  /// A rubric criterion the header has no column for: reported once per kind, and every row of
  /// that kind is refused (its scores could never be complete).
  void report_missing_criteria(RubricColumns& columns, const Entry& entry) {
    std::vector<std::string> missing;
    for (std::size_t c = 0; c < columns.rubric->criteria.size(); ++c)
      if (std::find(columns.criterion_of_field.begin(), columns.criterion_of_field.end(),
                    static_cast<int>(c)) == columns.criterion_of_field.end())
        missing.push_back(fmt::format("{} ({})", columns.rubric->criteria[c].id,
                                      columns.rubric->criteria[c].label));
    if (missing.empty()) return;
    valid_ = false;
    if (columns.missing_reported) return;
    columns.missing_reported = true;
    std::string list;
    for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
    report_.error(file_, header_.line, 0, "scores.missing-criterion",
                  i18n::trf("the header has no column for criterion {} of kind {} (entry {}, "
                            "line {})",
                            list, entry.kind, entry.id, csv_->line));
  }

  void read_long_value(const Entry& entry, ImportedScore& score, SheetRow& sheet,
                       std::unordered_map<std::string, int>& first_line) {
    RubricColumns& columns = rubric_of(entry);
    const std::string name = normalize_word(text(kCriterion));
    if (name.empty()) {
      error(kCriterion, "scores.missing-value", i18n::tr("empty criterion (评分项)"));
      return;
    }
    const auto id = columns.criteria->find(name);
    if (!id) {
      error(kCriterion, "scores.unknown-criterion",
            i18n::trf("unknown criterion {} for kind {}; expected one of {}", quoted(name),
                      entry.kind, columns.criteria->expected()));
      return;
    }
    const auto [it, inserted] =
        first_line.emplace(pair_key(pair_key(judge_, entry_), *id), csv_->line);
    if (!inserted) {
      error(kCriterion, "scores.duplicate-row",
            i18n::trf("criterion {} of judge {} for entry {} is already on line {}", *id, judge_,
                      entry_, it->second));
      return;
    }
    const auto c = static_cast<std::size_t>(criterion_index(*columns.rubric, *id));
    sheet.values[c] =
        read_value(text(kScore), *columns.rubric, c, cell_line(*csv_, header_, kScore),
                   cell_column(header_, kScore), sheet);
    check_recused_row_is_empty(score, sheet);
  }

  const ScoreContext& context_;
  const std::vector<CsvRow>& records_;
  const Header& header_;
  const std::string& file_;
  Diagnostics& report_;
  std::map<std::string, RubricColumns> rubrics_;  ///< by rubric id
  const CsvRow* csv_ = nullptr;
  bool valid_ = true;
  std::string judge_, entry_;
  const Assignment* assignment_ = nullptr;  ///< the row's pair in the context, when assigned
  RubricColumns* last_columns_ = nullptr;   ///< rubric_of's last answer, for last_columns_kind_
  std::string last_columns_kind_;
  bool kind_checked_ = false;  ///< has_rubric's last answer, for checked_kind_
  bool kind_has_rubric_ = false;
  std::string checked_kind_;
  Diagnostics incomplete_;
  struct WithdrawnRows {
    int line = 0;
    int column = 0;
    int rows = 0;
  };
  std::map<std::string, WithdrawnRows> withdrawn_rows_;  ///< by judge id
  std::set<std::string> warned_absent_;                  ///< absent entrants already warned of
};

std::size_t error_count(const Diagnostics& report) {
  return static_cast<std::size_t>(
      std::count_if(report.items().begin(), report.items().end(),
                    [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

}  // namespace

namespace {

constexpr std::uint64_t packed_pair(std::uint32_t judge, std::uint32_t entry) {
  return (std::uint64_t{judge} << 32) | entry;
}

}  // namespace

ScoreIndex::ScoreIndex(const std::map<std::string, Entry>& entries,
                       const std::set<std::string>& judge_ids,
                       const std::vector<Assignment>& assigned) {
  add_ids(entries, judge_ids);
  add_pairs(assigned);
}

ScoreIndex::ScoreIndex(const std::map<std::string, Entry>& entries,
                       const std::set<std::string>& judge_ids,
                       const std::set<Assignment>& assigned) {
  add_ids(entries, judge_ids);
  add_pairs(assigned);
}

void ScoreIndex::add_ids(const std::map<std::string, Entry>& entries,
                         const std::set<std::string>& judge_ids) {
  entry_numbers_.reserve(entries.size());
  entries_.reserve(entries.size());
  for (const auto& [id, entry] : entries) {
    if (entry_numbers_.add(id) == entries_.size()) entries_.push_back(&entry);
  }
  judge_numbers_.reserve(judge_ids.size());
  for (const auto& id : judge_ids)
    if (judge_numbers_.add(id) == judges_.size()) judges_.push_back(true);
}

template <typename Pairs>
void ScoreIndex::add_pairs(const Pairs& assigned) {
  // Ids and pairs are in id order, so the pairs usually come out sorted by their numbers.
  std::vector<std::pair<std::uint64_t, KnownPair>> pairs;
  pairs.reserve(assigned.size());
  std::string_view last_judge;
  std::uint32_t judge = IdNumbering::kNone;
  for (const auto& pair : assigned) {
    if (judge == IdNumbering::kNone || pair.judge_id != last_judge) {
      last_judge = pair.judge_id;
      judge = judge_numbers_.add(pair.judge_id);
      if (judge == judges_.size()) judges_.push_back(false);
    }
    const std::uint32_t entry = entry_numbers_.add(pair.entry_id);
    if (entry == entries_.size()) entries_.push_back(nullptr);
    const Entry* known = judges_[judge] ? entries_[entry] : nullptr;
    pairs.emplace_back(packed_pair(judge, entry), KnownPair{&pair, known});
  }
  if (!std::is_sorted(pairs.begin(), pairs.end(),
                      [](const auto& a, const auto& b) { return a.first < b.first; }))
    std::sort(pairs.begin(), pairs.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
  first_pair_of_judge_.assign(judges_.size() + 1, 0);
  pair_entries_.reserve(pairs.size());
  pairs_.reserve(pairs.size());
  for (const auto& [key, known] : pairs) {
    ++first_pair_of_judge_[(key >> 32) + 1];
    pair_entries_.push_back(static_cast<std::uint32_t>(key));
    pairs_.push_back(known);
  }
  for (std::size_t j = 1; j < first_pair_of_judge_.size(); ++j)
    first_pair_of_judge_[j] += first_pair_of_judge_[j - 1];
}

const Entry* ScoreIndex::find_entry(std::string_view id) const {
  const std::uint32_t number = entry_numbers_.find(id);
  return number == IdNumbering::kNone ? nullptr : entries_[number];
}

bool ScoreIndex::has_judge(std::string_view id) const {
  const std::uint32_t number = judge_numbers_.find(id);
  return number != IdNumbering::kNone && judges_[number];
}

const ScoreIndex::KnownPair* ScoreIndex::find(std::string_view judge_id,
                                              std::string_view entry_id) const {
  const std::uint32_t judge = judge_numbers_.find(judge_id);
  if (judge == IdNumbering::kNone) return nullptr;
  const std::uint32_t entry = entry_numbers_.find(entry_id);
  if (entry == IdNumbering::kNone) return nullptr;
  const auto first = pair_entries_.begin() + first_pair_of_judge_[judge];
  const auto last = pair_entries_.begin() + first_pair_of_judge_[judge + 1];
  const auto it = std::lower_bound(first, last, entry);
  if (it == last || *it != entry) return nullptr;
  return &pairs_[static_cast<std::size_t>(it - pair_entries_.begin())];
}

const Assignment* ScoreIndex::find_pair(std::string_view judge_id,
                                        std::string_view entry_id) const {
  const KnownPair* known = find(judge_id, entry_id);
  return known ? known->pair : nullptr;
}

const ScoreIndex::KnownPair* ScoreIndex::find_known_pair(std::string_view judge_id,
                                                         std::string_view entry_id) const {
  const KnownPair* known = find(judge_id, entry_id);
  return known && known->entry ? known : nullptr;
}

ScoreProblem parse_score(std::string_view cell, double max, double step, double& value) {
  const std::string text = normalize_word(cell);
  if (!is_plain_decimal(text)) return ScoreProblem::NotANumber;
  std::string_view digits = text;
  if (digits.front() == '+') digits.remove_prefix(1);
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value,
                                         std::chars_format::fixed);
  if (ec != std::errc() || end != digits.data() + digits.size()) return ScoreProblem::NotANumber;
  if (value == 0) value = 0;  // -0 → 0
  if (value < 0 || value > max) return ScoreProblem::OutOfRange;
  if (step > 0) {
    const double steps = value / step;
    // Relative tolerance: only the rounding error of the division passes (28.0000000001 does not).
    if (std::fabs(steps - std::round(steps)) > 1e-12 * std::max(1.0, std::fabs(steps)))
      return ScoreProblem::NotAMultipleOfStep;
  }
  return ScoreProblem::None;
}

std::optional<bool> parse_recuse(std::string_view cell) {
  const std::string key = word_key(cell);
  for (const char* word : {"yes", "y", "true", "1", "是", "回避"})
    if (key == word) return true;
  for (const char* word : {"", "no", "n", "false", "0", "否"})
    if (key == word) return false;
  return std::nullopt;
}

std::vector<ImportedScore> import_scores(std::string_view bytes, const std::string& file,
                                         Encoding encoding, const ScoreContext& context,
                                         Diagnostics& report, const std::string& sheet) {
  return import_scores(decode_file(std::string(bytes), file, encoding, report, sheet), file,
                       context, report, sheet);
}

std::vector<ImportedScore> import_scores(const DecodedFile& decoded, const std::string& file,
                                         const ScoreContext& context, Diagnostics& report,
                                         const std::string& sheet) {
  const std::size_t errors_before = error_count(report);
  const auto records = read_records(decoded, file, report, CommentLines::Skipped, sheet);
  if (!records) return {};
  const auto header = find_header(*records, score_columns(), file, report);
  if (!header || !check_has_rows(*records, *header, file, report, "score rows")) return {};
  for (const Column id : {kJudgeId, kEntryId})
    warn_numeric_ids(*records, *header, id, file, report, "scores.numeric-id");
  SheetReader reader(context, *records, *header, file, report);
  if (header->has(kCriterion) != header->has(kScore)) {
    const Column present = header->has(kCriterion) ? kCriterion : kScore;
    report.error(file, header->line, cell_column(*header, present), "scores.long-layout",
                 i18n::tr("the long layout needs both a criterion and a score column"));
    return {};
  }
  if (header->has(kCriterion))
    warn_ignored_columns(*records, *header, file, report, "scores.unknown-column");
  std::vector<ImportedScore> scores =
      header->has(kCriterion) ? reader.read_long() : reader.read_wide();
  if (error_count(report) == errors_before) report.append(reader.incomplete_rows());
  return scores;
}

}  // namespace jury
