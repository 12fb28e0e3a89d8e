// flowsim: the command line. Exit codes: 0 success, 1 a run failed,
// 2 bad input (an invalid scenario or command line); nothing is written
// when the input is bad.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "models/scenario/loader.hpp"
#include "models/traffic.hpp"
#include "sim/random_stream.hpp"
#include "tools/io/console_summary.hpp"
#include "tools/io/run_outputs.hpp"
#include "tools/runner/replication_runner.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitBadInput = 2;

const char* const kUsage =
    "usage: flowsim <command> [options]\n"
    "\n"
    "commands:\n"
    "  run SCENARIO.yaml       simulate and write results (flowsim run --help)\n"
    "  validate SCENARIO.yaml  check a scenario and report every error\n"
    "\n"
    "options:\n"
    "  --help                  this text\n"
    "  --version               the flowsim version\n";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Loads and validates; prints every error and returns null when invalid.
std::shared_ptr<const flowsim::models::ModelDefinition> load_or_report(const std::string& path) {
  auto loaded = flowsim::scenario::load_scenario_file(path);
  if (!loaded.ok()) {
    std::cerr << loaded.diagnostics.format();
    const auto n = loaded.diagnostics.sorted().size();
    std::cerr << fmt::format("{} error{} in {}; nothing was run\n", n, n == 1 ? "" : "s", path);
    return nullptr;
  }
  const auto& model = *loaded.model;
  for (const auto& warning : flowsim::models::overload_warnings(model, flowsim::models::solve_traffic(model)))
    std::cerr << fmt::format("{}: warning: {}\n", path, warning);
  return loaded.model;
}

int command_validate(const std::vector<std::string>& args) {
  po::options_description options("flowsim validate SCENARIO.yaml");
  options.add_options()("help", "this text")("scenario", po::value<std::string>(), "scenario file");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(options).positional(positional).run(), vm);
  po::notify(vm);
  if (vm.count("help")) {
    std::cout << options << "\nChecks a scenario and reports every error with file, line and "
                            "column. Exit code 0 when valid, 2 when not.\n";
    return kExitOk;
  }
  if (!vm.count("scenario")) throw po::error("validate needs a scenario file");
  const std::string path = vm["scenario"].as<std::string>();
  const auto model = load_or_report(path);
  if (!model) return kExitBadInput;
  std::cout << fmt::format("{}: valid ({} units, {} arrival sources, {} patient groups)\n\n", path,
                           model->units.size(), model->sources.size(), model->groups.size());
  // The traffic equations give a first look at whether each unit can cope.
  const auto loads = flowsim::models::solve_traffic(*model);
  std::cout << fmt::format("{:<24} {:>14} {:>14} {:>10}\n", "unit", "arrivals/day", "offered load",
                           "capacity");
  for (std::size_t u = 0; u < model->units.size(); ++u) {
    const auto& unit = model->units[u];
    std::cout << fmt::format("{:<24} {:>14.2f} {:>14.1f} {:>10}\n", unit.name,
                             loads[u].arrivals_per_day, loads[u].offered_load,
                             unit.unlimited() ? std::string("unlimited")
                                              : std::to_string(unit.capacity));
  }
  return kExitOk;
}

int command_run(const std::vector<std::string>& args) {
  po::options_description options("flowsim run SCENARIO.yaml [options]");
  options.add_options()
      ("help", "this text")
      ("scenario", po::value<std::string>(), "scenario file")
      ("reps", po::value<std::uint32_t>(), "replications (overrides run.replications)")
      ("seed", po::value<std::uint64_t>(), "master random seed (overrides run.seed)")
      ("threads", po::value<unsigned>(), "worker threads (default: all cores)")
      ("out", po::value<std::string>(), "output directory (default: flowsim-out/<scenario file name>)")
      ("overwrite", "replace results already in the output directory")
      ("event-log", "also write events.csv: every patient event of replication 0")
      ("quiet", "do not print the summary");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(options).positional(positional).run(), vm);
  po::notify(vm);
  if (vm.count("help")) {
    std::cout << options
              << "\nWrites summary.csv, summary.json, replications.csv, occupancy.csv and run.json "
                 "(and events.csv with --event-log) into the output directory.\n";
    return kExitOk;
  }
  if (!vm.count("scenario")) throw po::error("run needs a scenario file");
  const std::string path = vm["scenario"].as<std::string>();
  const auto loaded = load_or_report(path);
  if (!loaded) return kExitBadInput;
  auto model = std::make_shared<flowsim::models::ModelDefinition>(*loaded);
  if (vm.count("reps")) {
    if (vm["reps"].as<std::uint32_t>() == 0) throw po::error("--reps must be at least 1");
    model->run.replications = vm["reps"].as<std::uint32_t>();
  }
  if (vm.count("seed")) model->run.seed = vm["seed"].as<std::uint64_t>();
  const unsigned threads =
      vm.count("threads") ? std::max(1U, vm["threads"].as<unsigned>())
                          : std::max(1U, std::thread::hardware_concurrency());
  const std::string out_dir = vm.count("out") ? vm["out"].as<std::string>()
                                              : (fs::path("flowsim-out") / fs::path(path).stem()).string();
  if (fs::exists(fs::path(out_dir) / "summary.csv") && !vm.count("overwrite")) {
    std::cerr << fmt::format("{} already holds results; use --overwrite to replace them, or "
                             "--out to choose another directory\n",
                             out_dir);
    return kExitBadInput;
  }

  const auto started = std::chrono::steady_clock::now();
  const auto results = flowsim::tools::run_replications(
      model, {model->run.replications, threads, vm.count("event-log") > 0});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  for (const auto& r : results)
    if (!r.flow_balanced)
      throw std::logic_error(fmt::format("flow balance broken in replication {}", r.replication));

  const std::string text = read_file(path);
  const flowsim::tools::RunInfo info{path, fmt::format("{:016x}", flowsim::sim::fnv1a64(text)),
                                     threads, seconds};
  flowsim::tools::write_run_outputs(out_dir, *model, results, info);
  if (!vm.count("quiet"))
    std::cout << flowsim::tools::format_console_summary(*model,
                                                        flowsim::tools::summarize_metrics(results));
  std::cout << fmt::format("\n{} replications in {:.2f} s on {} thread{}; results in {}/\n",
                           results.size(), seconds, threads, threads == 1 ? "" : "s", out_dir);
  return kExitOk;
}

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
    if (all[0] == "run") return command_run(rest);
    if (all[0] == "validate") return command_validate(rest);
    std::cerr << fmt::format("unknown command '{}'\n{}", all[0], kUsage);
    return kExitBadInput;
  } catch (const po::error& e) {
    std::cerr << "flowsim: " << e.what() << "\n(see flowsim " << all[0] << " --help)\n";
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "flowsim: run failed: " << e.what() << "\n";
    return kExitFailed;
  }
}
