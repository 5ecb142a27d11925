#pragma once
/// The printable HTML pages of the exporters (公示 and internal roster, statistics, comments,
/// SPEC §9 and §16) share one A4 print style and one page skeleton.

#include <string>
#include <string_view>

namespace jury {

/// A4 with margins; "第 N 页 / 共 M 页" in the bottom margin box of every page (CSS @page margin
/// boxes, printed by Chromium since version 131); headings never left at the end of a page;
/// table headers repeated on each page, rows never split; ids (`.id`) and numbers (`.num`) never
/// wrapped. Fonts are the CJK faces found on office machines; no external resources.
std::string_view print_style();

/// `<!DOCTYPE html>` … a self-contained page: `name` + `tail` (escaped here) as the document title
/// and the `<h1>`, the print style plus `extra_style`, then `body` (HTML the caller escaped). The
/// heading never breaks inside the tail (（2021年）获奖名单公示: a long name wraps, 名单 stays
/// whole), and its lines are balanced.
std::string html_page(std::string_view name, std::string_view tail, std::string_view extra_style,
                      std::string_view body);

}  // namespace jury
