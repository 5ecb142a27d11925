#pragma once
/// JSON text written straight into a buffer, byte for byte as nlohmann's
/// `ordered_json::dump(2, ' ', false, error_handler_t::replace)` lays it out: two-space
/// indentation, "key": value, UTF-8 unescaped, nlohmann's shortest round-trip doubles. For
/// documents too large to build as a tree first (SPEC §9 results at national scale).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace jury {

class JsonText {
 public:
  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  /// The next member's key of the open object; its value follows.
  JsonText& key(std::string_view name);

  void string(std::string_view text);
  void number(int value) { number(static_cast<long long>(value)); }
  void number(long long value);
  void number(double value);  ///< NaN and infinities as null, as nlohmann does
  void boolean(bool value);
  void null();
  /// Any tree, laid out as it would be in place.
  void value(const nlohmann::ordered_json& json);

  void optional_string(const std::optional<std::string>& text);
  void optional_number(const std::optional<int>& value);
  void optional_number(const std::optional<double>& value);
  void strings(const std::vector<std::string>& items);

  /// The text so far; every container must be closed.
  std::string take() { return std::move(out_); }

 private:
  void open(char bracket);
  void close(char bracket);
  void before_value();  ///< in an array: the separator and indentation of a new element
  void separate();

  std::string out_;
  std::vector<bool> empty_;  ///< per open container: nothing in it yet
  std::vector<bool> array_;  ///< per open container: an array (else an object)
  bool after_key_ = false;
};

}  // namespace jury
