#pragma once
/// The formats of the award roster (SPEC §9), keyed by name: the `--format` value, which is also
/// the file extension. A new roster format is one exporter file, one line in the table of
/// roster_formats.cpp and its test; the command line, its messages and the engine read this table.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "exporters/audience.hpp"
#include "model/model.hpp"

namespace jury {

/// What every roster format renders: the decided results of the stored entries.
struct RosterInput {
  const Config& config;
  const std::vector<Entry>& entries;
  const Results& results;
  Audience audience = Audience::Committee;
};

struct RosterFormat {
  std::string_view name;       ///< `--format` value and file extension ("csv")
  std::string_view extension;  ///< another extension of the format ("htm"), or empty
  /// Writes the roster to `path` atomically (exporters/atomic_file.hpp); throws OutputFileError.
  void (*write)(const std::string& path, const RosterInput& roster);
};

/// Every roster format, in the order the help and the messages list them.
std::span<const RosterFormat> roster_formats();

/// The format called `name` (exactly, or its other extension); nullptr when there is none.
const RosterFormat* find_roster_format(std::string_view name);

/// The format of `path`'s extension (ASCII case ignored); nullptr when it has none or an unknown
/// one.
const RosterFormat* roster_format_of_path(const std::string& path);

/// The format names joined by `separator`: "csv|json|html|xlsx".
std::string roster_format_names(std::string_view separator);

}  // namespace jury
