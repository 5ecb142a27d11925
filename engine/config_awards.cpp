#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

#include "engine/config_reader.hpp"

namespace jury::config_detail {

namespace {

/// The entry fields a kind's award pools may be split by, in the order they split (SPEC §2).
const std::vector<std::string> kPoolFields{"group", "subject"};

}  // namespace

void ConfigReader::read_awards(const Json& root, Config& config) {
  const std::string path = "$.awards";
  const Json* awards = member(root, "$", "awards", Need::Required);
  if (!awards) return;
  if (!awards->is_object()) {
    type_error(*awards, path, "an object");
    return;
  }
  for (const auto& [kind_id, value] : awards->items()) {
    const std::string policy_path = member_path(path, kind_id);
    const bool known = !kinds_known_ || is_known_kind(kind_id);
    if (!known) error_unknown_kind(policy_path, kind_id);
    AwardPolicy policy = read_award_policy(value, policy_path);  // checked even if unknown
    if (known) config.awards[kind_id] = std::move(policy);
  }
  for (const std::string& kind_id : kind_ids_)
    if (!awards->contains(kind_id))
      error(member_path(path, kind_id), "missing",
            fmt::format("kind {} has no award tiers; every kind needs them", json_quoted(kind_id)));
}

AwardPolicy ConfigReader::read_award_policy(const Json& value, const std::string& path) {
  AwardPolicy policy;
  if (!expect_object(value, path,
                     {"pool_by", "tiers", "rounding", "ties", "cascade", "absent", "recommend"}))
    return policy;
  if (const Json* pool_by = member(value, "pool_by"))
    policy.pool_by = read_pool_by(*pool_by, path + ".pool_by");
  if (const Json* tiers = member(value, path, "tiers", Need::Required))
    policy.tiers = read_tiers(*tiers, path + ".tiers");
  take_enum(value, path, "rounding", policy.rounding);
  take_enum(value, path, "ties", policy.ties);
  if (const Json* cascade = member(value, "cascade"))
    if (auto flag = read_bool(*cascade, path + ".cascade")) policy.cascade = *flag;
  take_enum(value, path, "absent", policy.absent);
  if (const Json* recommend = member(value, "recommend"))
    policy.recommend = read_recommendation(*recommend, path + ".recommend");
  return policy;
}

/// [], ["group"], ["subject"] or ["group","subject"]: pools split by group, then subject.
std::vector<std::string> ConfigReader::read_pool_by(const Json& value, const std::string& path) {
  std::vector<std::string> fields;
  if (!expect_array(value, path)) return fields;
  bool all_known = true;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto index = read_choice(value[i], element_path(path, i), "pool field", kPoolFields);
    if (index) fields.push_back(kPoolFields[*index]);
    all_known = all_known && index.has_value();
  }
  const bool in_order =
      std::is_sorted(fields.begin(), fields.end(),
                     [](const auto& a, const auto& b) { return a == "group" && b == "subject"; });
  const bool distinct = std::adjacent_find(fields.begin(), fields.end()) == fields.end();
  if (all_known && !(in_order && distinct))
    error(path, "bad-value",
          fmt::format("must be [], [\"group\"], [\"subject\"] or [\"group\",\"subject\"], found {}",
                      value.dump()));
  return fields;
}

std::vector<Tier> ConfigReader::read_tiers(const Json& value, const std::string& path) {
  std::vector<Tier> tiers;
  if (!expect_nonempty_array(value, path, "tier")) return tiers;
  std::map<std::string, std::string> ids;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string item_path = element_path(path, i);
    if (auto tier = read_tier(value[i], item_path)) {
      if (!tier->id.empty()) check_unique(ids, tier->id, item_path + ".id");
      tiers.push_back(std::move(*tier));
    }
  }
  return tiers;
}

std::optional<Tier> ConfigReader::read_tier(const Json& value, const std::string& path) {
  if (!expect_object(value, path, {"id", "label", "count", "share", "min_score", "round"}))
    return std::nullopt;
  Tier tier;
  take_id(value, path, "id", Need::Required, tier.id);
  take_label(value, path, "label", tier.label);
  read_quota(value, path, "tier", tier.count, tier.share);
  if (const Json* min_score = member(value, "min_score"); min_score && !min_score->is_null())
    tier.min_score = read_number(*min_score, path + ".min_score", {0, false});
  take_id(value, path, "round", Need::Optional, tier.round);  // checked by resolve_tier_rounds
  return tier;
}

/// `count` (places) or `share` (of the pool), exactly one: tiers, advances, recommendations
/// (`what` names which; the code is config.tier-quota or config.quota).
void ConfigReader::read_quota(const Json& value, const std::string& path, std::string_view what,
                              std::optional<int>& count, std::optional<Decimal>& share) {
  const std::string code = what == "tier" ? "tier-quota" : "quota";
  const Json* count_value = member(value, "count");
  const Json* share_value = member(value, "share");
  if (count_value && share_value)
    error(path, code, fmt::format("{} has both \"count\" and \"share\"; give one", what));
  if (!count_value && !share_value)
    error(path, code, fmt::format("{} has neither \"count\" nor \"share\"; give one", what));
  if (count_value) count = read_int(*count_value, path + ".count", 0);
  if (share_value) share = read_share(*share_value, path + ".share");
}

/// SPEC §12 `recommend {label, count|share, tiers}`; the tier ids are checked against the kind's
/// tiers once both are read (check_recommended_tiers).
std::optional<Recommendation> ConfigReader::read_recommendation(const Json& value,
                                                                const std::string& path) {
  if (!expect_object(value, path, {"label", "count", "share", "tiers"})) return std::nullopt;
  Recommendation rule;
  take_label(value, path, "label", rule.label);
  read_quota(value, path, "recommendation", rule.count, rule.share);
  const Json* tiers = member(value, path, "tiers", Need::Required);
  if (!tiers || !expect_nonempty_array(*tiers, path + ".tiers", "tier id")) return rule;
  std::map<std::string, std::string> seen;
  for (std::size_t i = 0; i < tiers->size(); ++i) {
    const std::string item_path = element_path(path + ".tiers", i);
    if (auto id = read_string((*tiers)[i], item_path)) {
      check_unique(seen, *id, item_path, "tier");
      rule.tiers.push_back(*id);
    }
  }
  return rule;
}

/// A fraction 0..1 kept exactly as the decimal written (SPEC §8: floor(0.57 · 100) = 57).
std::optional<Decimal> ConfigReader::read_share(const Json& value, const std::string& path) {
  const auto number = read_number(value, path, {0, false}, 1.0);
  if (!number) return std::nullopt;
  if (value.is_number_integer()) return Decimal{value.get<std::int64_t>(), 1};
  auto decimal = exact_decimal(*number);
  if (!decimal) error(path, "range", fmt::format("{} has too many digits", value.dump()));
  return decimal;
}

}  // namespace jury::config_detail
