// flowsim show: prints the effective scenario, the base with every --with
// overlay applied, so that a user sees exactly what an intervention changed.
#include <iostream>

#include "tools/cli/cli_support.hpp"
#include "tools/cli/commands.hpp"

namespace flowsim::cli {

namespace po = boost::program_options;

int command_show(const std::vector<std::string>& args) {
  po::options_description options("flowsim show SCENARIO.yaml [--with OVERLAY.yaml ...] [options]");
  options.add_options()("help", "this text")("scenario", po::value<std::string>(), "scenario file")(
      "diff", "print only the changes, one line each: file:line:column op key-path: before -> after")(
      "no-header", "leave out the header comment that lists the overlays and their changes");
  add_overlay_option(options);
  const auto vm = parse_command_line(args, options);
  if (vm.count("help")) {
    std::cout << options
              << "\nValidates the scenario with its overlays (errors as in validate, exit code 2) "
                 "and prints the effective scenario as YAML. Comments of the original files are "
                 "not kept; a header comment names each overlay and every value it changed.\n";
    return kExitOk;
  }
  if (!vm.count("scenario")) throw po::error("show needs a scenario file");
  const auto loaded = load_scenario_or_report(vm["scenario"].as<std::string>(), overlay_paths(vm));
  if (!loaded.model) return kExitBadInput;
  if (!loaded.effective.ok()) {  // a base the loader reads but the tree cannot hold (alias bomb)
    std::cerr << loaded.effective.diagnostics.format();
    return kExitBadInput;
  }
  if (vm.count("diff")) {
    std::cout << scenario::describe_changes(loaded.effective);
    return kExitOk;
  }
  // A value width of 0 leaves the header out.
  std::cout << scenario::effective_scenario_yaml(loaded.effective, vm.count("no-header") ? 0 : 60);
  return kExitOk;
}

}  // namespace flowsim::cli
