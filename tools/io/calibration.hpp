#pragma once
// How far a run lands from the calibration targets its scenario declares
// (calibration: metric, target, tolerance, source): the console table,
// summary.json's "calibration" and calibration.csv.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/model_definition.hpp"
#include "tools/io/run_outputs.hpp"

namespace flowsim::tools {

struct CalibrationResult {
  models::CalibrationTarget target;
  sim::Summary summary;  // of the metric across replications
  // The mean's signed distance from the target; within when |distance| <= tolerance.
  [[nodiscard]] double distance() const { return summary.mean - target.target; }
  [[nodiscard]] bool within() const;
};

// One result per target, in the scenario's order (a target whose metric is
// missing from the summaries, which the loader prevents, is left out).
[[nodiscard]] std::vector<CalibrationResult> calibrate(const models::ModelDefinition& model,
                                                       const std::vector<MetricSummary>& summaries);

[[nodiscard]] nlohmann::ordered_json calibration_json(const std::vector<CalibrationResult>& results);
[[nodiscard]] std::string calibration_csv(const std::vector<CalibrationResult>& results);
// Empty when the scenario declares no targets.
[[nodiscard]] std::string format_calibration_table(const std::vector<CalibrationResult>& results);

}  // namespace flowsim::tools
