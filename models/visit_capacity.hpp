#pragma once
// Visit-based home care: each patient's visits a day fall linearly over a
// stay of whole days, and a service with a daily visit capacity starts a
// patient only when today's booked visits plus the newcomer's fit.
#include <cstdint>
#include <vector>

#include "models/services_definition.hpp"
#include "sim/distribution.hpp"

namespace flowsim::models {

// One patient's visits: 'initial' on the first day of a 'days'-long stay,
// falling linearly to 'final_rate' on the last.
struct VisitPlan {
  std::int64_t days = 1;
  std::int64_t initial = 0;
  std::int64_t final_rate = 0;
  // Visits on day k (0-based) of the stay: the linear rate rounded half up.
  [[nodiscard]] std::int64_t on_day(std::int64_t k) const;
  [[nodiscard]] std::int64_t total() const;
};

// A whole number drawn by inversion of u: round(mean + sd z) clamped to
// [min, max].
[[nodiscard]] std::int64_t draw_rounded_normal(const RoundedNormal& rate, double u);

// The expected visits of one stay (VisitPlan::total) of a patient with this
// profile whose stay in days follows 'stay', by the rules of plan_visits:
// an exact sum over the whole-day stays and the rounded rates, leaving out
// only the stays longer than those with all but 1e-12 of the probability.
// Arrivals a day times this is the visits a day a unit is offered.
[[nodiscard]] double mean_visits_per_stay(const VisitProfile& profile, const sim::Distribution& stay);

// The plan of one patient from three uniforms: the stay (drawn from the
// unit's LOS, rounded to whole days, at least 1) and the two rates. The final
// rate is capped by the initial one: visits never rise over a stay.
[[nodiscard]] VisitPlan plan_visits(const VisitProfile& profile, double stay_days, double u_initial,
                                    double u_final);

// Visits booked on each calendar day (day d covers [d, d + 1)).
class VisitLedger {
 public:
  [[nodiscard]] std::int64_t booked_on(std::int64_t day) const;
  [[nodiscard]] bool fits(std::int64_t day, std::int64_t visits, std::int64_t capacity) const;
  void book(std::int64_t first_day, const VisitPlan& plan);
  // Mean and peak of the visits a day over the whole days in [first, last).
  [[nodiscard]] double mean(std::int64_t first, std::int64_t last) const;
  [[nodiscard]] std::int64_t peak(std::int64_t first, std::int64_t last) const;
  // How many of the whole days in [first, last) had 'level' visits or more.
  [[nodiscard]] std::int64_t days_at_or_above(std::int64_t first, std::int64_t last,
                                              std::int64_t level) const;

 private:
  std::vector<std::int64_t> booked_;
};

}  // namespace flowsim::models
