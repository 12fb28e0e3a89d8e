#include "tools/fit/census_fit.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

namespace flowsim::fit {

std::vector<CensusFit> fit_census(const Extract& extract, const FitScope& scope) {
  std::vector<CensusFit> out;
  for (const auto& unit : scope.units) {
    CensusFit c{unit, {}, {}, 0.0};
    std::vector<std::pair<double, std::string>> in;
    std::vector<std::pair<double, int>> changes;  // (moment, +1 in / -1 out)
    for (const Episode* e : episodes_of(extract, scope, unit, "")) {
      const double admitted = e->whole_days ? e->admitted + 0.5 : e->admitted;
      if (!e->discharged) in.emplace_back(scope.extract_moment - admitted, scope.group_of(*e));
      changes.emplace_back(admitted, 1);
      if (e->discharged) changes.emplace_back(e->whole_days ? *e->discharged + 0.5 : *e->discharged, -1);
    }
    std::sort(in.begin(), in.end());
    for (const auto& [elapsed, group] : in) {
      c.elapsed_days.push_back(std::max(0.0, elapsed));
      c.groups.push_back(group);
    }
    // Midnight census: sweep the changes, reading the count at each midnight
    // in the window.
    std::sort(changes.begin(), changes.end());
    double census = 0.0;
    std::size_t next = 0;
    for (double midnight = std::ceil(scope.window_start); midnight <= scope.extract_moment;
         midnight += 1.0) {
      while (next < changes.size() && changes[next].first <= midnight) census += changes[next++].second;
      c.peak_midnight_census = std::max(c.peak_midnight_census, census);
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace flowsim::fit
