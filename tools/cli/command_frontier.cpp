// flowsim frontier: the trade-off between two capacities. For each capacity
// of the first unit on a grid, the smallest capacity of the second that
// meets every target (the search of `flowsim size`).
#include <chrono>
#include <filesystem>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "tools/cli/cli_support.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/experiment_options.hpp"
#include "tools/cli/sizing_support.hpp"
#include "tools/io/sizing_outputs.hpp"

namespace flowsim::cli {

namespace po = boost::program_options;

int command_frontier(const std::vector<std::string>& args) {
  po::options_description options(
      "flowsim frontier SCENARIO.yaml --units A,B --grid LOW:HIGH:STEP --target TARGET... [options]");
  options.add_options()("help", "this text")("scenario", po::value<std::string>(), "scenario file")(
      "units", po::value<std::string>(), "A,B: capacities of A on the grid, B sized for each")(
      "grid", po::value<std::string>(), "LOW:HIGH:STEP: the capacities of A")(
      "target", po::value<std::vector<std::string>>(),
      "a target as in flowsim size (repeatable); shorthands refer to B")(
      "range", po::value<std::string>(), "LOW:HIGH: search B only in these capacities");
  add_simulation_options(options);
  const auto vm = parse_command_line(args, options);
  if (vm.count("help")) {
    std::cout << options
              << "\nWrites frontier.csv (capacity of A, smallest capacity of B met with confidence, "
                 "empty when none meets; the largest B failing with confidence; the replications "
                 "that would narrow the undecided band between them), frontier_evaluations.csv and "
                 "frontier.json. Targets, the rule for meeting them and the band are those of "
                 "flowsim size.\n";
    return kExitOk;
  }
  if (!vm.count("scenario")) throw po::error("frontier needs a scenario file");
  if (!vm.count("units")) throw po::error("frontier needs --units A,B");
  if (!vm.count("grid")) throw po::error("frontier needs --grid LOW:HIGH:STEP for the first unit");
  if (!vm.count("target")) throw po::error("frontier needs at least one --target");
  const std::string units_text = vm["units"].as<std::string>();
  const auto comma = units_text.find(',');
  if (comma == std::string::npos || units_text.find(',', comma + 1) != std::string::npos)
    throw po::error(fmt::format("--units '{}': expected two unit names, A,B", units_text));
  const std::string name_a = units_text.substr(0, comma);
  const std::string name_b = units_text.substr(comma + 1);
  const auto grid = parse_range(vm["grid"].as<std::string>(), "grid", true);
  std::optional<tools::SearchRange> range;
  if (vm.count("range")) {
    const auto r = parse_range(vm["range"].as<std::string>(), "range", false);
    range = tools::SearchRange{r.low, r.high};
  }

  const std::string path = vm["scenario"].as<std::string>();
  const auto overlays = overlay_paths(vm);
  const auto loaded = load_scenario_or_report(path, overlays);
  if (!loaded.model) return kExitBadInput;
  const auto model = with_run_overrides(*loaded.model, vm);
  const auto unit_a = find_unit_or_report(*model, name_a);
  const auto unit_b = find_unit_or_report(*model, name_b);
  if (!unit_a || !unit_b) return kExitBadInput;
  if (*unit_a == *unit_b) throw po::error("--units: A and B must be different units");
  const auto targets =
      parse_targets_or_report(vm["target"].as<std::vector<std::string>>(), *model, name_b);
  if (!targets) return kExitBadInput;
  const std::string out_dir =
      output_directory(vm, default_output_name(path, overlays) + "-frontier-" + name_a + "-" + name_b);
  if (!may_write(vm, out_dir, std::filesystem::exists(std::filesystem::path(out_dir) / "frontier.csv")))
    return kExitBadInput;

  const auto started = std::chrono::steady_clock::now();
  tools::CapacitySearch search(model, *targets, thread_count(vm),
                               print_progress(*model, *unit_b, *targets));
  std::vector<tools::FrontierPoint> points;
  std::optional<std::int64_t> previous;
  for (std::int64_t a = grid.low; a <= grid.high; a += grid.step) {
    // More of A should need no more of B: start B's search at the last answer.
    auto sized = search.size(*unit_b, {{*unit_a, a}}, range, previous);
    if (sized.capacity) previous = sized.capacity;
    sized.chosen_results.clear();  // only the curve is kept
    points.push_back({a, std::move(sized)});
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const tools::RunRecord record{
      .command = "frontier",
      .title = model->name,
      .provenance = input_provenance(path, overlays, *model, tools::command_line_text("frontier", args)),
      .run = model->run,
      .threads = thread_count(vm),
      .wall_seconds = seconds};
  tools::write_frontier_outputs(out_dir, *model, name_a, {name_b, *targets}, points, record);

  // Each row: the answer (met with confidence), the undecided capacities
  // below it and the largest failing with confidence, as `size` reports.
  const auto number = [](const std::optional<std::int64_t>& value) {
    return value ? std::to_string(*value) : std::string("-");
  };
  std::ostringstream table;
  table << fmt::format("\n{:>12} {:>12} {:>14} {:>14} {:>14}\n", name_a, name_b, "undecided",
                       "fails at or", "replications");
  table << fmt::format("{:>12} {:>12} {:>14} {:>14} {:>14}\n", "", "(met)", "", "below", "to narrow");
  for (const auto& p : points) {
    const auto& b = p.sized_b;
    const auto band = b.undecided();
    table << fmt::format(
        "{:>12} {:>12} {:>14} {:>14} {:>14}\n", p.capacity_a,
        b.capacity ? std::to_string(*b.capacity) : std::string(b.unreachable ? "unreachable" : "none"),
        band ? tools::range_text(*band) : std::string("-"), number(b.fails_with_confidence),
        number(b.replications_to_narrow(model->run.replications)));
  }
  std::cout << table.str()
            << fmt::format(
                   "(for each capacity of {}, the smallest {} meeting every target with confidence "
                   "(whole 95% CI on the good side), the undecided capacities of {} below it, the "
                   "largest failing with confidence, and the replications (now {}) that would narrow "
                   "the band to one either side; {:.1f} s; results in {}/)\n",
                   name_a, name_b, name_b, model->run.replications, seconds, out_dir);
  return report_if_asked(vm, out_dir);
}

}  // namespace flowsim::cli
