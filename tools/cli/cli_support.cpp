#include "tools/cli/cli_support.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "models/scenario/loader.hpp"
#include "models/traffic.hpp"
#include "tools/runner/machine_memory.hpp"

namespace flowsim::cli {

namespace po = boost::program_options;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::shared_ptr<const models::ModelDefinition> load_or_report(const std::string& path) {
  auto loaded = scenario::load_scenario_file(path);
  if (!loaded.ok()) {
    std::cerr << loaded.diagnostics.format();
    const auto n = loaded.diagnostics.sorted().size();
    std::cerr << fmt::format("{} error{} in {}; nothing was run\n", n, n == 1 ? "" : "s", path);
    return nullptr;
  }
  const auto& model = *loaded.model;
  for (const auto& warning : models::overload_warnings(model, models::solve_traffic(model)))
    std::cerr << fmt::format("{}: warning: {}\n", path, warning);
  return loaded.model;
}

bool within_limits(const models::ModelDefinition& model, const models::RunEstimateOptions& options,
                   bool force) {
  const auto estimate = models::estimate_run(model, models::solve_traffic(model), options);
  models::RunLimits limits;
  limits.available_memory_bytes = tools::available_memory_bytes();
  const auto findings = models::check_limits(estimate, limits);
  for (const auto& reason : findings.hard)
    std::cerr << fmt::format("flowsim: cannot run: {}\n", reason);
  for (const auto& reason : findings.soft)
    std::cerr << fmt::format("flowsim: {}: {}\n", force ? "warning" : "refused", reason);
  if (!findings.hard.empty()) return false;
  if (findings.soft.empty() || force) return true;
  std::cerr << fmt::format(
      "flowsim: estimated {:.3g} patients and {:.3g} events a replication, {} of memory, {} of "
      "output; nothing was run. Use fewer replications (--reps) or a shorter horizon, or --force "
      "to run anyway\n",
      estimate.patients_per_replication, estimate.events_per_replication,
      models::format_bytes(estimate.memory_bytes), models::format_bytes(estimate.output_bytes));
  return false;
}

po::variables_map parse_command_line(const std::vector<std::string>& args,
                                     const po::options_description& options) {
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(options).positional(positional).run(), vm);
  po::notify(vm);
  return vm;
}

}  // namespace flowsim::cli
