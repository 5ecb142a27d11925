#include "exporters/results_json.hpp"

#include "exporters/json_text.hpp"
#include "exporters/roster_rows.hpp"

namespace jury {

using nlohmann::ordered_json;

namespace {

ordered_json optional_text(const std::optional<std::string>& text) {
  return text ? ordered_json(*text) : ordered_json(nullptr);
}

ordered_json optional_number(const std::optional<int>& value) {
  return value ? ordered_json(*value) : ordered_json(nullptr);
}

ordered_json optional_number(const std::optional<double>& value) {
  return value ? ordered_json(*value) : ordered_json(nullptr);
}

ordered_json pool_json(const PoolResult& pool, bool staged) {
  ordered_json quotas = ordered_json::object();
  for (const auto& [tier, quota] : pool.quotas) quotas[tier] = quota;
  ordered_json json = {{"kind", pool.kind},
                       {"group", optional_text(pool.group)},
                       {"subject", optional_text(pool.subject)},
                       {"entries", pool.entries},
                       {"quotas", std::move(quotas)}};
  if (!staged) return json;
  // SPEC §12: per round of the kind, its entrants, ranked entries and the advance's quota.
  ordered_json rounds = ordered_json::object();
  for (const PoolRound& round : pool.rounds)
    rounds[round.round] = {{"entrants", round.entrants},
                           {"ranked", round.ranked},
                           {"advance_quota", optional_number(round.advance_quota)}};
  json["rounds"] = std::move(rounds);
  json["recommend_quota"] = optional_number(pool.recommend_quota);
  return json;
}

/// SPEC §12: the round an entry reached, every round it entered (not public: they hold scores),
/// and whether it is recommended.
void add_rounds(ordered_json& json, const EntryResult& result, bool is_public) {
  json["round"] = result.round;
  if (!is_public) {
    ordered_json rounds = ordered_json::array();
    for (const RoundResult& round : result.rounds)
      rounds.push_back({{"round", round.round},
                        {"score", optional_number(round.score)},
                        {"rank", optional_number(round.rank)},
                        {"scores", round.scores},
                        {"flags", round.flags}});
    json["rounds"] = std::move(rounds);
  }
  json["recommended"] = result.recommended;
}

ordered_json result_json(const Config& config, const roster_detail::RosterRow& row, bool is_public,
                         bool staged) {
  const Entry& entry = *row.entry;
  const EntryResult& result = *row.result;
  ordered_json json;
  json["entry_id"] = entry.id;
  json["kind"] = entry.kind;
  json["group"] = entry.group.empty() ? ordered_json(nullptr) : ordered_json(entry.group);
  json["subject"] = entry.subject;
  json["title"] = entry.title;
  json["school"] = entry.school;
  json["district"] = entry.district;
  json["students"] = entry.students;
  json["advisors"] = entry.advisors;
  if (!is_public) {
    json["scores"] = result.scores;
    json["score"] = result.score ? ordered_json(*result.score) : ordered_json(nullptr);
  }
  json["rank"] = result.rank ? ordered_json(*result.rank) : ordered_json(nullptr);
  json["tier"] = optional_text(result.tier);
  json["tier_label"] =
      result.tier ? ordered_json(roster_detail::tier_label(config, row.pool->kind, *result.tier))
                  : ordered_json(nullptr);
  if (!is_public) json["flags"] = result.flags;
  if (staged) add_rounds(json, result, is_public);
  return json;
}

}  // namespace

ordered_json results_document(const Config& config, const std::vector<Entry>& entries,
                              const Results& results, Audience audience) {
  const bool is_public = audience == Audience::Public;
  ordered_json document;
  document["competition"] = {
      {"id", config.competition_id}, {"name", config.competition_name}, {"year", config.year}};
  document["method"] = to_string(results.method);
  document["pools"] = ordered_json::array();
  for (const PoolResult* pool : roster_detail::ordered_pools(config, results))
    document["pools"].push_back(pool_json(*pool, results.staged));
  document["results"] = ordered_json::array();
  for (const auto& row : roster_detail::roster_rows(config, entries, results, is_public))
    document["results"].push_back(result_json(config, row, is_public, results.staged));
  return document;
}

namespace {

/// result_json written straight into the text, member for member.
void write_result(JsonText& json, const Config& config, const roster_detail::RosterRow& row,
                  bool is_public, bool staged) {
  const Entry& entry = *row.entry;
  const EntryResult& result = *row.result;
  json.begin_object();
  json.key("entry_id").string(entry.id);
  json.key("kind").string(entry.kind);
  json.key("group");
  if (entry.group.empty())
    json.null();
  else
    json.string(entry.group);
  json.key("subject").string(entry.subject);
  json.key("title").string(entry.title);
  json.key("school").string(entry.school);
  json.key("district").string(entry.district);
  json.key("students").strings(entry.students);
  json.key("advisors").strings(entry.advisors);
  if (!is_public) {
    json.key("scores").number(result.scores);
    json.key("score").optional_number(result.score);
  }
  json.key("rank").optional_number(result.rank);
  json.key("tier").optional_string(result.tier);
  json.key("tier_label");
  if (result.tier)
    json.string(roster_detail::tier_label(config, row.pool->kind, *result.tier));
  else
    json.null();
  if (!is_public) json.key("flags").strings(result.flags);
  if (staged) {
    json.key("round").string(result.round);
    if (!is_public) {
      json.key("rounds").begin_array();
      for (const RoundResult& round : result.rounds) {
        json.begin_object();
        json.key("round").string(round.round);
        json.key("score").optional_number(round.score);
        json.key("rank").optional_number(round.rank);
        json.key("scores").number(round.scores);
        json.key("flags").strings(round.flags);
        json.end_object();
      }
      json.end_array();
    }
    json.key("recommended").boolean(result.recommended);
  }
  json.end_object();
}

}  // namespace

std::string results_json_text(const Config& config, const std::vector<Entry>& entries,
                              const Results& results, Audience audience) {
  const bool is_public = audience == Audience::Public;
  // The text of results_document's dump(2, ' ', false, replace) (importers only accept valid
  // UTF-8; `replace` keeps a stray byte from aborting an export), written without the tree: at
  // national scale building and dumping the tree cost more than computing the results.
  JsonText json;
  json.begin_object();
  json.key("competition")
      .value(ordered_json{
          {"id", config.competition_id}, {"name", config.competition_name}, {"year", config.year}});
  json.key("method").string(to_string(results.method));
  json.key("pools").begin_array();
  for (const PoolResult* pool : roster_detail::ordered_pools(config, results))
    json.value(pool_json(*pool, results.staged));
  json.end_array();
  json.key("results").begin_array();
  for (const auto& row : roster_detail::roster_rows(config, entries, results, is_public))
    write_result(json, config, row, is_public, results.staged);
  json.end_array();
  json.end_object();
  std::string text = json.take();
  text += '\n';
  return text;
}

}  // namespace jury
