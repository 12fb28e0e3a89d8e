#pragma once
// The immutable, fully resolved description of one scenario. Names are
// resolved to dense indices once, by the loader; at run time everything is
// an index into a vector. Shared read-only across threads.
#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "models/escalation.hpp"
#include "models/flow_rules.hpp"
#include "models/services_definition.hpp"
#include "sim/distribution.hpp"

namespace flowsim::models {

inline constexpr std::int64_t kUnlimited = std::numeric_limits<std::int64_t>::max();

enum class UnitKind : std::uint8_t {
  EmergencyDepartment,  // A&E: time in department, 4-hour and 12-hour measures
  Acute,
  Community,
  HomeCare,
  CareHome,
  Other,
};

// Where a route leads: a unit, or an exit (a sink such as home or died).
struct Destination {
  bool is_exit = false;
  std::uint32_t index = 0;
  friend bool operator==(const Destination&, const Destination&) = default;
};

// One group's routing out of a unit; chosen by inversion of one uniform.
struct RouteTable {
  std::vector<Destination> destinations;
  std::vector<double> cumulative;  // size destinations + 1, from 0 to 1
};

struct UnitCosts {
  double per_occupied_bed_day_gbp = 0.0;
  double per_available_bed_day_gbp = 0.0;  // staffed capacity, paid whether used or not
  double per_delayed_bed_day_gbp = 0.0;    // on top of the occupied bed-day
  double per_admission_gbp = 0.0;          // per attendance at A&E, per episode elsewhere
  double per_visit_gbp = 0.0;              // per home-care visit (units with visits)
  // Unserved demand, never free: each patient-day an arrival waits at the
  // door without a bed, each arrival turned away, and each patient the
  // measured period leaves waiting at the door (the growth of the queue
  // there, as in a gridlock) (models/cost_report.hpp).
  double per_waiting_day_gbp = 0.0;
  double per_diverted_gbp = 0.0;
  double per_left_waiting_gbp = 0.0;
};

// Today's census: patients already in the unit at time zero.
struct Census {
  std::int64_t patients = 0;
  // Elapsed stay of each patient, when known (size == patients); otherwise
  // residual stays come from the stationary excess distribution.
  std::vector<double> elapsed_days;
};

struct UnitDefinition {
  std::string name;
  UnitKind kind = UnitKind::Other;
  std::int64_t capacity = kUnlimited;
  std::int64_t queue_limit = kUnlimited;        // waiting places for arrivals; 0 diverts when full
  std::vector<sim::Distribution> los_by_group;  // in days
  // Seasonal multiplier of stays begun on each day of the run; empty: none.
  std::vector<double> los_by_day;
  std::vector<RouteTable> routes_by_group;
  UnitCosts costs;
  Census census;
  // Stream purpose of a stay here (length of stay and next route), derived
  // from the unit's name so that adding another unit changes no draw here.
  std::uint32_t stay_purpose = 0;
  UnitServices services;       // visits, admission avoidance, readmission (services_definition.hpp)
  UnitFlowRules flow;          // capacity calendar, discharge window, transfer delays, priorities
  EscalationRules escalation;  // OPEL-style levels (escalation.hpp); none by default
  [[nodiscard]] bool unlimited() const { return capacity == kUnlimited; }
};

struct ArrivalSource {
  std::string name;
  std::uint32_t unit = 0;
  double rate_per_day = 0.0;             // mean over the week, before growth
  std::array<double, 24> hour_of_day{};  // multipliers, normalised to mean 1
  std::array<double, 7> day_of_week{};   // Monday first; normalised to mean 1
  double growth_per_year = 0.0;          // compound: rate × (1 + g)^(t / 365)
  // Seasonal multiplier of the rate on each day of the run (month of the
  // year, date ranges, named dates); empty when the source has none.
  std::vector<double> rate_by_day;
  // Arrivals from a data file (arrivals.<source>.data, models/arrival_trace.hpp):
  // a count per hour of the run as a multiplier of rate_per_day, for a
  // Poisson process (empty unless the file counts hours), or the arrival
  // times themselves, replayed as they are (replay: no random numbers).
  std::vector<double> rate_by_hour;
  bool replay = false;
  std::vector<double> replay_days;       // sorted, each in [0, horizon)
  std::vector<double> group_cumulative;  // group mix of this source
  Referral referral;                     // a share of groups sent to another unit first
  [[nodiscard]] bool homogeneous() const;
};

struct GroupDefinition {
  std::string name;
  double share = 1.0;
};

struct RunSettings {
  double horizon_days = 0.0;  // total simulated time, warm-up included
  double warmup_days = 0.0;
  std::uint32_t replications = 1;
  std::uint64_t seed = 0;
  // Calendar of day 0: its weekday (0 = Monday, the default) and, when
  // run.start_date is given, its date as days since 1970-01-01.
  std::uint32_t start_weekday = 0;
  std::optional<std::int64_t> start_date_days;
  // Occupancy levels, as fractions of the capacity in force, at which the
  // "share of time at or above" and "share of midnights at or above" metrics
  // are reported (run.occupancy_thresholds): 85% is the level usually cited
  // as safe, 92% the NHS planning figure, 95% and 100% the point of access
  // block. Whole percentages, increasing (see check_occupancy_thresholds).
  std::vector<double> occupancy_thresholds{0.85, 0.92, 0.95, 1.00};
};

// A figure the scenario claims to reproduce (calibration:): the metric's
// mean over replications should lie within 'tolerance' of 'target'.
struct CalibrationTarget {
  std::string metric;  // a name as in summary.csv, checked at load
  double target = 0.0;
  double tolerance = 0.0;
  std::string source;  // where the target comes from (document and line)
};

struct ModelDefinition {
  std::string name;
  std::string description;
  std::vector<GroupDefinition> groups;
  std::vector<double> group_cumulative;  // default mix, used for census patients
  std::vector<UnitDefinition> units;
  std::vector<std::string> exits;
  std::vector<ArrivalSource> sources;
  std::vector<ElectiveStream> electives;
  RunSettings run;
  std::vector<CalibrationTarget> calibration;

  [[nodiscard]] std::optional<std::uint32_t> find_unit(const std::string& name) const;
};

}  // namespace flowsim::models
