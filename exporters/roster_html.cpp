#include <map>

#include <fmt/format.h>

#include "exporters/print_page.hpp"
#include "exporters/roster.hpp"
#include "exporters/roster_rows.hpp"
#include "exporters/tie_notes.hpp"
#include "judging/session_times.hpp"

namespace jury {

std::string html_escape(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        escaped += "&amp;";
        break;
      case '<':
        escaped += "&lt;";
        break;
      case '>':
        escaped += "&gt;";
        break;
      case '"':
        escaped += "&quot;";
        break;
      case '\'':
        escaped += "&#39;";
        break;
      default:
        escaped += c;
    }
  }
  return escaped;
}

namespace {

using roster_detail::RosterRow;

/// What the roster adds to the shared A4 print style (print_page): one kind per page run, the
/// notice's blanks and signature, the muted part without a prize, the tie notes.
constexpr const char* kStyle = R"(
h4 .count { font-weight: normal; font-size: 9.5pt; color: #444; }
.internal { text-indent: 0; text-align: center; font-weight: bold; border: 1.5px solid #000; padding: 1mm; }
.blank { white-space: nowrap; }
.signature { text-align: right; text-indent: 0; margin-top: 8mm; }
section.kind + section.kind { break-before: page; page-break-before: always; }
td.rank .tie { display: block; font-size: 8pt; color: #444; }
td.names span, td.tier, td.flags span { white-space: nowrap; }
table.internal { font-size: 9pt; }
table.internal th, table.internal td { padding: 0.8mm 1.2mm; }
.unawarded, .unawarded h4 { color: #666; }
.unawarded th { background: #f6f6f6; }
.notes { font-size: 9.5pt; margin: 1mm 0 3mm; }
.notes p { text-indent: 0; margin: 0; }
.notes ol { margin: 0.5mm 0 0; padding-left: 2em; line-height: 1.6; }
)";

/// A place the clerk fills in by hand on the printed notice (SPEC §16: what `publication` leaves
/// unset); visible on screen, on paper and in the text of a PDF.
constexpr const char* kBlank = "<span class=\"blank\">＿＿＿＿</span>";
constexpr const char* kBlankDate =
    "<span class=\"blank\">＿＿＿＿</span>年<span class=\"blank\">＿＿</span>月"
    "<span class=\"blank\">＿＿</span>日";

/// 2021年5月10日: the date as a notice writes it.
std::string chinese_date(std::int64_t days) {
  const LocalDate date = local_date(days);
  return fmt::format("{}年{}月{}日", date.year, date.month, date.day);
}

/// SPEC §16: the notice's period — its days, first and last day —, blanks for what is unset.
struct NoticeDates {
  std::string days = kBlank;
  std::string from = kBlank;
  std::string to = kBlank;
};

NoticeDates notice_dates(const Publication& publication) {
  NoticeDates dates;
  if (publication.notice_days) dates.days = std::to_string(*publication.notice_days);
  if (!publication.issued) return dates;
  const std::optional<std::int64_t> first = parse_local_date(*publication.issued);
  if (!first) return dates;  // the config reader refuses such a date
  dates.from = chinese_date(*first);
  if (publication.notice_days)  // the last of N days counted from the first
    dates.to = chinese_date(*first + *publication.notice_days - 1);
  return dates;
}

/// What follows the competition's name in the title: （2021年）获奖名单公示.
std::string title_tail(const Config& config) {
  if (config.year <= 0) return "获奖名单公示";
  return fmt::format("（{}年）获奖名单公示", config.year);
}

class HtmlRoster {
 public:
  HtmlRoster(const Config& config, bool is_public, bool staged)
      : config_(config), public_(is_public), staged_(staged) {}

  std::string render(const std::vector<const PoolResult*>& pools,
                     const std::vector<RosterRow>& rows) {
    if (public_) {
      out_ += "<p>经评审委员会评审，现将获奖作品名单公示如下。</p>\n";
    } else {
      out_ += "<p class=\"internal\">内部审核稿：含得分与标记，不得对外公布</p>\n";
    }
    render_kinds(pools, rows);
    if (public_) render_notice();
    return html_page(config_.competition_name, title_tail(config_), kStyle, out_);
  }

 private:
  /// Every pool, also one whose rows the public page leaves out (it then says so).
  void render_kinds(const std::vector<const PoolResult*>& pools,
                    const std::vector<RosterRow>& rows) {
    std::size_t p = 0;
    while (p < pools.size()) {
      const std::string& kind = pools[p]->kind;
      out_ += "<section class=\"kind\">\n<h2>" +
              html_escape(roster_detail::kind_label(config_, kind)) + "</h2>\n";
      render_recommendation(kind);
      for (; p < pools.size() && pools[p]->kind == kind; ++p) {
        std::vector<RosterRow> pool_rows;
        for (const RosterRow& row : rows)
          if (row.pool == pools[p]) pool_rows.push_back(row);
        render_pool(*pools[p], pool_rows);
      }
      out_ += "</section>\n";
    }
  }

  void render_pool(const PoolResult& pool, const std::vector<RosterRow>& rows) {
    out_ += "<div class=\"pool\">\n";
    std::vector<std::string> names;
    if (pool.group) names.push_back(roster_detail::group_label(config_, *pool.group));
    if (pool.subject) names.push_back(roster_detail::subject_label(config_, *pool.subject));
    if (!names.empty()) out_ += "<h3>" + html_escape(roster_detail::join(names, " · ")) + "</h3>\n";
    const roster_detail::RankCounts rank_counts = roster_detail::rank_counts(pool);
    bool any_shown = false;
    for (const Tier& tier : tiers_of(pool.kind)) {
      std::vector<RosterRow> winners;
      for (const RosterRow& row : rows)
        if (row.result->tier == tier.id) winners.push_back(row);
      if (winners.empty()) continue;
      any_shown = true;
      out_ += fmt::format("<h4>{} <span class=\"count\">（{} 项）</span></h4>\n",
                          html_escape(tier.label), winners.size());
      render_table(winners, rank_counts);
    }
    std::vector<RosterRow> others;
    for (const RosterRow& row : rows)
      if (!row.result->tier) others.push_back(row);
    if (!public_ && !others.empty()) {
      any_shown = true;
      out_ += fmt::format(
          "<div class=\"unawarded\">\n<h4>未获奖 <span class=\"count\">（{} 项）</span></h4>\n",
          others.size());
      render_table(others, rank_counts);
      out_ += "</div>\n";
    }
    if (!any_shown) out_ += "<p class=\"muted\">本组无获奖作品。</p>\n";
    render_tie_notes(pool);
    out_ += "</div>\n";
  }

  /// SPEC §12: what 推荐 in the tables means for the kind.
  void render_recommendation(const std::string& kind) {
    const auto policy = config_.awards.find(kind);
    if (!staged_ || policy == config_.awards.end() || !policy->second.recommend) return;
    out_ += "<p class=\"muted\">推荐：" + html_escape(policy->second.recommend->label) + "</p>\n";
  }

  /// SPEC §9: under the pool's tables, in plain words, where a tie-break criterion decided
  /// between equal scores and where a shared tie moved places to the next tier.
  void render_tie_notes(const PoolResult& pool) {
    const std::vector<std::string> notes = roster_detail::tie_notes(config_, pool, public_);
    if (notes.empty()) return;
    out_ += "<div class=\"notes\">\n<p>说明：</p>\n<ol>\n";
    for (const std::string& note : notes) out_ += "<li>" + html_escape(note) + "</li>\n";
    out_ += "</ol>\n</div>\n";
  }

  const std::vector<Tier>& tiers_of(const std::string& kind) const {
    static const std::vector<Tier> none;
    const auto policy = config_.awards.find(kind);
    return policy == config_.awards.end() ? none : policy->second.tiers;
  }

  void render_table(const std::vector<RosterRow>& rows,
                    const roster_detail::RankCounts& rank_counts) {
    const bool authors =
        !rows.empty() && roster_detail::authored_by_advisors(config_, rows.front().pool->kind);
    const std::vector<Column> columns = this->columns(authors);
    out_ += public_ ? "<table>\n<colgroup>" : "<table class=\"internal\">\n<colgroup>";
    for (const Column& column : columns)
      out_ += column.width ? fmt::format("<col style=\"width:{}%\">", column.width)
                           : std::string("<col>");
    out_ += "</colgroup>\n<thead><tr>";
    for (const Column& column : columns) out_ += fmt::format("<th>{}</th>", column.header);
    out_ += "</tr></thead>\n<tbody>\n";
    for (const RosterRow& row : rows) render_row(row, rank_counts, authors);
    out_ += "</tbody>\n</table>\n";
  }

  void render_row(const RosterRow& row, const roster_detail::RankCounts& rank_counts,
                  bool authors) {
    const Entry& entry = *row.entry;
    const EntryResult& result = *row.result;
    const auto cell = [this](std::string_view text, const char* css_class = nullptr) {
      out_ += css_class ? fmt::format("<td class=\"{}\">", css_class) : std::string("<td>");
      out_ += html_escape(text) + "</td>";
    };
    out_ += "<tr>";
    out_ += "<td class=\"rank\">" + rank_html(result, rank_counts) + "</td>";
    cell(entry.id, "id");
    cell(entry.title);
    cell(entry.school);
    if (!authors) out_ += names_cell(entry.students);
    out_ += names_cell(entry.advisors);  // 作者 of an advisor entry
    cell(result.tier ? roster_detail::tier_label(config_, row.pool->kind, *result.tier) : "—",
         "tier");
    if (staged_) {
      cell(roster_detail::reached_label(config_, result));
      cell(result.recommended ? "推荐" : "—");  // the label is under the kind's heading
    }
    if (!public_) {
      cell(result.score ? roster_detail::format_fixed(*result.score, config_.aggregation.precision)
                        : "—",
           "num");
      std::vector<std::string> flags;
      for (const std::string& flag : result.flags) flags.push_back(roster_detail::flag_label(flag));
      out_ += names_cell(flags, "flags");
    }
    out_ += "</tr>\n";
  }

  /// Names (or flags) joined by 、, each kept whole on its line: a printed notice breaks a cell's
  /// lines between names, never inside one (古丽米热·艾比布力 stays on one line).
  static std::string names_cell(const std::vector<std::string>& names,
                                const char* css_class = "names") {
    std::string cell = fmt::format("<td class=\"{}\">", css_class);
    for (std::size_t i = 0; i < names.size(); ++i)  // the 、 ends its name's line, never starts one
      cell += "<span>" + html_escape(names[i]) + (i + 1 < names.size() ? "、" : "") + "</span>";
    return cell + "</td>";
  }

  /// A shared place shows `并列` (above the rank, so a narrow column holds it) and the rank on
  /// every member of the tie group (SPEC §7).
  static std::string rank_html(const EntryResult& result,
                               const roster_detail::RankCounts& rank_counts) {
    if (!result.rank) return "—";
    const auto count = rank_counts.find({result.round, *result.rank});
    const bool shared = count != rank_counts.end() && count->second > 1;
    return (shared ? std::string("<span class=\"tie\">并列</span> ") : std::string()) +
           std::to_string(*result.rank);
  }

  /// SPEC §16: the period, contact, phone, address and date from `publication`; what it leaves
  /// unset is a visible blank to be written by hand.
  void render_notice() {
    const Publication& publication = config_.publication;
    const auto filled = [](const std::optional<std::string>& value) {
      return value ? html_escape(*value) : std::string(kBlank);
    };
    const NoticeDates dates = notice_dates(publication);
    out_ += "<section class=\"notice\">\n<h2>公示说明</h2>\n";
    out_ += fmt::format(
        "<p>公示期为 {} 天（自 {} 至 {}）。对公示结果如有异议，请在公示期内以书面形式实名向大赛"
        "组委会办公室提出，并提供必要的证明材料；逾期不予受理。</p>\n",
        dates.days, dates.from, dates.to);
    out_ += fmt::format("<p>联系人：{}　联系电话：{}</p>\n<p>地址：{}</p>\n",
                        filled(publication.contact), filled(publication.phone),
                        filled(publication.address));
    out_ += "<p class=\"signature\">" + html_escape(config_.competition_name) + "组委会<br>" +
            (publication.issued ? dates.from : std::string(kBlankDate)) + "</p>\n</section>\n";
  }

  /// A column of the tables: its header and its share of the page width in % (0: the rest).
  struct Column {
    const char* header;
    int width;
  };

  /// Fixed column widths so that every table of the page lines up: rank, id, title, school,
  /// students and advisors — one 作者 column of both widths for an advisor kind, whose people are
  /// its authors —, tier, then the round reached and the recommendation (SPEC §12), then score
  /// and flags (not public). The tier column holds a three-character label (一等奖) on one line;
  /// in the internal roster's smaller type (table.internal) the 指导教师 header fits its column
  /// and the flags column a six-character flag (评委分歧较大) on one line.
  std::vector<Column> columns(bool authors) const {
    std::vector<int> widths;
    if (staged_)
      widths = public_ ? std::vector<int>{6, 12, 0, 13, 10, 9, 8, 12, 6}
                       : std::vector<int>{6, 11, 0, 9, 8, 9, 7, 10, 6, 7, 13};
    else
      widths = public_ ? std::vector<int>{8, 12, 0, 18, 13, 12, 8}
                       : std::vector<int>{7, 11, 0, 12, 10, 10, 8, 7, 13};
    std::vector<Column> columns{
        {"名次", widths[0]}, {"作品编号", widths[1]}, {"作品名称", 0}, {"学校", widths[3]}};
    if (authors)
      columns.push_back({"作者", widths[4] + widths[5]});
    else
      columns.insert(columns.end(), {{"学生", widths[4]}, {"指导教师", widths[5]}});
    columns.push_back({"奖项", widths[6]});
    std::size_t next = 7;
    if (staged_) {
      columns.push_back({"评审阶段", widths[next++]});
      columns.push_back({"推荐", widths[next++]});
    }
    if (!public_) {
      columns.push_back({"得分", widths[next++]});
      columns.push_back({"标记", widths[next++]});
    }
    return columns;
  }

  const Config& config_;
  bool public_;
  bool staged_;
  std::string out_;
};

}  // namespace

std::string roster_html(const Config& config, const std::vector<Entry>& entries,
                        const Results& results, Audience audience) {
  const bool is_public = audience == Audience::Public;
  return HtmlRoster(config, is_public, results.staged)
      .render(roster_detail::ordered_pools(config, results),
              roster_detail::roster_rows(config, entries, results, is_public));
}

}  // namespace jury
