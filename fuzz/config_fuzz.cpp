/// The config loader (SPEC §2, §10): any text through read_json and every section reader. A
/// config that loads is written back by config_to_json and must load again (the round trip
/// `jury config show` and the database rely on).

#include <cstdint>
#include <cstdlib>

#include "engine/config.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  jury::Diagnostics report;
  const auto config = jury::parse_config(jury::fuzz::as_text(data, size), "fuzz.json", report);
  if (config.has_value() == report.has_errors()) std::abort();
  if (!config) return 0;
  jury::Diagnostics again;
  const auto written = jury::config_to_json(*config).dump();
  const auto reread = jury::parse_config(written, "written.json", again);
  if (!reread || jury::config_to_json(*reread).dump() != written) std::abort();
  return 0;
}
