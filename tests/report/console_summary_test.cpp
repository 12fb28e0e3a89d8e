#include <catch2/catch.hpp>

#include <regex>
#include <string>
#include <vector>

#include "models/scenario/loader.hpp"
#include "tools/io/console_summary.hpp"

using flowsim::tools::MetricSummary;

namespace {
MetricSummary three_rep_metric(const std::string& name, double mean, double half_width) {
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
      three_rep_metric("unit.acute.delayed_mean", 0.3, 0.7),        // t-interval -0.4 to 1.0
      three_rep_metric("unit.acute.occupancy_mean", 1200.0, 15.0),  // far from 0: unchanged
      three_rep_metric("ae.ae.within_4h", 0.99, 0.03),              // 96% to 102%
      three_rep_metric("ae.ae.over_12h", 4.0, 9.0),                 // -5 to 13 patients
  };
  const std::string text = flowsim::tools::format_console_summary(*loaded.model, summaries);
  INFO(text);
  CHECK(text.find("0.3 (0.0-1.0)") != std::string::npos);
  CHECK(text.find("1200.0 (1185.0-1215.0)") != std::string::npos);
  CHECK(text.find("99.0 (96.0-100.0)") != std::string::npos);
  CHECK(text.find("4 (0-13)") != std::string::npos);
  CHECK(text.find("(-") == std::string::npos);  // no negative bound anywhere
}

namespace {
MetricSummary spread_metric(const std::string& name, double mean, double half_width, double median,
                            double p5, double p95, bool skewed) {
  MetricSummary m = three_rep_metric(name, mean, half_width);
  m.spread = {p5, median, p95, skewed ? 5.0 : 0.1, skewed};
  return m;
}
}  // namespace

TEST_CASE(
    "The console summary shows the median and 5th-95th percentiles next to every mean, "
    "marks skewed measures and names gridlocked replications",
    "[report]") {
  const auto loaded =
      flowsim::scenario::load_scenario_file(FLOWSIM_SOURCE_DIR "/scenarios/llr_2016_baseline.yaml");
  REQUIRE(loaded.ok());
  const std::vector<MetricSummary> summaries = {
      spread_metric("unit.acute.occupancy_mean", 1172.7, 9.5, 1171.7, 1136.5, 1218.3, false),
      spread_metric("ae.ae.over_12h", 1984.0, 2058.0, 500.0, 467.0, 3866.0, true),
      spread_metric("ae.ae.within_4h", 0.789, 0.011, 0.799, 0.738, 0.801, true),
  };
  const std::vector<flowsim::tools::GridlockedReplication> gridlocked = {{8, "ae", 497},
                                                                         {12, "acute", 470}};
  const std::string text = flowsim::tools::format_console_summary(*loaded.model, summaries, gridlocked);
  INFO(text);
  CHECK(text.find("2 of 3 replications gridlocked from day 470 (replications 12 from day 470 at "
                  "acute, 8 from day 497 at ae):\nmeans below include them; medians are robust.") !=
        std::string::npos);
  CHECK(text.find("1172.7 (1163.2-1182.2)") != std::string::npos);
  CHECK(text.find("1171.7 [1136.5-1218.3]  ") != std::string::npos);
  CHECK(text.find("1984 (0-4042)") != std::string::npos);
  CHECK(text.find("500 [467-3866] !") != std::string::npos);
  CHECK(text.find("79.9 [73.8-80.1] !") != std::string::npos);
  CHECK(text.find("! heavily skewed across replications") != std::string::npos);
  // Without gridlock or skew, neither line appears.
  const std::string calm = flowsim::tools::format_console_summary(
      *loaded.model,
      {spread_metric("unit.acute.occupancy_mean", 1172.7, 9.5, 1171.7, 1136.5, 1218.3, false)});
  CHECK(calm.find("gridlocked") == std::string::npos);
  CHECK(calm.find("skewed") == std::string::npos);
}

TEST_CASE(
    "The console summary shows elective operations admitted, cancelled and given up next to "
    "A&E",
    "[report]") {
  const auto loaded = flowsim::scenario::load_scenario_file(FLOWSIM_SOURCE_DIR
                                                            "/scenarios/llr_2016_whole_hospital.yaml");
  INFO(loaded.diagnostics.format());
  REQUIRE(loaded.ok());
  const std::vector<MetricSummary> summaries = {
      three_rep_metric("elective.ordinary_electives.admitted", 18286.0, 744.0),
      three_rep_metric("elective.ordinary_electives.cancelled", 2427.0, 4243.0),
      three_rep_metric("elective.ordinary_electives.cancellation_rate", 0.079, 0.129),
      three_rep_metric("elective.ordinary_electives.given_up", 287.0, 537.0),
  };
  const std::string text = flowsim::tools::format_console_summary(*loaded.model, summaries);
  INFO(text);
  const auto section = text.find("\nElectives ordinary_electives ");
  REQUIRE(section != std::string::npos);
  CHECK(text.find("A&E ae") < section);
  CHECK(section < text.find("Delayed transfers of care"));
  const auto has_row = [&text](const std::string& pattern) {
    return std::regex_search(text, std::regex("\\n  " + pattern + "\\s+"));
  };
  CHECK(has_row(R"(operations admitted\s+18286 \(17542-19030\))"));
  CHECK(has_row(R"(operations cancelled\s+2427 \(0-6670\))"));  // cut at 0
  CHECK(has_row(R"(  % of operations due\s+7\.9 \(0\.0-20\.8\))"));
  CHECK(has_row(R"(given up after rebookings\s+287 \(0-824\))"));
  // Without electives, no section.
  const auto baseline =
      flowsim::scenario::load_scenario_file(FLOWSIM_SOURCE_DIR "/scenarios/llr_2016_baseline.yaml");
  REQUIRE(baseline.ok());
  CHECK(flowsim::tools::format_console_summary(*baseline.model, summaries).find("Electives") ==
        std::string::npos);
}
