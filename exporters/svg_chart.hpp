#pragma once
/// Charts as inline SVG for printable pages (the committee report, SPEC §14): a few primitives
/// drawn from plain numbers by the code — no scripts, no fonts or files from outside. Positions
/// are user units of the chart's viewBox, written with one decimal, so equal inputs give equal
/// bytes; the page scales the chart to its width. Every text is HTML-escaped.

#include <optional>
#include <string>
#include <vector>

namespace jury::svg {

/// The linear map of [domain_lo, domain_hi] onto [range_lo, range_hi]; an empty domain maps
/// everything to range_lo.
struct LinearScale {
  double domain_lo = 0;
  double domain_hi = 1;
  double range_lo = 0;
  double range_hi = 1;
  double at(double value) const;
};

/// A chart's outer size and margins; the plot is the rectangle inside the margins (axis labels
/// go into the margins).
struct ChartBox {
  double width = 480;
  double height = 150;
  double left = 36;
  double right = 8;
  double top = 14;
  double bottom = 22;
  double plot_right() const { return width - right; }
  double plot_bottom() const { return height - bottom; }
};

/// A position as the chart writes it: one decimal, never "-0.0".
std::string coordinate(double value);

/// One bar: its label under the axis, its height (≥ 0), and the text shown above it ("" = none).
struct Bar {
  std::string label;
  double value = 0;
  std::string text;
};

/// Vertical bars in equal slots across the plot, on a scale from 0 at the bottom to the largest
/// value (at least 1) at the top, labelled 0 and that value on the left; `gap` is the share of
/// each slot left empty around its bar.
std::string bar_chart(const std::vector<Bar>& bars, const ChartBox& box, double gap = 0.3);

/// Counts of values in the bins [lower + i·width, lower + (i + 1)·width), lower =
/// floor(min / width)·width, up to the bin holding the largest value. No values: no bins.
struct Histogram {
  double lower = 0;
  double width = 1;
  std::vector<int> counts;
};
Histogram histogram_of(const std::vector<double>& values, double bin_width);

/// A bin width for values spread over `range`: the first of 1, 2, 5, 10, 20, 50, 100 that
/// needs at most `max_bins` bins.
double histogram_bin_width(double range, int max_bins = 12);

/// The histogram as touching bars, their counts above them, the bin edges under the axis.
std::string histogram_chart(const Histogram& histogram, const ChartBox& box);

/// An estimate with its ± error (none: a dot alone).
struct Estimate {
  std::string label;
  double value = 0;
  std::optional<double> error;
};

/// One row of `row_height` per estimate, its label in the left margin: a dot at the value and a
/// capped line from value − error to value + error, on a horizontal scale symmetric around 0
/// (from −m to m, m the largest |value ± error|, 1 when all are 0) with a dashed line at 0 and
/// the ticks −m, 0, m under the rows. box.height is not used: the chart is as tall as its rows.
std::string dot_error_chart(const std::vector<Estimate>& estimates, const ChartBox& box,
                            double row_height = 12);

}  // namespace jury::svg
