#pragma once
// Charts of `flowsim fit` (docs/fitting.md): the survival of stays, fitted
// curves against the Kaplan-Meier estimate, and Q-Q plots of each fit's
// quantiles against the data's. Like every builder of the chart layer, each
// returns a complete Vega-Lite specification with its data inline.
#include <string>
#include <vector>

#include "tools/report/charts/chart_specs.hpp"

namespace flowsim::charts {

struct CurvePoint {
  std::string curve;  // "Kaplan-Meier" or a distribution's name
  double x = 0;
  double y = 0;
};

// Survival S(t) against days: the Kaplan-Meier curve as steps, each fit as
// a line (the points of each curve in order of x).
[[nodiscard]] Spec survival_chart(const std::string& title, const std::vector<CurvePoint>& points);
// Fitted quantiles (y) against the Kaplan-Meier quantiles (x) per
// distribution, with the line y = x a perfect fit would follow.
[[nodiscard]] Spec qq_chart(const std::string& title, const std::vector<CurvePoint>& points);

}  // namespace flowsim::charts
