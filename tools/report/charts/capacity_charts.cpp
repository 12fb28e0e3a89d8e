// Capacity answers: the sizing curve (a measure against capacity with the
// target and the answer band) and the frontier of two capacities. Both keep
// capacities in whole beds on their axes.
#include <algorithm>

#include "tools/report/charts/chart_common.hpp"

namespace flowsim::charts {

using namespace detail;

Spec sizing_curve(const SizingCurve& chart) {
  Spec spec = titled(chart.title,
                     "dot: mean (colour: verdict against the target); whisker: 95% CI; "
                     "dashed: the target; shaded: undecided capacities");
  spec["width"] = 460;
  spec["height"] = 230;
  Spec values = Spec::array();
  for (const auto& p : chart.points)
    values.push_back({{"capacity", p.capacity},
                      {"mean", styled_value(p.mean, chart.style)},
                      {"low", styled_value(p.low, chart.style)},
                      {"high", styled_value(p.high, chart.style)},
                      {"verdict", p.verdict}});
  std::vector<int> capacities;
  for (const auto& p : chart.points) capacities.push_back(p.capacity);
  Spec x = {{"field", "capacity"},
            {"type", "quantitative"},
            {"axis", whole_number_axis(chart.x_title, capacities)},
            {"scale", {{"zero", false}, {"padding", 12}}}};
  const Spec tooltip = {
      tooltip_field("capacity", "capacity", "d"), tooltip_field("mean", "mean", chart.style.format),
      tooltip_field("low", "95% CI from", chart.style.format),
      tooltip_field("high", "95% CI to", chart.style.format), tooltip_field("verdict", "verdict")};
  Spec layers = Spec::array();
  if (chart.undecided) {
    layers.push_back({{"data",
                       {{"values",
                         {{{"from", chart.undecided->first - 0.5},
                           {"to", chart.undecided->second + 0.5},
                           {"what", "undecided: the replications cannot tell"}}}}}},
                      {"mark", {{"type", "rect"}, {"color", "#fdd0a2"}, {"opacity", 0.6}}},
                      {"encoding",
                       {{"x", {{"field", "from"}, {"type", "quantitative"}}},
                        {"x2", {{"field", "to"}}},
                        {"tooltip", {tooltip_field("what", "band")}}}}});
  }
  Spec points_layer = {{"data", {{"values", values}}}};
  Spec inner = Spec::array();
  inner.push_back({{"mark", {{"type", "rule"}, {"color", "#777"}}},
                   {"encoding",
                    {{"x", x},
                     {"y", {{"field", "low"}, {"type", "quantitative"}}},
                     {"y2", {{"field", "high"}}},
                     {"tooltip", tooltip}}}});
  inner.push_back(
      {{"mark", {{"type", "point"}, {"filled", true}, {"size", 70}}},
       {"encoding",
        {{"x", x},
         {"y", quantity("mean", chart.style)},
         {"color",
          {{"field", "verdict"},
           {"type", "nominal"},
           {"title", "verdict"},
           {"legend", legend_below("verdict")},
           {"scale", named_colours({"met", "undecided", "fails"}, {"#2e8b57", "#e6751a", "#c0392b"})}}},
         {"tooltip", tooltip}}}});
  points_layer["layer"] = inner;
  layers.push_back(points_layer);
  if (chart.target) {
    layers.push_back(
        {{"data",
          {{"values", {{{"value", *chart.target * chart.style.scale}, {"what", chart.target_label}}}}}},
         {"mark", {{"type", "rule"}, {"strokeDash", {6, 3}}, {"color", "#111"}}},
         {"encoding",
          {{"y", {{"field", "value"}, {"type", "quantitative"}}},
           {"tooltip", {tooltip_field("what", "target")}}}}});
  }
  if (chart.answer) {
    layers.push_back(
        {{"data",
          {{"values",
            {{{"capacity", *chart.answer},
              {"what", "the answer: smallest capacity met with confidence"}}}}}},
         {"mark", {{"type", "rule"}, {"color", "#2e8b57"}, {"strokeWidth", 2}}},
         {"encoding",
          {{"x", {{"field", "capacity"}, {"type", "quantitative"}}},
           {"tooltip", {tooltip_field("what", "line"), tooltip_field("capacity", "capacity", "d")}}}}});
  }
  spec["layer"] = layers;
  return spec;
}

Spec frontier_chart(const Frontier& chart) {
  Spec spec = titled(chart.title,
                     "capacities meeting every target lie on or above the line; "
                     "whisker: undecided capacities of " +
                         chart.b_title);
  spec["width"] = 460;
  spec["height"] = 260;
  Spec values = Spec::array();
  for (const auto& p : chart.points) {
    if (!p.capacity_b) continue;
    const int undecided_low = p.fails_at_or_below ? *p.fails_at_or_below + 1 : *p.capacity_b;
    values.push_back({{"a", p.capacity_a},
                      {"b", *p.capacity_b},
                      {"undecided_low", std::min(undecided_low, *p.capacity_b)},
                      {"fails", p.fails_at_or_below ? Spec(*p.fails_at_or_below) : Spec(nullptr)}});
  }
  spec["data"] = {{"values", values}};
  std::vector<int> a_values;
  std::vector<int> b_values;
  for (const auto& p : chart.points) {
    a_values.push_back(p.capacity_a);
    if (!p.capacity_b) continue;
    const int low =
        p.fails_at_or_below ? std::min(*p.fails_at_or_below + 1, *p.capacity_b) : *p.capacity_b;
    for (int b = low; b <= *p.capacity_b; ++b)
      if (std::find(b_values.begin(), b_values.end(), b) == b_values.end()) b_values.push_back(b);
  }
  const Spec x = {{"field", "a"},
                  {"type", "quantitative"},
                  {"axis", whole_number_axis(chart.a_title, a_values)},
                  {"scale", {{"zero", false}, {"padding", 12}}}};
  const Spec y_scale = {{"zero", false}, {"padding", 12}};
  const Spec tooltip = {tooltip_field("a", chart.a_title, "d"),
                        tooltip_field("b", "smallest " + chart.b_title, "d"),
                        tooltip_field("fails", "fails with confidence at or below", "d")};
  Spec layers = Spec::array();
  layers.push_back(
      {{"mark", {{"type", "rule"}, {"color", "#e6751a"}, {"strokeWidth", 3}, {"opacity", 0.6}}},
       {"encoding",
        {{"x", x},
         {"y", {{"field", "undecided_low"}, {"type", "quantitative"}, {"scale", y_scale}}},
         {"y2", {{"field", "b"}}},
         {"tooltip", tooltip}}}});
  layers.push_back({{"mark",
                     {{"type", "line"},
                      {"interpolate", "step-after"},
                      {"point", {{"filled", true}, {"size", 60}}},
                      {"color", series_palette().front()}}},
                    {"encoding",
                     {{"x", x},
                      {"y",
                       {{"field", "b"},
                        {"type", "quantitative"},
                        {"scale", y_scale},
                        {"axis", whole_number_axis("smallest " + chart.b_title, b_values)}}},
                      {"tooltip", tooltip}}}});
  spec["layer"] = layers;
  return spec;
}

}  // namespace flowsim::charts
