/// The config's `rounds` (SPEC §12–13) and what the awards say about them: tiers decided by a
/// round, recommended tiers. Every default is filled in here, so the rest of the program reads
/// effective values (the Round of a config without `rounds` is the one default round).

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "engine/config_reader.hpp"
#include "judging/round_scores.hpp"
#include "judging/session_times.hpp"

namespace jury::config_detail {

namespace {

bool contains(const std::vector<std::string>& items, const std::string& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

std::string listed(const std::vector<std::string>& items) {
  return items.empty() ? "none" : fmt::format("{}", fmt::join(items, ", "));
}

/// Σ of decimal weights as the exact decimal text, for the message when it is not 1 (the
/// denominators are powers of ten, so the largest is a common one).
std::string decimal_sum_text(const std::vector<std::pair<std::string, Decimal>>& weights) {
  std::int64_t common = 1;
  for (const auto& [id, w] : weights) common = std::max(common, w.denominator);
  std::int64_t sum = 0;
  for (const auto& [id, w] : weights) sum += w.numerator * (common / w.denominator);
  std::string text = std::to_string(sum / common);
  std::string fraction = std::to_string(common + sum % common).substr(1);  // zero-padded
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  return fraction.empty() ? text : text + "." + fraction;
}

}  // namespace

/// The round of a config without `rounds`: every kind, the kind's rubric and k, the method of
/// `aggregation`, weight 1 on itself.
Round ConfigReader::default_round(const Config& config) const {
  Round round;
  for (const Kind& kind : config.kinds) {
    round.kinds.push_back(kind.id);
    round.rubrics[kind.id] = kind.rubric;
    round.judges_per_entry[kind.id] = config.judges_per_entry(kind.id);
  }
  round.method = config.aggregation.method;
  round.weights = {{round.id, Decimal{1, 1}}};
  return round;
}

void ConfigReader::read_rounds(const Json& root, Config& config) {
  config.rounds = {default_round(config)};
  const Json* list = member(root, "rounds");
  if (!list) return;
  config.has_rounds = true;
  if (!expect_nonempty_array(*list, "$.rounds", "round")) return;
  const Round fallback = config.rounds.front();
  config.rounds.clear();  // read_round of each round sees the rounds before it here
  std::map<std::string, std::string> ids;
  std::vector<std::pair<std::string, std::string>> labels;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string path = element_path("$.rounds", i);
    std::optional<Round> round = read_round((*list)[i], path, config.rounds.size(), config);
    if (!round) break;  // the later rounds' kinds and weights cannot be checked without it
    if (!round->id.empty()) check_unique(ids, round->id, path + ".id");
    if (!round->label.empty()) check_label_unique(labels, round->label, path + ".label");
    config.rounds.push_back(std::move(*round));
  }
  if (config.rounds.empty()) {
    config.rounds = {fallback};  // an error is reported; later checks need a round
    return;
  }
  check_kinds_judged(config);
}

/// One round; `index` = its position, config.rounds holds the rounds before it.
std::optional<Round> ConfigReader::read_round(const Json& value, const std::string& path,
                                              std::size_t index, const Config& config) {
  if (!expect_object(value, path,
                     {"id", "label", "kinds", "judges_per_entry", "rubrics", "method", "advance",
                      "weights", "interviews"}))
    return std::nullopt;
  Round round;
  take_id(value, path, "id", Need::Required, round.id);
  take_label(value, path, "label", round.label);
  // R1: a round without `kinds` judges the previous round's kinds (the first: every kind).
  const std::vector<std::string> previous = index == 0 ? kind_ids_ : config.rounds.back().kinds;
  round.kinds = previous;
  if (const Json* kinds = member(value, "kinds"))
    round.kinds = read_round_kinds(*kinds, path + ".kinds", previous);
  for (const std::string& kind : round.kinds) {
    round.judges_per_entry[kind] = config.judges_per_entry(kind);
    if (const Kind* found = config.find_kind(kind)) round.rubrics[kind] = found->rubric;
  }
  if (const Json* k = member(value, "judges_per_entry"))
    read_round_k(*k, path + ".judges_per_entry", round);
  if (const Json* rubrics = member(value, "rubrics"))
    read_round_rubrics(*rubrics, path + ".rubrics", round);
  round.method = config.aggregation.method;
  take_enum(value, path, "method", *round.method);
  read_advance(member(value, "advance"), path + ".advance", index, round);
  read_weights(member(value, "weights"), path + ".weights", config, round);
  if (const Json* interviews = member(value, "interviews"))
    round.interviews = read_interviews(*interviews, path + ".interviews");
  return round;
}

/// A subset of the previous round's kinds, kept in config order.
std::vector<std::string> ConfigReader::read_round_kinds(const Json& value, const std::string& path,
                                                        const std::vector<std::string>& previous) {
  if (!expect_nonempty_array(value, path, "kind id")) return previous;
  std::map<std::string, std::string> seen;
  std::vector<std::string> named;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string item_path = element_path(path, i);
    const auto id = read_string(value[i], item_path);
    if (!id) continue;
    check_unique(seen, *id, item_path, "kind");
    if (!is_known_kind(*id))
      error_unknown_kind(item_path, *id);
    else if (!contains(previous, *id))
      error(item_path, "round-kind",
            fmt::format("kind {} is not judged in the previous round ({}); a round judges a "
                        "subset of the previous round's kinds",
                        json_quoted(*id), listed(previous)));
    else
      named.push_back(*id);
  }
  std::vector<std::string> kinds;
  for (const std::string& kind : kind_ids_)
    if (contains(named, kind)) kinds.push_back(kind);
  return kinds;
}

bool ConfigReader::is_round_kind(const Round& round, const std::string& kind_id,
                                 const std::string& path) {
  if (round.judges_kind(kind_id)) return true;
  if (!is_known_kind(kind_id))
    error_unknown_kind(path, kind_id);
  else
    error(path, "round-kind",
          fmt::format("kind {} is not judged in round {} (its kinds are {})", json_quoted(kind_id),
                      json_quoted(round.id), listed(round.kinds)));
  return false;
}

/// An integer for every kind of the round, or {kind id: k}; kinds not named keep judging's k.
void ConfigReader::read_round_k(const Json& value, const std::string& path, Round& round) {
  if (value.is_number_integer()) {
    if (const auto k = read_int(value, path, 1))
      for (auto& [kind, per_kind] : round.judges_per_entry) per_kind = *k;
    return;
  }
  if (!value.is_object()) {
    type_error(value, path, "an integer or an object {kind id: integer}");
    return;
  }
  for (const auto& [kind_id, k] : value.items()) {
    const std::string item_path = member_path(path, kind_id);
    if (!is_round_kind(round, kind_id, item_path)) continue;
    if (const auto number = read_int(k, item_path, 1)) round.judges_per_entry[kind_id] = *number;
  }
}

void ConfigReader::read_round_rubrics(const Json& value, const std::string& path, Round& round) {
  if (!value.is_object()) {
    type_error(value, path, "an object {kind id: rubric id}");
    return;
  }
  for (const auto& [kind_id, rubric] : value.items()) {
    const std::string item_path = member_path(path, kind_id);
    if (!is_round_kind(round, kind_id, item_path)) continue;
    const auto id = read_id(rubric, item_path);
    if (!id) continue;
    if (rubric_ids_ && !rubric_ids_->count(*id))
      error(item_path, "unknown-rubric",
            fmt::format("unknown rubric {}; rubrics are {}", json_quoted(*id),
                        listed({rubric_ids_->begin(), rubric_ids_->end()})));
    round.rubrics[kind_id] = *id;
  }
}

/// SPEC §12: every round but the first says, for each of its kinds, how many go on into it.
void ConfigReader::read_advance(const Json* value, const std::string& path, std::size_t index,
                                Round& round) {
  if (index == 0) {
    if (value)
      error(path, "first-round-advance",
            "the first round has no previous round to advance from; give `advance` in the "
            "later rounds");
    return;
  }
  if (value && !value->is_object()) {
    type_error(*value, path, "an object {kind id: {count|share, min_score}}");
    return;
  }
  if (value)
    for (const auto& [kind_id, rule] : value->items()) {
      const std::string item_path = member_path(path, kind_id);
      if (!is_round_kind(round, kind_id, item_path)) continue;
      if (auto read = read_advance_rule(rule, item_path)) round.advance[kind_id] = *read;
    }
  for (const std::string& kind : round.kinds)
    if (!value || !value->contains(kind))
      error(member_path(path, kind), "missing",
            fmt::format("required: how many of each pool's entries ranked in the previous round "
                        "enter round {}, as {{\"count\": N}} or {{\"share\": F}} (and optional "
                        "\"min_score\")",
                        json_quoted(round.id)));
}

std::optional<AdvanceRule> ConfigReader::read_advance_rule(const Json& value,
                                                           const std::string& path) {
  if (!expect_object(value, path, {"count", "share", "min_score"})) return std::nullopt;
  AdvanceRule rule;
  read_quota(value, path, "advance", rule.count, rule.share);
  if (const Json* min_score = member(value, "min_score"); min_score && !min_score->is_null())
    rule.min_score = read_number(*min_score, path + ".min_score", {0, false});
  return rule;
}

/// SPEC §12 `weights {round id: decimal}` over this round and earlier ones, summing to 1 exactly
/// (as decimals: 0.1 + 0.2 + 0.7 is 1); kept in `rounds` order. Default {this round: 1}.
void ConfigReader::read_weights(const Json* value, const std::string& path, const Config& config,
                                Round& round) {
  round.weights = {{round.id, Decimal{1, 1}}};
  if (!value) return;
  if (!value->is_object()) {
    type_error(*value, path, "an object {round id: weight}");
    return;
  }
  std::vector<std::string> allowed;  // this round and the earlier ones, in order
  for (const Round& earlier : config.rounds) allowed.push_back(earlier.id);
  allowed.push_back(round.id);
  std::map<std::string, Decimal> given;
  bool readable = true;
  for (const auto& [round_id, weight] : value->items()) {
    const std::string item_path = member_path(path, round_id);
    if (!contains(allowed, round_id)) {
      error(item_path, "unknown-round",
            fmt::format("{} is not this round or an earlier one; weights are over {}",
                        json_quoted(round_id), listed(allowed)));
      readable = false;
      continue;
    }
    const auto decimal = read_share(weight, item_path);
    readable = readable && decimal.has_value();
    if (decimal) given[round_id] = *decimal;
  }
  if (!readable) return;
  round.weights.clear();
  for (const std::string& id : allowed)
    if (const auto it = given.find(id); it != given.end())
      round.weights.emplace_back(id, it->second);
  std::vector<Decimal> values;
  for (const auto& [id, w] : round.weights) values.push_back(w);
  if (!weights_sum_to_one(values))
    error(path, "weights",
          fmt::format("the weights sum to {}, not 1; give each round's share of the combined "
                      "score so that they add up to exactly 1",
                      decimal_sum_text(round.weights)));
}

/// SPEC §13 `interviews {slot_minutes, sessions[] {start, slots}}`; the times and their order are
/// judging's check_interviews.
std::optional<Interviews> ConfigReader::read_interviews(const Json& value,
                                                        const std::string& path) {
  if (!expect_object(value, path, {"slot_minutes", "sessions"})) return std::nullopt;
  Interviews interviews;
  bool readable = true;
  if (const Json* minutes = member(value, path, "slot_minutes", Need::Required)) {
    const auto number = read_int(*minutes, path + ".slot_minutes", 1);
    readable = readable && number.has_value();
    interviews.slot_minutes = number.value_or(0);
  } else {
    readable = false;
  }
  const Json* sessions = member(value, path, "sessions", Need::Required);
  if (!sessions || !expect_nonempty_array(*sessions, path + ".sessions", "session")) return {};
  for (std::size_t s = 0; s < sessions->size(); ++s) {
    const std::string item_path = element_path(path + ".sessions", s);
    const Json& item = (*sessions)[s];
    if (!expect_object(item, item_path, {"start", "slots"})) {
      readable = false;
      continue;
    }
    InterviewSession session;
    const Json* start = member(item, item_path, "start", Need::Required);
    const auto text = start ? read_string(*start, item_path + ".start") : std::nullopt;
    const Json* slots = member(item, item_path, "slots", Need::Required);
    const auto count = slots ? read_int(*slots, item_path + ".slots", 1) : std::nullopt;
    readable = readable && text && count;
    session.start = text.value_or("");
    session.slots = count.value_or(0);
    interviews.sessions.push_back(std::move(session));
  }
  if (!readable) return interviews;
  for (const InterviewsProblem& problem : check_interviews(interviews))
    error(path + "." + problem.path, "interviews", problem.message);
  return interviews;
}

/// R1: later rounds judge subsets, so a kind the first round leaves out is judged nowhere.
void ConfigReader::check_kinds_judged(const Config& config) {
  const Round& first = config.rounds.front();
  for (const std::string& kind : kind_ids_)
    if (!first.judges_kind(kind))
      error("$.rounds[0].kinds", "round-kind",
            fmt::format("kind {} is judged in no round; the first round must judge every kind",
                        json_quoted(kind)));
}

/// SPEC §12 `tiers[].round`: a round that judges the kind, by default its last round; along the
/// tier list (best first) a worse tier is never decided by a later round than a better one.
void ConfigReader::resolve_tier_rounds(Config& config) {
  for (auto& [kind_id, policy] : config.awards) resolve_kind_tier_rounds(config, kind_id, policy);
}

void ConfigReader::resolve_kind_tier_rounds(const Config& config, const std::string& kind_id,
                                            AwardPolicy& policy) {
  const std::string path = member_path("$.awards", kind_id) + ".tiers";
  std::vector<std::string> own;
  for (std::size_t r : config.rounds_of_kind(kind_id)) own.push_back(config.rounds[r].id);
  if (own.empty()) return;  // reported by check_kinds_judged
  int better = -1;          // round index of the previous (better) tier
  for (std::size_t i = 0; i < policy.tiers.size(); ++i) {
    Tier& tier = policy.tiers[i];
    const std::string tier_path = element_path(path, i) + ".round";
    if (tier.round.empty()) tier.round = own.back();
    if (!contains(own, tier.round)) {
      error(tier_path, "unknown-round",
            fmt::format("{} is not a round judging kind {}; its rounds are {}",
                        json_quoted(tier.round), json_quoted(kind_id), listed(own)));
      better = -1;
      continue;
    }
    const int index = config.round_index(tier.round);
    if (better >= 0 && index > better)
      error(
          tier_path, "tier-round-order",
          fmt::format("tier {} is decided by round {}, later than the better tier {} (round "
                      "{}); a better tier cannot be decided earlier than a worse one",
                      json_quoted(tier.id), json_quoted(tier.round),
                      json_quoted(policy.tiers[i - 1].id), json_quoted(policy.tiers[i - 1].round)));
    better = index;
  }
}

/// SPEC §12 `recommend.tiers`: tiers of the kind.
void ConfigReader::check_recommended_tiers(const Config& config) {
  for (const auto& [kind_id, policy] : config.awards) {
    if (!policy.recommend) continue;
    std::vector<std::string> tier_ids;
    for (const Tier& tier : policy.tiers) tier_ids.push_back(tier.id);
    const std::string path = member_path("$.awards", kind_id) + ".recommend.tiers";
    for (std::size_t i = 0; i < policy.recommend->tiers.size(); ++i)
      if (!contains(tier_ids, policy.recommend->tiers[i]))
        error(element_path(path, i), "unknown-tier",
              fmt::format("unknown tier {}; the tiers of kind {} are {}",
                          json_quoted(policy.recommend->tiers[i]), json_quoted(kind_id),
                          listed(tier_ids)));
  }
}

}  // namespace jury::config_detail
