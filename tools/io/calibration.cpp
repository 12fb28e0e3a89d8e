#include "tools/io/calibration.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "tools/sizing/targets.hpp"

namespace flowsim::tools {

namespace {

// CSV text field: quoted, with quotes doubled, since sources hold commas.
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

bool CalibrationResult::within() const {
  // A relative slack of one part in 10^12, so that a target met to the last
  // printed digit is not refused by rounding in the mean.
  return std::abs(distance()) <= target.tolerance * (1.0 + 1e-12) + 1e-12 * std::abs(target.target);
}

std::vector<CalibrationResult> calibrate(const models::ModelDefinition& model,
                                         const std::vector<MetricSummary>& summaries) {
  std::vector<CalibrationResult> results;
  for (const auto& target : model.calibration) {
    const auto found =
        std::find_if(summaries.begin(), summaries.end(),
                     [&target](const MetricSummary& s) { return s.name == target.metric; });
    if (found != summaries.end()) results.push_back({target, found->summary});
  }
  return results;
}

nlohmann::ordered_json calibration_json(const std::vector<CalibrationResult>& results) {
  auto json = nlohmann::ordered_json::array();
  for (const auto& r : results)
    json.push_back({{"metric", r.target.metric},
                    {"target", r.target.target},
                    {"tolerance", r.target.tolerance},
                    {"source", r.target.source},
                    {"mean", r.summary.mean},
                    {"ci95_low", r.summary.low()},
                    {"ci95_high", r.summary.high()},
                    {"distance", r.distance()},
                    {"within", r.within()}});
  return json;
}

std::string calibration_csv(const std::vector<CalibrationResult>& results) {
  std::string csv = "metric,target,tolerance,mean,ci95_low,ci95_high,distance,within,source\n";
  for (const auto& r : results)
    csv += fmt::format("{},{},{},{},{},{},{},{},{}\n", r.target.metric, r.target.target,
                       r.target.tolerance, r.summary.mean, r.summary.low(), r.summary.high(),
                       r.distance(), r.within() ? 1 : 0, quoted(r.target.source));
  return csv;
}

std::string format_calibration_table(const std::vector<CalibrationResult>& results) {
  if (results.empty()) return {};
  std::size_t width = std::string("metric").size();
  for (const auto& r : results) width = std::max(width, r.target.metric.size());
  std::string out = "\nCalibration: distance of the mean from each target the scenario declares\n";
  out += fmt::format("  {:<{}}  {:>10}  {:>11}  {:>28}  {:>11}  {}\n", "metric", width, "target",
                     "tolerance", "mean (95% CI)", "distance", "within");
  bool any_share = false;
  for (const auto& r : results) {
    // A share reads as %, its tolerance and distance as percentage points.
    const bool share = is_fraction(r.target.metric);
    any_share = any_share || share;
    const std::string target =
        share ? fmt::format("{:.4g}%", 100.0 * r.target.target) : fmt::format("{:.4g}", r.target.target);
    const std::string tolerance = share ? fmt::format("{:.2f} pts", 100.0 * r.target.tolerance)
                                        : fmt::format("{:.4g}", r.target.tolerance);
    const std::string distance =
        share ? fmt::format("{:+.2f} pts", 100.0 * r.distance()) : fmt::format("{:+.3g}", r.distance());
    out += fmt::format("  {:<{}}  {:>10}  {:>11}  {:>28}  {:>11}  {}\n", r.target.metric, width, target,
                       tolerance, mean_and_interval(r.target.metric, r.summary), distance,
                       r.within() ? "yes" : "NO");
  }
  const auto missed =
      std::count_if(results.begin(), results.end(), [](const auto& r) { return !r.within(); });
  out += missed == 0 ? fmt::format("  all {} targets met within their tolerance", results.size())
                     : fmt::format("  {} of {} targets missed (sources in calibration.csv)", missed,
                                   results.size());
  out += any_share ? "; pts: percentage points\n" : "\n";
  return out;
}

}  // namespace flowsim::tools
