#include "tools/cli/cli_support.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "models/scenario/loader.hpp"
#include "models/traffic.hpp"
#include "sim/random_stream.hpp"
#include "tools/cli/experiment_options.hpp"
#include "tools/report/report_writer.hpp"
#include "tools/runner/machine_memory.hpp"

namespace flowsim::cli {

namespace po = boost::program_options;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

LoadedScenario load_scenario_or_report(const std::string& path,
                                       const std::vector<std::string>& overlay_paths) {
  LoadedScenario result;
  scenario::LoadResult loaded;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    loaded.diagnostics.error(scenario::SourceLocation{path, 0, 0}, "", "cannot open the scenario file");
  } else {
    const std::string base = read_file(path);
    const auto overlays = scenario::read_overlay_files(overlay_paths, loaded.diagnostics);
    if (!loaded.diagnostics.has_errors()) {
      result.effective = scenario::apply_overlays(base, path, overlays);
      // Without overlays the loader reads the file itself, exactly as before overlays existed.
      loaded = overlays.empty() ? scenario::load_scenario_text(base, path)
                                : scenario::load_effective_scenario(result.effective);
    }
  }
  const std::string what = describe_input(path, overlay_paths);
  if (!loaded.ok()) {
    std::cerr << loaded.diagnostics.format();
    const auto n = loaded.diagnostics.sorted().size();
    std::cerr << fmt::format("{} error{} in {}; nothing was run\n", n, n == 1 ? "" : "s", what);
    return result;
  }
  const auto& model = *loaded.model;
  for (const auto& warning : models::overload_warnings(model, models::solve_traffic(model)))
    std::cerr << fmt::format("{}: warning: {}\n", what, warning);
  result.model = titled_model(loaded.model, result.effective);
  return result;
}

std::shared_ptr<const models::ModelDefinition> titled_model(
    std::shared_ptr<const models::ModelDefinition> model, const scenario::EffectiveScenario& effective) {
  if (effective.overlays.empty()) return model;
  auto titled = std::make_shared<models::ModelDefinition>(*model);
  std::vector<std::string> names;
  for (const auto& overlay : effective.overlays) names.push_back(overlay.name);
  titled->name = tools::scenario_title(model->name, names);
  return titled;
}

std::shared_ptr<const models::ModelDefinition> load_or_report(
    const std::string& path, const std::vector<std::string>& overlay_paths) {
  return load_scenario_or_report(path, overlay_paths).model;
}

std::string describe_input(const std::string& path, const std::vector<std::string>& overlay_paths) {
  if (overlay_paths.empty()) return path;
  return fmt::format("{} with {}", path, fmt::join(overlay_paths, ", "));
}

void add_overlay_option(po::options_description& options) {
  options.add_options()(
      "with", po::value<std::vector<std::string>>()->composing(),
      "overlay file(s) to apply to the scenario, in order; repeatable, or comma-separated");
}

std::vector<std::vector<std::string>> overlay_groups(const po::variables_map& vm) {
  std::vector<std::vector<std::string>> groups;
  if (!vm.count("with")) return groups;
  for (const auto& value : vm["with"].as<std::vector<std::string>>()) {
    std::vector<std::string> paths;
    std::size_t start = 0;
    while (start <= value.size()) {
      const std::size_t comma = std::min(value.find(',', start), value.size());
      if (comma > start) paths.push_back(value.substr(start, comma - start));
      start = comma + 1;
    }
    groups.push_back(std::move(paths));
  }
  return groups;
}

std::vector<std::string> overlay_paths(const po::variables_map& vm) {
  std::vector<std::string> paths;
  for (auto& group : overlay_groups(vm)) paths.insert(paths.end(), group.begin(), group.end());
  return paths;
}

bool within_limits(const models::ModelDefinition& model, const models::RunEstimateOptions& options,
                   bool force) {
  const auto estimate = models::estimate_run(model, models::solve_traffic(model), options);
  models::RunLimits limits;
  limits.available_memory_bytes = tools::available_memory_bytes();
  const auto findings = models::check_limits(estimate, limits);
  for (const auto& reason : findings.hard) std::cerr << fmt::format("flowsim: cannot run: {}\n", reason);
  for (const auto& reason : findings.soft)
    std::cerr << fmt::format("flowsim: {}: {}\n", force ? "warning" : "refused", reason);
  if (!findings.hard.empty()) return false;
  if (findings.soft.empty() || force) return true;
  std::cerr << fmt::format(
      "flowsim: estimated {:.3g} patients and {:.3g} events a replication, {} of memory, {} of "
      "output; nothing was run. Use fewer replications (--reps) or a shorter horizon, or --force "
      "to run anyway\n",
      estimate.patients_per_replication, estimate.events_per_replication,
      models::format_bytes(estimate.memory_bytes), models::format_bytes(estimate.output_bytes));
  return false;
}

void add_report_option(po::options_description& options) {
  options.add_options()("report", "also write report.html (flowsim report --help)");
}

void add_simulation_options(po::options_description& options) {
  add_replication_options(options);
  options.add_options()(
      "out", po::value<std::string>(),
      "output directory (default: flowsim-out/<scenario file name>, then +<overlay file name> "
      "for each --with, then what the command adds)")("overwrite",
                                                      "replace results already in the output directory");
  add_report_option(options);
  add_overlay_option(options);
}

std::string default_output_name(const std::string& scenario_path,
                                const std::vector<std::string>& overlay_paths) {
  namespace fs = std::filesystem;
  std::string name = fs::path(scenario_path).stem().string();
  for (const auto& overlay : overlay_paths)
    name += fmt::format("+{}", fs::path(overlay).stem().string());
  return name;
}

std::string output_directory(const po::variables_map& vm, const std::string& default_name) {
  return vm.count("out") ? vm["out"].as<std::string>()
                         : (std::filesystem::path("flowsim-out") / default_name).string();
}

bool may_write(const po::variables_map& vm, const std::string& directory, bool holds_results) {
  if (!holds_results || vm.count("overwrite")) return true;
  std::cerr << fmt::format(
      "{} already holds results; use --overwrite to replace them, or --out to "
      "choose another directory\n",
      directory);
  return false;
}

tools::FileFingerprint fingerprint_of(const std::string& path) {
  return tools::fingerprint(path, read_file(path));
}

tools::Provenance input_provenance(const std::string& path,
                                   const std::vector<std::string>& overlay_paths,
                                   const models::ModelDefinition& model,
                                   const std::string& command_line) {
  tools::Provenance provenance{.scenario = fingerprint_of(path),
                               .seed = model.run.seed,
                               .replications = model.run.replications,
                               .command_line = command_line};
  for (const auto& overlay : overlay_paths) provenance.overlays.push_back(fingerprint_of(overlay));
  return provenance;
}

tools::RunInfo run_info(const std::string& path, const LoadedScenario& loaded, unsigned threads,
                        double wall_seconds, const std::string& command_line) {
  const std::string text = read_file(path);
  tools::RunInfo info{.scenario_path = path,
                      .scenario_hash = fmt::format("{:016x}", sim::fnv1a64(text)),
                      .threads = threads,
                      .wall_seconds = wall_seconds,
                      .scenario_text = loaded.effective.overlays.empty() ? text : loaded.effective.yaml};
  std::vector<std::string> overlay_files;
  for (const auto& overlay : loaded.effective.overlays) {
    info.overlays.push_back({overlay.file_name, overlay.name, overlay.hash});
    overlay_files.push_back(overlay.file_name);
  }
  // Seed and replications are those of the results, set when they are written.
  info.provenance = input_provenance(path, overlay_files, *loaded.model, command_line);
  return info;
}

int report_if_asked(const po::variables_map& vm, const std::string& directory) {
  if (!vm.count("report")) return kExitOk;
  const auto outcome = tools::write_html_report(directory);
  if (outcome.exit_code == 0) {
    std::cout << "report: " << outcome.report_path << "\n";
    return kExitOk;
  }
  std::cerr << fmt::format("flowsim: no report was written; the results in {}/ are complete\n",
                           directory);
  return kExitFailed;
}

po::variables_map parse_command_line(const std::vector<std::string>& args,
                                     const po::options_description& options) {
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(options).positional(positional).run(), vm);
  po::notify(vm);
  return vm;
}

}  // namespace flowsim::cli
