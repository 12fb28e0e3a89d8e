#include "models/traffic.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <optional>

#include <fmt/format.h>
#include <Eigen/Dense>

#include "models/erlang.hpp"
#include "models/visit_capacity.hpp"

namespace flowsim::models {

namespace {

// The loss shares settle in a few passes on a pathway without loops (one
// per unit that sheds, in order); loops through such units are damped.
constexpr int kUndampedPasses = 50;
constexpr int kMostPasses = 500;
constexpr double kSettled = 1e-12;

// Erlang B, skipping the recursion where it could only give 0: beyond
// load + 40 sd of the Poisson occupancy the share is below 1e-300.
double loss_share(std::int64_t capacity, double offered_load) {
  if (static_cast<double>(capacity) > offered_load + 40.0 * std::sqrt(offered_load) + 40.0) return 0.0;
  return erlang_b(capacity, offered_load);
}

bool is_avoidance(const UnitDefinition& unit) { return unit.services.avoidance && !unit.unlimited(); }

// One group's long-run flows a day, by unit, in the three ways a patient
// can reach a unit: as an arrival (from a source, a referral, a
// readmission, or passed on from there by a full avoidance service), which
// a unit with no waiting places turns away when full; as a transfer from
// another unit, who waits in their bed; or as a booked elective operation,
// cancelled when there is no bed.
struct GroupFlows {
  Eigen::VectorXd arrivals;
  Eigen::VectorXd transfers;
  Eigen::VectorXd electives;
  Eigen::VectorXd carried;  // what each unit admits
};

// (I - M) x = gamma with x = (arrivals, transfers): routes and readmissions
// take what a unit carries on; a full avoidance service passes its share
// of each kind on to the usual route, as the same kind.
GroupFlows group_flows(const ModelDefinition& model, std::size_t g, const std::vector<double>& loss) {
  const auto n = static_cast<Eigen::Index>(model.units.size());
  const auto unit_index = [](std::size_t u) { return static_cast<Eigen::Index>(u); };
  GroupFlows flows;
  flows.electives = Eigen::VectorXd::Zero(n);
  for (const auto& elective : model.electives)
    if (elective.group == g)
      flows.electives(elective.unit) += static_cast<double>(elective.booked_per_week()) / 7.0;
  Eigen::VectorXd external = Eigen::VectorXd::Zero(2 * n);
  for (const auto& source : model.sources) {
    const double rate =
        source.rate_per_day * (source.group_cumulative[g + 1] - source.group_cumulative[g]);
    const double referred = source.referral.active() ? source.referral.share_by_group[g] : 0.0;
    external(source.unit) += rate * (1.0 - referred);
    if (referred > 0.0) external(source.referral.unit) += rate * referred;
  }
  Eigen::MatrixXd moves = Eigen::MatrixXd::Zero(2 * n, 2 * n);
  for (std::size_t u = 0; u < model.units.size(); ++u) {
    const UnitDefinition& unit = model.units[u];
    const Eigen::Index a = unit_index(u);
    const Eigen::Index t = n + a;
    const double kept_arrivals = 1.0 - loss[u];
    const double kept_transfers = is_avoidance(unit) ? 1.0 - loss[u] : 1.0;
    const double electives_on = flows.electives(a) * kept_arrivals;
    // Patients a day leaving u along a branch taken with probability p.
    const auto send = [&](Eigen::Index to, double p) {
      moves(to, a) += p * kept_arrivals;
      moves(to, t) += p * kept_transfers;
      external(to) += p * electives_on;
    };
    const RouteTable& table = unit.routes_by_group[g];
    for (std::size_t k = 0; k < table.destinations.size(); ++k) {
      const Destination& to = table.destinations[k];
      const double p = table.cumulative[k + 1] - table.cumulative[k];
      if (!to.is_exit) send(n + to.index, p);
      // A readmission is one more route: discharge by a chosen exit, then back.
      else if (unit.services.readmission && unit.services.readmission->after_exit[to.index])
        send(unit.services.readmission->to, p * unit.services.readmission->probability_by_group[g]);
    }
    if (is_avoidance(unit) && loss[u] > 0.0) {
      const auto usual = unit_index(unit.services.avoidance->usual_route);
      moves(usual, a) += loss[u];
      moves(n + usual, t) += loss[u];
    }
  }
  // Every unit can reach an exit (checked by the loader), and what is shed
  // goes to a unit that can too, so I - M is non-singular.
  const Eigen::MatrixXd system = Eigen::MatrixXd::Identity(2 * n, 2 * n) - moves;
  const Eigen::VectorXd x = system.fullPivLu().solve(external);
  flows.arrivals = x.head(n);
  flows.transfers = x.tail(n);
  flows.carried = Eigen::VectorXd::Zero(n);
  for (std::size_t u = 0; u < model.units.size(); ++u) {
    const Eigen::Index a = unit_index(u);
    const double kept = 1.0 - loss[u];
    flows.carried(a) = kept * (flows.arrivals(a) + flows.electives(a)) +
                       (is_avoidance(model.units[u]) ? kept : 1.0) * flows.transfers(a);
  }
  return flows;
}

struct SettledFlows {
  std::vector<GroupFlows> by_group;
  std::vector<double> loss;  // by unit
};

double offered_load_at(const ModelDefinition& model, const std::vector<GroupFlows>& flows,
                       std::size_t u) {
  double load = 0.0;
  const auto a = static_cast<Eigen::Index>(u);
  for (std::size_t g = 0; g < flows.size(); ++g)
    load += (flows[g].arrivals(a) + flows[g].transfers(a) + flows[g].electives(a)) *
            model.units[u].los_by_group[g].mean();
  return load;
}

// The flows and the loss shares that agree with them.
SettledFlows settle_flows(const ModelDefinition& model) {
  SettledFlows settled;
  settled.loss.assign(model.units.size(), 0.0);
  const bool any_shed = std::any_of(model.units.begin(), model.units.end(),
                                    [](const UnitDefinition& unit) { return sheds_when_full(unit); });
  for (int pass = 0;; ++pass) {
    settled.by_group.clear();
    for (std::size_t g = 0; g < model.groups.size(); ++g)
      settled.by_group.push_back(group_flows(model, g, settled.loss));
    if (!any_shed || pass + 1 >= kMostPasses) return settled;
    double change = 0.0;
    std::vector<double> next(model.units.size(), 0.0);
    for (std::size_t u = 0; u < model.units.size(); ++u) {
      if (!sheds_when_full(model.units[u])) continue;
      next[u] = loss_share(model.units[u].capacity, offered_load_at(model, settled.by_group, u));
      change = std::max(change, std::abs(next[u] - settled.loss[u]));
    }
    if (change < kSettled) return settled;
    for (std::size_t u = 0; u < next.size(); ++u)
      settled.loss[u] = pass < kUndampedPasses ? next[u] : 0.5 * (settled.loss[u] + next[u]);
  }
}

// For each unit v, the units whose patients, blocked, wait in their bed for
// a bed in v: routes into v, and routes into an avoidance service that
// passes them on to v when full. A route back to the same unit keeps its
// own bed and is left out.
std::vector<std::vector<std::uint32_t>> transfer_feeders(const ModelDefinition& model,
                                                         const SettledFlows& settled) {
  std::vector<std::vector<std::uint32_t>> feeders(model.units.size());
  const auto add = [&feeders](std::uint32_t v, std::uint32_t w) {
    if (v != w && std::find(feeders[v].begin(), feeders[v].end(), w) == feeders[v].end())
      feeders[v].push_back(w);
  };
  for (std::uint32_t w = 0; w < model.units.size(); ++w)
    for (std::size_t g = 0; g < model.groups.size(); ++g) {
      if (!(settled.by_group[g].carried(w) > 0.0)) continue;
      const RouteTable& table = model.units[w].routes_by_group[g];
      for (std::size_t k = 0; k < table.destinations.size(); ++k) {
        const Destination& to = table.destinations[k];
        if (to.is_exit || !(table.cumulative[k + 1] - table.cumulative[k] > 0.0)) continue;
        add(to.index, w);
        const UnitDefinition& target = model.units[to.index];
        if (is_avoidance(target) && settled.loss[to.index] > 0.0)
          add(target.services.avoidance->usual_route, w);
      }
    }
  return feeders;
}

// The unit nearest 'u', going upstream through beds held by patients
// waiting for the next unit, where patients can pile up without limit: an
// unlimited queue of arrivals, or unlimited beds. Nothing when every path
// ends in a unit that turns arrivals away or passes them by when full.
std::optional<std::uint32_t> queue_without_limit(const ModelDefinition& model,
                                                 const SettledFlows& settled,
                                                 const std::vector<std::vector<std::uint32_t>>& feeders,
                                                 std::uint32_t u) {
  std::vector<bool> seen(model.units.size(), false);
  std::deque<std::uint32_t> frontier{u};
  seen[u] = true;
  while (!frontier.empty()) {
    const std::uint32_t v = frontier.front();
    frontier.pop_front();
    const UnitDefinition& unit = model.units[v];
    if (unit.unlimited()) return v;
    if (is_avoidance(unit)) continue;  // full: patients pass it by, none wait
    double arrivals = 0.0;
    for (const auto& flows : settled.by_group) arrivals += flows.arrivals(v);
    if (arrivals > 0.0 && unit.queue_limit == kUnlimited) return v;
    for (const std::uint32_t w : feeders[v])
      if (!seen[w]) {
        seen[w] = true;
        frontier.push_back(w);
      }
  }
  return std::nullopt;
}

}  // namespace

bool sheds_when_full(const UnitDefinition& unit) {
  return !unit.unlimited() && (unit.queue_limit == 0 || unit.services.avoidance);
}

std::vector<UnitLoad> solve_traffic(const ModelDefinition& model) {
  const SettledFlows settled = settle_flows(model);
  std::vector<UnitLoad> loads(model.units.size());
  std::optional<std::vector<std::vector<std::uint32_t>>> feeders;  // when first needed
  for (std::uint32_t u = 0; u < model.units.size(); ++u) {
    const UnitDefinition& unit = model.units[u];
    UnitLoad& load = loads[u];
    const auto a = static_cast<Eigen::Index>(u);
    const bool queue_waits = unit.queue_limit == kUnlimited && !is_avoidance(unit);
    for (std::size_t g = 0; g < model.groups.size(); ++g) {
      const GroupFlows& flows = settled.by_group[g];
      const double stay = unit.los_by_group[g].mean();
      const double reaching = flows.arrivals(a) + flows.transfers(a) + flows.electives(a);
      load.arrivals_per_day += reaching;
      load.offered_load += reaching * stay;
      load.carried_load += flows.carried(a) * stay;
      load.waiting_load += (flows.transfers(a) + (queue_waits ? flows.arrivals(a) : 0.0)) * stay;
      if (const auto& visits = unit.services.visits)
        load.offered_visits_per_day +=
            reaching * mean_visits_per_stay(visits->by_group[g], unit.los_by_group[g]);
    }
    load.loss_probability = settled.loss[u];
    const bool waits_beyond_capacity =
        load.waiting_load > 0.0 && load.waiting_load >= static_cast<double>(unit.capacity);
    if (unit.unlimited() || is_avoidance(unit) || !waits_beyond_capacity) continue;
    if (!feeders) feeders = transfer_feeders(model, settled);
    const auto growing = queue_without_limit(model, settled, *feeders, u);
    load.strain = growing ? Strain::Overloaded : Strain::Saturated;
    load.growing_queue_at = growing.value_or(u);
  }
  return loads;
}

std::vector<RouteFlow> solve_route_flows(const ModelDefinition& model) {
  const SettledFlows settled = settle_flows(model);
  std::vector<RouteFlow> flows;
  const auto find_or_add = [&flows](std::uint32_t from, Destination to,
                                    bool readmission = false) -> RouteFlow& {
    for (auto& f : flows)
      if (f.from == from && f.to == to && f.readmission == readmission) return f;
    return flows.emplace_back(RouteFlow{from, to, 0.0, readmission});
  };
  for (std::size_t g = 0; g < model.groups.size(); ++g) {
    const Eigen::VectorXd& carried = settled.by_group[g].carried;
    for (std::size_t u = 0; u < model.units.size(); ++u) {
      const RouteTable& table = model.units[u].routes_by_group[g];
      const double rate = carried(static_cast<Eigen::Index>(u));
      for (std::size_t k = 0; k < table.destinations.size(); ++k) {
        const double p = table.cumulative[k + 1] - table.cumulative[k];
        if (p > 0.0)
          find_or_add(static_cast<std::uint32_t>(u), table.destinations[k]).per_day += rate * p;
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
    if (loads[u].strain != Strain::Overloaded) continue;
    const auto& unit = model.units[u];
    const auto& growing = model.units[loads[u].growing_queue_at];
    const std::string consequence =
        loads[u].growing_queue_at == u
            ? std::string("its queue (and any delayed transfers into it) will grow without limit")
        : growing.unlimited() ? fmt::format(
                                    "patients waiting for it hold beds in '{}', and their number there "
                                    "will grow without limit",
                                    growing.name)
                              : fmt::format(
                                    "patients waiting for it hold beds upstream, and the queue of '{}' "
                                    "will grow without limit",
                                    growing.name);
    warnings.push_back(fmt::format(
        "unit '{}' is overloaded: {:.1f} arrivals a day × mean stay gives an offered load of {:.1f} "
        "beds against a capacity of {}; {} (a steady state needs at least {} beds; see flowsim "
        "check)",
        unit.name, loads[u].arrivals_per_day, loads[u].offered_load, unit.capacity, consequence,
        // As a double: minimum_stable_capacity saturates, and a stay typed
        // as 1e19 days should read as what it asks for.
        fmt::format("{:.0f}", std::floor(loads[u].offered_load) + 1.0)));
  }
  return warnings;
}

}  // namespace flowsim::models
