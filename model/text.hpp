#pragma once
/// Unicode text helpers shared by importers and judging.

#include <string>
#include <string_view>
#include <vector>

namespace jury {

/// NFKC-normalises UTF-8 text (full-width → ASCII, U+3000 → space, compatibility forms).
/// Invalid UTF-8 is returned unchanged.
std::string nfkc(std::string_view utf8);

/// Trims ASCII and Unicode whitespace (including U+3000 and NBSP) at both ends.
std::string trim(std::string_view utf8);

/// The key two names or schools are compared by (SPEC §5): NFKC, then all whitespace removed.
std::string fold_key(std::string_view utf8);

/// Splits a name list on 、 , ， ; ； / or whitespace, trimming each name and dropping empties.
/// The middle dot (·) stays part of a name.
std::vector<std::string> split_names(std::string_view utf8);

/// Case-insensitive (ASCII) comparison after NFKC and trimming; used for headers and enum cells.
bool same_word(std::string_view a, std::string_view b);

/// The items with the separator between them.
std::string join(const std::vector<std::string>& items, std::string_view separator);

/// True when the bytes are well-formed UTF-8.
bool is_valid_utf8(std::string_view bytes);

/// Stored text made safe for a terminal: control characters (C0, DEL, C1) as \n \t \r or \xNN /
/// \u0080…, and bytes of broken UTF-8 as \xNN; `keep_newlines` leaves LF as it is (text whose
/// lines the caller lays out). SPEC §10: `jury audit` prints file names this way.
std::string escape_control(std::string_view utf8, bool keep_newlines = false);

}  // namespace jury
