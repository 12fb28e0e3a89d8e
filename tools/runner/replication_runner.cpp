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
  std::vector<bool> finished(options.replications, false);
  std::vector<std::exception_ptr> failures(options.replications);
  std::atomic<std::uint32_t> next{0};
  std::atomic<bool> failed{false};
  const auto work = [&] {
    while (!failed.load(std::memory_order_relaxed) && !options.stop.stop_requested()) {
      const std::uint32_t r = next.fetch_add(1);
      if (r >= options.replications) return;
      try {
        models::HospitalModel replication(
            model,
            models::ReplicationOptions{r, options.log_first_replication && r == 0, options.stop});
        results[r] = replication.run();
        finished[r] = true;
      } catch (const models::ReplicationInterrupted&) {
        return;  // incomplete: discarded
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
  if (std::find(finished.begin(), finished.end(), false) == finished.end()) return results;
  std::vector<models::ReplicationResult> done;
  for (std::uint32_t r = 0; r < options.replications; ++r)
    if (finished[r]) done.push_back(std::move(results[r]));
  return done;
}

}  // namespace flowsim::tools
