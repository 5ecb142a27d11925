#pragma once
/// The judges file (SPEC §4): CSV bytes → validated judges + every problem of the file.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "importers/encoding.hpp"
#include "model/diagnostics.hpp"
#include "model/model.hpp"

namespace jury {

struct ImportedJudge {
  Judge judge;
  int line = 0;  ///< physical line of the row
};

/// Validates a whole judges file (SPEC §4), collecting every problem into report. Returns the
/// rows without errors, in file order. `existing` = judges already in the competition: a row
/// whose id exists keeps every stored field whose column the file lacks (e.g. active, SPEC §3).
/// An Excel workbook is read from its first worksheet or `sheet` (SPEC §15).
std::vector<ImportedJudge> import_judges(std::string_view bytes, const std::string& file,
                                         Encoding encoding, const Config& config,
                                         Diagnostics& report,
                                         const std::vector<Judge>& existing = {},
                                         const std::string& sheet = {});

/// The words accepted in the active (状态) column; nullopt when unknown.
/// yes: empty, yes, y, true, 1, active, 是, 正常, 有效, 在岗, 启用;
/// no: no, n, false, 0, inactive, withdrawn, 否, 退出, 停用, 撤回, 无效, 请假.
std::optional<bool> parse_judge_active(std::string_view cell);

}  // namespace jury
