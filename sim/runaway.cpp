#include "sim/runaway.hpp"

#include <algorithm>
#include <cmath>

#include "sim/statistics.hpp"

namespace flowsim::sim {

namespace {

std::vector<double> trailing_mean(const std::vector<double>& series, std::size_t window) {
  std::vector<double> smoothed(series.size());
  double sum = 0.0;
  for (std::size_t d = 0; d < series.size(); ++d) {
    sum += series[d];
    if (d >= window) sum -= series[d - window];
    smoothed[d] = sum / static_cast<double>(std::min(d + 1, window));
  }
  return smoothed;
}

}  // namespace

std::vector<std::optional<std::size_t>> runaway_from(const std::vector<std::vector<double>>& series,
                                                     std::size_t first_measured_day,
                                                     const RunawayRule& rule) {
  std::vector<std::optional<std::size_t>> found(series.size());
  if (series.empty()) return found;
  std::size_t shortest = series.front().size();
  for (const auto& s : series) shortest = std::min(shortest, s.size());
  const std::size_t window = std::max<std::size_t>(rule.smoothing_days, 1);
  if (first_measured_day >= shortest) return found;
  const std::size_t reference_days = (shortest - first_measured_day) / 2;
  if (reference_days < window) return found;

  std::vector<std::vector<double>> smoothed;
  std::vector<double> reference;
  for (const auto& s : series) {
    smoothed.push_back(trailing_mean(s, window));
    const auto begin = smoothed.back().begin() + static_cast<std::ptrdiff_t>(first_measured_day);
    reference.insert(reference.end(), begin, begin + static_cast<std::ptrdiff_t>(reference_days));
  }
  const double typical = sample_quantile(reference, 0.5);
  for (double& x : reference) x = std::abs(x - typical);
  const double spread = 1.4826 * sample_quantile(reference, 0.5);
  const double alarm = typical + std::max(rule.spread_multiple * spread, rule.min_excess);

  for (std::size_t r = 0; r < smoothed.size(); ++r) {
    const auto& m = smoothed[r];
    if (m.empty() || m.back() <= alarm) continue;
    std::size_t from = m.size();
    while (from > 0 && m[from - 1] > typical) --from;
    if (m.size() - from >= rule.min_days) found[r] = from;
  }
  return found;
}

}  // namespace flowsim::sim
