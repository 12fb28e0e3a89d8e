// flowsim run: simulates a scenario's replications on threads and writes
// the result files (and, with --report, report.html).
#include <chrono>
#include <iostream>

#include <fmt/format.h>

#include "sim/random_stream.hpp"
#include "tools/cli/cli_support.hpp"
#include "tools/cli/commands.hpp"
#include "tools/io/console_summary.hpp"
#include "tools/io/run_outputs.hpp"
#include "tools/runner/replication_runner.hpp"

namespace flowsim::cli {

namespace po = boost::program_options;

int command_run(const std::vector<std::string>& args) {
  po::options_description options("flowsim run SCENARIO.yaml [options]");
  options.add_options()
      ("help", "this text")
      ("scenario", po::value<std::string>(), "scenario file");
  add_simulation_options(options);
  options.add_options()
      ("event-log", "also write events.csv: every patient event of replication 0")
      ("quiet", "do not print the summary");
  const auto vm = parse_command_line(args, options);
  if (vm.count("help")) {
    std::cout << options
              << "\nWrites summary.csv, summary.json, replications.csv, occupancy.csv, delayed.csv, "
                 "model.json, network.dot, scenario.yaml and run.json (and events.csv with "
                 "--event-log) into the output directory.\n";
    return kExitOk;
  }
  if (!vm.count("scenario")) throw po::error("run needs a scenario file");
  const std::string path = vm["scenario"].as<std::string>();
  const auto loaded = load_or_report(path);
  if (!loaded) return kExitBadInput;
  const auto model = with_run_overrides(*loaded, vm);
  const unsigned threads = thread_count(vm);
  const std::string out_dir = output_directory(vm, path, "");
  if (!may_write(vm, out_dir, "summary.csv")) return kExitBadInput;

  const auto started = std::chrono::steady_clock::now();
  const auto results = tools::run_replications(
      model, {model->run.replications, threads, vm.count("event-log") > 0});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  for (const auto& r : results)
    if (!r.flow_balanced)
      throw std::logic_error(fmt::format("flow balance broken in replication {}", r.replication));

  const std::string text = read_file(path);
  const tools::RunInfo info{path, fmt::format("{:016x}", sim::fnv1a64(text)), threads, seconds, text};
  tools::write_run_outputs(out_dir, *model, results, info);
  if (!vm.count("quiet"))
    std::cout << tools::format_console_summary(*model, tools::summarize_metrics(results));
  std::cout << fmt::format("\n{} replications in {:.2f} s on {} thread{}; results in {}/\n",
                           results.size(), seconds, threads, threads == 1 ? "" : "s", out_dir);
  return report_if_asked(vm, out_dir);
}

}  // namespace flowsim::cli
