// flowsim run: simulates a scenario's replications on threads and writes
// the result files.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <thread>

#include <fmt/format.h>

#include "sim/random_stream.hpp"
#include "tools/cli/cli_support.hpp"
#include "tools/cli/commands.hpp"
#include "tools/io/console_summary.hpp"
#include "tools/io/run_outputs.hpp"
#include "tools/runner/interrupt_watcher.hpp"
#include "tools/runner/replication_runner.hpp"

namespace flowsim::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;

int command_run(const std::vector<std::string>& args) {
  po::options_description options("flowsim run SCENARIO.yaml [options]");
  options.add_options()
      ("help", "this text")
      ("scenario", po::value<std::string>(), "scenario file")
      ("reps", po::value<std::uint32_t>(), "replications (overrides run.replications)")
      ("seed", po::value<std::uint64_t>(), "master random seed (overrides run.seed)")
      ("threads", po::value<unsigned>(), "worker threads (default: all cores)")
      ("out", po::value<std::string>(),
       "output directory (default: flowsim-out/<scenario file name>, then +<overlay file name> "
       "for each --with)")
      ("overwrite", "replace results already in the output directory")
      ("force", "run even when the estimated work, memory or output exceeds the limits")
      ("event-log", "also write events.csv: every patient event of replication 0")
      ("quiet", "do not print the summary");
  add_overlay_option(options);
  const auto vm = parse_command_line(args, options);
  if (vm.count("help")) {
    std::cout << options
              << "\nExit codes: 0 done, 1 the run failed, 2 bad input or refused (see --force), "
                 "130 or 143 stopped by Ctrl-C or SIGTERM (the finished replications are "
                 "written).\n"
              << "\nWrites summary.csv, summary.json, replications.csv, occupancy.csv and run.json "
                 "(and events.csv with --event-log) into the output directory.\n";
    return kExitOk;
  }
  if (!vm.count("scenario")) throw po::error("run needs a scenario file");
  const std::string path = vm["scenario"].as<std::string>();
  const auto overlays = overlay_paths(vm);
  const auto loaded = load_scenario_or_report(path, overlays);
  if (!loaded.model) return kExitBadInput;
  auto model = std::make_shared<flowsim::models::ModelDefinition>(*loaded.model);
  if (vm.count("reps")) {
    if (vm["reps"].as<std::uint32_t>() == 0) throw po::error("--reps must be at least 1");
    model->run.replications = vm["reps"].as<std::uint32_t>();
  }
  if (vm.count("seed")) model->run.seed = vm["seed"].as<std::uint64_t>();
  const unsigned threads =
      vm.count("threads") ? std::max(1U, vm["threads"].as<unsigned>())
                          : std::max(1U, std::thread::hardware_concurrency());
  // With overlays, the default directory names them too, so that a variant
  // never lands on the base scenario's results.
  std::string default_name = fs::path(path).stem().string();
  for (const auto& overlay : overlays)
    default_name += fmt::format("+{}", fs::path(overlay).stem().string());
  const std::string out_dir = vm.count("out") ? vm["out"].as<std::string>()
                                              : (fs::path("flowsim-out") / default_name).string();
  if (tools::holds_results(out_dir) && !vm.count("overwrite")) {
    std::cerr << fmt::format("{} already holds results; use --overwrite to replace them, or "
                             "--out to choose another directory\n",
                             out_dir);
    return kExitBadInput;
  }

  if (!within_limits(*model, {model->run.replications, threads, vm.count("event-log") > 0},
                     vm.count("force") > 0))
    return kExitBadInput;

  const auto started = std::chrono::steady_clock::now();
  std::vector<models::ReplicationResult> results;
  int interrupted_by = 0;
  {
    // Only while simulating: a signal during writing takes its default
    // action, and the staged writing leaves all result files or none.
    const tools::InterruptWatcher interrupts;
    results = tools::run_replications(model, {model->run.replications, threads,
                                              vm.count("event-log") > 0, interrupts.token()});
    interrupted_by = interrupts.signal_received();
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (interrupted_by != 0 && results.empty()) {
    std::cerr << fmt::format("flowsim: interrupted by signal {} before any replication finished; "
                             "nothing was written\n",
                             interrupted_by);
    return kExitInterruptedBase + interrupted_by;
  }
  for (const auto& r : results)
    if (!r.flow_balanced)
      throw std::logic_error(fmt::format("flow balance broken in replication {}", r.replication));

  const std::string text = read_file(path);
  tools::RunInfo info{path,    fmt::format("{:016x}", sim::fnv1a64(text)),
                      {},      threads,
                      seconds, model->run.replications,
                      interrupted_by != 0};
  for (const auto& overlay : loaded.effective.overlays)
    info.overlays.push_back({overlay.file_name, overlay.name, overlay.hash});
  tools::write_run_outputs(out_dir, *model, results, info);
  if (!vm.count("quiet"))
    std::cout << tools::format_console_summary(*model,
                                                        tools::summarize_metrics(results));
  std::cout << fmt::format("\n{} replications in {:.2f} s on {} thread{}; results in {}/\n",
                           results.size(), seconds, threads, threads == 1 ? "" : "s", out_dir);
  if (interrupted_by != 0) {
    std::cerr << fmt::format("flowsim: interrupted by signal {}: {} of {} replications finished "
                             "and were written; the rest were discarded\n",
                             interrupted_by, results.size(), model->run.replications);
    return kExitInterruptedBase + interrupted_by;
  }
  return kExitOk;
}

}  // namespace flowsim::cli
