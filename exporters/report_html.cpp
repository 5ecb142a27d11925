#include "exporters/report_html.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "exporters/roster.hpp"
#include "exporters/roster_rows.hpp"
#include "exporters/svg_chart.hpp"
#include "judging/aggregation.hpp"
#include "judging/close_decisions.hpp"
#include "model/labels.hpp"

namespace jury {

namespace {

using roster_detail::format_fixed;

/// Print-first styling: A4 pages, sections never split inside a chart or a table row.
constexpr const char* kStyle = R"(
@page { size: A4; margin: 15mm 14mm; }
html { font-family: "Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "SimSun", sans-serif; font-size: 10pt; color: #000; background: #fff; }
body { max-width: 182mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 17pt; text-align: center; margin: 0 0 3mm; }
h2 { font-size: 13pt; border-bottom: 1.5px solid #000; padding-bottom: 1mm; margin: 6mm 0 2mm; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11pt; margin: 4mm 0 1mm; break-after: avoid; page-break-after: avoid; }
p { line-height: 1.6; margin: 1.5mm 0; }
.internal { text-align: center; font-weight: bold; border: 1.5px solid #000; padding: 1mm; }
.warning { font-weight: bold; border-left: 3px solid #000; padding-left: 2mm; }
.muted { color: #555; font-size: 9pt; }
svg.chart { display: block; width: 100%; height: auto; margin: 1mm 0 2mm; break-inside: avoid; page-break-inside: avoid; }
table { width: 100%; border-collapse: collapse; margin: 1mm 0 3mm; font-size: 9pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 0.75pt solid #555; padding: 0.8mm 1.5mm; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #eee; white-space: nowrap; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
td.num { text-align: right; white-space: nowrap; }
@media print { body { padding: 0; max-width: none; } }
)";

/// 评委宽严校正（severity）: the Chinese label with the config's spelling.
std::string method_with_id(Method method) {
  return method_label_zh(method) + "（" + std::string(to_string(method)) + "）";
}

std::string pool_name(const Config& config, const PoolReliability& pool) {
  PoolResult named;
  named.kind = pool.kind;
  named.group = pool.group;
  named.subject = pool.subject;
  return pool_label(config, named);
}

std::string outcome_label(const Config& config, const std::string& kind,
                          const std::optional<std::string>& outcome) {
  if (!outcome) return "无奖项";
  if (*outcome == kOutcomeOn) return "进入下一轮";
  return roster_detail::tier_label(config, kind, *outcome);
}

std::string tier_name(const Config& config, const std::string& kind,
                      const std::optional<std::string>& tier) {
  return tier ? roster_detail::tier_label(config, kind, *tier) : "未获奖";
}

std::string cell(std::string_view text) {
  return "<td>" + html_escape(text) + "</td>";
}
std::string number_cell(std::string_view text) {
  return "<td class=\"num\">" + html_escape(text) + "</td>";
}

std::string header_row(const std::vector<std::string>& labels) {
  std::string out = "<thead><tr>";
  for (const auto& label : labels) out += "<th>" + html_escape(label) + "</th>";
  return out + "</tr></thead>\n";
}

class ReportPage {
 public:
  explicit ReportPage(const CommitteeReport& input)
      : in_(input), config_(input.config), precision_(input.config.aggregation.precision) {
    for (const Entry& entry : input.entries) titles_.emplace(entry.id, entry.title);
  }

  std::string render() {
    head();
    distributions();
    severities();
    components();
    close_decisions();
    methods();
    out_ += "<p class=\"muted\">由 jury report --html 生成；同一数据生成的页面逐字节相同。</p>\n";
    out_ += "</body>\n</html>\n";
    return std::move(out_);
  }

 private:
  const CommitteeReport& in_;
  const Config& config_;
  int precision_;
  std::map<std::string, std::string> titles_;
  std::string out_;

  void head() {
    std::string title = config_.competition_name;
    if (config_.year > 0) title += fmt::format("（{}年）", config_.year);
    title += "评审质量报告";
    out_ += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
            html_escape(title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
    out_ += "<h1>" + html_escape(title) + "</h1>\n";
    out_ += "<p class=\"internal\">内部资料 · 仅供评审委员会使用 · 含评委编号，不得公开</p>\n";
    std::string facts;
    if (config_.staged()) facts += "轮次：" + config_.rounds[in_.round].label + "；";
    int ranked = 0;
    for (const PoolReliability& pool : in_.report.pools) ranked += pool.entries;
    std::set<std::string> judges;
    for (const JudgeReliability& judge : in_.report.judges) judges.insert(judge.judge_id);
    facts += fmt::format("计分方法：{}；参与排名作品 {} 件；评分评委 {} 人；临界系数 {}。",
                         method_with_id(in_.report.method), ranked, judges.size(),
                         roster_detail::format_plain(config_.aggregation.close));
    out_ += "<p>" + html_escape(facts) + "</p>\n";
  }

  // ------------------------------------------------------------ (1) score distribution

  void distributions() {
    out_ += "<h2>一、成绩分布</h2>\n";
    out_ +=
        "<p class=\"muted\">每个评奖组参与排名作品的成绩（四舍五入后）：最低、下四分位、中位数、"
        "上四分位、最高；ICC(1) 为评委总分的组内相关系数（越接近 1，评委越一致）。</p>\n";
    for (const PoolReliability& pool : in_.report.pools) {
      out_ += "<h3>" + html_escape(pool_name(config_, pool)) + "</h3>\n";
      std::string line = fmt::format("参与排名 {} 件", pool.entries);
      if (pool.scores)
        line += fmt::format("；成绩 {} / {} / {} / {} / {}", fixed(pool.scores->min),
                            fixed(pool.scores->q1), fixed(pool.scores->median),
                            fixed(pool.scores->q3), fixed(pool.scores->max));
      line += "；ICC(1) " + (pool.icc ? format_fixed(*pool.icc, 3) : std::string("无法计算"));
      out_ += "<p>" + html_escape(line) + "</p>\n";
      if (pool.ranked_scores.empty()) continue;
      const auto [low, high] =
          std::minmax_element(pool.ranked_scores.begin(), pool.ranked_scores.end());
      const double width = svg::histogram_bin_width(*high - *low);
      out_ += svg::histogram_chart(svg::histogram_of(pool.ranked_scores, width), svg::ChartBox{});
      out_ += "<p class=\"muted\">横轴：成绩（组距 " + roster_detail::format_plain(width) +
              " 分，含下限不含上限）；纵轴：作品数。</p>\n";
    }
  }

  std::string fixed(double value) const { return format_fixed(value, precision_); }

  /// A boundary is the mean of two scores of `precision` decimals: exact with one more.
  std::string boundary_text(double value) const {
    std::string text = format_fixed(value, precision_ + 1);
    if (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
    return text;
  }

  // ------------------------------------------------------------ (2) judge severities

  void severities() {
    out_ += "<h2>二、评委宽严度</h2>\n";
    std::string note =
        "宽严度 b_j 由评委宽严校正模型估计（负值为偏严，正值为偏宽），误差线为 ±1 个标准误"
        "；同一连通部分内的评委才可相互比较。";
    if (in_.report.method != Method::Severity)
      note += "本轮计分方法为" + method_with_id(in_.report.method) +
              "，排名不使用宽严度；此处仍按宽严校正模型估计，供评审委员会参考。";
    out_ += "<p class=\"muted\">" + html_escape(note) + "</p>\n";
    for (const Kind& kind : config_.kinds) {
      std::vector<const JudgeReliability*> judges;
      for (const JudgeReliability& judge : in_.report.judges)
        if (judge.kind == kind.id) judges.push_back(&judge);
      if (judges.empty()) continue;
      out_ += "<h3>" + html_escape(kind.label) + "</h3>\n";
      std::vector<svg::Estimate> estimates;
      for (const JudgeReliability* judge : judges)
        estimates.push_back({judge->judge_id, judge->severity, judge->severity_error});
      svg::ChartBox box;
      box.left = 60;
      out_ += svg::dot_error_chart(estimates, box);
      out_ += "<table>\n" + header_row({"评委", "评分数", "平均总分", "宽严度", "标准误"}) +
              "<tbody>\n";
      for (const JudgeReliability* judge : judges)
        out_ += "<tr>" + cell(judge->judge_id) + number_cell(std::to_string(judge->load)) +
                number_cell(format_fixed(judge->mean_total, 2)) +
                number_cell(fmt::format("{:+.2f}", judge->severity)) +
                number_cell(format_fixed(judge->severity_error, 2)) + "</tr>\n";
      out_ += "</tbody>\n</table>\n";
    }
  }

  // ------------------------------------------------------------ (3) components

  void components() {
    out_ += "<h2>三、评委–作品关系图的连通部分</h2>\n";
    out_ +=
        "<p class=\"muted\">评过同一作品的评委相连。宽严校正只能在同一连通部分内比较作品；"
        "一个评奖组应只有一个连通部分。</p>\n";
    out_ +=
        "<table>\n" + header_row({"评奖组", "连通部分", "各部分规模（作品 / 评委）"}) + "<tbody>\n";
    for (const PoolReliability& pool : in_.report.pools) {
      std::vector<std::string> sizes;
      for (const ComponentSize& size : pool.component_sizes)
        sizes.push_back(fmt::format("{} 件 / {} 人", size.entries, size.judges));
      out_ += "<tr>" + cell(pool_name(config_, pool)) +
              number_cell(std::to_string(pool.components)) +
              cell(roster_detail::join(sizes, "；")) + "</tr>\n";
    }
    out_ += "</tbody>\n</table>\n";
    for (const PoolReliability& pool : in_.report.pools) {
      if (pool.components <= 1) continue;
      out_ += "<p class=\"warning\">" +
              html_escape(fmt::format("警告：{} 的评委–作品关系图分为 {} 个互不相连的部分，"
                                      "各部分之间的成绩不可按宽严校正比较。",
                                      pool_name(config_, pool), pool.components)) +
              "</p>\n";
      std::vector<svg::Bar> bars;
      for (std::size_t c = 0; c < pool.component_sizes.size(); ++c)
        bars.push_back({fmt::format("第{}部分", c + 1),
                        static_cast<double>(pool.component_sizes[c].entries),
                        fmt::format("{} 件", pool.component_sizes[c].entries)});
      svg::ChartBox box;
      box.height = 110;
      out_ += svg::bar_chart(bars, box);
    }
  }

  // ------------------------------------------------------------ (4) close decisions

  const PoolResult* results_pool(const PoolReliability& pool) const {
    for (const PoolResult& candidate : in_.results.pools)
      if (candidate.kind == pool.kind && candidate.group == pool.group &&
          candidate.subject == pool.subject)
        return &candidate;
    return nullptr;
  }

  void close_decisions() {
    out_ += "<h2>四、临界判定</h2>\n";
    out_ += "<p class=\"muted\">" +
            html_escape(fmt::format(
                "排名相邻、结果不同的两件作品成绩的平均值为一条边界；成绩与某条边界之差小于 {} "
                "个标准误的作品标记为临界（close），其结果很可能是相邻的另一种。标准误 SE = σ / "
                "√评分数。",
                roster_detail::format_plain(config_.aggregation.close))) +
            "</p>\n";
    for (const PoolReliability& pool : in_.report.pools) {
      const PoolResult* results = results_pool(pool);
      if (!results) continue;
      close_table(pool, shown_places(config_, in_.results, *results, in_.round));
    }
  }

  void close_table(const PoolReliability& pool, const std::vector<ShownPlace>& places) {
    std::vector<BoundaryPlace> boundary_places;
    for (const ShownPlace& shown : places) boundary_places.push_back(shown.place);
    const std::vector<std::optional<double>> boundaries = nearest_boundaries(boundary_places);
    std::string rows;
    int count = 0;
    for (std::size_t i = 0; i < places.size(); ++i) {
      if (!places[i].close || !boundaries[i]) continue;
      ++count;
      const auto se = in_.report.standard_errors.find(places[i].entry_id);
      const double distance = std::abs(places[i].place.score - *boundaries[i]);
      const auto title = titles_.find(places[i].entry_id);
      rows +=
          "<tr>" + cell(places[i].entry_id) + cell(title == titles_.end() ? "" : title->second) +
          number_cell(fixed(places[i].place.score)) + number_cell(boundary_text(*boundaries[i])) +
          number_cell(se == in_.report.standard_errors.end() ? "" : format_fixed(se->second, 2)) +
          number_cell(se == in_.report.standard_errors.end() || se->second <= 0
                          ? ""
                          : format_fixed(distance / se->second, 2)) +
          cell(outcome_label(config_, pool.kind, places[i].place.outcome)) + "</tr>\n";
    }
    out_ += "<h3>" + html_escape(pool_name(config_, pool)) +
            html_escape(fmt::format("：临界作品 {} 件", count)) + "</h3>\n";
    if (count == 0) return;
    out_ += "<table>\n" +
            header_row(
                {"作品编号", "作品名称", "成绩", "边界", "标准误", "|成绩−边界|/标准误", "结果"}) +
            "<tbody>\n" + rows + "</tbody>\n</table>\n";
  }

  // ------------------------------------------------------------ (5) methods

  void methods() {
    out_ += "<h2>五、各计分方法下的奖项</h2>\n";
    out_ +=
        "<p class=\"muted\">" +
        html_escape("同一批评分按每种计分方法重新排名、评奖：各奖项的作品数，以及奖项与当前方法（" +
                    method_with_id(in_.report.method) + "）不同的作品数。") +
        "</p>\n";
    for (const Kind& kind : config_.kinds) method_table(kind);
    change_lists();
  }

  /// The tier counts of `kind` under every method, in registry order.
  void method_table(const Kind& kind) {
    std::vector<std::string> header{"计分方法"};
    for (const TierCount& count : in_.report.tiers)
      if (count.kind == kind.id) header.push_back(tier_name(config_, kind.id, count.tier));
    if (header.size() == 1) return;
    header.push_back("奖项不同");
    out_ +=
        "<h3>" + html_escape(kind.label) + "</h3>\n<table>\n" + header_row(header) + "<tbody>\n";
    for (const AggregationMethodInfo& info : aggregation_methods()) {
      const bool configured = info.method == in_.report.method;
      const MethodComparison* other = comparison(info.method);
      const std::vector<TierCount>& counts = configured ? in_.report.tiers : other->tiers;
      out_ += "<tr>" + cell(method_with_id(info.method) + (configured ? "（当前）" : ""));
      for (const TierCount& count : counts)
        if (count.kind == kind.id) out_ += number_cell(std::to_string(count.entries));
      std::size_t changed = 0;
      if (!configured)
        for (const TierChange& change : other->changes) changed += change.kind == kind.id;
      out_ += number_cell(configured ? "—" : std::to_string(changed)) + "</tr>\n";
    }
    out_ += "</tbody>\n</table>\n";
  }

  const MethodComparison* comparison(Method method) const {
    for (const MethodComparison& m : in_.report.methods)
      if (m.method == method) return &m;
    return nullptr;
  }

  /// Per other method, the entries whose tier it changes: 编号 当前奖项→该方法奖项.
  void change_lists() {
    for (const MethodComparison& m : in_.report.methods) {
      if (m.changes.empty()) continue;
      std::vector<std::string> items;
      for (const TierChange& c : m.changes)
        items.push_back(c.entry_id + " " + tier_name(config_, c.kind, c.configured_tier) + "→" +
                        tier_name(config_, c.kind, c.other_tier));
      out_ += "<p>" +
              html_escape(fmt::format("按{}，奖项改变的作品 {} 件：{}", method_with_id(m.method),
                                      m.changes.size(), roster_detail::join(items, "；"))) +
              "</p>\n";
    }
  }
};

}  // namespace

std::string report_html(const CommitteeReport& input) {
  return ReportPage(input).render();
}

}  // namespace jury
