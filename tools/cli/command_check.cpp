// flowsim check: the traffic equations (Eigen) and Erlang formulas give,
// before any simulation, each unit's arrival rate and offered load, the
// smallest capacity that can be stable, and a first estimate of the capacity
// for a waiting or occupancy target. Overloaded units are flagged.
#include <iostream>

#include <fmt/format.h>

#include "models/erlang.hpp"
#include "models/traffic.hpp"
#include "tools/cli/cli_support.hpp"
#include "tools/cli/commands.hpp"

namespace flowsim::cli {

namespace po = boost::program_options;

namespace {

struct CheckTargets {
  double p_wait = 0.1;
  double occupancy = 0.92;
};

void print_unit(const models::UnitDefinition& unit, const models::UnitLoad& load, const CheckTargets& t) {
  const std::int64_t stable = models::minimum_stable_capacity(load.offered_load);
  const bool loss = unit.queue_limit == 0;
  if (unit.unlimited()) {
    std::cout << fmt::format("{:<16} {:>10.2f} {:>9.1f} {:>9} {:>7} {:>7} {:>12} {:>9} {:>9}\n", unit.name,
                             load.arrivals_per_day, load.offered_load, "unlimited", "-", "-", "-", "-", "-");
    return;
  }
  const double utilisation = load.offered_load / static_cast<double>(unit.capacity);
  const double delay = loss ? models::erlang_b(unit.capacity, load.offered_load)
                            : models::erlang_c(unit.capacity, load.offered_load);
  const std::int64_t for_wait = loss ? models::capacity_for_loss_probability(load.offered_load, t.p_wait)
                                     : models::capacity_for_wait_probability(load.offered_load, t.p_wait);
  const auto for_occupancy =
      models::capacity_for_occupancy_level(load.offered_load, t.occupancy, 0.05, !loss);
  const bool overloaded = !loss && load.offered_load >= static_cast<double>(unit.capacity);
  std::cout << fmt::format("{:<16} {:>10.2f} {:>9.1f} {:>9} {:>6.1f}% {:>7} {:>12} {:>9} {:>9}{}\n",
                           unit.name, load.arrivals_per_day, load.offered_load, unit.capacity,
                           100.0 * utilisation, loss ? 1 : stable,
                           fmt::format("{:.3f} ({})", delay, loss ? "B" : "C"), for_wait,
                           for_occupancy ? std::to_string(*for_occupancy) : std::string("-"),
                           overloaded ? "  OVERLOADED" : "");
}

}  // namespace

int command_check(const std::vector<std::string>& args) {
  CheckTargets targets;
  po::options_description options("flowsim check SCENARIO.yaml [options]");
  options.add_options()
      ("help", "this text")
      ("scenario", po::value<std::string>(), "scenario file")
      ("p-wait", po::value<double>(&targets.p_wait)->default_value(0.1),
       "target probability of waiting (of being diverted, for a unit without a queue)")
      ("occupancy", po::value<double>(&targets.occupancy)->default_value(0.92),
       "target 95th percentile of occupancy, as a share of capacity");
  const auto vm = parse_command_line(args, options);
  if (vm.count("help")) {
    std::cout << options
              << "\nSolves the traffic equations (lambda = gamma + P^T lambda, per patient group) and "
                 "prints, per unit: arrivals a day, offered load (arrivals × mean stay, in beds), "
                 "capacity and offered load as a share of it, the smallest capacity for a steady "
                 "state, the Erlang C probability of waiting (Erlang B of diversion, for a unit "
                 "without a queue) at the current capacity, and Erlang first estimates of the "
                 "capacity for --p-wait and for --occupancy. Erlang formulas assume Poisson "
                 "arrivals and ignore blocking between units: a first estimate, which `flowsim "
                 "size` refines by simulation.\n";
    return kExitOk;
  }
  if (!vm.count("scenario")) throw po::error("check needs a scenario file");
  if (!(targets.p_wait > 0.0 && targets.p_wait < 1.0)) throw po::error("--p-wait must be between 0 and 1");
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
  std::size_t overloaded = 0;
  for (std::size_t u = 0; u < model->units.size(); ++u) {
    print_unit(model->units[u], loads[u], targets);
    const auto& unit = model->units[u];
    if (!unit.unlimited() && unit.queue_limit != 0 &&
        loads[u].offered_load >= static_cast<double>(unit.capacity))
      ++overloaded;
  }
  std::cout << fmt::format(
      "\nstable: smallest capacity above the offered load; for_wait: Erlang estimate for "
      "P(wait) <= {} (C; for units without a queue, B: P(diverted) <= {}); for_occ: Erlang estimate "
      "for a 95th percentile of occupancy <= {:.0f}% of capacity.\n",
      targets.p_wait, targets.p_wait, 100.0 * targets.occupancy);
  if (overloaded > 0)
    std::cout << fmt::format("{} unit{} overloaded: a simulation would only show queues growing "
                             "without limit.\n",
                             overloaded, overloaded == 1 ? " is" : "s are");
  return kExitOk;
}

}  // namespace flowsim::cli
