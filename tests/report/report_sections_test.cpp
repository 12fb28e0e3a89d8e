// The report's sections on hand-made result directories: each section that
// other commands' newer fields feed (title, provenance, periods, the cost
// split, the money answer, calibration, the capacity column) is drawn when
// its data is present and left out when it is absent; and the chart
// specifications keep the promises the issue made (intervals cut at zero,
// whole beds on capacity axes, sweeps sorted by the parameter).
#include <catch2/catch.hpp>

#include <map>
#include <regex>

#include <nlohmann/json.hpp>

#include "../cli/cli_test_support.hpp"
#include "tools/report/charts/chart_specs.hpp"
#include "tools/report/report_writer.hpp"

using namespace cli_test;
using nlohmann::json;

namespace {

void write_file(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

std::string summary_line(const std::string& metric, double mean, double low, double high) {
  return fmt::format("{},{},0.1,{},{},3,{},{},{},0,0\n", metric, mean, low, high, low, mean, high);
}

// A run directory with only what any run has: summary.csv and model.json.
fs::path plain_run(const std::string& name) {
  const fs::path dir = fresh_dir(name);
  fs::create_directories(dir);
  write_file(dir / "summary.csv",
             "metric,mean,sd,ci95_low,ci95_high,replications,p5,median,p95,skewness,skewed\n" +
                 summary_line("unit.acute.occupancy_mean", 9.1, 8.9, 9.3) +
                 summary_line("unit.acute.utilisation", 0.91, 0.89, 0.93) +
                 summary_line("ae.ed.within_4h", 0.80, 0.78, 0.82) +
                 summary_line("ae.ed.over_12h", 2.0, -1.5, 5.5) +
                 summary_line("cost.acute.gbp", 1.0e6, 0.9e6, 1.1e6) +
                 summary_line("cost.total_gbp_per_year", 1.2e7, 1.1e7, 1.3e7));
  json model = {{"name", "Fixture ward"},
                {"description", "A hand-made result directory."},
                {"run",
                 {{"horizon_days", 40},
                  {"warmup_days", 10},
                  {"measured_days", 30},
                  {"replications", 3},
                  {"seed", 1}}},
                {"units", json::array({{{"name", "acute"},
                                        {"kind", "acute"},
                                        {"capacity", 10},
                                        {"queue_limit", nullptr},
                                        {"arrivals_per_day", 1.0},
                                        {"offered_load", 9.0},
                                        {"length_of_stay", {{"all", "exponential(mean 9)"}}}},
                                       {{"name", "ed"},
                                        {"kind", "emergency_department"},
                                        {"capacity", nullptr},
                                        {"queue_limit", nullptr},
                                        {"arrivals_per_day", 2.0},
                                        {"offered_load", 0.1},
                                        {"length_of_stay", {{"all", "exponential(mean 0.1)"}}}}})},
                {"sources", json::array()},
                {"routes", json::array()},
                {"exits", {"home"}},
                {"groups", json::array()}};
  write_file(dir / "model.json", model.dump(2));
  std::string occupancy =
      "unit,day,in_warmup,census_mean,census_p5,census_p50,census_p95,peak_mean,peak_p5,peak_p50,peak_"
      "p95\n";
  for (int day = 0; day < 40; ++day)
    occupancy += fmt::format("acute,{},{},9,8,9,10,10,9,10,11\n", day, day < 10 ? 1 : 0);
  write_file(dir / "occupancy.csv", occupancy);
  return dir;
}

std::string report_of(const fs::path& dir) {
  const auto outcome = flowsim::tools::write_html_report(dir.string());
  REQUIRE(outcome.exit_code == 0);
  return slurp(dir / "report.html");
}

// The specification of the chart named 'name' in a report.
json chart_spec(const std::string& html, const std::string& name) {
  const auto at = html.find("data-chart=\"" + name + "\"");
  REQUIRE(at != std::string::npos);
  const auto open = html.find("-spec\">", at);
  const auto from = open + 7;
  return json::parse(html.substr(from, html.find("</script>", from) - from));
}

// Every number under 'key' anywhere in a specification's inline data.
void collect(const json& node, const std::string& key, std::vector<double>& out) {
  if (node.is_object()) {
    for (const auto& [k, v] : node.items()) {
      if (k == key && v.is_number()) out.push_back(v.get<double>());
      collect(v, key, out);
    }
  } else if (node.is_array()) {
    for (const auto& v : node) collect(v, key, out);
  }
}

}  // namespace

TEST_CASE("Sections fed by newer fields are left out when their data is absent", "[report]") {
  const auto html = report_of(plain_run("sections_absent"));
  CHECK(html.find("<title>Fixture ward</title>") !=
        std::string::npos);  // no run.json title: the scenario name
  CHECK(html.find("Year by year") == std::string::npos);
  CHECK(html.find("Calibration against observed figures") == std::string::npos);
  CHECK(html.find("fixed (staffed beds)") == std::string::npos);
  CHECK(html.find("data-chart=\"costs\"") != std::string::npos);  // the totals by unit instead
  CHECK(html.find("Scenario SHA-256") == std::string::npos);
  CHECK(html.find("<h2>Escalation</h2>") == std::string::npos);
  CHECK(html.find("escalation from normal level") == std::string::npos);
  // Without a capacity column or calendar, the capacity line is the model's capacity.
  const auto fan = chart_spec(html, "occupancy-acute").dump();
  CHECK(fan.find("\"capacity\":10.0") != std::string::npos);
}

TEST_CASE("Sections fed by newer fields are drawn when their data is present", "[report]") {
  const fs::path dir = plain_run("sections_present");
  std::ofstream(dir / "summary.csv", std::ios::app)
      << summary_line("cost.acute.fixed_gbp", 0.7e6, 0.7e6, 0.7e6)
      << summary_line("cost.acute.variable_gbp", 0.3e6, 0.2e6, 0.4e6);
  const json interval = {{"mean", 0.9}, {"ci95_low", 0.88}, {"ci95_high", 0.92}};
  write_file(dir / "summary.json",
             json{{"metrics", json::object()},
                  {"periods", json::array({{{"label", "2016/17"},
                                            {"start_day", 10},
                                            {"end_day", 375},
                                            {"metrics", {{"unit.acute.utilisation", interval}}}},
                                           {{"label", "2017/18"},
                                            {"start_day", 375},
                                            {"end_day", 740},
                                            {"metrics", {{"unit.acute.utilisation", interval}}}}})},
                  {"calibration", json::array({{{"metric", "unit.acute.utilisation"},
                                                {"target", 0.93},
                                                {"tolerance", 0.02},
                                                {"source", "KH03 2016/17 Q4"},
                                                {"mean", 0.91},
                                                {"ci95_low", 0.89},
                                                {"ci95_high", 0.93},
                                                {"distance", 1.0},
                                                {"within", true}}})}}
                 .dump());
  write_file(dir / "run.json",
             json{{"title", "Fixture ward + more beds"},
                  {"replications", 3},
                  {"seed", 1},
                  {"warmup_days", 10},
                  {"horizon_days", 40},
                  {"provenance", {{"scenario_sha256", "abc123"}, {"git_commit", "0123456"}}}}
                 .dump());
  // occupancy.csv with the capacity in force: 10 beds, 12 from day 20.
  std::string occupancy =
      "unit,day,in_warmup,census_mean,census_p5,census_p50,census_p95,peak_mean,peak_p5,peak_p50,peak_"
      "p95,capacity\n";
  for (int day = 0; day < 40; ++day)
    occupancy +=
        fmt::format("acute,{},{},9,8,9,10,10,9,10,11,{}\n", day, day < 10 ? 1 : 0, day < 20 ? 10 : 12);
  write_file(dir / "occupancy.csv", occupancy);
  auto model = json::parse(slurp(dir / "model.json"));
  model["units"][0]["waiting_list"] = {
      {"order", "priority"}, {"by", "source"}, {"levels", {{"ambulance"}, {"walk_in", "from ed"}}}};
  write_file(dir / "model.json", model.dump());

  const auto html = report_of(dir);
  CHECK(html.find("<title>Fixture ward + more beds</title>") != std::string::npos);
  CHECK(html.find("data-chart=\"periods\"") != std::string::npos);
  CHECK(chart_spec(html, "periods").dump().find("2017/18") != std::string::npos);
  CHECK(html.find("Calibration against observed figures") != std::string::npos);
  CHECK(html.find("KH03 2016/17 Q4") != std::string::npos);
  CHECK(html.find("1 of 1 targets reproduced within their tolerance") != std::string::npos);
  CHECK(chart_spec(html, "costs").dump().find("fixed (staffed beds)") != std::string::npos);
  CHECK(html.find("Scenario SHA-256 abc123") != std::string::npos);
  std::vector<double> capacities;
  collect(chart_spec(html, "occupancy-acute"), "capacity", capacities);
  CHECK(std::find(capacities.begin(), capacities.end(), 12.0) != capacities.end());
  // The STRESS-DES record states the priorities this scenario sets.
  CHECK(html.find("no priorities") == std::string::npos);
  CHECK(html.find("by priority of source (first ambulance, then walk_in and from ed)") !=
        std::string::npos);
}

TEST_CASE(
    "Escalation: the level day by day, what the levels did, and the rules in the STRESS-DES record",
    "[report][escalation]") {
  const fs::path dir = plain_run("sections_escalation");
  std::ofstream(dir / "summary.csv", std::ios::app)
      << summary_line("unit.acute.escalation_level_1_time_share", 0.70, 0.65, 0.75)
      << summary_line("unit.acute.escalation_level_2_time_share", 0.20, 0.16, 0.24)
      << summary_line("unit.acute.escalation_level_3_time_share", 0.10, -0.02, 0.22)
      << summary_line("unit.acute.escalation_rises", 4, 3, 5)
      << summary_line("unit.acute.escalation_bed_days", 60, 50, 70)
      << summary_line("unit.acute.escalation_cost_gbp", 6000, 5000, 7000)
      << summary_line("unit.acute.electives_cancelled", 12, 9, 15);
  // Level 1 through the warm-up, 2 from day 15, 3 in some replications from day 25.
  std::string csv =
      "unit,day,in_warmup,level_mean,level_p5,level_p50,level_p95,share_at_or_above_2,share_at_or_above_"
      "3\n";
  for (int day = 0; day < 40; ++day)
    csv += day < 15   ? fmt::format("acute,{},{},1,1,1,1,0,0\n", day, day < 10 ? 1 : 0)
           : day < 25 ? fmt::format("acute,{},0,2,2,2,2,1,0\n", day)
                      : fmt::format("acute,{},0,2.5,2,2.5,3,1,0.5\n", day);
  write_file(dir / "escalation.csv", csv);
  auto model = json::parse(slurp(dir / "model.json"));
  model["units"][0]["escalation"] = {{"normal_level", 1},
                                     {"at", {"08:00", "16:00"}},
                                     {"levels",
                                      {{{"level", 2},
                                        {"rise", {{"measure", "occupancy_share"}, {"threshold", 0.92}}},
                                        {"fall", {{"measure", "occupancy_share"}, {"threshold", 0.85}}},
                                        {"open_beds", 0}},
                                       {{"level", 3},
                                        {"rise", {{"measure", "waiting"}, {"threshold", 3}}},
                                        {"fall", {{"measure", "waiting"}, {"threshold", 0}}},
                                        {"open_beds", 2}}}},
                                     {"bed_day_cost_gbp", 100},
                                     {"cancel_electives_from", 3},
                                     {"divert_arrivals_from", nullptr}};
  write_file(dir / "model.json", model.dump());

  const auto html = report_of(dir);
  CHECK(html.find("<h2>Escalation</h2>") != std::string::npos);
  const auto spec = chart_spec(html, "escalation-acute");
  const auto text = spec.dump();
  CHECK(text.find("\"interpolate\":\"step-after\"") != std::string::npos);  // a level holds for the day
  CHECK(text.find("warm-up (not measured)") != std::string::npos);          // the measured period marked
  CHECK(text.find("\"domain\":[\"level 1 (normal)\",\"level 2\",\"level 3\"]") != std::string::npos);
  // Each day's shares of replications at each level sum to 100%: all at 1,
  // then all at 2, then half at 2 and half at 3.
  std::map<double, std::vector<double>> shares_by_day;
  for (const auto& v : spec["layer"][0]["data"]["values"])
    shares_by_day[v["day"].get<double>()].push_back(v["share"].get<double>());
  REQUIRE(shares_by_day.size() == 40);
  CHECK(shares_by_day[5.0] == std::vector<double>{100, 0, 0});
  CHECK(shares_by_day[20.0] == std::vector<double>{0, 100, 0});
  CHECK(shares_by_day[30.0] == std::vector<double>{0, 50, 50});
  // The table: time at each level as %, the CI cut at zero, cost a year in pounds (30 measured days).
  CHECK(html.find("time at level 1 (normal)") != std::string::npos);
  CHECK(html.find("10.0% <span class=\"ci\">(0.0% to 22.0%)") != std::string::npos);
  CHECK(html.find("GBP 73,000") != std::string::npos);
  CHECK(html.find("electives cancelled") != std::string::npos);
  CHECK(html.find("arrivals diverted") == std::string::npos);  // this unit diverts nobody
  // The STRESS-DES record states the rules.
  CHECK(html.find(
            "escalation from normal level 1 reviewed at bed meetings at 08:00 and 16:00: level 2 "
            "(entered at "
            "occupancy 92% of beds, left at occupancy 85% of beds, 0 escalation beds in force) and "
            "level 3 "
            "(entered at 3 waiting for a bed, left at 0 waiting for a bed, 2 escalation beds in force), "
            "each "
            "escalation bed GBP 100 a day on top of a staffed bed; electives cancelled from level 3") !=
        std::string::npos);
}

TEST_CASE("A run of several years: the tables read the whole run's rows of summary.csv", "[report]") {
  const fs::path dir = plain_run("sections_years");
  // Each year's rows come first, then the whole run's, as flowsim run writes them.
  std::string csv =
      "metric,mean,sd,ci95_low,ci95_high,replications,p5,median,p95,skewness,skewed,period\n";
  for (const std::string period : {"2016/17", "2017/18", "all"}) {
    const double beds = period == "all" ? 9.1 : period == "2016/17" ? 5.0 : 13.2;
    csv +=
        fmt::format("unit.acute.occupancy_mean,{0},0.1,{0},{0},3,{0},{0},{0},0,0,{1}\n", beds, period);
    csv +=
        fmt::format("unit.acute.escalation_level_1_time_share,{0},0.1,{0},{0},3,{0},{0},{0},0,0,{1}\n",
                    beds / 10, period);
  }
  write_file(dir / "summary.csv", csv);
  write_file(dir / "escalation.csv",
             "unit,day,in_warmup,level_mean,level_p5,level_p50,level_p95\nacute,0,1,1,1,1,1\n");
  const auto html = report_of(dir);
  CHECK(html.find("<b>acute</b>: 9.1 beds occupied on average") != std::string::npos);
  CHECK(html.find("5.0 beds occupied") == std::string::npos);
  CHECK(html.find("<td>9.10 <span class=\"ci\">(9.10 to 9.10)</span>") != std::string::npos);
  // One level, listed once, at the whole run's share.
  CHECK(html.find("time at level 1 (normal)</td><td>91.0%") != std::string::npos);
  CHECK(html.find("50.0%") == std::string::npos);
}

TEST_CASE("Intervals are cut at zero and percentages shown as %", "[report]") {
  const auto html = report_of(plain_run("sections_clipped"));
  std::vector<double> lows;
  collect(chart_spec(html, "ae-12h"), "low", lows);
  REQUIRE(!lows.empty());
  CHECK(*std::min_element(lows.begin(), lows.end()) == 0.0);  // summary.csv has -1.5
  std::vector<double> shares;
  collect(chart_spec(html, "ae-4h"), "mean", shares);
  CHECK(std::find(shares.begin(), shares.end(), Approx(80.0)) != shares.end());
  CHECK(html.find("80.0% seen within 4 hours") != std::string::npos);
  CHECK(html.find("GBP 12.0m a year") != std::string::npos);
}

TEST_CASE("The compare answer gives money only when compare.json has it", "[report]") {
  const fs::path dir = fresh_dir("sections_compare");
  fs::create_directories(dir);
  const std::string header =
      "metric,scenario,role,replications,mean,sd,ci95_low,ci95_high,diff_mean,diff_sd,diff_ci95_low,"
      "diff_ci95_high,"
      "unpaired_ci95_low,unpaired_ci95_high,variance_reduction,p5,median,p95,skewed,diff_median,diff_"
      "median_low,"
      "diff_median_high,diff_median_coverage,diff_skewed\n";
  write_file(dir / "compare.csv",
             header +
                 "unit.acute.occupancy_mean,base,baseline,3,100,1,99,101,,,,,,,,99,100,101,0,,,,,\n" +
                 "unit.acute.occupancy_mean,home_first,variant,3,88,1,87,89,-12,0.5,-13,-11,-14,-10,4,"
                 "87,88,89,0,-12,-13,-11,0.75,0\n" +
                 "ae.ed.within_4h,base,baseline,3,0.8,0.01,0.79,0.81,,,,,,,,0.79,0.8,0.81,0,,,,,\n" +
                 "ae.ed.within_4h,home_first,variant,3,0.85,0.01,0.84,0.86,0.05,0.01,0.04,0.06,0.03,0."
                 "07,2,0.84,0.85,0.86,0,0.05,0.04,0.06,0.75,0\n");
  json run = {{"replications", 3},
              {"seed", 1},
              {"warmup_days", 10},
              {"horizon_days", 40},
              {"scenarios",
               json::array({{{"label", "base"}, {"role", "baseline"}, {"files", {"base.yaml"}}},
                            {{"label", "home_first"},
                             {"role", "variant"},
                             {"files", {"base.yaml", "home_first.yaml"}},
                             {"changes", {"home_first.yaml:5:9 set units.acute.los.mean: 9 -> 8"}}}})}};
  write_file(dir / "run.json", run.dump());
  write_file(dir / "compare.json", json{{"baseline", "base"}}.dump());

  auto html = report_of(dir);
  CHECK(html.find("<b>acute</b> frees 12.0 occupied beds (paired 95% CI 11.0 to 13.0)") !=
        std::string::npos);
  CHECK(html.find("the share seen within 4 hours rises by <b>5.0 points</b> (paired 95% CI 4.0 points "
                  "to 6.0 points)") != std::string::npos);
  CHECK(html.find("home_first.yaml:5:9 set units.acute.los.mean: 9 -&gt; 8") != std::string::npos);
  CHECK(html.find("Cash-releasing") == std::string::npos);
  CHECK(chart_spec(html, "forest").dump().find("mean occupancy (beds)") !=
        std::string::npos);  // readable labels

  const json money = {
      {"cash_releasing_gbp_per_year", {{"mean", 1.2e6}, {"ci95_low", 1.0e6}, {"ci95_high", 1.4e6}}},
      {"non_cash_releasing_gbp_per_year", {{"mean", 3.4e6}, {"ci95_low", 3.0e6}, {"ci95_high", 3.8e6}}},
      {"unserved_gbp_per_year", {{"mean", 0.0}, {"ci95_low", 0.0}, {"ci95_high", 0.0}}},
      {"served_fewer_patients", false},
      {"explanation", "Beds closed release cash; shorter stays free capacity."}};
  write_file(dir / "compare.json", json{{"baseline", "base"}, {"money", money}}.dump());
  html = report_of(dir);
  CHECK(html.find("<b>Cash-releasing</b>: saves GBP 1.2m a year (95% CI GBP 1.0m to GBP 1.4m)") !=
        std::string::npos);
  CHECK(html.find("<b>non-cash-releasing</b>: saves GBP 3.4m a year") != std::string::npos);
  CHECK(html.find("Beds closed release cash") != std::string::npos);

  // Capacity that opens is a cost in words, not a negative saving; an exact
  // figure (capacity set by the scenario) has no interval.
  json opens = money;
  opens["cash_releasing_gbp_per_year"] = {{"mean", -1.0e6}, {"ci95_low", -1.0e6}, {"ci95_high", -1.0e6}};
  opens["non_cash_releasing_gbp_per_year"] = {
      {"mean", -2.0e6}, {"ci95_low", -3.0e6}, {"ci95_high", -1.5e6}};
  write_file(dir / "compare.json", json{{"baseline", "base"}, {"money", opens}}.dump());
  html = report_of(dir);
  CHECK(html.find("<b>Cash-releasing</b>: costs GBP 1.0m a year more (the same in every replication)") !=
        std::string::npos);
  CHECK(
      html.find("<b>non-cash-releasing</b>: costs GBP 2.0m a year more (95% CI GBP 1.5m to GBP 3.0m)") !=
      std::string::npos);
  CHECK(html.find("-GBP") == std::string::npos);
}

TEST_CASE("Capacity axes count whole beds and sweep responses follow the parameter", "[report]") {
  using namespace flowsim::charts;
  const auto frontier =
      frontier_chart({.title = "t",
                      .a_title = "capacity of community",
                      .b_title = "capacity of acute",
                      .points = {{.capacity_a = 5, .capacity_b = 1077, .fails_at_or_below = 1076},
                                 {.capacity_a = 7, .capacity_b = 1078, .fails_at_or_below = 1077}}});
  const auto text = frontier.dump();
  CHECK(text.find("\"format\":\"d\"") != std::string::npos);
  CHECK(text.find("\"tickMinStep\":1") != std::string::npos);

  ResponsePanels panels{.title = "t",
                        .x_title = "beds",
                        .points = {},
                        .measure_titles = {"m"},
                        .measure_formats = {".1f"}};
  for (const double x : {5.0, 3.0, 4.0})
    panels.points.push_back({.measure = "m", .x = x, .mean = x, .low = x, .high = x});
  const auto spec = response_panels(panels);
  std::vector<double> xs;
  for (const auto& v : spec["concat"][0]["data"]["values"]) xs.push_back(v["x"].get<double>());
  CHECK(xs == std::vector<double>{3.0, 4.0, 5.0});
}
