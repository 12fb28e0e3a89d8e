// Estimates with intervals on a category axis: bars with their 95% CIs,
// stacked bars (a total split into parts) and the forest plot of paired
// differences.
#include <algorithm>
#include <cmath>

#include "tools/report/charts/chart_common.hpp"

namespace flowsim::charts {

using namespace detail;

namespace {

Spec estimate_values(const std::vector<Estimate>& estimates, const ValueStyle& style) {
  Spec values = Spec::array();
  for (const auto& e : estimates)
    values.push_back({{"label", e.label},
                      {"group", e.group},
                      {"mean", styled_value(e.mean, style)},
                      {"low", styled_value(e.low, style)},
                      {"high", styled_value(e.high, style)},
                      {"note", e.note},
                      {"detail", e.detail}});
  return values;
}

std::vector<std::string> labels_in_order(const std::vector<Estimate>& estimates) {
  std::vector<std::string> labels;
  for (const auto& e : estimates)
    if (std::find(labels.begin(), labels.end(), e.label) == labels.end()) labels.push_back(e.label);
  return labels;
}

Spec category_axis(const std::vector<std::string>& order) {
  return {{"field", "label"},
          {"type", "nominal"},
          {"title", nullptr},
          {"sort", order},
          {"axis", {{"labelLimit", 320}}}};
}

}  // namespace

Spec interval_bars(const IntervalBars& chart) {
  Spec spec = titled(chart.title, "bar: mean; whisker: " + chart.interval_label);
  spec["width"] = 520;
  spec["height"] = {{"step", 26}};
  spec["data"] = {{"values", estimate_values(chart.estimates, chart.style)}};
  const Spec y = category_axis(labels_in_order(chart.estimates));
  Spec x = quantity("mean", chart.style);
  if (chart.style.floor && chart.style.ceiling)
    x["scale"] = {{"domain", {*chart.style.floor, *chart.style.ceiling}}};
  const Spec tooltip = {tooltip_field("label", "what"),
                        tooltip_field("mean", "mean", chart.style.format),
                        tooltip_field("low", chart.interval_label + " from", chart.style.format),
                        tooltip_field("high", chart.interval_label + " to", chart.style.format)};
  Spec layers = Spec::array();
  layers.push_back({{"mark", {{"type", "bar"}, {"color", "#6baed6"}}},
                    {"encoding", {{"y", y}, {"x", x}, {"tooltip", tooltip}}}});
  layers.push_back({{"mark", {{"type", "rule"}, {"color", "#08306b"}, {"strokeWidth", 1.5}}},
                    {"encoding",
                     {{"y", y},
                      {"x", {{"field", "low"}, {"type", "quantitative"}}},
                      {"x2", {{"field", "high"}}},
                      {"tooltip", tooltip}}}});
  layers.push_back(
      {{"mark", {{"type", "text"}, {"align", "left"}, {"dx", 4}, {"dy", -7}, {"fontSize", 11}}},
       {"encoding",
        {{"y", y},
         {"x", {{"field", "high"}, {"type", "quantitative"}}},
         {"text", {{"field", "mean"}, {"format", chart.style.format}}}}}});
  if (chart.reference) {
    layers.push_back(
        {{"data",
          {{"values",
            {{{"value", *chart.reference * chart.style.scale}, {"what", chart.reference_label}}}}}},
         {"mark", {{"type", "rule"}, {"strokeDash", {5, 3}}, {"color", "#333"}}},
         {"encoding",
          {{"x", {{"field", "value"}, {"type", "quantitative"}}},
           {"tooltip",
            {tooltip_field("what", "line"), tooltip_field("value", "at", chart.style.format)}}}}});
  }
  spec["layer"] = layers;
  return spec;
}

Spec stacked_bars(const StackedBars& chart) {
  Spec spec = titled(chart.title, "hover a part for its 95% CI");
  spec["width"] = 520;
  spec["height"] = {{"step", 26}};
  spec["data"] = {{"values", estimate_values(chart.parts, chart.style)}};
  std::vector<std::string> groups;
  for (const auto& e : chart.parts)
    if (std::find(groups.begin(), groups.end(), e.group) == groups.end()) groups.push_back(e.group);
  Spec x = quantity("mean", chart.style);
  x["stack"] = "zero";
  spec["mark"] = {{"type", "bar"}};
  spec["encoding"] = {{"y", category_axis(labels_in_order(chart.parts))},
                      {"x", x},
                      {"color",
                       {{"field", "group"},
                        {"type", "nominal"},
                        {"sort", groups},
                        {"legend", legend_below()},
                        {"scale", named_colours(groups, {"#2e8b57", "#9ccc65", "#e6751a", "#c0392b"})}}},
                      {"order", {{"field", "group_order"}}},
                      {"tooltip",
                       {tooltip_field("label", "what"), tooltip_field("group", "part"),
                        tooltip_field("mean", "mean", chart.style.format),
                        tooltip_field("low", "95% CI from", chart.style.format),
                        tooltip_field("high", "95% CI to", chart.style.format)}}};
  for (auto& row : spec["data"]["values"])
    row["group_order"] =
        std::find(groups.begin(), groups.end(), row["group"].get<std::string>()) - groups.begin();
  return spec;
}

Spec forest_plot(const ForestPlot& chart) {
  Spec spec = titled(chart.title,
                     "dot: mean paired difference; whisker: paired 95% CI; "
                     "dark: the interval excludes zero");
  ValueStyle plain{.title = chart.x_title, .scale = 1.0, .format = chart.format};
  spec["data"] = {{"values", estimate_values(chart.rows, plain)}};
  std::vector<std::string> groups;
  for (const auto& e : chart.rows)
    if (std::find(groups.begin(), groups.end(), e.group) == groups.end()) groups.push_back(e.group);
  spec["facet"] = {
      {"row",
       {{"field", "group"},
        {"type", "nominal"},
        {"sort", groups},
        {"title", nullptr},
        {"header", {{"labelAngle", 0}, {"labelAlign", "left"}, {"labelFontWeight", "bold"}}}}}};
  const Spec y = category_axis(labels_in_order(chart.rows));
  const Spec colour = {
      {"field", "note"},
      {"type", "nominal"},
      {"legend", legend_below()},
      {"scale", named_colours({"paired 95% CI excludes zero", "paired 95% CI includes zero"},
                              {"#08306b", "#9ecae1"})}};
  const Spec tooltip = {tooltip_field("group", "unit"),
                        tooltip_field("label", "measure"),
                        tooltip_field("mean", "difference", chart.format),
                        tooltip_field("low", "95% CI from", chart.format),
                        tooltip_field("high", "95% CI to", chart.format),
                        tooltip_field("detail", "in its own units"),
                        tooltip_field("note", "verdict")};
  Spec layers = Spec::array();
  layers.push_back(
      {{"mark", {{"type", "rule"}, {"color", "#333"}}}, {"encoding", {{"x", {{"datum", 0}}}}}});
  layers.push_back({{"mark", {{"type", "rule"}, {"strokeWidth", 2}}},
                    {"encoding",
                     {{"y", y},
                      {"x", {{"field", "low"}, {"type", "quantitative"}, {"title", chart.x_title}}},
                      {"x2", {{"field", "high"}}},
                      {"color", colour},
                      {"tooltip", tooltip}}}});
  layers.push_back({{"mark", {{"type", "point"}, {"filled", true}, {"size", 60}}},
                    {"encoding",
                     {{"y", y},
                      {"x", {{"field", "mean"}, {"type", "quantitative"}}},
                      {"color", colour},
                      {"tooltip", tooltip}}}});
  // Differences from a baseline near zero run to hundreds of per cent and
  // would squeeze the rest: the axis stops at +-100% and marks are clipped
  // there (their tooltips keep the whole interval).
  double reach = 5.0;
  for (const auto& e : chart.rows) reach = std::max({reach, std::fabs(e.low), std::fabs(e.high)});
  reach = std::min(reach, 100.0);
  for (std::size_t k = 1; k < layers.size(); ++k) {
    layers[k]["mark"]["clip"] = true;
    layers[k]["encoding"]["x"]["scale"] = {{"domain", {-reach, reach}}};
  }
  spec["spec"] = {{"width", 480}, {"height", {{"step", 22}}}, {"layer", layers}};
  spec["resolve"] = {{"scale", {{"y", "independent"}}}};
  return spec;
}

}  // namespace flowsim::charts
