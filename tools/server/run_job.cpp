#include "tools/server/run_job.hpp"

#include <chrono>
#include <stdexcept>

#include <fmt/format.h>

#include "sim/random_stream.hpp"
#include "tools/io/gridlock.hpp"
#include "tools/io/run_outputs.hpp"
#include "tools/runner/replication_runner.hpp"

namespace flowsim::server {

namespace {

tools::RunInfo info_of(const RunRequest& request, unsigned threads, double wall_seconds,
                       std::uint32_t replications) {
  const auto& base = request.texts.base;
  tools::RunInfo info{.scenario_path = base.file_name,
                      .scenario_hash = fmt::format("{:016x}", sim::fnv1a64(base.text)),
                      .threads = threads,
                      .wall_seconds = wall_seconds,
                      .scenario_text = request.texts.overlays.empty() ? base.text : request.effective.yaml};
  info.replications_requested = replications;
  info.provenance.scenario = tools::fingerprint(base.file_name, base.text);
  for (const auto& overlay : request.effective.overlays)
    info.overlays.push_back({overlay.file_name, overlay.name, overlay.hash});
  for (const auto& overlay : request.texts.overlays)
    info.provenance.overlays.push_back(tools::fingerprint(overlay.file_name, overlay.text));
  info.provenance.seed = request.model->run.seed;
  info.provenance.replications = replications;
  return info;  // command_line stays empty: run.json records null, not run from a command line
}

}  // namespace

RunJobOutcome run_job(const RunRequest& request, const std::filesystem::path& directory, unsigned threads,
                      const std::stop_token& stop, const ReplicationsDone& on_done) {
  const auto started = std::chrono::steady_clock::now();
  const auto& model = request.model;
  std::vector<tools::WorkItem> items;
  for (std::uint32_t r = 0; r < model->run.replications; ++r) items.push_back({model, r, false});
  std::uint32_t done = 0;
  auto results = tools::run_work_items(
      items, threads, [&](std::size_t, const auto&) { if (on_done) on_done(++done); }, stop);
  RunJobOutcome outcome;
  if (stop.stop_requested()) {
    outcome.cancelled = true;
    return outcome;
  }
  for (const auto& result : results)
    if (!result.flow_balanced)
      throw std::logic_error(fmt::format("flow balance broken in replication {}", result.replication));
  outcome.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  outcome.replications = static_cast<std::uint32_t>(results.size());
  for (const auto& g : tools::find_gridlocked(*model, results))
    outcome.gridlocked.push_back({{"replication", g.replication}, {"unit", g.unit}, {"day", g.day}});
  std::filesystem::create_directories(directory.parent_path());
  tools::write_run_outputs(directory.string(), *model, results,
                           info_of(request, threads, outcome.wall_seconds, outcome.replications));
  return outcome;
}

}  // namespace flowsim::server
