#include "tools/report/charts/fit_charts.hpp"

#include <algorithm>

#include "tools/report/charts/chart_common.hpp"

namespace flowsim::charts {

namespace {

Spec values_of(const std::vector<CurvePoint>& points) {
  Spec values = Spec::array();
  for (const auto& p : points) values.push_back({{"curve", p.curve}, {"x", p.x}, {"y", p.y}});
  return values;
}

// The same colour for a curve in every chart of the page.
Spec colour_by_curve(bool with_kaplan_meier) {
  std::vector<std::string> names = {"Kaplan-Meier", "exponential", "gamma",
                                    "lognormal",    "weibull",     "exponential_mixture"};
  std::vector<std::string> colours(detail::series_palette().begin(),
                                   detail::series_palette().begin() + static_cast<long>(names.size()));
  if (!with_kaplan_meier) {
    names.erase(names.begin());
    colours.erase(colours.begin());
  }
  return {{"field", "curve"},
          {"type", "nominal"},
          {"legend", detail::legend_below()},
          {"scale", detail::named_colours(names, colours)}};
}

Spec tooltips(const std::string& x_title, const std::string& y_title) {
  return Spec::array({detail::tooltip_field("curve", "curve"),
                      detail::tooltip_field("x", x_title, ",.2f"),
                      detail::tooltip_field("y", y_title, ",.3f")});
}

}  // namespace

Spec survival_chart(const std::string& title, const std::vector<CurvePoint>& points) {
  Spec spec =
      detail::titled(title, "share of stays longer than t: fitted curves against Kaplan-Meier (steps)");
  spec["$schema"] = "https://vega.github.io/schema/vega-lite/v5.json";
  spec["width"] = 520;
  spec["height"] = 260;
  spec["data"] = {{"values", values_of(points)}};
  Spec encoding = {{"x", {{"field", "x"}, {"type", "quantitative"}, {"title", "days since admission"}}},
                   {"y",
                    {{"field", "y"},
                     {"type", "quantitative"},
                     {"title", "still in (survival)"},
                     {"scale", {{"domain", {0, 1}}}}}},
                   {"color", colour_by_curve(true)},
                   {"tooltip", tooltips("days", "survival")}};
  // Kaplan-Meier as steps, the fits as smooth lines.
  // The zoom lives in one layer: Vega-Lite would repeat a top-level one in each.
  spec["layer"] = Spec::array(
      {{{"transform", Spec::array({{{"filter", "datum.curve === 'Kaplan-Meier'"}}})},
        {"params", Spec::array({detail::x_zoom()})},
        {"mark", {{"type", "line"}, {"interpolate", "step-after"}, {"strokeWidth", 2.5}}},
        {"encoding", encoding}},
       {{"transform", Spec::array({{{"filter", "datum.curve !== 'Kaplan-Meier'"}}})},
        // Small points on the fits carry the tooltips (a line is hard to hover).
        {"mark", {{"type", "line"}, {"strokeWidth", 1.5}, {"point", {{"size", 8}, {"filled", true}}}}},
        {"encoding", encoding}}});
  return spec;
}

Spec qq_chart(const std::string& title, const std::vector<CurvePoint>& points) {
  Spec spec = detail::titled(title,
                             "fitted quantiles against the Kaplan-Meier quantiles (1st to 99th "
                             "percentile); a perfect fit lies on the grey line");
  spec["$schema"] = "https://vega.github.io/schema/vega-lite/v5.json";
  spec["width"] = 520;
  spec["height"] = 260;
  double top = 0.0;
  for (const auto& p : points) top = std::max({top, p.x, p.y});
  Spec diagonal = Spec::array({{{"x", 0.0}, {"y", 0.0}}, {{"x", top}, {"y", top}}});
  Spec x = {{"field", "x"}, {"type", "quantitative"}, {"title", "Kaplan-Meier quantile (days)"}};
  Spec y = {{"field", "y"}, {"type", "quantitative"}, {"title", "fitted quantile (days)"}};
  spec["layer"] = Spec::array({{{"data", {{"values", diagonal}}},
                                {"mark", {{"type", "line"}, {"color", "#bbb"}, {"strokeDash", {4, 4}}}},
                                {"encoding", {{"x", x}, {"y", y}}}},
                               {{"data", {{"values", values_of(points)}}},
                                {"mark", {{"type", "line"}, {"point", true}, {"strokeWidth", 1.5}}},
                                {"encoding",
                                 {{"x", x},
                                  {"y", y},
                                  {"color", colour_by_curve(false)},
                                  {"tooltip", tooltips("Kaplan-Meier", "fitted")}}}}});
  return spec;
}

}  // namespace flowsim::charts
