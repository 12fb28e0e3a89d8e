#pragma once
// How many replications: the sequential confidence-interval procedure with
// a look-ahead of Hoad, Robinson and Davies (2010), "Automated selection of
// the number of replications for a discrete-event simulation", JORS 61.
//
// For one output, with replication values x_1, x_2, ... and precision
//   d_n = t(n-1, 0.975) s_n / (sqrt(n) |mean_n|)        (n >= 3):
//   - the first n with d_n <= target is a candidate N;
//   - it is accepted when d_m stays <= target for the next f(N) replications,
//     f(N) = k_limit for N <= 100 and ceil(k_limit N / 100) above, so that a
//     lucky early estimate is not taken for convergence;
//   - otherwise the search goes on from the first m that broke the target.
// Several outputs: each must be accepted, and the answer is the largest N.
//
// The decision depends only on the values in replication order, never on how
// they were computed in batches, so a run that stops at N equals a plain run
// of N replications.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace flowsim::sim {

struct ReplicationCountSettings {
  double precision = 0.05;  // target relative half-width of the 95% CI
  std::size_t k_limit = 5;  // look-ahead, in replications (per 100 beyond 100)
  std::size_t initial = 3;  // the first n at which d_n is examined
};

struct ReplicationCountDecision {
  // Accepted number of replications, once every output is accepted.
  std::optional<std::size_t> replications;
  // When not yet accepted: the fewest replications in total that could settle
  // it (a candidate and its look-ahead), a lower bound for the next batch.
  std::size_t need_at_least = 0;
  // d_n of the worst output at the last replication available.
  double worst_precision = 0.0;
};

[[nodiscard]] std::size_t look_ahead(std::size_t candidate, std::size_t k_limit);

// 'outputs[m]' holds output m's values in replication order; all the same length.
[[nodiscard]] ReplicationCountDecision decide_replications(
    const std::vector<std::vector<double>>& outputs, const ReplicationCountSettings& settings);

}  // namespace flowsim::sim
