#pragma once
// Routing shares per fitted unit (and group) from the destinations of the
// stays that ended in the window: a destination that is a fitted unit is a
// route to it, anything else an exit of that name; a stay with no recorded
// destination leaves to the exit "discharged".
#include <map>
#include <string>
#include <vector>

#include "tools/fit/fit_scope.hpp"

namespace flowsim::fit {

inline constexpr const char* kUnrecordedExit = "discharged";

struct RouteShare {
  std::string destination;
  double count = 0.0;
  double share = 0.0, low = 0.0, high = 0.0;  // 95% interval (normal approximation)
};

struct RoutingFit {
  std::string unit, group;
  double discharges = 0.0;
  std::vector<RouteShare> shares;  // largest first
};

// One entry per fitted unit and group (group "all" without --by group).
[[nodiscard]] std::vector<RoutingFit> fit_routing(const Extract& extract, const FitScope& scope);
// The exits the routes use, sorted.
[[nodiscard]] std::vector<std::string> exits_of(const std::vector<RoutingFit>& routing,
                                                const FitScope& scope);

}  // namespace flowsim::fit
