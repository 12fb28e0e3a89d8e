#include "models/visit_capacity.hpp"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include <boost/math/special_functions/erf.hpp>

#include "models/model_definition.hpp"

namespace flowsim::models {

namespace {
using DoublePolicy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;

std::int64_t round_half_up(double x) { return static_cast<std::int64_t>(std::floor(x + 0.5)); }

// The sum over k = 0 .. n-1 of floor((a k + b) / m), for a, b >= 0 and m > 0,
// in O(log) steps: the whole parts of a / m and b / m are summed directly;
// what is left counts lattice points under a line, which is the same sum with
// the roles of a and m exchanged (as in Euclid's algorithm).
std::uint64_t floor_sum(std::uint64_t n, std::uint64_t m, std::uint64_t a, std::uint64_t b) {
  std::uint64_t sum = 0;
  while (n > 0) {
    sum += (a / m) * (n * (n - 1) / 2) + (b / m) * n;
    a %= m;
    b %= m;
    const std::uint64_t top = a * n + b;
    if (top < m) break;
    n = top / m;
    b = top % m;
    std::swap(a, m);
  }
  return sum;
}

double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

// The values of draw_rounded_normal with their probabilities: the mass
// rounding below min goes to min and the mass above max to max. Beyond 12 sd
// a normal holds no probability a double can add to 1.
std::vector<std::pair<std::int64_t, double>> rounded_normal_values(const RoundedNormal& rate) {
  const double reach = 12.0 * rate.sd;
  const std::int64_t low = std::max(rate.min, round_half_up(rate.mean - reach));
  const std::int64_t high = std::min(rate.max, round_half_up(rate.mean + reach));
  if (!(rate.sd > 0.0) || high <= low)
    return {{std::clamp(round_half_up(rate.mean), rate.min, rate.max), 1.0}};
  std::vector<std::pair<std::int64_t, double>> values;
  double below = 0.0;
  for (std::int64_t k = low; k <= high; ++k) {
    const double upto =
        k == high ? 1.0 : normal_cdf((static_cast<double>(k) + 0.5 - rate.mean) / rate.sd);
    values.emplace_back(k, upto - below);
    below = upto;
  }
  return values;
}
}  // namespace

std::int64_t VisitPlan::on_day(std::int64_t k) const {
  if (days <= 1) return initial;
  // initial + (final - initial) k / (days - 1), rounded half up, in integers
  // so that no day depends on floating-point rounding. The value is >= 0.
  const std::int64_t span = days - 1;
  const std::int64_t numerator = initial * span + (final_rate - initial) * std::min(k, span);
  return (2 * numerator + span) / (2 * span);
}

std::int64_t VisitPlan::total() const {
  if (days <= 1) return initial;
  if (final_rate > initial) {  // never from plan_visits, which caps the final rate
    std::int64_t sum = 0;
    for (std::int64_t k = 0; k < days; ++k) sum += on_day(k);
    return sum;
  }
  // The days counted from the last, k' = span - k, have visits
  // floor((2 (initial - final) k' + (2 final + 1) span) / (2 span)): a
  // rising line with no negative term, summed in closed form so that long
  // stays cost no more than short ones.
  const auto span = static_cast<std::uint64_t>(days - 1);
  return static_cast<std::int64_t>(floor_sum(static_cast<std::uint64_t>(days), 2 * span,
                                             static_cast<std::uint64_t>(2 * (initial - final_rate)),
                                             static_cast<std::uint64_t>(2 * final_rate + 1) * span));
}

double mean_visits_per_stay(const VisitProfile& profile, const sim::Distribution& stay) {
  const auto initial = rounded_normal_values(profile.initial);
  const auto final_rate = rounded_normal_values(profile.final_rate);
  // A stay of x days lasts max(1, floor(x + 0.5)) whole days, so d days when
  // d - 0.5 <= x < d + 0.5; the cdf is taken just below each bound.
  const auto below = [&stay](double x) { return stay.cdf(std::nextafter(x, -INFINITY)); };
  // Stays are summed until all but 1e-12 of the probability is reached, and
  // never beyond the 1 - 1e-12 quantile (a cdf that stops just short of 1
  // must not keep the loop going) or a million days.
  constexpr double kLeftOut = 1e-12;
  const double longest = stay.quantile(1.0 - kLeftOut);
  const std::int64_t last_day = std::isfinite(longest) && longest < 1e6
                                    ? std::max<std::int64_t>(1, round_half_up(longest) + 1)
                                    : std::int64_t{1'000'000};
  double expected = 0.0;
  double reached = 0.0;  // P(fewer than d + 0.5 days)
  for (std::int64_t d = 1; d <= last_day && reached < 1.0 - kLeftOut; ++d) {
    const double upto = below(static_cast<double>(d) + 0.5);
    const double p_days = upto - reached;
    reached = upto;
    if (!(p_days > 0.0)) continue;
    for (const auto& [first, p_first] : initial)
      for (const auto& [last, p_last] : final_rate)
        expected += p_days * p_first * p_last *
                    static_cast<double>(VisitPlan{d, first, std::min(last, first)}.total());
  }
  return expected;
}

std::int64_t draw_rounded_normal(const RoundedNormal& rate, double u) {
  const double z = -std::sqrt(2.0) * boost::math::erfc_inv(2.0 * u, DoublePolicy());
  const double x = rate.mean + rate.sd * z;
  return std::clamp(round_half_up(x), rate.min, rate.max);
}

VisitPlan plan_visits(const VisitProfile& profile, double stay_days, double u_initial, double u_final) {
  VisitPlan plan;
  plan.days = std::max<std::int64_t>(1, round_half_up(stay_days));
  plan.initial = draw_rounded_normal(profile.initial, u_initial);
  plan.final_rate = std::min(draw_rounded_normal(profile.final_rate, u_final), plan.initial);
  return plan;
}

std::int64_t VisitLedger::booked_on(std::int64_t day) const {
  const auto d = static_cast<std::size_t>(std::max<std::int64_t>(day, 0));
  return d < booked_.size() ? booked_[d] : 0;
}

bool VisitLedger::fits(std::int64_t day, std::int64_t visits, std::int64_t capacity) const {
  return capacity == kUnlimited || booked_on(day) + visits <= capacity;
}

void VisitLedger::book(std::int64_t first_day, const VisitPlan& plan) {
  const auto first = static_cast<std::size_t>(std::max<std::int64_t>(first_day, 0));
  const auto end = first + static_cast<std::size_t>(plan.days);
  if (booked_.size() < end) booked_.resize(end, 0);
  for (std::int64_t k = 0; k < plan.days; ++k)
    booked_[first + static_cast<std::size_t>(k)] += plan.on_day(k);
}

double VisitLedger::mean(std::int64_t first, std::int64_t last) const {
  if (last <= first) return 0.0;
  double sum = 0.0;
  for (std::int64_t d = first; d < last; ++d) sum += static_cast<double>(booked_on(d));
  return sum / static_cast<double>(last - first);
}

std::int64_t VisitLedger::days_at_or_above(std::int64_t first, std::int64_t last,
                                           std::int64_t level) const {
  std::int64_t days = 0;
  for (std::int64_t d = first; d < last; ++d) days += booked_on(d) >= level ? 1 : 0;
  return days;
}

std::int64_t VisitLedger::peak(std::int64_t first, std::int64_t last) const {
  std::int64_t highest = 0;
  for (std::int64_t d = first; d < last; ++d) highest = std::max(highest, booked_on(d));
  return highest;
}

}  // namespace flowsim::models
