#include "models/scenario/scenario_schema.hpp"

#include <algorithm>
#include <stdexcept>

namespace flowsim::scenario {

namespace {

using enum ValueKind;
constexpr auto kYes = Requirement::Yes;
constexpr auto kWhen = Requirement::Conditional;

// A probability or share.
constexpr NumberRule kFraction{.min = 0.0, .max = 1.0};
constexpr NumberRule kNonNegative{.min = 0.0};
// Escalation level labels (OPEL 1 to 4, or any whole number to 99).
constexpr NumberRule kLevelLabel{.min = 0.0, .max = 99.0};
// A bed-count change of a capacity pattern.
constexpr NumberRule kBedChange{.min = -1e9, .max = 1e9};
// A seasonal multiplier: above this it is a typing error.
constexpr NumberRule kMultiplier{.min = 0.0, .max = 100.0};

std::vector<KeySpec> scenario_rows() {
  return {
      // ---- top level (section 2) -------------------------------------------
      {.path = "name", .kinds = {Text}, .required = kYes, .doc = "Scenario name, copied into the outputs."},
      {.path = "description", .kinds = {Text}, .default_value = "empty", .doc = "Free text."},
      {.path = "run", .kinds = {Map}, .required = kYes,
       .doc = "Run length, warm-up, replications, seed (section 3)."},
      {.path = "groups", .kinds = {NamedMap}, .default_value = "one group `all` with share 1",
       .doc = "Patient groups and their shares of arrivals (section 4)."},
      {.path = "exits", .kinds = {List}, .required = kYes,
       .doc = "Sinks where patients leave the model, such as [home, died] (section 5)."},
      {.path = "units", .kinds = {NamedMap}, .required = kYes, .doc = "Beds and services, by name (section 6)."},
      {.path = "arrivals", .kinds = {NamedMap}, .required = kYes, .doc = "Arrival sources, by name (section 7)."},
      {.path = "electives", .kinds = {NamedMap}, .default_value = "none",
       .doc = "Scheduled elective admissions (section 14)."},
      {.path = "sweep", .kinds = {Map}, .default_value = "none",
       .doc = "A parameter sweep of this scenario, read only by `flowsim sweep` (sweeps_and_clusters.md); every other command runs the scenario as written."},
      {.path = "calibration", .kinds = {List}, .default_value = "none",
       .doc = "Figures the scenario claims to reproduce; every run prints its distance to each (section 15)."},

      // ---- run (section 3) ---------------------------------------------------
      {.path = "run.horizon_days", .kinds = {Number}, .bounds = {.greater_than = 0.0, .max = 36525.0},
       .required = kYes, .unit = "days", .doc = "Total simulated time in days, warm-up included."},
      {.path = "run.warmup_days", .kinds = {Number}, .bounds = kNonNegative, .required = kYes, .unit = "days",
       .doc = "Statistics are reset at this time (less than horizon_days); metrics cover horizon_days - warmup_days."},
      {.path = "run.replications", .kinds = {Integer}, .bounds = {.min = 1.0, .max = 1073741824.0},
       .required = kYes, .doc = "Independent replications; `flowsim run --reps N` overrides it."},
      {.path = "run.seed", .kinds = {Integer}, .bounds = kNonNegative, .required = kYes,
       .doc = "Master seed; `flowsim run --seed S` overrides it."},
      {.path = "run.start_date", .kinds = {Date}, .default_value = "none (day 0 a Monday)",
       .doc = "Calendar date of day 0 (section 13.1); needed by seasons, dated capacity changes and arrival data by date."},
      {.path = "run.occupancy_thresholds", .kinds = {List}, .default_value = "[0.85, 0.92, 0.95, 1.0]",
       .doc = "Occupancy levels of the time_at_or_above_NNpct and midnight_days_at_or_above_NNpct metrics: one to eight increasing whole percentages written as fractions (0.92 for 92%)."},
      {.path = "run.occupancy_thresholds[]", .kinds = {Number}, .bounds = {.greater_than = 0.0, .max = 1.0},
       .unit = "share", .doc = "An occupancy level as a fraction of the capacity."},

      // ---- groups, exits (sections 4, 5) -------------------------------------
      {.path = "groups.*", .kinds = {Number}, .bounds = kFraction, .unit = "share",
       .doc = "The group's share of arrivals; the shares sum to 1."},
      {.path = "exits[]", .kinds = {Text}, .doc = "An exit name, unique and different from every unit name."},

      // ---- units (section 6) -------------------------------------------------
      {.path = "units.*", .kinds = {Map}, .doc = "A unit: beds or places with a length of stay and routes out."},
      {.path = "units.*.kind", .kinds = {Text}, .default_value = "other",
       .doc = "What the unit is, for reports and the exits' split in and out of hospital (6.1).",
       .allowed = {"emergency_department", "acute", "community", "home_care", "care_home", "other"}},
      {.path = "units.*.capacity", .kinds = {Count}, .bounds = kNonNegative, .required = kYes, .unit = "beds",
       .doc = "Beds or places, or `unlimited` (6.2); at most 2^40."},
      {.path = "units.*.queue_limit", .kinds = {Count}, .bounds = kNonNegative, .default_value = "unlimited",
       .unit = "patients", .doc = "Arrivals that may wait at the door; one more is diverted (6.3)."},
      {.path = "units.*.los", .kinds = {Ref, NamedMap}, .required = kYes, .unit = "time unit of the distribution",
       .doc = "Length of stay: one distribution, or a map group -> distribution (6.4, section 8).",
       .ref = "distribution"},
      {.path = "units.*.routes", .kinds = {NamedMap}, .required = kWhen, .required_when = "unless `avoidance`",
       .doc = "Where patients go next: map target -> probability, or group -> (target -> probability); probabilities sum to 1 (6.5)."},
      {.path = "units.*.costs", .kinds = {Map}, .default_value = "all 0", .doc = "Prices of the unit's activity (6.6)."},
      {.path = "units.*.initial", .kinds = {Map}, .default_value = "empty unit",
       .doc = "A census to start from instead of an empty unit (6.7)."},
      {.path = "units.*.los_seasonal", .kinds = {Ref}, .default_value = "none",
       .doc = "Seasonal multipliers of the length of stay, as arrivals' `seasonal` (7.1); needs run.start_date.",
       .ref = "seasonal"},
      {.path = "units.*.escalation", .kinds = {Map}, .default_value = "none",
       .doc = "OPEL-style escalation levels that open extra beds and divert or cancel (section 16)."},
      {.path = "units.*.visits", .kinds = {Map}, .default_value = "none",
       .doc = "Home care limited by visits a day rather than beds (14.1)."},
      {.path = "units.*.avoidance", .kinds = {Map}, .default_value = "none",
       .doc = "An admission avoidance service that resolves some patients and passes the rest on (14.2)."},
      {.path = "units.*.readmission", .kinds = {Map}, .default_value = "none",
       .doc = "Readmissions after discharge from the unit (14.4)."},
      {.path = "units.*.capacity_changes", .kinds = {List}, .default_value = "none",
       .doc = "Capacity from a day or date on: a list of {day: N, capacity: C} or {date: YYYY-MM-DD, capacity: C} (13.2)."},
      {.path = "units.*.capacity_pattern", .kinds = {Map}, .default_value = "none",
       .doc = "Recurring seasonal and weekly additions to the capacity (13.3)."},
      {.path = "units.*.discharge_window", .kinds = {Map}, .default_value = "any time",
       .doc = "When fit patients may leave: {hours: [open, close], weekend_rate: r} (13.5)."},
      {.path = "units.*.transfer_delay", .kinds = {NamedMap}, .default_value = "none",
       .doc = "Prescribed delay before moving on: map destination -> distribution (13.6)."},
      {.path = "units.*.queue_priority", .kinds = {Map}, .default_value = "first come, first served",
       .doc = "Order of the unit's waiting list: {by: source or group, levels: {...}, default: n} (13.7)."},

      {.path = "units.*.los.*", .kinds = {Ref}, .doc = "The length of stay of one patient group.", .ref = "distribution"},
      {.path = "units.*.routes.*", .kinds = {Number, NamedMap}, .bounds = kFraction, .unit = "probability",
       .doc = "The probability of going to this unit or exit, or (by group) the group's map target -> probability."},
      {.path = "units.*.routes.*.*", .kinds = {Number}, .bounds = kFraction, .unit = "probability",
       .doc = "The probability that a patient of this group goes to this unit or exit."},

      // units.*.costs (6.6)
      {.path = "units.*.costs.per_occupied_bed_day", .kinds = {Number}, .bounds = kNonNegative, .default_value = "0",
       .unit = "GBP", .doc = "Variable: each bed-day occupied, delayed patients included."},
      {.path = "units.*.costs.per_available_bed_day", .kinds = {Number}, .bounds = kNonNegative, .default_value = "0",
       .unit = "GBP", .doc = "Fixed: each bed-day of staffed capacity, used or not; ignored for unlimited units."},
      {.path = "units.*.costs.per_delayed_bed_day", .kinds = {Number}, .bounds = kNonNegative, .default_value = "0",
       .unit = "GBP", .doc = "Variable: each bed-day held by a patient waiting to leave, on top of per_occupied_bed_day."},
      {.path = "units.*.costs.per_admission", .kinds = {Number}, .bounds = kNonNegative, .default_value = "0",
       .unit = "GBP", .doc = "Variable: each admission to the unit in the measured period (transfers in count)."},
      {.path = "units.*.costs.per_visit", .kinds = {Number}, .bounds = kNonNegative, .default_value = "0",
       .unit = "GBP", .doc = "Variable: each home-care visit made (units with `visits`)."},
      {.path = "units.*.costs.per_waiting_day", .kinds = {Number}, .bounds = kNonNegative, .default_value = "0",
       .unit = "GBP", .doc = "Unserved: each patient-day an arrival waits at the door without a bed."},
      {.path = "units.*.costs.per_diverted", .kinds = {Number}, .bounds = kNonNegative, .default_value = "0",
       .unit = "GBP", .doc = "Unserved: each arrival turned away because no bed and no waiting place was free."},
      {.path = "units.*.costs.per_left_waiting", .kinds = {Number}, .bounds = kNonNegative, .default_value = "0",
       .unit = "GBP", .doc = "Unserved: each patient the measured period leaves waiting at the door (the one to price a gridlock with)."},

      // units.*.initial (6.7)
      {.path = "units.*.initial.patients", .kinds = {Integer}, .bounds = kNonNegative, .required = kYes,
       .unit = "patients", .doc = "Patients in the unit at time 0; at most the capacity."},
      {.path = "units.*.initial.elapsed_days", .kinds = {Text, List}, .required = kYes, .unit = "days",
       .doc = "`unknown`, or one elapsed stay per patient.", .allowed = {"unknown"}},
      {.path = "units.*.initial.elapsed_days[]", .kinds = {Number}, .bounds = kNonNegative, .unit = "days",
       .doc = "Days one patient has already stayed."},

      // units.*.escalation (section 16)
      {.path = "units.*.escalation.at", .kinds = {Text, List}, .required = kYes,
       .doc = "When the level is reviewed: `continuous` (after every event), or a list of bed-meeting times \"HH:MM\", increasing.",
       .allowed = {"continuous"}},
      {.path = "units.*.escalation.at[]", .kinds = {Text}, .doc = "A review time of day, \"HH:MM\" (00:00 to 23:59)."},
      {.path = "units.*.escalation.normal_level", .kinds = {Integer}, .bounds = kLevelLabel, .default_value = "1",
       .doc = "The label of the state below the first level, used in metric names."},
      {.path = "units.*.escalation.levels", .kinds = {List}, .required = kYes,
       .doc = "One to eight levels {level, rise, fall, open_beds}, lowest first."},
      {.path = "units.*.escalation.levels[]", .kinds = {Map}, .doc = "One escalation level."},
      {.path = "units.*.escalation.levels[].level", .kinds = {Integer}, .bounds = kLevelLabel, .required = kYes,
       .doc = "Its label (3 for OPEL 3), above the previous one."},
      {.path = "units.*.escalation.levels[].rise", .kinds = {Ref}, .required = kYes,
       .doc = "The level is entered from the one below when the measure is at or above the threshold.", .ref = "trigger"},
      {.path = "units.*.escalation.levels[].fall", .kinds = {Ref}, .required = kYes,
       .doc = "The same measure as rise with a lower threshold: the level is left when the measure is at or below it.",
       .ref = "trigger"},
      {.path = "units.*.escalation.levels[].open_beds", .kinds = {Integer}, .bounds = kNonNegative,
       .default_value = "the level below's", .unit = "beds",
       .doc = "Escalation beds in force at this level, on top of the capacity; at least the level below's."},
      {.path = "units.*.escalation.bed_day_cost_gbp", .kinds = {Number}, .bounds = kNonNegative, .default_value = "0",
       .unit = "GBP", .doc = "Cost of each escalation bed for each day it is open (the premium over per_available_bed_day)."},
      {.path = "units.*.escalation.cancel_electives_from", .kinds = {Integer}, .bounds = kLevelLabel,
       .default_value = "never", .doc = "A level label: electives due at this level or above are cancelled (and rebooked)."},
      {.path = "units.*.escalation.divert_arrivals_from", .kinds = {Integer}, .bounds = kLevelLabel,
       .default_value = "never", .doc = "A level label: new arrivals at this level or above are diverted to another site."},

      // units.*.visits (14.1)
      {.path = "units.*.visits.per_day", .kinds = {Count}, .bounds = kNonNegative, .required = kYes,
       .unit = "visits/day", .doc = "Visits the service can make a day; at least every group's initial.max."},
      {.path = "units.*.visits.initial", .kinds = {Ref, NamedMap}, .required = kYes, .unit = "visits/day",
       .doc = "Visits on the first day of the stay: a rate, or map group -> rate.", .ref = "rate"},
      {.path = "units.*.visits.final", .kinds = {Ref, NamedMap}, .required = kYes, .unit = "visits/day",
       .doc = "Visits on the last day (capped by the patient's initial rate): a rate, or map group -> rate.",
       .ref = "rate"},
      {.path = "units.*.visits.initial.*", .kinds = {Ref}, .doc = "One group's first-day visits.", .ref = "rate"},
      {.path = "units.*.visits.final.*", .kinds = {Ref}, .doc = "One group's last-day visits.", .ref = "rate"},

      // units.*.avoidance (14.2)
      {.path = "units.*.avoidance.resolved", .kinds = {Number, NamedMap}, .bounds = kFraction, .required = kYes,
       .unit = "probability", .doc = "The chance that a patient seen is resolved: one number, or map group -> probability."},
      {.path = "units.*.avoidance.resolved.*", .kinds = {Number}, .bounds = kFraction, .unit = "probability",
       .doc = "One group's chance of being resolved."},
      {.path = "units.*.avoidance.resolved_to", .kinds = {Text}, .required = kYes,
       .doc = "Exit or unit where resolved patients go (usually home); not the usual route."},
      {.path = "units.*.avoidance.usual_route", .kinds = {Text}, .required = kYes,
       .doc = "Unit where patients go when passed on, and at once when the service is full; not itself an avoidance service."},

      // units.*.readmission (14.4)
      {.path = "units.*.readmission.probability", .kinds = {Number, NamedMap}, .bounds = kFraction, .required = kYes,
       .unit = "probability", .doc = "The chance of a readmission: one number, or map group -> probability."},
      {.path = "units.*.readmission.probability.*", .kinds = {Number}, .bounds = kFraction, .unit = "probability",
       .doc = "One group's chance of a readmission."},
      {.path = "units.*.readmission.within_days", .kinds = {Number, Ref}, .bounds = {.greater_than = 0.0, .max = 3650.0},
       .required = kYes, .unit = "days",
       .doc = "A number N (uniform over 0 to N days), or a distribution with its unit.", .ref = "distribution"},
      {.path = "units.*.readmission.after_exits", .kinds = {List}, .required = kYes,
       .doc = "The exits whose departures can lead to a readmission (usually not died)."},
      {.path = "units.*.readmission.after_exits[]", .kinds = {Text}, .doc = "An exit name."},
      {.path = "units.*.readmission.to", .kinds = {Text}, .required = kYes,
       .doc = "Unit where the patient re-enters (usually A&E)."},

      // units.*: capacity calendar, discharge window, priorities (section 13)
      {.path = "units.*.capacity_changes[]", .kinds = {Map}, .doc = "The capacity from one day on."},
      {.path = "units.*.capacity_changes[].day", .kinds = {Integer}, .bounds = kNonNegative, .required = kWhen,
       .required_when = "unless `date`", .unit = "days", .doc = "Days since the run start (or give date)."},
      {.path = "units.*.capacity_changes[].date", .kinds = {Date}, .required = kWhen, .required_when = "unless `day`",
       .doc = "The date of the change, YYYY-MM-DD; needs run.start_date."},
      {.path = "units.*.capacity_changes[].capacity", .kinds = {Integer}, .bounds = kNonNegative, .required = kYes,
       .unit = "beds", .doc = "The capacity from that day on."},
      {.path = "units.*.capacity_pattern.seasonal", .kinds = {List},
       .doc = "Additions on every day from `from` to `to`, both included, every year; needs run.start_date."},
      {.path = "units.*.capacity_pattern.seasonal[]", .kinds = {Map}, .doc = "One season: {from: MM-DD, to: MM-DD, add: N}."},
      {.path = "units.*.capacity_pattern.seasonal[].from", .kinds = {Text}, .required = kYes,
       .doc = "First day of the season, MM-DD; after `to`, the season spans the new year."},
      {.path = "units.*.capacity_pattern.seasonal[].to", .kinds = {Text}, .required = kYes,
       .doc = "Last day of the season, MM-DD."},
      {.path = "units.*.capacity_pattern.seasonal[].add", .kinds = {Integer}, .bounds = kBedChange, .required = kYes,
       .unit = "beds", .doc = "Beds added (negative: closed) in the season."},
      {.path = "units.*.capacity_pattern.weekly", .kinds = {List},
       .doc = "Seven whole numbers, Monday first, added to the capacity on each weekday."},
      {.path = "units.*.capacity_pattern.weekly[]", .kinds = {Integer}, .bounds = kBedChange, .unit = "beds",
       .doc = "Beds added (negative: closed) on one weekday."},
      {.path = "units.*.discharge_window.hours", .kinds = {List}, .required = kYes,
       .doc = "[open, close]: two hours of the day with 0 <= open < close <= 24."},
      {.path = "units.*.discharge_window.hours[]", .kinds = {Number}, .bounds = {.min = 0.0, .max = 24.0},
       .unit = "hours", .doc = "An hour of the day."},
      {.path = "units.*.discharge_window.weekend_rate", .kinds = {Number}, .bounds = kFraction, .default_value = "1",
       .unit = "share", .doc = "The weekend's discharge rate as a share of a weekday's."},
      {.path = "units.*.transfer_delay.*", .kinds = {Ref},
       .doc = "The delay before moving on to this destination.", .ref = "distribution"},
      {.path = "units.*.queue_priority.by", .kinds = {Text}, .required = kYes,
       .doc = "What the levels' keys name: arrival sources and units transferred from, or patient groups.",
       .allowed = {"source", "group"}},
      {.path = "units.*.queue_priority.levels", .kinds = {NamedMap}, .required = kYes,
       .doc = "Map name -> priority, 0 first."},
      {.path = "units.*.queue_priority.levels.*", .kinds = {Integer}, .bounds = {.min = 0.0, .max = 255.0},
       .doc = "The priority of patients from this source, unit or group; 0 is served first."},
      {.path = "units.*.queue_priority.default", .kinds = {Integer}, .bounds = kNonNegative,
       .default_value = "after every listed level", .doc = "Level of patients not listed."},

      // ---- arrivals (section 7) ----------------------------------------------
      {.path = "arrivals.*", .kinds = {Map}, .doc = "An arrival source."},
      {.path = "arrivals.*.to", .kinds = {Text}, .required = kYes, .doc = "The unit the arrivals go to."},
      {.path = "arrivals.*.rate_per_day", .kinds = {Number}, .bounds = {.greater_than = 0.0, .max = 1e7},
       .required = kWhen, .required_when = "unless `data`", .unit = "patients/day",
       .doc = "Mean arrivals per day over a week, before growth."},
      {.path = "arrivals.*.hour_of_day", .kinds = {List}, .default_value = "flat",
       .doc = "24 multipliers, one per hour from midnight, normalised to mean 1; not all 0."},
      {.path = "arrivals.*.day_of_week", .kinds = {List}, .default_value = "flat",
       .doc = "7 multipliers, Monday first, normalised to mean 1; not all 0."},
      {.path = "arrivals.*.growth_per_year", .kinds = {Number}, .bounds = {.greater_than = -1.0, .max = 10.0},
       .default_value = "0", .unit = "share/year", .doc = "Demand growth, compounded from time 0 (0.03 for 3% a year)."},
      {.path = "arrivals.*.groups", .kinds = {NamedMap}, .default_value = "top-level `groups`",
       .doc = "This source's share of every group, summing to 1."},
      {.path = "arrivals.*.referred", .kinds = {Map}, .default_value = "none",
       .doc = "Groups referred to another unit, such as an admission avoidance service (14.2)."},
      {.path = "arrivals.*.seasonal", .kinds = {Ref}, .default_value = "none",
       .doc = "Months, date ranges and named dates that multiply the rate (7.1); needs run.start_date.",
       .ref = "seasonal"},
      {.path = "arrivals.*.data", .kinds = {Map}, .default_value = "none",
       .doc = "Arrivals read from a CSV file (7.2); replaces rate_per_day, day_of_week, growth_per_year and seasonal."},
      {.path = "arrivals.*.hour_of_day[]", .kinds = {Number}, .bounds = kNonNegative, .doc = "One hour's multiplier."},
      {.path = "arrivals.*.day_of_week[]", .kinds = {Number}, .bounds = kNonNegative, .doc = "One weekday's multiplier."},
      {.path = "arrivals.*.groups.*", .kinds = {Number}, .bounds = kFraction, .unit = "share",
       .doc = "The group's share of this source's arrivals."},
      {.path = "arrivals.*.referred.to", .kinds = {Text}, .required = kYes,
       .doc = "The unit referred patients go to, other than the source's `to`."},
      {.path = "arrivals.*.referred.share", .kinds = {NamedMap}, .required = kYes,
       .doc = "Map group -> share of the group referred; groups not listed are not referred."},
      {.path = "arrivals.*.referred.share.*", .kinds = {Number}, .bounds = kFraction, .unit = "share",
       .doc = "The share of this group referred."},
      {.path = "arrivals.*.data.file", .kinds = {Text}, .required = kYes,
       .doc = "The CSV file, relative to the scenario file."},
      {.path = "arrivals.*.data.use", .kinds = {Text}, .required = kYes,
       .doc = "`replay`: exactly the file's arrivals; `poisson`: its counts as the rate of a Poisson process.",
       .allowed = {"replay", "poisson"}},
      {.path = "arrivals.*.data.scale", .kinds = {Number}, .bounds = {.min = 0.0, .max = 1000.0}, .default_value = "1",
       .doc = "Multiplies the counts (1.1: 10% more demand)."},
      {.path = "arrivals.*.data.shift_days", .kinds = {Integer}, .bounds = {.min = -36525.0, .max = 36525.0},
       .default_value = "0", .unit = "days", .doc = "Moves the file in time: its day d becomes day d + shift_days."},
      {.path = "arrivals.*.data.past_end", .kinds = {Text}, .default_value = "error",
       .doc = "Where the run goes beyond the file: `error` refuses the scenario, `repeat` starts the file again.",
       .allowed = {"error", "repeat"}},

      // ---- electives (14.3) --------------------------------------------------
      {.path = "electives.*", .kinds = {Map}, .doc = "A stream of scheduled elective admissions."},
      {.path = "electives.*.to", .kinds = {Text}, .required = kYes, .doc = "The unit the operations are admitted to."},
      {.path = "electives.*.group", .kinds = {Text}, .required = kYes,
       .doc = "The patient group (its los and routes apply)."},
      {.path = "electives.*.per_weekday", .kinds = {List}, .required = kYes,
       .doc = "Seven whole numbers of operations, Monday first."},
      {.path = "electives.*.per_weekday[]", .kinds = {Integer}, .bounds = {.min = 0.0, .max = 100000.0},
       .unit = "operations", .doc = "Operations booked on one weekday."},
      {.path = "electives.*.at_hour", .kinds = {Number}, .bounds = {.min = 0.0, .max = 23.99}, .default_value = "8",
       .unit = "hours", .doc = "Hour of the day of admission."},
      {.path = "electives.*.rebook_after_days", .kinds = {Integer}, .bounds = {.min = 1.0}, .default_value = "7",
       .unit = "days", .doc = "A cancelled operation is rebooked this many days later."},
      {.path = "electives.*.max_rebookings", .kinds = {Integer}, .bounds = kNonNegative, .default_value = "3",
       .doc = "Rebookings before the patient is given up; 0 gives up at the first cancellation."},

      // ---- sweep (docs/sweeps_and_clusters.md; read by tools/sweep) ----------
      {.path = "sweep.name", .kinds = {Text}, .default_value = "the file name",
       .doc = "The sweep's name (the scenario file's name without .yaml by default)."},
      {.path = "sweep.replications", .kinds = {Integer}, .bounds = {.min = 1.0},
       .default_value = "run.replications", .doc = "Replications per point."},
      {.path = "sweep.seed", .kinds = {Integer}, .bounds = kNonNegative, .default_value = "run.seed",
       .doc = "The seed of every point (common random numbers)."},
      {.path = "sweep.samples", .kinds = {Integer}, .bounds = {.min = 1.0}, .required = kWhen,
       .required_when = "when a parameter has a `range`", .doc = "Latin hypercube samples of the ranges."},
      {.path = "sweep.parameters", .kinds = {List}, .required = kYes,
       .doc = "The parameters: a full factorial grid of `values`, crossed with a Latin hypercube of `range`s."},
      {.path = "sweep.parameters[]", .kinds = {Map}, .doc = "One parameter: `set` or `scale`, with `values` or `range`."},
      {.path = "sweep.parameters[].set", .kinds = {Text}, .doc = "Key path (overlay syntax) set to each value."},
      {.path = "sweep.parameters[].scale", .kinds = {Text},
       .doc = "Key path (overlay syntax) multiplied by each value; a distribution's time scale is stretched."},
      {.path = "sweep.parameters[].values", .kinds = {List}, .doc = "The grid's values (numbers, or quoted text)."},
      {.path = "sweep.parameters[].values[]", .kinds = {Any}, .doc = "One value."},
      {.path = "sweep.parameters[].range", .kinds = {List}, .doc = "[low, high], sampled by the Latin hypercube."},
      {.path = "sweep.parameters[].range[]", .kinds = {Number}, .doc = "A bound of the range."},
      {.path = "sweep.parameters[].integer", .kinds = {Boolean}, .default_value = "false",
       .doc = "Draw integers in the range (for capacities)."},
      {.path = "sweep.parameters[].name", .kinds = {Text}, .default_value = "the key path",
       .doc = "The column name in the outputs."},

      // ---- calibration (section 15) ------------------------------------------
      {.path = "calibration[]", .kinds = {Map}, .doc = "One figure the scenario claims to reproduce."},
      {.path = "calibration[].metric", .kinds = {Text}, .required = kYes, .doc = "A metric name as in summary.csv."},
      {.path = "calibration[].target", .kinds = {Number}, .required = kYes,
       .doc = "The observed value, in the metric's own units (79.48% is 0.7948)."},
      {.path = "calibration[].tolerance", .kinds = {Number}, .bounds = kNonNegative, .required = kYes,
       .doc = "How far the mean may be from the target and still count as met."},
      {.path = "calibration[].source", .kinds = {Text}, .required = kYes,
       .doc = "Where the target comes from (document and line)."},

      // ---- shapes used in several places -------------------------------------
      {.path = "@distribution", .kinds = {Map},
       .doc = "A distribution such as {dist: exponential, mean: 5, unit: days} (section 8)."},
      {.path = "@distribution.dist", .kinds = {Text}, .required = kYes, .doc = "The kind of distribution.",
       .allowed = {"exponential", "lognormal", "gamma", "weibull", "normal", "fixed", "uniform", "triangular",
                   "empirical", "histogram", "mixture"}},
      {.path = "@distribution.unit", .kinds = {Text}, .required = kWhen, .required_when = "unless a mixture",
       .doc = "The time unit of the parameters (a mixture's components carry their own).",
       .allowed = {"minutes", "hours", "days", "weeks"}},
      {.path = "@distribution.mean", .kinds = {Number}, .bounds = {.greater_than = 0.0},
       .doc = "Mean (exponential, lognormal, gamma, normal)."},
      {.path = "@distribution.sd", .kinds = {Number}, .bounds = {.greater_than = 0.0},
       .doc = "Standard deviation (lognormal, gamma, normal)."},
      {.path = "@distribution.median", .kinds = {Number}, .bounds = {.greater_than = 0.0},
       .doc = "Median (lognormal, with p90 instead of mean and sd)."},
      {.path = "@distribution.p90", .kinds = {Number}, .bounds = {.greater_than = 0.0},
       .doc = "90th percentile, above the median (lognormal)."},
      {.path = "@distribution.shape", .kinds = {Number}, .bounds = {.greater_than = 0.0},
       .doc = "Shape (gamma, weibull)."},
      {.path = "@distribution.scale", .kinds = {Number}, .bounds = {.greater_than = 0.0},
       .doc = "Scale (gamma, weibull)."},
      {.path = "@distribution.value", .kinds = {Number}, .bounds = kNonNegative, .doc = "Every stay (fixed)."},
      {.path = "@distribution.min", .kinds = {Number}, .bounds = kNonNegative, .doc = "Lower end (uniform, triangular)."},
      {.path = "@distribution.max", .kinds = {Number}, .bounds = kNonNegative,
       .doc = "Upper end, above min (uniform, triangular)."},
      {.path = "@distribution.mode", .kinds = {Number}, .bounds = kNonNegative,
       .doc = "Most likely value, from min to max (triangular)."},
      {.path = "@distribution.values", .kinds = {List}, .doc = "Values resampled with equal probability (empirical)."},
      {.path = "@distribution.values[]", .kinds = {Number}, .bounds = kNonNegative, .doc = "One observed value."},
      {.path = "@distribution.edges", .kinds = {List}, .doc = "n+1 strictly increasing bin edges (histogram)."},
      {.path = "@distribution.edges[]", .kinds = {Number}, .bounds = kNonNegative, .doc = "A bin edge."},
      {.path = "@distribution.weights", .kinds = {List}, .doc = "n bin weights, not all 0 (histogram)."},
      {.path = "@distribution.weights[]", .kinds = {Number}, .bounds = kNonNegative, .doc = "A bin weight."},
      {.path = "@distribution.components", .kinds = {List},
       .doc = "The distributions mixed, each with a weight (mixture)."},
      {.path = "@distribution.components[]", .kinds = {Ref}, .doc = "A component distribution with its weight.",
       .ref = "distribution"},
      {.path = "@distribution.weight", .kinds = {Number}, .bounds = {.greater_than = 0.0},
       .doc = "A mixture component's weight; the weights are normalised."},

      {.path = "@seasonal", .kinds = {Map}, .doc = "Multipliers on particular days of the year (7.1)."},
      {.path = "@seasonal.month_of_year", .kinds = {List},
       .doc = "12 multipliers, January first, normalised to mean 1 over a 365-day year."},
      {.path = "@seasonal.month_of_year[]", .kinds = {Number}, .bounds = kMultiplier, .doc = "One month's multiplier."},
      {.path = "@seasonal.periods", .kinds = {List},
       .doc = "Multipliers on every day from `from` to `to`, both included (not normalised)."},
      {.path = "@seasonal.periods[]", .kinds = {Map}, .doc = "One period: {from, to, multiplier, name}."},
      {.path = "@seasonal.periods[].from", .kinds = {Text}, .required = kYes,
       .doc = "First day: MM-DD (every year) or YYYY-MM-DD (once)."},
      {.path = "@seasonal.periods[].to", .kinds = {Text}, .required = kYes,
       .doc = "Last day, written as `from` is."},
      {.path = "@seasonal.periods[].multiplier", .kinds = {Number}, .bounds = kMultiplier, .required = kYes,
       .doc = "Multiplier on every day of the period."},
      {.path = "@seasonal.periods[].name", .kinds = {Text}, .doc = "A name, for the reader."},
      {.path = "@seasonal.dates", .kinds = {List}, .doc = "Multipliers on single days."},
      {.path = "@seasonal.dates[]", .kinds = {Map}, .doc = "One day: {date, multiplier, name}."},
      {.path = "@seasonal.dates[].date", .kinds = {Text}, .required = kYes,
       .doc = "MM-DD (every year) or YYYY-MM-DD (once)."},
      {.path = "@seasonal.dates[].multiplier", .kinds = {Number}, .bounds = kMultiplier, .required = kYes,
       .doc = "Multiplier on that day."},
      {.path = "@seasonal.dates[].name", .kinds = {Text}, .doc = "A name, for the reader."},

      {.path = "@rate", .kinds = {Map}, .doc = "Visits a day drawn from a normal rounded to whole visits within [min, max]."},
      {.path = "@rate.mean", .kinds = {Number}, .bounds = {.min = 0.0, .max = 1000.0}, .required = kYes,
       .unit = "visits/day", .doc = "Mean of the normal."},
      {.path = "@rate.sd", .kinds = {Number}, .bounds = {.min = 0.0, .max = 1000.0}, .required = kYes,
       .unit = "visits/day", .doc = "Standard deviation of the normal."},
      {.path = "@rate.min", .kinds = {Integer}, .bounds = kNonNegative, .required = kYes, .unit = "visits/day",
       .doc = "Fewest visits a day."},
      {.path = "@rate.max", .kinds = {Integer}, .bounds = {.min = 0.0, .max = 1000.0}, .required = kWhen,
       .required_when = "in `initial`", .default_value = "1000", .unit = "visits/day", .doc = "Most visits a day."},

      {.path = "@trigger", .kinds = {Map}, .doc = "One measure and its threshold: {occupancy: SHARE} or {waiting: PATIENTS}."},
      {.path = "@trigger.occupancy", .kinds = {Number}, .bounds = {.min = 0.0, .max = 10.0}, .unit = "share",
       .doc = "Occupied beds as a share of the capacity without escalation beds."},
      {.path = "@trigger.waiting", .kinds = {Number}, .bounds = kNonNegative, .unit = "patients",
       .doc = "Patients waiting at the door and delayed elsewhere for the unit."},
  };
}

std::vector<KeySpec> overlay_rows() {
  return {
      {.path = "overlay", .kinds = {Text}, .required = kYes, .doc = "The intervention's name."},
      {.path = "description", .kinds = {Text}, .default_value = "empty", .doc = "What the intervention does."},
      {.path = "sources", .kinds = {List}, .default_value = "none", .doc = "Where its figures come from."},
      {.path = "sources[]", .kinds = {Text}, .doc = "One source (document and page)."},
      {.path = "changes", .kinds = {List}, .required = kYes,
       .doc = "The changes, applied in order, each with exactly one op."},
      {.path = "changes[]", .kinds = {Map}, .doc = "One change such as {set: units.acute.capacity, to: 1697}."},
      {.path = "changes[].set", .kinds = {Text}, .doc = "Key path to replace by `to`."},
      {.path = "changes[].scale", .kinds = {Text}, .doc = "Key path of numbers to multiply by `by`."},
      {.path = "changes[].add", .kinds = {Text}, .doc = "Key path of a number, or a map, to add `value` to."},
      {.path = "changes[].append", .kinds = {Text}, .doc = "Key path of a list to append `value` to."},
      {.path = "changes[].remove", .kinds = {Text}, .doc = "Key path to remove."},
      {.path = "changes[].shift", .kinds = {Text},
       .doc = "Key path of a map of shares to move `fraction` of `from` to `to` in."},
      {.path = "changes[].to", .kinds = {Any}, .doc = "set: the new value; shift: the key receiving the share."},
      {.path = "changes[].by", .kinds = {Number}, .bounds = {.greater_than = 0.0}, .doc = "scale: the factor."},
      {.path = "changes[].round", .kinds = {Boolean}, .default_value = "false",
       .doc = "scale: round the results to whole numbers."},
      {.path = "changes[].value", .kinds = {Any}, .doc = "add: what to add; append: the item to append."},
      {.path = "changes[].from", .kinds = {Text}, .doc = "shift: the key giving up the share."},
      {.path = "changes[].fraction", .kinds = {Number}, .bounds = kFraction,
       .doc = "shift: the share of `from` to move."},
  };
}

}  // namespace

const std::vector<KeySpec>& scenario_schema() {
  static const std::vector<KeySpec> rows = scenario_rows();
  return rows;
}

const std::vector<KeySpec>& overlay_schema() {
  static const std::vector<KeySpec> rows = overlay_rows();
  return rows;
}

std::string parent_path(std::string_view path) {
  if (path.ends_with("[]")) return std::string(path.substr(0, path.size() - 2));
  const auto dot = path.rfind('.');
  return dot == std::string_view::npos ? std::string() : std::string(path.substr(0, dot));
}

std::string key_name(std::string_view path) {
  const auto dot = path.rfind('.');
  return std::string(dot == std::string_view::npos ? path : path.substr(dot + 1));
}

const KeySpec& key_spec(std::string_view path, const std::vector<KeySpec>& table) {
  const auto found = std::find_if(table.begin(), table.end(), [&](const KeySpec& k) { return k.path == path; });
  if (found == table.end()) throw std::logic_error("no schema row for key path '" + std::string(path) + "'");
  return *found;
}

std::vector<const KeySpec*> child_specs(std::string_view parent, const std::vector<KeySpec>& table) {
  std::vector<const KeySpec*> children;
  // Items ("x[]"), named entries ("x.*") and shapes ("@name") are not keys of their parent.
  for (const auto& row : table)
    if (parent_path(row.path) == parent && !row.path.ends_with("[]") && !row.path.ends_with(".*") &&
        !row.path.starts_with("@"))
      children.push_back(&row);
    else if (!parent.empty() && parent_path(row.path) == parent && row.path.starts_with("@") &&
             !row.path.ends_with("[]"))
      children.push_back(&row);
  return children;
}

std::vector<std::string> known_keys(std::string_view parent, const std::vector<KeySpec>& table) {
  std::vector<std::string> keys;
  for (const auto* row : child_specs(parent, table)) keys.push_back(key_name(row->path));
  return keys;
}

std::vector<std::string> required_keys(std::string_view parent, const std::vector<KeySpec>& table) {
  std::vector<std::string> keys;
  for (const auto* row : child_specs(parent, table))
    if (row->required == Requirement::Yes) keys.push_back(key_name(row->path));
  return keys;
}

NumberRule number_rule(std::string_view path) { return key_spec(path).bounds; }

bool check_keys(const YamlReader& reader, const YAML::Node& node, const std::string& path,
                std::string_view schema_path, const std::vector<std::string>& also_required,
                const std::vector<KeySpec>& table) {
  std::vector<std::string> required = required_keys(schema_path, table);
  required.insert(required.end(), also_required.begin(), also_required.end());
  return reader.check_map(node, path, known_keys(schema_path, table), required);
}

}  // namespace flowsim::scenario
