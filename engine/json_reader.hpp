#pragma once
/// JSON text → a parsed document, checked beyond nlohmann's own parser: a key given twice in one
/// object is an error (nlohmann silently keeps the last value, and typos must not pass
/// silently), and so is nesting deeper than kMaxJsonDepth (SPEC §10 Limits). The text is first
/// followed event by event (nlohmann's SAX interface, which keeps its own stack on the heap), so
/// a document nested 100,000 deep is rejected at depth 65 without building, or later
/// destroying, a deep tree. Only a document that passes is parsed into nlohmann::ordered_json.
///
/// Problems are diagnostics of `file`, code `<prefix>.syntax`, `<prefix>.duplicate-key` or
/// `<prefix>.depth`; a syntax error carries its line and column (in characters), the others the
/// JSON path of the problem at the start of the message.

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "model/diagnostics.hpp"

namespace jury {

/// SPEC §10: deeper nesting (objects and arrays inside each other) is invalid input.
inline constexpr std::size_t kMaxJsonDepth = 64;

/// The document, or nullopt after a syntax error or nesting too deep. Keys given twice are
/// reported but keep the document (with the last value), so that its other problems can still be
/// found; the caller decides by `report`. A UTF-8 BOM is skipped.
std::optional<nlohmann::ordered_json> read_json(std::string_view text, const std::string& file,
                                                std::string_view code_prefix, Diagnostics& report);

/// JSON paths of diagnostics: `$.a.b` for id-like keys, `$.a["x y"]` for any other key, so that
/// every path reads unambiguously; `$.a[3]` for array elements.
std::string member_path(const std::string& path, std::string_view key);
std::string element_path(const std::string& path, std::size_t index);

/// The text as a JSON string literal, for messages: "x \"y\"".
std::string json_quoted(std::string_view text);

}  // namespace jury
