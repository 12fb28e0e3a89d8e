#include "tools/runner/replication_runner.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>

#include "models/hospital_model.hpp"

namespace flowsim::tools {

std::vector<models::ReplicationResult> run_replications(
    const std::shared_ptr<const models::ModelDefinition>& model, const RunnerOptions& options) {
  return std::move(run_replications_of_each({model}, options).front());
}

std::vector<std::vector<models::ReplicationResult>> run_replications_of_each(
    const std::vector<std::shared_ptr<const models::ModelDefinition>>& models,
    const RunnerOptions& options) {
  const std::size_t n_models = models.size();
  const std::size_t jobs = n_models * options.replications;
  std::vector<std::vector<models::ReplicationResult>> results(
      n_models, std::vector<models::ReplicationResult>(options.replications));
  std::vector<char> finished(jobs, 0);  // not vector<bool>: threads write neighbouring slots
  std::vector<std::exception_ptr> failures(jobs);
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  // Job j is replication j / n_models of scenario j % n_models: the scenarios
  // advance together, so a failure in any of them stops the others early.
  const auto work = [&] {
    while (!failed.load(std::memory_order_relaxed) && !options.stop.stop_requested()) {
      const std::size_t job = next.fetch_add(1);
      if (job >= jobs) return;
      const std::size_t m = job % n_models;
      const std::size_t index = job / n_models;
      const auto r = options.first_replication + static_cast<std::uint32_t>(index);
      try {
        models::HospitalModel replication(
            models[m],
            models::ReplicationOptions{r, options.log_first_replication && r == 0, options.stop});
        results[m][index] = replication.run();
        finished[job] = 1;
      } catch (const models::ReplicationInterrupted&) {
        return;  // incomplete: discarded
      } catch (...) {
        failures[job] = std::current_exception();
        failed = true;
      }
    }
  };
  const auto wanted = static_cast<unsigned>(std::min<std::size_t>(options.threads, jobs));
  const unsigned threads = std::max(1U, wanted);
  {
    std::vector<std::jthread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
  }
  for (const auto& failure : failures)
    if (failure) std::rethrow_exception(failure);
  if (std::all_of(finished.begin(), finished.end(), [](char f) { return f != 0; })) return results;
  // Stopped: keep the replications that every scenario finished.
  std::vector<std::vector<models::ReplicationResult>> done(n_models);
  for (std::size_t index = 0; index < options.replications; ++index) {
    bool all = true;
    for (std::size_t m = 0; m < n_models; ++m) all = all && finished[index * n_models + m] != 0;
    if (!all) continue;
    for (std::size_t m = 0; m < n_models; ++m) done[m].push_back(std::move(results[m][index]));
  }
  return done;
}

}  // namespace flowsim::tools
