#pragma once
/// The results document (SPEC §9): `jury export roster x.json` and `jury results --json`.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "exporters/audience.hpp"
#include "model/model.hpp"

namespace jury {

/// The §9 JSON document exactly, keys in §9 order: competition {id,name,year}, method, pools
/// [{kind, group, subject, entries, quotas{tier id: n}}], results [{entry_id, kind, group,
/// subject, title, school, district, students, advisors, scores, score, rank, tier, tier_label,
/// flags}]. Group/subject are null in pools not split by them; in results group is null when
/// the entry has none. Rows ordered by kind order, pool order, then the PoolResult row order.
/// The public audience leaves out scores, score and flags (rank and tier stay) and every row of an
/// entry without a tier (SPEC §9). Results hold no judge identities, and none are added. Throws
/// std::out_of_range for an unknown entry or tier.
/// Staged results (SPEC §12) add per pool `rounds` {round id: {entrants, ranked, advance_quota}}
/// and `recommend_quota`, per result `round`, `rounds` [{round, score, rank, scores, flags}] and
/// `recommended`; the public document keeps `round` and `recommended` but no `rounds`, and lists
/// the entries that hold a tier or are recommended.
nlohmann::ordered_json results_document(const Config& config, const std::vector<Entry>& entries,
                                        const Results& results, Audience audience);

/// results_document as text: two-space indentation, UTF-8 unescaped, ending in a newline.
std::string results_json_text(const Config& config, const std::vector<Entry>& entries,
                              const Results& results, Audience audience);

}  // namespace jury
