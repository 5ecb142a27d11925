#include "engine/json_fields.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cstdint>

#include "model/model.hpp"
#include "model/text.hpp"

namespace jury {

namespace {

using Json = JsonFields::Json;

/// What a value is, for "expected …, found …" messages.
std::string describe(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::boolean:
      return value.dump();
    case Json::value_t::string:
      return "string " + value.dump();
    case Json::value_t::object:
      return "an object";
    case Json::value_t::array:
      return "an array";
    default:
      return "number " + value.dump();
  }
}

}  // namespace

std::string number_text(double value) {
  return fmt::format("{}", value);
}

void JsonFields::error(const std::string& path, std::string_view code, const std::string& message) {
  report_.error(file_, 0, 0, fmt::format("{}.{}", prefix_, code),
                fmt::format("{}: {}", path, message));
}

void JsonFields::type_error(const Json& value, const std::string& path, std::string_view expected) {
  error(path, "type", fmt::format("expected {}, found {}", expected, describe(value)));
}

bool JsonFields::expect_object(const Json& value, const std::string& path, Keys allowed) {
  if (!value.is_object()) {
    type_error(value, path, "an object");
    return false;
  }
  for (const auto& [key, item] : value.items())
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      error(member_path(path, key), "unknown-key",
            fmt::format("unknown key {}; allowed keys are {}", json_quoted(key),
                        fmt::join(allowed, ", ")));
  return true;
}

bool JsonFields::expect_array(const Json& value, const std::string& path) {
  if (value.is_array()) return true;
  type_error(value, path, "an array");
  return false;
}

bool JsonFields::expect_nonempty_array(const Json& value, const std::string& path,
                                       std::string_view what) {
  if (!expect_array(value, path)) return false;
  if (value.empty()) error(path, "empty", fmt::format("needs at least one {}", what));
  return !value.empty();
}

const Json* JsonFields::member(const Json& object, std::string_view key) {
  const auto it = object.find(std::string(key));
  return it == object.end() ? nullptr : &*it;
}

const Json* JsonFields::member(const Json& object, const std::string& path, std::string_view key,
                               Need need) {
  const Json* value = member(object, key);
  if (!value && need == Need::Required)
    error(member_path(path, key), "missing", "required key is missing");
  return value;
}

std::optional<std::string> JsonFields::read_string(const Json& value, const std::string& path) {
  if (value.is_string()) return value.get<std::string>();
  type_error(value, path, "a string");
  return std::nullopt;
}

std::optional<std::string> JsonFields::read_id(const Json& value, const std::string& path) {
  auto text = read_string(value, path);
  if (text && !is_id(*text))
    error(path, "bad-id",
          fmt::format("invalid id {}; ids are ASCII letters, digits, \"_\" and \"-\"",
                      json_quoted(*text)));
  return text;
}

std::optional<std::string> JsonFields::read_label(const Json& value, const std::string& path) {
  auto text = read_string(value, path);
  if (text && trim(*text).empty()) error(path, "empty", "must not be empty");
  return text;
}

std::optional<int> JsonFields::read_int(const Json& value, const std::string& path, int min,
                                        int max) {
  if (!value.is_number_integer()) {
    type_error(value, path, "an integer");
    return std::nullopt;
  }
  const bool fits = value.is_number_unsigned() ? value.get<std::uint64_t>() <= INT_MAX
                                               : value.get<std::int64_t>() >= INT_MIN &&
                                                     value.get<std::int64_t>() <= INT_MAX;
  const int number = fits ? value.get<int>() : 0;
  if (fits && number >= min && number <= max) return number;
  if (max == INT_MAX)
    error(path, "range", fmt::format("must be at least {}, found {}", min, value.dump()));
  else
    error(path, "range", fmt::format("must be from {} to {}, found {}", min, max, value.dump()));
  return std::nullopt;
}

std::optional<double> JsonFields::read_number(const Json& value, const std::string& path,
                                              Bound bound, std::optional<double> max) {
  if (!value.is_number()) {
    type_error(value, path, "a number");
    return std::nullopt;
  }
  const auto number = value.get<double>();
  const bool above = bound.exclusive ? number > bound.min : number >= bound.min;
  if (above && (!max || number <= *max)) return number;
  if (max)
    error(path, "range",
          fmt::format("must be from {} to {}, found {}", number_text(bound.min), number_text(*max),
                      value.dump()));
  else
    error(path, "range",
          fmt::format("must be {} {}, found {}", bound.exclusive ? "greater than" : "at least",
                      number_text(bound.min), value.dump()));
  return std::nullopt;
}

std::optional<bool> JsonFields::read_bool(const Json& value, const std::string& path) {
  if (value.is_boolean()) return value.get<bool>();
  type_error(value, path, "true or false");
  return std::nullopt;
}

std::optional<std::size_t> JsonFields::read_choice(const Json& value, const std::string& path,
                                                   std::string_view what,
                                                   const std::vector<std::string>& names) {
  const auto text = read_string(value, path);
  if (!text) return std::nullopt;
  const auto it = std::find(names.begin(), names.end(), *text);
  if (it != names.end()) return static_cast<std::size_t>(it - names.begin());
  error(path, "bad-value",
        fmt::format("unknown {} {}; expected one of {}", what, json_quoted(*text),
                    fmt::join(names, ", ")));
  return std::nullopt;
}

void JsonFields::check_unique(std::map<std::string, std::string>& seen, const std::string& id,
                              const std::string& path, std::string_view what) {
  const auto [it, inserted] = seen.emplace(id, path);
  if (!inserted)
    error(path, what == "id" ? "duplicate-id" : "duplicate-value",
          fmt::format("duplicate {} {} (first at {})", what, json_quoted(id), it->second));
}

void JsonFields::take_id(const Json& object, const std::string& path, std::string_view key,
                         Need need, std::string& target) {
  if (const Json* value = member(object, path, key, need))
    if (auto id = read_id(*value, member_path(path, key))) target = *id;
}

void JsonFields::take_label(const Json& object, const std::string& path, std::string_view key,
                            std::string& target) {
  if (const Json* value = member(object, path, key, Need::Required))
    if (auto label = read_label(*value, member_path(path, key))) target = *label;
}

void JsonFields::take_int(const Json& object, const std::string& path, std::string_view key,
                          Need need, int& target, int min, int max) {
  if (const Json* value = member(object, path, key, need))
    if (auto number = read_int(*value, member_path(path, key), min, max)) target = *number;
}

void JsonFields::take_number(const Json& object, const std::string& path, std::string_view key,
                             double& target, Bound bound) {
  if (const Json* value = member(object, path, key, Need::Optional))
    if (auto number = read_number(*value, member_path(path, key), bound)) target = *number;
}

}  // namespace jury
