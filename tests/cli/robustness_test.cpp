// The command line under stress: runs stopped by SIGTERM write their
// finished replications and exit 143; runs killed with SIGKILL at random
// points leave the output directory with every result file complete or none;
// runs too big for the limits, and deadlocked runs, are refused or reported.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli_test_support.hpp"
#include "sim/random_stream.hpp"

extern char** environ;

namespace fs = std::filesystem;

namespace {

using cli_test::kSource;
using cli_test::slurp;
using cli_test::write_atomically;

const fs::path kRobustnessOutput = fs::path(FLOWSIM_TEST_OUTPUT_DIR) / "robustness";
// Every file a finished run writes: those that must not depend on threads,
// and run.json.
const std::vector<std::string> kAllRunFiles = [] {
  std::vector<std::string> files = cli_test::kRunResultFiles;
  files.push_back("run.json");
  return files;
}();

// R1 shortened to 60 days: a few milliseconds a replication.
fs::path small_r1() { return cli_test::small_r1_scenario(kRobustnessOutput); }

// Starts 'flowsim ARGS' with output to files under kRobustnessOutput/logs; returns its pid.
pid_t spawn_flowsim(const std::vector<std::string>& args, const std::string& log_name) {
  fs::create_directories(kRobustnessOutput / "logs");
  std::vector<std::string> argv_text = {FLOWSIM_BINARY};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  const std::string out = (kRobustnessOutput / "logs" / (log_name + ".out")).string();
  const std::string err = (kRobustnessOutput / "logs" / (log_name + ".err")).string();
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = 0;
  const int failed = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  REQUIRE(failed == 0);
  return pid;
}

struct Finished {
  int exit_code = -1;  // -1 when killed by a signal
  int signal = 0;
  std::string err;
};

Finished wait_for(pid_t pid, const std::string& log_name) {
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  Finished f;
  if (WIFEXITED(status)) f.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) f.signal = WTERMSIG(status);
  f.err = slurp(kRobustnessOutput / "logs" / (log_name + ".err"));
  return f;
}

Finished run_to_end(const std::vector<std::string>& args, const std::string& log_name) {
  return wait_for(spawn_flowsim(args, log_name), log_name);
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("SIGTERM stops a run: finished replications are written, exit code 143", "[cli][robustness]") {
  const fs::path scenario = small_r1();
  const fs::path dir = kRobustnessOutput / "sigterm";
  fs::remove_all(dir);
  // 5,000 replications on one thread take far longer than the wait below.
  const pid_t pid = spawn_flowsim(
      {"run", scenario.string(), "--reps", "5000", "--threads", "1", "--quiet", "--out", dir.string()},
      "sigterm");
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  REQUIRE(::kill(pid, SIGTERM) == 0);
  const auto stopped = wait_for(pid, "sigterm");
  INFO(stopped.err);
  REQUIRE(stopped.exit_code == 143);
  REQUIRE(fs::exists(dir / "run.json"));
  const auto manifest = nlohmann::json::parse(slurp(dir / "run.json"));
  CHECK(manifest["interrupted"] == true);
  CHECK(manifest["replications_requested"] == 5000);
  const int finished = manifest["replications"];
  REQUIRE(finished >= 1);
  REQUIRE(finished < 5000);
  CHECK(stopped.err.find(std::to_string(finished) + " of 5000 replications finished") !=
        std::string::npos);
  // On one thread the finished replications are 0..k-1, and each is exactly
  // what an uninterrupted run of k replications gives.
  const fs::path reference = kRobustnessOutput / "sigterm_reference";
  fs::remove_all(reference);
  const auto full = run_to_end({"run", scenario.string(), "--reps", std::to_string(finished),
                                "--threads", "1", "--quiet", "--out", reference.string()},
                               "sigterm_reference");
  REQUIRE(full.exit_code == 0);
  CHECK(slurp(dir / "replications.csv") == slurp(reference / "replications.csv"));
  CHECK(slurp(dir / "summary.csv") == slurp(reference / "summary.csv"));
}

TEST_CASE("SIGKILL at random points leaves every result file complete, or none", "[cli][robustness]") {
  const fs::path scenario = small_r1();
  const std::vector<std::string> run_args = {"run", scenario.string(), "--reps",     "40", "--threads",
                                             "2",   "--quiet",         "--overwrite"};
  const fs::path reference = kRobustnessOutput / "kill_reference";
  fs::remove_all(reference);
  auto args = run_args;
  args.insert(args.end(), {"--out", reference.string()});
  const auto started = std::chrono::steady_clock::now();
  REQUIRE(run_to_end(args, "kill_reference").exit_code == 0);
  const double run_seconds = seconds_since(started);

  // Kill points spread over the whole run, writing included; fixed seed.
  flowsim::sim::SequentialStream points(flowsim::sim::StreamKey(2026, "kill points"), 0);
  constexpr int kKills = 20;
  int complete = 0;
  int empty = 0;
  for (int attempt = 0; attempt < kKills; ++attempt) {
    const fs::path dir = kRobustnessOutput / ("killed_" + std::to_string(attempt));
    fs::remove_all(dir);
    // Half the attempts overwrite earlier results: old or new, never a mix.
    const bool over_old = attempt % 2 == 1;
    if (over_old) fs::copy(reference, dir);
    auto kill_args = run_args;
    kill_args.insert(kill_args.end(), {"--out", dir.string()});
    const auto delay = std::chrono::duration<double>(points.next() * 1.2 * run_seconds);
    const std::string log = "killed_" + std::to_string(attempt);
    const pid_t pid = spawn_flowsim(kill_args, log);
    std::this_thread::sleep_for(delay);
    ::kill(pid, SIGKILL);
    (void)wait_for(pid, log);
    INFO("attempt " << attempt << ", killed after " << delay.count() << " s");
    if (!fs::exists(dir) || fs::is_empty(dir)) {
      ++empty;
      continue;
    }
    for (const auto& entry : fs::directory_iterator(dir)) {
      const std::string name = entry.path().filename().string();
      INFO(name);
      CHECK(std::find(kAllRunFiles.begin(), kAllRunFiles.end(), name) != kAllRunFiles.end());
    }
    for (const auto& name : kAllRunFiles) {
      INFO(name);
      REQUIRE(fs::exists(dir / name));
      if (name != "run.json") CHECK(slurp(dir / name) == slurp(reference / name));
    }
    CHECK_NOTHROW(nlohmann::json::parse(slurp(dir / "run.json")));
    ++complete;
  }
  CHECK(complete + empty == kKills);
  // A later run clears the hidden staging directories the killed runs left.
  auto final_args = run_args;
  final_args.insert(final_args.end(), {"--out", (kRobustnessOutput / "killed_0").string()});
  REQUIRE(run_to_end(final_args, "after_kills").exit_code == 0);
  for (const auto& entry : fs::directory_iterator(kRobustnessOutput)) {
    const std::string name = entry.path().filename().string();
    INFO(name);
    CHECK(name.rfind(".killed_0.", 0) != 0);
  }
}

TEST_CASE("A run too big for the limits is refused unless --force is given", "[cli][robustness]") {
  const fs::path scenario = kRobustnessOutput / "too_big.yaml";
  write_atomically(scenario, R"(name: too big
run: {horizon_days: 36500, warmup_days: 0, replications: 1000, seed: 1}
exits: [home]
units:
  ward:
    capacity: unlimited
    los: {dist: exponential, mean: 3, unit: days}
    routes: {home: 1}
arrivals:
  walk_in: {to: ward, rate_per_day: 100000}
)");
  const fs::path dir = kRobustnessOutput / "too_big_out";
  fs::remove_all(dir);
  const auto refused = run_to_end({"run", scenario.string(), "--out", dir.string()}, "too_big");
  INFO(refused.err);
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("refused") != std::string::npos);
  CHECK(refused.err.find("--force") != std::string::npos);
  CHECK_FALSE(fs::exists(dir));
}

TEST_CASE("A deadlocked run fails with the units named and writes nothing", "[cli][robustness]") {
  const fs::path scenario = kSource / "tests" / "data" / "deadlock_two_units.yaml";
  const fs::path dir = kRobustnessOutput / "deadlock_out";
  fs::remove_all(dir);
  const auto failed = run_to_end({"run", scenario.string(), "--out", dir.string()}, "deadlock");
  INFO(failed.err);
  CHECK(failed.exit_code == 1);
  CHECK(failed.err.find("deadlock") != std::string::npos);
  // Where it happened, not a bare "run failed".
  CHECK(failed.err.find("run failed: replication ") != std::string::npos);
  CHECK(failed.err.find(
            ", day 1 at 00:00 (t = 1.0000 days), while handling the end of a stay of patient #0") !=
        std::string::npos);
  CHECK(failed.err.find("'a'") != std::string::npos);
  CHECK(failed.err.find("'b'") != std::string::npos);
  CHECK_FALSE(fs::exists(dir));
}

TEST_CASE("Zero threads and a misspelt metric are refused with exit code 2 and nothing written",
          "[cli][robustness]") {
  const std::string scenario = small_r1().string();
  const fs::path dir = kRobustnessOutput / "refused_options_out";
  fs::remove_all(dir);
  const auto expect_refused = [&](const std::vector<std::string>& args, const std::string& log,
                                  const std::string& message) {
    const auto r = run_to_end(args, log);
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(message) != std::string::npos);
    CHECK_FALSE(fs::exists(dir));
  };
  // Zero threads would run nothing at all; it used to mean one silently.
  const std::string threads = "--threads must be at least 1 (leave it out to use every core)";
  expect_refused({"run", scenario, "--threads", "0", "--out", dir.string()}, "threads_run", threads);
  expect_refused({"compare", scenario, "--variant", scenario, "--threads", "0", "--out", dir.string()},
                 "threads_compare", threads);
  // A metric name one letter out, plain and as a pattern.
  expect_refused({"run", scenario, "--precision", "0.05", "--metric", "unit.acute.ocupancy_mean",
                  "--out", dir.string()},
                 "metric_typo",
                 "--metric 'unit.acute.ocupancy_mean' matches no metric of 'R1 whole-system benchmark'; "
                 "did you mean 'unit.acute.occupancy_mean'?");
  expect_refused({"run", scenario, "--precision", "0.05", "--metric", "unit.*.ocupancy_mean", "--out",
                  dir.string()},
                 "metric_pattern_typo", "did you mean 'unit.*.occupancy_mean'?");
}

TEST_CASE("check and run raise no false alarm where units shed what they cannot take",
          "[cli][robustness]") {
  // C4 T1: community is fed only by an acute ward that turns arrivals away
  // when full, so nothing can queue without limit. Its header's exact
  // community occupancy is 3.32 of 4 beds; the flows are 3.72 beds offered.
  const auto validation = kSource / "scenarios" / "validation";
  const auto tandem = run_to_end({"check", (validation / "c4_t1.yaml").string()}, "check_c4_t1");
  const std::string out = slurp(kRobustnessOutput / "logs" / "check_c4_t1.out");
  INFO(out << tandem.err);
  CHECK(tandem.exit_code == 0);
  CHECK(out.find("OVERLOADED") == std::string::npos);
  CHECK(std::regex_search(out, std::regex(R"(community\s+0\.37\s+3\.7\s+4\s)")));
  CHECK(tandem.err.find("overloaded") == std::string::npos);
}

TEST_CASE("A stay typed as 1e19 days is warned about and sized as nothing, in finite time",
          "[cli][robustness]") {
  // Found by the long fuzz run: the minimum stable capacity overflowed an
  // integer (undefined behaviour; -9223372036854775807 beds on this
  // machine), and searching capacities for such a load would never end.
  const auto scenario = (kSource / "tests" / "data" / "absurd_stay.yaml").string();
  const auto validated = run_to_end({"validate", scenario}, "absurd_stay_validate");
  INFO(validated.err);
  CHECK(validated.exit_code == 0);
  CHECK(validated.err.find("a steady state needs at least 48058430092136939520 beds") !=
        std::string::npos);
  const auto checked = run_to_end({"check", scenario}, "absurd_stay_check");
  const std::string out = slurp(kRobustnessOutput / "logs" / "absurd_stay_check.out");
  INFO(out << checked.err);
  CHECK(checked.exit_code == 0);
  CHECK(out.find("-922") == std::string::npos);
  // Stable minimum saturated; no Erlang answer for the wait or occupancy.
  CHECK(std::regex_search(
      out, std::regex(R"(ward\s.*\s9007199254740993\s+1\.000 \(C\)\s+-\s+-\s+OVERLOADED)")));
}
