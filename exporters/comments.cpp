#include "exporters/comments.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "exporters/print_page.hpp"
#include "exporters/roster.hpp"
#include "exporters/roster_rows.hpp"
#include "exporters/table.hpp"
#include "model/text.hpp"

namespace jury {

std::uint64_t judge_order_key(std::string_view entry_id, std::string_view judge_id) {
  constexpr std::uint64_t kOffset = 14695981039346656037ULL;
  constexpr std::uint64_t kPrime = 1099511628211ULL;
  std::uint64_t hash = kOffset;
  const auto mix = [&](std::string_view bytes) {
    for (const char c : bytes) {
      hash ^= static_cast<unsigned char>(c);
      hash *= kPrime;
    }
  };
  mix(entry_id);
  mix("\n");
  mix(judge_id);
  // FNV-1a alone barely mixes the last bytes into the high bits, so ids differing in their last
  // digit would keep (or reverse) their order: MurmurHash3's fmix64 finaliser spreads them.
  hash ^= hash >> 33;
  hash *= 0xff51afd7ed558ccdULL;
  hash ^= hash >> 33;
  hash *= 0xc4ceb9fe1a85ec53ULL;
  hash ^= hash >> 33;
  return hash;
}

namespace {

/// A comment before the numbering: round index and who wrote it.
struct RawComment {
  std::size_t round = 0;
  std::string judge_id;
  std::string text;
};

std::string round_label(const Config& config, const std::string& round_id) {
  const int index = config.round_index(round_id);
  return index < 0 ? round_id : config.rounds[static_cast<std::size_t>(index)].label;
}

/// Numbers the entry's judges (see entry_comments) and forgets who they are.
std::vector<AnonymousComment> anonymise(const Config& config, const std::string& entry_id,
                                        const std::vector<RoundScores>& scores,
                                        std::vector<RawComment> raw) {
  std::map<std::string, std::tuple<std::size_t, std::uint64_t, std::string>> first_seen;
  for (const RawComment& comment : raw)
    first_seen.try_emplace(comment.judge_id, comment.round,
                           judge_order_key(entry_id, comment.judge_id), comment.judge_id);
  std::vector<std::tuple<std::size_t, std::uint64_t, std::string>> order;
  for (const auto& [judge, key] : first_seen) order.push_back(key);
  std::sort(order.begin(), order.end());
  std::map<std::string, int> number;
  for (std::size_t i = 0; i < order.size(); ++i)
    number[std::get<2>(order[i])] = static_cast<int>(i) + 1;
  std::sort(raw.begin(), raw.end(), [&](const RawComment& a, const RawComment& b) {
    return std::pair(a.round, number[a.judge_id]) < std::pair(b.round, number[b.judge_id]);
  });
  std::vector<AnonymousComment> comments;
  for (RawComment& comment : raw)
    comments.push_back({number[comment.judge_id], round_label(config, scores[comment.round].round),
                        std::move(comment.text)});
  return comments;
}

}  // namespace

std::vector<EntryComments> entry_comments(const Config& config, const std::vector<Entry>& entries,
                                          const std::vector<RoundScores>& scores) {
  std::map<std::string, std::vector<RawComment>> raw;  // by entry id
  for (std::size_t r = 0; r < scores.size(); ++r)
    for (const ScoreRow& row : scores[r].rows)
      if (std::string text = trim(row.comment); !text.empty())
        raw[row.entry_id].push_back({r, row.judge_id, std::move(text)});
  std::vector<const Entry*> commented;
  for (const Entry& entry : entries)
    if (entry.active() && raw.count(entry.id)) commented.push_back(&entry);
  const auto position = [&](const Entry* entry) {
    return std::tuple(config.kind_index(entry->kind), config.group_index(entry->group),
                      std::string_view(entry->id));
  };
  std::sort(commented.begin(), commented.end(),
            [&](const Entry* a, const Entry* b) { return position(a) < position(b); });
  std::vector<EntryComments> result;
  for (const Entry* entry : commented)
    result.push_back({entry, anonymise(config, entry->id, scores, std::move(raw[entry->id]))});
  return result;
}

namespace {

std::string judge_label(int number) {
  return fmt::format("评委 {}", number);
}

std::string group_of(const Config& config, const Entry& entry) {
  return entry.group.empty() ? "" : roster_detail::group_label(config, entry.group);
}

}  // namespace

std::string comments_csv(const Config& config, const std::vector<EntryComments>& comments) {
  const bool staged = config.rounds.size() > 1;
  TableSheet sheet{"评语", {{"作品编号"}, {"作品名称"}, {"类别"}, {"组别"}, {"学校"}}, {}};
  if (staged) sheet.columns.push_back({"评审阶段"});
  sheet.columns.insert(sheet.columns.end(), {{"评委"}, {"评语"}});
  for (const EntryComments& item : comments)
    for (const AnonymousComment& comment : item.comments) {
      const Entry& entry = *item.entry;
      std::vector<TableCell> row{TableCell::of_text(entry.id), TableCell::of_text(entry.title),
                                 TableCell::of_text(roster_detail::kind_label(config, entry.kind)),
                                 TableCell::of_text(group_of(config, entry)),
                                 TableCell::of_text(entry.school)};
      if (staged) row.push_back(TableCell::of_text(comment.round_label));
      row.push_back(TableCell::of_text(judge_label(comment.judge)));
      row.push_back(TableCell::of_text(comment.text));
      sheet.rows.push_back(std::move(row));
    }
  return table_csv(sheet);
}

std::string comments_html(const Config& config, const std::vector<EntryComments>& comments) {
  const bool staged = config.rounds.size() > 1;
  std::string body = "<p class=\"muted\">评委以编号代称，各作品的编号互不对应。</p>\n";
  for (const EntryComments& item : comments) {
    const Entry& entry = *item.entry;
    std::vector<std::string> about{roster_detail::kind_label(config, entry.kind)};
    if (const std::string group = group_of(config, entry); !group.empty()) about.push_back(group);
    about.push_back(entry.school);
    body += "<section class=\"entry\">\n<h3><span class=\"id\">" + html_escape(entry.id) +
            "</span> " + html_escape(entry.title) + "</h3>\n";
    body += "<p class=\"about\">" + html_escape(join(about, " · ")) + "</p>\n<dl>\n";
    for (const AnonymousComment& comment : item.comments) {
      std::string who = judge_label(comment.judge);
      if (staged) who += "（" + comment.round_label + "）";
      body += "<dt>" + html_escape(who) + "</dt><dd>" + html_escape(comment.text) + "</dd>\n";
    }
    body += "</dl>\n</section>\n";
  }
  static constexpr const char* kCommentsStyle =
      "section.entry { break-inside: avoid; page-break-inside: avoid; margin-bottom: 5mm; }\n"
      "section.entry h3 { margin-bottom: 1mm; }\n"
      "span.id { white-space: nowrap; }\n"
      "p.about { text-indent: 0; margin: 0 0 1mm; color: #444; font-size: 9.5pt; }\n"
      "dl { margin: 0; } dt { font-weight: bold; margin-top: 1.5mm; }\n"
      "dd { margin: 0 0 0 2em; white-space: pre-wrap; line-height: 1.6; }\n";
  return html_page(config.competition_name, " 评审意见反馈", kCommentsStyle, body);
}

}  // namespace jury
