#pragma once
/// The interface language (SPEC §10 "Language"): English, or Chinese from a GNU gettext catalogue
/// (po/zh_CN.po, compiled by msgfmt at build time and embedded in the binary, so no installed
/// locale and no setlocale() is needed). The msgids are the English texts: tr() of a text without
/// a translation, or in English, is the text itself, so English output never changes.
///
/// Messages are marked for xgettext (tools/messages.py) by the keywords tr, trf, trn, trnf and
/// N_ (a text in a static table, translated where it is shown), and trc / NC_ for a code with a
/// context (the catalogue's msgctxt).

#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>

namespace jury::i18n {

enum class Language { English, Chinese };

/// The language of this process (English until set).
Language language();
void set_language(Language language);
inline bool chinese() {
  return language() == Language::Chinese;
}

/// "en", "zh" and locale names: "zh", "zh_CN.UTF-8", "zh-TW" → Chinese; "en", "en_US", "C",
/// "POSIX", "C.UTF-8" → English; anything else → nullopt.
std::optional<Language> parse_language(std::string_view name);

/// SPEC §10: `--lang` (given, may be empty) over JURY_LANG over LC_ALL over LANG; an unset or
/// empty variable is skipped, the first set one decides (a locale other than zh_* is English).
Language choose_language(std::string_view option, const char* jury_lang, const char* lc_all,
                         const char* lang);

/// The text in the current language (`msgid` itself in English or when untranslated). The result
/// lives as long as the program.
const char* tr(const char* msgid);

/// The singular or plural English text by n, or its translation.
const char* trn(const char* singular, const char* plural, unsigned long n);

/// A machine code shown to people (a flag "close", a method "trimmed-mean"): its translation in
/// `context` (the catalogue's msgctxt, so that the code "close" is not the English word "close"
/// of another message), or the code itself in English or when untranslated. The result lives as
/// long as `code` or the program.
const char* trc(const char* context, const char* code);

/// trc in Chinese whatever the current language: for the pages that are always Chinese (the
/// 公示 roster, the committee's report page).
const char* trc_zh(const char* context, const char* code);

/// `translated` as a fmt format string, or `english` should the translation not fit the
/// arguments (tools/messages.py checks that none does).
template <typename... Args>
std::string format_message(const char* translated, const char* english, const Args&... args) {
  try {
    return fmt::format(fmt::runtime(translated), args...);
  } catch (const fmt::format_error&) {
    return fmt::format(fmt::runtime(english), args...);
  }
}

/// tr(msgid) as a fmt format string: a translation may reorder the arguments ({1}…{0}).
template <typename... Args>
std::string trf(const char* msgid, const Args&... args) {
  return format_message(tr(msgid), msgid, args...);
}

/// trn(singular, plural, n) as a fmt format string.
template <typename... Args>
std::string trnf(const char* singular, const char* plural, unsigned long n, const Args&... args) {
  return format_message(trn(singular, plural, n), n == 1 ? singular : plural, args...);
}

/// Marks a text in a static table for extraction; translate it with tr() where it is shown.
constexpr const char* N_(const char* msgid) {
  return msgid;
}

/// Marks a code with its context for extraction; show it with trc(context, code).
constexpr const char* NC_(const char* /*context*/, const char* code) {
  return code;
}

/// Sets the language for one scope (tests, the demo) and restores the previous one.
class ScopedLanguage {
 public:
  explicit ScopedLanguage(Language language) : previous_(i18n::language()) {
    set_language(language);
  }
  ~ScopedLanguage() { set_language(previous_); }
  ScopedLanguage(const ScopedLanguage&) = delete;
  ScopedLanguage& operator=(const ScopedLanguage&) = delete;

 private:
  Language previous_;
};

/// make() in English: what the database stores (the audit log) is English whatever the
/// interface language, so one log never mixes languages.
template <typename Make>
auto in_english(Make&& make) {
  const ScopedLanguage english(Language::English);
  return make();
}

namespace detail {
/// The embedded zh_CN .mo file (generated at build time from po/zh_CN.po).
std::string_view zh_catalogue();
}  // namespace detail

}  // namespace jury::i18n
