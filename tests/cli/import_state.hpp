#pragma once
/// Shared by the import tests of the CLI: what proves that a refused import changed nothing.

#include <catch2/catch.hpp>

#include <string>

#include "cli_runner.hpp"

namespace jury::testing {

/// Everything observable about the competition's state, to prove a refused import changed nothing.
inline std::string state_of(const Scratch& s) {
  const auto status = s.jury("status --json");
  const auto audit = s.jury("audit --json");
  REQUIRE(status.exit_code == 0);
  REQUIRE(audit.exit_code == 0);
  return status.out + audit.out;
}

inline void run_ok(const Scratch& s, const std::string& args) {
  const auto r = s.jury(args);
  INFO(args << "\n" << r.err);
  REQUIRE(r.exit_code == 0);
}

}  // namespace jury::testing
