#include "tools/server/compare_job.hpp"

#include <chrono>
#include <stdexcept>

#include <fmt/format.h>

#include "sim/random_stream.hpp"
#include "tools/experiments/compare_console.hpp"
#include "tools/experiments/compare_outputs.hpp"
#include "tools/server/run_job.hpp"

namespace flowsim::server {

namespace {

namespace fs = std::filesystem;

struct ComparisonStopped {};

tools::ScenarioSource source_of(const std::string& label,
                                const std::vector<scenario::OverlayText>& files) {
  tools::ScenarioSource source{label, {}, {}, {}, {}};
  for (const auto& file : files) {
    source.files.push_back(file.file_name);
    source.hashes.push_back(fmt::format("{:016x}", sim::fnv1a64(file.text)));
    source.sha256.push_back(tools::fingerprint(file.file_name, file.text).sha256);
  }
  return source;
}

// What flowsim compare records of its inputs, with the server's names for the files.
tools::CompareInfo compare_info(const RunRequest& request, const std::vector<std::string>& labels,
                                unsigned threads) {
  const auto& compare = *request.compare;
  const auto& base = request.texts.base;
  tools::CompareInfo info;
  info.threads = threads;
  info.scenarios.push_back(source_of(labels[0], {base}));
  std::vector<scenario::OverlayText> variant_files{base};
  for (const auto& overlay : compare.variant.overlays) variant_files.push_back(overlay);
  info.scenarios.push_back(source_of(labels[1], variant_files));
  info.scenarios.back().changes = compare.changes;
  info.provenance.scenario = tools::fingerprint(base.file_name, base.text);
  for (const auto& overlay : compare.variant.overlays)
    info.provenance.overlays.push_back(tools::fingerprint(overlay.file_name, overlay.text));
  info.title =
      request.model->name + " vs " + tools::variant_title(*compare.variant_model, *request.model);
  return info;  // provenance.command_line stays empty: not run from a command line
}

}  // namespace

std::vector<std::string> compare_labels(const CompareRequest& request) {
  const std::string base = fs::path(request.variant.base.file_name).stem().string();
  std::string variant;
  for (const auto& overlay : request.variant.overlays)
    variant += (variant.empty() ? "" : "+") + fs::path(overlay.file_name).stem().string();
  if (variant == base) variant += "#2";
  return {base, variant};
}

RunJobOutcome compare_job(const RunRequest& request, const fs::path& directory, unsigned threads,
                          const std::stop_token& stop,
                          const std::function<void(std::uint32_t)>& on_done) {
  const auto started = std::chrono::steady_clock::now();
  const auto& compare = *request.compare;
  const auto labels = compare_labels(compare);
  std::uint32_t done = 0;
  const auto step = [&] {
    if (on_done) on_done(++done);
  };
  tools::ExperimentSettings settings;
  settings.threads = threads;
  settings.stop = stop;
  settings.on_replication = step;
  RunJobOutcome outcome;
  const auto experiment =
      tools::run_experiment({request.model, compare.variant_model}, labels, settings);
  if (stop.stop_requested()) {
    outcome.cancelled = true;
    return outcome;
  }
  auto info = compare_info(request, labels, threads);
  const auto rows = tools::paired_rows(experiment, info, false);
  if (!rows) throw std::runtime_error("fewer than two paired replications finished");
  if (compare.sizing) {
    try {
      info.sizing =
          tools::size_each(*compare.sizing, experiment.models, *rows, threads, [&](std::size_t) {
            return [&](const tools::Evaluation&) {
              if (stop.stop_requested()) throw ComparisonStopped{};
              step();
            };
          });
    } catch (const ComparisonStopped&) {
      outcome.cancelled = true;
      return outcome;
    }
  }
  fs::create_directories(directory.parent_path());
  tools::write_compare_outputs(directory.string(), experiment, *rows, info);
  outcome.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  outcome.replications = static_cast<std::uint32_t>(experiment.results.front().size());
  for (std::size_t s = 0; s < info.gridlocked.size(); ++s)
    for (const auto& g : info.gridlocked[s])
      outcome.gridlocked.push_back(
          {{"scenario", labels[s]}, {"replication", g.replication}, {"unit", g.unit}, {"day", g.day}});
  // The console of flowsim compare, word for word, for the page to show beside its own answer.
  std::string console = tools::format_comparison(*experiment.models.front(), labels, *rows, info);
  if (info.sizing) console += tools::format_beds_to_close(labels, *info.sizing);
  outcome.answer = {{"title", info.title},
                    {"baseline", labels[0]},
                    {"variant", labels[1]},
                    {"changes", compare.changes},
                    {"console", console}};
  return outcome;
}

}  // namespace flowsim::server
