#pragma once
/// One exception type per concern; each carries its exit code (SPEC §10), mapped in one place in
/// the CLI. Bad input is reported through InputError with all its Diagnostics, never piecemeal.

#include <stdexcept>
#include <string>
#include <vector>

#include "model/diagnostics.hpp"
#include "model/i18n.hpp"

namespace jury {

enum ExitCode : int {
  kExitOk = 0,
  kExitUsage = 1,
  kExitInvalidInput = 2,
  kExitState = 3,
  kExitInfeasible = 4,
  kExitInternal = 5,
};

class JuryError : public std::runtime_error {
 public:
  JuryError(int exit_code, const std::string& message)
      : std::runtime_error(message), exit_code_(exit_code) {}
  int exit_code() const { return exit_code_; }

 private:
  int exit_code_;
};

/// Wrong command line use (exit 1).
class UsageError : public JuryError {
 public:
  explicit UsageError(const std::string& m) : JuryError(kExitUsage, i18n::tr("usage: ") + m) {}
};

/// Invalid user input; nothing was changed (exit 2). Carries every problem found.
class InputError : public JuryError {
 public:
  explicit InputError(Diagnostics diagnostics,
                      const std::string& summary = i18n::tr("invalid input, nothing changed"))
      : JuryError(kExitInvalidInput, summary), diagnostics_(std::move(diagnostics)) {}
  explicit InputError(const std::string& file, const std::string& message)
      : JuryError(kExitInvalidInput, message) {
    diagnostics_.error(file, 0, 0, "input", message);
  }
  const Diagnostics& diagnostics() const { return diagnostics_; }

 private:
  Diagnostics diagnostics_;
};

/// A path the user named cannot be written (exit 2, SPEC §10): the message names the path and
/// the operating system's reason; nothing was written and an existing file is as it was.
class OutputError : public JuryError {
 public:
  explicit OutputError(const std::string& m) : JuryError(kExitInvalidInput, m) {}
};

/// The competition's state does not allow the command (exit 3), e.g. award while incomplete.
class StateError : public JuryError {
 public:
  explicit StateError(const std::string& m) : JuryError(kExitState, m) {}
};

/// Judge assignment (or the interview timetable, SPEC §13) has no solution (exit 4);
/// `problems` explain why, one line each.
class InfeasibleError : public JuryError {
 public:
  explicit InfeasibleError(
      std::vector<std::string> problems,
      const std::string& summary = i18n::tr("assignment infeasible, nothing changed"))
      : JuryError(kExitInfeasible, summary), problems_(std::move(problems)) {}
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::vector<std::string> problems_;
};

}  // namespace jury
