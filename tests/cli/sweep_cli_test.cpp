// End-to-end tests of flowsim sweep: results equal to plain runs of each
// point, the store's guard rails, bad input, and a sweep killed at 20 random
// points, resumed after each, giving byte for byte the tables of an
// uninterrupted sweep.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <thread>

#include "tests/cli/cli_test_support.hpp"

namespace fs = std::filesystem;
// Each test executable keeps its own output directory (kOutput below).
using cli_test::fresh_dir;
using cli_test::kSource;
using cli_test::lines_of;
using cli_test::Outcome;
using cli_test::quoted;
using cli_test::run_flowsim;
using cli_test::slurp;
using cli_test::small_r1_scenario;
using cli_test::split;
using cli_test::write_atomically;

namespace {

const fs::path kOutput = fs::path(FLOWSIM_TEST_OUTPUT_DIR) / "sweep_cli";

Outcome flowsim(const std::string& args, const std::string& name) {
  return run_flowsim(args, name, kOutput);
}

// A sweep file over the M/M/3 scenario (fast: a few milliseconds a replication).
fs::path erlang_sweep(const std::string& name, const std::string& parameters) {
  const fs::path path = kOutput / (name + ".yaml");
  write_atomically(path, "sweep: " + name + "\nscenario: " +
                             (kSource / "scenarios/validation/c1_erlang_c_small.yaml").string() +
                             "\nreplications: 3\nseed: 11\nparameters:\n" + parameters);
  return path;
}

const std::string kBedsGrid = "  - set: units.ward.capacity\n    values: [3, 4]\n";

// Rows of a tidy table whose first field is 'point', without that field
// and the parameter columns: "replication,metric,value,unit,measure".
std::vector<std::string> rows_of_point(const std::string& table, const std::string& point,
                                       std::size_t parameters) {
  std::vector<std::string> rows;
  for (const auto& line : lines_of(table)) {
    auto fields = split(line);
    if (fields.front() != point) continue;
    std::string row;
    for (std::size_t i = 1 + parameters; i < fields.size(); ++i)
      row += (row.empty() ? "" : ",") + fields[i];
    rows.push_back(row);
  }
  return rows;
}

// The store opened as the next 'sweep --resume' opens it: read-write, so
// that SQLite recovers the write-ahead log a killed sweep left behind (a
// read-only connection cannot, and fails with SQLITE_READONLY_RECOVERY).
// Every row of 'sql', first column as text; "error: ..." when it fails.
std::vector<std::string> query_texts(const fs::path& db, const char* sql) {
  sqlite3* handle = nullptr;
  std::vector<std::string> rows;
  if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    rows.push_back(std::string("error: ") + sqlite3_errmsg(handle));
    sqlite3_close(handle);
    return rows;
  }
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(handle, sql, -1, &statement, nullptr) != SQLITE_OK) {
    rows.push_back(std::string("error: ") + sqlite3_errmsg(handle));
  } else {
    int step = SQLITE_ROW;
    while ((step = sqlite3_step(statement)) == SQLITE_ROW)
      rows.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
    if (step != SQLITE_DONE) rows.push_back(std::string("error: ") + sqlite3_errmsg(handle));
  }
  sqlite3_finalize(statement);
  sqlite3_close(handle);
  return rows;
}

// Replications in the store: 0 when there is no store or table yet (a
// sweep killed as it created them), -1 when it cannot be read (which fails
// the check that stored counts never go back).
std::int64_t stored_replications(const fs::path& db) {
  if (!fs::exists(db)) return 0;
  const auto rows = query_texts(db, "SELECT count(*) FROM replications");
  if (rows.size() == 1 && rows[0] == "error: no such table: replications") return 0;
  if (rows.size() != 1 || rows[0].starts_with("error: ")) return -1;
  return std::stoll(rows[0]);
}

std::string integrity(const fs::path& db) {
  std::string result;
  for (const auto& row : query_texts(db, "PRAGMA integrity_check")) result += row;
  return result;
}

}  // namespace

TEST_CASE("A sweep point's results equal a plain run of that point's scenario", "[sweep]") {
  const fs::path dir = fresh_dir(kOutput, "grid");
  const auto r = flowsim(
      "sweep " + quoted(erlang_sweep("grid", kBedsGrid)) + " --threads 2 --out " + quoted(dir), "grid");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("2 points x 3 replications") != std::string::npos);
  const std::string results = slurp(dir / "sweep_results.csv");
  const auto lines = lines_of(results);
  REQUIRE(!lines.empty());
  CHECK(lines[0] == "point,units.ward.capacity,replication,metric,value,unit,measure");
  CHECK(lines[1].rfind("0,3,0,", 0) == 0);
  // The store keeps each parameter value as a number too, for SQL.
  CHECK(query_texts(dir / "sweep.sqlite",
                    "SELECT typeof(number) || ' ' || number FROM point_values ORDER BY point") ==
        std::vector<std::string>{"real 3.0", "real 4.0"});

  // The same scenario with 4 beds, run directly with the same seed and replications.
  std::string scenario = slurp(kSource / "scenarios/validation/c1_erlang_c_small.yaml");
  const auto at = scenario.find("capacity: 3");
  REQUIRE(at != std::string::npos);
  scenario.replace(at, 11, "capacity: 4");
  const fs::path four_beds = kOutput / "four_beds.yaml";
  write_atomically(four_beds, scenario);
  const fs::path run_dir = fresh_dir(kOutput, "four_beds_run");
  REQUIRE(flowsim("run " + quoted(four_beds) + " --reps 3 --seed 11 --quiet --out " + quoted(run_dir),
                  "four_beds_run")
              .exit_code == 0);
  auto direct = lines_of(slurp(run_dir / "replications.csv"));
  direct.erase(direct.begin());  // header
  const auto swept = rows_of_point(results, "1", 1);
  CHECK(lines.size() == 1 + 2 * direct.size());
  CHECK(swept == direct);

  // --with applies an overlay to every point before the point's own changes:
  // the 4-bed overlay with a point that sets the base's arrival rate is the same scenario.
  const fs::path overlay = kOutput / "four_beds_overlay.yaml";
  write_atomically(overlay, "overlay: four beds\nchanges:\n  - set: units.ward.capacity\n    to: 4\n");
  const fs::path with_dir = fresh_dir(kOutput, "grid_with");
  const auto with = flowsim("sweep " +
                                quoted(erlang_sweep("grid_with",
                                                    "  - set: arrivals.admissions.rate_per_day\n"
                                                    "    values: [0.2]\n")) +
                                " --quiet --with " + quoted(overlay) + " --out " + quoted(with_dir),
                            "grid_with");
  INFO(with.err);
  REQUIRE(with.exit_code == 0);
  CHECK(rows_of_point(slurp(with_dir / "sweep_results.csv"), "0", 1) == direct);

  // Summary: one row per point and metric; a fourth bed cuts the chance of waiting.
  const auto summary = lines_of(slurp(dir / "sweep_summary.csv"));
  CHECK(summary[0] ==
        "point,units.ward.capacity,metric,mean,sd,ci95_low,ci95_high,replications,unit,measure");
  CHECK(summary.size() == 1 + 2 * direct.size() / 3);
  double p_wait[2] = {-1, -1};
  for (const auto& line : summary) {
    const auto f = split(line);
    if (f[2] == "unit.ward.p_wait") {
      p_wait[std::stoi(f[0])] = std::stod(f[3]);
      REQUIRE(f.size() == 10);
      CHECK(f[8] == "ward");
      CHECK(f[9] == "unit.p_wait");
    }
  }
  CHECK(p_wait[0] == Approx(0.444).epsilon(0.1));  // Erlang C, 3 beds
  CHECK(p_wait[1] < p_wait[0] / 2);                // 4 beds: 0.17
}

TEST_CASE("A stored sweep is resumed only with --resume and only for the same sweep", "[sweep]") {
  const fs::path dir = fresh_dir(kOutput, "guard");
  const std::string sweep = quoted(erlang_sweep("guard", kBedsGrid));
  const std::string base = "sweep " + sweep + " --quiet --out " + quoted(dir);
  REQUIRE(flowsim(base, "guard_first").exit_code == 0);
  const std::string results = slurp(dir / "sweep_results.csv");

  const auto again = flowsim(base, "guard_again");
  CHECK(again.exit_code == 2);
  CHECK(again.err.find("already holds a sweep; use --resume") != std::string::npos);

  const auto finished = flowsim(base + " --resume", "guard_resume_finished");
  CHECK(finished.exit_code == 0);
  CHECK(finished.out.find("(0 run now, 6 resumed)") != std::string::npos);
  CHECK(slurp(dir / "sweep_results.csv") == results);

  const auto other_seed = flowsim(base + " --resume --seed 12", "guard_other_seed");
  CHECK(other_seed.exit_code == 2);
  CHECK(other_seed.err.find("holds a different sweep (seed is 11 there, 12 now)") != std::string::npos);
  const auto other_points = flowsim("sweep " +
                                        quoted(erlang_sweep("guard_changed",
                                                            "  - set: units.ward.capacity\n"
                                                            "    values: [3, 5]\n")) +
                                        " --quiet --resume --out " + quoted(dir),
                                    "guard_other_points");
  CHECK(other_points.exit_code == 2);
  CHECK(other_points.err.find("sweep_hash_fnv1a64") != std::string::npos);
  CHECK(slurp(dir / "sweep_results.csv") == results);

  CHECK(flowsim(base + " --overwrite --seed 12", "guard_overwrite").exit_code == 0);
  CHECK(slurp(dir / "sweep_results.csv") != results);
}

TEST_CASE("A sweep with an invalid point exits with code 2 and writes nothing", "[sweep]") {
  const fs::path dir = fresh_dir(kOutput, "invalid");
  const auto sweep_with = [&dir](const std::string& name, const std::string& parameters) {
    const auto r =
        flowsim("sweep " + quoted(erlang_sweep(name, parameters)) + " --out " + quoted(dir), name);
    CHECK(r.exit_code == 2);
    CHECK_FALSE(fs::exists(dir));
    return r.err;
  };
  const auto bad_value = sweep_with("invalid", "  - set: units.ward.capacity\n    values: [3, -1]\n");
  CHECK(bad_value.find("point 1 (units.ward.capacity=-1) is invalid") != std::string::npos);
  CHECK(bad_value.find("(point 1)") != std::string::npos);  // the overlay names the point too
  CHECK(bad_value.find("1 of 2 sweep points are invalid") != std::string::npos);
  const auto bad_path = sweep_with("bad_path", "  - set: units.wrd.capacity\n    values: [3]\n");
  CHECK(bad_path.find("units.wrd") != std::string::npos);
}

TEST_CASE("A sweep killed at 20 random points resumes each time to the tables of an uninterrupted sweep",
          "[sweep]") {
  // R1 shortened: about 25 ms a replication, 120 replications.
  const fs::path scenario = small_r1_scenario(kOutput);
  const fs::path sweep = kOutput / "killed.yaml";
  write_atomically(sweep, "sweep: killed\nscenario: " + scenario.string() +
                              "\nreplications: 10\nseed: 3\nsamples: 3\nparameters:\n"
                              "  - set: units.acute.capacity\n    values: [700, 750, 800, 850]\n"
                              "  - scale: units.acute.los\n    range: [0.9, 1.1]\n");
  const fs::path whole = fresh_dir(kOutput, "uninterrupted");
  const auto started = std::chrono::steady_clock::now();
  const auto uninterrupted =
      flowsim("sweep " + quoted(sweep) + " --threads 1 --out " + quoted(whole), "uninterrupted");
  const std::chrono::duration<double> whole_time = std::chrono::steady_clock::now() - started;
  REQUIRE(uninterrupted.exit_code == 0);
  // Not --quiet, but stderr is a file: no progress bar in it.
  CHECK(uninterrupted.err.find('\r') == std::string::npos);

  // Each attempt starts (or resumes) the sweep and kills it after up to 5%
  // of the uninterrupted time: at start-up, while replications are stored,
  // or while tables are written. Fixed seed: the same points every run.
  const fs::path dir = fresh_dir(kOutput, "killed");
  // (std::mt19937's sequence is fixed by the standard; its raw output is
  // scaled here rather than through a distribution, whose algorithm is not.)
  std::mt19937 points(2026);
  constexpr int kKills = 20;
  int killed_running = 0;
  std::int64_t stored_before = 0;
  for (int attempt = 0; attempt < kKills; ++attempt) {
    const double share = static_cast<double>(points()) / 4294967296.0;
    const auto delay = std::chrono::duration<double>(share * 0.05 * whole_time.count());
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      const std::string out = dir.string();
      ::execl(FLOWSIM_BINARY, FLOWSIM_BINARY, "sweep", sweep.c_str(), "--quiet", "--resume", "--threads",
              "1", "--out", out.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    std::this_thread::sleep_for(delay);
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    if (WIFSIGNALED(status)) ++killed_running;
    INFO("attempt " << attempt << ", killed after " << delay.count() << " s");
    // Nothing half-written: the store is sound, stored replications never
    // go back, and the tables are absent or exactly the finished ones.
    const std::int64_t stored = stored_replications(dir / "sweep.sqlite");
    if (fs::exists(dir / "sweep.sqlite")) CHECK(integrity(dir / "sweep.sqlite") == "ok");
    CHECK(stored >= stored_before);
    stored_before = stored;
    for (const char* table : {"sweep_results.csv", "sweep_summary.csv"})
      if (fs::exists(dir / table)) CHECK(slurp(dir / table) == slurp(whole / table));
  }
  INFO("replications stored after the kills: " << stored_before);
  CHECK(killed_running == kKills);  // every kill landed before the sweep finished
  CHECK(stored_before < 120);

  const auto resumed = flowsim(
      "sweep " + quoted(sweep) + " --quiet --threads 2 --resume --out " + quoted(dir), "resumed");
  INFO(resumed.err);
  REQUIRE(resumed.exit_code == 0);
  if (stored_before > 0)
    CHECK(resumed.out.find(std::to_string(stored_before) + " resumed") != std::string::npos);
  for (const char* table : {"sweep_results.csv", "sweep_summary.csv"}) {
    INFO(table);
    CHECK(slurp(dir / table) == slurp(whole / table));
  }
  CHECK(integrity(dir / "sweep.sqlite") == "ok");
  CHECK(stored_replications(dir / "sweep.sqlite") == 120);
}

TEST_CASE("A scenario carrying a sweep block runs as written; a sweep file given to run is named",
          "[sweep]") {
  const std::string base = slurp(kSource / "scenarios/validation/c1_erlang_c_small.yaml");
  const fs::path with_block = kOutput / "with_block.yaml";
  write_atomically(with_block, base +
                                   "\nsweep:\n  replications: 2\n  parameters:\n"
                                   "    - set: units.ward.capacity\n      values: [3, 4]\n");
  const fs::path plain_dir = fresh_dir(kOutput, "plain_run");
  const fs::path block_dir = fresh_dir(kOutput, "block_run");
  REQUIRE(flowsim("run " + quoted(kSource / "scenarios/validation/c1_erlang_c_small.yaml") +
                      " --reps 2 --quiet --out " + quoted(plain_dir),
                  "plain_run")
              .exit_code == 0);
  const auto run =
      flowsim("run " + quoted(with_block) + " --reps 2 --quiet --out " + quoted(block_dir), "block_run");
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  // The block changes nothing that run does.
  CHECK(slurp(block_dir / "summary.csv") == slurp(plain_dir / "summary.csv"));
  CHECK(flowsim("validate " + quoted(with_block), "block_validate").exit_code == 0);

  // ... and flowsim sweep still sweeps it.
  const fs::path sweep_dir = fresh_dir(kOutput, "block_sweep");
  CHECK(
      flowsim("sweep " + quoted(with_block) + " --out " + quoted(sweep_dir), "block_sweep").exit_code ==
      0);
  CHECK(fs::exists(sweep_dir / "sweep_summary.csv"));

  // A sweep file is not a scenario: one error that says what to do.
  const fs::path sweep_file = erlang_sweep("given_to_run", kBedsGrid);
  const auto refused =
      flowsim("run " + quoted(sweep_file) + " --out " + quoted(fresh_dir(kOutput, "given_to_run_out")),
              "given_to_run");
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("this is a sweep file, not a scenario: run it with 'flowsim sweep'") !=
        std::string::npos);
  CHECK(refused.err.find("missing key") == std::string::npos);
}
