// flowsim validate: checks a scenario, reports every error, and prints the
// traffic equations' offered load per unit.
#include <iostream>

#include <fmt/format.h>

#include "models/traffic.hpp"
#include "tools/cli/cli_support.hpp"
#include "tools/cli/commands.hpp"
#include "tools/io/visit_units.hpp"

namespace flowsim::cli {

namespace po = boost::program_options;

namespace {
// Places, or carer visits a day for a unit limited by visits rather than places.
std::string capacity_cell(const models::UnitDefinition& unit) {
  if (const auto visits = tools::visit_limit(unit); visits && unit.unlimited())
    return tools::visit_capacity_cell(*visits);
  return unit.unlimited() ? std::string("unlimited") : std::to_string(unit.capacity);
}
}  // namespace

int command_validate(const std::vector<std::string>& args) {
  po::options_description options("flowsim validate SCENARIO.yaml [--with OVERLAY.yaml ...]");
  options.add_options()("help", "this text")("scenario", po::value<std::string>(), "scenario file");
  add_overlay_option(options);
  const auto vm = parse_command_line(args, options);
  if (vm.count("help")) {
    std::cout << options
              << "\nChecks a scenario and reports every error with file, line and "
                 "column. Exit code 0 when valid, 2 when not.\n";
    return kExitOk;
  }
  if (!vm.count("scenario")) throw po::error("validate needs a scenario file");
  const std::string path = vm["scenario"].as<std::string>();
  const auto overlays = overlay_paths(vm);
  const auto model = load_or_report(path, overlays);
  if (!model) return kExitBadInput;
  std::cout << fmt::format("{}: valid ({} units, {} arrival sources, {} patient groups)\n\n",
                           describe_input(path, overlays), model->units.size(), model->sources.size(),
                           model->groups.size());
  // The traffic equations give a first look at whether each unit can cope.
  const auto loads = models::solve_traffic(*model);
  std::cout << fmt::format("{:<24} {:>14} {:>14} {:>10}\n", "unit", "arrivals/day", "offered load",
                           "capacity");
  for (std::size_t u = 0; u < model->units.size(); ++u) {
    const auto& unit = model->units[u];
    std::cout << fmt::format("{:<24} {:>14.2f} {:>14.1f} {:>10}\n", unit.name, loads[u].arrivals_per_day,
                             loads[u].offered_load, capacity_cell(unit));
  }
  const std::string notes = tools::visit_load_notes(*model, loads);
  if (!notes.empty()) std::cout << "\n" << notes;
  return kExitOk;
}

}  // namespace flowsim::cli
