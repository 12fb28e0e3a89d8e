// `flowsim check`, `flowsim size` and `flowsim frontier` end to end: the
// analytic table on known scenarios, sizing an M/M/c ward against the
// Erlang C answer, the frontier's defining property, and bad targets.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <regex>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli_test_support.hpp"
#include "models/erlang.hpp"

using namespace cli_test;

namespace {

// A validation scenario with a shorter horizon (the same model, less time),
// written through a temporary name so parallel test processes never see a
// half-written file.
fs::path shortened(const std::string& file, int horizon_days, int warmup_days) {
  std::string text = slurp(kSource / "scenarios" / "validation" / file);
  REQUIRE(!text.empty());
  text = std::regex_replace(text, std::regex(R"(horizon_days:\s*[0-9.]+)"),
                            "horizon_days: " + std::to_string(horizon_days));
  text = std::regex_replace(text, std::regex(R"(warmup_days:\s*[0-9.]+)"),
                            "warmup_days: " + std::to_string(warmup_days));
  fs::create_directories(kOutput);
  const fs::path path = kOutput / ("short_" + file);
  const fs::path temporary = kOutput / ("short_" + file + "." + std::to_string(::getpid()));
  std::ofstream(temporary, std::ios::binary) << text;
  fs::rename(temporary, path);
  return path;
}

// `flowsim size SCENARIO ARGS --threads 2` into a fresh directory 'name'.
struct SizeRun {
  cli_test::Outcome outcome;
  fs::path dir;
};
SizeRun run_size(const fs::path& scenario, const std::string& args, const std::string& name) {
  const fs::path dir = fresh_dir(name);
  return {cli_test::flowsim(
              "size " + quoted(scenario) + " " + args + " --threads 2 --out " + quoted(dir), name),
          dir};
}

struct SizeRow {
  bool simulated = false;
  double mean = 0.0, low = 0.0, high = 0.0;
  bool meets = false;
  std::string verdict;
};

// size.csv: capacity,metric,target,simulated,mean,ci_low,ci_high,meets,verdict
std::map<long, SizeRow> read_size_csv(const fs::path& path, std::size_t capacity_column = 0) {
  std::map<long, SizeRow> rows;
  const auto lines = lines_of(slurp(path));
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto f = split(lines[i]);
    const std::size_t s = capacity_column + 3;
    REQUIRE(f.size() == s + 6);
    SizeRow row;
    row.simulated = f[s] == "1";
    if (row.simulated) {
      row.mean = std::stod(f[s + 1]);
      row.low = std::stod(f[s + 2]);
      row.high = std::stod(f[s + 3]);
    }
    row.meets = f[s + 4] == "1";
    row.verdict = f[s + 5];
    rows[std::stol(f[capacity_column])] = row;
  }
  return rows;
}

}  // namespace

TEST_CASE("check prints loads, stability limits and Erlang estimates", "[cli][sizing]") {
  const auto r = cli_test::flowsim(
      "check " + quoted(kSource / "scenarios/validation/c1_erlang_c_55.yaml"), "check_c1");
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  // M/M/55 at 10 a day × mean stay 5: load 50, stable from 51 beds,
  // Erlang C 0.385 at 55, 61 beds for P(wait) <= 0.1 (C(60) = 0.117, C(61) = 0.090).
  const std::regex ward(R"(ward\s+10\.00\s+50\.0\s+55\s+90\.9%\s+51\s+0\.385 \(C\)\s+61\s+(\d+))");
  std::smatch m;
  REQUIRE(std::regex_search(r.out, m, ward));
  CHECK(r.out.find("OVERLOADED") == std::string::npos);

  const auto overloaded =
      cli_test::flowsim("check " + quoted(kSource / "scenarios/llr_2020_beds_only.yaml"), "check_llr");
  INFO(overloaded.out << overloaded.err);
  REQUIRE(overloaded.exit_code == 0);
  CHECK(std::regex_search(overloaded.out,
                          std::regex(R"(acute\s+261\.11\s+1261\.2\s+1057\s.*OVERLOADED)")));
  CHECK(overloaded.err.find("unit 'acute' is overloaded") != std::string::npos);
  CHECK(overloaded.err.find("a steady state needs at least 1262 beds") != std::string::npos);
}

TEST_CASE("size finds the Erlang C capacity of an M/M/c ward", "[cli][sizing]") {
  const auto [r, dir] =
      run_size(shortened("c1_erlang_c_55.yaml", 11000, 1000),
               "--unit ward --target 'p_wait <= 0.2' --range 51:70 --reps 10", "size_mmc");
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const auto meta = nlohmann::json::parse(slurp(dir / "size.json"));
  REQUIRE(meta["capacity"].is_number_integer());
  const long chosen = meta["capacity"];
  CHECK(meta["targets"][0]["metric"] == "unit.ward.p_wait");
  const auto rows = read_size_csv(dir / "size.csv");
  REQUIRE(rows.count(chosen) == 1);
  REQUIRE(rows.count(chosen - 1) == 1);  // bisection ends on a neighbouring failure

  // The Erlang C answer is 58 (C(57) = 0.2465, C(58) = 0.1944). The search
  // may differ from it only where the simulation cannot tell the capacities
  // apart: a capacity above 58 is acceptable only if the analytic value at
  // the capacity below it lies inside that capacity's confidence band.
  const long erlang = flowsim::models::capacity_for_wait_probability(50.0, 0.2).value();
  REQUIRE(erlang == 58);
  CHECK(chosen >= erlang);
  for (long c = erlang; c < chosen; ++c) {
    REQUIRE(rows.count(c) == 1);
    const double analytic = flowsim::models::erlang_c(c, 50.0);
    INFO("capacity " << c << ": analytic " << analytic << ", CI " << rows.at(c).low << " to "
                     << rows.at(c).high);
    CHECK(rows.at(c).low <= analytic);
    CHECK(analytic <= rows.at(c).high);
  }
  // Every simulated capacity's interval covers Erlang C (validation of the
  // curve itself), and on common random numbers more beds never wait more.
  double previous = 2.0;
  for (const auto& [c, row] : rows) {
    if (!row.simulated) continue;
    const double analytic = flowsim::models::erlang_c(c, 50.0);
    INFO("capacity " << c << ": mean " << row.mean << " analytic " << analytic);
    CHECK(std::abs(row.mean - analytic) <= 2.0 * (row.high - row.low) + 1e-3);
    CHECK(row.mean < previous);
    previous = row.mean;
    CHECK(row.meets == (row.high <= 0.2));
  }
  // The chosen capacity's full results are written too.
  CHECK(fs::exists(dir / "summary.csv"));
  CHECK(r.out.find("smallest capacity of ward meeting every target with confidence: " +
                   std::to_string(chosen)) != std::string::npos);

  // How sure: the largest capacity whose whole CI fails, found by bisection
  // (so it and the capacity above it were both simulated), bounds the
  // undecided band; every simulated capacity's verdict follows its CI.
  const auto& band = meta["band"];
  CHECK(band["met_with_confidence"] == chosen);
  REQUIRE(band["fails_with_confidence"].is_number_integer());
  const long fails = band["fails_with_confidence"];
  REQUIRE(fails < chosen);
  REQUIRE(rows.count(fails) == 1);
  REQUIRE(rows.count(fails + 1) == 1);
  CHECK(rows.at(fails).verdict == "fails");
  CHECK(rows.at(fails).low > 0.2);
  CHECK(rows.at(fails + 1).verdict != "fails");
  for (const auto& [c, row] : rows) {
    INFO("capacity " << c);
    CHECK(row.verdict == (row.high <= 0.2 ? "met" : row.low > 0.2 ? "fails" : "undecided"));
    if (c > fails && c < chosen) CHECK(row.verdict == "undecided");
  }
  if (chosen - fails >= 2) {
    CHECK(band["undecided"]["low"] == fails + 1);
    CHECK(band["undecided"]["high"] == chosen - 1);
    const std::string band_text =
        chosen - fails == 2 ? std::to_string(fails + 1) : fmt::format("{} to {}", fails + 1, chosen - 1);
    CHECK(r.out.find("undecided                 " + band_text + ":") != std::string::npos);
  }
  // n' = n (width / 2)^2 (t(n'-1) / t(n-1))^2 replications for edges two
  // apart: between the plain n (width / 2)^2 and that with t(n'-1) at its
  // large-n limit 1.96 (t(9) = 2.262).
  if (chosen - fails > 2) {
    const double plain = 10.0 * std::pow(static_cast<double>(chosen - fails) / 2.0, 2);
    const long more = band["replications_to_narrow"];
    CHECK(more <= static_cast<long>(std::ceil(plain)));
    CHECK(static_cast<double>(more) >= plain * std::pow(1.959964 / 2.262157, 2));
  }
  CHECK(r.out.find(fmt::format("fails with confidence     {} or fewer", fails)) != std::string::npos);
}

TEST_CASE("frontier gives, for each capacity of A, the smallest B meeting the targets",
          "[cli][sizing]") {
  const fs::path scenario = shortened("c4_t0.yaml", 2100, 100);
  const fs::path dir = fresh_dir("frontier_t0");
  const auto r = cli_test::flowsim(
      "frontier " + quoted(scenario) +
          " --units community,acute --grid 5:9:2 --target 'p_diverted <= 0.1' --reps 8 "
          "--threads 2 --out " +
          quoted(dir),
      "frontier_t0");
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const auto frontier = lines_of(slurp(dir / "frontier.csv"));
  REQUIRE(frontier.size() == 4);
  CHECK(frontier[0] ==
        "unit_a,capacity_a,unit_b,capacity_b,capacity_b_fails_with_confidence,replications_to_narrow");
  const auto meta = nlohmann::json::parse(slurp(dir / "frontier.json"));
  REQUIRE(meta["points"].size() == 3);
  long previous = 1000;
  for (std::size_t i = 1; i < frontier.size(); ++i) {
    const auto f = split(frontier[i]);
    REQUIRE(f.size() >= 5);  // replications_to_narrow is empty when the band is narrow already
    const long a = std::stol(f[1]);
    const long b = std::stol(f[3]);
    // The band per point: the largest B failing with confidence lies below
    // the answer, and its evaluation says so.
    REQUIRE(!f[4].empty());
    const long fails = std::stol(f[4]);
    CHECK(fails < b);
    CHECK(meta["points"][i - 1]["band_b"]["fails_with_confidence"] == fails);
    CHECK(meta["points"][i - 1]["band_b"]["met_with_confidence"] == b);
    // More community beds block the ward less, so it needs no more beds.
    CHECK(b <= previous);
    previous = b;
    // The defining property, from the evaluations: b meets, b - 1 does not.
    const auto evaluations = lines_of(slurp(dir / "frontier_evaluations.csv"));
    bool b_meets = false;
    bool below_fails = false;
    std::string verdict_at_fails;
    for (const auto& line : evaluations) {
      const auto e = split(line);
      if (e.size() != 10 || e[0] != std::to_string(a)) continue;
      if (e[1] == std::to_string(b)) b_meets = e[8] == "1";
      if (e[1] == std::to_string(b - 1)) below_fails = e[8] == "0";
      if (e[1] == std::to_string(fails)) verdict_at_fails = e[9];
    }
    INFO("community " << a << ": acute " << b);
    CHECK(b_meets);
    CHECK(below_fails);
    CHECK(verdict_at_fails == "fails");
  }
}

TEST_CASE("Bad targets, units and ranges exit with code 2 and write nothing", "[cli][sizing]") {
  const std::string scenario = quoted(kSource / "scenarios/validation/c1_erlang_c_55.yaml");
  const fs::path dir = fresh_dir("size_bad");
  const auto expect_bad = [&](const std::string& args, const std::string& name,
                              const std::string& message) {
    const auto r = cli_test::flowsim("size " + scenario + " " + args + " --out " + quoted(dir), name);
    INFO(r.out << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(message) != std::string::npos);
    CHECK(!fs::exists(dir));
  };
  expect_bad("--unit ward --target 'p_wiat <= 0.2'", "bad_metric", "unknown metric 'p_wiat'");
  expect_bad("--unit ward --target 'p_wiat <= 0.2'", "bad_metric_similar", "unit.ward.p_wait");
  expect_bad("--unit ward --target 'p_wait < 0.2'", "bad_operator", "use <= or >=");
  expect_bad("--unit ward --target 'p_wait <= lots'", "bad_number", "expected METRIC <= NUMBER");
  expect_bad("--unit wrd --target 'p_wait <= 0.2'", "bad_unit", "no unit 'wrd'");
  expect_bad("--unit ward --target 'p_wait <= 0.2' --range 60:50", "bad_range", "needs 1 <= LOW < HIGH");
  expect_bad("--unit ward", "no_target", "at least one --target");
  // A share written as a percentage would be met at once: refused with the fraction to write.
  expect_bad("--unit ward --target 'time_at_or_above_92pct <= 10'", "share_as_percent",
             "write 0.1 for 10%");
  expect_bad("--unit ward --target 'occupancy.p95 <= 92'", "ratio_as_percent", "write 0.92 for 92%");
  expect_bad("--unit ward --target 'midnight_days_at_or_above_92pct <= 10'", "midnight_share_as_percent",
             "is a share between 0 and 1");
  expect_bad("--unit ward --target 'p_wait <= 0.2' --occupancy-thresholds 85,92",
             "thresholds_as_percent", "write 0.85 for 85%");
  // The shorthands resolve to the sized unit's metrics.
  const auto ok = cli_test::flowsim("size " + scenario +
                                        " --unit ward --target 'occupancy.p95 <= 0.99' --target "
                                        "'occupancy.mean <= 95%' --reps 2 --range 70:71 --out " +
                                        quoted(dir),
                                    "shorthands");
  INFO(ok.out << ok.err);
  CHECK(ok.exit_code == 0);
  CHECK(ok.out.find("unit.ward.utilisation_p95") != std::string::npos);
  CHECK(ok.out.find("unit.ward.utilisation =") != std::string::npos);
}

TEST_CASE("size --with sizes the unit of the scenario the overlay makes", "[cli][sizing]") {
  // The M/M/3 ward at 0.2 arrivals a day (load 2) and, through an overlay,
  // at 0.5 a day (load 5): Erlang C puts P(wait) <= 0.2 at 4 and 8 beds.
  const fs::path scenario = shortened("c1_erlang_c_small.yaml", 20000, 500);
  const fs::path dir = fresh_dir("size_with");
  fs::create_directories(dir);
  const fs::path overlay = dir / "busier.yaml";
  write_atomically(overlay,
                   "overlay: busier\nchanges:\n  - set: arrivals.admissions.rate_per_day\n"
                   "    to: 0.5\n");
  long chosen[2] = {0, 0};
  for (int with = 0; with < 2; ++with) {
    const fs::path out = dir / (with ? "with" : "without");
    const auto r = cli_test::flowsim(
        "size " + quoted(scenario) + (with ? " --with " + quoted(overlay) : std::string()) +
            " --unit ward --target 'p_wait <= 0.2' --range 3:20 --reps 10 --threads 2 --out " +
            quoted(out),
        with ? "size_with" : "size_without");
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
    chosen[with] = nlohmann::json::parse(slurp(out / "size.json"))["capacity"];
    if (with) CHECK(slurp(out / "run.json").find("busier") != std::string::npos);
  }
  CHECK(chosen[0] >= flowsim::models::capacity_for_wait_probability(2.0, 0.2).value());
  CHECK(chosen[1] >= flowsim::models::capacity_for_wait_probability(5.0, 0.2).value());
  CHECK(chosen[1] > chosen[0]);
}

TEST_CASE("size follows a ratio to capacity past the capacities the unit never fills", "[cli][sizing]") {
  // The M/M/3 ward at load 2 never comes near 40 beds, so every patient's
  // history is the same from there on, but its occupancy as a share of the
  // beds keeps falling as beds are added. The Erlang start (2 / 0.05 = 40)
  // is not met with confidence; the search must keep widening (as for
  // acute under Home First, issue 11 item 4), not give up at the first
  // capacity the unit never fills.
  const auto [r, dir] = run_size(shortened("c1_erlang_c_small.yaml", 2000, 100),
                                 "--unit ward --target 'occupancy.mean <= 0.05' --reps 5", "size_ratio");
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  const auto meta = nlohmann::json::parse(slurp(dir / "size.json"));
  REQUIRE(meta["analytic_estimate"].is_number_integer());
  const long start = meta["analytic_estimate"];
  CHECK(start >= 40);
  REQUIRE(meta["capacity"].is_number_integer());
  const long chosen = meta["capacity"];
  // Past the first step up from the start, where the old search gave up.
  CHECK(chosen > start + 1);
  const auto rows = read_size_csv(dir / "size.csv");
  REQUIRE(rows.count(chosen - 1) == 1);
  CHECK(rows.at(chosen).meets);
  CHECK_FALSE(rows.at(chosen - 1).meets);
  // Common random numbers: the same bed-days at every capacity, so the
  // ratio times the capacity is the same everywhere.
  const double bed_days = rows.begin()->second.mean * static_cast<double>(rows.begin()->first);
  for (const auto& [c, row] : rows)
    CHECK(row.mean * static_cast<double>(c) == Approx(bed_days).epsilon(1e-9));
}

TEST_CASE("size exits 1 naming the metric and its limit when no capacity can reach a target",
          "[cli][sizing]") {
  // The clinical length of stay does not depend on the beds once the ward
  // never fills: mean 10 days, never 5.
  const auto [r, dir] =
      run_size(shortened("c1_erlang_c_small.yaml", 2000, 100),
               "--unit ward --target 'los_mean_days <= 5' --reps 3", "size_unreachable");
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("no capacity of ward can meet 'los_mean_days <= 5'") != std::string::npos);
  CHECK(r.out.find("unit.ward.los_mean_days stops at") != std::string::npos);
  const auto meta = nlohmann::json::parse(slurp(dir / "size.json"));
  CHECK(meta["capacity"].is_null());
  REQUIRE(meta["unreachable"].is_object());
  CHECK(meta["unreachable"]["metric"] == "unit.ward.los_mean_days");
  CHECK(meta["unreachable"]["mean"].get<double>() == Approx(10.0).epsilon(0.2));
}

TEST_CASE("Occupancy thresholds from the command line name the at-or-above metrics", "[cli][sizing]") {
  const auto [r, dir] = run_size(shortened("c1_erlang_c_small.yaml", 2000, 100),
                                 "--unit ward --occupancy-thresholds 0.6,0.9 --target "
                                 "'midnight_days_at_or_above_60pct <= 0.1' --range 3:30 --reps 3",
                                 "size_thresholds");
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(slurp(dir / "summary.csv").find("unit.ward.time_at_or_above_90pct") != std::string::npos);
  CHECK(slurp(dir / "summary.csv").find("unit.ward.time_at_or_above_92pct") == std::string::npos);
}
