// Measures against a swept parameter (or a period): one panel per measure,
// and a heat map for two-parameter grids.
#include <algorithm>

#include "tools/report/charts/chart_common.hpp"

namespace flowsim::charts {

using namespace detail;

Spec response_panels(const ResponsePanels& chart) {
  Spec spec = titled(chart.title, "line: mean over replications, in order of the " + chart.x_title +
                                      "; band: 95% CI, cut to the measure's range");
  Spec panels = Spec::array();
  for (std::size_t m = 0; m < chart.measure_titles.size(); ++m) {
    const std::string& measure = chart.measure_titles[m];
    const std::string format = m < chart.measure_formats.size() ? chart.measure_formats[m] : ",.2f";
    std::vector<ResponsePoint> points;
    for (const auto& p : chart.points)
      if (p.measure == measure) points.push_back(p);
    if (points.empty()) continue;
    std::stable_sort(points.begin(), points.end(),
                     [](const auto& a, const auto& b) { return a.x < b.x; });
    const bool ordinal = !points.front().x_label.empty();
    Spec values = Spec::array();
    std::vector<std::string> order;
    for (std::size_t k = 0; k < points.size(); ++k) {
      const auto& p = points[k];
      values.push_back({{"x", p.x},
                        {"x_label", p.x_label},
                        {"order", k},
                        {"mean", p.mean},
                        {"low", p.low},
                        {"high", p.high}});
      order.push_back(p.x_label);
    }
    Spec x = ordinal ? Spec{{"field", "x_label"},
                            {"type", "ordinal"},
                            {"sort", order},
                            {"title", chart.x_title},
                            {"axis", {{"labelAngle", 0}}}}
                     : Spec{{"field", "x"},
                            {"type", "quantitative"},
                            {"title", chart.x_title},
                            {"scale", {{"zero", false}}}};
    if (!ordinal && chart.whole_numbers_on_x) {
      std::vector<int> ticks;
      for (const auto& p : points) ticks.push_back(static_cast<int>(p.x));
      x["axis"] = whole_number_axis(chart.x_title, ticks);
    }
    const Spec y = {{"field", "mean"},
                    {"type", "quantitative"},
                    {"title", nullptr},
                    {"scale", {{"zero", false}}},
                    {"axis", {{"format", format}}}};
    const Spec tooltip = {
        tooltip_field(ordinal ? "x_label" : "x", chart.x_title), tooltip_field("mean", measure, format),
        tooltip_field("low", "95% CI from", format), tooltip_field("high", "95% CI to", format)};
    Spec layers = Spec::array();
    layers.push_back({{"mark",
                       {{"type", ordinal ? "rule" : "area"},
                        {"opacity", ordinal ? 1.0 : 0.25},
                        {"color", series_palette().front()}}},
                      {"encoding",
                       {{"x", x},
                        {"y", {{"field", "low"}, {"type", "quantitative"}}},
                        {"y2", {{"field", "high"}}},
                        {"tooltip", tooltip}}}});
    layers.push_back(
        {{"mark", {{"type", "line"}, {"point", true}, {"color", series_palette().front()}}},
         {"encoding", {{"x", x}, {"y", y}, {"order", {{"field", "order"}}}, {"tooltip", tooltip}}}});
    // "acute: midnight occupancy, ..." on two lines: the unit, then the measure.
    const auto colon = measure.find(": ");
    const Spec title_lines =
        colon == std::string::npos
            ? Spec(measure)
            : Spec::array({measure.substr(0, colon + 1), measure.substr(colon + 2)});
    panels.push_back({{"title", {{"text", title_lines}, {"fontSize", 12}, {"limit", 290}}},
                      {"width", 270},
                      {"height", 150},
                      {"data", {{"values", values}}},
                      {"layer", layers}});
  }
  spec["concat"] = panels;
  spec["columns"] = chart.columns;
  return spec;
}

Spec heat_map(const HeatMap& chart) {
  Spec spec = titled(chart.title, "colour: " + chart.value_title + "; hover a cell for its 95% CI");
  Spec values = Spec::array();
  for (const auto& c : chart.cells)
    values.push_back(
        {{"x", c.x}, {"y", c.y}, {"value", c.value}, {"text", c.text}, {"interval", c.interval}});
  spec["data"] = {{"values", values}};
  // Text on the darker cells is white: cells above 60% of the range.
  Spec extent = Spec::array();
  extent.push_back({{"op", "max"}, {"field", "value"}, {"as", "top"}});
  extent.push_back({{"op", "min"}, {"field", "value"}, {"as", "bottom"}});
  spec["transform"] = Spec::array({{{"joinaggregate", extent}}});
  spec["width"] = {{"step", 78}};
  spec["height"] = {{"step", 34}};
  const Spec x = {{"field", "x"},
                  {"type", "ordinal"},
                  {"sort", chart.x_order},
                  {"title", chart.x_title},
                  {"axis", {{"labelAngle", 0}}}};
  const Spec y = {
      {"field", "y"}, {"type", "ordinal"}, {"sort", chart.y_order}, {"title", chart.y_title}};
  const Spec tooltip = {tooltip_field("x", chart.x_title), tooltip_field("y", chart.y_title),
                        tooltip_field("text", chart.value_title), tooltip_field("interval", "95% CI")};
  Spec layers = Spec::array();
  layers.push_back({{"mark", "rect"},
                    {"encoding",
                     {{"x", x},
                      {"y", y},
                      {"color",
                       {{"field", "value"},
                        {"type", "quantitative"},
                        {"title", chart.value_title},
                        {"scale", {{"scheme", "blues"}}},
                        {"legend", {{"orient", "right"}, {"title", nullptr}}}}},
                      {"tooltip", tooltip}}}});
  layers.push_back({{"mark", {{"type", "text"}, {"fontSize", 11}}},
                    {"encoding",
                     {{"x", x},
                      {"y", y},
                      {"text", {{"field", "text"}}},
                      {"color",
                       {{"condition",
                         {{"test", "datum.value > datum.bottom + 0.6 * (datum.top - datum.bottom)"},
                          {"value", "white"}}},
                        {"value", "black"}}}}}});
  spec["layer"] = layers;
  return spec;
}

}  // namespace flowsim::charts
