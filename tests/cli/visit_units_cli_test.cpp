// A unit limited by carer visits a day rather than places (reablement in
// scenarios/llr_2016_baseline.yaml) is shown by its visits: check and
// validate give its capacity and offered load in visits a day, and the run
// console its visits made against those available, not "unlimited" and "-".
#include <catch2/catch.hpp>

#include <regex>
#include <string>

#include "cli_test_support.hpp"

using namespace cli_test;

namespace {
const fs::path kBaseline = kSource / "scenarios" / "llr_2016_baseline.yaml";
}  // namespace

TEST_CASE("check and validate give a visit-limited unit's capacity and load in visits a day",
          "[cli][visits]") {
  const auto check = cli_test::flowsim("check " + quoted(kBaseline), "check_visits");
  INFO(check.out << check.err);
  REQUIRE(check.exit_code == 0);
  // The scenario's header: 15.1 starts a day × 83.5 visits a stay (from
  // simulated episodes; 83.6 exactly) = ~1,261 visits a day against 1,275.
  std::smatch row;
  REQUIRE(std::regex_search(
      check.out, row, std::regex(R"(p1_reablement\s+15\.10\s+422\.9\s+1275 v/d\s+(\d+\.\d)%\s+-)")));
  CHECK(std::stod(row[1]) == Approx(99.0).margin(0.3));
  CHECK(check.out.find("p1_reablement is limited by carer visits, not places: capacity 1,275 carer "
                       "visits a day (v/d);\n") != std::string::npos);
  std::smatch note;
  REQUIRE(std::regex_search(
      check.out, note,
      std::regex(
          R"(its 15\.10 referrals a day × (\d+\.\d) visits a stay need (\d),(\d+) visits a day)")));
  CHECK(std::stod(note[1]) == Approx(83.6).margin(0.1));
  CHECK(std::stod(note[2].str() + note[3].str()) == Approx(1262.0).margin(3.0));
  CHECK(check.out.find("unlimited") == std::string::npos);

  const auto validate = cli_test::flowsim("validate " + quoted(kBaseline), "validate_visits");
  INFO(validate.out << validate.err);
  REQUIRE(validate.exit_code == 0);
  CHECK(std::regex_search(validate.out, std::regex(R"(p1_reablement\s+15\.10\s+422\.9\s+1275 v/d\n)")));
  CHECK(validate.out.find("capacity 1,275 carer visits a day") != std::string::npos);
  CHECK(validate.out.find("unlimited") == std::string::npos);
}

TEST_CASE("The run console shows a visit-limited unit's visits made against those available",
          "[cli][visits]") {
  const fs::path dir = fresh_dir("visit_limited");
  const auto r = cli_test::flowsim(
      "run " + quoted(kSource / "tests" / "data" / "visit_limited.yaml") + " --out " + quoted(dir),
      "run_visits");
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  // The unit table: capacity in visits a day, and as occupancy the visits
  // made as a share of them (450 a day against ~461 needed: nearly all).
  std::smatch row;
  REQUIRE(std::regex_search(
      r.out, row, std::regex(R"(d2a\s+450 v/d\s+[\d.]+ \([\d.-]+\)\s+(\d+\.\d) \([\d.-]+\))")));
  CHECK(std::stod(row[1]) > 95.0);
  CHECK(r.out.find("v/d: carer visits a day. d2a is limited by visits, not places") !=
        std::string::npos);
  // Its own section: visits made, the share used, days at the limit, and
  // the people waiting for a package.
  CHECK(r.out.find("Visits d2a, 450 a day") != std::string::npos);
  std::smatch visits;
  REQUIRE(std::regex_search(r.out, visits, std::regex(R"(visits made a day\s+(\d+\.\d) )")));
  CHECK(std::stod(visits[1]) <= 450.0);
  CHECK(std::stod(visits[1]) > 430.0);
  CHECK(std::regex_search(r.out, std::regex(R"(% of the visits available\s+\d+\.\d )")));
  CHECK(std::regex_search(r.out, std::regex(R"(days with no visit to spare %\s+\d+\.\d )")));
  CHECK(std::regex_search(r.out, std::regex(R"(midnights with someone waiting %\s+\d+\.\d )")));
  CHECK(std::regex_search(r.out, std::regex(R"(waiting for a package at home\s+\d+\.\d )")));
  CHECK(std::regex_search(r.out, std::regex(R"(% of referrals who waited\s+\d+\.\d )")));
}

TEST_CASE("The year-by-year table shows a visit-limited unit by its visits", "[cli][visits][periods]") {
  // visit_limited.yaml measured over parts of two financial years: the warm-up
  // ends on 2020-03-01 (31 days before the year turns) and the run 69 days later.
  std::string text = slurp(kSource / "tests" / "data" / "visit_limited.yaml");
  const std::string seed_line = "  seed: 450\n";
  REQUIRE(text.find(seed_line) != std::string::npos);
  text.replace(text.find(seed_line), seed_line.size(), seed_line + "  start_date: 2020-01-31\n");
  const fs::path scenario = kOutput / "visit_limited_years.yaml";
  write_atomically(scenario, text);
  const fs::path dir = fresh_dir("visit_limited_years");
  const auto r =
      cli_test::flowsim("run " + quoted(scenario) + " --out " + quoted(dir), "run_visits_years");
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const auto table = r.out.find("Year by year (financial years, April to March)");
  REQUIRE(table != std::string::npos);
  const std::string years = r.out.substr(table);
  // Each period's row: capacity in visits a day, occupancy the share of the
  // visits used, as in the run's unit table (not skipped as "unlimited").
  std::smatch row;
  REQUIRE(std::regex_search(
      years, row,
      std::regex(R"(d2a\n  2019/20 \(partial: 31 days\)\s+450 v/d\s+[\d.]+ \([\d.-]+\)\s+(\d+\.\d) )")));
  CHECK(std::stod(row[1]) > 90.0);
  CHECK(std::stod(row[1]) <= 100.0);
  CHECK(std::regex_search(years, std::regex(R"(  2020/21 \(partial: 69 days\)\s+450 v/d\s)")));
  CHECK(years.find("v/d: carer visits a day; for d2a,") != std::string::npos);
}

TEST_CASE("compare shows a visit-limited unit's visits and the people waiting for it",
          "[cli][visits][compare]") {
  // More reablement visits (scenarios/interventions/more_reablement.yaml):
  // the same visits made, a smaller share of those available, and nobody
  // left waiting in a hospital bed for a package.
  const fs::path dir = fresh_dir("compare_visits");
  const auto r =
      cli_test::flowsim("compare " + quoted(kBaseline) + " --with " +
                            quoted(kSource / "scenarios" / "interventions" / "more_reablement.yaml") +
                            " --reps 2 --threads 2 --out " + quoted(dir),
                        "compare_visits");
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(std::regex_search(r.out, std::regex(R"(p1_reablement visits made a day\s+1\d{3}\.\d ± )")));
  std::smatch used;
  REQUIRE(std::regex_search(
      r.out, used,
      std::regex(R"(p1_reablement visits used \(%\)\s+(\d+\.\d) ± [\d.]+\s+(\d+\.\d) ± [\d.]+\s+-)")));
  CHECK(std::stod(used[1]) > 95.0);
  CHECK(std::stod(used[2]) < std::stod(used[1]));
  CHECK(std::regex_search(r.out, std::regex(R"(p1_reablement waiting in a bed elsewhere\s+[\d.]+ ± )")));
}
