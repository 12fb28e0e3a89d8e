#include "models/traffic.hpp"

#include <Eigen/Dense>
#include <fmt/format.h>

#include "models/erlang.hpp"

namespace flowsim::models {

namespace {

// Long-run arrival rate at each unit of patients of group g:
// (I - P_g^T) lambda = gamma_g.
Eigen::VectorXd group_rates(const ModelDefinition& model, std::size_t g) {
  const auto n = static_cast<Eigen::Index>(model.units.size());
  Eigen::VectorXd external = Eigen::VectorXd::Zero(n);
  for (const auto& source : model.sources) {
    const double rate = source.rate_per_day * (source.group_cumulative[g + 1] - source.group_cumulative[g]);
    const double referred = source.referral.active() ? source.referral.share_by_group[g] : 0.0;
    external(source.unit) += rate * (1.0 - referred);
    if (referred > 0.0) external(source.referral.unit) += rate * referred;
  }
  for (const auto& elective : model.electives)
    if (elective.group == g)
      external(elective.unit) += static_cast<double>(elective.booked_per_week()) / 7.0;
  // routing(i, j): probability that a patient leaving unit i goes to unit j.
  Eigen::MatrixXd routing = Eigen::MatrixXd::Zero(n, n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const RouteTable& table = model.units[static_cast<std::size_t>(i)].routes_by_group[g];
    for (std::size_t k = 0; k < table.destinations.size(); ++k)
      if (!table.destinations[k].is_exit)
        routing(i, table.destinations[k].index) += table.cumulative[k + 1] - table.cumulative[k];
    // A readmission is one more route: discharge by a chosen exit, then back.
    if (const auto& readmission = model.units[static_cast<std::size_t>(i)].services.readmission)
      for (std::size_t k = 0; k < table.destinations.size(); ++k)
        if (table.destinations[k].is_exit && readmission->after_exit[table.destinations[k].index])
          routing(i, readmission->to) += (table.cumulative[k + 1] - table.cumulative[k]) *
                                         readmission->probability_by_group[g];
  }
  // Every unit can reach an exit (checked by the loader), so I - P^T is
  // non-singular.
  const Eigen::MatrixXd system = Eigen::MatrixXd::Identity(n, n) - routing.transpose();
  return system.fullPivLu().solve(external);
}

}  // namespace

std::vector<UnitLoad> solve_traffic(const ModelDefinition& model) {
  std::vector<UnitLoad> loads(model.units.size());
  for (std::size_t g = 0; g < model.groups.size(); ++g) {
    const Eigen::VectorXd rates = group_rates(model, g);
    for (std::size_t u = 0; u < model.units.size(); ++u) {
      const double rate = rates(static_cast<Eigen::Index>(u));
      loads[u].arrivals_per_day += rate;
      loads[u].offered_load += rate * model.units[u].los_by_group[g].mean();
    }
  }
  return loads;
}

std::vector<RouteFlow> solve_route_flows(const ModelDefinition& model) {
  std::vector<RouteFlow> flows;
  const auto find_or_add = [&flows](std::uint32_t from, Destination to,
                                    bool readmission = false) -> RouteFlow& {
    for (auto& f : flows)
      if (f.from == from && f.to == to && f.readmission == readmission) return f;
    return flows.emplace_back(RouteFlow{from, to, 0.0, readmission});
  };
  for (std::size_t g = 0; g < model.groups.size(); ++g) {
    const Eigen::VectorXd rates = group_rates(model, g);
    for (std::size_t u = 0; u < model.units.size(); ++u) {
      const RouteTable& table = model.units[u].routes_by_group[g];
      const double rate = rates(static_cast<Eigen::Index>(u));
      for (std::size_t k = 0; k < table.destinations.size(); ++k) {
        const double p = table.cumulative[k + 1] - table.cumulative[k];
        if (p > 0.0) find_or_add(static_cast<std::uint32_t>(u), table.destinations[k]).per_day += rate * p;
      }
      const auto& readmission = model.units[u].services.readmission;
      if (!readmission || readmission->probability_by_group[g] <= 0.0) continue;
      for (std::size_t k = 0; k < table.destinations.size(); ++k) {
        const Destination& exit = table.destinations[k];
        const double p = table.cumulative[k + 1] - table.cumulative[k];
        if (exit.is_exit && readmission->after_exit[exit.index] && p > 0.0)
          find_or_add(static_cast<std::uint32_t>(u), Destination{false, readmission->to}, true)
              .per_day += rate * p * readmission->probability_by_group[g];
      }
    }
  }
  return flows;
}

std::vector<std::string> overload_warnings(const ModelDefinition& model,
                                           const std::vector<UnitLoad>& loads) {
  std::vector<std::string> warnings;
  for (std::size_t u = 0; u < model.units.size(); ++u) {
    const auto& unit = model.units[u];
    if (unit.unlimited() || loads[u].offered_load < static_cast<double>(unit.capacity)) continue;
    warnings.push_back(fmt::format(
        "unit '{}' is overloaded: {:.1f} arrivals a day × mean stay gives an offered load of {:.1f} "
        "beds against a capacity of {}; {} (a steady state needs at least {} beds; see flowsim "
        "check)",
        unit.name, loads[u].arrivals_per_day, loads[u].offered_load, unit.capacity,
        unit.services.avoidance ? "patients who find it full take the usual route instead"
        : unit.queue_limit == kUnlimited
            ? "its queue (and any delayed transfers into it) will grow without limit"
            : "many patients will be diverted or delayed",
        minimum_stable_capacity(loads[u].offered_load)));
  }
  return warnings;
}

}  // namespace flowsim::models
