// flowsim run: simulates a scenario's replications on threads and writes
// the result files (and, with --report, report.html).
#include <iostream>

#include <fmt/format.h>

#include "tools/cli/cli_support.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/experiment_options.hpp"
#include "tools/io/console_summary.hpp"
#include "tools/io/run_outputs.hpp"
#include "tools/runner/interrupt_watcher.hpp"
#include "tools/runner/replication_runner.hpp"

namespace flowsim::cli {

namespace po = boost::program_options;

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
  add_report_option(options);
  add_overlay_option(options);
  add_experiment_options(options);
  const auto vm = parse_command_line(args, options);
  if (vm.count("help")) {
    std::cout << options
              << "\nExit codes: 0 done, 1 the run failed (or --report could not write the report), "
                 "2 bad input or refused (see --force), 130 or 143 stopped by Ctrl-C or SIGTERM "
                 "(the finished replications are written).\n"
              << "\nWrites summary.csv, summary.json, replications.csv, occupancy.csv, delayed.csv, "
                 "model.json, network.dot, scenario.yaml and run.json (and events.csv with "
                 "--event-log, warmup.csv with --warmup auto, report.html with --report) into the "
                 "output directory.\n";
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
  const std::string default_name = default_output_name(path, overlays);
  const std::string out_dir = output_directory(vm, default_name);
  if (!may_write(vm, out_dir, tools::holds_results(out_dir))) return kExitBadInput;

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
  auto info = run_info(path, loaded, settings.threads, outcome.wall_seconds);
  info.replications_requested = run_model.run.replications;
  info.interrupted = interrupted_by != 0;
  info.experiment = tools::experiment_manifest(outcome);
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
  return report_if_asked(vm, out_dir);
}

}  // namespace flowsim::cli
