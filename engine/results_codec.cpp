#include "engine/results_codec.hpp"

namespace jury {

namespace {

template <typename T>
nlohmann::ordered_json optional_json(const std::optional<T>& value) {
  return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

template <typename T>
std::optional<T> optional_from(const nlohmann::json& value) {
  if (value.is_null()) return std::nullopt;
  return value.get<T>();
}

nlohmann::ordered_json round_to_json(const RoundResult& item) {
  return {{"round", item.round},
          {"scores", item.scores},
          {"score", optional_json(item.score)},
          {"rank", optional_json(item.rank)},
          {"flags", item.flags}};
}

RoundResult round_from_json(const nlohmann::json& j) {
  return {j.at("round").get<std::string>(), j.at("scores").get<int>(),
          optional_from<double>(j.at("score")), optional_from<int>(j.at("rank")),
          j.at("flags").get<std::vector<std::string>>()};
}

nlohmann::ordered_json row_to_json(const EntryResult& row) {
  nlohmann::ordered_json json = {{"entry_id", row.entry_id},
                                 {"scores", row.scores},
                                 {"raw_score", optional_json(row.raw_score)},
                                 {"score", optional_json(row.score)},
                                 {"rank", optional_json(row.rank)},
                                 {"tier", optional_json(row.tier)},
                                 {"tiebreak_values", row.tiebreak_values},
                                 {"flags", row.flags}};
  if (!row.round.empty()) {  // SPEC §12
    json["round"] = row.round;
    json["rounds"] = nlohmann::ordered_json::array();
    for (const RoundResult& item : row.rounds) json["rounds"].push_back(round_to_json(item));
    json["recommended"] = row.recommended;
  }
  return json;
}

EntryResult row_from_json(const nlohmann::json& j) {
  EntryResult row;
  row.entry_id = j.at("entry_id").get<std::string>();
  row.scores = j.at("scores").get<int>();
  row.raw_score = optional_from<double>(j.at("raw_score"));
  row.score = optional_from<double>(j.at("score"));
  row.rank = optional_from<int>(j.at("rank"));
  row.tier = optional_from<std::string>(j.at("tier"));
  row.tiebreak_values = j.at("tiebreak_values").get<std::vector<double>>();
  row.flags = j.at("flags").get<std::vector<std::string>>();
  if (j.contains("round")) {  // decisions of staged competitions (SPEC §12)
    row.round = j.at("round").get<std::string>();
    for (const auto& item : j.at("rounds")) row.rounds.push_back(round_from_json(item));
    row.recommended = j.at("recommended").get<bool>();
  }
  return row;
}

}  // namespace

nlohmann::ordered_json results_to_json(const Results& results) {
  nlohmann::ordered_json pools = nlohmann::ordered_json::array();
  for (const auto& pool : results.pools) {
    nlohmann::ordered_json quotas = nlohmann::ordered_json::array();
    for (const auto& [tier, quota] : pool.quotas) quotas.push_back({tier, quota});
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (const auto& row : pool.rows) rows.push_back(row_to_json(row));
    nlohmann::ordered_json json = {{"kind", pool.kind},
                                   {"group", optional_json(pool.group)},
                                   {"subject", optional_json(pool.subject)},
                                   {"entries", pool.entries},
                                   {"quotas", quotas},
                                   {"rows", rows}};
    if (results.staged) {
      json["rounds"] = nlohmann::ordered_json::array();
      for (const PoolRound& item : pool.rounds)
        json["rounds"].push_back({{"round", item.round},
                                  {"entrants", item.entrants},
                                  {"ranked", item.ranked},
                                  {"advance_quota", optional_json(item.advance_quota)}});
      json["recommend_quota"] = optional_json(pool.recommend_quota);
    }
    pools.push_back(std::move(json));
  }
  nlohmann::ordered_json severities = nlohmann::ordered_json::array();
  for (const auto& s : results.severities)
    severities.push_back({{"judge_id", s.judge_id}, {"kind", s.kind}, {"severity", s.severity}});
  nlohmann::ordered_json document = {{"method", to_string(results.method)},
                                     {"pools", pools},
                                     {"severities", severities},
                                     {"warnings", results.warnings}};
  if (results.staged) document["staged"] = true;
  return document;
}

Results results_from_json(const nlohmann::json& document) {
  Results results;
  results.method = parse_method(document.at("method").get<std::string>()).value_or(Method::Mean);
  for (const auto& p : document.at("pools")) {
    PoolResult pool;
    pool.kind = p.at("kind").get<std::string>();
    pool.group = optional_from<std::string>(p.at("group"));
    pool.subject = optional_from<std::string>(p.at("subject"));
    pool.entries = p.at("entries").get<int>();
    for (const auto& q : p.at("quotas"))
      pool.quotas.emplace_back(q.at(0).get<std::string>(), q.at(1).get<int>());
    for (const auto& r : p.at("rows")) pool.rows.push_back(row_from_json(r));
    if (p.contains("rounds")) {  // SPEC §12
      for (const auto& item : p.at("rounds"))
        pool.rounds.push_back({item.at("round").get<std::string>(), item.at("entrants").get<int>(),
                               item.at("ranked").get<int>(),
                               optional_from<int>(item.at("advance_quota"))});
      pool.recommend_quota = optional_from<int>(p.at("recommend_quota"));
    }
    results.pools.push_back(std::move(pool));
  }
  for (const auto& s : document.at("severities"))
    results.severities.push_back({s.at("judge_id").get<std::string>(),
                                  s.at("kind").get<std::string>(), s.at("severity").get<double>()});
  results.warnings = document.at("warnings").get<std::vector<std::string>>();
  results.staged = document.value("staged", false);
  return results;
}

}  // namespace jury
