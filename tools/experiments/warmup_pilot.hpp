#pragma once
// --warmup auto: a pilot run, then MSER-5 on the daily occupancy series.
//
// The pilot runs replications 0 .. pilot_replications - 1 of each scenario
// over its whole horizon (the daily midnight census is recorded from day 0,
// whatever the warm-up). For every capacity-limited unit (every unit, if none
// is limited) the census is averaged across the pilot replications day by
// day, and MSER-5 gives that unit's truncation point; the warm-up is the
// largest over units and scenarios, so every unit has settled.
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "models/model_definition.hpp"
#include "models/replication_result.hpp"

namespace flowsim::tools {

inline constexpr std::uint32_t kDefaultPilotReplications = 10;
// MSER-5 needs at least 10 batches of 5 days.
inline constexpr double kMinimumPilotDays = 50.0;
// Welch's moving-average windows written to warmup.csv, in days.
inline constexpr std::size_t kWelchWindows[] = {7, 30, 90};

struct UnitWarmup {
  std::string scenario;
  std::string unit;
  double days = 0.0;
  bool in_first_half = true;  // MSER's guard held: the series settled in time
};

struct WarmupChoice {
  double days = 0.0;
  bool reliable = true;  // every unit passed the guard
  std::uint32_t pilot_replications = 0;
  std::vector<UnitWarmup> units;
  // warmup.csv: scenario, unit, day, mean census across the pilot, and
  // Welch's moving averages, for plotting Welch's method.
  std::string series_csv;
};

// Bad input, before anything runs: a message, or nothing when auto warm-up
// is possible for 'model'.
[[nodiscard]] std::optional<std::string> warmup_problem(const models::ModelDefinition& model);

// The day-by-day mean of one unit's midnight census across replications.
[[nodiscard]] std::vector<double> mean_daily_census(
    const std::vector<models::ReplicationResult>& results, std::size_t unit);

[[nodiscard]] WarmupChoice choose_warmup(
    const std::vector<std::shared_ptr<const models::ModelDefinition>>& models,
    const std::vector<std::string>& labels, std::uint32_t pilot_replications, unsigned threads,
    const std::stop_token& stop);

}  // namespace flowsim::tools
