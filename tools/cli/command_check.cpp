// flowsim check: the traffic equations (Eigen) and Erlang formulas give,
// before any simulation, each unit's arrival rate and offered load, the
// smallest capacity that can be stable, and a first estimate of the capacity
// for a waiting or occupancy target. Overloaded units are flagged, and so
// are saturated ones (full, but fed only through units that turn patients
// away when full, so no queue grows without limit).
#include <algorithm>
#include <iostream>

#include <fmt/format.h>

#include "models/erlang.hpp"
#include "models/traffic.hpp"
#include "tools/cli/cli_support.hpp"
#include "tools/cli/commands.hpp"
#include "tools/io/visit_units.hpp"

namespace flowsim::cli {

namespace po = boost::program_options;

namespace {

struct CheckTargets {
  double p_wait = 0.1;
  double occupancy = 0.92;
};

void print_unit(const models::UnitDefinition& unit, const models::UnitLoad& load,
                const CheckTargets& t) {
  const std::int64_t stable = models::minimum_stable_capacity(load.offered_load);
  // Units that turn patients away (or pass them by) when full are loss
  // systems: Erlang B, with the traffic equations' loss share.
  const bool loss = models::sheds_when_full(unit);
  // A unit limited by carer visits rather than places: its capacity and
  // load% in visits a day (Erlang formulas count places, so none apply).
  if (const auto visits = tools::visit_limit(unit); visits && unit.unlimited()) {
    std::cout << fmt::format(
        "{:<16} {:>10.2f} {:>9.1f} {:>9} {:>6.1f}% {:>7} {:>12} {:>9} {:>9}\n", unit.name,
        load.arrivals_per_day, load.offered_load, tools::visit_capacity_cell(*visits),
        100.0 * load.offered_visits_per_day / static_cast<double>(*visits), "-", "-", "-", "-");
    return;
  }
  if (unit.unlimited()) {
    std::cout << fmt::format("{:<16} {:>10.2f} {:>9.1f} {:>9} {:>7} {:>7} {:>12} {:>9} {:>9}\n",
                             unit.name, load.arrivals_per_day, load.offered_load, "unlimited", "-", "-",
                             "-", "-", "-");
    return;
  }
  const double utilisation = load.offered_load / static_cast<double>(unit.capacity);
  const double delay = loss ? load.loss_probability : models::erlang_c(unit.capacity, load.offered_load);
  const auto for_wait = loss ? models::capacity_for_loss_probability(load.offered_load, t.p_wait)
                             : models::capacity_for_wait_probability(load.offered_load, t.p_wait);
  const auto for_occupancy =
      models::capacity_for_occupancy_level(load.offered_load, t.occupancy, 0.05, !loss);
  const char* flag = load.strain == models::Strain::Overloaded  ? "  OVERLOADED"
                     : load.strain == models::Strain::Saturated ? "  SATURATED"
                                                                : "";
  std::cout << fmt::format("{:<16} {:>10.2f} {:>9.1f} {:>9} {:>6.1f}% {:>7} {:>12} {:>9} {:>9}{}\n",
                           unit.name, load.arrivals_per_day, load.offered_load, unit.capacity,
                           100.0 * utilisation, loss ? 1 : stable,
                           fmt::format("{:.3f} ({})", delay, loss ? "B" : "C"),
                           for_wait ? std::to_string(*for_wait) : std::string("-"),
                           for_occupancy ? std::to_string(*for_occupancy) : std::string("-"), flag);
}

}  // namespace

int command_check(const std::vector<std::string>& args) {
  CheckTargets targets;
  po::options_description options("flowsim check SCENARIO.yaml [options]");
  options.add_options()("help", "this text")("scenario", po::value<std::string>(), "scenario file")(
      "p-wait", po::value<double>(&targets.p_wait)->default_value(0.1),
      "target probability of waiting (of being diverted, for a unit without a queue)")(
      "occupancy", po::value<double>(&targets.occupancy)->default_value(0.92),
      "target 95th percentile of occupancy, as a share of capacity");
  const auto vm = parse_command_line(args, options);
  if (vm.count("help")) {
    std::cout << options
              << "\nSolves the traffic equations (lambda = gamma + P^T lambda, per patient group, "
                 "with the patients that units without a queue turn away and that full avoidance "
                 "services pass by taken out, by Erlang B) and "
                 "prints, per unit: arrivals a day, offered load (arrivals × mean stay, in beds), "
                 "capacity and offered load as a share of it, the smallest capacity for a steady "
                 "state, the Erlang C probability of waiting (Erlang B of diversion, for a unit "
                 "without a queue or an avoidance service) at the current capacity, and Erlang first "
                 "estimates of the "
                 "capacity for --p-wait and for --occupancy. A unit limited by carer visits a day "
                 "rather than places shows its capacity in visits a day (v/d) and, as load%, the "
                 "visits its arrivals need (arrivals × mean visits of a stay) against those "
                 "available. Erlang formulas assume Poisson "
                 "arrivals and ignore blocking between units: a first estimate, which `flowsim "
                 "size` refines by simulation.\n";
    return kExitOk;
  }
  if (!vm.count("scenario")) throw po::error("check needs a scenario file");
  if (!(targets.p_wait > 0.0 && targets.p_wait < 1.0))
    throw po::error("--p-wait must be between 0 and 1");
  if (!(targets.occupancy > 0.0 && targets.occupancy <= 1.0))
    throw po::error("--occupancy must be above 0 and at most 1");
  const std::string path = vm["scenario"].as<std::string>();
  const auto model = load_or_report(path);
  if (!model) return kExitBadInput;

  const auto loads = models::solve_traffic(*model);
  std::cout << fmt::format("{}: {} unit{}; long-run loads from the traffic equations\n\n", path,
                           model->units.size(), model->units.size() == 1 ? "" : "s");
  std::cout << fmt::format("{:<16} {:>10} {:>9} {:>9} {:>7} {:>7} {:>12} {:>9} {:>9}\n", "unit",
                           "arr/day", "load", "capacity", "load%", "stable", "P(wait)", "for_wait",
                           "for_occ");
  for (std::size_t u = 0; u < model->units.size(); ++u) print_unit(model->units[u], loads[u], targets);
  const auto count = [&loads](models::Strain strain) {
    return std::count_if(loads.begin(), loads.end(),
                         [strain](const models::UnitLoad& load) { return load.strain == strain; });
  };
  const auto overloaded = count(models::Strain::Overloaded);
  const auto saturated = count(models::Strain::Saturated);
  std::cout << fmt::format(
      "\nstable: smallest capacity above the offered load; for_wait: Erlang estimate for "
      "P(wait) <= {} (C; for units without a queue and avoidance services, B: P(diverted or "
      "passed by) <= {}); for_occ: Erlang estimate "
      "for a 95th percentile of occupancy <= {:.0f}% of capacity.\n",
      targets.p_wait, targets.p_wait, 100.0 * targets.occupancy);
  std::cout << tools::visit_load_notes(*model, loads);
  if (overloaded > 0)
    std::cout << fmt::format(
        "{} unit{} overloaded: a simulation would only show queues growing "
        "without limit.\n",
        overloaded, overloaded == 1 ? " is" : "s are");
  if (saturated > 0)
    std::cout << fmt::format(
        "{} unit{} saturated: the load reaches the capacity, but everyone "
        "waiting for {} holds a bed in a unit that turns arrivals away (or "
        "passes them by) when full, so no queue grows without limit; expect "
        "{} full, with delays in the units before {}.\n",
        saturated, saturated == 1 ? " is" : "s are", saturated == 1 ? "it" : "them",
        saturated == 1 ? "it" : "them", saturated == 1 ? "it" : "them");
  return kExitOk;
}

}  // namespace flowsim::cli
