/// The scores importer (SPEC §6, §10, §15) on any sheet, against the heldout-like competition with
/// every judge assigned to every entry, nothing stored: every row returned is of a known pair.

#include <cstdint>
#include <cstdlib>

#include "fuzz_support.hpp"
#include "importers/scores_importer.hpp"

namespace {

struct Context {
  std::map<std::string, jury::Entry> entries;
  std::set<std::string> judge_ids;
  std::set<jury::Assignment> assigned;
};

const Context& context() {
  static const Context loaded = [] {
    Context c;
    const auto& competition = jury::fuzz::competition();
    for (const auto& e : competition.entries) c.entries[e.id] = e;
    for (const auto& j : competition.judges) c.judge_ids.insert(j.id);
    for (const auto& j : competition.judges)
      for (const auto& e : competition.entries) c.assigned.insert({j.id, e.id});
    return c;
  }();
  return loaded;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Context& c = context();
  const auto& config = jury::fuzz::competition().config;
  std::string_view bytes = jury::fuzz::as_text(data, size);
  const jury::Encoding encoding = jury::fuzz::take_encoding(bytes);
  static const jury::ScoreIndex index(c.entries, c.judge_ids, c.assigned);
  const jury::ScoreContext context{config, index};
  jury::Diagnostics report;
  for (const auto& score : jury::import_scores(bytes, "fuzz.csv", encoding, context, report))
    if (!c.judge_ids.contains(score.row.judge_id) || !c.entries.contains(score.row.entry_id) ||
        !score.pair || !c.assigned.contains(*score.pair))
      std::abort();
  return 0;
}
