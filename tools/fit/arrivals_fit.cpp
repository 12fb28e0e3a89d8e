#include "tools/fit/arrivals_fit.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "models/scenario/calendar_text.hpp"

namespace flowsim::fit {

namespace {

int weekday_of(double days) {  // 0 = Monday; 1970-01-01 was a Thursday
  const auto d = static_cast<long long>(std::floor(days));
  return static_cast<int>(((d + 3) % 7 + 7) % 7);
}

int month_of(double days) {
  return static_cast<int>(static_cast<unsigned>(
             scenario::month_day_of(static_cast<std::int64_t>(std::floor(days))).month())) -
         1;
}

// Counts divided by exposure, scaled to mean 1 over the entries with
// exposure; an entry without exposure gets 1.
std::vector<double> profile(const std::vector<double>& counts, const std::vector<double>& exposure) {
  std::vector<double> rates(counts.size(), 0.0);
  double sum = 0.0;
  int seen = 0;
  for (std::size_t i = 0; i < counts.size(); ++i)
    if (exposure[i] > 0.0) {
      rates[i] = counts[i] / exposure[i];
      sum += rates[i];
      ++seen;
    }
  const double mean = seen > 0 ? sum / seen : 0.0;
  for (std::size_t i = 0; i < rates.size(); ++i)
    rates[i] = exposure[i] > 0.0 && mean > 0.0 ? rates[i] / mean : 1.0;
  return rates;
}

struct Slope {
  double per_day = 0.0;
  double standard_error = 0.0;  // from the Fisher information
};

// Poisson regression of daily counts c_d on the day d: log rate = a + b d.
// The score for b with a profiled out is monotone in b, so bisection finds
// the root. Its information is the total count times the variance of the day
// under the fitted rate.
Slope log_linear_slope(const std::vector<double>& daily) {
  const double total = std::accumulate(daily.begin(), daily.end(), 0.0);
  double weighted = 0.0;
  for (std::size_t d = 0; d < daily.size(); ++d) weighted += daily[d] * static_cast<double>(d);
  const double target = weighted / total;  // observed mean day of an arrival
  const auto fitted_mean_day = [&daily](double b) {
    double num = 0.0, den = 0.0;
    const double centre = static_cast<double>(daily.size()) / 2.0;
    for (std::size_t d = 0; d < daily.size(); ++d) {
      const double w = std::exp(b * (static_cast<double>(d) - centre));
      num += w * static_cast<double>(d);
      den += w;
    }
    return num / den;
  };
  double low = -0.05, high = 0.05;  // per day: far beyond any real growth
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (low + high);
    (fitted_mean_day(mid) < target ? low : high) = mid;
  }
  const double b = 0.5 * (low + high);
  const double centre = static_cast<double>(daily.size()) / 2.0;
  double den = 0.0, m1 = 0.0, m2 = 0.0;
  for (std::size_t d = 0; d < daily.size(); ++d) {
    const double w = std::exp(b * (static_cast<double>(d) - centre));
    den += w;
    m1 += w * static_cast<double>(d);
    m2 += w * static_cast<double>(d) * static_cast<double>(d);
  }
  const double variance = m2 / den - (m1 / den) * (m1 / den);
  return {b, 1.0 / std::sqrt(total * variance)};
}

}  // namespace

std::vector<ArrivalFit> fit_arrivals(const Extract& extract, const FitScope& scope) {
  // (source, unit) in order of first appearance.
  std::vector<ArrivalFit> fits;
  std::vector<std::vector<const Episode*>> members;
  for (const auto& e : extract.episodes) {
    if (!scope.fitted(e.unit) || scope.fitted(e.source)) continue;
    if (e.admitted < scope.window_start) continue;
    auto it = std::find_if(fits.begin(), fits.end(), [&e](const ArrivalFit& f) {
      return f.source == e.source && f.unit == e.unit;
    });
    if (it == fits.end()) {
      fits.push_back({});
      fits.back().source = e.source;
      fits.back().unit = e.unit;
      members.emplace_back();
      it = fits.end() - 1;
    }
    members[static_cast<std::size_t>(it - fits.begin())].push_back(&e);
  }
  for (std::size_t i = 0; i < fits.size(); ++i) {
    auto& f = fits[i];
    const auto& episodes = members[i];
    // The window of the file these admissions come from.
    const auto& file = extract.files[episodes.front()->file];
    const double start = scope.window_given ? scope.window_start : file.first_admission;
    const double end = file.extract_moment;
    const double window = end - start;
    const auto whole_days = static_cast<std::size_t>(std::ceil(window - 1e-9));
    // A source feeding one unit keeps its name; one feeding several is
    // split by unit; no source at all is "<unit>_admissions".
    const auto units_of_source = std::count_if(
        fits.begin(), fits.end(), [&f](const ArrivalFit& g) { return g.source == f.source; });
    f.name = f.source.empty()      ? f.unit + "_admissions"
             : units_of_source > 1 ? f.source + "_to_" + f.unit
                                   : f.source;
    f.count = static_cast<double>(episodes.size());
    f.window_start = start;
    f.window_days = window;
    f.mean_rate = f.count / window;
    const double half = 1.959963984540054 * std::sqrt(f.count) / window;
    f.mean_rate_low = std::max(0.0, f.mean_rate - half);
    f.mean_rate_high = f.mean_rate + half;
    f.rate_per_day = f.mean_rate;

    std::vector<double> daily(whole_days, 0.0), hours(24, 0.0), weekdays(7, 0.0), months(12, 0.0);
    bool timed = true;
    for (const Episode* e : episodes) {
      const auto day = static_cast<std::size_t>(std::floor(e->admitted - start));
      if (day < daily.size()) daily[day] += 1.0;
      weekdays[static_cast<std::size_t>(weekday_of(e->admitted))] += 1.0;
      months[static_cast<std::size_t>(month_of(e->admitted))] += 1.0;
      if (e->whole_days) timed = false;
      else
        hours[static_cast<std::size_t>(std::floor((e->admitted - std::floor(e->admitted)) * 24.0)) %
              24] += 1.0;
      f.groups[scope.group_of(*e)] += 1.0;
    }
    // Exposure: the days (whole or part) of each weekday and month in the window.
    std::vector<double> weekday_days(7, 0.0), month_days(12, 0.0);
    for (double d = std::floor(start); d < end; d += 1.0) {
      const double covered = std::min(d + 1.0, end) - std::max(d, start);
      weekday_days[static_cast<std::size_t>(weekday_of(d))] += covered;
      month_days[static_cast<std::size_t>(month_of(d))] += covered;
    }
    f.day_of_week = profile(weekdays, weekday_days);
    if (timed) f.hour_of_day = profile(hours, std::vector<double>(24, 1.0));
    if (window >= 365.0 - 1e-9) {
      f.month_of_year = profile(months, month_days);
      if (f.count > 0.0) {
        const auto fitted = log_linear_slope(daily);
        const double slope = fitted.per_day;
        f.growth_per_year = std::expm1(365.0 * slope);
        f.growth_low = std::expm1(365.0 * (slope - 1.959963984540054 * fitted.standard_error));
        f.growth_high = std::expm1(365.0 * (slope + 1.959963984540054 * fitted.standard_error));
        // The rate at the extract date, where the scenario's run starts: the
        // fitted curve's end, which has the window's mean rate as its average.
        const double n = static_cast<double>(daily.size());
        const double mean_factor = std::abs(slope) < 1e-12 ? 1.0 : std::expm1(slope * n) / (slope * n);
        f.rate_per_day = f.mean_rate * std::exp(slope * n) / mean_factor;
      }
    }
  }
  return fits;
}

}  // namespace flowsim::fit
