// Time series: fan charts (mean line in its band, capacity in force as a
// step line) and small multiples of them.
#include <algorithm>

#include "tools/report/charts/chart_common.hpp"

namespace flowsim::charts {

using namespace detail;

namespace {

std::vector<std::string> series_in_order(const std::vector<BandPoint>& points) {
  std::vector<std::string> names;
  for (const auto& p : points)
    if (std::find(names.begin(), names.end(), p.series) == names.end()) names.push_back(p.series);
  return names;
}

Spec band_values(const std::vector<BandPoint>& points, const ValueStyle& style) {
  Spec values = Spec::array();
  for (const auto& p : points)
    values.push_back({{"series", p.series},
                      {"day", p.day},
                      {"mean", styled_value(p.mean, style)},
                      {"low", styled_value(p.low, style)},
                      {"high", styled_value(p.high, style)}});
  return values;
}

Spec band_tooltip(const ValueStyle& style, const std::string& band_label) {
  return {tooltip_field("series", "series"), tooltip_field("day", "day", ",d"),
          tooltip_field("mean", "mean", style.format),
          tooltip_field("low", band_label + " from", style.format),
          tooltip_field("high", band_label + " to", style.format)};
}

// The band (area) and the mean (line with points to hover) of each series.
std::vector<Spec> band_and_line(const ValueStyle& style, const std::string& band_label,
                                const Spec& colour) {
  const Spec x = {{"field", "day"},
                  {"type", "quantitative"},
                  {"title", "day of the run"},
                  {"axis", {{"format", ",d"}}}};
  Spec area = {{"mark", {{"type", "area"}, {"opacity", 0.22}}},
               {"encoding",
                {{"x", x},
                 {"y", quantity("low", style)},
                 {"y2", {{"field", "high"}}},
                 {"color", colour},
                 {"tooltip", band_tooltip(style, band_label)}}}};
  Spec line = {
      {"mark", {{"type", "line"}, {"strokeWidth", 1.6}, {"point", {{"size", 12}, {"opacity", 0}}}}},
      {"params", {x_zoom()}},
      {"encoding",
       {{"x", x},
        {"y", quantity("mean", style)},
        {"color", colour},
        {"tooltip", band_tooltip(style, band_label)}}}};
  return {area, line};
}

}  // namespace

Spec fan_chart(const FanChart& chart) {
  Spec spec = titled(chart.title, "line: mean; band: " + chart.band_label +
                                      (chart.warmup_days > 0 ? "; grey: warm-up, not measured" : ""));
  spec["width"] = 470;
  spec["height"] = 210;
  auto names = series_in_order(chart.points);
  auto colours = std::vector<std::string>(
      series_palette().begin(),
      series_palette().begin() + static_cast<long>(std::min(names.size(), series_palette().size())));
  names.resize(colours.size());
  if (!chart.capacity.empty()) {
    names.push_back("capacity in force");
    colours.push_back("#c0392b");
  }
  const Spec colour = {{"field", "series"},
                       {"type", "nominal"},
                       {"scale", named_colours(names, colours)},
                       {"legend", legend_below()}};
  Spec layers = Spec::array();
  if (const auto warmup = warmup_layer(chart.warmup_days); !warmup.is_null()) layers.push_back(warmup);
  Spec data_layer = {{"data", {{"values", band_values(chart.points, chart.style)}}},
                     {"layer", band_and_line(chart.style, chart.band_label, colour)}};
  layers.push_back(data_layer);
  if (!chart.capacity.empty()) {
    Spec steps = Spec::array();
    for (const auto& s : chart.capacity)
      steps.push_back(
          {{"series", "capacity in force"}, {"day", s.day}, {"capacity", s.value * chart.style.scale}});
    layers.push_back({{"data", {{"values", steps}}},
                      {"mark",
                       {{"type", "line"},
                        {"interpolate", "step-after"},
                        {"strokeDash", {6, 3}},
                        {"strokeWidth", 1.4}}},
                      {"encoding",
                       {{"x", {{"field", "day"}, {"type", "quantitative"}}},
                        {"y", {{"field", "capacity"}, {"type", "quantitative"}}},
                        {"color", colour},
                        {"tooltip",
                         {tooltip_field("series", "line"), tooltip_field("day", "from day", ",d"),
                          tooltip_field("capacity", "capacity", ",d")}}}}});
  }
  spec["layer"] = layers;
  return spec;
}

Spec level_shares(const LevelShares& chart) {
  Spec spec = titled(chart.title,
                     "share of replications at each level, day by day" +
                         std::string(chart.warmup_days > 0 ? "; faded: warm-up, not measured" : ""));
  spec["width"] = 470;
  spec["height"] = 210;
  // Calm to severe; a ladder has at most nine states (normal and eight levels).
  static const std::vector<std::string> ladder = {"#2e8b57", "#e9c46a", "#e6751a", "#c0392b", "#8e1b10",
                                                  "#6b1410", "#4d0e0b", "#330906", "#1a0503"};
  const auto levels = std::min(chart.levels.size(), ladder.size());
  std::vector<std::string> names(chart.levels.begin(), chart.levels.begin() + static_cast<long>(levels));
  std::vector<std::string> colours(ladder.begin(), ladder.begin() + static_cast<long>(levels));
  Spec values = Spec::array();
  for (const auto& p : chart.points) {
    const auto rank = std::find(names.begin(), names.end(), p.level) - names.begin();
    values.push_back({{"day", p.day}, {"level", p.level}, {"rank", rank}, {"share", 100.0 * p.share}});
  }
  const Spec x = {{"field", "day"},
                  {"type", "quantitative"},
                  {"title", "day of the run"},
                  {"axis", {{"format", ",d"}}}};
  Spec layers = Spec::array();
  layers.push_back({{"data", {{"values", values}}},
                    {"mark", {{"type", "area"}, {"interpolate", "step-after"}}},
                    {"params", {x_zoom()}},
                    {"encoding",
                     {{"x", x},
                      {"y",
                       {{"field", "share"},
                        {"type", "quantitative"},
                        {"stack", "zero"},
                        {"title", "replications (%)"},
                        {"scale", {{"domain", {0, 100}}}},
                        {"axis", {{"format", ".0f"}}}}},
                      {"color",
                       {{"field", "level"},
                        {"type", "nominal"},
                        {"scale", named_colours(names, colours)},
                        {"legend", legend_below("level")}}},
                      {"order", {{"field", "rank"}, {"type", "quantitative"}}},
                      {"tooltip",
                       {tooltip_field("day", "day", ",d"), tooltip_field("level", "level"),
                        tooltip_field("share", "replications at this level (%)", ".0f")}}}}});
  // The warm-up greyed over the stack, so the measured period stands out.
  if (auto warmup = warmup_layer(chart.warmup_days); !warmup.is_null()) {
    warmup["mark"] = {{"type", "rect"}, {"color", "#ffffff"}, {"opacity", 0.6}};
    layers.push_back(warmup);
  }
  spec["layer"] = layers;
  return spec;
}

Spec small_multiples(const SmallMultiples& chart) {
  Spec spec = titled(chart.title, "one panel per " + chart.panel_title +
                                      ", each on its own scale; line: mean; band: " + chart.band_label +
                                      (chart.warmup_days > 0 ? "; grey: warm-up" : ""));
  spec["data"] = {{"values", band_values(chart.points, chart.style)}};
  spec["columns"] = chart.columns;
  spec["facet"] = {{"field", "series"},
                   {"type", "nominal"},
                   {"title", nullptr},
                   {"sort", series_in_order(chart.points)}};
  const Spec colour = {{"value", series_palette().front()}};
  Spec layers = Spec::array();
  if (chart.warmup_days > 0) {
    // Inside a facet every layer shares the facet's data: the span comes
    // from the first day of each panel.
    Spec transform = Spec::array();
    transform.push_back({{"filter", "datum.day == 0"}});
    transform.push_back({{"calculate", std::to_string(chart.warmup_days)}, {"as", "end"}});
    layers.push_back(
        {{"transform", transform},
         {"mark", {{"type", "rect"}, {"color", "#eeeeee"}}},
         {"encoding",
          {{"x", {{"field", "day"}, {"type", "quantitative"}}}, {"x2", {{"field", "end"}}}}}});
  }
  for (auto& layer : band_and_line(chart.style, chart.band_label, colour)) layers.push_back(layer);
  spec["spec"] = {{"width", 290}, {"height", 130}, {"layer", layers}};
  spec["resolve"] = {{"scale", {{"y", "independent"}}}};
  return spec;
}

}  // namespace flowsim::charts
