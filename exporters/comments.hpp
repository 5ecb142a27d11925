#pragma once
/// Judges' comments for feedback to the entrants (`jury export comments FILE`, SPEC §16), with no
/// judge's identity: each entry's judges are 评委 1, 2, … in an order of their own.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.hpp"

namespace jury {

/// The stored score rows of one round (SPEC §12), rounds in config order.
struct RoundScores {
  std::string round;  ///< round id
  std::vector<ScoreRow> rows;
};

/// One comment as the entrant sees it: the judge's number on this entry and the round.
struct AnonymousComment {
  int judge = 0;            ///< 评委 N
  std::string round_label;  ///< the round's label
  std::string text;
};

struct EntryComments {
  const Entry* entry = nullptr;
  std::vector<AnonymousComment> comments;  ///< rounds in order, then judge number
};

/// The order of an entry's judges: FNV-1a (64-bit) of `entry_id`, a line feed, `judge_id`, then
/// MurmurHash3's fmix64 finaliser — the same on every run and machine, unrelated to the order of
/// judge ids, and different per entry, so that 评委 1 of one entry is not 评委 1 of another.
std::uint64_t judge_order_key(std::string_view entry_id, std::string_view judge_id);

/// Every active entry with at least one non-blank comment, in kind order, group order, entry_id.
/// Its commenting judges are numbered 1, 2, … by the round of their first comment, then
/// judge_order_key (then judge_id); a judge keeps the number through later rounds. Comments are
/// trimmed; nothing about a judge but the number is kept.
std::vector<EntryComments> entry_comments(const Config& config, const std::vector<Entry>& entries,
                                          const std::vector<RoundScores>& scores);
/// The result points into `entries`: they must outlive it.
std::vector<EntryComments> entry_comments(const Config&, std::vector<Entry>&&,
                                          const std::vector<RoundScores>&) = delete;

/// UTF-8 with BOM, CRLF: 作品编号, 作品名称, 类别, 组别, 学校, (评审阶段 with more than one round),
/// 评委 (`评委 N`), 评语; one row per comment, text cells neutralised.
std::string comments_csv(const Config& config, const std::vector<EntryComments>& comments);

/// A printable page (A4, print_page): per entry its id, title, kind, group and school, then its
/// comments as 评委 N (and the round); every text HTML-escaped, line breaks kept.
std::string comments_html(const Config& config, const std::vector<EntryComments>& comments);

}  // namespace jury
