#pragma once
/// Full-fidelity JSON form of a Results value, for the frozen award decision in the store
/// (the public §9 document drops fields the roster exporters still need, e.g. raw scores).

#include <nlohmann/json.hpp>

#include "model/model.hpp"

namespace jury {

nlohmann::ordered_json results_to_json(const Results& results);
/// Throws nlohmann::json::exception on a malformed document.
Results results_from_json(const nlohmann::json& document);

}  // namespace jury
