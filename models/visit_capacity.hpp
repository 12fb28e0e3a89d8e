#pragma once
// Visit-based home care: each patient's visits a day fall linearly over a
// stay of whole days, and a service with a daily visit capacity starts a
// patient only when today's booked visits plus the newcomer's fit.
#include <cstdint>
#include <vector>

#include "models/services_definition.hpp"

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

 private:
  std::vector<std::int64_t> booked_;
};

}  // namespace flowsim::models
