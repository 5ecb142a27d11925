/// The Competition's rounds (SPEC §12): which round is current, `advance`, `advance --reopen`
/// and `absent`. Who goes on is judging's select_next_round; this file checks the state, stores
/// the change and audits it.

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "engine/competition.hpp"
#include "engine/errors.hpp"
#include "engine/round_results.hpp"
#include "engine/round_view.hpp"
#include "exporters/sheets.hpp"
#include "importers/table.hpp"
#include "judging/staged_results.hpp"
#include "model/i18n.hpp"
#include "model/labels.hpp"
#include "model/text.hpp"

namespace jury {

namespace {

std::string round_ids(const Config& config) {
  std::vector<std::string> ids;
  for (const Round& round : config.rounds) ids.push_back(round.id);
  return join(ids, ", ");
}

/// "prelim (初评)" in English; 初评（prelim） in Chinese, as the other Chinese round names.
std::string round_name(const Round& round) {
  if (round.label == round.id) return round.id;
  if (i18n::chinese()) return round.label + "（" + round.id + "）";
  return fmt::format("{} ({})", round.id, round.label);
}

/// At most `shown` ids, then "…".
std::string some_ids(const std::vector<std::string>& ids, std::size_t shown = 10) {
  std::vector<std::string> head(
      ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(std::min(shown, ids.size())));
  if (ids.size() > shown) head.push_back("…");
  return join(head, ", ");
}

/// The selection's pool, for model's pool_id and pool_shown (SPEC §10 language).
PoolResult pool_of(const PoolSelection& selection) {
  PoolResult pool;
  pool.kind = selection.kind;
  pool.group = selection.group;
  pool.subject = selection.subject;
  return pool;
}

}  // namespace

std::size_t Competition::current_round() const {
  const std::vector<std::string> opened = store_.opened_rounds();
  if (opened.empty()) throw JuryError(kExitInternal, "the database has no open round");
  const int index = config_.round_index(opened.back());
  if (index < 0)
    throw JuryError(kExitInternal, fmt::format("the current round {} is not a round of the config",
                                               opened.back()));
  return static_cast<std::size_t>(index);
}

std::size_t Competition::round_of(const std::optional<std::string>& id) const {
  if (!id) return current_round();
  const int index = config_.round_index(*id);
  if (index < 0)
    throw UsageError(i18n::trf("unknown round \"{}\"; the rounds are {}", *id, round_ids(config_)));
  const std::size_t current = current_round();
  if (static_cast<std::size_t>(index) > current)
    throw StateError(
        i18n::trf("round {} is not open yet; the current round is {}", *id, round_id(current)));
  return static_cast<std::size_t>(index);
}

AdvanceSummary Competition::advance(Incomplete incomplete) {
  const bool allow_incomplete = incomplete == Incomplete::Allow;
  Store::Transaction transaction(store_);  // the write lock before the checks (SPEC §10)
  refuse_when_awarded("advance");
  const std::size_t round = current_round();
  if (round + 1 >= config_.rounds.size())
    throw StateError(
        i18n::trf("round {} is the last round: there is no round to advance to; `jury award` "
                  "decides the prize tiers",
                  round_id(round)));
  const Advancement next =
      select_next_round(config_, store_.load_entries(), load_rounds(store_, config_, round));
  const bool nothing_ranked =
      std::all_of(next.pools.begin(), next.pools.end(),
                  [](const PoolSelection& pool) { return pool.ranked == 0; });
  if (!next.incomplete.empty() && nothing_ranked && !allow_incomplete)
    throw StateError(i18n::trf(
        "round {} has no complete scores yet: none of its {} entrant(s) going on to {} has {} "
        "complete scores; assign judges, export the sheets and import them filled (`jury status` "
        "shows what is missing)",
        round_id(round), next.incomplete.size(), round_id(round + 1),
        config_.aggregation.min_scores));
  if (!next.incomplete.empty() && !allow_incomplete)
    throw StateError(i18n::trf(
        "{} entrant(s) of round {} going on to {} are incomplete (fewer than {} complete "
        "scores): {}; import the missing sheets (`jury status` lists them), or advance anyway "
        "with `jury advance --allow-incomplete` (they do not go on)",
        next.incomplete.size(), round_id(round), round_id(round + 1),
        config_.aggregation.min_scores, some_ids(next.incomplete)));

  AdvanceSummary summary;
  summary.closed = round_id(round);
  summary.opened = round_id(round + 1);
  summary.left_out = next.incomplete;
  for (const PoolSelection& pool : next.pools)
    summary.pools.push_back({pool.kind, pool_id(pool_of(pool)), pool.ranked, pool.quota,
                             static_cast<int>(pool.going_on.size())});
  const auto message = [&] {
    std::string text = i18n::trf("round {} closed; round {} opened with {} entrant(s)",
                                 round_name(config_.rounds[round]),
                                 round_name(config_.rounds[round + 1]), next.entrants.size());
    for (const PoolSelection& pool : next.pools)
      text += "\n" + i18n::trf("  {}: {} ranked, quota {}, {} go on",
                               pool_shown(config_, pool_of(pool)), pool.ranked, pool.quota,
                               pool.going_on.size());
    if (!next.incomplete.empty())
      text += "\n" + i18n::trf("  incomplete, not going on: {}", join(next.incomplete, ", "));
    return text;
  };
  summary.message = message();

  store_.open_round(summary.opened);
  store_.insert_entrants(summary.opened, next.entrants);
  store_.append_audit(allow_incomplete ? "advance --allow-incomplete" : "advance", "", "",
                      i18n::in_english(message) + "\nentrants: " + join(next.entrants, ", "));
  transaction.commit();
  return summary;
}

std::string Competition::reopen_round() {
  Store::Transaction transaction(store_);  // the write lock before the checks (SPEC §10)
  refuse_when_awarded("advance --reopen");
  const std::size_t round = current_round();
  const std::string& id = round_id(round);
  if (round == 0)
    throw StateError(
        i18n::trf("round {} is the first round: there is no earlier round to reopen", id));
  if (!store_.load_scores(id).empty())
    throw StateError(i18n::trf(
        "round {} already has scores, so round {} cannot be reopened; the selection stands", id,
        round_id(round - 1)));
  const std::size_t entrants = store_.load_entrants(id).size();
  const std::size_t assignments = store_.load_assignments(id).size();
  const auto message = [&] {
    return i18n::trf(
        "round {} dropped ({} entrant(s), {} assignment(s)); round {} is current again", id,
        entrants, assignments, round_name(config_.rounds[round - 1]));
  };
  store_.drop_round(id);
  store_.append_audit("advance --reopen", "", "", i18n::in_english(message));
  transaction.commit();
  return message();
}

std::string Competition::absent(const std::vector<std::string>& entry_ids, Attendance attendance) {
  const bool undo = attendance == Attendance::Present;
  Store::Transaction transaction(store_);  // the write lock before the checks (SPEC §10)
  refuse_when_awarded(undo ? "absent --undo" : "absent");
  const RoundView view = load_round_view(store_, config_, current_round());
  Diagnostics report;
  std::vector<std::string> ids;
  for (const std::string& raw : entry_ids) {
    const std::string id = trim_text(raw);
    const bool entrant = std::any_of(view.entrants.begin(), view.entrants.end(),
                                     [&](const Entry& e) { return e.id == id; });
    if (!entrant)
      report.error("absent", 0, 0, "absent.not-an-entrant",
                   i18n::trf("\"{}\" is not an entrant of round {}", id, view.id));
    else if (std::find(ids.begin(), ids.end(), id) == ids.end())
      ids.push_back(id);
  }
  if (report.has_errors()) throw InputError(report, i18n::tr("nothing changed"));

  // SPEC §12: the absent entrants' unscored assignments of the round go; scores stay stored.
  std::vector<Assignment> dropped;
  if (!undo) {
    const std::set<Assignment> scored = store_.scored_pairs(view.id);
    for (const Assignment& pair : store_.load_assignments(view.id))
      if (std::find(ids.begin(), ids.end(), pair.entry_id) != ids.end() && !scored.count(pair))
        dropped.push_back(pair);
  }
  const auto message = [&] {
    std::string text =
        round_prefix(config_, view.id) + (undo ? i18n::trf("present again: {}", join(ids, ", "))
                                               : i18n::trf("absent: {}", join(ids, ", ")));
    if (!undo) text += i18n::trf("; {} unscored assignment(s) dropped", dropped.size());
    return text;
  };
  if (undo) {
    store_.delete_absences(view.id, ids);
  } else {
    store_.insert_absences(view.id, ids);
    store_.delete_assignments(view.id, dropped);
  }
  std::string change = i18n::in_english(message);
  for (const Assignment& pair : dropped)
    change += "\ndropped " + pair.judge_id + "/" + pair.entry_id;
  store_.append_audit(undo ? "absent --undo" : "absent", "", "", change);
  transaction.commit();
  return message() + (undo ? i18n::tr("; run `jury assign` to give them judges again") : "");
}

namespace {

/// The stem of a sheet file without a `~2` uniqueness suffix (exporters/sheets.hpp).
std::string sheet_stem(const std::string& file) {
  std::string stem = std::filesystem::path(file).stem().string();
  if (const std::size_t tilde = stem.rfind('~'); tilde != std::string::npos) stem.erase(tilde);
  return stem;
}

/// Whether a stem reads `<judge>-<kind>-<round>` for this round: it ends with `-<kind>-<round>`
/// for one of the round's kinds.
bool names_round(const std::string& stem, const Round& round, const Config& config) {
  const std::string suffix = "-" + safe_file_stem(round.id);
  if (!stem.ends_with(suffix)) return false;
  const std::string rest = stem.substr(0, stem.size() - suffix.size());
  return std::any_of(config.kinds.begin(), config.kinds.end(), [&](const Kind& kind) {
    return round.judges_kind(kind.id) && rest.ends_with("-" + safe_file_stem(kind.id));
  });
}

}  // namespace

void Competition::refuse_other_rounds_sheets(const std::vector<std::string>& files) const {
  if (config_.rounds.size() < 2) return;
  const std::size_t current = current_round();
  for (const std::string& file : files) {
    const std::string stem = sheet_stem(file);
    if (names_round(stem, config_.rounds[current], config_)) continue;
    for (std::size_t r = 0; r < config_.rounds.size(); ++r) {
      if (r == current || !names_round(stem, config_.rounds[r], config_)) continue;
      throw StateError(i18n::trf(
          "{} is a score sheet of round {}, which is {}; scores go into the current round {} "
          "(`jury export sheets` writes its sheets `<judge_id>-<kind>-{}`); nothing changed",
          file, round_name(config_.rounds[r]),
          r < current ? i18n::tr("closed (earlier rounds are read-only)")
                      : i18n::tr("not open yet"),
          round_id(current), safe_file_stem(round_id(current))));
    }
  }
}

}  // namespace jury
