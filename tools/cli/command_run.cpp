// flowsim run: simulates a scenario's replications on threads and writes
// the result files.
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "sim/random_stream.hpp"
#include "tools/cli/cli_support.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/experiment_options.hpp"
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
      ("out", po::value<std::string>(),
       "output directory (default: flowsim-out/<scenario file name>, then +<overlay file name> "
       "for each --with)")
      ("overwrite", "replace results already in the output directory")
      ("force", "run even when the estimated work, memory or output exceeds the limits")
      ("event-log", "also write events.csv: every patient event of replication 0")
      ("quiet", "do not print the summary");
  add_overlay_option(options);
  add_experiment_options(options);
  const auto vm = parse_command_line(args, options);
  if (vm.count("help")) {
    std::cout << options
              << "\nExit codes: 0 done, 1 the run failed, 2 bad input or refused (see --force), "
                 "130 or 143 stopped by Ctrl-C or SIGTERM (the finished replications are "
                 "written).\n"
              << "\nWrites summary.csv, summary.json, replications.csv, occupancy.csv and run.json "
                 "(and events.csv with --event-log, warmup.csv with --warmup auto) into the output "
                 "directory.\n";
    return kExitOk;
  }
  if (!vm.count("scenario")) throw po::error("run needs a scenario file");
  auto settings = experiment_settings(vm);
  settings.log_first_replication = vm.count("event-log") > 0;
  const std::string path = vm["scenario"].as<std::string>();
  const auto overlays = overlay_paths(vm);
  const auto loaded = load_scenario_or_report(path, overlays);
  if (!loaded.model) return kExitBadInput;
  const auto model = with_run_overrides(*loaded.model, vm);
  if (!report_experiment_problems({model}, settings)) return kExitBadInput;
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

  if (!within_limits(*model, {model->run.replications, settings.threads,
                              settings.log_first_replication},
                     vm.count("force") > 0))
    return kExitBadInput;

  tools::ExperimentOutcome outcome;
  int interrupted_by = 0;
  {
    // Only while simulating: a signal during writing takes its default
    // action, and the staged writing leaves all result files or none.
    const tools::InterruptWatcher interrupts;
    settings.stop = interrupts.token();
    try {
      outcome = tools::run_experiment({model}, {default_name}, settings);
    } catch (const tools::RunInterrupted& e) {
      std::cerr << fmt::format("flowsim: interrupted by signal {} ({}); nothing was written\n",
                               interrupts.signal_received(), e.what());
      return kExitInterruptedBase + interrupts.signal_received();
    }
    interrupted_by = interrupts.signal_received();
  }
  const auto& run_model = *outcome.models.front();
  const auto& results = outcome.results.front();
  if (interrupted_by != 0 && results.empty()) {
    std::cerr << fmt::format("flowsim: interrupted by signal {} before any replication finished; "
                             "nothing was written\n",
                             interrupted_by);
    return kExitInterruptedBase + interrupted_by;
  }
  const std::string text = read_file(path);
  tools::RunInfo info{path,
                      fmt::format("{:016x}", sim::fnv1a64(text)),
                      {},
                      settings.threads,
                      outcome.wall_seconds,
                      run_model.run.replications,
                      interrupted_by != 0,
                      tools::experiment_manifest(outcome),
                      {}};
  for (const auto& overlay : loaded.effective.overlays)
    info.overlays.push_back({overlay.file_name, overlay.name, overlay.hash});
  if (outcome.warmup) info.extra_files.push_back({"warmup.csv", outcome.warmup->series_csv});
  tools::write_run_outputs(out_dir, run_model, results, info);
  if (!vm.count("quiet"))
    std::cout << tools::format_console_summary(run_model, tools::summarize_metrics(results));
  const std::string notes = tools::experiment_notes(outcome);
  if (!notes.empty()) std::cout << "\n" << notes;
  std::cout << fmt::format("\n{} replications in {:.2f} s on {} thread{}; results in {}/\n",
                           results.size(), outcome.wall_seconds, settings.threads,
                           settings.threads == 1 ? "" : "s", out_dir);
  if (interrupted_by != 0) {
    std::cerr << fmt::format("flowsim: interrupted by signal {}: {} of {} replications finished "
                             "and were written; the rest were discarded\n",
                             interrupted_by, results.size(), run_model.run.replications);
    return kExitInterruptedBase + interrupted_by;
  }
  return kExitOk;
}

}  // namespace flowsim::cli
