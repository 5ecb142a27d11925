#include "exporters/stats.hpp"

#include <algorithm>
#include <map>
#include <memory>

#include <unicode/coll.h>
#include <unicode/locid.h>

#include "exporters/csv_writer.hpp"
#include "exporters/print_page.hpp"
#include "exporters/roster.hpp"
#include "exporters/roster_rows.hpp"
#include "model/text.hpp"

namespace jury {

namespace {

using roster_detail::RosterRow;

constexpr const char* kNoDistrict = "未填县市区";

/// The counts of one (school or district, kind) or of a whole column of rows.
struct Counts {
  int entries = 0;
  int ranked = 0;
  std::vector<int> tiers;  ///< per tier label column
  int awarded = 0;
  int recommended = 0;

  void add(const Counts& other) {
    entries += other.entries;
    ranked += other.ranked;
    tiers.resize(std::max(tiers.size(), other.tiers.size()));
    for (std::size_t t = 0; t < other.tiers.size(); ++t) tiers[t] += other.tiers[t];
    awarded += other.awarded;
    recommended += other.recommended;
  }
};

/// One school or district: its name as first met, and its counts per kind index.
struct Unit {
  std::string name;
  std::map<int, Counts> kinds;
};

/// The tier label columns: every kind's tier labels, in kind order then tier order, each once.
std::vector<std::string> tier_columns(const Config& config) {
  std::vector<std::string> labels;
  for (const Kind& kind : config.kinds) {
    const auto policy = config.awards.find(kind.id);
    if (policy == config.awards.end()) continue;
    for (const Tier& tier : policy->second.tiers)
      if (std::find(labels.begin(), labels.end(), tier.label) == labels.end())
        labels.push_back(tier.label);
  }
  return labels;
}

std::size_t column_of(const std::vector<std::string>& labels, const std::string& label) {
  return static_cast<std::size_t>(std::find(labels.begin(), labels.end(), label) - labels.begin());
}

Counts counts_of(const Config& config, const RosterRow& row,
                 const std::vector<std::string>& labels) {
  Counts counts;
  counts.entries = 1;
  counts.ranked = row.result->rank ? 1 : 0;
  counts.tiers.assign(labels.size(), 0);
  if (row.result->tier) {
    counts.awarded = 1;
    ++counts.tiers[column_of(labels,
                             roster_detail::tier_label(config, row.pool->kind, *row.result->tier))];
  }
  counts.recommended = row.result->recommended ? 1 : 0;
  return counts;
}

/// Chinese order (ICU's zh collation: pinyin) with byte order between equal names; byte order
/// alone when ICU has no collator.
class ChineseOrder {
 public:
  ChineseOrder() {
    UErrorCode status = U_ZERO_ERROR;
    collator_.reset(icu::Collator::createInstance(icu::Locale::getChinese(), status));
    if (U_FAILURE(status)) collator_.reset();
  }
  bool operator()(const std::string& a, const std::string& b) const {
    if (collator_) {
      UErrorCode status = U_ZERO_ERROR;
      const UCollationResult order = collator_->compareUTF8(a, b, status);
      if (U_SUCCESS(status) && order != UCOL_EQUAL) return order == UCOL_LESS;
    }
    return a < b;
  }

 private:
  std::unique_ptr<icu::Collator> collator_;
};

class StatsBuilder {
 public:
  StatsBuilder(const Config& config) : config_(config), labels_(tier_columns(config)) {}

  void add(const RosterRow& row) {
    const Counts counts = counts_of(config_, row, labels_);
    const int kind = config_.kind_index(row.pool->kind);
    add_to(schools_, row.entry->school, kind, counts);
    add_to(districts_, row.entry->district, kind, counts);
    add_to(overall_, "全部", kind, counts);
  }

  TableBook book() const {
    TableBook book{
        config_.competition_name + " 获奖统计", config_.year, config_.aggregation.precision, {}};
    book.sheets.push_back(sheet("按学校", "学校", schools_));
    book.sheets.push_back(sheet("按县市区", "县市区", districts_));
    book.sheets.push_back(sheet("全部", "名称", overall_));
    return book;
  }

 private:
  using Units = std::map<std::string, Unit>;  ///< by fold_key of the name

  static void add_to(Units& units, const std::string& name, int kind, const Counts& counts) {
    Unit& unit = units[fold_key(name)];
    if (unit.kinds.empty()) unit.name = name;
    unit.kinds[kind].add(counts);
  }

  TableSheet sheet(const std::string& title, const std::string& name_header,
                   const Units& units) const {
    TableSheet sheet{title, columns(name_header), {}};
    for (const Unit* unit : ordered(units)) {
      Counts total;
      total.tiers.assign(labels_.size(), 0);
      const std::string name = unit->name.empty() ? kNoDistrict : unit->name;
      for (const auto& [kind, counts] : unit->kinds) {
        sheet.rows.push_back(cells(name, &config_.kinds[static_cast<std::size_t>(kind)], counts));
        total.add(counts);
      }
      sheet.rows.push_back(cells(name, nullptr, total));
    }
    return sheet;
  }

  std::vector<TableColumn> columns(const std::string& name_header) const {
    std::vector<TableColumn> columns{
        {name_header, 26}, {"类别", 16}, {"参赛作品", 9}, {"排名作品", 9}};
    for (const std::string& label : labels_) columns.push_back({label, 8});
    columns.insert(columns.end(), {{"获奖作品", 9}, {"推荐作品", 9}});
    return columns;
  }

  /// A row of a kind (`kind` set: tier labels the kind lacks stay empty) or the 合计 row.
  std::vector<TableCell> cells(const std::string& name, const Kind* kind,
                               const Counts& counts) const {
    std::vector<TableCell> row{
        TableCell::of_text(name), TableCell::of_text(kind ? kind->label : "合计"),
        TableCell::of_integer(counts.entries), TableCell::of_integer(counts.ranked)};
    for (std::size_t t = 0; t < labels_.size(); ++t)
      row.push_back(kind && !has_tier_label(kind->id, labels_[t])
                        ? TableCell{}
                        : TableCell::of_integer(counts.tiers[t]));
    row.push_back(TableCell::of_integer(counts.awarded));
    row.push_back(TableCell::of_integer(counts.recommended));
    return row;
  }

  bool has_tier_label(const std::string& kind_id, const std::string& label) const {
    const auto policy = config_.awards.find(kind_id);
    if (policy == config_.awards.end()) return false;
    return std::any_of(policy->second.tiers.begin(), policy->second.tiers.end(),
                       [&](const Tier& tier) { return tier.label == label; });
  }

  /// Chinese order of the names; the unnamed (no district) last.
  static std::vector<const Unit*> ordered(const Units& units) {
    std::vector<const Unit*> ordered;
    for (const auto& [key, unit] : units) ordered.push_back(&unit);
    const ChineseOrder less;
    std::stable_sort(ordered.begin(), ordered.end(), [&](const Unit* a, const Unit* b) {
      if (a->name.empty() != b->name.empty()) return b->name.empty();
      return less(a->name, b->name);
    });
    return ordered;
  }

  const Config& config_;
  std::vector<std::string> labels_;
  Units schools_, districts_, overall_;
};

}  // namespace

TableBook stats_book(const Config& config, const std::vector<Entry>& entries,
                     const Results& decided) {
  StatsBuilder builder(config);
  for (const RosterRow& row : roster_detail::roster_rows(config, entries, decided, false))
    builder.add(row);
  return builder.book();
}

std::string stats_csv(const TableBook& book) {
  TableSheet flat{"统计", {{"统计口径", 8}}, {}};
  if (!book.sheets.empty()) {
    flat.columns.insert(flat.columns.end(), book.sheets.front().columns.begin(),
                        book.sheets.front().columns.end());
    flat.columns[1].header = "名称";
  }
  for (const TableSheet& sheet : book.sheets) {
    // 按学校 → 学校, 按县市区 → 县市区, 全部 as it is
    const std::string scope = sheet.name.starts_with("按") ? sheet.name.substr(3) : sheet.name;
    for (const auto& row : sheet.rows) {
      flat.rows.push_back({TableCell::of_text(scope)});
      flat.rows.back().insert(flat.rows.back().end(), row.begin(), row.end());
    }
  }
  return table_csv(flat, book.score_decimals);
}

std::string stats_html(const Config& config, const TableBook& book) {
  std::string body;
  for (const TableSheet& sheet : book.sheets) {
    body += "<section class=\"stats\">\n<h2>" + html_escape(sheet.name) + "</h2>\n";
    body += table_html(sheet, book.score_decimals);
    body += "</section>\n";
  }
  static constexpr const char* kStatsStyle =
      "table td:nth-child(n+3), table th:nth-child(n+3) { text-align: right; }\n";
  return html_page(config.competition_name, " 获奖统计", kStatsStyle, body);
}

}  // namespace jury
