#pragma once
/// Runs the real `jury` executable in a scratch directory, as a user or a script would.

#include <sys/wait.h>
#include <unistd.h>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>

namespace jury::testing {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

/// A fresh scratch directory per test, holding the database and every file the test writes. The
/// process id keeps two test runs at once (two checkouts, ctest -j) out of each other's files;
/// the directory is removed at the end unless JURY_KEEP_SCRATCH is set (to look at it).
class Scratch {
 public:
  explicit Scratch(const std::string& name)
      : dir_(std::filesystem::temp_directory_path() /
             ("jury-cli-" + name + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  ~Scratch() {
    if (std::getenv("JURY_KEEP_SCRATCH") != nullptr) return;
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  const std::filesystem::path& dir() const { return dir_; }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  /// `jury --db <scratch>/jury.db ARGS`, run from the scratch directory.
  RunResult jury(const std::string& args) const {
    return run("--db '" + path("jury.db") + "' " + args);
  }

  /// `jury ARGS` exactly as given (no --db added), run from the scratch directory.
  RunResult run(const std::string& args) const {
    const std::string out = path(".out"), err = path(".err");
    const std::string command = "cd '" + dir_.string() + "' && JURY_NOW=2021-11-01T00:00:00Z '" +
                                std::string(JURY_BINARY) + "' " + args + " >'" + out + "' 2>'" +
                                err + "'";
    const int status = std::system(command.c_str());
    RunResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = read_text(out);
    result.err = read_text(err);
    return result;
  }

 private:
  std::filesystem::path dir_;
};

inline std::string fixture(const std::string& relative) {
  return std::string(JURY_FIXTURES_DIR) + "/" + relative;
}

}  // namespace jury::testing
