#include "exporters/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>

#include <fmt/format.h>

namespace jury {

OutputFileError::OutputFileError(std::string path, std::string reason)
    : std::runtime_error(fmt::format("{}: cannot write the file: {}", path, reason)),
      path_(std::move(path)),
      reason_(std::move(reason)) {}

namespace {

std::string os_reason(int error) {
  return std::strerror(error);
}

/// Writes every byte to `fd`, retrying short writes and EINTR; 0, or the errno of the failure
/// (ENOSPC when write returns 0).
int write_all_to(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return written < 0 ? errno : ENOSPC;
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
  return 0;
}

/// A reserved temporary file next to the target: created exclusively (never an existing file,
/// never through a link), removed again unless it was renamed over the target.
class TemporaryFile {
 public:
  explicit TemporaryFile(const std::string& target) : target_(target) {
    const std::filesystem::path path(target);
    const std::filesystem::path folder = path.parent_path();
    std::random_device entropy;
    for (int attempt = 0; attempt < 100; ++attempt) {
      const std::string name =
          fmt::format(".{}.{:08x}{:08x}.tmp", path.filename().string(), entropy(), entropy());
      path_ = (folder / name).string();
      fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
      if (fd_ >= 0) return;
      if (errno != EEXIST) throw OutputFileError(target_, os_reason(errno));
    }
    throw OutputFileError(target_, "no unused temporary file name in its folder");
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  ~TemporaryFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!renamed_) ::unlink(path_.c_str());
  }

  const std::string& path() const { return path_; }

  void write_all(std::string_view bytes) {
    if (const int error = write_all_to(fd_, bytes)) fail(error);
  }

  /// After another writer used the path: it must still be the regular file reserved here (no
  /// link or other file put in its place) and hold something.
  void check_still_reserved() {
    struct stat reserved {};
    struct stat now {};
    if (::fstat(fd_, &reserved) != 0) fail(errno);
    if (::lstat(path_.c_str(), &now) != 0) fail(errno);
    if (!S_ISREG(now.st_mode) || now.st_dev != reserved.st_dev || now.st_ino != reserved.st_ino)
      throw OutputFileError(target_, "the temporary file was replaced while it was written");
    if (now.st_size == 0) throw OutputFileError(target_, "nothing was written");
  }

  /// Flush to disk, close (both checked), rename over the target, and make the rename durable.
  void commit() {
    if (::fsync(fd_) != 0) fail(errno);
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) fail(errno);
    if (::rename(path_.c_str(), target_.c_str()) != 0) fail(errno);
    renamed_ = true;
    sync_folder();
  }

 private:
  [[noreturn]] void fail(int error) { throw OutputFileError(target_, os_reason(error)); }

  /// The folder's entry for the new file reaches the disk too; a failure here cannot undo the
  /// rename and the data is already safe, so it is not an error.
  void sync_folder() const {
    const std::filesystem::path parent = std::filesystem::path(target_).parent_path();
    const std::filesystem::path folder = parent.empty() ? std::filesystem::path(".") : parent;
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
  }

  std::string target_;
  std::string path_;
  int fd_ = -1;
  bool renamed_ = false;
};

/// A target that exists and is not a regular file (a terminal, a pipe, /dev/stdout) cannot be
/// replaced by renaming: renaming would put a plain file where the device or its link was.
bool is_stream_target(const std::string& path) {
  struct stat target {};
  return ::stat(path.c_str(), &target) == 0 && !S_ISREG(target.st_mode) && !S_ISDIR(target.st_mode);
}

void write_stream(const std::string& path, std::string_view bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) throw OutputFileError(path, os_reason(errno));
  if (const int error = write_all_to(fd, bytes)) {
    ::close(fd);
    throw OutputFileError(path, os_reason(error));
  }
  if (::close(fd) != 0) throw OutputFileError(path, os_reason(errno));
}

}  // namespace

void write_file_atomically(const std::string& path, std::string_view bytes) {
  if (is_stream_target(path)) return write_stream(path, bytes);
  TemporaryFile file(path);
  file.write_all(bytes);
  file.commit();
}

void write_file_atomically_with(const std::string& path,
                                const std::function<void(const std::string&)>& write) {
  if (is_stream_target(path)) return write(path);
  TemporaryFile file(path);
  try {
    write(file.path());
  } catch (const OutputFileError& error) {
    throw OutputFileError(path, error.reason());  // name the user's path, not the temporary one
  }
  file.check_still_reserved();
  file.commit();
}

void create_output_folder(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw OutputFileError(dir, ec.message());
  if (!std::filesystem::is_directory(dir, ec)) throw OutputFileError(dir, "it is not a folder");
}

}  // namespace jury
