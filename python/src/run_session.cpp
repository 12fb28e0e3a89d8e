#include "python/src/run_session.hpp"

#include <chrono>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>

#include "models/run_estimate.hpp"
#include "models/traffic.hpp"
#include "tools/runner/interrupt_watcher.hpp"
#include "tools/runner/machine_memory.hpp"
#include "tools/runner/replication_runner.hpp"

namespace flowsim::python {

namespace {

// The scenario with --reps and --seed applied, as cli::with_run_overrides does.
std::shared_ptr<const models::ModelDefinition> with_overrides(const models::ModelDefinition& model,
                                                              const RunRequest& request) {
  if (request.replications && *request.replications == 0)
    throw std::invalid_argument("replications must be at least 1");
  auto copy = std::make_shared<models::ModelDefinition>(model);
  if (request.replications) copy->run.replications = *request.replications;
  if (request.seed) copy->run.seed = *request.seed;
  return copy;
}

// What cli::within_limits checks, with the reasons in the exception.
void check_limits(const models::ModelDefinition& model, const RunRequest& request) {
  const auto estimate = models::estimate_run(model, models::solve_traffic(model),
                                             {model.run.replications, request.threads, false});
  models::RunLimits limits;
  limits.available_memory_bytes = tools::available_memory_bytes();
  const auto findings = models::check_limits(estimate, limits);
  std::string reasons;
  for (const auto& reason : findings.hard) reasons += fmt::format("cannot run: {}; ", reason);
  if (!request.force)
    for (const auto& reason : findings.soft) reasons += fmt::format("refused: {}; ", reason);
  if (!reasons.empty())
    throw std::invalid_argument(reasons + (findings.hard.empty() ? "force=True runs it anyway" : ""));
}

}  // namespace

RunSession::RunSession(const ScenarioInput& input, const RunRequest& request)
    : model_(with_overrides(*input.loaded.model, request)) {
  check_limits(*model_, request);
  const auto started = std::chrono::steady_clock::now();
  // The work items of cli::command_run's fixed run: one per replication.
  std::vector<tools::WorkItem> items;
  for (std::uint32_t r = 0; r < model_->run.replications; ++r) items.push_back({model_, r, false});
  std::optional<tools::InterruptWatcher> interrupts;
  if (request.catch_interrupts) interrupts.emplace();
  auto all = tools::run_work_items(items, request.threads, {},
                                   interrupts ? interrupts->token() : std::stop_token{});
  if (interrupts && interrupts->signal_received() != 0)
    throw RunStopped(fmt::format("interrupted by signal {}", interrupts->signal_received()));
  for (const auto& result : all)
    if (!result.flow_balanced)
      throw std::logic_error(fmt::format("flow balance broken in replication {}", result.replication));
  results_ = std::move(all);
  info_ =
      input_run_info(input, request.threads,
                     std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  info_.replications_requested = model_->run.replications;
  info_.series = request.series;
}

void RunSession::write(const std::string& directory, bool overwrite) const {
  if (!overwrite && tools::holds_results(directory))
    throw std::invalid_argument(
        fmt::format("{} already holds results; write(..., overwrite=True) replaces them", directory));
  tools::write_run_outputs(directory, *model_, results_, info_);
}

}  // namespace flowsim::python
