/// `jury assign --explain ENTRY_ID` (SPEC §5): why the entry has the judges it has, and why each
/// other judge is not among them.

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <utility>

#include "judging/assign_problem.hpp"
#include "judging/assignment.hpp"
#include "judging/conflicts.hpp"
#include "model/i18n.hpp"

namespace jury {

namespace {

using detail::AssignProblem;
using detail::Exclusion;

/// Why a judge is not on the entry, in the order the explanation lists them: hard rules first
/// (they are never broken; conflicts by rule, in the order of the rules), then the cost reasons
/// of the optimisation.
enum class NotChosen {
  Conflict,
  Recused,
  Withdrawn,
  Kind,
  AtLimit,
  NotExpert,
  Busier,
  Tie,
  NeededElsewhere,
  Available
};

/// A reason and, for conflicts, the rule: the key the explanation groups judges by.
using ReasonKey = std::pair<NotChosen, ConflictRule>;

std::string heading(const ReasonKey& reason, const Config& config, const Entry& e) {
  switch (reason.first) {
    case NotChosen::Conflict:
      return i18n::trf("conflict of interest, {}", conflict_rule_spec(reason.second).explain(e));
    case NotChosen::Recused:
      return i18n::tr("recused from this entry on a score sheet");
    case NotChosen::Withdrawn:
      return i18n::tr("withdrawn");
    case NotChosen::Kind:
      return i18n::trf("may not judge {}", kind_label(config, e.kind));
    case NotChosen::AtLimit:
      return i18n::tr("already at their limit of entries");
    case NotChosen::NotExpert:
      return i18n::trf("not expert in {}, so a chosen judge suits it better",
                       subject_label(config, e.subject));
    case NotChosen::Busier:
      return i18n::tr(
          "would then judge more entries than the chosen judges (work is spread evenly)");
    case NotChosen::Tie:
      return i18n::tr("just as suitable as a chosen judge; the seed picked among equals");
    case NotChosen::NeededElsewhere:
      return i18n::tr(
          "would suit this entry, but other entries need them more (best for all entries "
          "together)");
    case NotChosen::Available:
      return i18n::tr(
          "free and without conflict: can take an open place at the next `jury assign`");
  }
  return "";
}

/// The entry and its current judges, as the explanation sees them.
class Explanation {
 public:
  Explanation(const AssignProblem& p, std::size_t e, const std::vector<Assignment>& current)
      : p_(p), e_(e), entry_(p.entries()[e]), subject_(p.subject_of(e)) {
    for (const Assignment& a : current) {
      ++load_[a.judge_id];
      if (a.entry_id == entry_.id) chosen_.push_back(a.judge_id);
    }
    std::sort(chosen_.begin(), chosen_.end());
  }

  std::vector<std::string> lines() const {
    std::vector<std::string> out = heading_lines();
    for (const std::string& id : chosen_)
      if (const std::size_t j = p_.judge_index(id); j != AssignProblem::npos)
        out.push_back(chosen_line(j));
    if (!entry_.active()) return out;
    add_not_chosen(out);
    out.emplace_back(i18n::tr(
        "How judges are chosen: conflicts of interest and each judge's limit are never broken; "
        "within them every entry gets experts in its subject where possible and the work is "
        "spread evenly, the best total for all entries together."));
    return out;
  }

 private:
  std::int64_t load_of(const std::string& id) const {
    const auto it = load_.find(id);
    return it == load_.end() ? std::int64_t{0} : it->second;
  }
  std::string who(std::size_t j) const { return p_.judges()[j].id + " " + p_.judges()[j].name; }
  int needed() const { return p_.k(e_); }
  bool places_open() const { return static_cast<int>(chosen_.size()) < needed(); }

  /// The marginal cost of the costliest chosen judge: a judge dearer than that lost on cost.
  std::int64_t costliest_chosen() const {
    std::int64_t costliest = 0;
    for (const std::string& id : chosen_)
      if (const std::size_t j = p_.judge_index(id); j != AssignProblem::npos)
        costliest =
            std::max(costliest, p_.cost(j, subject_) + p_.balance_cost() * (load_of(id) - 1));
    return costliest;
  }

  std::vector<std::string> heading_lines() const {
    const Config& config = p_.config();
    std::vector<std::string> about{kind_label(config, entry_.kind),
                                   subject_label(config, entry_.subject), entry_.school};
    if (!entry_.district.empty()) about.push_back(entry_.district);
    std::vector<std::string> out{
        fmt::format("{} «{}» ({})", entry_.id, entry_.title, fmt::join(about, i18n::tr(", ")))};
    if (!entry_.active())
      out.emplace_back(i18n::tr("The entry is withdrawn or disqualified: it gets no judges."));
    else
      out.push_back(
          places_open()
              ? i18n::trnf(
                    "{} judge needed, {} assigned so far:", "{} judges needed, {} assigned so far:",
                    static_cast<unsigned long>(needed()), needed(), chosen_.size())
              : i18n::trnf("{} judge needed, {} assigned:", "{} judges needed, {} assigned:",
                           static_cast<unsigned long>(needed()), needed(), chosen_.size()));
    return out;
  }

  std::string chosen_line(std::size_t j) const {
    const Judge& judge = p_.judges()[j];
    const std::string subject = subject_label(p_.config(), entry_.subject);
    const std::string expertise =
        judge.expertise.empty()  ? std::string(i18n::tr("lists no expertise (suits any subject)"))
        : p_.expert(j, subject_) ? i18n::trf("expert in {}", subject)
                                 : i18n::trf("not expert in {}", subject);
    const auto load = static_cast<unsigned long>(load_of(judge.id));
    std::string line = "  " + i18n::trnf("{}: {}; judges {} entry (limit {})",
                                         "{}: {}; judges {} entries (limit {})", load, who(j),
                                         expertise, load, p_.capacity(j));
    switch (p_.exclusion(j, e_)) {
      case Exclusion::InactiveJudge:
        return line + i18n::tr("; withdrawn since, kept for the scores given");
      case Exclusion::Kind:
        return line + i18n::tr("; may no longer judge this kind, kept for the scores given");
      case Exclusion::Conflict:
        return line + i18n::tr("; conflicted since, kept for the scores given");
      default:
        return line;
    }
  }

  /// Why judge j (eligible or not) is not on the entry, and a detail for the list.
  std::pair<ReasonKey, std::string> not_chosen(std::size_t j, std::int64_t costliest) const {
    const auto reason = [](NotChosen why) { return ReasonKey{why, ConflictRule{}}; };
    switch (p_.exclusion(j, e_)) {
      case Exclusion::InactiveJudge:
        return {reason(NotChosen::Withdrawn), ""};
      case Exclusion::Kind:
        return {reason(NotChosen::Kind), ""};
      case Exclusion::Conflict:
        return {{NotChosen::Conflict, *p_.conflicts().conflict(j, e_)}, ""};
      case Exclusion::Recused:
        return {reason(NotChosen::Recused), ""};
      case Exclusion::InactiveEntry:
      case Exclusion::AlreadyAssigned:
      case Exclusion::None:
        break;
    }
    const std::int64_t load = load_of(p_.judges()[j].id);
    const std::int64_t cost = p_.cost(j, subject_) + p_.balance_cost() * load;
    if (load >= p_.capacity(j))
      return {reason(NotChosen::AtLimit), i18n::trf(" ({} of {})", load, p_.capacity(j))};
    if (places_open()) return {reason(NotChosen::Available), ""};
    if (cost > costliest && !p_.expert(j, subject_) && p_.mismatch_cost() > 0)
      return {reason(NotChosen::NotExpert), ""};
    if (cost > costliest)
      return {reason(NotChosen::Busier), i18n::trf(" (would judge {})", load + 1)};
    if (cost == costliest) return {reason(NotChosen::Tie), ""};
    return {reason(NotChosen::NeededElsewhere), ""};
  }

  /// What the clerk must do next: run assign, or first find judges for the open places.
  std::string open_places_line(std::size_t free) const {
    const auto open = static_cast<std::size_t>(needed()) - chosen_.size();
    if (free >= open)
      return i18n::trnf("`jury assign` fills the {} open place.",
                        "`jury assign` fills the {} open places.", open, open);
    return i18n::trnf(
        "Only {} can take its {} open place: `jury assign` fails until judges are added or "
        "their limits raised.",
        "Only {} can take its {} open places: `jury assign` fails until judges are added or "
        "their limits raised.",
        open, i18n::trnf("{} judge", "{} judges", free, free), open);
  }

  void add_not_chosen(std::vector<std::string>& out) const {
    std::vector<std::size_t> others;
    for (std::size_t j = 0; j < p_.judges().size(); ++j)
      if (!std::binary_search(chosen_.begin(), chosen_.end(), p_.judges()[j].id))
        others.push_back(j);
    std::sort(others.begin(), others.end(),
              [&](std::size_t a, std::size_t b) { return p_.judges()[a].id < p_.judges()[b].id; });
    const std::int64_t costliest = costliest_chosen();
    std::map<ReasonKey, std::vector<std::string>> groups;
    for (std::size_t j : others) {
      auto [reason, detail] = not_chosen(j, costliest);
      groups[reason].push_back(who(j) + detail);
    }
    if (places_open())
      out.push_back(open_places_line(groups[ReasonKey{NotChosen::Available, {}}].size()));
    if (!others.empty()) out.emplace_back(i18n::tr("Not chosen:"));
    for (const auto& [reason, judges] : groups)
      if (!judges.empty())
        out.push_back(i18n::trf("  {} — {}: {}", judges.size(),
                                heading(reason, p_.config(), entry_),
                                fmt::join(judges, i18n::tr(", "))));
  }

  const AssignProblem& p_;
  std::size_t e_;
  const Entry& entry_;
  int subject_;
  std::map<std::string, std::int64_t> load_;
  std::vector<std::string> chosen_;  ///< judge ids, sorted
};

}  // namespace

std::vector<std::string> explain_assignment(const AssignmentInput& input,
                                            const std::vector<Assignment>& current,
                                            const std::string& entry_id) {
  const AssignProblem p(input);
  const std::size_t e = p.entry_index(entry_id);
  if (e == AssignProblem::npos) return {i18n::trf("unknown entry {}", entry_id)};
  return Explanation(p, e, current).lines();
}

}  // namespace jury
