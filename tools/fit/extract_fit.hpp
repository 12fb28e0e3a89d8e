#pragma once
// Everything `flowsim fit` estimates from one extract: lengths of stay per
// unit (and group), arrivals, routing and the starting census.
#include <string>
#include <vector>

#include "tools/fit/arrivals_fit.hpp"
#include "tools/fit/census_fit.hpp"
#include "tools/fit/los_fit.hpp"
#include "tools/fit/routing_fit.hpp"

namespace flowsim::fit {

struct UnitLos {
  std::string unit, group;  // group "all" without --by group
  LosFits fits;
  // The fit the scenario uses: the best by AIC; nullptr when none converged
  // (too few discharges), and the scenario then says so.
  [[nodiscard]] const FamilyFit* chosen() const;
};

struct ExtractFit {
  FitScope scope;
  std::vector<UnitLos> los;
  std::vector<ArrivalFit> arrivals;
  std::vector<RoutingFit> routing;
  std::vector<CensusFit> census;
  double episodes = 0.0;
};

[[nodiscard]] ExtractFit fit_extract(const Extract& extract, const FitScope& scope);

}  // namespace flowsim::fit
