#pragma once
// Shared by the command-line, sweep, MPI, sizing and report tests: running
// the flowsim binary (directly or under a launcher such as mpirun) with its
// output captured, fresh output directories, a shortened R1 scenario, and
// reading files. flowsim() and fresh_dir(name) use the cli tests' own
// directory; the other helpers take the output directory, so test
// executables running in parallel never share files.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace cli_test {

namespace fs = std::filesystem;

inline const fs::path kOutput = fs::path(FLOWSIM_TEST_OUTPUT_DIR) / "cli";
inline const fs::path kSource = FLOWSIM_SOURCE_DIR;

inline std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// fmt rather than '+': GCC 12 warns falsely (-Wrestrict) on "'" + string.
inline std::string quoted(const fs::path& path) { return fmt::format("'{}'", path.string()); }

// Writes 'text' to 'path' through a temporary name, so that test processes
// running in parallel never read a half-written file.
inline void write_atomically(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  const fs::path temporary = fmt::format("{}.{}", path.string(), ::getpid());
  std::ofstream(temporary, std::ios::binary) << text;
  fs::rename(temporary, path);
}

struct Outcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs 'PREFIX flowsim ARGS' (PREFIX: for example an mpirun command line)
// with stdout and stderr captured under OUTPUT/logs/NAME.
inline Outcome run_flowsim(const std::string& args, const std::string& name, const fs::path& output,
                           const std::string& prefix = "") {
  fs::create_directories(output / "logs");
  const fs::path out = output / "logs" / (name + ".out");
  const fs::path err = output / "logs" / (name + ".err");
  const std::string command =
      prefix + quoted(FLOWSIM_BINARY) + " " + args + " >" + quoted(out) + " 2>" + quoted(err);
  const int status = std::system(command.c_str());
  Outcome outcome;
  outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  outcome.out = slurp(out);
  outcome.err = slurp(err);
  return outcome;
}

// Runs 'flowsim ARGS' with stdout and stderr captured under 'name'.
inline Outcome flowsim(const std::string& args, const std::string& name) {
  return run_flowsim(args, name, kOutput);
}

// A fresh (removed) directory under 'output'.
inline fs::path fresh_dir(const fs::path& output, const std::string& name) {
  const fs::path dir = output / name;
  fs::remove_all(dir);
  return dir;
}

// A fresh (removed) output directory for one test.
inline fs::path fresh_dir(const std::string& name) { return fresh_dir(kOutput, name); }

// R1 shortened to 60 days (10 warm-up): the same model, a fraction of the time.
inline fs::path small_r1_scenario(const fs::path& output) {
  const fs::path path = output / "r1_small.yaml";
  std::string text = slurp(kSource / "scenarios" / "validation" / "r1.yaml");
  REQUIRE(!text.empty());
  const std::regex horizon(R"(horizon_days:\s*[0-9.]+)");
  const std::regex warmup(R"(warmup_days:\s*[0-9.]+)");
  REQUIRE(std::regex_search(text, horizon));
  REQUIRE(std::regex_search(text, warmup));
  text = std::regex_replace(text, horizon, "horizon_days: 60");
  text = std::regex_replace(text, warmup, "warmup_days: 10");
  write_atomically(path, text);
  return path;
}

// The same in the cli tests' own directory.
inline fs::path small_scenario() { return small_r1_scenario(kOutput); }

// An M/M/10 ward, 8 arrivals a day, 3 replications of one year after a
// 180-day warm-up; with 'cut', its beds go down to 5 on day 400 and every
// replication gridlocks (tests/experiments/gridlock_test.cpp checks the day).
inline fs::path gridlock_ward_scenario(const fs::path& folder, bool cut) {
  fs::create_directories(folder);
  const fs::path path = folder / (cut ? "ward_cut.yaml" : "ward.yaml");
  write_atomically(path, std::string(R"(
name: gridlock ward
run: {horizon_days: 545, warmup_days: 180, replications: 3, seed: 41}
exits: [home]
units:
  ward:
    capacity: 10
)") + (cut ? "    capacity_changes: [{day: 400, capacity: 5}]\n" : "") +
                             R"(    los: {dist: exponential, mean: 1, unit: days}
    routes: {home: 1}
arrivals:
  admissions: {to: ward, rate_per_day: 8}
)");
  return path;
}

inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

inline std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> fields;
  std::istringstream in(line);
  for (std::string field; std::getline(in, field, ',');) fields.push_back(field);
  return fields;
}

// The files of a run that must not depend on threads or processes (run.json
// records both, and the wall time).
inline const std::vector<std::string> kRunResultFiles = {
    "summary.csv", "summary.json", "replications.csv", "occupancy.csv", "occupancy_distribution.csv",
    "delayed.csv", "model.json",   "network.dot",      "scenario.yaml"};

}  // namespace cli_test
