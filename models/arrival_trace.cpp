#include "models/arrival_trace.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace flowsim::models {

namespace {

// The time of day (a fraction of the day) below which a share q of the
// hour-of-day profile's weight lies, uniform within each hour.
double profile_quantile(const std::array<double, 24>& hour_of_day, double q) {
  const double total = std::accumulate(hour_of_day.begin(), hour_of_day.end(), 0.0);
  double target = q * total;
  for (std::size_t h = 0; h < hour_of_day.size(); ++h) {
    if (hour_of_day[h] > 0.0 && target < hour_of_day[h])
      return (static_cast<double>(h) + target / hour_of_day[h]) / 24.0;
    target -= hour_of_day[h];
  }
  return std::nextafter(1.0, 0.0);
}

std::int64_t floor_mod(std::int64_t a, std::int64_t n) { return ((a % n) + n) % n; }

}  // namespace

double ArrivalRecord::begin_day() const {
  if (kind == Kind::Timestamps) return times_days.empty() ? 0.0 : std::floor(times_days.front());
  return static_cast<double>(first_bin) / bins_per_day();
}

double ArrivalRecord::end_day() const {
  if (kind == Kind::Timestamps) return times_days.empty() ? 0.0 : std::floor(times_days.back()) + 1.0;
  return static_cast<double>(first_bin + static_cast<std::int64_t>(counts.size())) / bins_per_day();
}

std::vector<double> counts_by_bin(const ArrivalRecord& record, std::size_t bins, double scale) {
  std::vector<double> out(bins, 0.0);
  const auto n = static_cast<std::int64_t>(record.counts.size());
  if (n == 0) return out;
  for (std::size_t k = 0; k < bins; ++k) {
    const std::int64_t index = floor_mod(static_cast<std::int64_t>(k) - record.first_bin, n);
    out[k] = scale * record.counts[static_cast<std::size_t>(index)];
  }
  return out;
}

std::vector<double> replay_times(const ArrivalRecord& record, const std::array<double, 24>& hour_of_day,
                                 double horizon_days, double scale) {
  std::vector<double> times;
  if (record.kind == ArrivalRecord::Kind::Timestamps) {
    if (record.times_days.empty()) return times;
    const double period = record.end_day() - record.begin_day();
    // Copies of the file that reach into [0, horizon): k periods later.
    const auto first_copy = static_cast<std::int64_t>(std::floor((0.0 - record.end_day()) / period)) + 1;
    const auto last_copy =
        static_cast<std::int64_t>(std::ceil((horizon_days - record.begin_day()) / period));
    for (std::int64_t k = first_copy; k <= last_copy; ++k)
      for (const double t : record.times_days) {
        const double at = t + static_cast<double>(k) * period;
        if (at >= 0.0 && at < horizon_days) times.push_back(at);
      }
    std::sort(times.begin(), times.end());
    return times;
  }
  const double per_day = record.bins_per_day();
  const auto bins = static_cast<std::size_t>(std::ceil(horizon_days * per_day));
  const auto counts = counts_by_bin(record, bins, 1.0);
  double cumulative = 0.0;
  std::int64_t placed = 0;
  for (std::size_t k = 0; k < bins; ++k) {
    cumulative += counts[k];
    const auto until_now = static_cast<std::int64_t>(std::llround(scale * cumulative));
    const std::int64_t n = until_now - placed;
    placed = until_now;
    for (std::int64_t i = 0; i < n; ++i) {
      const double q = (static_cast<double>(i) + 0.5) / static_cast<double>(n);
      const double within =
          record.kind == ArrivalRecord::Kind::DailyCounts ? profile_quantile(hour_of_day, q) : q;
      const double at = (static_cast<double>(k) + within) / per_day;
      if (at < horizon_days) times.push_back(at);
    }
  }
  return times;
}

}  // namespace flowsim::models
