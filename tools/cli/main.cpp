// flowsim: the command line. Exit codes: 0 success, 1 a run failed,
// 2 bad input (an invalid scenario or command line); nothing is written
// when the input is bad.
#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <boost/program_options.hpp>

#include "tools/cli/cli_support.hpp"
#include "tools/cli/commands.hpp"
#include "tools/io/run_outputs.hpp"

namespace {

using flowsim::cli::kExitBadInput;
using flowsim::cli::kExitFailed;
using flowsim::cli::kExitOk;

const char* const kUsage =
    "usage: flowsim <command> [options]\n"
    "\n"
    "commands:\n"
    "  run SCENARIO.yaml       simulate and write results (flowsim run --help)\n"
    "  validate SCENARIO.yaml  check a scenario and report every error\n"
    "  check SCENARIO.yaml     traffic equations and Erlang estimates: loads, stability, capacity\n"
    "  size SCENARIO.yaml      the smallest capacity of a unit that meets targets\n"
    "  frontier SCENARIO.yaml  the trade-off between the capacities of two units\n"
    "  report RESULT_DIR       write report.html (charts, STRESS-DES record)\n"
    "  show SCENARIO.yaml      print the effective scenario (with --with OVERLAY.yaml ...)\n"
    "  sweep SWEEP.yaml        run every point of a parameter sweep (flowsim sweep --help)\n"
    "  compare BASE.yaml --with X.yaml [--with Y.yaml ...]\n"
    "                          run a baseline and variants on the same patients and report\n"
    "                          paired differences (flowsim compare --help)\n"
    "  serve                   the browser front end on http://127.0.0.1:8050 (flowsim serve --help)\n"
    "  schema [--overlay]      print the JSON Schema of scenarios (or overlays) for editors\n"
    "  fit EPISODES.csv        fit an episode extract: a scenario draft (docs/fitting.md)\n"
    "\n"
    "run, validate, show, size and frontier take --with OVERLAY.yaml (repeatable):\n"
    "interventions applied to the scenario in order (docs/overlays.md); in compare\n"
    "each --with is one variant (docs/experiments.md).\n"
    "\n"
    "options:\n"
    "  --help                  this text\n"
    "  --version               the flowsim version\n";

using Command = int (*)(const std::vector<std::string>&);

struct NamedCommand {
  const char* name;
  Command run;
};

constexpr NamedCommand kCommands[] = {
    {"run", flowsim::cli::command_run},           {"validate", flowsim::cli::command_validate},
    {"check", flowsim::cli::command_check},       {"size", flowsim::cli::command_size},
    {"frontier", flowsim::cli::command_frontier}, {"report", flowsim::cli::command_report},
    {"show", flowsim::cli::command_show},         {"sweep", flowsim::cli::command_sweep},
    {"compare", flowsim::cli::command_compare},   {"serve", flowsim::cli::command_serve},
    {"schema", flowsim::cli::command_schema},     {"fit", flowsim::cli::command_fit},
};

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> all(argv + 1, argv + argc);
  if (all.empty() || all[0] == "--help" || all[0] == "-h" || all[0] == "help") {
    std::cout << kUsage;
    return all.empty() ? kExitBadInput : kExitOk;
  }
  if (all[0] == "--version") {
    std::cout << "flowsim " << flowsim::tools::flowsim_version() << "\n";
    return kExitOk;
  }
  const std::vector<std::string> rest(all.begin() + 1, all.end());
  try {
    for (const auto& command : kCommands)
      if (all[0] == command.name) return command.run(rest);
    std::cerr << fmt::format("unknown command '{}'\n{}", all[0], kUsage);
    return kExitBadInput;
  } catch (const boost::program_options::error& e) {
    std::cerr << "flowsim: " << e.what() << "\n(see flowsim " << all[0] << " --help)\n";
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "flowsim: run failed: " << e.what() << "\n";
    return kExitFailed;
  }
}
