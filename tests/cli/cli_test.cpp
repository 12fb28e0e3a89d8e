// End-to-end tests of the flowsim command line: exit codes, output files,
// and byte-identical results whatever the number of threads.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli_test_support.hpp"

namespace fs = std::filesystem;
using namespace cli_test;

namespace {

const auto& kResultFiles = kRunResultFiles;

// 'flowsim run' of the small R1 scenario with 'options', into a fresh
// directory called 'name'; the run must succeed.
fs::path run_small(const std::string& options, const std::string& name, Outcome* outcome = nullptr) {
  const fs::path dir = fresh_dir(name);
  const auto r =
      flowsim("run " + quoted(small_scenario()) + " " + options + " --out " + quoted(dir), name);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  if (outcome != nullptr) *outcome = r;
  return dir;
}

}  // namespace

TEST_CASE("run writes every output file with sane values", "[cli]") {
  const fs::path dir = fresh_dir("outputs");
  const auto r = flowsim(
      "run " + quoted(small_scenario()) + " --reps 3 --threads 2 --out " + quoted(dir), "outputs");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("3 replications") != std::string::npos);
  for (const auto* name :
       {"summary.csv", "summary.json", "replications.csv", "occupancy.csv", "run.json"}) {
    INFO(name);
    CHECK(fs::exists(dir / name));
  }
  CHECK_FALSE(fs::exists(dir / "events.csv"));
  CHECK_FALSE(fs::exists(dir / "series.csv"));
  for (const auto& entry : fs::directory_iterator(dir))  // no staged leftovers
    CHECK(entry.path().filename().string().rfind(".", 0) != 0);

  // summary.csv: one row per metric, 12 finite fields, a proper interval,
  // percentiles in order; one period (50 days), so every row is the whole run's.
  const auto summary = lines_of(slurp(dir / "summary.csv"));
  REQUIRE(summary.size() > 20);
  CHECK(summary[0] ==
        "metric,mean,sd,ci95_low,ci95_high,replications,p5,median,p95,skewness,skewed,period");
  std::map<std::string, double> mean;
  for (std::size_t i = 1; i < summary.size(); ++i) {
    const auto f = split(summary[i]);
    INFO(summary[i]);
    REQUIRE(f.size() == 12);
    CHECK(f[11] == "all");
    CHECK(std::stod(f[6]) <= std::stod(f[7]));
    CHECK(std::stod(f[7]) <= std::stod(f[8]));
    CHECK((f[10] == "0" || f[10] == "1"));
    const double m = std::stod(f[1]);
    const double sd = std::stod(f[2]);
    const double low = std::stod(f[3]);
    const double high = std::stod(f[4]);
    CHECK(std::isfinite(m));
    CHECK(sd >= 0.0);
    CHECK(low <= m);
    CHECK(m <= high);
    CHECK(f[5] == "3");
    mean[f[0]] = m;
  }
  // R1: 300 arrivals a day, 30% admitted.
  CHECK(mean.at("unit.ae.arrivals_per_day") == Approx(300).epsilon(0.05));
  CHECK(mean.at("unit.acute.admissions_per_day") == Approx(90).epsilon(0.1));
  CHECK(mean.at("ae.ae.within_4h") > 0.0);
  CHECK(mean.at("ae.ae.within_4h") <= 1.0);
  CHECK(mean.at("unit.acute.occupancy_mean") > 0.0);
  CHECK(mean.at("unit.acute.occupancy_mean") <= 800.0);

  // summary.json carries the same metrics.
  const auto json = nlohmann::json::parse(slurp(dir / "summary.json"));
  CHECK(json["replications"] == 3);
  CHECK(json["seed"] == 1);
  CHECK(json["horizon_days"] == 60.0);
  CHECK(json["warmup_days"] == 10.0);
  CHECK(json["metrics"].size() == summary.size() - 1);
  CHECK(json["metrics"]["unit.acute.admissions_per_day"]["mean"].get<double>() ==
        Approx(mean.at("unit.acute.admissions_per_day")));
  for (const auto* key : {"p5", "median", "p95", "skewness", "skewed"})
    CHECK(json["metrics"]["unit.acute.admissions_per_day"].contains(key));
  CHECK(json["gridlock"]["count"] == 0);
  CHECK(json["gridlock"]["replications"].empty());
  CHECK_FALSE(json.contains("periods"));

  // replications.csv: every metric of every replication.
  const auto reps = lines_of(slurp(dir / "replications.csv"));
  CHECK(reps[0] == "replication,metric,value,unit,measure");
  CHECK(reps.size() == 1 + 3 * (summary.size() - 1));
  // The metric's name split into unit (none for system-wide metrics) and measure.
  std::map<std::string, std::string> split_name;
  for (std::size_t i = 1; i < reps.size(); ++i) {
    const auto f = split(reps[i]);
    REQUIRE(f.size() == 5);
    split_name[f[1]] = f[3] + "|" + f[4];
  }
  CHECK(split_name.at("unit.acute.occupancy_mean") == "acute|unit.occupancy_mean");
  CHECK(split_name.at("ae.ae.within_4h") == "ae|ae.within_4h");
  CHECK(split_name.at("system.delayed_mean") == "|system.delayed_mean");

  // occupancy.csv: 5 units × 60 days; the first 10 days are warm-up. The
  // capacity in force closes each row, empty for a unit without a bed limit.
  const auto occupancy = lines_of(slurp(dir / "occupancy.csv"));
  REQUIRE(occupancy.size() == 1 + 5 * 60);
  CHECK(split(occupancy[0]).size() == 12);
  CHECK(split(occupancy[0]).back() == "capacity");
  for (std::size_t i = 1; i < occupancy.size(); ++i) {
    const auto f = split(occupancy[i]);
    REQUIRE(f.size() >= 11);
    if (f[0] == "acute") CHECK(f.at(11) == "800");
    const int day = std::stoi(f[1]);
    CHECK(f[2] == (day < 10 ? "1" : "0"));
    CHECK(std::stod(f[4]) <= std::stod(f[5]));  // p5 <= p50
    CHECK(std::stod(f[5]) <= std::stod(f[6]));  // p50 <= p95
    if (f[0] == "acute") CHECK(std::stod(f[7]) <= 800.0);
  }

  // occupancy_distribution.csv: for each unit, P(N = n) from n = 0 up,
  // summing to 1, with the cumulative and P(N = n) / P(N <= n).
  const auto distribution = lines_of(slurp(dir / "occupancy_distribution.csv"));
  REQUIRE(distribution.size() > 5);
  CHECK(distribution[0] ==
        "unit,occupied,mean,sd,ci95_low,ci95_high,replications,cumulative,full_if_beds");
  std::map<std::string, double> total;
  std::map<std::string, int> next_level;
  for (std::size_t i = 1; i < distribution.size(); ++i) {
    const auto f = split(distribution[i]);
    INFO(distribution[i]);
    REQUIRE(f.size() == 9);
    CHECK(std::stoi(f[1]) == next_level[f[0]]++);
    const double p = std::stod(f[2]);
    CHECK(p >= 0.0);
    CHECK(std::stod(f[4]) <= p);
    CHECK(p <= std::stod(f[5]));
    CHECK(f[6] == "3");
    total[f[0]] += p;
    CHECK(std::stod(f[7]) == Approx(total[f[0]]).margin(1e-9));
    // Levels never reached below the lowest occupancy count as never full.
    CHECK(std::stod(f[8]) == Approx(total[f[0]] > 0.0 ? p / total[f[0]] : 0.0).margin(1e-9));
  }
  CHECK(total.size() == 5);
  for (const auto& [unit, sum] : total) {
    INFO(unit);
    CHECK(sum == Approx(1.0).margin(1e-9));
  }

  const auto run = nlohmann::json::parse(slurp(dir / "run.json"));
  CHECK(run["replications"] == 3);
  CHECK(run["threads"] == 2);
  CHECK(run["events"].get<std::uint64_t>() > 0);
  CHECK(run["scenario_hash_fnv1a64"].get<std::string>().size() == 16);
  CHECK(run["wall_seconds"].get<double>() >= 0.0);
  CHECK(run["gridlock"] == json["gridlock"]);
}

TEST_CASE("Results are byte-identical on 1, 2 and 4 threads, and on a re-run", "[cli]") {
  std::vector<fs::path> dirs;
  for (const int threads : {1, 2, 4}) {
    const fs::path dir = fresh_dir("threads_" + std::to_string(threads));
    const auto r = flowsim("run " + quoted(small_scenario()) + " --reps 5 --quiet --threads " +
                               std::to_string(threads) + " --out " + quoted(dir),
                           "threads_" + std::to_string(threads));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    dirs.push_back(dir);
  }
  const fs::path again = fresh_dir("threads_2_again");
  REQUIRE(
      flowsim("run " + quoted(small_scenario()) + " --reps 5 --quiet --threads 2 --out " + quoted(again),
              "threads_2_again")
          .exit_code == 0);
  dirs.push_back(again);
  for (const auto& file : kResultFiles) {
    const std::string reference = slurp(dirs[0] / file);
    REQUIRE(!reference.empty());
    for (std::size_t i = 1; i < dirs.size(); ++i) {
      INFO(file << ": " << dirs[0].filename() << " vs " << dirs[i].filename());
      CHECK(slurp(dirs[i] / file) == reference);
    }
  }
  // run.json records the run itself: the thread count differs.
  CHECK(slurp(dirs[0] / "run.json") != slurp(dirs[1] / "run.json"));
  // A different seed gives different results.
  const fs::path other_seed = fresh_dir("other_seed");
  REQUIRE(flowsim("run " + quoted(small_scenario()) + " --reps 5 --quiet --seed 2 --out " +
                      quoted(other_seed),
                  "other_seed")
              .exit_code == 0);
  CHECK(slurp(other_seed / "replications.csv") != slurp(dirs[0] / "replications.csv"));
}

TEST_CASE("The full R1 scenario runs with a couple of replications", "[cli]") {
  const fs::path dir = fresh_dir("r1");
  const auto r = flowsim("run " + quoted(kSource / "scenarios" / "validation" / "r1.yaml") +
                             " --reps 2 --threads 2 --quiet --event-log=1 --out " + quoted(dir),
                         "r1");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  for (const auto& file : kResultFiles) CHECK(fs::exists(dir / file));
  // A large event log is announced with its size before the run, and the
  // announced size is the right order of magnitude.
  const std::regex announced(R"(warning: events\.csv will be about ([0-9.]+) MiB \(1 replication of)");
  std::smatch size;
  REQUIRE(std::regex_search(r.err, size, announced));
  const double written_mib = static_cast<double>(fs::file_size(dir / "events.csv")) / (1 << 20);
  CHECK(written_mib > 0.5 * std::stod(size[1]));
  CHECK(written_mib < 2.0 * std::stod(size[1]));
  const auto events = slurp(dir / "events.csv");
  CHECK(events.find("\n0,") == std::string::npos);
  CHECK(events.find("\n1,") != std::string::npos);
}

TEST_CASE("An invalid scenario exits with code 2 and writes nothing", "[cli]") {
  const fs::path dir = fresh_dir("invalid");
  const auto r = flowsim("run " + quoted(kSource / "tests" / "data" / "bad" / "several_errors.yaml") +
                             " --out " + quoted(dir),
                         "invalid");
  CHECK(r.exit_code == 2);
  CHECK_FALSE(fs::exists(dir));
  CHECK(r.err.find("several_errors.yaml:6:37: error: must be > 0, got 0") != std::string::npos);
  CHECK(r.err.find("10 errors in") != std::string::npos);

  const auto missing =
      flowsim("run " + quoted(kOutput / "no_such_file.yaml") + " --out " + quoted(dir), "missing_file");
  CHECK(missing.exit_code == 2);
  CHECK_FALSE(fs::exists(dir));
  CHECK(missing.err.find("cannot open the scenario file") != std::string::npos);
}

TEST_CASE("Existing results are kept unless --overwrite is given", "[cli]") {
  const fs::path dir = fresh_dir("overwrite");
  const std::string base = "run " + quoted(small_scenario()) + " --reps 2 --quiet --out " + quoted(dir);
  REQUIRE(flowsim(base, "overwrite_1").exit_code == 0);
  const std::string before = slurp(dir / "summary.csv");
  const auto refused = flowsim(base + " --seed 9", "overwrite_2");
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("--overwrite") != std::string::npos);
  CHECK(slurp(dir / "summary.csv") == before);
  const auto replaced = flowsim(base + " --seed 9 --overwrite", "overwrite_3");
  CHECK(replaced.exit_code == 0);
  CHECK(slurp(dir / "summary.csv") != before);
}

TEST_CASE("validate, --help and command-line errors", "[cli]") {
  const auto valid = flowsim("validate " + quoted(small_scenario()), "validate_ok");
  CHECK(valid.exit_code == 0);
  CHECK(valid.out.find("valid (5 units, 1 arrival sources, 1 patient groups)") != std::string::npos);
  const auto invalid =
      flowsim("validate " + quoted(kSource / "tests" / "data" / "bad" / "negative_capacity.yaml"),
              "validate_bad");
  CHECK(invalid.exit_code == 2);
  CHECK(invalid.err.find("negative_capacity.yaml:6:15: error:") != std::string::npos);

  CHECK(flowsim("--help", "help").exit_code == 0);
  CHECK(flowsim("--help", "help").out.find("usage: flowsim") != std::string::npos);
  CHECK(flowsim("run --help", "run_help").exit_code == 0);
  CHECK(flowsim("validate --help", "validate_help").exit_code == 0);
  CHECK(flowsim("--version", "version").exit_code == 0);
  CHECK(flowsim("", "no_arguments").exit_code == 2);
  CHECK(flowsim("simulate x.yaml", "unknown_command").exit_code == 2);
  CHECK(flowsim("run " + quoted(small_scenario()) + " --no-such-option", "unknown_option").exit_code ==
        2);
  CHECK(flowsim("run", "run_without_scenario").exit_code == 2);
  const fs::path dir = fresh_dir("zero_reps");
  CHECK(flowsim("run " + quoted(small_scenario()) + " --reps 0 --out " + quoted(dir), "zero_reps")
            .exit_code == 2);
  CHECK_FALSE(fs::exists(dir));
}

TEST_CASE("The event-log option writes events.csv for replication 0", "[cli]") {
  const fs::path dir = fresh_dir("event_log");
  const auto r =
      flowsim("run " + quoted(small_scenario()) + " --reps 2 --quiet --event-log --out " + quoted(dir),
              "event_log");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  REQUIRE(fs::exists(dir / "events.csv"));
  const auto lines = lines_of(slurp(dir / "events.csv"));
  REQUIRE(lines.size() > 1000);
  CHECK(lines[0] == "replication,time_days,source,patient,event,unit,to");
  std::map<std::string, std::size_t> kinds;
  double previous_time = 0.0;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto f = split(lines[i]);
    REQUIRE(f.size() >= 6);
    CHECK(f[0] == "0");
    const double t = std::stod(f[1]);
    CHECK(t >= previous_time);  // in time order
    CHECK(t < 60.0);
    previous_time = t;
    ++kinds[f[4]];
  }
  for (const auto* kind : {"arrive", "admit", "fit", "move", "exit"}) {
    INFO(kind);
    CHECK(kinds[kind] > 0);
  }
}

// Source ids run on past the arrival sources into each unit's census and
// then the elective streams; the log once read an elective's name from the
// units and crashed (the whole-hospital scenario with --event-log).
TEST_CASE("The event log names arrival, census and elective patients by their source", "[cli]") {
  const fs::path dir = fresh_dir("event_log_sources");
  const auto r = flowsim("run " + quoted(kSource / "tests/data/electives_ward.yaml") +
                             " --reps 1 --quiet --event-log --out " + quoted(dir),
                         "event_log_sources");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::map<std::string, std::size_t> sources;
  const auto lines = lines_of(slurp(dir / "events.csv"));
  for (std::size_t i = 1; i < lines.size(); ++i) ++sources[split(lines[i])[2]];
  CHECK(sources.size() == 3);
  CHECK(sources["admissions"] > 100);
  CHECK(sources["census:ward"] >= 12);
  CHECK(sources["elective:operations"] > 100);
}

TEST_CASE("run --event-log with a list writes the events of those replications", "[cli]") {
  Outcome r;
  const fs::path dir = run_small("--reps 4 --quiet --event-log 3,1", "event_log_list", &r);
  CHECK(r.err.find("warning") == std::string::npos);  // a small log is not announced
  const auto lines = lines_of(slurp(dir / "events.csv"));
  std::vector<std::string> order;  // replications in the order they appear
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto replication = split(lines[i]).front();
    if (order.empty() || order.back() != replication) order.push_back(replication);
  }
  CHECK(order == std::vector<std::string>{"1", "3"});

  for (const auto* bad : {"--event-log=1,x", "--event-log=4", "--event-log=,", "--event-log=-1"}) {
    INFO(bad);
    const fs::path none = fresh_dir("event_log_bad");
    const auto refused = flowsim(
        "run " + quoted(small_scenario()) + " --reps 4 --quiet " + bad + " --out " + quoted(none),
        "event_log_bad");
    CHECK(refused.exit_code == 2);
    CHECK(refused.err.find("--event-log") != std::string::npos);
    CHECK_FALSE(fs::exists(none));
  }
  // Before the scenario file, the option takes the file as its list.
  const auto swallowed = flowsim("run --event-log " + quoted(small_scenario()), "event_log_first");
  CHECK(swallowed.exit_code == 2);
  CHECK(swallowed.err.find("put the scenario file first") != std::string::npos);
  const fs::path precision = fresh_dir("event_log_precision");
  const auto refused = flowsim("run " + quoted(small_scenario()) +
                                   " --precision 0.05 --event-log=2 --quiet --out " + quoted(precision),
                               "event_log_precision");
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("--event-log logs replication 0 only") != std::string::npos);
  CHECK_FALSE(fs::exists(precision));
}

TEST_CASE("run --series writes every replication's daily series, tidy", "[cli]") {
  const fs::path dir = run_small("--reps 3 --quiet --series", "series");
  const auto lines = lines_of(slurp(dir / "series.csv"));
  REQUIRE(lines.size() == 1 + 3 * 5 * 60);
  CHECK(lines[0] == "replication,unit,day,in_warmup,census,peak,delayed_for,waiting_arrivals");
  // The census of each replication averages to occupancy.csv's mean.
  std::map<std::string, double> census_total;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto f = split(lines[i]);
    REQUIRE(f.size() == 8);
    CHECK(std::stod(f[4]) <= std::stod(f[5]));  // the midnight census is at most the day's peak
    CHECK(f[3] == (std::stoi(f[2]) < 10 ? "1" : "0"));
    census_total[f[1] + "," + f[2]] += std::stod(f[4]);
  }
  const auto occupancy = lines_of(slurp(dir / "occupancy.csv"));
  for (std::size_t i = 1; i < occupancy.size(); ++i) {
    const auto f = split(occupancy[i]);
    INFO(occupancy[i]);
    CHECK(census_total.at(f[0] + "," + f[1]) / 3.0 == Approx(std::stod(f[3])).margin(1e-9));
  }
}

TEST_CASE("run names gridlocked replications in the console, summary.json and run.json", "[cli]") {
  const fs::path dir = fresh_dir("gridlock");
  const fs::path scenario = gridlock_ward_scenario(kOutput / "gridlock_inputs", true);
  const auto r = flowsim("run " + quoted(scenario) + " --out " + quoted(dir), "gridlock");
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("3 of 3 replications gridlocked from day ") != std::string::npos);
  CHECK(r.out.find("means below include them; medians are robust.") != std::string::npos);
  const auto run = nlohmann::json::parse(slurp(dir / "run.json"));
  REQUIRE(run["gridlock"]["count"] == 3);
  for (std::size_t k = 0; k < 3; ++k) {
    const auto& g = run["gridlock"]["replications"][k];
    CHECK(g["replication"] == k);
    CHECK(g["unit"] == "ward");
    CHECK(g["from_day"].get<int>() > 370);
    CHECK(g["from_day"].get<int>() < 410);
  }
  const auto summary = nlohmann::json::parse(slurp(dir / "summary.json"));
  CHECK(summary["gridlock"] == run["gridlock"]);
}

TEST_CASE(
    "A run of several years reports each financial year: summary.csv, summary.json, "
    "occupancy.csv's capacity and the console table",
    "[cli][periods]") {
  // An M/M/c ward measured from 2019-04-01 (30 days after the start date)
  // for two financial years and 35 days; 6 beds, then 8 from 2020-04-01.
  const fs::path scenario = kOutput / "two_years.yaml";
  write_atomically(scenario, R"(name: two years
run: {horizon_days: 796, warmup_days: 30, replications: 3, seed: 2, start_date: 2019-03-02}
exits: [home]
units:
  ward:
    kind: acute
    capacity: 6
    capacity_changes: [{date: 2020-04-01, capacity: 8}]
    los: {dist: exponential, mean: 1, unit: days}
    routes: {home: 1}
arrivals:
  admissions: {to: ward, rate_per_day: 4}
)");
  const fs::path dir = fresh_dir("two_years");
  const auto r = flowsim("run " + quoted(scenario) + " --threads 2 --out " + quoted(dir), "two_years");
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);

  // Each period's rows, then the whole run's ("all"), with the same metrics.
  std::map<std::string, std::map<std::string, double>> mean;  // [period][metric]
  std::vector<std::string> order;
  const auto summary = lines_of(slurp(dir / "summary.csv"));
  for (std::size_t i = 1; i < summary.size(); ++i) {
    const auto f = split(summary[i]);
    REQUIRE(f.size() == 12);
    if (order.empty() || order.back() != f[11]) order.push_back(f[11]);
    mean[f[11]][f[0]] = std::stod(f[1]);
  }
  CHECK(order == std::vector<std::string>{"2019/20", "2020/21", "2021/22 (partial: 35 days)", "all"});
  CHECK(mean["2019/20"].size() == mean["all"].size());
  CHECK(mean["2019/20"]["unit.ward.capacity_mean"] == 6.0);
  CHECK(mean["2020/21"]["unit.ward.capacity_mean"] == 8.0);
  CHECK(mean["2021/22 (partial: 35 days)"]["unit.ward.capacity_mean"] == 8.0);

  const auto json = nlohmann::json::parse(slurp(dir / "summary.json"));
  REQUIRE(json["periods"].size() == 3);
  CHECK(json["periods"][0]["label"] == "2019/20");
  CHECK(json["periods"][0]["start_date"] == "2019-04-01");
  CHECK(json["periods"][0]["start_day"] == 30.0);
  CHECK(json["periods"][0]["end_day"] == 396.0);
  CHECK(json["periods"][1]["start_date"] == "2020-04-01");
  CHECK(json["periods"][2]["partial"] == true);
  CHECK(json["periods"][2]["days"] == 35.0);
  CHECK(json["periods"][1]["metrics"]["unit.ward.capacity_mean"]["mean"] == 8.0);
  CHECK(json["metrics"]["unit.ward.capacity_mean"]["mean"].get<double>() ==
        Approx((6.0 * 366 + 8.0 * 400) / 766));

  // The capacity in force at each midnight: 6 until 2020-04-01 (day 396), then 8.
  for (const auto& line : lines_of(slurp(dir / "occupancy.csv"))) {
    const auto f = split(line);
    if (f[0] != "ward") continue;
    const int day = std::stoi(f[1]);
    INFO(line);
    CHECK(f.at(11) == (day + 1 < 396 ? "6" : "8"));
  }

  // The console's year-by-year table.
  CHECK(r.out.find("Year by year (financial years, April to March)") != std::string::npos);
  CHECK(r.out.find("  2020/21 ") != std::string::npos);
  CHECK(r.out.find("  2021/22 (partial: 35 days) ") != std::string::npos);
}
