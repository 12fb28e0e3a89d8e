#include "tools/runner/replication_runner.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>

#include "models/hospital_model.hpp"

namespace flowsim::tools {

std::vector<models::ReplicationResult> run_replications(
    const std::shared_ptr<const models::ModelDefinition>& model, const RunnerOptions& options) {
  std::vector<models::ReplicationResult> results(options.replications);
  std::vector<std::exception_ptr> failures(options.replications);
  std::atomic<std::uint32_t> next{0};
  std::atomic<bool> failed{false};
  const auto work = [&] {
    while (!failed.load(std::memory_order_relaxed)) {
      const std::uint32_t r = next.fetch_add(1);
      if (r >= options.replications) return;
      try {
        models::HospitalModel replication(
            model, models::ReplicationOptions{r, options.log_first_replication && r == 0});
        results[r] = replication.run();
      } catch (...) {
        failures[r] = std::current_exception();
        failed = true;
      }
    }
  };
  const unsigned threads = std::max(1U, std::min<unsigned>(options.threads, options.replications));
  {
    std::vector<std::jthread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
  }
  for (const auto& failure : failures)
    if (failure) std::rethrow_exception(failure);
  return results;
}

}  // namespace flowsim::tools
