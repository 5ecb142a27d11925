#include "exporters/print_page.hpp"

#include "exporters/roster.hpp"

namespace jury {

namespace {

/// Headings stay with the start of what follows them (`break-after: avoid`, honoured by Chromium's
/// block fragmentation). The page number lives in the bottom margin box, outside the text area,
/// so it never covers a row.
constexpr const char* kPrintStyle = R"(
@page { size: A4; margin: 15mm 14mm 18mm; @bottom-center { content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"; font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", "SimSun", serif; font-size: 9pt; color: #333; } }
html { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "SimSun", sans-serif; font-size: 10.5pt; color: #000; background: #fff; }
body { max-width: 182mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 4mm; letter-spacing: 0.05em; line-height: 1.35; text-wrap: balance; }
h1 .title-tail { white-space: nowrap; }
h2 { font-size: 14pt; border-bottom: 2px solid #000; padding-bottom: 1mm; margin: 6mm 0 3mm; }
h3 { font-size: 12pt; margin: 4mm 0 2mm; }
h4 { font-size: 11pt; margin: 3mm 0 1mm; }
h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; break-inside: avoid; }
p { line-height: 1.7; margin: 2mm 0; text-indent: 2em; }
table { width: 100%; table-layout: fixed; border-collapse: collapse; margin-bottom: 3mm; font-size: 9.5pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 0.75pt solid #555; padding: 1mm 1.5mm; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #eee; white-space: nowrap; }
td.id, td.num, td.rank { white-space: nowrap; overflow-wrap: normal; }
td.num, td.rank { text-align: right; }
.muted { color: #666; text-indent: 0; }
@media print { body { padding: 0; max-width: none; } th { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
)";

}  // namespace

std::string_view print_style() {
  return kPrintStyle;
}

std::string html_page(std::string_view name, std::string_view tail, std::string_view extra_style,
                      std::string_view body) {
  std::string html = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n";
  html += "<title>" + html_escape(std::string(name) + std::string(tail)) + "</title>\n<style>";
  html += print_style();
  html += extra_style;
  // The tail never breaks inside (名单 stays whole); a space before it stays outside, as the place
  // to break.
  const bool spaced = tail.starts_with(' ');
  if (spaced) tail.remove_prefix(1);
  html += "</style>\n</head>\n<body>\n<h1>" + html_escape(name) + (spaced ? " " : "") +
          "<span class=\"title-tail\">" + html_escape(tail) + "</span></h1>\n";
  html += body;
  return html + "</body>\n</html>\n";
}

}  // namespace jury
