#pragma once
/// Internal to the exporters: the notes the roster page prints under a pool's tables (SPEC §9):
/// in plain Chinese, each place where a `ranking.tiebreak` criterion separated entries of equal
/// score, and each tie shared across a tier's last place that moved places into the next tier.

#include <string>
#include <vector>

#include "model/model.hpp"

namespace jury::roster_detail {

/// The notes of one pool, in rank order (plain text; the caller escapes it). `is_public`: the
/// notes name only the entries the public page lists (shown_in_public) and show no score; an
/// entry it does not list is "未获奖作品", counted, never named.
std::vector<std::string> tie_notes(const Config& config, const PoolResult& pool, bool is_public);

}  // namespace jury::roster_detail
