// The HTML report of the default scenario, opened in headless Chromium
// (Debian's chromium, installed by tools/install_deps.sh): no console errors
// (which include the page's own "chart failed to render" message), every
// chart decoded to a picture, every expected chart present as a non-empty
// inline image, and a screenshot that is not blank, kept as a test artifact
// (build/tests/report/output/cli/report.png).
#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include "../cli/cli_test_support.hpp"

using namespace cli_test;

namespace {

std::string find_chromium() {
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
    const std::string probe = std::string("command -v ") + name + " >/dev/null 2>&1";
    if (std::system(probe.c_str()) == 0) return name;
  }
  return "";
}

}  // namespace

TEST_CASE("The default scenario's report renders in headless Chromium without errors", "[report]") {
  const std::string chromium = find_chromium();
  INFO("the report test needs Debian's chromium: run bash tools/install_deps.sh");
  REQUIRE(!chromium.empty());

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

  // Every expected chart is an inline image with a non-empty data URI.
  const std::set<std::string> expected = {"network", "occupancy", "occupancy-levels", "delayed", "ae", "costs"};
  // Scanned by hand: std::regex recurses per character and would overflow
  // the stack on a data URI of a few hundred kilobytes.
  std::set<std::string> found;
  std::size_t images = 0;
  for (std::size_t at = html.find("<img class=\"chart"); at != std::string::npos;
       at = html.find("<img class=\"chart", at + 1)) {
    ++images;
    const std::size_t end = html.find('>', at);
    REQUIRE(end != std::string::npos);
    const std::string tag = html.substr(at, end - at);
    std::smatch name;
    const std::string head = tag.substr(0, 200);
    REQUIRE(std::regex_search(head, name, std::regex(R"re(data-chart="([^"]+)")re")));
    const std::size_t data = tag.find(";base64,");
    INFO("chart " << name[1]);
    REQUIRE(data != std::string::npos);
    CHECK((tag.find("src=\"data:image/png;base64,") != std::string::npos ||
           tag.find("src=\"data:image/svg+xml;base64,") != std::string::npos));
    const std::size_t payload = tag.size() - (data + 8) - 1;  // up to the closing quote
    CHECK(payload > 1000);
    found.insert(name[1]);
  }
  CHECK(found == expected);
  CHECK(html.find("STRESS-DES record") != std::string::npos);
  CHECK(html.find("4.1 Initialisation") != std::string::npos);
  CHECK(html.find("http://") == std::string::npos);   // self-contained: nothing to fetch
  CHECK(html.find("https://") == std::string::npos);

  // One Chromium run: the DOM after the page's script, console messages on
  // stderr, and the screenshot.
  const fs::path screenshot = kOutput / "report.png";
  fs::remove(screenshot);
  const fs::path dom = kOutput / "logs" / "report_dom.html";
  const fs::path log = kOutput / "logs" / "report_chromium.err";
  const std::string command = chromium +
                              " --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run"
                              " --window-size=1200,4000 --virtual-time-budget=5000"
                              " --enable-logging=stderr --v=0 --screenshot=" + quoted(screenshot) +
                              " --dump-dom 'file://" + fs::absolute(report).string() + "' >" + quoted(dom) +
                              " 2>" + quoted(log);
  REQUIRE(std::system(command.c_str()) == 0);
  const std::string page = slurp(dom);
  const std::string messages = slurp(log);
  INFO(messages);
  // Console messages (errors, uncaught exceptions, failed loads) are logged as
  // "CONSOLE"; the report logs nothing when every chart renders.
  CHECK(messages.find(":CONSOLE") == std::string::npos);
  std::smatch status;
  REQUIRE(std::regex_search(page, status, std::regex(R"re(id="render-status" data-rendered="(\d+)")re")));
  CHECK(std::stoul(status[1]) == images);
  CHECK(images == expected.size());
  // A blank 1200×4000 page compresses to a few kilobytes; charts do not.
  REQUIRE(fs::exists(screenshot));
  CHECK(fs::file_size(screenshot) > 200 * 1024);
}

TEST_CASE("report refuses a directory without results", "[report]") {
  const fs::path dir = fresh_dir("report_empty");
  fs::create_directories(dir);
  const auto r = cli_test::flowsim("report " + quoted(dir), "report_empty");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("holds no flowsim results") != std::string::npos);
  CHECK(!fs::exists(dir / "report.html"));
}

TEST_CASE("A missing matplotlib gives a clear message and no report", "[report]") {
  // An interpreter that cannot import matplotlib: Python with the -I
  // (isolated) and -S (no site-packages) flags, through a tiny wrapper.
  const fs::path source = fresh_dir("report_no_matplotlib");
  fs::create_directories(source);
  std::ofstream(source / "summary.csv") << "metric,mean,sd,ci95_low,ci95_high,replications\nx,1,0,1,1,2\n";
  const fs::path wrapper = kOutput / "python_without_site";
  std::ofstream(wrapper) << "#!/bin/sh\nexec " FLOWSIM_PYTHON_FOR_TESTS " -I -S \"$@\"\n";
  fs::permissions(wrapper, fs::perms::owner_all);
  const std::string command = "FLOWSIM_PYTHON=" + quoted(wrapper) + " " + quoted(FLOWSIM_BINARY) + " report " +
                              quoted(source) + " >" + quoted(kOutput / "logs" / "no_mpl.out") + " 2>" +
                              quoted(kOutput / "logs" / "no_mpl.err");
  const int status = std::system(command.c_str());
  const std::string err = slurp(kOutput / "logs" / "no_mpl.err");
  INFO(err);
  CHECK(WEXITSTATUS(status) == 1);
  CHECK(err.find("apt-get install python3-matplotlib") != std::string::npos);
  CHECK(!fs::exists(source / "report.html"));
}

TEST_CASE("compare --report and sweep --report draw their own sections", "[report]") {
  // Small and fast: the M/M/3 ward with one change of capacity.
  const fs::path dir = fresh_dir("report_compare");
  fs::create_directories(dir);
  const fs::path base = kSource / "scenarios/validation/c1_erlang_c_small.yaml";
  const fs::path overlay = dir / "more_beds.yaml";
  write_atomically(overlay, "overlay: one more bed\nchanges:\n  - set: units.ward.capacity\n    to: 4\n");
  const auto compared = cli_test::flowsim("compare " + quoted(base) + " --with " + quoted(overlay) +
                                              " --reps 3 --quiet --report --out " +
                                              quoted(dir / "compare"),
                                          "report_compare");
  INFO(compared.err);
  REQUIRE(compared.exit_code == 0);
  const std::string compare_html = slurp(dir / "compare" / "report.html");
  CHECK(compare_html.find("data:image/png;base64,") != std::string::npos);
  CHECK(compare_html.find("more_beds") != std::string::npos);
  CHECK(compare_html.find("paired median difference (sign-test interval)") != std::string::npos);

  const fs::path sweep = dir / "sweep.yaml";
  write_atomically(sweep, "sweep: report check\nscenario: " + base.string() +
                        "\nreplications: 3\nseed: 1\nparameters:\n  - set: units.ward.capacity\n"
                        "    values: [3, 4, 5]\n");
  const auto swept = cli_test::flowsim("sweep " + quoted(sweep) + " --quiet --report --out " +
                                           quoted(dir / "sweep"),
                                       "report_sweep");
  INFO(swept.err);
  REQUIRE(swept.exit_code == 0);
  const std::string sweep_html = slurp(dir / "sweep" / "report.html");
  CHECK(sweep_html.find("<h2>Sweep</h2>") != std::string::npos);
  CHECK(sweep_html.find("data:image/png;base64,") != std::string::npos);
}

TEST_CASE("compare --size-unit --report draws the beds that can close", "[report]") {
  // The M/M/3 ward against fewer arrivals, sized for P(wait) on both sides.
  const fs::path dir = fresh_dir("report_compare_sizing");
  fs::create_directories(dir);
  const fs::path base = kSource / "scenarios/validation/c1_erlang_c_small.yaml";
  const fs::path overlay = dir / "quieter.yaml";
  write_atomically(overlay, "overlay: quieter\nchanges:\n  - set: arrivals.admissions.rate_per_day\n"
                            "    to: 0.1\n");
  const auto compared = cli_test::flowsim(
      "compare " + quoted(base) + " --with " + quoted(overlay) +
          " --size-unit ward --size-target 'p_wait <= 0.2' --reps 3 --quiet --report --out " + quoted(dir / "out"),
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
  const auto run = cli_test::flowsim("run " + quoted(scenario) + " --quiet --report --out " +
                                         quoted(dir / "run"),
                                     "report_gridlock");
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  const std::string html = slurp(dir / "run" / "report.html");
  CHECK(html.find("3 of 3 replications gridlocked from day ") != std::string::npos);
  CHECK(html.find("means include them; medians are robust") != std::string::npos);
  CHECK(html.find("Rule: for each unit that patients arrive at from outside") != std::string::npos);
  CHECK(html.find("the median [5th to 95th percentile] across replications") != std::string::npos);
  CHECK(html.find("median ") != std::string::npos);
}
