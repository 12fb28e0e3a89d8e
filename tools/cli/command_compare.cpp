// flowsim compare: runs a baseline and its variants on the same synthetic
// patients (common random numbers) and reports paired differences.
#include <chrono>
#include <filesystem>
#include <iostream>
#include <set>

#include <fmt/format.h>

#include "models/scenario/overlay.hpp"
#include "sim/random_stream.hpp"
#include "tools/cli/cli_support.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/experiment_options.hpp"
#include "tools/cli/sizing_support.hpp"
#include "tools/experiments/compare_console.hpp"
#include "tools/experiments/compare_outputs.hpp"
#include "tools/experiments/comparison.hpp"
#include "tools/experiments/paired_compare.hpp"
#include "tools/io/staged_files.hpp"
#include "tools/runner/interrupt_watcher.hpp"
#include "tools/runner/replication_runner.hpp"

namespace flowsim::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

using ModelPointer = std::shared_ptr<const models::ModelDefinition>;

// One variant as the command line names it, in the order given.
struct VariantRequest {
  bool is_overlay = false;  // --with (overlays on the base) or --variant (a whole scenario)
  std::vector<std::string> files;
};

// Variants in the order given, --with and --variant interleaved: each --with
// is one group of overlays (cli_support splits "a.yaml,b.yaml"), each
// --variant one scenario file.
std::vector<VariantRequest> variant_requests(const po::parsed_options& parsed,
                                             const po::variables_map& vm) {
  const auto groups = overlay_groups(vm);
  const auto scenarios =
      vm.count("variant") ? vm["variant"].as<std::vector<std::string>>() : std::vector<std::string>{};
  std::size_t next_group = 0;
  std::size_t next_scenario = 0;
  std::vector<VariantRequest> requests;
  for (const auto& option : parsed.options) {
    for (std::size_t k = 0; k < option.value.size(); ++k) {
      if (option.string_key == "with" && next_group < groups.size()) {
        if (groups[next_group].empty()) throw po::error("--with needs an overlay file");
        requests.push_back({true, groups[next_group++]});
      } else if (option.string_key == "variant" && next_scenario < scenarios.size()) {
        requests.push_back({false, {scenarios[next_scenario++]}});
      }
    }
  }
  return requests;
}

std::string label_of(const VariantRequest& request) {
  std::string label;
  for (const auto& file : request.files) {
    if (!label.empty()) label += '+';
    label += fs::path(file).stem().string();
  }
  return label;
}

std::string hash_of(const std::string& path) {
  return fmt::format("{:016x}", sim::fnv1a64(read_file(path)));
}

// Every scenario runs with the baseline's run settings: the same horizon,
// warm-up, seed and replications are what make the comparison paired. A
// variant whose own file (or overlay) says otherwise is told so.
ModelPointer with_baseline_run(const models::ModelDefinition& variant,
                               const models::ModelDefinition& baseline_as_loaded,
                               const models::RunSettings& run, const std::string& label) {
  const auto& a = variant.run;
  const auto& b = baseline_as_loaded.run;
  if (a.horizon_days != b.horizon_days || a.warmup_days != b.warmup_days || a.seed != b.seed ||
      a.replications != b.replications)
    std::cerr << fmt::format(
        "note: variant {} runs with the baseline's run settings ({} days, "
        "{} warm-up, seed {}), not its own\n",
        label, run.horizon_days, run.warmup_days, run.seed);
  auto copy = std::make_shared<models::ModelDefinition>(variant);
  copy->run = run;
  return copy;
}

// Empty, with every problem printed, when a variant cannot be sized (it
// lacks the unit or changes its capacity) or a target is bad.
std::optional<tools::CompareSizingRequest> sizing_request_or_report(
    const po::variables_map& vm, const std::string& base_path, const std::vector<ModelPointer>& models,
    const std::vector<std::string>& labels) {
  tools::CompareSizingRequest request;
  request.unit = vm["size-unit"].as<std::string>();
  if (!find_unit_or_report(*models.front(), request.unit)) return std::nullopt;
  bool ok = true;
  for (std::size_t s = 1; s < models.size(); ++s)
    if (const auto refusal =
            tools::sizing_refusal(*models.front(), *models[s], labels[s], request.unit)) {
      std::cerr << "flowsim: " << *refusal << ":\n  flowsim size " << base_path << " --unit "
                << request.unit;
      for (const auto& text : vm["size-target"].as<std::vector<std::string>>())
        std::cerr << " --target '" << text << "'";
      std::cerr << "\n";
      ok = false;
    }
  if (!ok) return std::nullopt;
  for (const auto& model : models) {
    auto targets =
        parse_targets_or_report(vm["size-target"].as<std::vector<std::string>>(), *model, request.unit);
    if (!targets) return std::nullopt;
    request.targets.push_back(std::move(*targets));
  }
  if (vm.count("size-range")) {
    const auto r = parse_range(vm["size-range"].as<std::string>(), "size-range", false);
    request.range = tools::SearchRange{r.low, r.high};
  }
  return request;
}

// Prints each capacity of each scenario's search as it finishes.
tools::SizingProgressFor print_sizing_progress(const tools::CompareSizingRequest& request,
                                               const std::vector<ModelPointer>& models,
                                               const std::vector<std::string>& labels) {
  return [&](std::size_t s) {
    const auto& model = *models[s];
    std::cout << fmt::format("{}sizing {} on {} for {}\n", s == 0 ? "" : "\n", request.unit, labels[s],
                             tools::targets_text(request.targets[s]));
    return print_progress(model, *model.find_unit(request.unit), request.targets[s]);
  };
}

}  // namespace

int command_compare(const std::vector<std::string>& args) {
  po::options_description options(
      "flowsim compare BASE.yaml --with X.yaml [--with Y.yaml ...] [options]");
  options.add_options()("help", "this text")("scenario", po::value<std::string>(),
                                             "baseline scenario file")(
      "variant", po::value<std::vector<std::string>>()->composing(),
      "a variant given as a complete scenario file (repeatable)")(
      "out", po::value<std::string>(),
      "output directory (default: flowsim-out/compare-<baseline file name>)")(
      "overwrite", "replace results already in the output directory")(
      "quiet", "do not print the comparison table")(
      "exclude-gridlocked",
      "leave out of every scenario each replication gridlocked in any of them "
      "(by default they are included and named)")(
      "size-unit", po::value<std::string>(),
      "with --size-target: size this unit on the baseline and on each "
      "variant, as flowsim size does, and report the beds that can close")(
      "size-target", po::value<std::vector<std::string>>(),
      "a target for --size-unit, as flowsim size --target, e.g. \"midnight_occupancy_p95 <= 0.92\" "
      "(repeatable)")("size-range", po::value<std::string>(),
                      "LOW:HIGH: search only these capacities of --size-unit");
  add_report_option(options);
  add_overlay_option(options);
  add_experiment_options(options);
  po::positional_options_description positional;
  positional.add("scenario", 1);
  const auto parsed = po::command_line_parser(args).options(options).positional(positional).run();
  po::variables_map vm;
  po::store(parsed, vm);
  po::notify(vm);
  if (vm.count("help")) {
    std::cout
        << options
        << "\nEach --with is one variant: the baseline with those overlays ('--with a.yaml,b.yaml' "
           "is one variant of two overlays). Each --variant is one complete scenario file.\n"
           "Every scenario runs the same replications with the same seed, so patient k "
           "draws the same stays and routes in each (common random numbers). Writes "
           "compare.csv, compare.json, replications.csv and run.json (and warmup.csv with "
           "--warmup auto, report.html with --report) into the output directory.\n"
           "\nWith --size-unit U --size-target T: U is sized for T on the baseline and on each "
           "variant by the search of flowsim size (targets and rule as there), and the beds "
           "that can close (baseline's answer - variant's, with a band) are reported next to "
           "the difference in occupied beds, in compare.json and compare_sizing.csv. A variant "
           "that changes U's capacity is refused: sizing sets it.\n";
    return kExitOk;
  }
  if (!vm.count("scenario")) throw po::error("compare needs a baseline scenario file");
  const auto requests = variant_requests(parsed, vm);
  if (requests.empty()) throw po::error("compare needs at least one variant (--with or --variant)");
  auto settings = experiment_settings(vm);

  const std::string base_path = vm["scenario"].as<std::string>();
  const auto base_loaded = load_or_report(base_path);
  if (!base_loaded) return kExitBadInput;
  const auto base = with_run_overrides(*base_loaded, vm);
  std::vector<ModelPointer> models{base};
  tools::CompareInfo info;
  info.threads = settings.threads;
  info.scenarios.push_back({fs::path(base_path).stem().string(),
                            {base_path},
                            {hash_of(base_path)},
                            {fingerprint_of(base_path).sha256}});
  info.provenance = input_provenance(base_path, {}, *base, tools::command_line_text("compare", args));
  info.title = base_loaded->name;
  std::set<std::string> labels_used{info.scenarios.front().label};
  bool all_loaded = true;
  for (const auto& request : requests) {
    tools::ScenarioSource source{label_of(request), {}, {}};
    for (int k = 2; labels_used.count(source.label); ++k)
      source.label = fmt::format("{}#{}", label_of(request), k);
    labels_used.insert(source.label);
    ModelPointer loaded;
    if (request.is_overlay) {
      const auto with_overlays = load_scenario_or_report(base_path, request.files);
      loaded = with_overlays.model;
      if (loaded) source.changes = tools::change_lines(with_overlays.effective);
      source.files.push_back(base_path);
    } else {
      loaded = load_or_report(request.files.front());
    }
    if (!loaded) {
      all_loaded = false;
      continue;
    }
    for (const auto& file : request.files) {
      source.files.push_back(file);
      auto& provenance_list = request.is_overlay ? info.provenance.overlays : info.variant_files;
      provenance_list.push_back(fingerprint_of(file));
    }
    for (const auto& file : source.files) {
      source.hashes.push_back(hash_of(file));
      source.sha256.push_back(fingerprint_of(file).sha256);
    }
    info.title += " vs " + tools::variant_title(*loaded, *base_loaded);
    models.push_back(with_baseline_run(*loaded, *base_loaded, base->run, source.label));
    info.scenarios.push_back(std::move(source));
  }
  if (!all_loaded) return kExitBadInput;
  if (!report_experiment_problems(models, settings)) return kExitBadInput;
  if (vm.count("size-unit") != vm.count("size-target") ||
      (vm.count("size-range") && !vm.count("size-unit")))
    throw po::error("--size-unit and --size-target go together (and --size-range needs them)");
  std::vector<std::string> labels;
  for (const auto& source : info.scenarios) labels.push_back(source.label);
  std::optional<tools::CompareSizingRequest> sizing_request;
  if (vm.count("size-unit")) {
    sizing_request = sizing_request_or_report(vm, base_path, models, labels);
    if (!sizing_request) return kExitBadInput;
  }
  const std::string out_dir = output_directory(vm, "compare-" + fs::path(base_path).stem().string());
  if (!may_write(vm, out_dir, tools::holds_any(out_dir, tools::compare_result_file_names())))
    return kExitBadInput;

  tools::ExperimentOutcome outcome;
  int interrupted_by = 0;
  {
    const tools::InterruptWatcher interrupts;
    settings.stop = interrupts.token();
    try {
      outcome = tools::run_experiment(models, labels, settings);
    } catch (const tools::RunInterrupted& e) {
      std::cerr << fmt::format("flowsim: interrupted by signal {} ({}); nothing was written\n",
                               interrupts.signal_received(), e.what());
      return kExitInterruptedBase + interrupts.signal_received();
    }
    interrupted_by = interrupts.signal_received();
  }
  if (interrupted_by != 0 && outcome.results.front().size() < 2) {
    std::cerr << fmt::format(
        "flowsim: interrupted by signal {} before two paired replications "
        "finished; nothing was written\n",
        interrupted_by);
    return kExitInterruptedBase + interrupted_by;
  }
  const auto paired = tools::paired_rows(outcome, info, vm.count("exclude-gridlocked") > 0);
  if (!paired) {
    std::cerr << fmt::format(
        "flowsim: {} of {} replications are gridlocked in some scenario; fewer "
        "than two pairs are left to compare, so nothing was written (run "
        "without --exclude-gridlocked)\n",
        info.excluded.size(), info.replications_run);
    return kExitFailed;
  }
  const auto& rows = *paired;
  double sizing_seconds = 0.0;
  if (sizing_request) {
    const bool quiet = vm.count("quiet") > 0;
    if (!quiet) std::cout << "\n";
    const auto started = std::chrono::steady_clock::now();
    info.sizing =
        tools::size_each(*sizing_request, outcome.models, rows, settings.threads,
                         quiet ? tools::SizingProgressFor{}
                               : print_sizing_progress(*sizing_request, outcome.models, labels));
    sizing_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  }
  tools::write_compare_outputs(out_dir, outcome, rows, info);
  if (!vm.count("quiet")) {
    std::cout << tools::format_comparison(*outcome.models.front(), labels, rows, info);
    if (info.sizing) std::cout << tools::format_beds_to_close(labels, *info.sizing);
  }
  const std::string notes = tools::experiment_notes(outcome);
  if (!notes.empty()) std::cout << "\n" << notes;
  std::string sized;
  if (info.sizing) {
    std::size_t capacities = 0;
    for (const auto& side : info.sizing->scenarios) capacities += side.result.evaluations.size();
    sized = fmt::format(", then {} capacities sized in {:.1f} s", capacities, sizing_seconds);
  }
  std::cout << fmt::format(
      "\n{} scenarios x {} replications in {:.2f} s{} on {} thread{}; results "
      "in {}/\n",
      models.size(), outcome.results.front().size(), outcome.wall_seconds, sized, settings.threads,
      settings.threads == 1 ? "" : "s", out_dir);
  if (interrupted_by != 0) {
    std::cerr << fmt::format(
        "flowsim: interrupted by signal {}: {} paired replications finished "
        "and were written; the rest were discarded\n",
        interrupted_by, outcome.results.front().size());
    return kExitInterruptedBase + interrupted_by;
  }
  const int reported = report_if_asked(vm, out_dir);
  // As flowsim size: a scenario with no capacity meeting the targets is a
  // failed sizing (exit 1), though everything else was written.
  if (info.sizing)
    for (const auto& side : info.sizing->scenarios)
      if (!side.result.capacity) return reported == kExitOk ? kExitFailed : reported;
  return reported;
}

}  // namespace flowsim::cli
