// The HTML report as a file: every chart is a Vega-Lite specification in the
// page with the Vega libraries inline (the browser test, browser_test.sh
// under ctest label "browser", opens the pages in headless Chromium).
#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include <nlohmann/json.hpp>

#include "../cli/cli_test_support.hpp"
#include "tools/report/web_bundles.hpp"

using namespace cli_test;

namespace {

// The data-chart names of the page's charts, and each chart's specification.
std::map<std::string, nlohmann::json> charts_of(const std::string& html) {
  std::map<std::string, nlohmann::json> charts;
  const std::regex chart(R"re(<div class="chart" id="(chart-\d+)" data-chart="([^"]+)"></div>)re");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), chart); it != std::sregex_iterator();
       ++it) {
    const std::string id = (*it)[1];
    const std::string open = "<script type=\"application/json\" id=\"" + id + "-spec\">";
    const auto at = html.find(open);
    REQUIRE(at != std::string::npos);
    const auto from = at + open.size();
    charts[(*it)[2]] = nlohmann::json::parse(html.substr(from, html.find("</script>", from) - from));
  }
  return charts;
}

}  // namespace

TEST_CASE("The default scenario's report holds every chart as a Vega-Lite specification", "[report]") {
  const fs::path dir = fresh_dir("report_llr");
  // The default scenario with 4 replications: the same charts, less time.
  const auto run = cli_test::flowsim("run " + quoted(kSource / "scenarios/llr_2016_baseline.yaml") +
                                         " --reps 4 --quiet --report --out " + quoted(dir),
                                     "report_run");
  INFO(run.out << run.err);
  REQUIRE(run.exit_code == 0);
  const fs::path report = dir / "report.html";
  REQUIRE(fs::exists(report));
  const std::string html = slurp(report);

  const auto charts = charts_of(html);
  std::set<std::string> names;
  for (const auto& [name, spec] : charts) {
    names.insert(name);
    INFO("chart " << name);
    CHECK(spec.dump().find("\"tooltip\"") != std::string::npos);
  }
  for (const char* expected : {"occupancy-acute", "occupancy-p2_rehab", "occupancy-levels", "delayed",
                               "ae-4h", "ae-12h", "costs"})
    CHECK(names.count(expected) == 1);
  // The capacity in force is drawn on the acute fan chart, as a step line.
  CHECK(charts.at("occupancy-acute").dump().find("capacity in force") != std::string::npos);
  CHECK(charts.at("occupancy-acute").dump().find("step-after") != std::string::npos);
  CHECK(html.find("data-chart=\"network\"") != std::string::npos);  // Graphviz's SVG, inline
  CHECK(html.find("STRESS-DES record") != std::string::npos);
  CHECK(html.find("4.1 Initialisation") != std::string::npos);
  CHECK(html.find("matplotlib") == std::string::npos);
  // Self-contained: the libraries are inline and nothing is loaded from elsewhere.
  for (const auto& bundle : flowsim::report::web_bundles())
    CHECK(html.find("<script data-library=\"" + std::string(bundle.package) + "\">") !=
          std::string::npos);
  CHECK(!std::regex_search(html, std::regex(R"re((src|href)\s*=\s*["']?(https?:)?//)re")));
  CHECK(html.find("data-expected-charts=\"" + std::to_string(charts.size()) + "\"") !=
        std::string::npos);
}

TEST_CASE("report refuses a directory without results", "[report]") {
  const fs::path dir = fresh_dir("report_empty");
  fs::create_directories(dir);
  const auto r = cli_test::flowsim("report " + quoted(dir), "report_empty");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("holds no flowsim results") != std::string::npos);
  CHECK(!fs::exists(dir / "report.html"));
}

TEST_CASE("The embedded chart libraries are the npm packages byte for byte", "[report]") {
  const fs::path modules = kSource / "tools/report/web/node_modules";
  const auto bundles = flowsim::report::web_bundles();
  REQUIRE(bundles.size() == 3);
  const std::map<std::string, std::string> files = {
      {"vega", "vega/build/vega.min.js"},
      {"vega-lite", "vega-lite/build/vega-lite.min.js"},
      {"vega-embed", "vega-embed/build/vega-embed.min.js"}};
  for (const auto& bundle : bundles) {
    INFO(bundle.package);
    CHECK(bundle.script == slurp(modules / files.at(std::string(bundle.package))));
    const auto manifest =
        nlohmann::json::parse(slurp(modules / std::string(bundle.package) / "package.json"));
    CHECK(bundle.version == manifest["version"].get<std::string>());
  }
}

TEST_CASE("compare --report and sweep --report draw their own sections", "[report]") {
  // Small and fast: the M/M/3 ward with one change of capacity.
  const fs::path dir = fresh_dir("report_compare");
  fs::create_directories(dir);
  const fs::path base = kSource / "scenarios/validation/c1_erlang_c_small.yaml";
  const fs::path overlay = dir / "more_beds.yaml";
  write_atomically(overlay,
                   "overlay: one more bed\nchanges:\n  - set: units.ward.capacity\n    to: 4\n");
  const auto compared =
      cli_test::flowsim("compare " + quoted(base) + " --with " + quoted(overlay) +
                            " --reps 3 --quiet --report --out " + quoted(dir / "compare"),
                        "report_compare");
  INFO(compared.err);
  REQUIRE(compared.exit_code == 0);
  const std::string compare_html = slurp(dir / "compare" / "report.html");
  CHECK(charts_of(compare_html).count("forest") == 1);
  CHECK(compare_html.find("more_beds") != std::string::npos);
  // What the overlay changes, as flowsim show --diff prints it.
  CHECK(compare_html.find("set units.ward.capacity: 3 -&gt; 4") != std::string::npos);
  CHECK(compare_html.find("paired median difference (sign-test interval)") != std::string::npos);

  const fs::path sweep = dir / "sweep.yaml";
  write_atomically(sweep, "sweep: report check\nscenario: " + base.string() +
                              "\nreplications: 3\nseed: 1\nparameters:\n  - set: units.ward.capacity\n"
                              "    values: [3, 4, 5]\n");
  const auto swept = cli_test::flowsim(
      "sweep " + quoted(sweep) + " --quiet --report --out " + quoted(dir / "sweep"), "report_sweep");
  INFO(swept.err);
  REQUIRE(swept.exit_code == 0);
  const std::string sweep_html = slurp(dir / "sweep" / "report.html");
  CHECK(sweep_html.find("<h2>Sweep</h2>") != std::string::npos);
  CHECK(charts_of(sweep_html).count("sweep-units.ward.capacity") == 1);
  CHECK(sweep_html.find("<title>report check</title>") != std::string::npos);  // the sweep's name
}

TEST_CASE("compare --size-unit --report draws the beds that can close", "[report]") {
  // The M/M/3 ward against fewer arrivals, sized for P(wait) on both sides.
  const fs::path dir = fresh_dir("report_compare_sizing");
  fs::create_directories(dir);
  const fs::path base = kSource / "scenarios/validation/c1_erlang_c_small.yaml";
  const fs::path overlay = dir / "quieter.yaml";
  write_atomically(overlay,
                   "overlay: quieter\nchanges:\n  - set: arrivals.admissions.rate_per_day\n"
                   "    to: 0.1\n");
  const auto compared = cli_test::flowsim(
      "compare " + quoted(base) + " --with " + quoted(overlay) +
          " --size-unit ward --size-target 'p_wait <= 0.2' --reps 3 --quiet --report --out " +
          quoted(dir / "out"),
      "report_compare_sizing");
  INFO(compared.out << compared.err);
  REQUIRE(compared.exit_code == 0);
  const std::string html = slurp(dir / "out" / "report.html");
  CHECK(html.find("<h3>Beds that can close</h3>") != std::string::npos);
  CHECK(html.find("needed (met with confidence)") != std::string::npos);
  CHECK(html.find("beds can close while keeping p_wait &lt;= 0.2") != std::string::npos);
  CHECK(html.find("fewer occupied beds of ward on average") != std::string::npos);
}

TEST_CASE("The report names gridlocked replications and shows medians and percentiles", "[report]") {
  const fs::path dir = fresh_dir("report_gridlock");
  const fs::path scenario = cli_test::gridlock_ward_scenario(dir, true);
  const auto run = cli_test::flowsim(
      "run " + quoted(scenario) + " --quiet --report --out " + quoted(dir / "run"), "report_gridlock");
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  const std::string html = slurp(dir / "run" / "report.html");
  CHECK(html.find("3 of 3 replications gridlocked from day ") != std::string::npos);
  CHECK(html.find("means include them; medians are robust") != std::string::npos);
  CHECK(html.find("Rule: for each unit that patients arrive at from outside") != std::string::npos);
  CHECK(html.find("the median [5th to 95th percentile] across replications") != std::string::npos);
  CHECK(html.find("median ") != std::string::npos);
}
