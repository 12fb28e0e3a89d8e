// The closed loop: simulate a known scenario with flowsim (--event-log), turn
// its events into an episode extract (fit --from-event-log), fit it, and
// recover every length-of-stay mean, the arrival rate and every routing
// share inside its 95% CI, with the true family ranked first; fit.yaml
// validates and runs. Bad input: exit 2 and nothing written.
#include <catch2/catch.hpp>

#include <map>

#include "tests/cli/cli_test_support.hpp"

namespace {

namespace fs = std::filesystem;
const fs::path kOutput = fs::path(FLOWSIM_TEST_OUTPUT_DIR) / "fit";

// A CSV file as rows of named cells (quoted cells may hold commas).
std::vector<std::map<std::string, std::string>> read_csv(const fs::path& path) {
  std::istringstream in(cli_test::slurp(path));
  const auto split = [](const std::string& line) {
    std::vector<std::string> cells(1);
    bool quoted = false;
    for (const char c : line) {
      if (c == '"') quoted = !quoted;
      else if (c == ',' && !quoted) cells.emplace_back();
      else cells.back() += c;
    }
    return cells;
  };
  std::string line;
  std::getline(in, line);
  const auto header = split(line);
  std::vector<std::map<std::string, std::string>> rows;
  while (std::getline(in, line)) {
    const auto cells = split(line);
    std::map<std::string, std::string> row;
    for (std::size_t i = 0; i < header.size() && i < cells.size(); ++i) row[header[i]] = cells[i];
    rows.push_back(row);
  }
  return rows;
}

double number(const std::map<std::string, std::string>& row, const std::string& key) {
  return std::stod(row.at(key));
}

}  // namespace

TEST_CASE("Closed loop: a simulated extract's fit recovers the scenario's numbers", "[fit][cli]") {
  const fs::path run = cli_test::fresh_dir(kOutput, "loop_run");
  const fs::path fitted = cli_test::fresh_dir(kOutput, "loop_fit");
  const auto scenario = cli_test::kSource / "tests" / "data" / "fit" / "closed_loop.yaml";
  const auto simulated =
      cli_test::run_flowsim(fmt::format("run {} --out {} --event-log --quiet",
                                        cli_test::quoted(scenario), cli_test::quoted(run)),
                            "loop_run", kOutput);
  REQUIRE(simulated.exit_code == 0);
  // Day 0 of the run is 2020-01-01; the horizon (365 days) is the extract date.
  const auto fit = cli_test::run_flowsim(
      fmt::format("fit --from-event-log {} --start-date 2020-01-01 --window-start 2020-01-01 "
                  "--extract-date '2020-12-31 00:00' --report --out {}",
                  cli_test::quoted(run / "events.csv"), cli_test::quoted(fitted)),
      "loop_fit", kOutput);
  INFO(fit.out << fit.err);
  REQUIRE(fit.exit_code == 0);

  // --report: a survival chart and a Q-Q plot per unit, through the chart layer.
  const std::string report = cli_test::slurp(fitted / "report.html");
  for (const char* chart : {"survival_0", "qq_0", "survival_1", "qq_1"})
    CHECK(report.find(chart) != std::string::npos);
  CHECK(report.find("Kaplan-Meier") != std::string::npos);

  // Lengths of stay: the true family first, the true mean inside its CI.
  const std::map<std::string, std::pair<std::string, double>> truth = {{"ward", {"gamma", 6.0}},
                                                                       {"rehab", {"lognormal", 14.0}}};
  std::map<std::string, int> seen;
  for (const auto& row : read_csv(fitted / "fit_table.csv")) {
    if (seen[row.at("unit")]++ > 0) continue;  // the first row of a unit is its best fit
    const auto& [family, mean] = truth.at(row.at("unit"));
    INFO(row.at("unit") << ": " << row.at("distribution") << " mean " << row.at("mean") << " ["
                        << row.at("mean_low") << ", " << row.at("mean_high") << "]");
    CHECK(row.at("distribution") == family);
    CHECK(number(row, "mean_low") < mean);
    CHECK(mean < number(row, "mean_high"));
    CHECK(number(row, "censored") > 0);  // patients still in at the extract date
  }
  CHECK(seen.size() == 2);

  const auto arrivals = read_csv(fitted / "fit_arrivals.csv");
  REQUIRE(arrivals.size() == 1);
  CHECK(arrivals[0].at("source") == "emergency");
  CHECK(number(arrivals[0], "mean_rate_low") < 12.0);
  CHECK(12.0 < number(arrivals[0], "mean_rate_high"));

  const std::map<std::string, double> shares = {{"ward>rehab", 0.3},
                                                {"ward>home", 0.65},
                                                {"ward>died", 0.05},
                                                {"rehab>home", 0.9},
                                                {"rehab>died", 0.1}};
  const auto routes = read_csv(fitted / "fit_routes.csv");
  CHECK(routes.size() == shares.size());
  for (const auto& row : routes) {
    const std::string key = row.at("unit") + ">" + row.at("destination");
    INFO(key << " " << row.at("share") << " [" << row.at("share_low") << ", " << row.at("share_high")
             << "]");
    REQUIRE(shares.count(key));
    CHECK(number(row, "share_low") < shares.at(key));
    CHECK(shares.at(key) < number(row, "share_high"));
  }

  // The same events written as dates only, as many hospital extracts are:
  // stays become whole days (interval-censored), still recovered.
  const fs::path dated = cli_test::fresh_dir(kOutput, "loop_fit_dates");
  const auto by_date = cli_test::run_flowsim(
      fmt::format(
          "fit --from-event-log {} --dates-only --start-date 2020-01-01 --window-start 2020-01-01 "
          "--extract-date 2020-12-30 --out {}",
          cli_test::quoted(run / "events.csv"), cli_test::quoted(dated)),
      "loop_fit_dates", kOutput);
  INFO(by_date.out << by_date.err);
  REQUIRE(by_date.exit_code == 0);
  seen.clear();
  for (const auto& row : read_csv(dated / "fit_table.csv")) {
    if (seen[row.at("unit")]++ > 0) continue;
    const auto& [family, mean] = truth.at(row.at("unit"));
    INFO(row.at("unit") << " by date: " << row.at("distribution") << " mean " << row.at("mean") << " ["
                        << row.at("mean_low") << ", " << row.at("mean_high") << "]");
    CHECK(row.at("distribution") == family);
    CHECK(number(row, "whole_days") == number(row, "n"));
    CHECK(number(row, "mean_low") < mean);
    CHECK(mean < number(row, "mean_high"));
  }

  // A window opening on 2020-04-01: stays begun before it and still in then
  // are left-truncated there, stays over before it are not seen, and
  // arrivals are counted from it. Still recovered.
  const fs::path late = cli_test::fresh_dir(kOutput, "loop_fit_window");
  const auto windowed = cli_test::run_flowsim(
      fmt::format("fit {} --window-start 2020-04-01 --extract-date '2020-12-31 00:00' --out {}",
                  cli_test::quoted(fitted / "episodes.csv"), cli_test::quoted(late)),
      "loop_fit_window", kOutput);
  INFO(windowed.out << windowed.err);
  REQUIRE(windowed.exit_code == 0);
  seen.clear();
  for (const auto& row : read_csv(late / "fit_table.csv")) {
    if (seen[row.at("unit")]++ > 0) continue;
    const auto& [family, mean] = truth.at(row.at("unit"));
    INFO(row.at("unit") << " from April: " << row.at("distribution") << " mean " << row.at("mean")
                        << " [" << row.at("mean_low") << ", " << row.at("mean_high") << "]");
    CHECK(number(row, "truncated") > 0);
    CHECK(row.at("distribution") == family);
    CHECK(number(row, "mean_low") < mean);
    CHECK(mean < number(row, "mean_high"));
  }
  const auto late_arrivals = read_csv(late / "fit_arrivals.csv");
  REQUIRE(late_arrivals.size() == 1);
  CHECK(number(late_arrivals[0], "mean_rate_low") < 12.0);
  CHECK(12.0 < number(late_arrivals[0], "mean_rate_high"));

  // The draft is a scenario flowsim accepts and runs.
  const auto validated = cli_test::run_flowsim(
      fmt::format("validate {}", cli_test::quoted(fitted / "fit.yaml")), "loop_validate", kOutput);
  INFO(validated.err);
  CHECK(validated.exit_code == 0);
  const auto rerun = cli_test::run_flowsim(
      fmt::format("run {} --reps 2 --quiet --out {}", cli_test::quoted(fitted / "fit.yaml"),
                  cli_test::quoted(cli_test::fresh_dir(kOutput, "loop_rerun"))),
      "loop_rerun", kOutput);
  CHECK(rerun.exit_code == 0);
}

TEST_CASE("A bad extract: every error at once, exit 2, nothing written", "[fit][cli]") {
  const fs::path out = cli_test::fresh_dir(kOutput, "bad");
  const auto bad = cli_test::kSource / "tests" / "data" / "bad_fit" / "bad_rows.csv";
  const auto result = cli_test::run_flowsim(
      fmt::format("fit {} --out {}", cli_test::quoted(bad), cli_test::quoted(out)), "bad", kOutput);
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("duplicate episode_id") != std::string::npos);
  CHECK(result.err.find("nothing written") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
}

TEST_CASE("A bad event log: exit 2 with the line, nothing written", "[fit][cli]") {
  const fs::path out = cli_test::fresh_dir(kOutput, "bad_log");
  cli_test::write_atomically(
      kOutput / "bad_events.csv",
      "replication,time_days,source,patient,event,unit,to\nx,2,a,1,admit,ward,\n");
  const auto result = cli_test::run_flowsim(
      fmt::format("fit --from-event-log {} --out {}", cli_test::quoted(kOutput / "bad_events.csv"),
                  cli_test::quoted(out)),
      "bad_log", kOutput);
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("line 2: expected a replication number") != std::string::npos);
  CHECK_FALSE(fs::exists(out));
}

TEST_CASE("The shipped example fits by group and by unit into scenarios that validate", "[fit][cli]") {
  // The synthetic extract with a group column added: every third episode frail.
  std::istringstream in(
      cli_test::slurp(cli_test::kSource / "scenarios" / "data" / "synthetic_episodes.csv"));
  std::string grouped, line;
  int row = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    grouped += line + (row++ == 0 ? ",group\n" : (row % 3 == 0 ? ",frail\n" : ",other\n"));
  }
  cli_test::write_atomically(kOutput / "grouped.csv", grouped);
  const fs::path by_group = cli_test::fresh_dir(kOutput, "by_group");
  const auto fitted = cli_test::run_flowsim(
      fmt::format("fit {} --by group --out {}", cli_test::quoted(kOutput / "grouped.csv"),
                  cli_test::quoted(by_group)),
      "by_group", kOutput);
  INFO(fitted.out << fitted.err);
  REQUIRE(fitted.exit_code == 0);
  const std::string yaml = cli_test::slurp(by_group / "fit.yaml");
  CHECK(yaml.find("groups: {frail:") != std::string::npos);
  CHECK(yaml.find("      frail: {dist:") != std::string::npos);
  CHECK(yaml.find("      other: {dist:") != std::string::npos);
  CHECK(cli_test::run_flowsim(fmt::format("validate {}", cli_test::quoted(by_group / "fit.yaml")),
                              "by_group_validate", kOutput)
            .exit_code == 0);

  // One unit: patients from acute arrive at community from outside.
  const fs::path one_unit = cli_test::fresh_dir(kOutput, "one_unit");
  const auto community = cli_test::run_flowsim(
      fmt::format("fit {} --unit community --out {}",
                  cli_test::quoted(cli_test::kSource / "scenarios" / "data" / "synthetic_episodes.csv"),
                  cli_test::quoted(one_unit)),
      "one_unit", kOutput);
  REQUIRE(community.exit_code == 0);
  const std::string one = cli_test::slurp(one_unit / "fit.yaml");
  CHECK(one.find("  acute:\n    to: community") != std::string::npos);
  CHECK(cli_test::run_flowsim(fmt::format("validate {}", cli_test::quoted(one_unit / "fit.yaml")),
                              "one_unit_validate", kOutput)
            .exit_code == 0);
  // The empirical alternative under the fitted line runs in its place.
  const auto at = one.find("# the data itself instead");
  REQUIRE(at != std::string::npos);
  const auto alternative = one.substr(one.find("{dist: empirical", at),
                                      one.find('\n', at) - one.find("{dist: empirical", at));
  const auto los_at = one.find("    los: ");
  std::string swapped = one;
  swapped.replace(los_at, one.find('\n', los_at) - los_at, "    los: " + alternative);
  cli_test::write_atomically(one_unit / "empirical.yaml", swapped);
  CHECK(cli_test::run_flowsim(fmt::format("validate {}", cli_test::quoted(one_unit / "empirical.yaml")),
                              "empirical_validate", kOutput)
            .exit_code == 0);
  // A unit that is not in the extract is bad input.
  CHECK(cli_test::run_flowsim(fmt::format("fit {} --unit icu --out {}",
                                          cli_test::quoted(cli_test::kSource / "scenarios" / "data" /
                                                           "synthetic_episodes.csv"),
                                          cli_test::quoted(cli_test::fresh_dir(kOutput, "no_unit"))),
                              "no_unit", kOutput)
            .exit_code == 2);
}
