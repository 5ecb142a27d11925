// SPEC §14 (`jury report --html`): the committee report's charts are inline SVG drawn by the
// code. Every coordinate below is worked out by hand from the box, the scale and the layout rules
// of exporters/svg_chart.hpp.

#include <catch2/catch.hpp>

#include "exporters/svg_chart.hpp"

using namespace jury::svg;

namespace {

/// Plot from x 20 to 100 and y 10 to 50.
ChartBox small_box() {
  ChartBox box;
  box.width = 100;
  box.height = 60;
  box.left = 20;
  box.right = 0;
  box.top = 10;
  box.bottom = 10;
  return box;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("svg: a linear scale maps its domain onto its range, an empty domain to its start",
          "[svg]") {
  CHECK(LinearScale{0, 10, 100, 0}.at(2.5) == 75);
  CHECK(LinearScale{-3, 3, 20, 100}.at(0) == 60);
  CHECK(LinearScale{5, 5, 7, 9}.at(5) == 7);
  CHECK(coordinate(-0.04) == "0.0");
  CHECK(coordinate(46.666) == "46.7");
}

TEST_CASE("svg: histogram bins are half-open from floor(min / width) · width", "[svg]") {
  const Histogram h = histogram_of({55, 59.5, 60, 88.17, 90}, 5);
  CHECK(h.lower == 55);
  CHECK(h.width == 5);
  CHECK(h.counts == std::vector<int>{2, 1, 0, 0, 0, 0, 1, 1});
  CHECK(histogram_of({}, 5).counts.empty());
  CHECK(histogram_of({-0.5, 0.5}, 1).lower == -1);
  // The first width with at most 12 bins: 35 / 5 + 1 = 8; 11 / 1 + 1 = 12; 12 / 1 + 1 = 13.
  CHECK(histogram_bin_width(35) == 5);
  CHECK(histogram_bin_width(11) == 1);
  CHECK(histogram_bin_width(12) == 2);
  CHECK(histogram_bin_width(0) == 1);
  CHECK(histogram_bin_width(5000) == 100);
}

TEST_CASE("svg: bars stand in equal slots on a scale from 0 to the largest value", "[svg]") {
  // Two slots of 40; gap 0.5 leaves 10 on each side of a 20-wide bar; 4 reaches the top (10).
  const std::string svg = bar_chart({{"a", 2, "2"}, {"<b>", 4, "4 件"}}, small_box(), 0.5);
  CHECK(
      svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" "
                      "viewBox=\"0 0 100.0 60.0\""));
  CHECK(contains(svg, "<rect x=\"30.0\" y=\"30.0\" width=\"20.0\" height=\"20.0\""));
  CHECK(contains(svg, "<rect x=\"70.0\" y=\"10.0\" width=\"20.0\" height=\"40.0\""));
  CHECK(contains(svg, "<text x=\"40.0\" y=\"28.0\" text-anchor=\"middle\">2</text>"));
  CHECK(contains(svg, "<text x=\"80.0\" y=\"8.0\" text-anchor=\"middle\">4 件</text>"));
  CHECK(contains(svg, "<text x=\"40.0\" y=\"60.0\" text-anchor=\"middle\">a</text>"));
  CHECK(contains(svg, "<text x=\"80.0\" y=\"60.0\" text-anchor=\"middle\">&lt;b&gt;</text>"));
  // The value axis: 0 at the bottom, 4 at the top, labels right-aligned 5 left of it.
  CHECK(contains(svg, "<text x=\"15.0\" y=\"53.0\" text-anchor=\"end\">0</text>"));
  CHECK(contains(svg, "<text x=\"15.0\" y=\"13.0\" text-anchor=\"end\">4</text>"));
  CHECK(svg.ends_with("</svg>\n"));
}

TEST_CASE("svg: a histogram's bars touch and its bin edges label the axis", "[svg]") {
  // Three slots of 80 / 3; the top of the scale is the largest count, 2.
  const std::string svg = histogram_chart(Histogram{55, 5, {2, 0, 1}}, small_box());
  CHECK(contains(svg, "<rect x=\"20.0\" y=\"10.0\" width=\"26.7\" height=\"40.0\""));
  CHECK(contains(svg, "<rect x=\"46.7\" y=\"50.0\" width=\"26.7\" height=\"0.0\""));
  CHECK(contains(svg, "<rect x=\"73.3\" y=\"30.0\" width=\"26.7\" height=\"20.0\""));
  CHECK(contains(svg, "<text x=\"33.3\" y=\"8.0\" text-anchor=\"middle\">2</text>"));
  CHECK_FALSE(contains(svg, "y=\"48.0\""));  // no count over the empty bin
  for (const auto& [x, label] : std::vector<std::pair<std::string, std::string>>{
           {"20.0", "55"}, {"46.7", "60"}, {"73.3", "65"}, {"100.0", "70"}})
    CHECK(contains(svg,
                   "<text x=\"" + x + "\" y=\"61.0\" text-anchor=\"middle\">" + label + "</text>"));
}

TEST_CASE("svg: dots with error bars on a scale symmetric around 0", "[svg]") {
  // Reach m = |−2| + 1 = 3: x = 20 + (v + 3) · 80 / 6; rows of 10 from y 10, centres 15, 25, 35.
  const std::string svg = dot_error_chart(
      {{"J1", -2, 1.0}, {"J2", 1.5, 0.5}, {"J3", 0, std::nullopt}}, small_box(), 10);
  CHECK(contains(svg, "viewBox=\"0 0 100.0 50.0\""));  // 10 + 3 rows · 10 + 10
  CHECK(contains(svg,
                 "<line x1=\"60.0\" y1=\"10.0\" x2=\"60.0\" y2=\"40.0\" stroke=\"#000\" "
                 "stroke-dasharray=\"2 2\"/>"));
  CHECK(contains(svg, "<text x=\"16.0\" y=\"18.0\" text-anchor=\"end\">J1</text>"));
  CHECK(contains(svg, "<line x1=\"20.0\" y1=\"15.0\" x2=\"46.7\" y2=\"15.0\""));
  CHECK(contains(svg, "<circle cx=\"33.3\" cy=\"15.0\" r=\"2.5\"/>"));
  CHECK(contains(svg, "<line x1=\"73.3\" y1=\"25.0\" x2=\"86.7\" y2=\"25.0\""));
  CHECK(contains(svg, "<line x1=\"73.3\" y1=\"22.0\" x2=\"73.3\" y2=\"28.0\""));  // a cap
  CHECK(contains(svg, "<circle cx=\"80.0\" cy=\"25.0\" r=\"2.5\"/>"));
  CHECK(contains(svg, "<circle cx=\"60.0\" cy=\"35.0\" r=\"2.5\"/>"));
  CHECK_FALSE(contains(svg, "y1=\"35.0\""));  // J3 has no error bar
  CHECK(contains(svg, "<text x=\"20.0\" y=\"51.0\" text-anchor=\"middle\">-3</text>"));
  CHECK(contains(svg, "<text x=\"60.0\" y=\"51.0\" text-anchor=\"middle\">0</text>"));
  CHECK(contains(svg, "<text x=\"100.0\" y=\"51.0\" text-anchor=\"middle\">3</text>"));
}

TEST_CASE("svg: estimates that are all 0 still get a scale (−1 to 1)", "[svg]") {
  const std::string svg = dot_error_chart({{"J", 0, 0.0}}, small_box(), 10);
  CHECK(contains(svg, "<text x=\"20.0\" y=\"31.0\" text-anchor=\"middle\">-1</text>"));
}
