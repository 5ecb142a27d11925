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
          {"balance_cost", judging.balance_cost},
          {"connect", judging.connect}};
}

/// `count` or `share` of a tier, an advance or a recommendation.
void quota_json(Json& json, const std::optional<int>& count, const std::optional<Decimal>& share) {
  if (count) json["count"] = *count;
  if (share) json["share"] = decimal_json(*share);
}

/// `with_rounds`: the SPEC §12 keys (a tier's deciding round) of a config with `rounds`.
Json tier_json(const Tier& tier, bool with_rounds) {
  Json json = {{"id", tier.id}, {"label", tier.label}};
  quota_json(json, tier.count, tier.share);
  if (tier.min_score) json["min_score"] = number_json(*tier.min_score);
  if (with_rounds) json["round"] = tier.round;
  return json;
}

Json recommendation_json(const Recommendation& rule) {
  Json json = {{"label", rule.label}};
  quota_json(json, rule.count, rule.share);
  json["tiers"] = rule.tiers;
  return json;
}

Json award_json(const AwardPolicy& policy, bool with_rounds) {
  Json tiers = Json::array();
  for (const Tier& tier : policy.tiers) tiers.push_back(tier_json(tier, with_rounds));
  Json json = {{"pool_by", policy.pool_by},
               {"rounding", to_string(policy.rounding)},
               {"ties", to_string(policy.ties)},
               {"cascade", policy.cascade}};
  if (with_rounds) json["absent"] = to_string(policy.absent);
  json["tiers"] = std::move(tiers);
  if (policy.recommend) json["recommend"] = recommendation_json(*policy.recommend);
  return json;
}

/// Awards in kind order, then any others by id.
Json awards_json(const Config& config) {
  Json awards = Json::object();
  for (const Kind& kind : config.kinds)
    if (const auto it = config.awards.find(kind.id); it != config.awards.end())
      awards[kind.id] = award_json(it->second, config.has_rounds);
  for (const auto& [kind_id, policy] : config.awards)
    if (!awards.contains(kind_id)) awards[kind_id] = award_json(policy, config.has_rounds);
  return awards;
}

Json interviews_json(const Interviews& interviews) {
  Json sessions = Json::array();
  for (const InterviewSession& session : interviews.sessions)
    sessions.push_back({{"start", session.start}, {"slots", session.slots}});
  return {{"slot_minutes", interviews.slot_minutes}, {"sessions", std::move(sessions)}};
}

/// One round with every default written out (SPEC §12); `first`: no `advance`.
Json round_json(const Config& config, const Round& round, bool first) {
  Json k = Json::object();
  Json rubrics = Json::object();
  for (const std::string& kind : round.kinds) {
    k[kind] = round.judges_per_entry.count(kind) ? round.judges_per_entry.at(kind)
                                                 : config.judges_per_entry(kind);
    rubrics[kind] = round.rubrics.count(kind) ? round.rubrics.at(kind) : config.rubric_of(kind).id;
  }
  Json json = {{"id", round.id},
               {"label", round.label},
               {"kinds", round.kinds},
               {"judges_per_entry", std::move(k)},
               {"rubrics", std::move(rubrics)},
               {"method", to_string(round.method.value_or(config.aggregation.method))}};
  if (!first) {
    Json advance = Json::object();
    for (const auto& [kind, rule] : round.advance) {
      Json item = Json::object();
      quota_json(item, rule.count, rule.share);
      if (rule.min_score) item["min_score"] = number_json(*rule.min_score);
      advance[kind] = std::move(item);
    }
    json["advance"] = std::move(advance);
  }
  Json weights = Json::object();
  for (const auto& [id, weight] : round.weights) weights[id] = decimal_json(weight);
  json["weights"] = std::move(weights);
  if (round.interviews) json["interviews"] = interviews_json(*round.interviews);
  return json;
}

Json rounds_json(const Config& config) {
  Json rounds = Json::array();
  for (std::size_t r = 0; r < config.rounds.size(); ++r)
    rounds.push_back(round_json(config, config.rounds[r], r == 0));
  return rounds;
}

/// SPEC §16: every key written, null for a blank left to fill by hand.
Json publication_json(const Publication& publication) {
  const auto optional = [](const auto& value) { return value ? Json(*value) : Json(nullptr); };
  return {{"notice_days", optional(publication.notice_days)},
          {"contact", optional(publication.contact)},
          {"phone", optional(publication.phone)},
          {"address", optional(publication.address)},
          {"issued", optional(publication.issued)}};
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
  Json json = {
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
        {"disagreement", number_json(aggregation.disagreement)},
        {"close", number_json(aggregation.close)}}},
      {"ranking", {{"tiebreak", config.tiebreak}}},
      {"awards", awards_json(config)},
  };
  if (config.has_rounds) json["rounds"] = rounds_json(config);
  json["publication"] = publication_json(config.publication);
  return json;
}

}  // namespace jury
