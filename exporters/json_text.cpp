#include "exporters/json_text.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <stdexcept>

namespace jury {

namespace {

/// Well-formed UTF-8 (Unicode table 3-7: no overlongs, no surrogates, nothing past U+10FFFF)
/// without any byte that JSON escapes (controls, `"`, `\`): such text is written as it is.
/// Anything else is escaped by nlohmann itself, so the two can never differ.
bool is_plain(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const end = p + text.size();
  const auto continuation = [&](const unsigned char* at, unsigned char low, unsigned char high) {
    return at < end && *at >= low && *at <= high;
  };
  while (p < end) {
    const unsigned char c = *p;
    if (c < 0x80) {
      if (c < 0x20 || c == '"' || c == '\\') return false;
      ++p;
    } else if (c >= 0xC2 && c <= 0xDF) {
      if (!continuation(p + 1, 0x80, 0xBF)) return false;
      p += 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      const unsigned char low = c == 0xE0 ? 0xA0 : 0x80;
      const unsigned char high = c == 0xED ? 0x9F : 0xBF;
      if (!continuation(p + 1, low, high) || !continuation(p + 2, 0x80, 0xBF)) return false;
      p += 3;
    } else if (c >= 0xF0 && c <= 0xF4) {
      const unsigned char low = c == 0xF0 ? 0x90 : 0x80;
      const unsigned char high = c == 0xF4 ? 0x8F : 0xBF;
      if (!continuation(p + 1, low, high) || !continuation(p + 2, 0x80, 0xBF) ||
          !continuation(p + 3, 0x80, 0xBF))
        return false;
      p += 4;
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace

void JsonText::open(char bracket) {
  before_value();
  out_ += bracket;
  empty_.push_back(true);
  array_.push_back(bracket == '[');
}

void JsonText::close(char bracket) {
  const bool was_empty = empty_.back();
  empty_.pop_back();
  array_.pop_back();
  if (!was_empty) {
    out_ += '\n';
    out_.append(2 * empty_.size(), ' ');
  }
  out_ += bracket;
}

void JsonText::separate() {
  if (empty_.back()) {
    out_ += '\n';
    empty_.back() = false;
  } else {
    out_ += ",\n";
  }
  out_.append(2 * empty_.size(), ' ');
}

void JsonText::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!array_.empty() && array_.back()) separate();
}

JsonText& JsonText::key(std::string_view name) {
  separate();
  string(name);
  out_ += ": ";
  after_key_ = true;
  return *this;
}

void JsonText::string(std::string_view text) {
  before_value();
  if (is_plain(text)) {
    out_ += '"';
    out_ += text;
    out_ += '"';
  } else {
    out_ += nlohmann::ordered_json(std::string(text))
                .dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  }
}

void JsonText::number(long long value) {
  before_value();
  out_ += fmt::format_int(value).c_str();
}

void JsonText::number(double value) {
  before_value();
  if (!std::isfinite(value)) {
    out_ += "null";
    return;
  }
  std::array<char, 64> buffer{};  // nlohmann's own number buffer size
  const char* end = nlohmann::detail::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  out_.append(buffer.data(), static_cast<std::size_t>(end - buffer.data()));
}

void JsonText::boolean(bool value) {
  before_value();
  out_ += value ? "true" : "false";
}

void JsonText::null() {
  before_value();
  out_ += "null";
}

void JsonText::optional_string(const std::optional<std::string>& text) {
  if (text)
    string(*text);
  else
    null();
}

void JsonText::optional_number(const std::optional<int>& value) {
  if (value)
    number(*value);
  else
    null();
}

void JsonText::optional_number(const std::optional<double>& value) {
  if (value)
    number(*value);
  else
    null();
}

void JsonText::strings(const std::vector<std::string>& items) {
  begin_array();
  for (const auto& item : items) string(item);
  end_array();
}

void JsonText::value(const nlohmann::ordered_json& json) {
  using Type = nlohmann::ordered_json::value_t;
  switch (json.type()) {
    case Type::object:
      begin_object();
      for (const auto& [name, member] : json.items()) {
        key(name);
        value(member);
      }
      end_object();
      return;
    case Type::array:
      begin_array();
      for (const auto& item : json) value(item);
      end_array();
      return;
    case Type::string:
      string(json.get_ref<const std::string&>());
      return;
    case Type::boolean:
      boolean(json.get<bool>());
      return;
    case Type::number_integer:
      number(static_cast<long long>(json.get<std::int64_t>()));
      return;
    case Type::number_unsigned:
      before_value();
      out_ += fmt::format_int(json.get<std::uint64_t>()).c_str();
      return;
    case Type::number_float:
      number(json.get<double>());
      return;
    case Type::null:
      null();
      return;
    case Type::binary:
    case Type::discarded:
      break;
  }
  throw std::logic_error("JsonText: a binary or discarded JSON value");
}

}  // namespace jury
