#include "exporters/svg_chart.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "exporters/roster.hpp"

namespace jury::svg {

double LinearScale::at(double value) const {
  if (domain_hi == domain_lo) return range_lo;
  return range_lo + (value - domain_lo) * (range_hi - range_lo) / (domain_hi - domain_lo);
}

std::string coordinate(double value) {
  std::string text = fmt::format("{:.1f}", value);
  return text == "-0.0" ? "0.0" : text;
}

namespace {

/// A count or a score as a label: integers without decimals, others with up to two.
std::string number_label(double value) {
  if (value == std::floor(value)) return value == 0 ? "0" : fmt::format("{:.0f}", value);
  std::string text = fmt::format("{:.2f}", value);
  if (text.back() == '0') text.pop_back();
  return text;
}

std::string open_svg(double width, double height) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {} {}\" "
      "width=\"{}\" height=\"{}\" font-size=\"8\">\n",
      coordinate(width), coordinate(height), coordinate(width), coordinate(height));
}

std::string line(double x1, double y1, double x2, double y2, const char* style = "") {
  return fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#000\"{}/>\n",
                     coordinate(x1), coordinate(y1), coordinate(x2), coordinate(y2), style);
}

/// `anchor`: start, middle or end.
std::string text(double x, double y, const char* anchor, std::string_view content) {
  return fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"{}\">{}</text>\n", coordinate(x),
                     coordinate(y), anchor, html_escape(content));
}

/// The value axis of bars: a line up the left of the plot, ticks and labels at 0 and `top`.
std::string value_axis(const ChartBox& box, const LinearScale& scale, double top) {
  std::string out = line(box.left, box.top, box.left, box.plot_bottom());
  for (const double tick : {0.0, top}) {
    const double y = scale.at(tick);
    out += line(box.left - 3, y, box.left, y);
    out += text(box.left - 5, y + 3, "end", number_label(tick));
  }
  return out;
}

/// Bars, their texts and labels, the axes; the caller closes the svg element.
std::string draw_bars(const std::vector<Bar>& bars, const ChartBox& box, double gap) {
  double top = 1;
  for (const Bar& bar : bars) top = std::max(top, bar.value);
  const LinearScale scale{0, top, box.plot_bottom(), box.top};
  const double slot =
      (box.plot_right() - box.left) / static_cast<double>(std::max<std::size_t>(1, bars.size()));
  std::string out = open_svg(box.width, box.height);
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const double x = box.left + static_cast<double>(i) * slot + slot * gap / 2;
    const double width = slot * (1 - gap), y = scale.at(bars[i].value);
    out += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#9ab\" stroke=\"#000\" "
        "stroke-width=\"0.5\"/>\n",
        coordinate(x), coordinate(y), coordinate(width), coordinate(box.plot_bottom() - y));
    if (!bars[i].text.empty()) out += text(x + width / 2, y - 2, "middle", bars[i].text);
    if (!bars[i].label.empty())
      out += text(x + width / 2, box.plot_bottom() + 10, "middle", bars[i].label);
  }
  out += line(box.left, box.plot_bottom(), box.plot_right(), box.plot_bottom());
  return out + value_axis(box, scale, top);
}

}  // namespace

std::string bar_chart(const std::vector<Bar>& bars, const ChartBox& box, double gap) {
  return draw_bars(bars, box, gap) + "</svg>\n";
}

Histogram histogram_of(const std::vector<double>& values, double bin_width) {
  Histogram histogram{0, bin_width, {}};
  if (values.empty()) return histogram;
  const auto [low, high] = std::minmax_element(values.begin(), values.end());
  histogram.lower = std::floor(*low / bin_width) * bin_width;
  const auto bin_of = [&](double v) {
    return static_cast<std::size_t>(std::floor((v - histogram.lower) / bin_width));
  };
  histogram.counts.assign(bin_of(*high) + 1, 0);
  for (const double v : values) ++histogram.counts[bin_of(v)];
  return histogram;
}

double histogram_bin_width(double range, int max_bins) {
  for (const double width : {1.0, 2.0, 5.0, 10.0, 20.0, 50.0})
    if (std::floor(range / width) + 1 <= max_bins) return width;
  return 100;
}

std::string histogram_chart(const Histogram& histogram, const ChartBox& box) {
  std::vector<Bar> bars;
  for (const int count : histogram.counts)
    bars.push_back(Bar{"", static_cast<double>(count), count > 0 ? std::to_string(count) : ""});
  std::string out = draw_bars(bars, box, 0);
  const double slot =
      (box.plot_right() - box.left) / static_cast<double>(std::max<std::size_t>(1, bars.size()));
  for (std::size_t i = 0; i <= bars.size() && !bars.empty(); ++i) {
    const double x = box.left + static_cast<double>(i) * slot;
    out += line(x, box.plot_bottom(), x, box.plot_bottom() + 3);
    out += text(x, box.plot_bottom() + 11, "middle",
                number_label(histogram.lower + static_cast<double>(i) * histogram.width));
  }
  return out + "</svg>\n";
}

std::string dot_error_chart(const std::vector<Estimate>& estimates, const ChartBox& box,
                            double row_height) {
  double reach = 0;
  for (const Estimate& e : estimates)
    reach = std::max(reach, std::abs(e.value) + e.error.value_or(0));
  if (reach == 0) reach = 1;
  const double bottom = box.top + static_cast<double>(estimates.size()) * row_height;
  const LinearScale scale{-reach, reach, box.left, box.plot_right()};
  std::string out = open_svg(box.width, bottom + box.bottom);
  out += line(scale.at(0), box.top, scale.at(0), bottom, " stroke-dasharray=\"2 2\"");
  for (std::size_t i = 0; i < estimates.size(); ++i) {
    const Estimate& e = estimates[i];
    const double y = box.top + (static_cast<double>(i) + 0.5) * row_height;
    out += text(box.left - 4, y + 3, "end", e.label);
    if (e.error) {
      const double from = scale.at(e.value - *e.error), to = scale.at(e.value + *e.error);
      out += line(from, y, to, y);
      out += line(from, y - 3, from, y + 3);
      out += line(to, y - 3, to, y + 3);
    }
    out += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"2.5\"/>\n", coordinate(scale.at(e.value)),
                       coordinate(y));
  }
  out += line(box.left, bottom, box.plot_right(), bottom);
  for (const double tick : {-reach, 0.0, reach}) {
    out += line(scale.at(tick), bottom, scale.at(tick), bottom + 3);
    out += text(scale.at(tick), bottom + 11, "middle", number_label(tick));
  }
  return out + "</svg>\n";
}

}  // namespace jury::svg
