#include "tools/server/run_job.hpp"

#include <chrono>
#include <stdexcept>

#include <fmt/format.h>

#include "sim/random_stream.hpp"
#include "tools/io/gridlock.hpp"
#include "tools/io/run_outputs.hpp"
#include "tools/runner/replication_runner.hpp"
#include "tools/sizing/capacity_search.hpp"

namespace flowsim::server {

namespace {

tools::RunInfo info_of(const RunRequest& request, unsigned threads, double wall_seconds,
                       std::uint32_t replications) {
  const auto& base = request.texts.base;
  tools::RunInfo info{
      .scenario_path = base.file_name,
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

struct SizingStopped {};

std::string sizing_words(const tools::SizeResult& result, const std::string& unit,
                         const std::string& now) {
  if (!result.capacity) {
    if (result.unreachable)
      return fmt::format(
          "No number of {} beds meets the target: from {} on, more beds stop helping, so "
          "something else must change.",
          unit, result.unreachable->capacity);
    return fmt::format("No capacity of {} that was tried meets the target.", unit);
  }
  std::string words = fmt::format("{} beds of {} meet the target with confidence (now {}).",
                                  *result.capacity, unit, now);
  if (const auto band = result.undecided())
    words += fmt::format(" Between {} and {} the replications cannot tell, so as few as {} may do.",
                         band->low, band->high, band->low);
  if (result.fails_with_confidence)
    words += fmt::format(" {} or fewer fail with confidence.", *result.fails_with_confidence);
  return words;
}

// Sizes the unit as `flowsim size` does and writes size.csv, size.json and
// the chosen capacity's result files.
RunJobOutcome size_job(const RunRequest& request, const std::filesystem::path& directory,
                       unsigned threads, const std::stop_token& stop, const ReplicationsDone& on_done) {
  const auto started = std::chrono::steady_clock::now();
  const auto& model = request.model;
  const auto& question = *request.size;
  const auto unit = *model->find_unit(question.unit);
  std::uint32_t tried = 0;
  tools::CapacitySearch search(model, question.targets, threads, [&](const tools::Evaluation&) {
    if (stop.stop_requested()) throw SizingStopped{};
    if (on_done) on_done(++tried);
  });
  RunJobOutcome outcome;
  tools::SizeResult result;
  try {
    result = search.size(unit, {}, std::nullopt);
  } catch (const SizingStopped&) {
    outcome.cancelled = true;
    return outcome;
  }
  outcome.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const auto info = info_of(request, threads, outcome.wall_seconds, model->run.replications);
  std::filesystem::create_directories(directory.parent_path());
  // Like the command line: size.csv and size.json, then the chosen capacity's run files beside them.
  tools::write_size_outputs(directory.string(), *model, question, result, info.provenance);
  if (result.capacity)
    tools::write_run_outputs(directory.string(),
                             *tools::with_capacities(*model, {{unit, *result.capacity}}),
                             result.chosen_results, info);
  const auto& sized = model->units[unit];
  const std::string now = sized.unlimited() ? "unlimited" : std::to_string(sized.capacity);
  auto tried_list = nlohmann::json::array();
  for (const auto& e : result.evaluations)
    tried_list.push_back({{"capacity", e.capacities.at(unit)},
                          {"verdict", e.meets   ? "met"
                                      : e.fails ? "fails"
                                                : "undecided"}});
  outcome.answer = {
      {"unit", question.unit},
      {"now", now},
      {"capacity", result.capacity ? nlohmann::json(*result.capacity) : nlohmann::json()},
      {"fails_at_or_below",
       result.fails_with_confidence ? nlohmann::json(*result.fails_with_confidence) : nlohmann::json()},
      {"tried", tried_list},
      {"words", sizing_words(result, question.unit, now)}};
  if (const auto band = result.undecided()) outcome.answer["undecided"] = {band->low, band->high};
  if (const auto more = result.replications_to_narrow(model->run.replications))
    outcome.answer["replications_to_narrow"] = *more;
  outcome.replications = model->run.replications;
  return outcome;
}

}  // namespace

RunJobOutcome run_job(const RunRequest& request, const std::filesystem::path& directory,
                      unsigned threads, const std::stop_token& stop, const ReplicationsDone& on_done) {
  if (request.compare) return compare_job(request, directory, threads, stop, on_done);
  if (request.size) return size_job(request, directory, threads, stop, on_done);
  const auto started = std::chrono::steady_clock::now();
  const auto& model = request.model;
  std::vector<tools::WorkItem> items;
  for (std::uint32_t r = 0; r < model->run.replications; ++r) items.push_back({model, r, false});
  std::uint32_t done = 0;
  std::vector<char> finished(items.size(), 0);
  auto results = tools::run_work_items(
      items, threads,
      [&](std::size_t i, const auto&) {
        finished[i] = 1;
        if (on_done) on_done(++done);
      },
      stop);
  for (std::size_t i = 0; i < results.size(); ++i)
    if (finished[i] != 0 && !results[i].flow_balanced)
      throw std::logic_error(
          fmt::format("flow balance broken in replication {}", results[i].replication));
  RunJobOutcome outcome;
  if (stop.stop_requested()) {
    outcome.cancelled = true;
    // As the command line does when interrupted: the finished replications,
    // marked so in run.json, but apart from where a complete result goes.
    std::vector<models::ReplicationResult> kept;
    for (std::size_t i = 0; i < results.size(); ++i)
      if (finished[i] != 0) kept.push_back(std::move(results[i]));
    if (kept.empty()) return outcome;
    outcome.partial_replications = static_cast<std::uint32_t>(kept.size());
    outcome.wall_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    auto info = info_of(request, threads, outcome.wall_seconds, model->run.replications);
    info.interrupted = true;
    tools::write_run_outputs((directory / "partial").string(), *model, kept, info);
    return outcome;
  }
  outcome.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  outcome.replications = static_cast<std::uint32_t>(results.size());
  for (const auto& g : tools::find_gridlocked(*model, results))
    outcome.gridlocked.push_back({{"replication", g.replication}, {"unit", g.unit}, {"day", g.day}});
  std::filesystem::create_directories(directory.parent_path());
  tools::write_run_outputs(directory.string(), *model, results,
                           info_of(request, threads, outcome.wall_seconds, outcome.replications));
  return outcome;
}

}  // namespace flowsim::server
