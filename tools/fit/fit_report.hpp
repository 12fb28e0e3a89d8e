#pragma once
// report.html of `flowsim fit --report`: per unit (and group) the survival
// of stays, each fit against Kaplan-Meier, a Q-Q plot, and the ranked fits,
// through the shared chart layer (tools/report/charts).
#include <string>

#include "tools/fit/extract_fit.hpp"

namespace flowsim::fit {

[[nodiscard]] std::string fit_report_html(const ExtractFit& fit, const std::string& sources);

}  // namespace flowsim::fit
