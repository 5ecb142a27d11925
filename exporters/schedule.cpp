#include "exporters/schedule.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <tuple>

#include "exporters/csv_writer.hpp"
#include "exporters/roster.hpp"
#include "exporters/roster_rows.hpp"
#include "judging/session_times.hpp"
#include "model/i18n.hpp"

namespace jury {

namespace {

SlotTime time_of(const Interviews& interviews, int slot) {
  const auto time = slot_time(interviews, slot);
  if (!time)
    throw std::out_of_range("exporters.schedule: slot " + std::to_string(slot) +
                            " is not a slot of the sessions");
  return *time;
}

void sort_by(std::vector<ScheduledPair>& pairs, bool by_judge) {
  std::sort(pairs.begin(), pairs.end(), [by_judge](const ScheduledPair& a, const ScheduledPair& b) {
    const auto key = [by_judge](const ScheduledPair& p) {
      return by_judge ? std::tie(p.judge->id, p.slot, p.entry->id)
                      : std::tie(p.entry->id, p.slot, p.judge->id);
    };
    return key(a) < key(b);
  });
}

constexpr const char* kStyle = R"(
@page { size: A4; margin: 16mm 14mm; }
html { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "SimSun", sans-serif; font-size: 10.5pt; color: #000; background: #fff; }
body { max-width: 182mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 17pt; text-align: center; margin: 0 0 3mm; }
h2 { font-size: 13.5pt; border-bottom: 2px solid #000; padding-bottom: 1mm; margin: 6mm 0 3mm; }
h3 { font-size: 11.5pt; margin: 0 0 1.5mm; }
p { margin: 1mm 0; }
.meta { color: #333; font-size: 9.5pt; }
h2 { break-after: avoid; page-break-after: avoid; }
section.judge { break-inside: avoid; page-break-inside: avoid; margin: 0 0 4mm; }
section.judge h2 { font-size: 12pt; margin: 0 0 1mm; }
section.judge p.meta { margin: 0 0 1mm; }
section.judge td, div.entrant td { padding: 0.5mm 1.5mm; line-height: 1.35; }
section.entrants { break-before: page; page-break-before: always; }
div.entrant { break-inside: avoid; page-break-inside: avoid; border: 0.75pt solid #555; padding: 2mm 3mm; margin: 0 0 3mm; }
div.entrant table { width: auto; min-width: 50%; }
table { width: 100%; border-collapse: collapse; margin: 1mm 0 2mm; font-size: 9.5pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 0.75pt solid #555; padding: 1mm 1.5mm; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #eee; white-space: nowrap; }
td.num { text-align: right; white-space: nowrap; }
@media print { body { padding: 0; max-width: none; } th { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
)";

std::string escaped(std::string_view text) {
  return html_escape(text);
}

/// Renders the page: the judges' itineraries, several to a printed page but none split across two
/// (where one fits on a page), then the entrants' timetables from a new page.
class SchedulePage {
 public:
  SchedulePage(const Config& config, const Round& round) : config_(config), round_(round) {}

  std::string render(std::vector<ScheduledPair> pairs) {
    const std::string title = fmt::format("{} {}日程", config_.competition_name, round_.label);
    out_ += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>" +
            escaped(title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
    out_ += "<h1>" + escaped(title) + "</h1>\n";
    out_ += fmt::format("<p class=\"meta\">共 {} 场问辩，每场 {} 分钟。</p>\n", pairs.size(),
                        round_.interviews->slot_minutes);
    sort_by(pairs, true);
    render_judges(pairs);
    sort_by(pairs, false);
    render_entrants(pairs);
    out_ += "</body>\n</html>\n";
    return std::move(out_);
  }

 private:
  std::string when(int slot) const {
    const SlotTime time = time_of(*round_.interviews, slot);
    return time.start + "–" + time.end.substr(11);
  }

  void render_judges(const std::vector<ScheduledPair>& pairs) {
    for (std::size_t k = 0; k < pairs.size();) {
      const Judge& judge = *pairs[k].judge;
      out_ += "<section class=\"judge\">\n<h2>评委日程：" + escaped(judge.name) + "（" +
              escaped(judge.id) + "）</h2>\n";
      if (!judge.affiliation.empty())
        out_ += "<p class=\"meta\">" + escaped(judge.affiliation) + "</p>\n";
      out_ +=
          "<table>\n<thead><tr><th>场次</th><th>时间</th><th>作品编号</th><th>作品名称</th>"
          "<th>学校</th></tr></thead>\n<tbody>\n";
      for (; k < pairs.size() && pairs[k].judge == &judge; ++k)
        out_ += fmt::format(
            "<tr><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            pairs[k].slot, escaped(when(pairs[k].slot)), escaped(pairs[k].entry->id),
            escaped(pairs[k].entry->title), escaped(pairs[k].entry->school));
      out_ += "</tbody>\n</table>\n</section>\n";
    }
  }

  /// SPEC §13: students see their own times; these pages never name a judge.
  void render_entrants(const std::vector<ScheduledPair>& pairs) {
    out_ += "<section class=\"entrants\">\n<h2>参赛作品问辩时间</h2>\n";
    for (std::size_t k = 0; k < pairs.size();) {
      const Entry& entry = *pairs[k].entry;
      out_ += "<div class=\"entrant\">\n<h3>" + escaped(entry.id) + " " + escaped(entry.title) +
              "</h3>\n<p class=\"meta\">" + escaped(entry.school);
      if (!entry.students.empty())
        out_ += "　学生：" + escaped(roster_detail::join(entry.students, "、"));
      out_ += "</p>\n<table>\n<thead><tr><th>场次</th><th>时间</th></tr></thead>\n<tbody>\n";
      for (; k < pairs.size() && pairs[k].entry == &entry; ++k)
        out_ += fmt::format("<tr><td class=\"num\">{}</td><td>{}</td></tr>\n", pairs[k].slot,
                            escaped(when(pairs[k].slot)));
      out_ += "</tbody>\n</table>\n</div>\n";
    }
    out_ += "</section>\n";
  }

  const Config& config_;
  const Round& round_;
  std::string out_;
};

}  // namespace

std::string schedule_csv(const Interviews& interviews, std::vector<ScheduledPair> pairs) {
  std::sort(pairs.begin(), pairs.end(), [](const ScheduledPair& a, const ScheduledPair& b) {
    return std::tie(a.slot, a.judge->id, a.entry->id) < std::tie(b.slot, b.judge->id, b.entry->id);
  });
  CsvWriter csv(Bom::Utf8);
  using i18n::tr;  // SPEC §10: the header in the interface language
  csv.row({tr("slot"), tr("start"), tr("end"), tr("judge_id"), tr("judge"), tr("entry_id"),
           tr("title"), tr("school")});
  for (const ScheduledPair& pair : pairs) {
    const SlotTime time = time_of(interviews, pair.slot);
    csv.row({std::to_string(pair.slot), time.start, time.end, neutralise_formula(pair.judge->id),
             neutralise_formula(pair.judge->name), neutralise_formula(pair.entry->id),
             neutralise_formula(pair.entry->title), neutralise_formula(pair.entry->school)});
  }
  return csv.text();
}

std::string schedule_html(const Config& config, const Round& round,
                          std::vector<ScheduledPair> pairs) {
  if (!round.interviews)
    throw std::invalid_argument("exporters.schedule: round " + round.id + " has no interviews");
  return SchedulePage(config, round).render(std::move(pairs));
}

}  // namespace jury
