#include "sim/replication_spread.hpp"

#include <cmath>
#include <stdexcept>
#include <vector>

#include <boost/math/distributions/binomial.hpp>

#include "sim/statistics.hpp"

namespace flowsim::sim {

double sample_skewness(std::span<const double> values) {
  const std::size_t n = values.size();
  if (n < 3) return 0.0;
  const double mean = summarize(values).mean;
  double m2 = 0.0;
  double m3 = 0.0;
  for (const double x : values) {
    const double d = x - mean;
    m2 += d * d;
    m3 += d * d * d;
  }
  const auto count = static_cast<double>(n);
  m2 /= count;
  m3 /= count;
  // Differences of equal values are exactly 0, so this catches every
  // constant series; anything above is genuine variation.
  if (m2 <= 0.0) return 0.0;
  return std::sqrt(count * (count - 1.0)) / (count - 2.0) * m3 / std::pow(m2, 1.5);
}

Spread spread_of(std::span<const double> values) {
  Spread s;
  if (values.empty()) return s;
  std::vector<double> sorted(values.begin(), values.end());
  s.p5 = sample_quantile(sorted, 0.05);
  s.median = sample_quantile(sorted, 0.5);
  s.p95 = sample_quantile(sorted, 0.95);
  s.skewness = sample_skewness(values);
  const Summary summary = summarize(values);
  s.skewed = std::abs(s.skewness) > kHeavySkewness &&
             std::abs(summary.mean - s.median) > kMeanMedianShare * summary.half_width;
  return s;
}

MedianDifference paired_median_difference(std::span<const double> base, std::span<const double> variant,
                                          double confidence) {
  if (base.size() != variant.size())
    throw std::invalid_argument("paired median difference of samples of different sizes");
  if (base.empty()) throw std::invalid_argument("paired median difference of no pairs");
  const std::size_t n = base.size();
  std::vector<double> differences(n);
  for (std::size_t r = 0; r < n; ++r) differences[r] = variant[r] - base[r];
  MedianDifference d;
  d.median = sample_quantile(differences, 0.5);  // sorts 'differences'
  const boost::math::binomial binomial(static_cast<double>(n), 0.5);
  // The largest k (1-based order statistic) whose tails fit in 1 - confidence.
  std::size_t k = 0;
  while (k + 1 <= n / 2 && 2.0 * boost::math::cdf(binomial, static_cast<double>(k)) <= 1.0 - confidence)
    ++k;
  if (k == 0) return d;
  d.low = differences[k - 1];
  d.high = differences[n - k];
  d.coverage = 1.0 - 2.0 * boost::math::cdf(binomial, static_cast<double>(k - 1));
  return d;
}

}  // namespace flowsim::sim
