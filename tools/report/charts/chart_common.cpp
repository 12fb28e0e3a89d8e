#include "tools/report/charts/chart_common.hpp"

#include <algorithm>

namespace flowsim::charts {

ValueStyle percent_style(const std::string& title) {
  return {.title = title + " (%)", .scale = 100.0, .format = ".1f", .floor = 0.0, .ceiling = 100.0};
}

ValueStyle count_style(const std::string& title) {
  return {.title = title, .scale = 1.0, .format = ",.1~f", .floor = 0.0, .ceiling = std::nullopt};
}

ValueStyle money_style(const std::string& title) {
  return {.title = title + " (GBP m)",
          .scale = 1e-6,
          .format = ",.1f",
          .floor = std::nullopt,
          .ceiling = std::nullopt};
}

double styled_value(double value, const ValueStyle& style) {
  double scaled = value * style.scale;
  if (style.floor) scaled = std::max(scaled, *style.floor);
  if (style.ceiling) scaled = std::min(scaled, *style.ceiling);
  return scaled;
}

namespace detail {

Spec chart_config() {
  return {{"font", "Helvetica, Arial, sans-serif"},
          {"axis", {{"labelFontSize", 12}, {"titleFontSize", 12}, {"titleFontWeight", "normal"}}},
          {"header", {{"labelFontSize", 13}, {"titleFontSize", 13}}},
          {"legend",
           {{"orient", "bottom"}, {"labelFontSize", 12}, {"titleFontSize", 12}, {"labelLimit", 320}}},
          {"title",
           {{"fontSize", 15}, {"anchor", "start"}, {"subtitleFontSize", 12}, {"subtitleColor", "#555"}}},
          {"view", {{"stroke", "#ddd"}}}};
}

Spec titled(const std::string& title, const std::string& subtitle) {
  Spec spec = {{"config", chart_config()}};
  spec["title"] = {{"text", title}};
  if (!subtitle.empty()) spec["title"]["subtitle"] = subtitle;
  return spec;
}

Spec x_zoom() {
  return {
      {"name", "zoom"}, {"select", {{"type", "interval"}, {"encodings", {"x"}}}}, {"bind", "scales"}};
}

Spec legend_below(const std::string& title) {
  Spec legend = {{"orient", "bottom"}, {"direction", "horizontal"}, {"symbolOpacity", 1}};
  legend["title"] = title.empty() ? Spec(nullptr) : Spec(title);
  return legend;
}

Spec named_colours(const std::vector<std::string>& names, const std::vector<std::string>& colours) {
  return {{"domain", names}, {"range", colours}};
}

const std::vector<std::string>& series_palette() {
  static const std::vector<std::string> palette = {"#1f5fa8", "#e6751a", "#2e8b57", "#8e44ad",
                                                   "#c0392b", "#7f6000", "#17a2b8", "#555555"};
  return palette;
}

Spec quantity(const std::string& field, const ValueStyle& style) {
  return {{"field", field},
          {"type", "quantitative"},
          {"title", style.title},
          {"axis", {{"format", style.format}}}};
}

Spec whole_number_axis(const std::string& title, const std::vector<int>& values) {
  Spec axis = {{"title", title}, {"format", "d"}, {"tickMinStep", 1}};
  // Few capacities: a tick at each, so no label repeats a rounded value.
  if (!values.empty() && values.size() <= 30) axis["values"] = values;
  return axis;
}

Spec tooltip_field(const std::string& field, const std::string& title, const std::string& format) {
  Spec tip = {{"field", field}, {"title", title}};
  if (!format.empty()) tip["format"] = format;
  return tip;
}

Spec warmup_layer(double warmup_days) {
  if (warmup_days <= 0) return nullptr;
  return {
      {"data", {{"values", {{{"start", 0}, {"end", warmup_days}, {"what", "warm-up (not measured)"}}}}}},
      {"mark", {{"type", "rect"}, {"color", "#eeeeee"}}},
      {"encoding",
       {{"x", {{"field", "start"}, {"type", "quantitative"}}},
        {"x2", {{"field", "end"}}},
        {"tooltip", {tooltip_field("what", "shaded")}}}}};
}

}  // namespace detail
}  // namespace flowsim::charts
