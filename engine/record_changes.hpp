#pragma once
/// What a re-import changes in an entry or a judge, field by field (SPEC §3: the audit record
/// names every id added or changed, with the fields that changed).

#include <string>
#include <vector>

#include "model/model.hpp"

namespace jury {

/// One changed field: its column id (SPEC §3–4) and the old and new value as the files write it.
struct FieldChange {
  std::string field;
  std::string before;
  std::string after;
};

std::vector<FieldChange> changed_fields(const Entry& before, const Entry& after);
std::vector<FieldChange> changed_fields(const Judge& before, const Judge& after);

/// `status active -> withdrawn, title "旧" -> "新"`: one audit line's worth.
std::string describe(const std::vector<FieldChange>& changes);

}  // namespace jury
