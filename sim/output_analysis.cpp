#include "sim/output_analysis.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

#include <boost/math/distributions/students_t.hpp>

namespace flowsim::sim {

namespace {

double t_quantile(double degrees_of_freedom, double confidence) {
  const boost::math::students_t t(degrees_of_freedom);
  return boost::math::quantile(boost::math::complement(t, (1.0 - confidence) / 2));
}

}  // namespace

Difference paired_difference(std::span<const double> base, std::span<const double> variant,
                             double confidence) {
  if (base.size() != variant.size())
    throw std::invalid_argument("paired difference of samples of different sizes");
  std::vector<double> differences(base.size());
  // variant - base per replication: a no-op change gives exactly 0.0 here.
  for (std::size_t r = 0; r < base.size(); ++r) differences[r] = variant[r] - base[r];
  Difference d;
  d.paired = summarize(differences, confidence);
  const Summary a = summarize(base, confidence);
  const Summary b = summarize(variant, confidence);
  d.unpaired_half_width = welch_half_width(a, b, confidence);
  const double var_paired = d.paired.sd * d.paired.sd;
  if (var_paired > 0.0) d.variance_reduction = (a.sd * a.sd + b.sd * b.sd) / var_paired;
  return d;
}

double welch_half_width(const Summary& a, const Summary& b, double confidence) {
  if (a.n < 2 || b.n < 2) return 0.0;
  const double va = a.sd * a.sd / static_cast<double>(a.n);
  const double vb = b.sd * b.sd / static_cast<double>(b.n);
  const double v = va + vb;
  if (v <= 0.0) return 0.0;
  const double df =
      v * v / (va * va / static_cast<double>(a.n - 1) + vb * vb / static_cast<double>(b.n - 1));
  return t_quantile(df, confidence) * std::sqrt(v);
}

double relative_half_width(const Summary& s) {
  if (s.half_width == 0.0) return 0.0;
  if (s.mean == 0.0) return std::numeric_limits<double>::infinity();
  return s.half_width / std::abs(s.mean);
}

Truncation mser_truncation(std::span<const double> series, std::size_t batch) {
  if (batch == 0) throw std::invalid_argument("MSER batch size must be positive");
  const std::size_t k = series.size() / batch;
  if (k < 2 * batch)
    throw std::invalid_argument("MSER needs a series of at least 2 * batch * batch observations");
  std::vector<double> z(k, 0.0);
  for (std::size_t j = 0; j < k; ++j) {
    for (std::size_t i = 0; i < batch; ++i) z[j] += series[j * batch + i];
    z[j] /= static_cast<double>(batch);
  }
  // Sums over the tail j >= d, accumulated backwards so every d costs O(1).
  std::vector<double> mser(k, 0.0);
  double sum = 0.0;
  double sum_sq = 0.0;
  for (std::size_t d = k; d-- > 0;) {
    // Shifted by z[k-1] for accuracy: the variance does not change.
    const double x = z[d] - z[k - 1];
    sum += x;
    sum_sq += x * x;
    const auto m = static_cast<double>(k - d);
    mser[d] = std::max(0.0, sum_sq - sum * sum / m) / (m * m);
  }
  // Keep at least 'batch' batches: MSER of the last few batches is noise.
  const std::size_t last = k - batch;
  const auto argmin = [&mser](std::size_t up_to) {
    std::size_t best = 0;
    for (std::size_t d = 1; d <= up_to; ++d)
      if (mser[d] < mser[best]) best = d;
    return best;
  };
  const std::size_t overall = argmin(last);
  Truncation t;
  t.batches = k;
  t.in_first_half = overall <= k / 2;
  t.observations = (t.in_first_half ? overall : argmin(k / 2)) * batch;
  return t;
}

std::vector<std::optional<double>> welch_moving_average(std::span<const double> series,
                                                        std::size_t window) {
  const std::size_t n = series.size();
  std::vector<std::optional<double>> out(n);
  for (std::size_t i = 0; i + window < n; ++i) {
    const std::size_t half = std::min(i, window);
    double sum = 0.0;
    for (std::size_t j = i - half; j <= i + half; ++j) sum += series[j];
    out[i] = sum / static_cast<double>(2 * half + 1);
  }
  return out;
}

}  // namespace flowsim::sim
