/// The entries importer (SPEC §3, §10, §15) on any file, as a first import and as a re-import
/// over the entries already stored (one of them scored).

#include <cstdint>
#include <cstdlib>

#include "fuzz_support.hpp"
#include "importers/entries_importer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& competition = jury::fuzz::competition();
  std::string_view bytes = jury::fuzz::as_text(data, size);
  const jury::Encoding encoding = jury::fuzz::take_encoding(bytes);
  const std::set<std::string> scored{competition.entries.front().id};
  jury::Diagnostics first, again;
  const auto imported =
      jury::import_entries(bytes, "fuzz.csv", encoding, competition.config, {}, {}, first);
  (void)jury::import_entries(bytes, "fuzz.csv", encoding, competition.config, competition.entries,
                             scored, again);
  for (const auto& e : imported)
    if (e.entry.id.empty() || e.line < 1) std::abort();
  return 0;
}
