#include <algorithm>
#include <cmath>
#include <cstdint>

#include "engine/config.hpp"

namespace jury {

namespace {

using Json = nlohmann::ordered_json;

/// Integral values as JSON integers (40, not 40.0), as a person writes them.
Json number_json(double value) {
  if (std::floor(value) == value && std::abs(value) < 1e15)
    return Json(static_cast<std::int64_t>(value));
  return Json(value);
}

/// Exact: numerator and denominator are exact doubles, so the quotient is the double nearest the
/// decimal, whose shortest text (what nlohmann writes) is the decimal again.
Json decimal_json(const Decimal& decimal) {
  if (decimal.denominator == 1) return Json(decimal.numerator);
  return Json(static_cast<double>(decimal.numerator) / static_cast<double>(decimal.denominator));
}

Json labelled_json(const std::vector<Labelled>& items) {
  Json list = Json::array();
  for (const Labelled& item : items) list.push_back({{"id", item.id}, {"label", item.label}});
  return list;
}

Json rubric_json(const Rubric& rubric) {
  Json criteria = Json::array();
  for (const Criterion& c : rubric.criteria)
    criteria.push_back({{"id", c.id},
                        {"label", c.label},
                        {"max", number_json(c.max)},
                        {"weight", number_json(c.weight)}});
  return {{"step", number_json(rubric.step)}, {"criteria", std::move(criteria)}};
}

/// Rubrics in the order kinds use them, then any unused ones by id.
Json rubrics_json(const Config& config) {
  Json rubrics = Json::object();
  for (const Kind& kind : config.kinds)
    if (const auto it = config.rubrics.find(kind.rubric);
        it != config.rubrics.end() && !rubrics.contains(kind.rubric))
      rubrics[kind.rubric] = rubric_json(it->second);
  for (const auto& [id, rubric] : config.rubrics)
    if (!rubrics.contains(id)) rubrics[id] = rubric_json(rubric);
  return rubrics;
}

/// One integer when every kind uses the default k, else the object form naming every kind.
Json judges_per_entry_json(const Config& config) {
  const JudgingConfig& judging = config.judging;
  const bool uniform = std::all_of(
      judging.judges_per_entry.begin(), judging.judges_per_entry.end(),
      [&](const auto& item) { return item.second == judging.default_judges_per_entry; });
  if (uniform) return judging.default_judges_per_entry;
  Json per_kind = Json::object();
  for (const Kind& kind : config.kinds) per_kind[kind.id] = config.judges_per_entry(kind.id);
  for (const auto& [kind_id, k] : judging.judges_per_entry)
    if (!per_kind.contains(kind_id)) per_kind[kind_id] = k;
  return per_kind;
}

Json judging_json(const Config& config) {
  const JudgingConfig& judging = config.judging;
  Json conflicts = Json::array();
  for (ConflictRule rule : judging.conflicts) conflicts.push_back(to_string(rule));
  return {{"judges_per_entry", judges_per_entry_json(config)},
          {"max_load", judging.max_load ? Json(*judging.max_load) : Json(nullptr)},
          {"conflicts", std::move(conflicts)},
          {"mismatch_cost", judging.mismatch_cost},
          {"balance_cost", judging.balance_cost}};
}

Json tier_json(const Tier& tier) {
  Json json = {{"id", tier.id}, {"label", tier.label}};
  if (tier.count) json["count"] = *tier.count;
  if (tier.share) json["share"] = decimal_json(*tier.share);
  if (tier.min_score) json["min_score"] = number_json(*tier.min_score);
  return json;
}

Json award_json(const AwardPolicy& policy) {
  Json tiers = Json::array();
  for (const Tier& tier : policy.tiers) tiers.push_back(tier_json(tier));
  return {{"pool_by", policy.pool_by},
          {"rounding", to_string(policy.rounding)},
          {"ties", to_string(policy.ties)},
          {"cascade", policy.cascade},
          {"tiers", std::move(tiers)}};
}

/// Awards in kind order, then any others by id.
Json awards_json(const Config& config) {
  Json awards = Json::object();
  for (const Kind& kind : config.kinds)
    if (const auto it = config.awards.find(kind.id); it != config.awards.end())
      awards[kind.id] = award_json(it->second);
  for (const auto& [kind_id, policy] : config.awards)
    if (!awards.contains(kind_id)) awards[kind_id] = award_json(policy);
  return awards;
}

}  // namespace

Json config_to_json(const Config& config) {
  Json kinds = Json::array();
  for (const Kind& kind : config.kinds)
    kinds.push_back({{"id", kind.id},
                     {"label", kind.label},
                     {"rubric", kind.rubric},
                     {"max_students", kind.max_students},
                     {"max_advisors", kind.max_advisors}});
  const AggregationConfig& aggregation = config.aggregation;
  return {
      {"competition",
       {{"id", config.competition_id}, {"name", config.competition_name}, {"year", config.year}}},
      {"groups", labelled_json(config.groups)},
      {"subjects", labelled_json(config.subjects)},
      {"kinds", std::move(kinds)},
      {"rubrics", rubrics_json(config)},
      {"judging", judging_json(config)},
      {"aggregation",
       {{"method", to_string(aggregation.method)},
        {"trim", aggregation.trim},
        {"min_scores", aggregation.min_scores},
        {"precision", aggregation.precision},
        {"severity_shrinkage", number_json(aggregation.severity_shrinkage)},
        {"disagreement", number_json(aggregation.disagreement)}}},
      {"ranking", {{"tiebreak", config.tiebreak}}},
      {"awards", awards_json(config)},
  };
}

}  // namespace jury
