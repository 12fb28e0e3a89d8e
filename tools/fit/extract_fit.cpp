#include "tools/fit/extract_fit.hpp"

namespace flowsim::fit {

const FamilyFit* UnitLos::chosen() const {
  if (fits.ranked.empty() || !fits.ranked.front().converged) return nullptr;
  return &fits.ranked.front();
}

ExtractFit fit_extract(const Extract& extract, const FitScope& scope) {
  ExtractFit out;
  out.scope = scope;
  out.episodes = static_cast<double>(extract.episodes.size());
  for (const auto& unit : scope.units)
    for (const auto& group : scope.groups) {
      const auto episodes = episodes_of(extract, scope, unit, group);
      if (episodes.empty()) continue;  // a group never seen in this unit
      out.los.push_back({unit, group, fit_los(los_sample(episodes, scope.window_start))});
    }
  out.arrivals = fit_arrivals(extract, scope);
  out.routing = fit_routing(extract, scope);
  out.census = fit_census(extract, scope);
  return out;
}

}  // namespace flowsim::fit
