#include "tools/fit/routing_fit.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace flowsim::fit {

std::vector<RoutingFit> fit_routing(const Extract& extract, const FitScope& scope) {
  std::vector<RoutingFit> out;
  for (const auto& unit : scope.units)
    for (const auto& group : scope.groups) {
      RoutingFit r{unit, group, 0.0, {}};
      std::map<std::string, double> counts;
      for (const Episode* e : episodes_of(extract, scope, unit, group)) {
        if (!e->discharged) continue;
        counts[e->destination.empty() ? kUnrecordedExit : e->destination] += 1.0;
        r.discharges += 1.0;
      }
      for (const auto& [destination, count] : counts) {
        const double p = count / r.discharges;
        const double half = 1.959963984540054 * std::sqrt(p * (1.0 - p) / r.discharges);
        r.shares.push_back({destination, count, p, std::max(0.0, p - half), std::min(1.0, p + half)});
      }
      std::stable_sort(r.shares.begin(), r.shares.end(),
                       [](const RouteShare& a, const RouteShare& b) { return a.count > b.count; });
      out.push_back(std::move(r));
    }
  return out;
}

std::vector<std::string> exits_of(const std::vector<RoutingFit>& routing, const FitScope& scope) {
  std::set<std::string> exits;
  for (const auto& r : routing) {
    for (const auto& s : r.shares)
      if (!scope.fitted(s.destination)) exits.insert(s.destination);
    if (r.shares.empty()) exits.insert(kUnrecordedExit);  // no discharge seen: leaves the model
  }
  return {exits.begin(), exits.end()};
}

}  // namespace flowsim::fit
