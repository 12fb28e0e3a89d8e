#include "tools/runner/replication_runner.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

#include "models/hospital_model.hpp"

namespace flowsim::tools {

std::vector<models::ReplicationResult> run_work_items(const std::vector<WorkItem>& items,
                                                      unsigned threads,
                                                      const OnFinished& on_finished) {
  std::vector<models::ReplicationResult> results(items.size());
  std::vector<std::exception_ptr> failures(items.size());
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex callback_mutex;  // only the callback is serialised; replications run freely
  const auto work = [&] {
    while (!failed.load(std::memory_order_relaxed)) {
      const std::size_t i = next.fetch_add(1);
      if (i >= items.size()) return;
      try {
        models::HospitalModel replication(
            items[i].model, models::ReplicationOptions{items[i].replication, items[i].log_events});
        results[i] = replication.run();
        if (on_finished) {
          const std::lock_guard lock(callback_mutex);
          on_finished(i, results[i]);
        }
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
  std::vector<WorkItem> items;
  items.reserve(options.replications);
  for (std::uint32_t r = 0; r < options.replications; ++r)
    items.push_back({model, r, options.log_first_replication && r == 0});
  return run_work_items(items, options.threads);
}

}  // namespace flowsim::tools
