#pragma once
// The periods a multi-year run is reported by: financial years (1 April to
// 31 March) when the scenario gives run.start_date, else consecutive 365-day
// years counted from the end of the warm-up. A period cut short by the warm-up
// or the horizon is reported too, labelled as partial with its length.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/model_definition.hpp"

namespace flowsim::models {

struct MeasuredPeriod {
  std::string label;       // "2016/17", "year 2"; "... (partial: 120 days)" when cut short
  double start_day = 0.0;  // simulated days, warm-up included
  double end_day = 0.0;
  bool partial = false;
  std::optional<std::int64_t> start_date_days;  // the first day's date (days since 1970-01-01)
  [[nodiscard]] double days() const { return end_day - start_day; }
};

// The periods of the measured run [warmup_days, horizon_days), in order; one
// period (or none) when the measured run fits in a single one.
[[nodiscard]] std::vector<MeasuredPeriod> measured_periods(const RunSettings& run);

}  // namespace flowsim::models
