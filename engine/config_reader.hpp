#pragma once
/// Internal to the config (engine/config.hpp has the public functions): the section readers of
/// SPEC §2, on a document engine/json_reader.cpp has parsed. The sections are split over
/// config_reader.cpp (competition, groups, subjects, rubrics, kinds, judging, aggregation,
/// ranking), config_awards.cpp (awards) and config_rounds.cpp (rounds, SPEC §12–13, and what
/// the awards say about them).

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/json_fields.hpp"
#include "model/model.hpp"

namespace jury::config_detail {

/// Walks the parsed JSON once, filling a Config and reporting every problem with its path.
/// Items keep their ids in the lists below even when they have other errors, so that a reference
/// to them does not raise a second, misleading error.
class ConfigReader : private JsonFields {
 public:
  ConfigReader(const std::string& file, Diagnostics& report) : JsonFields(file, "config", report) {}

  Config read(const Json& root);

 private:
  // config_reader.cpp
  void read_competition(const Json& root, Config& config);
  std::vector<Labelled> read_labelled_list(const Json& root, std::string_view key,
                                           std::string_view what);
  void check_label_unique(std::vector<std::pair<std::string, std::string>>& seen,
                          const std::string& label, const std::string& path);
  void read_rubrics(const Json& root, Config& config);
  Rubric read_rubric(const std::string& id, const Json& value, const std::string& path);
  std::optional<Criterion> read_criterion(const Json& value, const std::string& path,
                                          const double* step);
  void read_kinds(const Json& root, Config& config);
  void read_kind_rubric(const Json& item, const std::string& path, Kind& kind);
  void read_judging(const Json& root, Config& config);
  std::map<std::string, int> read_judges_per_entry(const Json& value, const std::string& path,
                                                   JudgingConfig& judging);
  std::vector<ConflictRule> read_conflicts(const Json& value, const std::string& path);
  void read_aggregation(const Json& root, Config& config);
  void read_ranking(const Json& root, Config& config);
  void read_publication(const Json& root, Config& config);

  // config_awards.cpp
  void read_awards(const Json& root, Config& config);
  AwardPolicy read_award_policy(const Json& value, const std::string& path);
  std::vector<std::string> read_pool_by(const Json& value, const std::string& path);
  std::vector<Tier> read_tiers(const Json& value, const std::string& path);
  std::optional<Tier> read_tier(const Json& value, const std::string& path);
  std::optional<Decimal> read_share(const Json& value, const std::string& path);
  void read_quota(const Json& value, const std::string& path, std::string_view what,
                  std::optional<int>& count, std::optional<Decimal>& share);
  std::optional<Recommendation> read_recommendation(const Json& value, const std::string& path);

  // config_rounds.cpp
  void read_rounds(const Json& root, Config& config);
  Round default_round(const Config& config) const;
  std::optional<Round> read_round(const Json& value, const std::string& path, std::size_t index,
                                  const Config& config);
  std::vector<std::string> read_round_kinds(const Json& value, const std::string& path,
                                            const std::vector<std::string>& previous);
  void read_round_k(const Json& value, const std::string& path, Round& round);
  void read_round_rubrics(const Json& value, const std::string& path, Round& round);
  void read_advance(const Json* value, const std::string& path, std::size_t index, Round& round);
  std::optional<AdvanceRule> read_advance_rule(const Json& value, const std::string& path);
  void read_weights(const Json* value, const std::string& path, const Config& config, Round& round);
  std::optional<Interviews> read_interviews(const Json& value, const std::string& path);
  void check_kinds_judged(const Config& config);
  void resolve_tier_rounds(Config& config);
  void resolve_kind_tier_rounds(const Config& config, const std::string& kind_id,
                                AwardPolicy& policy);
  void check_recommended_tiers(const Config& config);
  bool is_round_kind(const Round& round, const std::string& kind_id, const std::string& path);

  std::string known_kinds() const;
  bool is_known_kind(const std::string& id) const;
  void error_unknown_kind(const std::string& path, const std::string& kind_id);

  bool kinds_known_ = false;                         // kinds[] was readable
  std::vector<std::string> kind_ids_;                // in file order
  std::optional<std::set<std::string>> rubric_ids_;  // nullopt when rubrics is unreadable
  std::set<std::string> criterion_ids_;              // of all rubrics
};

}  // namespace jury::config_detail
