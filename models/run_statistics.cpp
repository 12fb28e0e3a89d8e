#include "models/run_statistics.hpp"

#include <algorithm>

namespace flowsim::models {

RunStatistics::RunStatistics(const ModelDefinition& model)
    : model_(&model),
      units_(model.units.size()),
      services_(model),
      periods_(measured_periods(model.run)) {
  for (auto& unit : units_) unit.measure_levels(model.run.occupancy_thresholds);
  if (periods_.size() < 2) periods_.clear();
}

void RunStatistics::start_measuring(double now, const std::vector<UnitLevels>& levels) {
  for (std::size_t u = 0; u < units_.size(); ++u) {
    const UnitLevels& level = levels[u];
    units_[u].advance(now, level.occupied, level.delayed, level.waiting_arrivals, level.delayed_for);
    units_[u].reset(now, level.occupied);
  }
  services_.reset_counts();
}

void RunStatistics::end_period(std::size_t /*index*/, double now,
                               const std::vector<UnitLevels>& levels) {
  // A copy is closed, never the running statistics: cutting their integrals
  // here would round them differently from a run without periods.
  std::vector<UnitStatistics> closed = units_;
  for (std::size_t u = 0; u < closed.size(); ++u)
    closed[u].close(now, levels[u], model_->units[u].unlimited());
  close_period(closed, levels);
}

void RunStatistics::finish(double now, const std::vector<UnitLevels>& levels) {
  for (std::size_t u = 0; u < units_.size(); ++u)
    units_[u].close(now, levels[u], model_->units[u].unlimited());
  if (periods_.empty()) return;
  close_period(units_, levels);
  for (std::size_t u = 0; u < units_.size(); ++u)
    for (const auto& peaks : period_peaks_)
      units_[u].peak_occupied = std::max(units_[u].peak_occupied, peaks[u]);
}

void RunStatistics::close_period(const std::vector<UnitStatistics>& closed_units,
                                 const std::vector<UnitLevels>& levels) {
  PeriodEnd end{closed_units, services_};
  end.services.visit_ledgers.clear();  // read from the running statistics
  period_ends_.push_back(std::move(end));
  auto& peaks = period_peaks_.emplace_back(units_.size(), 0);
  for (std::size_t u = 0; u < units_.size(); ++u) {
    peaks[u] = units_[u].peak_occupied;
    units_[u].peak_occupied = levels[u].occupied;
  }
}

std::vector<UnitStatistics> RunStatistics::period_units(std::size_t index) const {
  std::vector<UnitStatistics> units = period_ends_.at(index).units;
  for (std::size_t u = 0; u < units.size(); ++u) {
    if (index > 0) units[u] = measured_between(period_ends_[index - 1].units[u], units[u]);
    units[u].peak_occupied = period_peaks_[index][u];
  }
  return units;
}

ServiceStatistics RunStatistics::period_services(std::size_t index) const {
  ServiceStatistics services = period_ends_.at(index).services;
  if (index > 0) services = counted_between(period_ends_[index - 1].services, services);
  services.visit_ledgers = services_.visit_ledgers;
  return services;
}

}  // namespace flowsim::models
