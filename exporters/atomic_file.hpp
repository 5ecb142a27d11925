#pragma once
/// Every output file a user names is written the way SPEC §10 asks: into a new temporary file in
/// the target's folder (created with O_CREAT|O_EXCL|O_NOFOLLOW under a random name, so no link is
/// followed and no other file is reused), written, flushed to disk, closed and checked, then
/// renamed over the target. A failure leaves the target as it was and no temporary file behind.
/// A target that exists and is not a regular file (a terminal, a pipe, /dev/stdout) is written in
/// place: it cannot be replaced, and replacing it would break the device.

#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace jury {

/// An output path that cannot be written: the path and the operating system's reason
/// ("No such file or directory", "File too large", …). The engine maps it to exit 2.
class OutputFileError : public std::runtime_error {
 public:
  OutputFileError(std::string path, std::string reason);
  const std::string& path() const { return path_; }
  const std::string& reason() const { return reason_; }

 private:
  std::string path_;
  std::string reason_;
};

/// Writes `bytes` to `path` atomically (see above). Throws OutputFileError.
void write_file_atomically(const std::string& path, std::string_view bytes);

/// For writers that insist on opening a path themselves (libxlsxwriter): reserves the temporary
/// file as above, calls `write(temporary_path)`, then checks that the temporary path is still the
/// regular file that was reserved and is not empty, flushes it to disk and renames it over
/// `path`. An exception from `write` (or a failed check) removes the temporary file and is passed
/// on (OutputFileError for the checks).
void write_file_atomically_with(const std::string& path,
                                const std::function<void(const std::string&)>& write);

/// Creates the folder `dir` (and its parents) for output files when it is missing. Throws
/// OutputFileError naming `dir` when it cannot be made or is not a folder.
void create_output_folder(const std::string& dir);

}  // namespace jury
