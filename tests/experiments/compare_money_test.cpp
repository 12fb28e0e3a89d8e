// compare's money answer (tools/experiments/compare_money.hpp): a closure
// releases cash, shorter stays on a ward that stays staffed do not, and a
// cheaper variant that served fewer patients is called out.
#include <catch2/catch.hpp>

#include <string>

#include "models/scenario/loader.hpp"
#include "tools/experiments/compare_console.hpp"
#include "tools/experiments/compare_money.hpp"
#include "tools/experiments/comparison.hpp"
#include "tools/runner/replication_runner.hpp"

namespace {

using Model = std::shared_ptr<const flowsim::models::ModelDefinition>;

// A 20-bed ward over 365 measured days, GBP 180 per staffed bed-day and
// GBP 120 per occupied bed-day; arrivals that find it full wait at the door
// at GBP 300 a day.
std::string ward(const std::string& capacity_lines, double los_mean, double rate = 3.0) {
  return R"(
name: costed ward
run: {horizon_days: 395, warmup_days: 30, replications: 8, seed: 5}
exits: [home]
units:
  ward:
)" + capacity_lines +
         R"(
    los: {dist: exponential, mean: )" +
         std::to_string(los_mean) + R"(, unit: days}
    routes: {home: 1}
    costs: {per_available_bed_day: 180, per_occupied_bed_day: 120, per_waiting_day: 300}
arrivals:
  admissions: {to: ward, rate_per_day: )" +
         std::to_string(rate) + R"(}
)";
}

Model load_text(const std::string& yaml) {
  const auto loaded = flowsim::scenario::load_scenario_text(yaml, "ward.yaml");
  INFO(loaded.diagnostics.format());
  REQUIRE(loaded.ok());
  return loaded.model;
}

struct Compared {
  std::vector<flowsim::tools::ComparisonRow> rows;
  flowsim::tools::MoneyAnswer money;
  Model base;
};

Compared compare(const std::string& base_yaml, const std::string& variant_yaml) {
  const Model base = load_text(base_yaml);
  const Model variant = load_text(variant_yaml);
  const auto results =
      flowsim::tools::run_replications_of_each({base, variant}, {.replications = 8, .threads = 2});
  auto rows = flowsim::tools::compare_scenarios(results);
  const auto answers = flowsim::tools::money_answers({"base", "variant"}, rows);
  REQUIRE(answers.size() == 1);
  return {std::move(rows), answers.front(), base};
}

}  // namespace

TEST_CASE("A ward closing 5 of its 20 beds releases exactly 5 x 365 x GBP 180 a year in cash",
          "[experiments][compare][costs]") {
  const auto c = compare(ward("    capacity: 20", 5.0, 2.0), ward("    capacity: 15", 5.0, 2.0));
  CHECK(c.money.cash_releasing.mean == Approx(5.0 * 365.0 * 180.0));
  CHECK(c.money.cash_releasing.low == Approx(5.0 * 365.0 * 180.0));
  CHECK(c.money.cash_releasing.high == Approx(5.0 * 365.0 * 180.0));
  CHECK(c.money.explanation.find("Staffed capacity closes") != std::string::npos);
}

TEST_CASE("Shorter stays with the ward still staffed free bed-days but release no cash",
          "[experiments][compare][costs]") {
  const auto c = compare(ward("    capacity: 20", 5.0), ward("    capacity: 20", 4.0));
  CHECK(c.money.cash_releasing.mean == 0.0);
  CHECK(c.money.cash_releasing.low == 0.0);
  CHECK(c.money.cash_releasing.high == 0.0);
  CHECK(c.money.non_cash_releasing.low > 0.0);
  CHECK_FALSE(c.money.served_fewer_patients);
  CHECK(c.money.explanation.find("No staffed capacity closes or opens, so no cash is released") !=
        std::string::npos);
  const auto json = flowsim::tools::money_json(c.money);
  for (const auto* key :
       {"cash_releasing_gbp_per_year", "non_cash_releasing_gbp_per_year", "unserved_gbp_per_year"})
    for (const auto* field : {"mean", "ci95_low", "ci95_high"}) CHECK(json.at(key).contains(field));
  CHECK(json.at("served_fewer_patients") == false);
  CHECK(json.at("explanation").get<std::string>() == c.money.explanation);

  const std::string console = flowsim::tools::format_comparison(*c.base, {"base", "variant"}, c.rows);
  CHECK(console.find("Money, variant vs base: saving in GBP million a year (paired 95% CI)") !=
        std::string::npos);
  CHECK(console.find("cash-releasing (staffed capacity that closes)") != std::string::npos);
  CHECK(console.find("non-cash-releasing (bed-days freed, capacity still staffed)") !=
        std::string::npos);
  CHECK(console.find("no cash is released") != std::string::npos);
}

TEST_CASE(
    "Too few beds: the patients left waiting at the door are costed and the answer says fewer "
    "were served",
    "[experiments][compare][costs]") {
  // 10 beds for a load of 15: the queue at the door grows without end.
  const auto c = compare(ward("    capacity: 20", 5.0), ward("    capacity: 10", 5.0));
  CHECK(c.money.cash_releasing.mean == Approx(10.0 * 365.0 * 180.0));
  CHECK(c.money.unserved.high < 0.0);  // more unserved: a negative saving
  CHECK(c.money.served_fewer_patients);
  CHECK(c.money.explanation.find("variant served") != std::string::npos);
  CHECK(c.money.explanation.find("fewer patients than base") != std::string::npos);
  CHECK(c.money.explanation.find("More demand goes unserved") != std::string::npos);
  CHECK(c.money.explanation.find("because fewer patients got in") != std::string::npos);
}

TEST_CASE("The answer also says so when the cheaper side is the baseline and it served fewer",
          "[experiments][compare][costs]") {
  // The other way round: the baseline's 10 beds cost less and jam.
  const auto c = compare(ward("    capacity: 10", 5.0), ward("    capacity: 20", 5.0));
  CHECK(c.money.cash_releasing.mean < 0.0);
  CHECK(c.money.served_fewer_patients);
  CHECK(c.money.explanation.find("base served") != std::string::npos);
  CHECK(c.money.explanation.find("fewer patients than variant") != std::string::npos);
}
