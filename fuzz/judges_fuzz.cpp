/// The judges importer (SPEC §4, §10, §15) on any file, first import and re-import.

#include <cstdint>
#include <cstdlib>

#include "fuzz_support.hpp"
#include "importers/judges_importer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& competition = jury::fuzz::competition();
  std::string_view bytes = jury::fuzz::as_text(data, size);
  const jury::Encoding encoding = jury::fuzz::take_encoding(bytes);
  jury::Diagnostics first, again;
  const auto imported = jury::import_judges(bytes, "fuzz.csv", encoding, competition.config, first);
  (void)jury::import_judges(bytes, "fuzz.csv", encoding, competition.config, again,
                            competition.judges);
  for (const auto& j : imported)
    if (j.judge.id.empty() || j.line < 1) std::abort();
  return 0;
}
