#include "exporters/diagnostics_json.hpp"

#include <nlohmann/json.hpp>

namespace jury {

std::string diagnostics_json(const Diagnostics& report) {
  nlohmann::ordered_json items = nlohmann::ordered_json::array();
  for (const auto& d : report.items()) {
    nlohmann::ordered_json item{{"file", d.file}, {"line", d.line}, {"column", d.column}};
    if (!d.sheet.empty()) {  // a workbook (SPEC §15): line is the row, column the column
      item["sheet"] = d.sheet;
      if (d.line > 0 && d.column > 0)
        item["cell"] = column_letters(d.column) + std::to_string(d.line);
    }
    item["severity"] = d.severity == Severity::Error ? "error" : "warning";
    item["code"] = d.code;
    item["message"] = d.message;
    items.push_back(std::move(item));
  }
  return items.dump(2) + "\n";
}

}  // namespace jury
