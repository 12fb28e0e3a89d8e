// End-to-end tests of flowsim compare, --precision and --warmup auto: the
// files written, exact zeros for a no-op variant, a run stopped by
// --precision equal byte for byte to a plain run of that many replications,
// and bad input refused before anything is written.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "cli_test_support.hpp"

namespace fs = std::filesystem;
using namespace cli_test;

namespace {

// Column index of 'name' in a CSV header line.
std::size_t column(const std::string& header, const std::string& name) {
  const auto fields = split(header);
  const auto it = std::find(fields.begin(), fields.end(), name);
  REQUIRE(it != fields.end());
  return static_cast<std::size_t>(it - fields.begin());
}

}  // namespace

TEST_CASE("compare: a no-op variant differs from the baseline by exactly zero in every metric",
          "[cli][compare]") {
  const fs::path dir = fresh_dir("compare_noop");
  const auto scenario = small_scenario();
  const auto r = flowsim("compare " + quoted(scenario) + " --variant " + quoted(scenario) +
                             " --reps 4 --threads 2 --out " + quoted(dir),
                         "compare_noop");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("Paired comparison") != std::string::npos);
  for (const auto* name : {"compare.csv", "compare.json", "replications.csv", "run.json"}) {
    INFO(name);
    CHECK(fs::exists(dir / name));
  }
  const auto lines = lines_of(slurp(dir / "compare.csv"));
  REQUIRE(lines.size() > 10);
  const std::size_t role = column(lines[0], "role");
  const std::size_t diff = column(lines[0], "diff_mean");
  const std::size_t diff_low = column(lines[0], "diff_ci95_low");
  const std::size_t diff_high = column(lines[0], "diff_ci95_high");
  const std::size_t reduction = column(lines[0], "variance_reduction");
  std::size_t variant_rows = 0;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto f = split(lines[i] + ",");  // keep a trailing empty field
    INFO(lines[i]);
    if (f[role] != "variant") continue;
    ++variant_rows;
    CHECK(f[diff] == "0");
    CHECK(f[diff_low] == "0");
    CHECK(f[diff_high] == "0");
    CHECK(f[reduction].empty());  // undefined, not made up
  }
  CHECK(variant_rows == lines.size() / 2);  // one baseline and one variant row per metric

  const auto run = nlohmann::json::parse(slurp(dir / "run.json"));
  CHECK(run["command"] == "compare");
  CHECK(run["replications"] == 4);
  CHECK(run["scenarios"].size() == 2);
  CHECK(run["scenarios"][1]["label"] == "r1_small#2");  // two scenarios of one name kept apart
}

TEST_CASE("compare: the same results on 1 and 2 threads", "[cli][compare]") {
  const auto scenario = small_scenario();
  std::vector<std::string> tables;
  for (const int threads : {1, 2}) {
    const fs::path dir = fresh_dir("compare_threads_" + std::to_string(threads));
    const auto r =
        flowsim("compare " + quoted(scenario) + " --variant " +
                    quoted(kSource / "scenarios" / "validation" / "r1.yaml") +
                    " --reps 3 --quiet --threads " + std::to_string(threads) + " --out " + quoted(dir),
                "compare_threads_" + std::to_string(threads));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    // The full R1 file is forced onto the baseline's 60-day run, and says so.
    CHECK(r.err.find("runs with the baseline's run settings") != std::string::npos);
    tables.push_back(slurp(dir / "compare.csv") + slurp(dir / "replications.csv"));
  }
  CHECK(tables[0] == tables[1]);
}

TEST_CASE("compare: bad input exits with code 2 and writes nothing", "[cli][compare]") {
  const fs::path dir = fresh_dir("compare_bad");
  const auto scenario = quoted(small_scenario());
  const auto out = " --out " + quoted(dir);
  CHECK(flowsim("compare " + scenario + out, "compare_no_variant").exit_code == 2);
  CHECK(flowsim("compare " + scenario + " --variant " +
                    quoted(kSource / "tests" / "data" / "bad" / "no_such_file.yaml") + out,
                "compare_missing_variant")
            .exit_code == 2);
  const auto metric = flowsim("compare " + scenario + " --variant " + scenario +
                                  " --precision 0.05 --metric unit.nowhere.occupancy_mean" + out,
                              "compare_bad_metric");
  CHECK(metric.exit_code == 2);
  CHECK(metric.err.find("--metric 'unit.nowhere.occupancy_mean' matches no metric") !=
        std::string::npos);
  CHECK(flowsim("run " + scenario + " --precision 0 " + out, "run_bad_precision").exit_code == 2);
  CHECK(flowsim("run " + scenario + " --precision 0.05 --reps 5" + out, "run_reps_and_precision")
            .exit_code == 2);
  CHECK(flowsim("run " + scenario + " --warmup soon" + out, "run_bad_warmup").exit_code == 2);
  CHECK_FALSE(fs::exists(dir));
}

TEST_CASE("run --precision stops at N replications, equal byte for byte to a plain run of N",
          "[cli][precision]") {
  const auto scenario = quoted(small_scenario());
  const fs::path sequential = fresh_dir("precision");
  // A tight target on the acute occupancy, so that more than one batch is needed.
  const auto r = flowsim("run " + scenario + " --precision 0.01 --metric unit.acute.occupancy_mean" +
                             " --quiet --threads 2 --out " + quoted(sequential),
                         "precision");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto run = nlohmann::json::parse(slurp(sequential / "run.json"));
  const auto& precision = run["experiment"]["precision"];
  REQUIRE(precision["reached"] == true);
  const int n = precision["replications"];
  INFO("replications chosen: " << n);
  CHECK(n >= 3);
  CHECK(precision["replications_simulated"].get<int>() >= n + 5);  // the look-ahead ran
  CHECK(precision["achieved_relative_half_width"].get<double>() <= 0.01);
  CHECK(run["replications"] == n);
  CHECK(r.out.find(std::to_string(n) + " replications") != std::string::npos);

  const fs::path plain = fresh_dir("precision_plain");
  REQUIRE(flowsim("run " + scenario + " --quiet --threads 1 --reps " + std::to_string(n) + " --out " +
                      quoted(plain),
                  "precision_plain")
              .exit_code == 0);
  for (const auto* name : {"summary.csv", "summary.json", "replications.csv", "occupancy.csv"}) {
    INFO(name);
    CHECK(slurp(sequential / name) == slurp(plain / name));
  }
}

TEST_CASE("run --warmup auto chooses a warm-up, reports it and writes the series for Welch's method",
          "[cli][warmup]") {
  const fs::path dir = fresh_dir("warmup_auto");
  const auto r =
      flowsim("run " + quoted(small_scenario()) +
                  " --warmup auto --pilot-reps 4 --reps 3 --quiet --threads 2 --out " + quoted(dir),
              "warmup_auto");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("Warm-up:") != std::string::npos);
  const auto run = nlohmann::json::parse(slurp(dir / "run.json"));
  const auto& warmup = run["experiment"]["warmup"];
  CHECK(warmup["pilot_replications"] == 4);
  const double days = warmup["warmup_days"];
  CHECK(days >= 0.0);
  CHECK(days <= 30.0);                 // MSER's guard: within the first half of the 60 days
  CHECK(std::fmod(days, 5.0) == 0.0);  // whole batches of 5 days
  const auto summary = nlohmann::json::parse(slurp(dir / "summary.json"));
  CHECK(summary["warmup_days"].get<double>() == days);  // the run used it

  const auto lines = lines_of(slurp(dir / "warmup.csv"));
  REQUIRE(!lines.empty());
  CHECK(lines[0] == "scenario,unit,day,census_mean,welch_7,welch_30,welch_90");
  CHECK(lines.size() > 60);  // 60 days of every capacity-limited unit
}

TEST_CASE("compare: each --with is one variant, in the order given with --variant", "[cli][compare]") {
  fs::create_directories(kOutput / "compare_overlays");
  const fs::path fewer = kOutput / "compare_overlays" / "fewer_acute.yaml";
  const fs::path more_demand = kOutput / "compare_overlays" / "more_demand.yaml";
  std::ofstream(fewer, std::ios::binary)
      << "overlay: fewer acute beds\nchanges:\n  - set: units.acute.capacity\n    to: 700\n";
  std::ofstream(more_demand, std::ios::binary)
      << "overlay: more demand\nchanges:\n  - scale: arrivals.*.rate_per_day\n    by: 1.1\n";
  const fs::path dir = fresh_dir("compare_with");
  const auto scenario = small_scenario();
  const auto r = flowsim("compare " + quoted(scenario) + " --with " + quoted(fewer) + " --variant " +
                             quoted(scenario) + " --with " + quoted(fewer) + "," + quoted(more_demand) +
                             " --reps 3 --threads 2 --out " + quoted(dir),
                         "compare_with");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const auto run = nlohmann::json::parse(slurp(dir / "run.json"));
  REQUIRE(run["scenarios"].size() == 4);
  CHECK(run["scenarios"][1]["label"] == "fewer_acute");
  CHECK(run["scenarios"][2]["label"] == "r1_small#2");
  CHECK(run["scenarios"][3]["label"] == "fewer_acute+more_demand");
  CHECK(run["scenarios"][3]["files"].size() == 3);  // the baseline and its two overlays
  // Fewer acute beds: the acute unit is never more occupied than its 700 beds.
  const auto json = nlohmann::json::parse(slurp(dir / "compare.json"));
  CHECK(json["metrics"]["unit.acute.occupancy_mean"]["fewer_acute"]["mean"].get<double>() <= 700.0);
  CHECK(json["metrics"]["unit.acute.occupancy_mean"]["r1_small#2"]["difference"]["mean"] == 0.0);
  CHECK(r.out.find("fewer_acute+more_demand vs r1_small") != std::string::npos);
  // The money answer: the first variant's under "money", each under
  // "money_by_variant"; a no-op variant releases nothing.
  CHECK(json["money"]["variant"] == "fewer_acute");
  for (const auto* key :
       {"cash_releasing_gbp_per_year", "non_cash_releasing_gbp_per_year", "unserved_gbp_per_year"})
    for (const auto* field : {"mean", "ci95_low", "ci95_high"})
      CHECK(json["money"][key].contains(field));
  CHECK(json["money"]["served_fewer_patients"].is_boolean());
  REQUIRE(json["money_by_variant"].size() == 3);
  CHECK(json["money_by_variant"]["r1_small#2"]["cash_releasing_gbp_per_year"]["mean"] == 0.0);
  CHECK(json["money_by_variant"]["r1_small#2"]["non_cash_releasing_gbp_per_year"]["mean"] == 0.0);
  CHECK(r.out.find("Money, fewer_acute vs r1_small: saving in GBP million a year") != std::string::npos);
}

TEST_CASE("compare: gridlocked replications are named, and --exclude-gridlocked leaves them out",
          "[cli][compare]") {
  // The variant cuts the ward from 10 beds to 5 on day 400 under 8 arrivals
  // a day: every replication gridlocks there, none in the baseline.
  const fs::path folder = kOutput / "compare_gridlock_inputs";
  const fs::path ward = gridlock_ward_scenario(folder, false);
  const fs::path cut = folder / "cut.yaml";
  std::ofstream(cut, std::ios::binary)
      << "overlay: cut\nchanges:\n  - append: units.ward.capacity_changes\n"
         "    value: {day: 400, capacity: 5}\n";
  const fs::path dir = fresh_dir("compare_gridlock");
  const auto r = flowsim("compare " + quoted(ward) + " --with " + quoted(cut) + " --out " + quoted(dir),
                         "compare_gridlock");
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("cut: 3 of 3 replications gridlocked from day ") != std::string::npos);
  CHECK(r.out.find("included below (--exclude-gridlocked leaves them out)") != std::string::npos);
  const auto json = nlohmann::json::parse(slurp(dir / "compare.json"));
  CHECK(json["gridlock"]["scenarios"]["ward"]["count"] == 0);
  CHECK(json["gridlock"]["scenarios"]["cut"]["count"] == 3);
  CHECK(json["gridlock"]["excluded"] == false);
  CHECK(json["replications_compared"] == 3);
  const auto header = lines_of(slurp(dir / "compare.csv")).front();
  for (const auto* name : {"median", "p5", "p95", "diff_median", "diff_median_low", "diff_skewed"})
    CHECK(column(header, name) > 0);

  // Left out, no pair remains: refused with exit code 1, nothing written.
  const fs::path excluded = fresh_dir("compare_gridlock_excluded");
  const auto e = flowsim("compare " + quoted(ward) + " --with " + quoted(cut) +
                             " --exclude-gridlocked --out " + quoted(excluded),
                         "compare_gridlock_excluded");
  CHECK(e.exit_code == 1);
  CHECK(e.err.find("3 of 3 replications are gridlocked in some scenario") != std::string::npos);
  CHECK_FALSE(fs::exists(excluded / "compare.csv"));
}
