#include "model/i18n.hpp"

#include <atomic>
#include <cstdint>
#include <cstring>
#include <string>
#include <unordered_map>

namespace jury::i18n {

namespace {

std::atomic<Language> current_language{Language::English};

/// A GNU .mo file (gettext manual, "The Format of GNU MO Files"): a header of 32-bit words, then
/// two tables of (length, offset) pairs — the msgids and their translations. A plural entry's
/// msgid is "singular\0plural" and its translation "form0\0form1…". Read once into a map.
class MoCatalogue {
 public:
  explicit MoCatalogue(std::string_view data) : data_(data) {
    if (data_.size() < 28) return;
    const std::uint32_t magic = word(0);
    if (magic != 0x950412de) {
      swapped_ = true;
      if (word(0) != 0x950412de) return;
    }
    const std::uint32_t count = word(8);
    const std::uint32_t originals = word(12);
    const std::uint32_t translations = word(16);
    for (std::uint32_t i = 0; i < count; ++i) {
      const std::string_view msgid = string_at(originals + 8 * i);
      const std::string_view msgstr = string_at(translations + 8 * i);
      if (msgid.empty()) {
        read_header(msgstr);
        continue;
      }
      // The key is the singular (up to the first NUL); the value keeps every plural form.
      entries_.emplace(msgid.substr(0, msgid.find('\0')), msgstr);
    }
  }

  /// The translation's plural form `form` (0 for a text without plural), or nullptr.
  const char* find(const char* msgid, unsigned form) const {
    const auto found = entries_.find(msgid);
    if (found == entries_.end()) return nullptr;
    std::string_view forms = found->second;
    for (unsigned f = 0; f < form; ++f) {
      const auto end = forms.find('\0');
      if (end == std::string_view::npos) return nullptr;
      forms.remove_prefix(end + 1);
    }
    return forms.empty() ? nullptr : forms.data();  // NUL-terminated in the .mo file
  }

  /// The plural form of n: one form (Chinese) or English-like "n == 1 ? 0 : 1".
  unsigned plural_form(unsigned long n) const { return plurals_ == 1 ? 0 : (n == 1 ? 0 : 1); }

 private:
  std::uint32_t word(std::size_t offset) const {
    if (offset + 4 > data_.size()) return 0;
    std::uint32_t value = 0;
    std::memcpy(&value, data_.data() + offset, 4);
    return swapped_ ? __builtin_bswap32(value) : value;
  }

  /// The string of a (length, offset) pair; empty when it lies outside the data.
  std::string_view string_at(std::size_t pair) const {
    const std::uint32_t length = word(pair);
    const std::uint32_t offset = word(pair + 4);
    if (std::size_t{offset} + length >= data_.size()) return {};  // the NUL must be inside too
    return data_.substr(offset, length);
  }

  void read_header(std::string_view header) {
    const auto at = header.find("nplurals=");
    if (at != std::string_view::npos && at + 9 < header.size())
      plurals_ = static_cast<unsigned>(header[at + 9] - '0');
  }

  std::string_view data_;
  bool swapped_ = false;
  unsigned plurals_ = 2;
  std::unordered_map<std::string_view, std::string_view> entries_;
};

const MoCatalogue& chinese_catalogue() {
  static const MoCatalogue catalogue(detail::zh_catalogue());
  return catalogue;
}

bool starts_with_ascii_case(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

}  // namespace

Language language() {
  return current_language.load();
}

void set_language(Language language) {
  current_language.store(language);
}

std::optional<Language> parse_language(std::string_view name) {
  const auto is_zh = starts_with_ascii_case(name, "zh");
  if (is_zh && (name.size() == 2 || name[2] == '_' || name[2] == '-' || name[2] == '.'))
    return Language::Chinese;
  if (starts_with_ascii_case(name, "en") || name == "C" || name == "POSIX" ||
      starts_with_ascii_case(name, "c."))
    return Language::English;
  return std::nullopt;
}

Language choose_language(std::string_view option, const char* jury_lang, const char* lc_all,
                         const char* lang) {
  if (!option.empty()) return parse_language(option).value_or(Language::English);
  for (const char* variable : {jury_lang, lc_all, lang})
    if (variable && *variable) return parse_language(variable).value_or(Language::English);
  return Language::English;
}

const char* tr(const char* msgid) {
  if (!chinese() || !*msgid) return msgid;
  const char* translated = chinese_catalogue().find(msgid, 0);
  return translated ? translated : msgid;
}

const char* trn(const char* singular, const char* plural, unsigned long n) {
  const char* english = n == 1 ? singular : plural;
  if (!chinese()) return english;
  const MoCatalogue& catalogue = chinese_catalogue();
  const char* translated = catalogue.find(singular, catalogue.plural_form(n));
  return translated ? translated : english;
}

const char* trc_zh(const char* context, const char* code) {
  if (!*code) return code;
  const std::string key = std::string(context) + '\x04' + code;  // how msgfmt stores a msgctxt
  const char* translated = chinese_catalogue().find(key.c_str(), 0);
  return translated ? translated : code;
}

const char* trc(const char* context, const char* code) {
  return chinese() ? trc_zh(context, code) : code;
}

}  // namespace jury::i18n
