#pragma once
// Turns one replication's unit statistics into named metrics. The list and
// order of names depend only on the scenario, never on what happened, so
// replications line up row by row.
#include <optional>
#include <string>
#include <vector>

#include "models/model_definition.hpp"
#include "models/replication_result.hpp"
#include "models/unit_statistics.hpp"

namespace flowsim::models {

// 'daily_census' is ReplicationResult::daily_census ([unit][day]: occupied
// beds at each midnight); the midnight-census metrics use the midnights
// after the warm-up. 'visits' is the home-care visits made in each unit in
// the measured period (visits_made), priced by costs.per_visit; empty for
// none. Empty statistics and census give every name with value 0.
// [unit][day]: who waited for each unit at each midnight (ReplicationResult's
// daily_delayed_for and daily_waiting_arrivals); with none, the share of
// midnights with someone waiting is 0.
struct DailyWaiting {
  const std::vector<std::vector<double>>* delayed_for = nullptr;
  const std::vector<std::vector<double>>* arrivals = nullptr;
};

[[nodiscard]] std::vector<Metric> report_metrics(
    const ModelDefinition& model, const std::vector<UnitStatistics>& stats, double measured_days,
    const std::vector<std::vector<double>>& daily_census, const std::vector<double>& visits = {},
    const std::vector<std::vector<double>>* daily_capacity = nullptr, const DailyWaiting& waiting = {});
// 'daily_capacity' ([unit][day], the capacity in force at each midnight)
// gives the midnight census shares of units with escalation levels.
// The same over a period of the run, (start_day, end_day] (the statistics
// recorded in it): the midnight-census metrics use the midnights in it.
[[nodiscard]] std::vector<Metric> report_metrics(
    const ModelDefinition& model, const std::vector<UnitStatistics>& stats, double start_day,
    double end_day, const std::vector<std::vector<double>>& daily_census,
    const std::vector<double>& visits = {},
    const std::vector<std::vector<double>>* daily_capacity = nullptr, const DailyWaiting& waiting = {});

// The name part of an occupancy threshold: 0.92 -> "92pct".
[[nodiscard]] std::string occupancy_level_name(double level);

// What is wrong with a list of occupancy thresholds (run.occupancy_thresholds
// or --occupancy-thresholds), or nothing: each must be a whole percentage
// written as a fraction in (0, 1] (0.92, not 92), increasing, at most eight.
struct ThresholdProblem {
  std::optional<std::size_t> item;  // the offending entry; empty for the list as a whole
  std::string message;
};
[[nodiscard]] std::optional<ThresholdProblem> check_occupancy_thresholds(
    const std::vector<double>& levels);

}  // namespace flowsim::models
