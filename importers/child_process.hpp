#pragma once
/// Running a library on hostile input at arm's length: FreeXL 1.0.6 (Debian 12) overflows a
/// buffer on its own stack for some damaged `.xls` files. Run in a child process, such a file can
/// only end that process; jury reports the file as damaged and its own memory stays intact.

#include <functional>
#include <string>

namespace jury {

/// What `work` returned in the child process, or why there is nothing.
struct ChildOutcome {
  bool finished = false;  ///< the child returned normally and its bytes arrived whole
  std::string bytes;      ///< what `work` returned (when finished)
  std::string failure;    ///< why not, in words for a diagnostic (when not finished)
};

/// Runs `work` in a forked child (single-threaded callers only; the child ends with _exit, so
/// no destructor, atexit handler or stdio buffer of the parent runs twice) and returns its bytes.
ChildOutcome run_in_child(const std::function<std::string()>& work);

}  // namespace jury
