// flowsim run: simulates a scenario's replications on threads (and on MPI
// ranks under mpirun) and writes the result files from the root rank.
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
#include "tools/io/progress.hpp"
#include "tools/io/run_outputs.hpp"
#include "tools/parallel/group_runner.hpp"

namespace flowsim::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;

int command_run(const std::vector<std::string>& args) {
  const auto& group = tools::ProcessGroup::world();
  const tools::RootSpeaksOnly quiet_ranks(group);
  po::options_description options("flowsim run SCENARIO.yaml [options]");
  options.add_options()
      ("help", "this text")
      ("scenario", po::value<std::string>(), "scenario file")
      ("reps", po::value<std::uint32_t>(), "replications (overrides run.replications)")
      ("seed", po::value<std::uint64_t>(), "master random seed (overrides run.seed)")
      ("threads", po::value<unsigned>(), "worker threads per process (default: all cores)")
      ("out", po::value<std::string>(),
       "output directory (default: flowsim-out/<scenario file name>, then +<overlay file name> "
       "for each --with)")
      ("overwrite", "replace results already in the output directory")
      ("event-log", "also write events.csv: every patient event of replication 0")
      ("quiet", "do not print the summary");
  add_overlay_option(options);
  const auto vm = parse_command_line(args, options);
  if (vm.count("help")) {
    std::cout << options
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
  // Every rank sees the same files on a shared file system, but only the
  // root writes, so only its view matters; all ranks reach the same verdict.
  if (fs::exists(fs::path(out_dir) / "summary.csv") && !vm.count("overwrite")) {
    std::cerr << fmt::format("{} already holds results; use --overwrite to replace them, or "
                             "--out to choose another directory\n",
                             out_dir);
    return kExitBadInput;
  }

  const auto started = std::chrono::steady_clock::now();
  std::vector<tools::WorkItem> items;
  for (std::uint32_t r = 0; r < model->run.replications; ++r)
    items.push_back({model, r, vm.count("event-log") > 0 && r == 0});
  // Under MPI the bar shows the root's own share: other ranks report only at the end.
  const auto share = tools::items_of_rank(items.size(), group.rank(), group.size()).size();
  std::uint64_t done = 0;
  tools::ProgressBar progress(group.size() == 1 ? "replications" : "replications on rank 0",
                              share, 0, group.is_root());
  const auto results = tools::run_across_group(
      group, items, threads, [&](std::size_t, const auto&) { progress.update(++done); });
  progress.finish();
  if (!group.is_root()) return kExitOk;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  for (const auto& r : results)
    if (!r.flow_balanced)
      throw std::logic_error(fmt::format("flow balance broken in replication {}", r.replication));

  const std::string text = read_file(path);
  tools::RunInfo info{path, fmt::format("{:016x}", sim::fnv1a64(text)), {}, threads, seconds,
                      static_cast<unsigned>(group.size())};
  for (const auto& overlay : loaded.effective.overlays)
    info.overlays.push_back({overlay.file_name, overlay.name, overlay.hash});
  tools::write_run_outputs(out_dir, *model, results, info);
  if (!vm.count("quiet"))
    std::cout << tools::format_console_summary(*model,
                                                        tools::summarize_metrics(results));
  const std::string ranks =
      group.size() == 1 ? "" : fmt::format(" in each of {} MPI processes", group.size());
  std::cout << fmt::format("\n{} replications in {:.2f} s on {} thread{}{}; results in {}/\n",
                           results.size(), seconds, threads, threads == 1 ? "" : "s", ranks,
                           out_dir);
  return kExitOk;
}

}  // namespace flowsim::cli
