#pragma once
// The patients in each fitted unit at the extract moment, with their elapsed
// stays: the scenario's starting census (`initial`). A date-only admission
// is taken as midday, so its elapsed stay is the days since then. Also the
// highest midnight census in the window, a floor for the bed count.
#include <string>
#include <vector>

#include "tools/fit/fit_scope.hpp"

namespace flowsim::fit {

struct CensusFit {
  std::string unit;
  std::vector<double> elapsed_days;  // one per patient still in, sorted
  std::vector<std::string> groups;   // each patient's group, in the same order
  double peak_midnight_census = 0.0;
};

[[nodiscard]] std::vector<CensusFit> fit_census(const Extract& extract, const FitScope& scope);

}  // namespace flowsim::fit
