// flowsim run: simulates a scenario's replications on threads (and on MPI
// ranks under mpirun) and writes the result files from the root rank.
//
// A fixed number of replications goes through the work-item runner, shared
// across MPI ranks when there are several, with a progress bar; --precision
// and --warmup auto go through tools::run_experiment, in one process only
// (under mpirun with more than one process they are refused, exit 2: their
// rounds of replications would need every rank to agree after each round).
// Ctrl-C / SIGTERM stop a single-process run cleanly (the finished
// replications are written); under mpirun a signal takes its default action
// and nothing is written, since only the root writes, all at once.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <set>

#include <fmt/format.h>

#include "models/run_estimate.hpp"
#include "models/traffic.hpp"
#include "tools/cli/cli_support.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/experiment_options.hpp"
#include "tools/io/calibration.hpp"
#include "tools/io/console_summary.hpp"
#include "tools/io/progress.hpp"
#include "tools/io/run_outputs.hpp"
#include "tools/parallel/group_runner.hpp"
#include "tools/runner/interrupt_watcher.hpp"
#include "tools/runner/replication_runner.hpp"

namespace flowsim::cli {

namespace po = boost::program_options;

namespace {

// --event-log: plain means replication 0; otherwise a comma-separated list
// of replication indices ("0,3,7"), each below 'replications'.
std::set<std::uint32_t> logged_replications(const po::variables_map& vm, std::uint32_t replications) {
  if (!vm.count("event-log")) return {};
  const auto text = vm["event-log"].as<std::string>();
  std::set<std::uint32_t> chosen;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    std::uint32_t index = 0;
    const char* first = text.data() + start;
    const char* last = text.data() + comma;
    const auto [end, error] = std::from_chars(first, last, index);
    if (first == last || error != std::errc() || end != last)
      throw po::error(
          fmt::format("--event-log '{}': expected replication numbers separated by "
                      "commas, such as 0,3,7",
                      text));
    if (index >= replications)
      throw po::error(
          fmt::format("--event-log: replication {} does not exist (replications are "
                      "numbered 0 to {})",
                      index, replications == 0 ? 0 : replications - 1));
    chosen.insert(index);
    start = comma + 1;
  }
  return chosen;
}

// An event log is written whole at the end: say how big before the run
// starts, so a user can stop it (about 130 MB for one R1 replication).
constexpr double kLargeEventLogBytes = 100e6;
void warn_of_large_event_log(const models::ModelDefinition& model,
                             const models::RunEstimateOptions& options) {
  if (options.logged_replications == 0) return;
  const auto estimate = models::estimate_run(model, models::solve_traffic(model), options);
  if (!(estimate.event_log_bytes >= kLargeEventLogBytes)) return;
  std::cerr << fmt::format(
      "flowsim: warning: events.csv will be about {} ({} replication{} of about {:.3g} events "
      "each, held in memory until the run ends)\n",
      models::format_bytes(estimate.event_log_bytes), options.logged_replications,
      options.logged_replications == 1 ? "" : "s", estimate.logged_events_per_replication);
}

// The scenario's own replications, dealt to the ranks of 'group' (exactly
// run_work_items in one process). The root gets the outcome; after a stop it
// holds the replications that finished, in index order.
tools::ExperimentOutcome run_fixed(const tools::ProcessGroup& group,
                                   const std::shared_ptr<const models::ModelDefinition>& model,
                                   const tools::ExperimentSettings& settings,
                                   const std::set<std::uint32_t>& logged) {
  const auto started = std::chrono::steady_clock::now();
  std::vector<tools::WorkItem> items;
  for (std::uint32_t r = 0; r < model->run.replications; ++r)
    items.push_back({model, r, logged.count(r) > 0});
  // Under MPI the bar shows the root's own share: other ranks report only at the end.
  const auto share = tools::items_of_rank(items.size(), group.rank(), group.size()).size();
  std::uint64_t done = 0;
  std::vector<char> finished(items.size(), 0);
  tools::ProgressBar progress(group.size() == 1 ? "replications" : "replications on rank 0", share, 0,
                              group.is_root());
  const auto on_finished = [&](std::size_t i, const auto&) {
    finished[i] = 1;
    progress.update(++done);
  };
  auto all = group.size() == 1
                 ? tools::run_work_items(items, settings.threads, on_finished, settings.stop)
                 : tools::run_across_group(group, items, settings.threads, on_finished);
  progress.finish();
  tools::ExperimentOutcome outcome;
  outcome.models = {model};
  outcome.results.resize(1);
  if (!group.is_root()) return outcome;
  const bool stopped = group.size() == 1 && settings.stop.stop_requested();
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (stopped && finished[i] == 0) continue;  // interrupted or never started: discarded
    if (!all[i].flow_balanced)
      throw std::logic_error(fmt::format("flow balance broken in replication {}", all[i].replication));
    outcome.results.front().push_back(std::move(all[i]));
  }
  outcome.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return outcome;
}

}  // namespace

int command_run(const std::vector<std::string>& args) {
  const auto& group = tools::ProcessGroup::world();
  const tools::RootSpeaksOnly quiet_ranks(group);
  po::options_description options("flowsim run SCENARIO.yaml [options]");
  options.add_options()("help", "this text")("scenario", po::value<std::string>(), "scenario file")(
      "out", po::value<std::string>(),
      "output directory (default: flowsim-out/<scenario file name>, then +<overlay file name> "
      "for each --with)")("overwrite", "replace results already in the output directory")(
      "force", "run even when the estimated work, memory or output exceeds the limits")(
      "series",
      "also write series.csv: every replication's daily census, peak, delayed and "
      "waiting per unit")(
      "event-log", po::value<std::string>()->implicit_value("0"),
      "also write events.csv: every patient event of replication 0, or of the replications "
      "listed (--event-log=0,3,7)")("quiet", "do not print the summary");
  add_report_option(options);
  add_overlay_option(options);
  add_experiment_options(options);
  const auto vm = parse_command_line(args, options);
  if (vm.count("help")) {
    std::cout << options
              << "\nExit codes: 0 done, 1 the run failed (or --report could not write the report), "
                 "2 bad input or refused (see --force), 130 or 143 stopped by Ctrl-C or SIGTERM "
                 "(the finished replications are written).\n"
              << "\nWrites summary.csv, summary.json, replications.csv, occupancy.csv, "
                 "occupancy_distribution.csv, delayed.csv, "
                 "model.json, network.dot, scenario.yaml and run.json (and series.csv with "
                 "--series, events.csv with --event-log, warmup.csv with --warmup auto, report.html "
                 "with --report) into the "
                 "output directory.\n";
    return kExitOk;
  }
  if (!vm.count("scenario") && vm.count("event-log"))  // "run --event-log FILE.yaml"
    throw po::error(
        fmt::format("run needs a scenario file (--event-log took '{}' as the "
                    "replications to log: put the scenario file first, or write "
                    "--event-log=0)",
                    vm["event-log"].as<std::string>()));
  if (!vm.count("scenario")) throw po::error("run needs a scenario file");
  auto settings = experiment_settings(vm);
  const std::string path = vm["scenario"].as<std::string>();
  const auto overlays = overlay_paths(vm);
  const auto loaded = load_scenario_or_report(path, overlays);
  if (!loaded.model) return kExitBadInput;
  const auto model = with_run_overrides(*loaded.model, vm);
  if (!report_experiment_problems({model}, settings)) return kExitBadInput;
  const bool fixed = !settings.precision && !settings.auto_warmup;
  const auto logged = logged_replications(vm, model->run.replications);
  settings.log_first_replication = logged.count(0) > 0;
  if (!fixed && logged.size() > (settings.log_first_replication ? 1U : 0U)) {
    std::cerr << "flowsim run: with --precision or --warmup auto, --event-log logs replication 0 "
                 "only; give a fixed --reps and --warmup DAYS to log others\n";
    return kExitBadInput;
  }
  if (!fixed && group.size() > 1) {
    std::cerr << "flowsim run: --precision and --warmup auto run in one process only; run "
                 "without mpirun (or with -np 1), or give a fixed --reps and --warmup DAYS\n";
    return kExitBadInput;
  }
  // Every rank sees the same files on a shared file system, but only the
  // root writes, so only its view matters; all ranks reach the same verdict.
  const std::string default_name = default_output_name(path, overlays);
  const std::string out_dir = output_directory(vm, default_name);
  if (!may_write(vm, out_dir, tools::holds_results(out_dir))) return kExitBadInput;

  const models::RunEstimateOptions estimate_options{model->run.replications, settings.threads,
                                                    static_cast<std::uint32_t>(logged.size()),
                                                    vm.count("series") > 0};
  if (!within_limits(*model, estimate_options, vm.count("force") > 0)) return kExitBadInput;
  warn_of_large_event_log(*model, estimate_options);

  tools::ExperimentOutcome outcome;
  int interrupted_by = 0;
  if (group.size() > 1) {
    outcome = run_fixed(group, model, settings, logged);
    if (!group.is_root()) return kExitOk;
  } else {
    // Only while simulating: a signal during writing takes its default
    // action, and the staged writing leaves all result files or none.
    const tools::InterruptWatcher interrupts;
    settings.stop = interrupts.token();
    try {
      outcome = fixed ? run_fixed(group, model, settings, logged)
                      : tools::run_experiment({model}, {default_name}, settings);
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
    std::cerr << fmt::format(
        "flowsim: interrupted by signal {} before any replication finished; "
        "nothing was written\n",
        interrupted_by);
    return kExitInterruptedBase + interrupted_by;
  }
  auto info = run_info(path, loaded, settings.threads, outcome.wall_seconds,
                       tools::command_line_text("run", args));
  info.replications_requested = run_model.run.replications;
  info.interrupted = interrupted_by != 0;
  info.experiment = tools::experiment_manifest(outcome);
  info.processes = static_cast<unsigned>(group.size());
  info.series = vm.count("series") > 0;
  if (outcome.warmup) info.extra_files.push_back({"warmup.csv", outcome.warmup->series_csv});
  tools::write_run_outputs(out_dir, run_model, results, info);
  if (!vm.count("quiet")) {
    const auto summaries = tools::summarize_metrics(results);
    std::cout << tools::format_console_summary(run_model, summaries,
                                               tools::find_gridlocked(run_model, results))
              << tools::format_period_table(run_model, tools::summarize_periods(run_model, results))
              << tools::format_calibration_table(tools::calibrate(run_model, summaries));
  }
  const std::string notes = tools::experiment_notes(outcome);
  if (!notes.empty()) std::cout << "\n" << notes;
  const std::string ranks =
      group.size() == 1 ? "" : fmt::format(" in each of {} MPI processes", group.size());
  std::cout << fmt::format("\n{} replications in {:.2f} s on {} thread{}{}; results in {}/\n",
                           results.size(), outcome.wall_seconds, settings.threads,
                           settings.threads == 1 ? "" : "s", ranks, out_dir);
  if (interrupted_by != 0) {
    std::cerr << fmt::format(
        "flowsim: interrupted by signal {}: {} of {} replications finished "
        "and were written; the rest were discarded\n",
        interrupted_by, results.size(), run_model.run.replications);
    return kExitInterruptedBase + interrupted_by;
  }
  return report_if_asked(vm, out_dir);
}

}  // namespace flowsim::cli
