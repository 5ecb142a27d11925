#include "model/model.hpp"

#include <algorithm>
#include <stdexcept>

#include "model/text.hpp"

namespace jury {

namespace {
template <typename T>
int index_of(const std::vector<T>& items, const std::string& id) {
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].id == id) return static_cast<int>(i);
  return -1;
}
}  // namespace

bool is_id(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

const Kind* Config::find_kind(const std::string& id) const {
  const int i = index_of(kinds, id);
  return i < 0 ? nullptr : &kinds[static_cast<std::size_t>(i)];
}

const Rubric& Config::rubric_of(const std::string& kind_id) const {
  const Kind* kind = find_kind(kind_id);
  if (!kind) throw std::out_of_range("unknown kind " + kind_id);
  return rubrics.at(kind->rubric);
}

int Config::judges_per_entry(const std::string& kind_id) const {
  const auto it = judging.judges_per_entry.find(kind_id);
  return it == judging.judges_per_entry.end() ? judging.default_judges_per_entry : it->second;
}

int Config::group_index(const std::string& id) const {
  return index_of(groups, id);
}
int Config::subject_index(const std::string& id) const {
  return index_of(subjects, id);
}
int Config::kind_index(const std::string& id) const {
  return index_of(kinds, id);
}
int Config::round_index(const std::string& id) const {
  return index_of(rounds, id);
}

bool Round::judges_kind(const std::string& kind_id) const {
  return kinds.empty() || std::find(kinds.begin(), kinds.end(), kind_id) != kinds.end();
}

bool Config::staged() const {
  return has_rounds || std::any_of(awards.begin(), awards.end(), [](const auto& item) {
           return item.second.recommend.has_value();
         });
}

std::vector<std::size_t> Config::rounds_of_kind(const std::string& kind_id) const {
  std::vector<std::size_t> indices;
  for (std::size_t r = 0; r < rounds.size(); ++r)
    if (rounds[r].judges_kind(kind_id)) indices.push_back(r);
  return indices;
}

int Config::tier_round(const std::string& kind_id, const Tier& tier) const {
  if (!tier.round.empty()) return round_index(tier.round);
  const std::vector<std::size_t> own = rounds_of_kind(kind_id);
  return own.empty() ? -1 : static_cast<int>(own.back());
}

std::vector<std::optional<Decimal>> Config::round_weights(std::size_t r) const {
  std::vector<std::optional<Decimal>> weights(r + 1);
  if (rounds[r].weights.empty()) weights[r] = Decimal{1, 1};
  for (const auto& [id, weight] : rounds[r].weights) {
    const int q = round_index(id);
    if (q >= 0 && static_cast<std::size_t>(q) <= r) weights[static_cast<std::size_t>(q)] = weight;
  }
  return weights;
}

Config Config::for_round(std::size_t r) const {
  const Round& round = rounds.at(r);
  Config view = *this;
  view.kinds.clear();
  for (Kind kind : kinds) {
    if (!round.judges_kind(kind.id)) continue;
    if (const auto rubric = round.rubrics.find(kind.id); rubric != round.rubrics.end())
      kind.rubric = rubric->second;
    if (const auto k = round.judges_per_entry.find(kind.id); k != round.judges_per_entry.end())
      view.judging.judges_per_entry[kind.id] = k->second;
    view.kinds.push_back(std::move(kind));
  }
  if (round.method) view.aggregation.method = *round.method;
  return view;
}

std::string label_of(const std::vector<Labelled>& items, const std::string& id) {
  const int i = index_of(items, id);
  return i < 0 ? id : items[static_cast<std::size_t>(i)].label;
}

std::string kind_label(const Config& config, const std::string& id) {
  const Kind* kind = config.find_kind(id);
  return kind ? kind->label : id;
}

std::string group_label(const Config& config, const std::string& id) {
  return label_of(config.groups, id);
}

std::string subject_label(const Config& config, const std::string& id) {
  return label_of(config.subjects, id);
}

const Tier* find_tier(const Config& config, const std::string& kind_id,
                      const std::string& tier_id) {
  const auto policy = config.awards.find(kind_id);
  if (policy == config.awards.end()) return nullptr;
  for (const Tier& tier : policy->second.tiers)
    if (tier.id == tier_id) return &tier;
  return nullptr;
}

std::vector<std::string> pool_split_labels(const Config& config, const PoolResult& pool) {
  std::vector<std::string> labels;
  if (pool.group) labels.push_back(group_label(config, *pool.group));
  if (pool.subject) labels.push_back(subject_label(config, *pool.subject));
  return labels;
}

std::string pool_id(const PoolResult& pool) {
  std::string id = pool.kind;
  if (pool.group) id += "/" + *pool.group;
  if (pool.subject) id += "/" + *pool.subject;
  return id;
}

std::string pool_label(const Config& config, const PoolResult& pool) {
  std::vector<std::string> parts{kind_label(config, pool.kind)};
  for (std::string& label : pool_split_labels(config, pool)) parts.push_back(std::move(label));
  return join(parts, " / ");
}

bool Judge::may_score(const std::string& kind_id) const {
  return kinds.empty() || std::find(kinds.begin(), kinds.end(), kind_id) != kinds.end();
}

bool Judge::serves_in(const std::string& round_id) const {
  return rounds.empty() || std::find(rounds.begin(), rounds.end(), round_id) != rounds.end();
}

}  // namespace jury
