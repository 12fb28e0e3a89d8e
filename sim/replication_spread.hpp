#pragma once
// How replications spread around their mean: the median and the 5th and 95th
// percentiles, the skewness and a flag for heavily skewed metrics, and the
// paired median difference with an exact sign-test interval. A mean and its
// t-interval describe a typical replication only when the replications are
// roughly symmetric; a few runaway replications can drag the mean far from
// every other one, and then the median is the number to read.
#include <cstddef>
#include <optional>
#include <span>

namespace flowsim::sim {

// A metric is "heavily skewed" when both
//  - the sample skewness exceeds kHeavySkewness in absolute value (Bulmer's
//    rule of thumb for "highly skewed", Principles of Statistics 1979; with
//    40 normal replications its standard error is about sqrt(6/40) = 0.39),
//  - and the mean and the median differ by more than kMeanMedianShare of the
//    95% CI half-width of the mean: the asymmetry moves the mean by a good
//    part of its own uncertainty, so the mean is not the typical replication.
// Each alone flags too much: bounded or count-like measures are often skewed
// with mean and median equal in practice, and mean and median of a small
// symmetric sample can differ by chance.
inline constexpr double kHeavySkewness = 1.0;
inline constexpr double kMeanMedianShare = 0.5;

struct Spread {
  double p5 = 0.0;      // percentiles by linear interpolation between order
  double median = 0.0;  // statistics (Hyndman and Fan type 7, as R and NumPy)
  double p95 = 0.0;
  double skewness = 0.0;  // adjusted Fisher-Pearson G1; 0 when n < 3 or no variation
  bool skewed = false;    // heavily skewed, as defined above
};

// All zeros for no values.
[[nodiscard]] Spread spread_of(std::span<const double> values);

// The adjusted Fisher-Pearson coefficient of skewness,
//   G1 = sqrt(n (n-1)) / (n-2) * m3 / m2^(3/2),  m_k = mean((x - mean)^k),
// as Excel's SKEW and R's e1071 type 2. 0 when n < 3 or the values do not vary.
[[nodiscard]] double sample_skewness(std::span<const double> values);

// The median of the paired differences variant - base with the exact
// distribution-free interval from the sign test: the k-th smallest and k-th
// largest differences, with k the largest for which
//   2 P(Binomial(n, 1/2) <= k - 1) <= 1 - confidence,
// so the interval covers the median difference with probability at least
// 'confidence' ('coverage' says how much).
struct MedianDifference {
  double median = 0.0;
  std::optional<double> low;   // empty when n is too small for the confidence
  std::optional<double> high;  // (fewer than 6 pairs at 95%)
  double coverage = 0.0;       // 1 - 2 P(B <= k - 1); 0 without an interval
};
// Throws std::invalid_argument when the lengths differ or are zero.
[[nodiscard]] MedianDifference paired_median_difference(std::span<const double> base,
                                                        std::span<const double> variant,
                                                        double confidence = 0.95);

}  // namespace flowsim::sim
