// flowsim size: the smallest capacity of one unit that meets every target,
// by simulation on common random numbers, bracketed by the Erlang estimate.
#include <chrono>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "tools/cli/cli_support.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/experiment_options.hpp"
#include "tools/cli/sizing_support.hpp"
#include "tools/io/run_outputs.hpp"
#include "tools/io/sizing_outputs.hpp"

namespace flowsim::cli {

namespace po = boost::program_options;

int command_size(const std::vector<std::string>& args) {
  po::options_description options("flowsim size SCENARIO.yaml --unit UNIT --target TARGET... [options]");
  options.add_options()("help", "this text")("scenario", po::value<std::string>(), "scenario file")(
      "unit", po::value<std::string>(), "the unit to size")(
      "target", po::value<std::vector<std::string>>(),
      "a target, e.g. \"occupancy.p95 <= 0.92\" (repeatable)")("range", po::value<std::string>(),
                                                               "LOW:HIGH: search only these capacities");
  add_simulation_options(options);
  const auto vm = parse_command_line(args, options);
  if (vm.count("help")) {
    std::cout << options << R"(
Targets: METRIC <= NUMBER or METRIC >= NUMBER (NUMBER may end in %). METRIC is
a name from summary.csv, or a shorthand: occupancy.p95 (unit.UNIT.utilisation_p95),
occupancy.mean (unit.UNIT.utilisation), ae.MEASURE (the scenario's A&E unit),
or MEASURE (unit.UNIT.MEASURE, e.g. p_wait, time_at_or_above_92pct,
midnight_occupancy_p95, midnight_days_at_or_above_92pct).
Shares and ratios to capacity (p_wait, time_at_or_above_92pct, occupancy.p95,
...) are fractions: write 0.1 or 10%, not 10.
A target is met with confidence when its whole 95% confidence interval is on
the good side, and fails with confidence when it is wholly on the bad side.
The answer is the smallest capacity meeting every target with confidence;
the search also finds the largest that fails with confidence, and reports
the undecided band between them and the replications that would narrow it.
Without --range the search widens by itself until the targets are met or a
metric stops improving (exit code 1, naming the metric and its limit).
Every capacity runs the full replications with the same seed (common random
numbers). Writes size.csv (capacity, metric, mean, CI, met, verdict),
size.json and the usual result files of the chosen capacity into the output
directory.
)";
    return kExitOk;
  }
  if (!vm.count("scenario")) throw po::error("size needs a scenario file");
  if (!vm.count("unit")) throw po::error("size needs --unit");
  if (!vm.count("target")) throw po::error("size needs at least one --target");
  const std::string path = vm["scenario"].as<std::string>();
  const auto overlays = overlay_paths(vm);
  const auto loaded = load_scenario_or_report(path, overlays);
  if (!loaded.model) return kExitBadInput;
  const auto model = with_run_overrides(*loaded.model, vm);
  const std::string unit_name = vm["unit"].as<std::string>();
  const auto unit = find_unit_or_report(*model, unit_name);
  if (!unit) return kExitBadInput;
  const auto targets =
      parse_targets_or_report(vm["target"].as<std::vector<std::string>>(), *model, unit_name);
  if (!targets) return kExitBadInput;
  std::optional<tools::SearchRange> range;
  if (vm.count("range")) {
    const auto r = parse_range(vm["range"].as<std::string>(), "range", false);
    range = tools::SearchRange{r.low, r.high};
  }
  const std::string out_dir =
      output_directory(vm, default_output_name(path, overlays) + "-size-" + unit_name);
  if (!may_write(vm, out_dir, std::filesystem::exists(std::filesystem::path(out_dir) / "size.csv")))
    return kExitBadInput;

  const unsigned threads = thread_count(vm);
  const auto started = std::chrono::steady_clock::now();
  tools::CapacitySearch search(model, *targets, threads, print_progress(*model, *unit, *targets));
  const tools::SizeResult result = search.size(*unit, {}, range);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  const std::string command_line = tools::command_line_text("size", args);
  tools::write_size_outputs(out_dir, *model, {unit_name, *targets}, result,
                            input_provenance(path, overlays, *model, command_line));
  if (result.capacity) {
    const auto chosen = tools::with_capacities(*model, {{*unit, *result.capacity}});
    tools::write_run_outputs(out_dir, *chosen, result.chosen_results,
                             run_info(path, loaded, threads, seconds, command_line));
  }
  std::cout << fmt::format(
      "\n{} capacities simulated ({} replications each) in {:.1f} s; Erlang first "
      "estimate {}, stability limit {}\n",
      result.evaluations.size(), model->run.replications, seconds,
      result.analytic_estimate ? std::to_string(*result.analytic_estimate) : "none",
      result.minimum_stable);
  if (!result.capacity) {
    if (result.unreachable) {
      const auto& stuck = *result.unreachable;
      const auto& target = (*targets)[stuck.target];
      std::cout << fmt::format(
          "no capacity of {} can meet '{}': from {} on, {} never fills, and {} {} {:.4g} (95% CI {:.4g} "
          "to {:.4g}){}, so something else must change\n",
          unit_name, target.text, stuck.capacity, unit_name, target.metric,
          stuck.beyond_peak ? "is still short of the target at" : "stops at", stuck.limit.mean,
          stuck.limit.low(), stuck.limit.high(),
          stuck.beyond_peak ? fmt::format(" with more than {:g} times the most {} ever held",
                                          tools::kMostCapacityOverPeak, unit_name)
                            : std::string(" however much capacity is added"));
    } else if (range) {
      std::cout << fmt::format(
          "no capacity of {} in the range {}:{} meets every target; widen --range, or "
          "leave it out and the search widens by itself\n",
          unit_name, range->low, range->high);
    }
    std::cout << fmt::format("results in {}/\n", out_dir);
    return kExitFailed;
  }
  std::cout << describe_band(result, unit_name, model->run.replications);
  std::cout << fmt::format(
      "smallest capacity of {} meeting every target with confidence: {} (now {}); results "
      "in {}/\n",
      unit_name, *result.capacity,
      model->units[*unit].unlimited() ? std::string("unlimited")
                                      : std::to_string(model->units[*unit].capacity),
      out_dir);
  return report_if_asked(vm, out_dir);
}

}  // namespace flowsim::cli
