#pragma once
/// Typed reads of the members of a parsed JSON document, each problem reported with the JSON
/// path of the value: "expected …, found …", unknown keys, missing keys, ranges, duplicates and
/// the values of enumerated settings (model/enums.hpp). The generic half of a section reader
/// such as the config's (engine/config_reader.cpp): it knows JSON and paths, not competitions.
///
/// Every read either returns the value or reports an error and returns nullopt; the `take_*`
/// shorthands read an object's member into a field only when it is present and valid.

#include <climits>
#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/json_reader.hpp"
#include "model/diagnostics.hpp"
#include "model/enums.hpp"

namespace jury {

class JsonFields {
 public:
  using Json = nlohmann::ordered_json;
  using Keys = std::initializer_list<std::string_view>;
  enum class Need { Required, Optional };
  /// A lower bound for numbers: at least `min`, or greater than `min` when `exclusive`.
  struct Bound {
    double min = 0;
    bool exclusive = false;
  };

  /// Errors go to `report` as diagnostics of `file` (line 0) with code `<prefix>.<kind>`.
  JsonFields(const std::string& file, std::string_view code_prefix, Diagnostics& report)
      : file_(file), prefix_(code_prefix), report_(report) {}

  /// `path: message`, code `<prefix>.<code>`.
  void error(const std::string& path, std::string_view code, const std::string& message);
  void type_error(const Json& value, const std::string& path, std::string_view expected);

  /// An object whose keys are all `allowed` (each other key is an error).
  bool expect_object(const Json& value, const std::string& path, Keys allowed);
  bool expect_array(const Json& value, const std::string& path);
  /// An array with at least one element (`what` names the elements).
  bool expect_nonempty_array(const Json& value, const std::string& path, std::string_view what);

  static const Json* member(const Json& object, std::string_view key);
  /// The member, or nullptr; a missing required member is an error.
  const Json* member(const Json& object, const std::string& path, std::string_view key, Need need);

  std::optional<std::string> read_string(const Json& value, const std::string& path);
  /// An id (model is_id); a malformed one is reported but still returned, so that references
  /// to it do not raise a second, misleading error.
  std::optional<std::string> read_id(const Json& value, const std::string& path);
  /// A string that is not blank.
  std::optional<std::string> read_label(const Json& value, const std::string& path);
  std::optional<int> read_int(const Json& value, const std::string& path, int min,
                              int max = INT_MAX);
  std::optional<double> read_number(const Json& value, const std::string& path, Bound bound,
                                    std::optional<double> max = std::nullopt);
  std::optional<bool> read_bool(const Json& value, const std::string& path);
  /// One of `names`, as its index; `what` names the setting in the message.
  std::optional<std::size_t> read_choice(const Json& value, const std::string& path,
                                         std::string_view what,
                                         const std::vector<std::string>& names);
  /// A value of an enumerated concept, by its name in the concept's table.
  template <Spelled Enum>
  std::optional<Enum> read_enum(const Json& value, const std::string& path) {
    const auto values = table_of<Enum>().values;
    const auto index = read_choice(value, path, table_of<Enum>().concept_name, all_names<Enum>());
    if (!index) return std::nullopt;
    return values[*index].value;
  }

  /// Records `id` at `path`; a second occurrence is an error naming the first (`what` says what
  /// the value is: "id", "conflict rule", …).
  void check_unique(std::map<std::string, std::string>& seen, const std::string& id,
                    const std::string& path, std::string_view what = "id");

  // Shorthands for "read this member into that field when present".
  void take_id(const Json& object, const std::string& path, std::string_view key, Need need,
               std::string& target);
  void take_label(const Json& object, const std::string& path, std::string_view key,
                  std::string& target);
  void take_int(const Json& object, const std::string& path, std::string_view key, Need need,
                int& target, int min, int max = INT_MAX);
  void take_number(const Json& object, const std::string& path, std::string_view key,
                   double& target, Bound bound);
  template <Spelled Enum>
  void take_enum(const Json& object, const std::string& path, std::string_view key, Enum& target) {
    if (const Json* value = member(object, path, key, Need::Optional))
      if (auto read = read_enum<Enum>(*value, member_path(path, key))) target = *read;
  }

 private:
  const std::string& file_;
  std::string_view prefix_;
  Diagnostics& report_;
};

/// Shortest text of a number for messages: 40, 0.5.
std::string number_text(double value);

}  // namespace jury
