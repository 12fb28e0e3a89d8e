#pragma once
// Traffic equations of the pathway network: the long-run arrival rate at
// each unit, lambda = gamma + P^T lambda, solved per patient group (routing
// differs by group), and the offered load (arrival rate × mean stay) that a
// unit must carry. Units that do not let a patient wait when full shed part
// of that flow before it goes further: a unit with no waiting places
// (queue_limit: 0) turns arrivals away, and an admission avoidance service
// sends the patients it has no room for by their usual route. Their share
// is the Erlang B loss probability of their own offered load (exact for
// Poisson arrivals and any length of stay; an approximation where transfers
// or visit limits also fill the unit), so the flows are solved again with
// it until they settle. A unit whose load that cannot be shed reaches its
// capacity, and whose queue or whose blocked patients upstream have no
// limit, can only build an ever longer queue; the command line warns before
// the user waits for such a run.
#include <string>
#include <vector>

#include "models/model_definition.hpp"

namespace flowsim::models {

enum class Strain : std::uint8_t {
  Ok,
  // The load that waits rather than leaving reaches the capacity, but all
  // who wait hold a bed upstream in units that turn arrivals away (or pass
  // them by) when full: finitely many states, so no queue grows without
  // limit. The unit is full most of the time and delays the units before it.
  Saturated,
  // The same load reaches the capacity and a queue without limit feeds it:
  // this unit's own arrivals, or, through beds blocked upstream, those of
  // the unit named by growing_queue_at (or that unit's own unlimited beds).
  Overloaded,
};

struct UnitLoad {
  // Long-run rate of patients reaching the unit (before any it turns away or
  // passes by when full), with what units before it shed taken into account;
  // at the sources' mean rates without growth.
  double arrivals_per_day = 0.0;
  double offered_load = 0.0;  // arrivals per day × mean length of stay (beds)
  // Erlang B share of patients the unit turns away (queue_limit 0: its
  // arrivals; transfers wait in their bed) or passes by (avoidance: all);
  // 0 for every other unit.
  double loss_probability = 0.0;
  double carried_load = 0.0;  // the offered load less what is shed here (beds)
  // Of the offered load, what waits when the unit is full rather than
  // leaving: transfers, and arrivals where the queue has no limit (not
  // electives, which are cancelled when there is no bed).
  double waiting_load = 0.0;
  // A unit limited by visits (services.visits): the visits a day its
  // arrivals need, each arrival times the mean visits of a stay
  // (mean_visits_per_stay, models/visit_capacity.hpp); 0 for other units.
  double offered_visits_per_day = 0.0;
  Strain strain = Strain::Ok;
  std::uint32_t growing_queue_at = 0;  // Overloaded: the unit whose queue grows
};

[[nodiscard]] std::vector<UnitLoad> solve_traffic(const ModelDefinition& model);

// True for a unit with limited capacity that sheds patients it has no room
// for rather than letting them wait: no waiting places, or an avoidance service.
[[nodiscard]] bool sheds_when_full(const UnitDefinition& unit);

// Long-run patients a day along each route with a positive probability
// (summed over groups, from what each unit carries): the edge weights of
// the pathway diagram. Readmission flows (discharged by an exit, back later
// as emergencies at another unit) are listed apart, with 'readmission' set;
// the exit's own flow still counts them, since they did leave.
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
