#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "engine/config.hpp"
#include "engine/config_reader.hpp"
#include "judging/session_times.hpp"
#include "model/text.hpp"

namespace jury {

namespace config_detail {

namespace {

/// Column names of score sheets (SPEC §5–6): a criterion with such an id would clash with them.
const std::vector<std::string> kSheetColumns{"judge_id", "entry_id",  "title", "comment",
                                             "recuse",   "criterion", "score"};

}  // namespace

Config ConfigReader::read(const Json& root) {
  Config config;
  if (!expect_object(root, "$",
                     {"competition", "groups", "subjects", "kinds", "rubrics", "judging",
                      "aggregation", "ranking", "awards", "rounds", "publication"}))
    return config;
  read_competition(root, config);
  config.groups = read_labelled_list(root, "groups", "group");
  config.subjects = read_labelled_list(root, "subjects", "subject");
  read_rubrics(root, config);
  read_kinds(root, config);
  read_judging(root, config);
  read_aggregation(root, config);
  read_ranking(root, config);
  read_rounds(root, config);
  read_awards(root, config);
  resolve_tier_rounds(config);
  check_recommended_tiers(config);
  read_publication(root, config);
  return config;
}

std::string ConfigReader::known_kinds() const {
  return kind_ids_.empty() ? "none" : fmt::format("{}", fmt::join(kind_ids_, ", "));
}

bool ConfigReader::is_known_kind(const std::string& id) const {
  return std::find(kind_ids_.begin(), kind_ids_.end(), id) != kind_ids_.end();
}

void ConfigReader::error_unknown_kind(const std::string& path, const std::string& kind_id) {
  error(path, "unknown-kind",
        fmt::format("unknown kind {}; kinds are {}", json_quoted(kind_id), known_kinds()));
}

// -------------------------------------------------------------- sections

void ConfigReader::read_competition(const Json& root, Config& config) {
  const std::string path = "$.competition";
  const Json* competition = member(root, "$", "competition", Need::Required);
  if (!competition || !expect_object(*competition, path, {"id", "name", "year"})) return;
  take_id(*competition, path, "id", Need::Required, config.competition_id);
  take_label(*competition, path, "name", config.competition_name);
  take_int(*competition, path, "year", Need::Required, config.year, 1, 9999);
}

/// groups[] / subjects[]: {id,label}, at least one, ids and labels unique (entries files name
/// them by id or label, so two equal labels would be ambiguous).
std::vector<Labelled> ConfigReader::read_labelled_list(const Json& root, std::string_view key,
                                                       std::string_view what) {
  std::vector<Labelled> items;
  const std::string path = member_path("$", key);
  const Json* list = member(root, "$", key, Need::Required);
  if (!list || !expect_nonempty_array(*list, path, what)) return items;
  std::map<std::string, std::string> ids;
  std::vector<std::pair<std::string, std::string>> labels;  // label, path
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string item_path = element_path(path, i);
    const Json& item = (*list)[i];
    if (!expect_object(item, item_path, {"id", "label"})) continue;
    Labelled labelled;
    take_id(item, item_path, "id", Need::Required, labelled.id);
    take_label(item, item_path, "label", labelled.label);
    if (!labelled.id.empty()) check_unique(ids, labelled.id, item_path + ".id");
    if (!labelled.label.empty()) check_label_unique(labels, labelled.label, item_path + ".label");
    items.push_back(std::move(labelled));
  }
  return items;
}

/// Labels compare as entries files match them: ignoring case, width and surrounding spaces.
void ConfigReader::check_label_unique(std::vector<std::pair<std::string, std::string>>& seen,
                                      const std::string& label, const std::string& path) {
  for (const auto& [other, other_path] : seen)
    if (same_word(label, other)) {
      error(path, "duplicate-label",
            fmt::format("duplicate label {} (first at {}); entries name items by id or label, "
                        "so labels must differ",
                        json_quoted(label), other_path));
      return;
    }
  seen.emplace_back(label, path);
}

void ConfigReader::read_rubrics(const Json& root, Config& config) {
  const Json* rubrics = member(root, "$", "rubrics", Need::Required);
  if (!rubrics) return;
  if (!rubrics->is_object()) {
    type_error(*rubrics, "$.rubrics", "an object");
    return;
  }
  rubric_ids_.emplace();
  for (const auto& [id, value] : rubrics->items()) {
    const std::string path = member_path("$.rubrics", id);
    rubric_ids_->insert(id);
    if (!is_id(id))
      error(path, "bad-id",
            fmt::format("invalid rubric id {}; ids are ASCII letters, digits, \"_\" and \"-\"",
                        json_quoted(id)));
    config.rubrics[id] = read_rubric(id, value, path);
  }
}

Rubric ConfigReader::read_rubric(const std::string& id, const Json& value,
                                 const std::string& path) {
  Rubric rubric;
  rubric.id = id;
  if (!expect_object(value, path, {"step", "criteria"})) return rubric;
  bool step_valid = true;
  if (const Json* step = member(value, "step")) {
    const auto number = read_number(*step, path + ".step", {0, true});
    step_valid = number.has_value();
    if (number) rubric.step = *number;
  }
  const Json* criteria = member(value, path, "criteria", Need::Required);
  const std::string criteria_path = path + ".criteria";
  if (!criteria || !expect_nonempty_array(*criteria, criteria_path, "criterion")) return rubric;
  std::map<std::string, std::string> ids;
  for (std::size_t i = 0; i < criteria->size(); ++i) {
    const std::string item_path = element_path(criteria_path, i);
    if (auto criterion =
            read_criterion((*criteria)[i], item_path, step_valid ? &rubric.step : nullptr)) {
      if (!criterion->id.empty()) check_unique(ids, criterion->id, item_path + ".id");
      rubric.criteria.push_back(std::move(*criterion));
    }
  }
  return rubric;
}

/// `step` is null when the rubric's step is itself invalid (then max is not checked against it).
std::optional<Criterion> ConfigReader::read_criterion(const Json& value, const std::string& path,
                                                      const double* step) {
  if (!expect_object(value, path, {"id", "label", "max", "weight"})) return std::nullopt;
  Criterion criterion;
  take_id(value, path, "id", Need::Required, criterion.id);
  take_label(value, path, "label", criterion.label);
  if (!criterion.id.empty()) {
    criterion_ids_.insert(criterion.id);
    for (const auto& column : kSheetColumns)
      if (same_word(criterion.id, column))
        error(path + ".id", "reserved-id",
              fmt::format("{} is a score sheet column name; choose another criterion id",
                          json_quoted(criterion.id)));
  }
  if (const Json* max = member(value, path, "max", Need::Required))
    if (auto number = read_number(*max, path + ".max", {0, true})) {
      criterion.max = *number;
      if (step && !is_multiple_of_step(*number, *step))
        error(path + ".max", "step",
              fmt::format("{} is not a multiple of the rubric step {}", number_text(*number),
                          number_text(*step)));
    }
  criterion.weight = criterion.max;  // SPEC §2: weight defaults to max
  take_number(value, path, "weight", criterion.weight, {0, false});
  return criterion;
}

void ConfigReader::read_kinds(const Json& root, Config& config) {
  const std::string path = "$.kinds";
  const Json* kinds = member(root, "$", "kinds", Need::Required);
  if (!kinds || !expect_nonempty_array(*kinds, path, "kind")) return;
  kinds_known_ = true;
  std::map<std::string, std::string> ids;
  std::vector<std::pair<std::string, std::string>> labels;
  for (std::size_t i = 0; i < kinds->size(); ++i) {
    const std::string item_path = element_path(path, i);
    const Json& item = (*kinds)[i];
    if (!expect_object(item, item_path, {"id", "label", "rubric", "max_students", "max_advisors"}))
      continue;
    Kind kind;
    take_id(item, item_path, "id", Need::Required, kind.id);
    take_label(item, item_path, "label", kind.label);
    if (!kind.id.empty()) {
      check_unique(ids, kind.id, item_path + ".id");
      if (!is_known_kind(kind.id)) kind_ids_.push_back(kind.id);
    }
    if (!kind.label.empty()) check_label_unique(labels, kind.label, item_path + ".label");
    read_kind_rubric(item, item_path, kind);
    take_int(item, item_path, "max_students", Need::Optional, kind.max_students, 0);
    take_int(item, item_path, "max_advisors", Need::Optional, kind.max_advisors, 0);
    config.kinds.push_back(std::move(kind));
  }
}

/// The kind's rubric, by default the kind id (SPEC §2); it must be one of `rubrics`.
void ConfigReader::read_kind_rubric(const Json& item, const std::string& path, Kind& kind) {
  kind.rubric = kind.id;
  const Json* rubric = member(item, "rubric");
  if (rubric) {
    const auto id = read_id(*rubric, path + ".rubric");
    if (!id) return;
    kind.rubric = *id;
  }
  if (!rubric_ids_ || kind.rubric.empty() || rubric_ids_->count(kind.rubric)) return;
  error(rubric ? path + ".rubric" : path, "unknown-rubric",
        fmt::format(
            "unknown rubric {}{}; rubrics are {}", json_quoted(kind.rubric),
            rubric ? "" : " (a kind's rubric defaults to its id)",
            rubric_ids_->empty() ? "none" : fmt::format("{}", fmt::join(*rubric_ids_, ", "))));
}

void ConfigReader::read_judging(const Json& root, Config& config) {
  const std::string path = "$.judging";
  JudgingConfig& judging = config.judging;
  std::map<std::string, int> named;  // judges_per_entry given per kind
  if (const Json* value = member(root, "judging")) {
    if (expect_object(*value, path,
                      {"judges_per_entry", "max_load", "conflicts", "mismatch_cost", "balance_cost",
                       "connect"})) {
      if (const Json* k = member(*value, "judges_per_entry"))
        named = read_judges_per_entry(*k, path + ".judges_per_entry", judging);
      if (const Json* max_load = member(*value, "max_load"); max_load && !max_load->is_null())
        judging.max_load = read_int(*max_load, path + ".max_load", 1);
      if (const Json* conflicts = member(*value, "conflicts"))
        judging.conflicts = read_conflicts(*conflicts, path + ".conflicts");
      take_int(*value, path, "mismatch_cost", Need::Optional, judging.mismatch_cost, 0);
      take_int(*value, path, "balance_cost", Need::Optional, judging.balance_cost, 0);
      if (const Json* connect = member(*value, "connect"))
        if (const auto flag = read_bool(*connect, path + ".connect")) judging.connect = *flag;
    }
  }
  for (const Kind& kind : config.kinds) {
    const auto it = named.find(kind.id);
    judging.judges_per_entry[kind.id] =
        it == named.end() ? judging.default_judges_per_entry : it->second;
  }
}

/// An integer k for every kind, or an object {kind id: k}; kinds not named keep the default 3.
std::map<std::string, int> ConfigReader::read_judges_per_entry(const Json& value,
                                                               const std::string& path,
                                                               JudgingConfig& judging) {
  std::map<std::string, int> named;
  if (value.is_object()) {
    for (const auto& [kind_id, k] : value.items()) {
      const std::string item_path = member_path(path, kind_id);
      if (kinds_known_ && !is_known_kind(kind_id)) error_unknown_kind(item_path, kind_id);
      if (auto number = read_int(k, item_path, 1)) named[kind_id] = *number;
    }
  } else if (value.is_number_integer()) {
    if (auto number = read_int(value, path, 1)) judging.default_judges_per_entry = *number;
  } else {
    type_error(value, path, "an integer or an object {kind id: integer}");
  }
  return named;
}

std::vector<ConflictRule> ConfigReader::read_conflicts(const Json& value, const std::string& path) {
  std::vector<ConflictRule> rules;
  if (!expect_array(value, path)) return rules;
  std::map<std::string, std::string> seen;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string item_path = element_path(path, i);
    if (const auto rule = read_enum<ConflictRule>(value[i], item_path)) {
      check_unique(seen, to_string(*rule), item_path, table_of<ConflictRule>().concept_name);
      rules.push_back(*rule);
    }
  }
  return rules;
}

void ConfigReader::read_aggregation(const Json& root, Config& config) {
  const std::string path = "$.aggregation";
  const Json* value = member(root, "aggregation");
  if (!value || !expect_object(*value, path,
                               {"method", "trim", "min_scores", "precision", "severity_shrinkage",
                                "disagreement", "close"}))
    return;
  AggregationConfig& aggregation = config.aggregation;
  take_enum(*value, path, "method", aggregation.method);
  take_int(*value, path, "trim", Need::Optional, aggregation.trim, 0);
  take_int(*value, path, "min_scores", Need::Optional, aggregation.min_scores, 1);
  take_int(*value, path, "precision", Need::Optional, aggregation.precision, 0, 6);
  take_number(*value, path, "severity_shrinkage", aggregation.severity_shrinkage, {0, false});
  take_number(*value, path, "disagreement", aggregation.disagreement, {0, false});
  take_number(*value, path, "close", aggregation.close, {0, false});
}

void ConfigReader::read_ranking(const Json& root, Config& config) {
  const std::string path = "$.ranking";
  const Json* value = member(root, "ranking");
  if (!value || !expect_object(*value, path, {"tiebreak"})) return;
  const Json* tiebreak = member(*value, "tiebreak");
  if (!tiebreak || !expect_array(*tiebreak, path + ".tiebreak")) return;
  std::map<std::string, std::string> seen;
  for (std::size_t i = 0; i < tiebreak->size(); ++i) {
    const std::string item_path = element_path(path + ".tiebreak", i);
    const auto id = read_string((*tiebreak)[i], item_path);
    if (!id) continue;
    if (rubric_ids_ && !criterion_ids_.count(*id))
      error(
          item_path, "unknown-criterion",
          fmt::format("unknown criterion {}; criteria are {}", json_quoted(*id),
                      criterion_ids_.empty() ? "none"
                                             : fmt::format("{}", fmt::join(criterion_ids_, ", "))));
    check_unique(seen, *id, item_path, "tiebreak criterion");
    config.tiebreak.push_back(*id);
  }
}

/// SPEC §16 `publication`: every member optional, null as absent (what `config show` writes for
/// a blank left to fill by hand).
void ConfigReader::read_publication(const Json& root, Config& config) {
  const std::string path = "$.publication";
  const Json* value = member(root, "publication");
  if (!value || value->is_null() ||
      !expect_object(*value, path, {"notice_days", "contact", "phone", "address", "issued"}))
    return;
  Publication& publication = config.publication;
  const auto present = [&](std::string_view key) -> const Json* {
    const Json* item = member(*value, key);
    return item && !item->is_null() ? item : nullptr;
  };
  if (const Json* days = present("notice_days"))
    publication.notice_days = read_int(*days, path + ".notice_days", 1);
  for (const auto& [key, field] :
       {std::pair{"contact", &publication.contact}, std::pair{"phone", &publication.phone},
        std::pair{"address", &publication.address}})
    if (const Json* text = present(key)) *field = read_label(*text, member_path(path, key));
  if (const Json* issued = present("issued")) {
    const std::string issued_path = path + ".issued";
    const auto text = read_string(*issued, issued_path);
    if (text && !parse_local_date(*text))
      error(issued_path, "bad-date",
            fmt::format("{} is not a date; expected YYYY-MM-DD, e.g. \"{}-05-10\"",
                        json_quoted(*text), config.year > 0 ? config.year : 2021));
    else
      publication.issued = text;
  }
}

}  // namespace config_detail

std::optional<Config> parse_config(std::string_view json_text, const std::string& file,
                                   Diagnostics& report) {
  Diagnostics found;  // this file's problems only: `report` may already hold others
  std::optional<Config> config;
  if (const auto root = read_json(json_text, file, "config", found))
    config = config_detail::ConfigReader(file, found).read(*root);
  const bool failed = found.has_errors();
  report.append(found);
  if (failed) return std::nullopt;
  return config;
}

}  // namespace jury
