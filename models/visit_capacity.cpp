#include "models/visit_capacity.hpp"

#include <algorithm>
#include <cmath>

#include <boost/math/special_functions/erf.hpp>

#include "models/model_definition.hpp"

namespace flowsim::models {

namespace {
using DoublePolicy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;

std::int64_t round_half_up(double x) { return static_cast<std::int64_t>(std::floor(x + 0.5)); }
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
  std::int64_t sum = 0;
  for (std::int64_t k = 0; k < days; ++k) sum += on_day(k);
  return sum;
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

std::int64_t VisitLedger::peak(std::int64_t first, std::int64_t last) const {
  std::int64_t highest = 0;
  for (std::int64_t d = first; d < last; ++d) highest = std::max(highest, booked_on(d));
  return highest;
}

}  // namespace flowsim::models
