#pragma once
// Traffic equations of the pathway network: the long-run arrival rate at
// each unit, lambda = gamma + P^T lambda, solved per patient group (routing
// differs by group), and the offered load (arrival rate × mean stay) that a
// unit must carry. A unit whose offered load reaches its capacity with an
// unlimited queue can only build an ever longer queue; the command line warns
// before the user waits for such a run.
#include <string>
#include <vector>

#include "models/model_definition.hpp"

namespace flowsim::models {

struct UnitLoad {
  double arrivals_per_day = 0.0;   // long-run rate, at the sources' mean rates without growth
  double offered_load = 0.0;       // arrivals per day × mean length of stay (beds)
};

[[nodiscard]] std::vector<UnitLoad> solve_traffic(const ModelDefinition& model);

// Long-run patients a day along each route with a positive probability
// (summed over groups): the edge weights of the pathway diagram. Readmission
// flows (discharged by an exit, back later as emergencies at another unit)
// are listed apart, with 'readmission' set; the exit's own flow still counts
// them, since they did leave.
struct RouteFlow {
  std::uint32_t from = 0;
  Destination to;
  double per_day = 0.0;
  bool readmission = false;
};
[[nodiscard]] std::vector<RouteFlow> solve_route_flows(const ModelDefinition& model);

// Human-readable warnings, one per overloaded unit (empty when none).
[[nodiscard]] std::vector<std::string> overload_warnings(const ModelDefinition& model,
                                                         const std::vector<UnitLoad>& loads);

}  // namespace flowsim::models
