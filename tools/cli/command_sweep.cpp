// flowsim sweep: runs every point of a sweep with R replications, keeping
// each finished replication in an SQLite store (resumable with --resume),
// and writes the tidy results and per-point summaries from the store. Under
// mpirun the (point, replication) items are shared across ranks and rank 0
// stores and writes everything.
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "models/scenario/overlay.hpp"
#include "sim/random_stream.hpp"
#include "tools/cli/cli_support.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/experiment_options.hpp"
#include "tools/cli/sizing_support.hpp"
#include "tools/io/model_description.hpp"
#include "tools/io/progress.hpp"
#include "tools/io/run_outputs.hpp"
#include "tools/io/staged_files.hpp"
#include "tools/parallel/group_runner.hpp"
#include "tools/provenance/run_record.hpp"
#include "tools/sweep/point_scenario.hpp"
#include "tools/sweep/sweep_outputs.hpp"
#include "tools/sweep/sweep_store.hpp"
#include "tools/sweep/sweep_targets.hpp"

namespace flowsim::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;
using models::ModelDefinition;

namespace {

// Items per rank and thread in one batch: large enough that the batch's
// barrier (threads idle while the last items finish) costs little, small
// enough to bound the results held in memory and, under MPI, the other
// ranks' results a killed sweep loses (the root stores its own as they
// finish, so a single process loses only the replications running).
constexpr std::size_t kItemsPerWorkerAlone = 64;
constexpr std::size_t kItemsPerWorkerMpi = 16;

struct SweepPlan {
  sweep::SweepDefinition definition;
  std::vector<sweep::SweepPoint> points;
  std::vector<std::shared_ptr<const ModelDefinition>> models;  // one per point
  std::vector<scenario::OverlayText> variant;                  // --with overlays, applied to every point
  std::uint32_t replications = 1;
  std::uint64_t seed = 0;
  std::string title;        // the base scenario's name + each overlay's name
  models::RunSettings run;  // the base scenario's, for run.json
};

// "name=value, name=value" for messages.
std::string describe_point(const sweep::SweepDefinition& definition, const sweep::SweepPoint& point) {
  std::string text;
  for (std::size_t i = 0; i < definition.parameters.size(); ++i)
    text +=
        fmt::format("{}{}={}", i == 0 ? "" : ", ", definition.parameters[i].name, point.values[i].text);
  return text;
}

// Loads the sweep, its base scenario and every point's scenario; reports
// every error and returns false when anything is invalid.
bool plan_sweep(const std::string& path, const po::variables_map& vm, SweepPlan& plan) {
  auto loaded = sweep::load_sweep_file(path);
  if (!loaded.sweep) {
    std::cerr << loaded.diagnostics.format();
    std::cerr << fmt::format("errors in {}; nothing was run\n", path);
    return false;
  }
  plan.definition = std::move(*loaded.sweep);
  const auto& definition = plan.definition;
  scenario::Diagnostics unreadable;
  plan.variant = scenario::read_overlay_files(overlay_paths(vm), unreadable);
  if (unreadable.has_errors()) {
    std::cerr << unreadable.format();
    return false;
  }
  const auto base = scenario::load_scenario_text_with_overlays(definition.scenario_text,
                                                               definition.scenario_file, plan.variant);
  if (!base.ok()) {
    std::cerr << base.diagnostics.format();
    std::cerr << fmt::format("errors in the base scenario {}; nothing was run\n",
                             describe_input(definition.scenario_file, overlay_paths(vm)));
    return false;
  }
  std::vector<std::string> overlay_names;
  for (const auto& overlay :
       scenario::apply_overlays(definition.scenario_text, definition.scenario_file, plan.variant)
           .overlays)
    overlay_names.push_back(overlay.name);
  plan.title = tools::scenario_title(base.model->name, overlay_names);
  plan.run = base.model->run;
  plan.replications = vm.count("reps") ? vm["reps"].as<std::uint32_t>()
                                       : definition.replications.value_or(base.model->run.replications);
  if (plan.replications == 0) throw po::error("--reps must be at least 1");
  plan.seed =
      vm.count("seed") ? vm["seed"].as<std::uint64_t>() : definition.seed.value_or(base.model->run.seed);

  plan.points = sweep::sweep_points(definition, plan.seed);
  std::size_t bad_points = 0;
  for (std::size_t i = 0; i < plan.points.size(); ++i) {
    const auto point = sweep::load_point_scenario(definition, plan.points[i], i, plan.variant);
    if (!point.ok()) {
      if (bad_points++ < 3)
        std::cerr << fmt::format("{}: point {} ({}) is invalid:\n{}", path, i,
                                 describe_point(definition, plan.points[i]), point.diagnostics.format());
      continue;
    }
    auto model = std::make_shared<ModelDefinition>(*point.model);
    model->run.replications = plan.replications;
    model->run.seed = plan.seed;
    plan.models.push_back(std::move(model));
  }
  if (bad_points > 0) {
    std::cerr << fmt::format(
        "{} of {} sweep points are invalid (errors of the first {} shown); "
        "nothing was run\n",
        bad_points, plan.points.size(), std::min<std::size_t>(bad_points, 3));
    return false;
  }
  return true;
}

// What identifies a sweep's results: --resume refuses a store made for
// anything else.
std::map<std::string, std::string> identity(const SweepPlan& plan) {
  std::string scenario = plan.definition.scenario_text;
  for (const auto& overlay : plan.variant) scenario += "\n# --with\n" + overlay.text;
  std::string points;
  for (std::size_t i = 0; i < plan.points.size(); ++i)
    points += sweep::point_overlay_yaml(plan.definition, plan.points[i], i);
  return {{"flowsim_version", tools::flowsim_version()},
          {"scenario_hash_fnv1a64", fmt::format("{:016x}", sim::fnv1a64(scenario))},
          {"sweep_hash_fnv1a64", fmt::format("{:016x}", sim::fnv1a64(points))},
          {"seed", std::to_string(plan.seed)},
          {"replications", std::to_string(plan.replications)},
          {"points", std::to_string(plan.points.size())}};
}

constexpr const char* kStoreName = "sweep.sqlite";

void remove_previous_results(const fs::path& dir) {
  for (const char* name : {"sweep.sqlite", "sweep.sqlite-wal", "sweep.sqlite-shm", "sweep_results.csv",
                           "sweep_summary.csv", "run.json", "sweep.json", "sweep_targets.csv"})
    fs::remove(dir / name);
}

// Opens the store as the command line asks; prints why and returns null when
// it must not be used.
std::unique_ptr<sweep::SweepStore> open_store(const fs::path& dir, const po::variables_map& vm,
                                              const SweepPlan& plan) {
  const fs::path path = dir / kStoreName;
  const bool exists = fs::exists(path);
  if (exists && !vm.count("resume") && !vm.count("overwrite")) {
    std::cerr << fmt::format(
        "{} already holds a sweep; use --resume to continue it, --overwrite "
        "to start again, or --out to choose another directory\n",
        dir.string());
    return nullptr;
  }
  if (exists && vm.count("overwrite")) remove_previous_results(dir);
  fs::create_directories(dir);
  auto store = std::make_unique<sweep::SweepStore>(path.string());
  const auto wanted = identity(plan);
  const auto stored = store->meta();
  if (stored.empty()) {
    store->describe(wanted, plan.definition, plan.points);
    return store;
  }
  for (const auto& [key, value] : wanted) {
    const auto found = stored.find(key);
    if (found == stored.end() || found->second != value) {
      std::cerr << fmt::format(
          "{} holds a different sweep ({} is {} there, {} now); --resume continues only the same "
          "sweep, scenario, seed and replications. Use --overwrite to start again.\n",
          path.string(), key, found == stored.end() ? "missing" : found->second, value);
      return nullptr;
    }
  }
  return store;
}

// run.json: the title, provenance and run record of the sweep's results
// (the seed and replications every point ran with).
void write_run_record(const fs::path& dir, const std::string& sweep_path, const SweepPlan& plan,
                      const std::vector<std::string>& args, unsigned threads, double seconds) {
  tools::RunRecord record{.command = "sweep",
                          .title = plan.title,
                          .provenance = {.scenario = tools::fingerprint(plan.definition.scenario_file,
                                                                        plan.definition.scenario_text),
                                         .seed = plan.seed,
                                         .replications = plan.replications,
                                         .command_line = tools::command_line_text("sweep", args)},
                          .run = plan.run,
                          .threads = threads,
                          .wall_seconds = seconds};
  for (const auto& overlay : plan.variant)
    record.provenance.overlays.push_back(tools::fingerprint(overlay.file_name, overlay.text));
  auto json = tools::run_record_json(record);
  json["sweep_file"] = {{"file", sweep_path}, {"sha256", fingerprint_of(sweep_path).sha256}};
  json["points"] = plan.points.size();
  tools::StagedFileSet staged(dir);
  auto out = staged.open("run.json");
  out << json.dump(2) << "\n";
  tools::close_checked(out, "run.json");
  staged.commit();
}

// The unit a target's shorthand (occupancy.p95, p_wait) refers to: the
// first swept capacity's unit, as "units.<unit>.capacity"; "" when none.
std::string swept_unit(const sweep::SweepDefinition& definition) {
  for (const auto& p : definition.parameters)
    if (p.path.rfind("units.", 0) == 0 && p.path.size() > 15 &&
        p.path.compare(p.path.size() - 9, 9, ".capacity") == 0)
      return p.path.substr(6, p.path.size() - 15);
  return "";
}

// sweep.json (the sweep's name, parameters, targets and the base scenario's
// units, for the report) and, with --target, sweep_targets.csv; the console
// gets the table of points meeting the targets.
void write_sweep_description(const fs::path& dir, const SweepPlan& plan, const sweep::SweepStore& store,
                             const std::vector<tools::Target>& targets) {
  nlohmann::ordered_json json;
  json["sweep"] = plan.definition.name;
  json["file"] = plan.definition.file;
  json["scenario_file"] = plan.definition.scenario_file;
  json["parameters"] = store.parameter_names();
  json["units"] = tools::describe_model(*plan.models.front())["units"];
  auto& target_list = json["targets"] = nlohmann::ordered_json::array();
  for (const auto& t : targets)
    target_list.push_back({{"text", t.text},
                           {"metric", t.metric},
                           {"bound", t.bound == tools::Bound::AtMost ? "<=" : ">="},
                           {"value", t.value}});
  tools::StagedFileSet files{dir};
  auto out = files.open("sweep.json");
  out << json.dump(2) << "\n";
  tools::close_checked(out, "sweep.json");
  if (!targets.empty()) {
    const auto verdicts = sweep::judge_points(store, targets);
    auto csv = files.open("sweep_targets.csv");
    csv << sweep::sweep_targets_csv(store.parameter_names(), targets, verdicts);
    tools::close_checked(csv, "sweep_targets.csv");
    std::cout << sweep::format_points_meeting(plan.definition.name, store.parameter_names(), targets,
                                              verdicts);
  }
  files.commit();
  if (targets.empty()) fs::remove(dir / "sweep_targets.csv");  // a previous run's, now stale
}

}  // namespace

int command_sweep(const std::vector<std::string>& args) {
  const auto& group = tools::ProcessGroup::world();
  const tools::RootSpeaksOnly quiet_ranks(group);
  po::options_description options("flowsim sweep SWEEP.yaml [options]");
  options.add_options()("help", "this text")("scenario", po::value<std::string>(),
                                             "sweep file (or a scenario with a 'sweep:' block)")(
      "reps", po::value<std::uint32_t>(), "replications per point (overrides the sweep and scenario)")(
      "seed", po::value<std::uint64_t>(), "master random seed (overrides the sweep and scenario)")(
      "threads", po::value<unsigned>(), "worker threads per process (default: all cores)")(
      "out", po::value<std::string>(), "output directory (default: flowsim-out/<sweep file name>)")(
      "resume", "continue the sweep stored in the output directory")(
      "overwrite", "discard a sweep already in the output directory")("quiet", "no progress bar")(
      "target", po::value<std::vector<std::string>>()->composing(),
      "list the points meeting a target such as 'unit.acute.utilisation_p95 <= 0.92' (repeatable: every "
      "target; the shorthands of flowsim size refer to the first swept capacity's unit)");
  add_overlay_option(options);
  add_report_option(options);
  const auto vm = parse_command_line(args, options);
  if (vm.count("help")) {
    std::cout
        << options
        << "\nStores every finished replication in sweep.sqlite and writes sweep_results.csv, "
           "sweep_summary.csv and sweep.json (and sweep_targets.csv with --target) into the output "
           "directory.\n";
    return kExitOk;
  }
  if (!vm.count("scenario")) throw po::error("sweep needs a sweep file");
  if (vm.count("resume") && vm.count("overwrite"))
    throw po::error("--resume and --overwrite exclude each other");
  const std::string path = vm["scenario"].as<std::string>();
  SweepPlan plan;
  if (!plan_sweep(path, vm, plan)) return kExitBadInput;
  std::vector<tools::Target> targets;
  if (vm.count("target")) {
    auto parsed = parse_targets_or_report(vm["target"].as<std::vector<std::string>>(),
                                          *plan.models.front(), swept_unit(plan.definition));
    if (!parsed) return kExitBadInput;
    targets = std::move(*parsed);
  }
  const unsigned threads = thread_count(vm);
  const fs::path dir = vm.count("out") ? fs::path(vm["out"].as<std::string>())
                                       : fs::path("flowsim-out") / fs::path(path).stem();
  const auto started = std::chrono::steady_clock::now();

  // The root opens the store and tells every rank which items remain.
  const std::uint64_t total = plan.points.size() * std::uint64_t{plan.replications};
  std::unique_ptr<sweep::SweepStore> store;
  std::vector<std::uint64_t> pending;  // first element: 1 when the store is usable
  std::vector<std::uint32_t> stored_per_point(plan.points.size(), 0);
  if (group.is_root()) {
    store = open_store(dir, vm, plan);
    pending.push_back(store ? 1 : 0);
    if (store) {
      std::vector<bool> done(total, false);
      for (const auto& [point, replication] : store->finished()) {
        done[point * std::uint64_t{plan.replications} + replication] = true;
        ++stored_per_point[point];
      }
      for (std::uint64_t item = 0; item < total; ++item)
        if (!done[item]) pending.push_back(item);
    }
  }
  pending = group.broadcast(std::move(pending));
  if (pending.front() == 0) return kExitBadInput;
  pending.erase(pending.begin());
  const std::uint64_t resumed = total - pending.size();

  std::uint64_t stored = resumed;
  std::size_t points_done = static_cast<std::size_t>(
      std::count(stored_per_point.begin(), stored_per_point.end(), plan.replications));
  tools::ProgressBar progress("replications", total, resumed, group.is_root() && !vm.count("quiet"));
  const auto keep = [&](std::uint32_t point, const models::ReplicationResult& result) {
    if (!result.flow_balanced)
      throw std::logic_error(
          fmt::format("flow balance broken in point {} replication {}", point, result.replication));
    store->store({{point, &result}});
    ++stored;
    if (++stored_per_point[point] == plan.replications) ++points_done;
    progress.update(stored, fmt::format("{}/{} points", points_done, plan.points.size()));
  };

  const std::size_t batch_size =
      std::max<std::size_t>(1, (group.size() == 1 ? kItemsPerWorkerAlone : kItemsPerWorkerMpi) *
                                   threads * static_cast<std::size_t>(group.size()));
  for (std::size_t begin = 0; begin < pending.size(); begin += batch_size) {
    const std::size_t end = std::min(pending.size(), begin + batch_size);
    std::vector<tools::WorkItem> items;
    std::vector<std::uint32_t> item_points;
    for (std::size_t k = begin; k < end; ++k) {
      const auto point = static_cast<std::uint32_t>(pending[k] / plan.replications);
      const auto replication = static_cast<std::uint32_t>(pending[k] % plan.replications);
      items.push_back({plan.models[point], replication, false});
      item_points.push_back(point);
    }
    // The root stores its own replications as they finish, the other ranks'
    // when they arrive at the end of the batch.
    const auto results = tools::run_across_group(
        group, items, threads,
        [&](std::size_t k, const auto& result) {
          if (group.is_root()) keep(item_points[k], result);
        },
        /*send_daily_series=*/false);
    std::exception_ptr failure;
    if (group.is_root() && group.size() > 1) {
      try {
        std::vector<bool> root_did(items.size(), false);
        for (const auto k : tools::items_of_rank(items.size(), 0, group.size())) root_did[k] = true;
        for (std::size_t k = 0; k < items.size(); ++k)
          if (!root_did[k]) keep(item_points[k], results[k]);
      } catch (...) {
        failure = std::current_exception();
      }
    }
    tools::agree_root_succeeded(group, failure);
  }
  progress.finish();
  if (!group.is_root()) return kExitOk;

  sweep::write_sweep_tables(dir.string(), *store);
  write_sweep_description(dir, plan, *store, targets);
  store->checkpoint();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  write_run_record(dir, path, plan, args, threads, seconds);
  const std::string ranks =
      group.size() == 1 ? "" : fmt::format(" in each of {} MPI processes", group.size());
  std::cout << fmt::format(
      "{} points x {} replications ({} run now{}) in {:.2f} s on {} thread{}{}; results in {}/\n",
      plan.points.size(), plan.replications, pending.size(),
      resumed > 0 ? fmt::format(", {} resumed", resumed) : "", seconds, threads, threads == 1 ? "" : "s",
      ranks, dir.string());
  return report_if_asked(vm, dir.string());
}

}  // namespace flowsim::cli
