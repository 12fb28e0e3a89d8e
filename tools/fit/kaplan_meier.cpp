#include "tools/fit/kaplan_meier.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace flowsim::fit {

namespace {

bool is_event(const Observation& o) {
  return o.kind == Observed::Exact || o.kind == Observed::WholeDays;
}

// At risk at t means entry < t. A day count "known to be >= entry" is at
// risk at the day count entry itself, so half a day earlier; a stay not
// truncated is at risk from before 0 (a stay of zero days is an event at 0).
double entry_time(const Observation& o) {
  const bool days = o.kind == Observed::WholeDays || o.kind == Observed::WholeDaysAtLeast;
  if (days) return o.entry - 0.5;
  return o.entry > 0.0 ? o.entry : -1.0;
}

}  // namespace

KaplanMeier kaplan_meier(const LosSample& sample) {
  // At risk at t: value >= t and entry < t. Events at t: events with value t.
  struct Point {
    double value, entry, count;
    bool event;
  };
  std::vector<Point> points;
  for (const auto& o : sample.observations)
    points.push_back({o.value, entry_time(o), o.count, is_event(o)});
  std::sort(points.begin(), points.end(),
            [](const Point& a, const Point& b) { return a.value < b.value; });
  std::vector<std::pair<double, double>> entries;  // (entry, count)
  for (const auto& p : points) entries.emplace_back(p.entry, p.count);
  std::sort(entries.begin(), entries.end());
  std::vector<double> entry_cumulative(entries.size() + 1, 0.0);
  for (std::size_t i = 0; i < entries.size(); ++i)
    entry_cumulative[i + 1] = entry_cumulative[i] + entries[i].second;

  double total = entry_cumulative.back();
  double left_before = 0.0;  // count with value < t
  KaplanMeier km;
  double s = 1.0;
  for (std::size_t i = 0; i < points.size();) {
    const double t = points[i].value;
    double events = 0.0, leaving = 0.0;
    std::size_t j = i;
    for (; j < points.size() && points[j].value == t; ++j) {
      leaving += points[j].count;
      if (points[j].event) events += points[j].count;
    }
    // Those not yet entered at t: entry >= t.
    const auto first_not_entered = std::lower_bound(
        entries.begin(), entries.end(), std::make_pair(t, -std::numeric_limits<double>::infinity()));
    const double not_entered =
        total - entry_cumulative[static_cast<std::size_t>(first_not_entered - entries.begin())];
    const double at_risk = total - left_before - not_entered;
    if (events > 0.0 && at_risk > 0.0) {
      s *= 1.0 - events / at_risk;
      km.times.push_back(t);
      km.survival.push_back(s);
    }
    left_before += leaving;
    i = j;
  }
  return km;
}

double KaplanMeier::at(double t) const {
  const auto it = std::upper_bound(times.begin(), times.end(), t);
  if (it == times.begin()) return 1.0;
  return survival[static_cast<std::size_t>(it - times.begin()) - 1];
}

double KaplanMeier::quantile(double q) const {
  for (std::size_t i = 0; i < times.size(); ++i)
    if (survival[i] <= 1.0 - q + 1e-12) return times[i];
  return std::numeric_limits<double>::quiet_NaN();
}

double KaplanMeier::restricted_mean() const {
  if (times.empty()) return std::numeric_limits<double>::quiet_NaN();  // no discharge: nothing known
  double area = 0.0, previous_time = 0.0, previous_s = 1.0;
  for (std::size_t i = 0; i < times.size(); ++i) {
    area += previous_s * (times[i] - previous_time);
    previous_time = times[i];
    previous_s = survival[i];
  }
  return area;
}

}  // namespace flowsim::fit
