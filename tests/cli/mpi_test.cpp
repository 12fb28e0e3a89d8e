// run and sweep under mpirun with 1, 2 and 3 processes give byte for byte
// the results of a single process. Registered only when MPI is built.
#include <catch2/catch.hpp>

#include "tests/cli/cli_test_support.hpp"

namespace fs = std::filesystem;
// Each test executable keeps its own output directory (kOutput below).
using cli_test::fresh_dir;
using cli_test::kRunResultFiles;
using cli_test::kSource;
using cli_test::quoted;
using cli_test::run_flowsim;
using cli_test::slurp;
using cli_test::small_r1_scenario;
using cli_test::write_atomically;

namespace {

const fs::path kOutput = fs::path(FLOWSIM_TEST_OUTPUT_DIR) / "mpi";

// --oversubscribe: more ranks than cores; --allow-run-as-root: test
// machines and containers often run as root.
std::string mpirun(int processes) {
  return std::string(FLOWSIM_MPIEXEC) + " --oversubscribe --allow-run-as-root -np " +
         std::to_string(processes) + " ";
}

// Runs 'args' (which end in --out) in a single process, then under mpirun
// with 1, 2 and 3 processes, and compares 'files' byte for byte.
void check_same_on_any_process_count(const std::string& args, const std::string& label,
                                     const std::vector<std::string>& files,
                                     const std::string& expected_output) {
  const fs::path single = fresh_dir(kOutput, label + "_single");
  REQUIRE(run_flowsim(args + quoted(single), label + "_single", kOutput).exit_code == 0);
  for (const int processes : {1, 2, 3}) {
    const std::string name = label + "_np" + std::to_string(processes);
    const fs::path dir = fresh_dir(kOutput, name);
    const auto r = run_flowsim(args + quoted(dir), name, kOutput, mpirun(processes));
    INFO(name << ": " << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find(expected_output) != std::string::npos);
    if (processes > 1)
      CHECK(r.out.find("in each of " + std::to_string(processes) + " MPI processes") !=
            std::string::npos);
    for (const auto& file : files) {
      INFO(file);
      CHECK(slurp(dir / file) == slurp(single / file));
    }
  }
}

}  // namespace

TEST_CASE("run under mpirun -np 1, 2, 3 equals a single process byte for byte", "[mpi]") {
  check_same_on_any_process_count(
      "run " + quoted(small_r1_scenario(kOutput)) + " --reps 5 --threads 1 --quiet --out ", "run",
      kRunResultFiles, "5 replications");
}

TEST_CASE("sweep under mpirun -np 1, 2, 3 equals a single process byte for byte", "[mpi]") {
  const fs::path sweep = kOutput / "mpi_sweep.yaml";
  write_atomically(sweep, "sweep: mpi\nscenario: " +
                              (kSource / "scenarios/validation/c1_erlang_c_small.yaml").string() +
                              "\nreplications: 3\nseed: 5\nsamples: 4\nparameters:\n"
                              "  - set: units.ward.capacity\n    values: [3, 4]\n"
                              "  - set: arrivals.admissions.rate_per_day\n    range: [0.1, 0.25]\n");
  const std::string args = "sweep " + quoted(sweep) + " --threads 1 --quiet --out ";
  check_same_on_any_process_count(args, "sweep", {"sweep_results.csv", "sweep_summary.csv"},
                                  "8 points x 3 replications");
  // Bad input stops every rank with code 2.
  const fs::path dir = fresh_dir(kOutput, "sweep_np2_again");
  REQUIRE(run_flowsim(args + quoted(dir), "sweep_np2_first", kOutput, mpirun(2)).exit_code == 0);
  const auto again = run_flowsim(args + quoted(dir), "sweep_np2_again", kOutput, mpirun(2));
  CHECK(again.exit_code == 2);
  CHECK(again.err.find("already holds a sweep") != std::string::npos);
}

TEST_CASE("run under mpirun refuses --precision and --warmup auto with code 2", "[mpi]") {
  const std::string scenario = quoted(small_r1_scenario(kOutput));
  for (const std::string option : {"--precision 0.05", "--warmup auto"}) {
    const fs::path dir = fresh_dir(kOutput, "refused");
    const auto r = run_flowsim("run " + scenario + " " + option + " --quiet --out " + quoted(dir),
                               "refused", kOutput, mpirun(2));
    INFO(option << ": " << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("run in one process only") != std::string::npos);
    CHECK(!fs::exists(dir / "run.json"));
  }
}
