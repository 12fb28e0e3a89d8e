#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "models/scenario/loader.hpp"
#include "tools/io/console_summary.hpp"

using flowsim::tools::MetricSummary;

namespace {
MetricSummary metric(const std::string& name, double mean, double half_width) {
  flowsim::sim::Summary summary;
  summary.n = 3;
  summary.mean = mean;
  summary.half_width = half_width;
  return {name, summary};
}
}  // namespace

TEST_CASE("The console summary cuts intervals at 0 and shares at 100%", "[report]") {
  const auto loaded =
      flowsim::scenario::load_scenario_file(FLOWSIM_SOURCE_DIR "/scenarios/llr_2016_baseline.yaml");
  REQUIRE(loaded.ok());
  const std::vector<MetricSummary> summaries = {
      metric("unit.acute.delayed_mean", 0.3, 0.7),          // t-interval -0.4 to 1.0
      metric("unit.acute.occupancy_mean", 1200.0, 15.0),    // far from 0: unchanged
      metric("ae.ae.within_4h", 0.99, 0.03),                // 96% to 102%
      metric("ae.ae.over_12h", 4.0, 9.0),                   // -5 to 13 patients
  };
  const std::string text = flowsim::tools::format_console_summary(*loaded.model, summaries);
  INFO(text);
  CHECK(text.find("0.3 (0.0-1.0)") != std::string::npos);
  CHECK(text.find("1200.0 (1185.0-1215.0)") != std::string::npos);
  CHECK(text.find("within 4 hours 99.0 (96.0-100.0) %") != std::string::npos);
  CHECK(text.find("over 12 hours 4 (0-13) patients") != std::string::npos);
  CHECK(text.find("(-") == std::string::npos);  // no negative bound anywhere
}
