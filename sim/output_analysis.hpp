#pragma once
// Output analysis beyond one summary: comparing two sets of replications
// (paired and unpaired), and finding the end of the initial transient of a
// time series (MSER, and Welch's moving average for plotting).
#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "sim/statistics.hpp"

namespace flowsim::sim {

// Difference of means variant - base, estimated two ways.
struct Difference {
  // Per-replication differences (requires equal lengths): the interval that
  // common random numbers make narrow.
  Summary paired;
  // Welch's interval for independent samples: what the same replications
  // would give without pairing. Same mean as 'paired'.
  double unpaired_half_width = 0.0;
  // (var(base) + var(variant)) / var(differences): how many times fewer
  // replications the paired estimate needs for the same precision. Empty
  // when the differences do not vary (a no-op change).
  std::optional<double> variance_reduction;
};

// Throws std::invalid_argument when the lengths differ.
[[nodiscard]] Difference paired_difference(std::span<const double> base, std::span<const double> variant,
                                           double confidence = 0.95);

// Half-width of Welch's interval for mean(b) - mean(a) from two independent
// samples, with the Welch-Satterthwaite degrees of freedom.
[[nodiscard]] double welch_half_width(const Summary& a, const Summary& b, double confidence = 0.95);

// Confidence-interval half-width relative to |mean| (Hoad, Robinson and
// Davies' precision d_n). 0 when the values do not vary, +infinity when they
// vary around a zero mean.
[[nodiscard]] double relative_half_width(const Summary& s);

// MSER truncation (White 1997; MSER-5 with batch 5, White, Cobb and Spratt
// 2000): the series is cut into batches of 'batch' observations (an
// incomplete last batch is dropped) and the truncation d, in batches,
// minimises the standard error of the remaining batch means,
//   MSER(d) = sum_{j>d} (Z_j - mean_d)^2 / (k - d)^2.
struct Truncation {
  std::size_t observations = 0;  // d * batch: observations to delete
  std::size_t batches = 0;       // k
  // The rule's guard: the minimum over all d (keeping at least 'batch'
  // batches) lies in the first half of the series. When it does not, the
  // series is too short to have settled, and 'observations' is the minimum
  // over the first half only.
  bool in_first_half = true;
};
// Throws std::invalid_argument when fewer than 2 * batch batches fit.
[[nodiscard]] Truncation mser_truncation(std::span<const double> series, std::size_t batch = 5);

// Welch's moving average with window w (Law and Kelton): the mean of
// y[i-w..i+w], or of y[0..2i] for i < w; defined for i < n - w (empty after).
[[nodiscard]] std::vector<std::optional<double>> welch_moving_average(std::span<const double> series,
                                                                      std::size_t window);

}  // namespace flowsim::sim
