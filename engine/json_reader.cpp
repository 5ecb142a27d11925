#include "engine/json_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <utility>
#include <vector>

#include "model/model.hpp"

namespace jury {

namespace {

using Json = nlohmann::ordered_json;

/// 1-based line and column (in characters, not bytes) of the byte nlohmann's parser stopped at
/// (`byte` is the 1-based index of the last byte read).
std::pair<int, int> line_column(std::string_view text, std::size_t byte) {
  const std::size_t end = std::min(byte > 0 ? byte - 1 : 0, text.size());
  int line = 1;
  int column = 1;
  for (std::size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {  // not a continuation byte
      ++column;
    }
  }
  return {line, column};
}

/// nlohmann's message without its "[json.exception.…] " tag and, for parse errors, without the
/// "parse error at line 1, column 2: " prefix (the diagnostic carries the position itself).
std::string json_error_reason(const std::string& what) {
  std::string reason = what;
  if (reason.rfind("[json.exception.", 0) == 0) {
    const auto tag_end = reason.find("] ");
    if (tag_end != std::string::npos) reason.erase(0, tag_end + 2);
  }
  if (reason.rfind("parse error", 0) == 0) {
    const auto colon = reason.find(": ");
    if (colon != std::string::npos) reason.erase(0, colon + 2);
  }
  return reason;
}

/// Follows the parser's events, knowing at every moment the JSON path of the value being read:
/// reports keys given twice and stops the parse at the first container nested too deep.
class DocumentChecker final : public nlohmann::json_sax<Json> {
 public:
  DocumentChecker(std::string_view text, const std::string& file, std::string_view prefix,
                  Diagnostics& report)
      : text_(text), file_(file), prefix_(prefix), report_(report) {}

  bool null() override { return value(); }
  bool boolean(bool /*value*/) override { return value(); }
  bool number_integer(number_integer_t /*value*/) override { return value(); }
  bool number_unsigned(number_unsigned_t /*value*/) override { return value(); }
  bool number_float(number_float_t /*value*/, const string_t& /*text*/) override { return value(); }
  bool string(string_t& /*value*/) override { return value(); }
  bool binary(binary_t& /*value*/) override { return value(); }
  bool start_object(std::size_t /*elements*/) override { return open(true); }
  bool start_array(std::size_t /*elements*/) override { return open(false); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }

  bool key(string_t& key) override {
    Frame& frame = frames_.back();
    if (!frame.keys.insert(key).second)
      error(0, 0, "duplicate-key",
            fmt::format("{}: key {} appears twice in the same object", member_path(frame.path, key),
                        json_quoted(key)));
    frame.key = key;
    return true;
  }

  bool parse_error(std::size_t position, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& failure) override {
    const bool syntax = dynamic_cast<const Json::parse_error*>(&failure) != nullptr;
    const auto [line, column] = syntax ? line_column(text_, position) : std::pair{0, 0};
    error(line, column, "syntax", "invalid JSON: " + json_error_reason(failure.what()));
    return false;
  }

 private:
  struct Frame {
    bool object = false;
    std::string path;
    std::string key;             // objects: the key whose value comes next
    std::size_t next_index = 0;  // arrays: index of the next element
    std::set<std::string> keys;  // objects: keys seen so far
  };

  void error(int line, int column, std::string_view code, std::string message) {
    report_.error(file_, line, column, fmt::format("{}.{}", prefix_, code), std::move(message));
  }

  /// The path of the value that starts now (and counts it, inside an array).
  std::string start_value() {
    if (frames_.empty()) return "$";
    Frame& parent = frames_.back();
    if (parent.object) return member_path(parent.path, parent.key);
    return element_path(parent.path, parent.next_index++);
  }

  bool value() {
    if (!frames_.empty() && !frames_.back().object) ++frames_.back().next_index;
    return true;
  }

  bool open(bool object) {
    Frame frame;
    frame.object = object;
    frame.path = start_value();
    if (frames_.size() == kMaxJsonDepth) {
      error(0, 0, "depth",
            fmt::format("{}: nested deeper than {} levels of objects and arrays", frame.path,
                        kMaxJsonDepth));
      return false;  // stops the parse: nothing deeper is read
    }
    frames_.push_back(std::move(frame));
    return true;
  }

  bool close() {
    frames_.pop_back();
    return true;
  }

  std::string_view text_;
  const std::string& file_;
  std::string_view prefix_;
  Diagnostics& report_;
  std::vector<Frame> frames_;
};

}  // namespace

std::string json_quoted(std::string_view text) {
  return Json(std::string(text)).dump();
}

std::string member_path(const std::string& path, std::string_view key) {
  if (is_id(key)) return fmt::format("{}.{}", path, key);
  return fmt::format("{}[{}]", path, json_quoted(key));
}

std::string element_path(const std::string& path, std::size_t index) {
  return fmt::format("{}[{}]", path, index);
}

std::optional<Json> read_json(std::string_view text, const std::string& file,
                              std::string_view code_prefix, Diagnostics& report) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
  DocumentChecker checker(text, file, code_prefix, report);
  if (!Json::sax_parse(text.begin(), text.end(), &checker)) return std::nullopt;
  return Json::parse(text.begin(), text.end());
}

}  // namespace jury
