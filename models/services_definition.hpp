#pragma once
// Scenario parts for services that are not plain beds: visit-based home care,
// admission avoidance (step-up) services, referral of arrivals to them,
// readmissions after discharge and scheduled elective admissions. Resolved to
// indices by the loader, read-only at run time.
#include <array>
#include <cstdint>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include "models/ids.hpp"
#include "sim/distribution.hpp"

namespace flowsim::models {

// A whole number of visits a day: a normal with this mean and sd, rounded to
// the nearest integer and then clamped to [min, max].
struct RoundedNormal {
  double mean = 0.0;
  double sd = 0.0;  // 0: always round(mean), clamped
  std::int64_t min = 0;
  std::int64_t max = 0;
};

// One group's visits: the daily rate falls linearly over the episode from
// 'initial' on its first day to 'final' on its last, each day's visits
// rounded to a whole number. 'final' is never above 'initial'.
struct VisitProfile {
  RoundedNormal initial;
  RoundedNormal final_rate;
};

// A home-based service limited by visits a day rather than places: a patient
// starts only when today's booked visits plus their first day's visits fit.
// Stays are whole days (the drawn stay rounded, at least 1).
struct VisitCapacity {
  std::int64_t visits_per_day = 0;  // kUnlimited for no limit
  std::vector<VisitProfile> by_group;
  std::uint32_t purpose = 0;  // stream purpose of the visit-rate draws
};

// A service in front of A&E or of admission: a patient it has no room for
// goes on at once by the usual route (no wait); one it sees is resolved with
// a probability and otherwise passed on by the usual route.
struct AvoidanceService {
  std::vector<double> resolved_by_group;
  bool resolved_to_exit = true;
  std::uint32_t resolved_to = 0;  // exit or unit index
  std::uint32_t usual_route = 0;  // unit index: passed on, and taken when full
};

// Arrivals of a source referred to another unit first: a share of each group.
struct Referral {
  std::uint32_t unit = 0;
  std::vector<double> share_by_group;  // empty: no referral
  [[nodiscard]] bool active() const { return !share_by_group.empty(); }
};

// After a discharge from this unit to one of 'after_exits', the patient comes
// back with a probability as an emergency arrival at 'to', some time later.
struct Readmission {
  std::vector<double> probability_by_group;
  sim::Distribution delay_days;  // time from discharge to the return
  std::vector<bool> after_exit;  // by exit index
  std::uint32_t to = 0;          // unit
  std::uint32_t purpose = 0;
};

// Scheduled admissions into a unit by weekday. An operation that finds no
// free bed (or patients already waiting for one) is cancelled and, up to
// max_rebookings times, rebooked rebook_after_days later.
struct ElectiveStream {
  std::string name;
  std::uint32_t unit = 0;
  GroupId group = 0;
  std::array<std::int64_t, 7> per_weekday{};  // Monday first
  double at_hour = 8.0;
  std::int64_t rebook_after_days = 7;
  std::int64_t max_rebookings = 3;

  [[nodiscard]] std::int64_t booked_per_week() const {
    return std::accumulate(per_weekday.begin(), per_weekday.end(), std::int64_t{0});
  }
};

struct UnitServices {
  std::optional<VisitCapacity> visits;
  std::optional<AvoidanceService> avoidance;
  std::optional<Readmission> readmission;
};

}  // namespace flowsim::models
