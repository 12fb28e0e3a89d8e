#include "tools/runner/replication_runner.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

#include "models/hospital_model.hpp"

namespace flowsim::tools {

std::vector<models::ReplicationResult> run_work_items(const std::vector<WorkItem>& items,
                                                      unsigned threads, const OnFinished& on_finished,
                                                      const std::stop_token& stop) {
  std::vector<models::ReplicationResult> results(items.size());
  std::vector<std::exception_ptr> failures(items.size());
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex callback_mutex;  // only the callback is serialised; replications run freely
  const auto work = [&] {
    while (!failed.load(std::memory_order_relaxed) && !stop.stop_requested()) {
      const std::size_t i = next.fetch_add(1);
      if (i >= items.size()) return;
      try {
        models::HospitalModel replication(
            items[i].model, models::ReplicationOptions{items[i].replication, items[i].log_events, stop});
        results[i] = replication.run();
        if (on_finished) {
          const std::lock_guard lock(callback_mutex);
          on_finished(i, results[i]);
        }
      } catch (const models::ReplicationInterrupted&) {
        return;  // incomplete: discarded
      } catch (...) {
        failures[i] = std::current_exception();
        failed = true;
      }
    }
  };
  const auto pool_size =
      static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(threads, items.size())));
  {
    std::vector<std::jthread> pool;
    for (unsigned t = 1; t < pool_size; ++t) pool.emplace_back(work);
    work();
  }
  for (const auto& failure : failures)
    if (failure) std::rethrow_exception(failure);
  return results;
}

std::vector<models::ReplicationResult> run_replications(
    const std::shared_ptr<const models::ModelDefinition>& model, const RunnerOptions& options) {
  return std::move(run_replications_of_each({model}, options).front());
}

std::vector<std::vector<models::ReplicationResult>> run_replications_of_each(
    const std::vector<std::shared_ptr<const models::ModelDefinition>>& models,
    const RunnerOptions& options) {
  const std::size_t n_models = models.size();
  // Item j is replication j / n_models of scenario j % n_models: the scenarios
  // advance together, so a failure or a stop in any of them stops the others
  // early and leaves few unpaired replications.
  std::vector<WorkItem> items;
  items.reserve(n_models * options.replications);
  for (std::uint32_t index = 0; index < options.replications; ++index) {
    const std::uint32_t r = options.first_replication + index;
    for (const auto& model : models)
      items.push_back({model, r, options.log_first_replication && r == 0});
  }
  std::vector<char> finished(items.size(), 0);  // written under the callback's lock
  auto flat = run_work_items(
      items, options.threads,
      [&](std::size_t i, const auto&) {
        finished[i] = 1;
        if (options.on_replication) options.on_replication();
      },
      options.stop);
  // Keep the replications that every scenario finished (all of them unless stopped).
  std::vector<std::vector<models::ReplicationResult>> results(n_models);
  for (auto& per_model : results) per_model.reserve(options.replications);
  for (std::size_t index = 0; index < options.replications; ++index) {
    const auto first = finished.begin() + static_cast<std::ptrdiff_t>(index * n_models);
    if (!std::all_of(first, first + static_cast<std::ptrdiff_t>(n_models),
                     [](char f) { return f != 0; }))
      continue;
    for (std::size_t m = 0; m < n_models; ++m)
      results[m].push_back(std::move(flat[index * n_models + m]));
  }
  return results;
}

}  // namespace flowsim::tools
