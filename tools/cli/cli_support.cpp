#include "tools/cli/cli_support.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <thread>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "models/scenario/loader.hpp"
#include "models/traffic.hpp"
#include "tools/report/report_runner.hpp"

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

void add_simulation_options(po::options_description& options) {
  options.add_options()
      ("reps", po::value<std::uint32_t>(), "replications (overrides run.replications)")
      ("seed", po::value<std::uint64_t>(), "master random seed (overrides run.seed)")
      ("threads", po::value<unsigned>(), "worker threads (default: all cores)")
      ("out", po::value<std::string>(), "output directory (default: flowsim-out/<scenario file name>...)")
      ("overwrite", "replace results already in the output directory")
      ("report", "also write report.html (flowsim report --help)");
}

std::shared_ptr<models::ModelDefinition> with_run_overrides(const models::ModelDefinition& model,
                                                            const po::variables_map& vm) {
  auto changed = std::make_shared<models::ModelDefinition>(model);
  if (vm.count("reps")) {
    if (vm["reps"].as<std::uint32_t>() == 0) throw po::error("--reps must be at least 1");
    changed->run.replications = vm["reps"].as<std::uint32_t>();
  }
  if (vm.count("seed")) changed->run.seed = vm["seed"].as<std::uint64_t>();
  return changed;
}

unsigned thread_count(const po::variables_map& vm) {
  return vm.count("threads") ? std::max(1U, vm["threads"].as<unsigned>())
                             : std::max(1U, std::thread::hardware_concurrency());
}

std::string output_directory(const po::variables_map& vm, const std::string& scenario_path,
                             const std::string& suffix) {
  namespace fs = std::filesystem;
  return vm.count("out") ? vm["out"].as<std::string>()
                         : (fs::path("flowsim-out") / (fs::path(scenario_path).stem().string() + suffix)).string();
}

bool may_write(const po::variables_map& vm, const std::string& directory, const std::string& marker) {
  if (!std::filesystem::exists(std::filesystem::path(directory) / marker) || vm.count("overwrite"))
    return true;
  std::cerr << fmt::format("{} already holds results; use --overwrite to replace them, or --out to "
                           "choose another directory\n",
                           directory);
  return false;
}

int report_if_asked(const po::variables_map& vm, const std::string& directory) {
  if (!vm.count("report")) return kExitOk;
  const auto outcome = tools::write_html_report(directory);
  if (outcome.exit_code == 0) {
    std::cout << "report: " << outcome.report_path << "\n";
    return kExitOk;
  }
  std::cerr << fmt::format("flowsim: no report was written; the results in {}/ are complete\n", directory);
  return kExitFailed;
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
