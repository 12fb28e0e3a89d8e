// The paired comparison on a realistic case: the LLR 2016/17 baseline with 5%
// fewer acute beds, shortened to 150 days (30 warm-up) and 10 replications.
// Common random numbers give patient k the same stays and routes in both
// scenarios, so the per-replication differences vary far less than the
// scenarios themselves; a no-op change differs by exactly zero.
#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>
#include <stop_token>
#include <thread>

#include <fmt/format.h>

#include "models/scenario/loader.hpp"
#include "models/scenario/overlay.hpp"
#include "tools/experiments/comparison.hpp"
#include "tools/runner/replication_runner.hpp"

namespace {

using flowsim::tools::ComparisonRow;
using Model = std::shared_ptr<const flowsim::models::ModelDefinition>;

std::string llr_baseline_text() {
  std::ifstream in(std::string(FLOWSIM_SOURCE_DIR) + "/scenarios/llr_2016_baseline.yaml");
  std::ostringstream text;
  text << in.rdbuf();
  std::string yaml = text.str();
  REQUIRE(std::regex_search(yaml, std::regex(R"(horizon_days:\s*545)")));
  yaml = std::regex_replace(yaml, std::regex(R"(horizon_days:\s*545)"), "horizon_days: 150");
  yaml = std::regex_replace(yaml, std::regex(R"(warmup_days:\s*180)"), "warmup_days: 30");
  yaml = std::regex_replace(yaml, std::regex(R"(replications:\s*40)"), "replications: 10");
  return yaml;
}

// The baseline without its escalation. Escalation opens beds as the pool
// fills, so a 5% cut is mostly taken up by escalation beds that open at
// different moments in the two scenarios; the paired test below is about a
// plain bed cut, so both sides leave escalation out.
std::string without_escalation(const std::string& yaml) {
  const auto effective = flowsim::scenario::apply_overlays(
      yaml, "llr_2016_baseline.yaml",
      {{"no_escalation.yaml",
        "overlay: no escalation\nchanges:\n  - remove: units.acute.escalation\n"
        "  - remove: units.ae.escalation\n"}});
  INFO(effective.diagnostics.format());
  REQUIRE(effective.ok());
  return effective.yaml;
}

Model load_text(const std::string& yaml, const std::string& name) {
  const auto loaded = flowsim::scenario::load_scenario_text(yaml, name);
  INFO(loaded.diagnostics.format());
  REQUIRE(loaded.ok());
  return loaded.model;
}

const ComparisonRow& row_of(const std::vector<ComparisonRow>& rows, const std::string& metric,
                            std::size_t scenario) {
  for (const auto& row : rows)
    if (row.metric == metric && row.scenario == scenario) return row;
  FAIL("no row for " << metric);
  return rows.front();
}

flowsim::models::ReplicationResult result_with(
    std::uint32_t replication, const std::vector<std::pair<std::string, double>>& metrics) {
  flowsim::models::ReplicationResult r;
  r.replication = replication;
  for (const auto& [name, value] : metrics) r.metrics.push_back({name, value});
  return r;
}

}  // namespace

TEST_CASE(
    "Paired CIs on LLR 2016/17 with 5% fewer acute beds are over 10 times narrower than "
    "unpaired ones for occupancy, delayed bed-days and cost",
    "[experiments][compare]") {
  const std::string base_yaml = without_escalation(llr_baseline_text());
  // Acute beds for emergency flow: 1,300 -> 1,235 (-5%).
  const std::regex acute_capacity(R"(capacity: 1300\b)");
  REQUIRE(std::regex_search(base_yaml, acute_capacity));
  const Model base = load_text(base_yaml, "llr_2016_baseline.yaml");
  const Model fewer_beds =
      load_text(std::regex_replace(base_yaml, acute_capacity, "capacity: 1235"), "llr_minus_5pct.yaml");
  const auto results =
      flowsim::tools::run_replications_of_each({base, fewer_beds}, {.replications = 10, .threads = 2});
  const auto rows = flowsim::tools::compare_scenarios(results);

  for (const auto* metric :
       {"unit.acute.occupancy_mean", "unit.acute.utilisation", "unit.acute.time_at_or_above_92pct",
        "ae.ae.within_4h", "ae.ae.over_12h", "system.delayed_bed_days", "cost.total_gbp_per_year"}) {
    const auto& row = row_of(rows, metric, 1);
    REQUIRE(row.difference);
    const auto& d = *row.difference;
    // The paired mean difference is the difference of the means.
    CHECK(d.paired.mean == Approx(row.value.mean - row_of(rows, metric, 0).value.mean).margin(1e-9));
    WARN(
        fmt::format("{}: difference {:.6g}, paired CI ±{:.4g}, unpaired CI ±{:.4g}, variance "
                    "reduction {:.4g}",
                    metric, d.paired.mean, d.paired.half_width, d.unpaired_half_width,
                    d.variance_reduction.value_or(0.0)));
  }
  for (const auto* metric :
       {"unit.acute.occupancy_mean", "system.delayed_bed_days", "cost.total_gbp_per_year"}) {
    INFO(metric);
    const auto& d = *row_of(rows, metric, 1).difference;
    CHECK(d.paired.half_width * 10 < d.unpaired_half_width);
    REQUIRE(d.variance_reduction);
    CHECK(*d.variance_reduction > 100.0);
  }
  // Fewer beds: the acute unit is at or above 92% for longer, beyond doubt.
  CHECK(row_of(rows, "unit.acute.time_at_or_above_92pct", 1).difference->paired.low() > 0.0);
}

TEST_CASE("A no-op variant differs from the baseline by exactly zero in every metric",
          "[experiments][compare]") {
  const std::string yaml = llr_baseline_text();
  const Model base = load_text(yaml, "base.yaml");
  const Model same = load_text(yaml, "same.yaml");  // a separate, identical definition
  const auto results =
      flowsim::tools::run_replications_of_each({base, same}, {.replications = 3, .threads = 2});
  const auto rows = flowsim::tools::compare_scenarios(results);
  std::size_t compared = 0;
  for (const auto& row : rows) {
    if (row.scenario == 0) continue;
    INFO(row.metric);
    REQUIRE(row.difference);
    CHECK(row.difference->paired.mean == 0.0);
    CHECK(row.difference->paired.half_width == 0.0);
    CHECK_FALSE(row.difference->variance_reduction);
    ++compared;
  }
  CHECK(compared == results.front().front().metrics.size());
}

TEST_CASE("Metrics only some scenarios report are listed without a difference",
          "[experiments][compare]") {
  // The variant drops unit b and adds unit c.
  const std::vector<std::vector<flowsim::models::ReplicationResult>> results = {
      {result_with(0, {{"a", 1.0}, {"b", 5.0}}), result_with(1, {{"a", 2.0}, {"b", 6.0}})},
      {result_with(0, {{"a", 1.5}, {"c", 7.0}}), result_with(1, {{"a", 2.5}, {"c", 8.0}})},
  };
  const auto rows = flowsim::tools::compare_scenarios(results);
  REQUIRE(rows.size() == 4);
  CHECK((rows[0].metric == "a" && rows[0].scenario == 0 && !rows[0].difference));
  CHECK((rows[1].metric == "a" && rows[1].scenario == 1 && rows[1].difference));
  CHECK(rows[1].difference->paired.mean == 0.5);
  CHECK((rows[2].metric == "b" && rows[2].scenario == 0 && !rows[2].difference));
  CHECK((rows[3].metric == "c" && rows[3].scenario == 1 && !rows[3].difference));
  CHECK(rows[3].value.mean == 7.5);

  const std::vector<std::vector<flowsim::models::ReplicationResult>> uneven = {
      {result_with(0, {{"a", 1.0}})}, {result_with(0, {{"a", 1.0}}), result_with(1, {{"a", 1.0}})}};
  CHECK_THROWS_AS(flowsim::tools::compare_scenarios(uneven), std::invalid_argument);
}

TEST_CASE("After a stop every scenario keeps the same finished replications",
          "[experiments][compare][runner]") {
  const std::string yaml = llr_baseline_text();
  const Model base = load_text(yaml, "base.yaml");
  const Model same = load_text(yaml, "same.yaml");
  {
    std::stop_source stopped;
    stopped.request_stop();  // before anything starts: nothing runs
    const auto results = flowsim::tools::run_replications_of_each(
        {base, same}, {.replications = 4, .threads = 2, .stop = stopped.get_token()});
    REQUIRE(results.size() == 2);
    CHECK(results[0].empty());
    CHECK(results[1].empty());
  }
  std::stop_source source;
  std::jthread stopper([&source] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    source.request_stop();
  });
  const auto results = flowsim::tools::run_replications_of_each(
      {base, same},
      {.replications = 40, .threads = 2, .stop = source.get_token(), .first_replication = 5});
  REQUIRE(results.size() == 2);
  REQUIRE(results[0].size() == results[1].size());
  CHECK(results[0].size() < 40);
  for (std::size_t k = 0; k < results[0].size(); ++k) {
    CHECK(results[0][k].replication == results[1][k].replication);
    CHECK(results[0][k].replication >= 5);
    if (k > 0) CHECK(results[0][k].replication > results[0][k - 1].replication);
  }
}

TEST_CASE(
    "Each difference has its paired median with the exact sign-test interval, and skew is "
    "flagged",
    "[experiments][comparison]") {
  // x: variant - base = 1..10 (shuffled): median 5.5, interval [2nd, 9th] =
  // [2, 9] with coverage 1 - 22/1024. y: 38 differences of 1 and two of 100
  // (two runaway replications): mean 5.95 but median 1, interval [14th, 27th]
  // = [1, 1] with coverage 1 - 2 P(Binomial(40, 1/2) <= 13).
  const std::vector<double> x_steps = {3, 10, 1, 7, 5, 2, 9, 4, 8, 6};
  std::vector<flowsim::models::ReplicationResult> base;
  std::vector<flowsim::models::ReplicationResult> variant;
  for (std::uint32_t r = 0; r < 40; ++r) {
    const double x_step = r < 10 ? x_steps[r] : 5.5;
    const double y_step = (r == 8 || r == 12) ? 100.0 : 1.0;
    base.push_back(result_with(r, {{"x", 50.0}, {"y", 10.0 + r % 3}}));
    variant.push_back(result_with(r, {{"x", 50.0 + x_step}, {"y", 10.0 + r % 3 + y_step}}));
  }
  std::vector<decltype(base)> ten = {std::vector(base.begin(), base.begin() + 10),
                                     std::vector(variant.begin(), variant.begin() + 10)};
  const auto x = row_of(flowsim::tools::compare_scenarios(ten), "x", 1);
  REQUIRE(x.median_difference);
  CHECK(x.median_difference->median == 5.5);
  CHECK(*x.median_difference->low == 2.0);
  CHECK(*x.median_difference->high == 9.0);
  CHECK(x.median_difference->coverage == Approx(1.0 - 22.0 / 1024.0).epsilon(1e-12));
  CHECK_FALSE(x.difference_skewed);

  const auto rows = flowsim::tools::compare_scenarios({base, variant});
  const auto& y = row_of(rows, "y", 1);
  CHECK(y.difference->paired.mean == Approx(5.95).epsilon(1e-12));
  REQUIRE(y.median_difference);
  CHECK(y.median_difference->median == 1.0);
  CHECK(*y.median_difference->low == 1.0);
  CHECK(*y.median_difference->high == 1.0);
  CHECK(y.median_difference->coverage ==
        Approx(1.0 - 2.0 * 21153123932.0 / 1099511627776.0).epsilon(1e-12));
  CHECK(y.difference_skewed);
  CHECK(y.spread.skewed);                           // the variant's own values too
  CHECK_FALSE(row_of(rows, "y", 0).spread.skewed);  // not the baseline's
  CHECK(row_of(rows, "y", 0).spread.median == 11.0);

  // Leaving out replications 8 and 12 from both scenarios keeps the pairs.
  const auto kept = flowsim::tools::without_replications({base, variant}, {8, 12});
  REQUIRE(kept.size() == 2);
  REQUIRE(kept[0].size() == 38);
  for (std::size_t k = 0; k < 38; ++k) CHECK(kept[0][k].replication == kept[1][k].replication);
  const auto& y_kept = row_of(flowsim::tools::compare_scenarios(kept), "y", 1);
  CHECK(y_kept.difference->paired.mean == 1.0);
  CHECK(y_kept.difference->paired.half_width == 0.0);
  CHECK_FALSE(y_kept.difference_skewed);
}
