#include "engine/config.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <utility>
#include <vector>

#include "model/text.hpp"

namespace jury {

namespace {

using Json = nlohmann::ordered_json;
using Keys = std::initializer_list<std::string_view>;

// ---------------------------------------------------------------- ids, paths, numbers

bool is_id(std::string_view text) {
  if (text.empty()) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  });
}

std::string json_quoted(std::string_view text) {
  return Json(std::string(text)).dump();
}

/// `$.a.b` for id-like keys, `$.a["x y"]` for any other key, so that every path reads
/// unambiguously.
std::string member_path(const std::string& path, std::string_view key) {
  if (is_id(key)) return fmt::format("{}.{}", path, key);
  return fmt::format("{}[{}]", path, json_quoted(key));
}

std::string element_path(const std::string& path, std::size_t index) {
  return fmt::format("{}[{}]", path, index);
}

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

/// Reads `[-]digits[.digits][e[+|-]digits]` as an exact Decimal; nullopt when it needs more
/// than 18 digits.
std::optional<Decimal> parse_decimal(std::string_view text) {
  const bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  std::int64_t numerator = 0;
  std::int64_t denominator = 1;
  int exponent = 0;  // value = numerator · 10^exponent / denominator
  bool any_digit = false;
  bool in_fraction = false;
  std::size_t i = 0;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.' && !in_fraction) {
      in_fraction = true;
      continue;
    }
    if (c < '0' || c > '9') break;
    any_digit = true;
    if (__builtin_mul_overflow(numerator, 10, &numerator) ||
        __builtin_add_overflow(numerator, c - '0', &numerator))
      return std::nullopt;
    if (in_fraction) --exponent;
  }
  if (!any_digit) return std::nullopt;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    const bool negative_exponent = i < text.size() && text[i] == '-';
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) ++i;
    int magnitude = 0;
    const auto [end, ec] = std::from_chars(text.data() + i, text.data() + text.size(), magnitude);
    if (ec != std::errc() || magnitude > 40) return std::nullopt;
    i = static_cast<std::size_t>(end - text.data());
    exponent += negative_exponent ? -magnitude : magnitude;
  }
  if (i != text.size()) return std::nullopt;
  for (; exponent > 0; --exponent)
    if (__builtin_mul_overflow(numerator, 10, &numerator)) return std::nullopt;
  for (; exponent < 0; ++exponent)
    if (__builtin_mul_overflow(denominator, 10, &denominator)) return std::nullopt;
  return Decimal{negative ? -numerator : numerator, denominator};
}

/// The decimal the user wrote, exactly: a double's shortest round-trip text (0.57, not
/// 0.56999999999999995) read as a Decimal, so 0.57 → 57/100 with no binary rounding.
std::optional<Decimal> exact_decimal(double value) {
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  if (ec != std::errc()) return std::nullopt;
  return parse_decimal(std::string_view(buffer, static_cast<std::size_t>(end - buffer)));
}

/// Whether `value` is a whole multiple of `step`, decided on the decimals as written (40.5 is a
/// multiple of 0.5 and 0.3 of 0.1, which binary division gets wrong); values with more than 18
/// digits fall back to a 1e-9 tolerance on the quotient.
bool is_multiple(double value, double step) {
  const auto v = exact_decimal(value);
  const auto s = exact_decimal(step);
  if (v && s) {
    // v.n / v.d = m · s.n / s.d  ⇔  v.n · s.d is divisible by s.n · v.d
    std::int64_t scaled_value = 0;
    std::int64_t scaled_step = 0;
    if (!__builtin_mul_overflow(v->numerator, s->denominator, &scaled_value) &&
        !__builtin_mul_overflow(s->numerator, v->denominator, &scaled_step) && scaled_step != 0)
      return scaled_value % scaled_step == 0;
  }
  const double quotient = value / step;
  return std::abs(quotient - std::round(quotient)) <= 1e-9 * std::max(1.0, std::abs(quotient));
}

/// Shortest text of a number for messages: 40, 0.5.
std::string number_text(double value) {
  return fmt::format("{}", value);
}

// ---------------------------------------------------------------- JSON syntax

/// 1-based line and column (in characters, not bytes) of the byte nlohmann's parse_error points
/// at (`byte` is the 1-based index of the last byte read).
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

/// Follows the parser's events to report a key given twice in one object: nlohmann silently
/// keeps the last value, and typos must not pass silently.
class DuplicateKeyFinder {
 public:
  DuplicateKeyFinder(const std::string& file, Report& report) : file_(file), report_(report) {}

  bool operator()(int /*depth*/, Json::parse_event_t event, Json& parsed) {
    switch (event) {
      case Json::parse_event_t::object_start:
      case Json::parse_event_t::array_start: {
        Frame frame;
        frame.object = event == Json::parse_event_t::object_start;
        frame.path = start_value();
        frames_.push_back(std::move(frame));
        break;
      }
      case Json::parse_event_t::key:
        on_key(parsed.get<std::string>());
        break;
      case Json::parse_event_t::value:
        start_value();
        break;
      case Json::parse_event_t::object_end:
      case Json::parse_event_t::array_end:
        frames_.pop_back();
        break;
    }
    return true;
  }

 private:
  struct Frame {
    bool object = false;
    std::string path;
    std::string key;             // objects: the key whose value comes next
    std::size_t next_index = 0;  // arrays: index of the next element
    std::set<std::string> keys;  // objects: keys seen so far
  };

  /// The path of the value that starts now (and counts it, inside an array).
  std::string start_value() {
    if (frames_.empty()) return "$";
    Frame& parent = frames_.back();
    if (parent.object) return member_path(parent.path, parent.key);
    return element_path(parent.path, parent.next_index++);
  }

  void on_key(std::string key) {
    Frame& frame = frames_.back();
    if (!frame.keys.insert(key).second)
      report_.error(file_, 0, 0, "config.duplicate-key",
                    fmt::format("{}: key {} appears twice in the same object",
                                member_path(frame.path, key), json_quoted(key)));
    frame.key = std::move(key);
  }

  const std::string& file_;
  Report& report_;
  std::vector<Frame> frames_;
};

std::optional<Json> parse_json(std::string_view text, const std::string& file, Report& report) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (text.substr(0, kBom.size()) == kBom) text.remove_prefix(kBom.size());
  DuplicateKeyFinder duplicates(file, report);
  try {
    return Json::parse(text.begin(), text.end(), std::ref(duplicates));
  } catch (const Json::parse_error& e) {
    const auto [line, column] = line_column(text, e.byte);
    report.error(file, line, column, "config.syntax",
                 "invalid JSON: " + json_error_reason(e.what()));
  } catch (const Json::exception& e) {  // e.g. a number too large for a double
    report.error(file, 0, 0, "config.syntax", "invalid JSON: " + json_error_reason(e.what()));
  }
  return std::nullopt;
}

// ---------------------------------------------------------------- the reader

enum class Need { Required, Optional };

/// A lower bound for numbers: at least `min`, or greater than `min` when `exclusive`.
struct Bound {
  double min = 0;
  bool exclusive = false;
};

/// Spellings of the settings' values, each list in its model enum's order (read_choice returns
/// the index, which is cast to the enum; the tests check every spelling against to_string).
const std::vector<std::string> kMethodNames{"mean", "trimmed-mean", "median", "zscore", "severity"};
const std::vector<std::string> kConflictNames{"school", "advisor", "district", "declared"};
const std::vector<std::string> kRoundingNames{"floor", "round", "ceil"};
const std::vector<std::string> kTieNames{"share", "exclude"};
const std::vector<std::string> kPoolFields{"group", "subject"};
/// Column names of score sheets (SPEC §5–6): a criterion with such an id would clash with them.
const std::vector<std::string> kSheetColumns{"judge_id", "entry_id",  "title", "comment",
                                             "recuse",   "criterion", "score"};

/// Walks the parsed JSON once, filling a Config and reporting every problem with its path.
/// Items keep their ids in the lists below even when they have other errors, so that a reference
/// to them does not raise a second, misleading error.
class ConfigReader {
 public:
  ConfigReader(const std::string& file, Report& report) : file_(file), report_(report) {}

  Config read(const Json& root) {
    Config config;
    if (!expect_object(root, "$",
                       {"competition", "groups", "subjects", "kinds", "rubrics", "judging",
                        "aggregation", "ranking", "awards"}))
      return config;
    read_competition(root, config);
    config.groups = read_labelled_list(root, "groups", "group");
    config.subjects = read_labelled_list(root, "subjects", "subject");
    read_rubrics(root, config);
    read_kinds(root, config);
    read_judging(root, config);
    read_aggregation(root, config);
    read_ranking(root, config);
    read_awards(root, config);
    return config;
  }

 private:
  // -------------------------------------------------------------- reporting and primitives

  void error(const std::string& path, std::string_view code, const std::string& message) {
    report_.error(file_, 0, 0, fmt::format("config.{}", code),
                  fmt::format("{}: {}", path, message));
  }

  void type_error(const Json& value, const std::string& path, std::string_view expected) {
    error(path, "type", fmt::format("expected {}, found {}", expected, describe(value)));
  }

  bool expect_object(const Json& value, const std::string& path, Keys allowed) {
    if (!value.is_object()) {
      type_error(value, path, "an object");
      return false;
    }
    for (const auto& [key, member] : value.items())
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
        error(member_path(path, key), "unknown-key",
              fmt::format("unknown key {}; allowed keys are {}", json_quoted(key),
                          fmt::join(allowed, ", ")));
    return true;
  }

  bool expect_array(const Json& value, const std::string& path) {
    if (value.is_array()) return true;
    type_error(value, path, "an array");
    return false;
  }

  /// An array that must have at least one element (`what` names the elements).
  bool expect_nonempty_array(const Json& value, const std::string& path, std::string_view what) {
    if (!expect_array(value, path)) return false;
    if (value.empty()) error(path, "empty", fmt::format("needs at least one {}", what));
    return !value.empty();
  }

  static const Json* member(const Json& object, std::string_view key) {
    const auto it = object.find(std::string(key));
    return it == object.end() ? nullptr : &*it;
  }

  const Json* member(const Json& object, const std::string& path, std::string_view key, Need need) {
    const Json* value = member(object, key);
    if (!value && need == Need::Required)
      error(member_path(path, key), "missing", "required key is missing");
    return value;
  }

  std::optional<std::string> read_string(const Json& value, const std::string& path) {
    if (value.is_string()) return value.get<std::string>();
    type_error(value, path, "a string");
    return std::nullopt;
  }

  /// An id; a malformed one is reported but still returned (see the class comment).
  std::optional<std::string> read_id(const Json& value, const std::string& path) {
    auto text = read_string(value, path);
    if (text && !is_id(*text))
      error(path, "bad-id",
            fmt::format("invalid id {}; ids are ASCII letters, digits, \"_\" and \"-\"",
                        json_quoted(*text)));
    return text;
  }

  std::optional<std::string> read_label(const Json& value, const std::string& path) {
    auto text = read_string(value, path);
    if (text && trim(*text).empty()) error(path, "empty", "must not be empty");
    return text;
  }

  std::optional<int> read_int(const Json& value, const std::string& path, int min,
                              int max = INT_MAX) {
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

  std::optional<double> read_number(const Json& value, const std::string& path, Bound bound,
                                    std::optional<double> max = std::nullopt) {
    if (!value.is_number()) {
      type_error(value, path, "a number");
      return std::nullopt;
    }
    const double number = value.get<double>();
    const bool above = bound.exclusive ? number > bound.min : number >= bound.min;
    if (above && (!max || number <= *max)) return number;
    if (max)
      error(path, "range",
            fmt::format("must be from {} to {}, found {}", number_text(bound.min),
                        number_text(*max), value.dump()));
    else
      error(path, "range",
            fmt::format("must be {} {}, found {}", bound.exclusive ? "greater than" : "at least",
                        number_text(bound.min), value.dump()));
    return std::nullopt;
  }

  std::optional<bool> read_bool(const Json& value, const std::string& path) {
    if (value.is_boolean()) return value.get<bool>();
    type_error(value, path, "true or false");
    return std::nullopt;
  }

  /// One of `names`, as its index; `what` names the setting in the message.
  std::optional<std::size_t> read_choice(const Json& value, const std::string& path,
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

  /// Records `id` at `path`; a second occurrence is an error naming the first (`what` says what
  /// the value is: "id", "conflict rule", …).
  void check_unique(std::map<std::string, std::string>& seen, const std::string& id,
                    const std::string& path, std::string_view what = "id") {
    const auto [it, inserted] = seen.emplace(id, path);
    if (!inserted)
      error(path, what == "id" ? "duplicate-id" : "duplicate-value",
            fmt::format("duplicate {} {} (first at {})", what, json_quoted(id), it->second));
  }

  // Shorthands for "read this member into that field when present".
  void take_id(const Json& object, const std::string& path, std::string_view key, Need need,
               std::string& target) {
    if (const Json* value = member(object, path, key, need))
      if (auto id = read_id(*value, member_path(path, key))) target = *id;
  }
  void take_label(const Json& object, const std::string& path, std::string_view key,
                  std::string& target) {
    if (const Json* value = member(object, path, key, Need::Required))
      if (auto label = read_label(*value, member_path(path, key))) target = *label;
  }
  void take_int(const Json& object, const std::string& path, std::string_view key, Need need,
                int& target, int min, int max = INT_MAX) {
    if (const Json* value = member(object, path, key, need))
      if (auto number = read_int(*value, member_path(path, key), min, max)) target = *number;
  }
  void take_number(const Json& object, const std::string& path, std::string_view key,
                   double& target, Bound bound) {
    if (const Json* value = member(object, path, key, Need::Optional))
      if (auto number = read_number(*value, member_path(path, key), bound)) target = *number;
  }
  template <typename Enum>
  void take_choice(const Json& object, const std::string& path, std::string_view key,
                   std::string_view what, const std::vector<std::string>& names, Enum& target) {
    if (const Json* value = member(object, path, key, Need::Optional))
      if (auto index = read_choice(*value, member_path(path, key), what, names))
        target = static_cast<Enum>(*index);
  }

  std::string known_kinds() const {
    return kind_ids_.empty() ? "none" : fmt::format("{}", fmt::join(kind_ids_, ", "));
  }
  bool is_known_kind(const std::string& id) const {
    return std::find(kind_ids_.begin(), kind_ids_.end(), id) != kind_ids_.end();
  }

  // -------------------------------------------------------------- sections

  void read_competition(const Json& root, Config& config) {
    const std::string path = "$.competition";
    const Json* competition = member(root, "$", "competition", Need::Required);
    if (!competition || !expect_object(*competition, path, {"id", "name", "year"})) return;
    take_id(*competition, path, "id", Need::Required, config.competition_id);
    take_label(*competition, path, "name", config.competition_name);
    take_int(*competition, path, "year", Need::Required, config.year, 1, 9999);
  }

  /// groups[] / subjects[]: {id,label}, at least one, ids and labels unique (entries files name
  /// them by id or label, so two equal labels would be ambiguous).
  std::vector<Labelled> read_labelled_list(const Json& root, std::string_view key,
                                           std::string_view what) {
    std::vector<Labelled> items;
    const std::string path = member_path("$", key);
    const Json* list = member(root, "$", key, Need::Required);
    if (!list || !expect_nonempty_array(*list, path, what)) return items;
    std::map<std::string, std::string> ids;
    std::vector<std::pair<std::string, std::string>> labels;  // label, path
    for (std::size_t i = 0; i < list->size(); ++i) {
      const std::string item_path = element_path(path, i);
      const Json& item = (*list)[i];
      if (!expect_object(item, item_path, {"id", "label"})) continue;
      Labelled labelled;
      take_id(item, item_path, "id", Need::Required, labelled.id);
      take_label(item, item_path, "label", labelled.label);
      if (!labelled.id.empty()) check_unique(ids, labelled.id, item_path + ".id");
      if (!labelled.label.empty()) check_label_unique(labels, labelled.label, item_path + ".label");
      items.push_back(std::move(labelled));
    }
    return items;
  }

  /// Labels compare as entries files match them: ignoring case, width and surrounding spaces.
  void check_label_unique(std::vector<std::pair<std::string, std::string>>& seen,
                          const std::string& label, const std::string& path) {
    for (const auto& [other, other_path] : seen)
      if (same_word(label, other)) {
        error(path, "duplicate-label",
              fmt::format("duplicate label {} (first at {}); entries name items by id or label, "
                          "so labels must differ",
                          json_quoted(label), other_path));
        return;
      }
    seen.emplace_back(label, path);
  }

  void read_rubrics(const Json& root, Config& config) {
    const Json* rubrics = member(root, "$", "rubrics", Need::Required);
    if (!rubrics) return;
    if (!rubrics->is_object()) {
      type_error(*rubrics, "$.rubrics", "an object");
      return;
    }
    rubric_ids_.emplace();
    for (const auto& [id, value] : rubrics->items()) {
      const std::string path = member_path("$.rubrics", id);
      rubric_ids_->insert(id);
      if (!is_id(id))
        error(path, "bad-id",
              fmt::format("invalid rubric id {}; ids are ASCII letters, digits, \"_\" and \"-\"",
                          json_quoted(id)));
      config.rubrics[id] = read_rubric(id, value, path);
    }
  }

  Rubric read_rubric(const std::string& id, const Json& value, const std::string& path) {
    Rubric rubric;
    rubric.id = id;
    if (!expect_object(value, path, {"step", "criteria"})) return rubric;
    bool step_valid = true;
    if (const Json* step = member(value, "step")) {
      const auto number = read_number(*step, path + ".step", {0, true});
      step_valid = number.has_value();
      if (number) rubric.step = *number;
    }
    const Json* criteria = member(value, path, "criteria", Need::Required);
    const std::string criteria_path = path + ".criteria";
    if (!criteria || !expect_nonempty_array(*criteria, criteria_path, "criterion")) return rubric;
    std::map<std::string, std::string> ids;
    for (std::size_t i = 0; i < criteria->size(); ++i) {
      const std::string item_path = element_path(criteria_path, i);
      if (auto criterion =
              read_criterion((*criteria)[i], item_path, step_valid ? &rubric.step : nullptr)) {
        if (!criterion->id.empty()) check_unique(ids, criterion->id, item_path + ".id");
        rubric.criteria.push_back(std::move(*criterion));
      }
    }
    return rubric;
  }

  /// `step` is null when the rubric's step is itself invalid (then max is not checked against it).
  std::optional<Criterion> read_criterion(const Json& value, const std::string& path,
                                          const double* step) {
    if (!expect_object(value, path, {"id", "label", "max", "weight"})) return std::nullopt;
    Criterion criterion;
    take_id(value, path, "id", Need::Required, criterion.id);
    take_label(value, path, "label", criterion.label);
    if (!criterion.id.empty()) {
      criterion_ids_.insert(criterion.id);
      for (const auto& column : kSheetColumns)
        if (same_word(criterion.id, column))
          error(path + ".id", "reserved-id",
                fmt::format("{} is a score sheet column name; choose another criterion id",
                            json_quoted(criterion.id)));
    }
    if (const Json* max = member(value, path, "max", Need::Required))
      if (auto number = read_number(*max, path + ".max", {0, true})) {
        criterion.max = *number;
        if (step && !is_multiple(*number, *step))
          error(path + ".max", "step",
                fmt::format("{} is not a multiple of the rubric step {}", number_text(*number),
                            number_text(*step)));
      }
    criterion.weight = criterion.max;  // SPEC §2: weight defaults to max
    take_number(value, path, "weight", criterion.weight, {0, false});
    return criterion;
  }

  void read_kinds(const Json& root, Config& config) {
    const std::string path = "$.kinds";
    const Json* kinds = member(root, "$", "kinds", Need::Required);
    if (!kinds || !expect_nonempty_array(*kinds, path, "kind")) return;
    kinds_known_ = true;
    std::map<std::string, std::string> ids;
    std::vector<std::pair<std::string, std::string>> labels;
    for (std::size_t i = 0; i < kinds->size(); ++i) {
      const std::string item_path = element_path(path, i);
      const Json& item = (*kinds)[i];
      if (!expect_object(item, item_path,
                         {"id", "label", "rubric", "max_students", "max_advisors"}))
        continue;
      Kind kind;
      take_id(item, item_path, "id", Need::Required, kind.id);
      take_label(item, item_path, "label", kind.label);
      if (!kind.id.empty()) {
        check_unique(ids, kind.id, item_path + ".id");
        if (!is_known_kind(kind.id)) kind_ids_.push_back(kind.id);
      }
      if (!kind.label.empty()) check_label_unique(labels, kind.label, item_path + ".label");
      read_kind_rubric(item, item_path, kind);
      take_int(item, item_path, "max_students", Need::Optional, kind.max_students, 0);
      take_int(item, item_path, "max_advisors", Need::Optional, kind.max_advisors, 0);
      config.kinds.push_back(std::move(kind));
    }
  }

  /// The kind's rubric, by default the kind id (SPEC §2); it must be one of `rubrics`.
  void read_kind_rubric(const Json& item, const std::string& path, Kind& kind) {
    kind.rubric = kind.id;
    const Json* rubric = member(item, "rubric");
    if (rubric) {
      const auto id = read_id(*rubric, path + ".rubric");
      if (!id) return;
      kind.rubric = *id;
    }
    if (!rubric_ids_ || kind.rubric.empty() || rubric_ids_->count(kind.rubric)) return;
    error(rubric ? path + ".rubric" : path, "unknown-rubric",
          fmt::format(
              "unknown rubric {}{}; rubrics are {}", json_quoted(kind.rubric),
              rubric ? "" : " (a kind's rubric defaults to its id)",
              rubric_ids_->empty() ? "none" : fmt::format("{}", fmt::join(*rubric_ids_, ", "))));
  }

  void read_judging(const Json& root, Config& config) {
    const std::string path = "$.judging";
    JudgingConfig& judging = config.judging;
    std::map<std::string, int> named;  // judges_per_entry given per kind
    if (const Json* value = member(root, "judging")) {
      if (expect_object(
              *value, path,
              {"judges_per_entry", "max_load", "conflicts", "mismatch_cost", "balance_cost"})) {
        if (const Json* k = member(*value, "judges_per_entry"))
          named = read_judges_per_entry(*k, path + ".judges_per_entry", judging);
        if (const Json* max_load = member(*value, "max_load"); max_load && !max_load->is_null())
          judging.max_load = read_int(*max_load, path + ".max_load", 1);
        if (const Json* conflicts = member(*value, "conflicts"))
          judging.conflicts = read_conflicts(*conflicts, path + ".conflicts");
        take_int(*value, path, "mismatch_cost", Need::Optional, judging.mismatch_cost, 0);
        take_int(*value, path, "balance_cost", Need::Optional, judging.balance_cost, 0);
      }
    }
    for (const Kind& kind : config.kinds) {
      const auto it = named.find(kind.id);
      judging.judges_per_entry[kind.id] =
          it == named.end() ? judging.default_judges_per_entry : it->second;
    }
  }

  /// An integer k for every kind, or an object {kind id: k}; kinds not named keep the default 3.
  std::map<std::string, int> read_judges_per_entry(const Json& value, const std::string& path,
                                                   JudgingConfig& judging) {
    std::map<std::string, int> named;
    if (value.is_object()) {
      for (const auto& [kind_id, k] : value.items()) {
        const std::string item_path = member_path(path, kind_id);
        if (kinds_known_ && !is_known_kind(kind_id))
          error(item_path, "unknown-kind",
                fmt::format("unknown kind {}; kinds are {}", json_quoted(kind_id), known_kinds()));
        if (auto number = read_int(k, item_path, 1)) named[kind_id] = *number;
      }
    } else if (value.is_number_integer()) {
      if (auto number = read_int(value, path, 1)) judging.default_judges_per_entry = *number;
    } else {
      type_error(value, path, "an integer or an object {kind id: integer}");
    }
    return named;
  }

  std::vector<ConflictRule> read_conflicts(const Json& value, const std::string& path) {
    std::vector<ConflictRule> rules;
    if (!expect_array(value, path)) return rules;
    std::map<std::string, std::string> seen;
    for (std::size_t i = 0; i < value.size(); ++i) {
      const std::string item_path = element_path(path, i);
      if (auto index = read_choice(value[i], item_path, "conflict rule", kConflictNames)) {
        check_unique(seen, kConflictNames[*index], item_path, "conflict rule");
        rules.push_back(static_cast<ConflictRule>(*index));
      }
    }
    return rules;
  }

  void read_aggregation(const Json& root, Config& config) {
    const std::string path = "$.aggregation";
    const Json* value = member(root, "aggregation");
    if (!value || !expect_object(*value, path,
                                 {"method", "trim", "min_scores", "precision", "severity_shrinkage",
                                  "disagreement"}))
      return;
    AggregationConfig& aggregation = config.aggregation;
    take_choice(*value, path, "method", "method", kMethodNames, aggregation.method);
    take_int(*value, path, "trim", Need::Optional, aggregation.trim, 0);
    take_int(*value, path, "min_scores", Need::Optional, aggregation.min_scores, 1);
    take_int(*value, path, "precision", Need::Optional, aggregation.precision, 0, 6);
    take_number(*value, path, "severity_shrinkage", aggregation.severity_shrinkage, {0, false});
    take_number(*value, path, "disagreement", aggregation.disagreement, {0, false});
  }

  void read_ranking(const Json& root, Config& config) {
    const std::string path = "$.ranking";
    const Json* value = member(root, "ranking");
    if (!value || !expect_object(*value, path, {"tiebreak"})) return;
    const Json* tiebreak = member(*value, "tiebreak");
    if (!tiebreak || !expect_array(*tiebreak, path + ".tiebreak")) return;
    std::map<std::string, std::string> seen;
    for (std::size_t i = 0; i < tiebreak->size(); ++i) {
      const std::string item_path = element_path(path + ".tiebreak", i);
      const auto id = read_string((*tiebreak)[i], item_path);
      if (!id) continue;
      if (rubric_ids_ && !criterion_ids_.count(*id))
        error(item_path, "unknown-criterion",
              fmt::format("unknown criterion {}; criteria are {}", json_quoted(*id),
                          criterion_ids_.empty()
                              ? "none"
                              : fmt::format("{}", fmt::join(criterion_ids_, ", "))));
      check_unique(seen, *id, item_path, "tiebreak criterion");
      config.tiebreak.push_back(*id);
    }
  }

  void read_awards(const Json& root, Config& config) {
    const std::string path = "$.awards";
    const Json* awards = member(root, "$", "awards", Need::Required);
    if (!awards) return;
    if (!awards->is_object()) {
      type_error(*awards, path, "an object");
      return;
    }
    for (const auto& [kind_id, value] : awards->items()) {
      const std::string policy_path = member_path(path, kind_id);
      const bool known = !kinds_known_ || is_known_kind(kind_id);
      if (!known)
        error(policy_path, "unknown-kind",
              fmt::format("unknown kind {}; kinds are {}", json_quoted(kind_id), known_kinds()));
      AwardPolicy policy = read_award_policy(value, policy_path);  // checked even if unknown
      if (known) config.awards[kind_id] = std::move(policy);
    }
    for (const std::string& kind_id : kind_ids_)
      if (!awards->contains(kind_id))
        error(
            member_path(path, kind_id), "missing",
            fmt::format("kind {} has no award tiers; every kind needs them", json_quoted(kind_id)));
  }

  AwardPolicy read_award_policy(const Json& value, const std::string& path) {
    AwardPolicy policy;
    if (!expect_object(value, path, {"pool_by", "tiers", "rounding", "ties", "cascade"}))
      return policy;
    if (const Json* pool_by = member(value, "pool_by"))
      policy.pool_by = read_pool_by(*pool_by, path + ".pool_by");
    if (const Json* tiers = member(value, path, "tiers", Need::Required))
      policy.tiers = read_tiers(*tiers, path + ".tiers");
    take_choice(value, path, "rounding", "rounding", kRoundingNames, policy.rounding);
    take_choice(value, path, "ties", "tie policy", kTieNames, policy.ties);
    if (const Json* cascade = member(value, "cascade"))
      if (auto flag = read_bool(*cascade, path + ".cascade")) policy.cascade = *flag;
    return policy;
  }

  /// [], ["group"], ["subject"] or ["group","subject"]: pools split by group, then subject.
  std::vector<std::string> read_pool_by(const Json& value, const std::string& path) {
    std::vector<std::string> fields;
    if (!expect_array(value, path)) return fields;
    bool all_known = true;
    for (std::size_t i = 0; i < value.size(); ++i) {
      const auto index = read_choice(value[i], element_path(path, i), "pool field", kPoolFields);
      if (index) fields.push_back(kPoolFields[*index]);
      all_known = all_known && index.has_value();
    }
    const bool in_order =
        std::is_sorted(fields.begin(), fields.end(),
                       [](const auto& a, const auto& b) { return a == "group" && b == "subject"; });
    const bool distinct = std::adjacent_find(fields.begin(), fields.end()) == fields.end();
    if (all_known && !(in_order && distinct))
      error(
          path, "bad-value",
          fmt::format("must be [], [\"group\"], [\"subject\"] or [\"group\",\"subject\"], found {}",
                      value.dump()));
    return fields;
  }

  std::vector<Tier> read_tiers(const Json& value, const std::string& path) {
    std::vector<Tier> tiers;
    if (!expect_nonempty_array(value, path, "tier")) return tiers;
    std::map<std::string, std::string> ids;
    for (std::size_t i = 0; i < value.size(); ++i) {
      const std::string item_path = element_path(path, i);
      if (auto tier = read_tier(value[i], item_path)) {
        if (!tier->id.empty()) check_unique(ids, tier->id, item_path + ".id");
        tiers.push_back(std::move(*tier));
      }
    }
    return tiers;
  }

  std::optional<Tier> read_tier(const Json& value, const std::string& path) {
    if (!expect_object(value, path, {"id", "label", "count", "share", "min_score"}))
      return std::nullopt;
    Tier tier;
    take_id(value, path, "id", Need::Required, tier.id);
    take_label(value, path, "label", tier.label);
    const Json* count = member(value, "count");
    const Json* share = member(value, "share");
    if (count && share)
      error(path, "tier-quota", "tier has both \"count\" and \"share\"; give one");
    if (!count && !share)
      error(path, "tier-quota", "tier has neither \"count\" nor \"share\"; give one");
    if (count) tier.count = read_int(*count, path + ".count", 0);
    if (share) tier.share = read_share(*share, path + ".share");
    if (const Json* min_score = member(value, "min_score"); min_score && !min_score->is_null())
      tier.min_score = read_number(*min_score, path + ".min_score", {0, false});
    return tier;
  }

  /// A fraction 0..1 kept exactly as the decimal written (SPEC §8: floor(0.57 · 100) = 57).
  std::optional<Decimal> read_share(const Json& value, const std::string& path) {
    const auto number = read_number(value, path, {0, false}, 1.0);
    if (!number) return std::nullopt;
    if (value.is_number_integer()) return Decimal{value.get<std::int64_t>(), 1};
    auto decimal = exact_decimal(*number);
    if (!decimal) error(path, "range", fmt::format("{} has too many digits", value.dump()));
    return decimal;
  }

  const std::string& file_;
  Report& report_;
  bool kinds_known_ = false;                         // kinds[] was readable
  std::vector<std::string> kind_ids_;                // in file order
  std::optional<std::set<std::string>> rubric_ids_;  // nullopt when rubrics is unreadable
  std::set<std::string> criterion_ids_;              // of all rubrics
};

// ---------------------------------------------------------------- writing

/// Integral values as JSON integers (40, not 40.0), as a person writes them.
Json number_json(double value) {
  if (std::floor(value) == value && std::abs(value) < 1e15)
    return Json(static_cast<std::int64_t>(value));
  return Json(value);
}

/// Exact: numerator and denominator are exact doubles, so the quotient is the double nearest the
/// decimal, whose shortest text (what nlohmann writes) is the decimal again.
Json decimal_json(const Decimal& decimal) {
  if (decimal.denominator == 1) return Json(decimal.numerator);
  return Json(static_cast<double>(decimal.numerator) / static_cast<double>(decimal.denominator));
}

Json labelled_json(const std::vector<Labelled>& items) {
  Json list = Json::array();
  for (const Labelled& item : items) list.push_back({{"id", item.id}, {"label", item.label}});
  return list;
}

Json rubric_json(const Rubric& rubric) {
  Json criteria = Json::array();
  for (const Criterion& c : rubric.criteria)
    criteria.push_back({{"id", c.id},
                        {"label", c.label},
                        {"max", number_json(c.max)},
                        {"weight", number_json(c.weight)}});
  return {{"step", number_json(rubric.step)}, {"criteria", std::move(criteria)}};
}

/// Rubrics in the order kinds use them, then any unused ones by id.
Json rubrics_json(const Config& config) {
  Json rubrics = Json::object();
  for (const Kind& kind : config.kinds)
    if (const auto it = config.rubrics.find(kind.rubric);
        it != config.rubrics.end() && !rubrics.contains(kind.rubric))
      rubrics[kind.rubric] = rubric_json(it->second);
  for (const auto& [id, rubric] : config.rubrics)
    if (!rubrics.contains(id)) rubrics[id] = rubric_json(rubric);
  return rubrics;
}

/// One integer when every kind uses the default k, else the object form naming every kind.
Json judges_per_entry_json(const Config& config) {
  const JudgingConfig& judging = config.judging;
  const bool uniform = std::all_of(
      judging.judges_per_entry.begin(), judging.judges_per_entry.end(),
      [&](const auto& item) { return item.second == judging.default_judges_per_entry; });
  if (uniform) return judging.default_judges_per_entry;
  Json per_kind = Json::object();
  for (const Kind& kind : config.kinds) per_kind[kind.id] = config.judges_per_entry(kind.id);
  for (const auto& [kind_id, k] : judging.judges_per_entry)
    if (!per_kind.contains(kind_id)) per_kind[kind_id] = k;
  return per_kind;
}

Json judging_json(const Config& config) {
  const JudgingConfig& judging = config.judging;
  Json conflicts = Json::array();
  for (ConflictRule rule : judging.conflicts) conflicts.push_back(to_string(rule));
  return {{"judges_per_entry", judges_per_entry_json(config)},
          {"max_load", judging.max_load ? Json(*judging.max_load) : Json(nullptr)},
          {"conflicts", std::move(conflicts)},
          {"mismatch_cost", judging.mismatch_cost},
          {"balance_cost", judging.balance_cost}};
}

Json tier_json(const Tier& tier) {
  Json json = {{"id", tier.id}, {"label", tier.label}};
  if (tier.count) json["count"] = *tier.count;
  if (tier.share) json["share"] = decimal_json(*tier.share);
  if (tier.min_score) json["min_score"] = number_json(*tier.min_score);
  return json;
}

Json award_json(const AwardPolicy& policy) {
  Json tiers = Json::array();
  for (const Tier& tier : policy.tiers) tiers.push_back(tier_json(tier));
  return {{"pool_by", policy.pool_by},
          {"rounding", to_string(policy.rounding)},
          {"ties", to_string(policy.ties)},
          {"cascade", policy.cascade},
          {"tiers", std::move(tiers)}};
}

/// Awards in kind order, then any others by id.
Json awards_json(const Config& config) {
  Json awards = Json::object();
  for (const Kind& kind : config.kinds)
    if (const auto it = config.awards.find(kind.id); it != config.awards.end())
      awards[kind.id] = award_json(it->second);
  for (const auto& [kind_id, policy] : config.awards)
    if (!awards.contains(kind_id)) awards[kind_id] = award_json(policy);
  return awards;
}

}  // namespace

std::optional<Config> parse_config(std::string_view json_text, const std::string& file,
                                   Report& report) {
  Report found;  // this file's problems only: `report` may already hold others
  std::optional<Config> config;
  if (const auto root = parse_json(json_text, file, found))
    config = ConfigReader(file, found).read(*root);
  const bool failed = found.has_errors();
  report.append(found);
  if (failed) return std::nullopt;
  return config;
}

Json config_to_json(const Config& config) {
  Json kinds = Json::array();
  for (const Kind& kind : config.kinds)
    kinds.push_back({{"id", kind.id},
                     {"label", kind.label},
                     {"rubric", kind.rubric},
                     {"max_students", kind.max_students},
                     {"max_advisors", kind.max_advisors}});
  const AggregationConfig& aggregation = config.aggregation;
  return {
      {"competition",
       {{"id", config.competition_id}, {"name", config.competition_name}, {"year", config.year}}},
      {"groups", labelled_json(config.groups)},
      {"subjects", labelled_json(config.subjects)},
      {"kinds", std::move(kinds)},
      {"rubrics", rubrics_json(config)},
      {"judging", judging_json(config)},
      {"aggregation",
       {{"method", to_string(aggregation.method)},
        {"trim", aggregation.trim},
        {"min_scores", aggregation.min_scores},
        {"precision", aggregation.precision},
        {"severity_shrinkage", number_json(aggregation.severity_shrinkage)},
        {"disagreement", number_json(aggregation.disagreement)}}},
      {"ranking", {{"tiebreak", config.tiebreak}}},
      {"awards", awards_json(config)},
  };
}

}  // namespace jury
