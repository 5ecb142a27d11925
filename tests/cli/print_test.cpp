/// Issue 14 "Print" (SPEC §9 公示): the public notice and the internal roster of the sample,
/// printed to PDF by headless Chromium, are A4 pages with page numbers, the expected headings, and
/// no heading left alone at the end of a page.

#include <catch2/catch.hpp>

#include <regex>
#include <sstream>

#include "cli_runner.hpp"
#include "import_state.hpp"

using namespace jury::testing;

namespace {

bool have_print_tools() {
  return std::system(
             "command -v chromium >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 "
             "&& command -v pdfinfo >/dev/null 2>&1") == 0;
}

/// Runs a shell command, returns its stdout; REQUIREs success.
std::string output_of(const Scratch& s, const std::string& command) {
  const std::string out = s.path(".tool-out");
  const int status = std::system((command + " >'" + out + "' 2>/dev/null").c_str());
  INFO(command);
  REQUIRE(status == 0);
  return read_text(out);
}

/// `html` printed to `pdf` the way an office prints it, without Chromium's own header and footer
/// (date, title, file path): the page numbers must come from the page itself.
void print_to_pdf(const Scratch& s, const std::string& html, const std::string& pdf) {
  output_of(s,
            "chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-sync "
            "--disable-background-networking --disable-component-update --no-pdf-header-footer "
            "--user-data-dir='" +
                s.path("chromium-profile") + "' --print-to-pdf='" + s.path(pdf) + "' 'file://" +
                s.path(html) + "'");
}

std::vector<std::string> pages_of(const std::string& text) {
  std::vector<std::string> pages;
  std::istringstream in(text);
  for (std::string page; std::getline(in, page, '\f');) pages.push_back(page);
  if (!pages.empty() && pages.back().find_first_not_of(" \n") == std::string::npos)
    pages.pop_back();  // pdftotext ends the last page with a form feed too
  return pages;
}

std::vector<std::string> lines_of(const std::string& page) {
  std::vector<std::string> lines;
  std::istringstream in(page);
  for (std::string line; std::getline(in, line);)
    if (line.find_first_not_of(' ') != std::string::npos) lines.push_back(line);
  return lines;
}

/// The headings of the roster pages that no table cell can look like: kind labels, tier headings
/// with their count, 未获奖 and 公示说明. (A group label such as 小学 is left out: a school name
/// wrapped in its cell can leave the same two characters alone on a line.)
bool is_heading(const std::string& line) {
  static const std::regex heading(
      " *(学生科技创新成果|科技辅导员科技教育创新成果|公示说明|"
      "(一|二|三)等奖 ?（[0-9]+ 项）|未获奖 ?（[0-9]+ 项）) *");
  return std::regex_match(line, heading);
}

void check_printed(const Scratch& s, const std::string& html, const std::string& pdf,
                   const std::vector<std::string>& headings) {
  print_to_pdf(s, html, pdf);
  const std::string info = output_of(s, "pdfinfo '" + s.path(pdf) + "'");
  CHECK(info.find("(A4)") != std::string::npos);
  std::smatch pages_match;
  REQUIRE(std::regex_search(info, pages_match, std::regex("Pages: +([0-9]+)")));
  const int page_count = std::stoi(pages_match[1]);
  // -layout: one printed line per text line, so a page's last line is the last one printed.
  const std::string text = output_of(s, "pdftotext -layout '" + s.path(pdf) + "' -");
  const std::vector<std::string> pages = pages_of(text);
  REQUIRE(static_cast<int>(pages.size()) == page_count);
  for (const std::string& heading : headings) CHECK(text.find(heading) != std::string::npos);
  for (int p = 0; p < page_count; ++p) {
    INFO(pdf << " page " << p + 1);
    const std::string number =
        "第 " + std::to_string(p + 1) + " 页 / 共 " + std::to_string(page_count) + " 页";
    const std::vector<std::string> lines = lines_of(pages[static_cast<std::size_t>(p)]);
    REQUIRE(lines.size() >= 2);
    const auto is_number = [&](const std::string& line) {
      return line.find_first_not_of(' ') == line.find(number) &&
             line.find_last_not_of(' ') + 1 == line.find(number) + number.size();
    };
    CHECK(std::count_if(lines.begin(), lines.end(), is_number) == 1);
    // The last line of the text area (the page number aside) is no heading.
    std::vector<std::string> body;
    for (const std::string& line : lines)
      if (!is_number(line)) body.push_back(line);
    INFO("last line: " << body.back());
    CHECK_FALSE(is_heading(body.back()));
  }
}

}  // namespace

TEST_CASE("Print: the sample's 公示 and internal roster print on A4 with page numbers") {
  if (!have_print_tools()) {
    WARN("skipped: chromium, pdftotext or pdfinfo is missing");
    return;
  }
  Scratch s("print");
  run_ok(s, "demo demo");
  const std::vector<std::string> headings{"第36届荆州市青少年科技创新大赛（2021年）获奖名单公示",
                                          "学生科技创新成果",
                                          "科技辅导员科技教育创新成果",
                                          "小学",
                                          "初中",
                                          "高中"};
  std::vector<std::string> public_headings = headings;
  public_headings.push_back("公示说明");
  check_printed(s, "demo/roster-public.html", "public.pdf", public_headings);
  check_printed(s, "demo/roster.html", "internal.pdf", headings);

  // The interview timetable of the two-round sample (SPEC §13): the judges' itineraries flow
  // several to a page, not one judge per mostly empty page.
  print_to_pdf(s, "demo/rounds/timetable.html", "timetable.pdf");
  const std::vector<std::string> pages =
      pages_of(output_of(s, "pdftotext -layout '" + s.path("timetable.pdf") + "' -"));
  std::size_t itineraries = 0, judge_pages = 0;
  for (const std::string& page : pages) {
    std::size_t on_page = 0;
    for (std::size_t at = page.find("评委日程："); at != std::string::npos;
         at = page.find("评委日程：", at + 1))
      ++on_page;
    itineraries += on_page;
    judge_pages += on_page > 0;
  }
  REQUIRE(itineraries == 50);  // the sample's 50 judges all serve in the final
  CHECK(judge_pages * 2 < itineraries);
}
