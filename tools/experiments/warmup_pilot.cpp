#include "tools/experiments/warmup_pilot.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "sim/output_analysis.hpp"
#include "tools/runner/replication_runner.hpp"

namespace flowsim::tools {

namespace {

std::vector<std::size_t> units_to_examine(const models::ModelDefinition& model) {
  std::vector<std::size_t> limited;
  for (std::size_t u = 0; u < model.units.size(); ++u)
    if (!model.units[u].unlimited()) limited.push_back(u);
  if (!limited.empty()) return limited;
  std::vector<std::size_t> all(model.units.size());
  for (std::size_t u = 0; u < all.size(); ++u) all[u] = u;
  return all;
}

std::string optional_cell(const std::optional<double>& value) {
  return value ? fmt::format("{}", *value) : std::string();
}

}  // namespace

std::optional<std::string> warmup_problem(const models::ModelDefinition& model) {
  if (model.run.horizon_days + 1e-9 < kMinimumPilotDays)
    return fmt::format(
        "--warmup auto needs a horizon of at least {:.0f} days (MSER-5 uses "
        "batches of 5 days and at least 10 of them); '{}' has {} days",
        kMinimumPilotDays, model.name, model.run.horizon_days);
  return std::nullopt;
}

std::vector<double> mean_daily_census(const std::vector<models::ReplicationResult>& results,
                                      std::size_t unit) {
  if (results.empty()) return {};
  std::vector<double> mean(results.front().daily_census[unit].size(), 0.0);
  for (const auto& r : results)
    for (std::size_t day = 0; day < mean.size(); ++day) mean[day] += r.daily_census[unit][day];
  for (double& value : mean) value /= static_cast<double>(results.size());
  return mean;
}

WarmupChoice choose_warmup(const std::vector<std::shared_ptr<const models::ModelDefinition>>& models,
                           const std::vector<std::string>& labels, std::uint32_t pilot_replications,
                           unsigned threads, const std::stop_token& stop) {
  WarmupChoice choice;
  choice.pilot_replications = pilot_replications;
  const auto pilot = run_replications_of_each(
      models, {.replications = pilot_replications, .threads = threads, .stop = stop});
  if (stop.stop_requested()) throw RunInterrupted("stopped during the warm-up pilot");
  choice.series_csv = "scenario,unit,day,census_mean";
  for (const std::size_t w : kWelchWindows) choice.series_csv += fmt::format(",welch_{}", w);
  choice.series_csv += "\n";
  for (std::size_t m = 0; m < models.size(); ++m) {
    for (const std::size_t u : units_to_examine(*models[m])) {
      const std::vector<double> series = mean_daily_census(pilot[m], u);
      const sim::Truncation cut = sim::mser_truncation(series, 5);
      const UnitWarmup unit{labels[m], models[m]->units[u].name, static_cast<double>(cut.observations),
                            cut.in_first_half};
      choice.days = std::max(choice.days, unit.days);
      choice.reliable = choice.reliable && unit.in_first_half;
      choice.units.push_back(unit);
      std::vector<std::vector<std::optional<double>>> welch;
      for (const std::size_t w : kWelchWindows) welch.push_back(sim::welch_moving_average(series, w));
      for (std::size_t day = 0; day < series.size(); ++day) {
        choice.series_csv += fmt::format("{},{},{},{}", labels[m], unit.unit, day, series[day]);
        for (const auto& average : welch) choice.series_csv += "," + optional_cell(average[day]);
        choice.series_csv += "\n";
      }
    }
  }
  return choice;
}

}  // namespace flowsim::tools
