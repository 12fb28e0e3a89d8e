// Calibration targets (calibration: in a scenario): the distance and
// 'within' arithmetic, the console block, summary.json's and
// calibration.csv's rows, and the targets of the shipped LLR scenarios.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "models/scenario/loader.hpp"
#include "tools/io/calibration.hpp"

using flowsim::tools::MetricSummary;

namespace {

// A summary of 10 replications: mean, and the 95% CI's half-width.
MetricSummary ten_rep_metric(const std::string& name, double mean, double half_width) {
  return {name, flowsim::sim::Summary{10, mean, 0.0, half_width}, {}};
}

flowsim::models::ModelDefinition with_targets(std::vector<flowsim::models::CalibrationTarget> targets) {
  flowsim::models::ModelDefinition model;
  model.calibration = std::move(targets);
  return model;
}

}  // namespace

TEST_CASE("Calibration: the distance is mean - target, within when no more than the tolerance",
          "[report][calibration]") {
  const auto model = with_targets({{"ae.ae.within_4h", 0.7948, 0.01, "004 L442"},
                                   {"unit.acute.utilisation", 0.91, 0.02, "SF 2.2"},
                                   {"system.delayed_mean", 50.0, 5.0, "an assumption, [A]"},
                                   {"unit.acute.delayed_mean", 10.0, 0.5, "not in the summaries"}});
  const std::vector<MetricSummary> summaries = {ten_rep_metric("unit.acute.utilisation", 0.93, 0.01),
                                                ten_rep_metric("ae.ae.within_4h", 0.7848, 0.005),
                                                ten_rep_metric("system.delayed_mean", 56.0, 2.0)};
  const auto results = flowsim::tools::calibrate(model, summaries);
  REQUIRE(results.size() == 3);  // in the scenario's order; the missing metric left out
  CHECK(results[0].target.metric == "ae.ae.within_4h");
  CHECK(results[0].distance() == Approx(-0.01));
  CHECK(results[0].within());  // exactly at the tolerance counts as met
  CHECK(results[1].distance() == Approx(0.02));
  CHECK(results[1].within());
  CHECK(results[2].distance() == Approx(6.0));
  CHECK_FALSE(results[2].within());

  const auto rows = flowsim::tools::calibration_json(results);
  REQUIRE(rows.size() == 3);
  CHECK(rows[2]["metric"] == "system.delayed_mean");
  CHECK(rows[2]["target"] == 50.0);
  CHECK(rows[2]["tolerance"] == 5.0);
  CHECK(rows[2]["source"] == "an assumption, [A]");
  CHECK(rows[2]["mean"] == 56.0);
  CHECK(rows[2]["ci95_low"] == 54.0);
  CHECK(rows[2]["ci95_high"] == 58.0);
  CHECK(rows[2]["distance"] == 6.0);
  CHECK(rows[2]["within"] == false);

  const std::string csv = flowsim::tools::calibration_csv(results);
  CHECK(csv.rfind("metric,target,tolerance,mean,ci95_low,ci95_high,distance,within,source\n", 0) == 0);
  CHECK(csv.find("system.delayed_mean,50,5,56,54,58,6,0,\"an assumption, [A]\"\n") != std::string::npos);
}

TEST_CASE("Calibration: the console block after the summary", "[report][calibration]") {
  const auto model = with_targets(
      {{"ae.ae.within_4h", 0.7948, 0.01, "004 L442"}, {"system.delayed_mean", 50.0, 5.0, "[A]"}});
  const std::vector<MetricSummary> summaries = {ten_rep_metric("ae.ae.within_4h", 0.789, 0.011),
                                                ten_rep_metric("system.delayed_mean", 56.0, 2.0)};
  const std::string text =
      flowsim::tools::format_calibration_table(flowsim::tools::calibrate(model, summaries));
  INFO(text);
  CHECK(
      text ==
      "\nCalibration: distance of the mean from each target the scenario declares\n"
      "  metric                   target    tolerance                 mean (95% CI)     distance  "
      "within\n"
      "  ae.ae.within_4h          79.48%     1.00 pts        78.9% (77.8% to 80.0%)    -0.58 pts  yes\n"
      "  system.delayed_mean          50            5                 56 (54 to 58)           +6  NO\n"
      "  1 of 2 targets missed (sources in calibration.csv); pts: percentage points\n");
  // Without a share, no percentage points to explain.
  const auto counts = with_targets({{"system.delayed_mean", 50.0, 10.0, "[A]"}});
  CHECK(
      flowsim::tools::format_calibration_table(flowsim::tools::calibrate(counts, summaries)) ==
      "\nCalibration: distance of the mean from each target the scenario declares\n"
      "  metric                   target    tolerance                 mean (95% CI)     distance  "
      "within\n"
      "  system.delayed_mean          50           10                 56 (54 to 58)           +6  yes\n"
      "  all 1 targets met within their tolerance\n");
  // No targets, no block.
  CHECK(flowsim::tools::format_calibration_table({}).empty());
}

TEST_CASE("The baseline declares the calibration targets its header claims", "[report][calibration]") {
  // The other LLR scenarios are projections (2020/21) or measure five years,
  // so no 2016/17 figure is theirs to meet.
  const auto loaded =
      flowsim::scenario::load_scenario_file(FLOWSIM_SOURCE_DIR "/scenarios/llr_2016_baseline.yaml");
  INFO(loaded.diagnostics.format());
  REQUIRE(loaded.ok());
  std::vector<std::string> metrics;
  for (const auto& target : loaded.model->calibration) {
    metrics.push_back(target.metric);
    CHECK_FALSE(target.source.empty());
  }
  CHECK(metrics == std::vector<std::string>{"ae.ae.within_4h", "unit.acute.utilisation",
                                            "system.delayed_share_of_occupied_bed_days"});
  CHECK(loaded.model->calibration.front().target == 0.7948);
}
