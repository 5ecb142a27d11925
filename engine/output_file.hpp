#pragma once
/// Output files the user names (SPEC §10): a path that cannot be written is exit 2 with the path,
/// the reason and what to do; every file is written atomically (exporters/atomic_file.hpp).

#include <string>

#include "engine/errors.hpp"
#include "exporters/atomic_file.hpp"

namespace jury {

/// What to do about an unwritable path, when the reason alone does not say it: "; the folder X
/// does not exist: …", "; X is not a folder", or "".
std::string output_hint(const std::string& path);

/// Throws the OutputError (exit 2) of a failed write of `error.path()`.
[[noreturn]] void throw_output_error(const OutputFileError& error);

/// Runs an export; an output path that cannot be written becomes exit 2 with the path and the
/// reason. The writers leave no partial file and the old file as it was.
template <typename Write>
void guard_output(Write write) {
  try {
    write();
  } catch (const OutputFileError& error) {
    throw_output_error(error);
  }
}

/// Writes a whole output file atomically.
void write_file(const std::string& path, const std::string& bytes);

}  // namespace jury
