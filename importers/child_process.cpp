#include "importers/child_process.hpp"

#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>

#include "model/i18n.hpp"

// Under a sanitizer with libFuzzer, a crash in the child would run the fuzzer's death callback
// there and record the parent's input as a crash; the child clears it (weak: absent otherwise).
// NOLINTNEXTLINE(bugprone-reserved-identifier): the sanitizer runtime's own name
extern "C" __attribute__((weak)) void __sanitizer_set_death_callback(void (*callback)());

namespace jury {

namespace {

/// Far beyond what the largest .xls (65,536 × 256 cells) takes to read.
constexpr unsigned kChildSeconds = 600;

bool write_all(int fd, const std::string& bytes) {
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    written += static_cast<std::size_t>(n);
  }
  return true;
}

[[noreturn]] void be_the_child(int out, const std::function<std::string()>& work) {
  if (__sanitizer_set_death_callback) __sanitizer_set_death_callback(nullptr);
  // A library caught in a loop must not hang the import: the default action of SIGALRM ends the
  // child (libFuzzer's own timer handler is replaced first).
  std::signal(SIGALRM, SIG_DFL);
  ::alarm(kChildSeconds);
  int status = 1;
  try {
    status = write_all(out, work()) ? 0 : 1;
  } catch (...) {
    status = 1;
  }
  ::close(out);
  ::_exit(status);
}

std::string read_all(int fd) {
  std::string bytes;
  std::array<char, 65536> buffer{};
  for (;;) {
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    bytes.append(buffer.data(), static_cast<std::size_t>(n));
  }
  return bytes;
}

std::string ending(int status) {
  if (WIFSIGNALED(status)) {
    const int signal = WTERMSIG(status);
    const char* name = ::strsignal(signal);
    return i18n::trf("the reading process was stopped by signal {} ({})", signal,
                     name ? name : "?");
  }
  return i18n::trf("the reading process ended with status {}", WEXITSTATUS(status));
}

}  // namespace

ChildOutcome run_in_child(const std::function<std::string()>& work) {
  std::array<int, 2> pipe_ends{};
  if (::pipe(pipe_ends.data()) != 0)
    return {false, {}, i18n::trf("cannot start a reading process: {}", std::strerror(errno))};
  const pid_t child = ::fork();
  if (child < 0) {
    const int error = errno;
    ::close(pipe_ends[0]);
    ::close(pipe_ends[1]);
    return {false, {}, i18n::trf("cannot start a reading process: {}", std::strerror(error))};
  }
  if (child == 0) {
    ::close(pipe_ends[0]);
    be_the_child(pipe_ends[1], work);
  }
  ::close(pipe_ends[1]);
  std::string bytes = read_all(pipe_ends[0]);
  ::close(pipe_ends[0]);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0)
    if (errno != EINTR)
      return {false, {}, i18n::trf("lost the reading process: {}", std::strerror(errno))};
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return {true, std::move(bytes), {}};
  return {false, {}, ending(status)};
}

}  // namespace jury
