#include "engine/output_file.hpp"

#include <fmt/format.h>

#include <filesystem>

namespace fs = std::filesystem;

namespace jury {

std::string output_hint(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  const std::string folder = parent.empty() ? std::string(".") : parent.string();
  std::error_code ec;
  if (!fs::exists(folder, ec))
    return fmt::format("; the folder {} does not exist: create it first or choose another path",
                       folder);
  if (!fs::is_directory(folder, ec)) return fmt::format("; {} is not a folder", folder);
  return "";
}

void throw_output_error(const OutputFileError& error) {
  throw OutputError(fmt::format("cannot write {}: {}{}; nothing was written", error.path(),
                                error.reason(), output_hint(error.path())));
}

void write_file(const std::string& path, const std::string& bytes) {
  guard_output([&] { write_file_atomically(path, bytes); });
}

}  // namespace jury
