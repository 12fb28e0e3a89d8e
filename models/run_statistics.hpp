#pragma once
// Where what the model records counts. The model records every event into
// the statistics of each unit and service, warm-up or not; this object knows
// the measurement window and the periods of the run (models/measured_periods.hpp):
// it drops what was recorded during the warm-up when the warm-up ends, and
// at each period's end keeps a closed copy of the statistics so far, so that
// a period's statistics are the difference of two copies. The running
// statistics are never cut at a period's end, so the whole-run figures are
// those of a run without periods, bit for bit, and a period costs nothing per
// event.
#include <cstdint>
#include <vector>

#include "models/measured_periods.hpp"
#include "models/model_definition.hpp"
#include "models/service_statistics.hpp"
#include "models/unit_statistics.hpp"

namespace flowsim::models {

class RunStatistics {
 public:
  explicit RunStatistics(const ModelDefinition& model);

  // Inline: on the hot path of every event.
  [[nodiscard]] UnitStatistics& operator[](std::uint32_t unit) { return units_[unit]; }
  [[nodiscard]] ServiceStatistics& services() { return services_; }
  [[nodiscard]] const std::vector<UnitStatistics>& units() const { return units_; }
  [[nodiscard]] const ServiceStatistics& services() const { return services_; }

  // The periods reported separately: empty when the measured run is one period.
  [[nodiscard]] const std::vector<MeasuredPeriod>& periods() const { return periods_; }

  // The warm-up ends at 'now': everything recorded so far is dropped.
  // 'levels' holds each unit's counts now.
  void start_measuring(double now, const std::vector<UnitLevels>& levels);
  // Period 'index' (not the last, which ends with the run) ends at 'now'.
  void end_period(std::size_t index, double now, const std::vector<UnitLevels>& levels);
  // The run ends at 'now': the whole-run statistics are closed.
  void finish(double now, const std::vector<UnitLevels>& levels);

  // After finish(): what was recorded in period 'index'.
  [[nodiscard]] std::vector<UnitStatistics> period_units(std::size_t index) const;
  [[nodiscard]] ServiceStatistics period_services(std::size_t index) const;

 private:
  // Statistics as they stood, closed, at the end of one period.
  struct PeriodEnd {
    std::vector<UnitStatistics> units;
    ServiceStatistics services;
  };
  void close_period(const std::vector<UnitStatistics>& closed_units,
                    const std::vector<UnitLevels>& levels);

  const ModelDefinition* model_;
  std::vector<UnitStatistics> units_;
  ServiceStatistics services_;
  std::vector<MeasuredPeriod> periods_;
  std::vector<PeriodEnd> period_ends_;
  // [period][unit]: the peak occupancy within each period. The running
  // peak restarts at each period's end, and the whole run's peak is the
  // highest of them.
  std::vector<std::vector<std::int64_t>> period_peaks_;
};

}  // namespace flowsim::models
