#include "exporters/roster_formats.hpp"

#include <algorithm>
#include <filesystem>

#include "exporters/atomic_file.hpp"
#include "exporters/results_json.hpp"
#include "exporters/roster.hpp"

namespace jury {

namespace {

/// A format rendered to bytes, written atomically.
template <std::string (*Render)(const Config&, const std::vector<Entry>&, const Results&, Audience)>
void write_rendered(const std::string& path, const RosterInput& roster) {
  write_file_atomically(path,
                        Render(roster.config, roster.entries, roster.results, roster.audience));
}

/// libxlsxwriter opens the path itself: a temporary file, renamed over `path` when complete.
void write_xlsx(const std::string& path, const RosterInput& roster) {
  write_file_atomically_with(path, [&](const std::string& temporary) {
    write_roster_xlsx(temporary, roster.config, roster.entries, roster.results, roster.audience);
  });
}

constexpr RosterFormat kFormats[] = {
    {"csv", "", write_rendered<roster_csv>},
    {"json", "", write_rendered<results_json_text>},
    {"html", "htm", write_rendered<roster_html>},
    {"xlsx", "", write_xlsx},
};

}  // namespace

std::span<const RosterFormat> roster_formats() {
  return kFormats;
}

const RosterFormat* find_roster_format(std::string_view name) {
  for (const RosterFormat& format : kFormats)
    if (name == format.name || (!format.extension.empty() && name == format.extension))
      return &format;
  return nullptr;
}

const RosterFormat* roster_format_of_path(const std::string& path) {
  std::string extension = std::filesystem::path(path).extension().string();
  if (extension.empty()) return nullptr;
  std::transform(extension.begin(), extension.end(), extension.begin(), ::tolower);
  return find_roster_format(std::string_view(extension).substr(1));
}

std::string roster_format_names(std::string_view separator) {
  std::string names;
  for (const RosterFormat& format : kFormats) {
    if (!names.empty()) names += separator;
    names += format.name;
  }
  return names;
}

}  // namespace jury
