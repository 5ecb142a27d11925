#pragma once
/// Machine codes as people read them (SPEC §10 "Language"): the aggregation method and the flags
/// of a result. JSON and files for programs keep the codes (SPEC §9); the terminal shows them in
/// the interface language — the code itself in English, a Chinese word in Chinese — from the
/// message catalogue (msgctxt "aggregation method" and "flag"). Rounds (SPEC §12) and pools are
/// named by their ids in English and by their configured labels in Chinese.

#include <span>
#include <string>
#include <vector>

#include "model/enums.hpp"

namespace jury {

struct Config;
struct PoolResult;

/// The method in the interface language: "trimmed-mean" (its config spelling) in English,
/// 去掉最高分和最低分后平均 in Chinese.
std::string method_name(Method method);
/// The method's Chinese label whatever the interface language (the always-Chinese pages).
std::string method_label_zh(Method method);

/// A result's flag (SPEC §6 `incomplete`, `disagreement`; §12 `absent`, `advance`,
/// `recommend-tie`; §14 `close`) in the interface language; an unknown flag as itself.
std::string flag_name(const std::string& flag);
/// The flag's Chinese word whatever the interface language (the always-Chinese pages).
std::string flag_label_zh(const std::string& flag);
/// The flags in the interface language, joined by ", " (English) or "、" (Chinese).
std::string flag_names(const std::vector<std::string>& flags);

/// A pool as a message names it in the interface language: by its ids in English
/// (`student/primary`, as --json and the audit spell it), by its labels in Chinese
/// (`学生科技创新成果 / 小学`, as the results and the roster show it). Uses the pool's kind, group
/// and subject only.
std::string pool_shown(const Config& config, const PoolResult& pool);

/// Every flag the engine sets, in the order above (each has a Chinese word in the catalogue).
std::span<const char* const> known_flags();

/// "round final: " before an audit text or message of a competition with several rounds, ""
/// with one.
std::string round_prefix(const Config& config, const std::string& round_id);

/// How a message names a round: its id in English; in Chinese its label with the id, e.g.
/// 初评（prelim）, as the office knows the rounds by their labels (SPEC §10).
std::string round_name(const Config& config, const std::string& round_id);

}  // namespace jury
