#include "model/labels.hpp"

#include "model/i18n.hpp"
#include "model/model.hpp"
#include "model/text.hpp"

namespace jury {

namespace {

constexpr const char* kMethodContext = "aggregation method";
constexpr const char* kFlagContext = "flag";

// The codes as xgettext finds them (tools/messages.py); the contexts are the two above.
[[maybe_unused]] constexpr const char* kMethodCodes[] = {
    i18n::NC_("aggregation method", "mean"),     i18n::NC_("aggregation method", "trimmed-mean"),
    i18n::NC_("aggregation method", "median"),   i18n::NC_("aggregation method", "zscore"),
    i18n::NC_("aggregation method", "severity"),
};

constexpr const char* kFlags[] = {
    i18n::NC_("flag", "incomplete"),    i18n::NC_("flag", "disagreement"),
    i18n::NC_("flag", "absent"),        i18n::NC_("flag", "advance"),
    i18n::NC_("flag", "recommend-tie"), i18n::NC_("flag", "close"),
};

}  // namespace

std::string method_name(Method method) {
  const std::string code = to_string(method);
  return i18n::trc(kMethodContext, code.c_str());
}

std::string method_label_zh(Method method) {
  const std::string code = to_string(method);
  return i18n::trc_zh(kMethodContext, code.c_str());
}

std::string flag_name(const std::string& flag) {
  return i18n::trc(kFlagContext, flag.c_str());
}

std::string flag_label_zh(const std::string& flag) {
  return i18n::trc_zh(kFlagContext, flag.c_str());
}

std::string flag_names(const std::vector<std::string>& flags) {
  std::vector<std::string> names;
  names.reserve(flags.size());
  for (const std::string& flag : flags) names.push_back(flag_name(flag));
  return join(names, i18n::trc("flag list", ", "));
}

std::string pool_shown(const Config& config, const PoolResult& pool) {
  return i18n::chinese() ? pool_label(config, pool) : pool_id(pool);
}

std::span<const char* const> known_flags() {
  return kFlags;
}

std::string round_name(const Config& config, const std::string& round_id) {
  if (!i18n::chinese()) return round_id;
  for (const auto& round : config.rounds)
    if (round.id == round_id && !round.label.empty() && round.label != round_id)
      return round.label + "（" + round_id + "）";
  return round_id;
}

std::string round_prefix(const Config& config, const std::string& round_id) {
  return config.rounds.size() > 1 ? i18n::trf("round {}: ", round_name(config, round_id)) : "";
}

}  // namespace jury
