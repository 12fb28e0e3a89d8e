#pragma once
// What the end-to-end tests of the command line share: running flowsim as a
// child process with its output captured, reading files, and a shortened R1
// scenario. Each test executable passes its own output directory, so tests
// running in parallel never share files.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

namespace cli_test {

namespace fs = std::filesystem;

inline const fs::path kSource = FLOWSIM_SOURCE_DIR;

inline std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::string quoted(const fs::path& path) { return "'" + path.string() + "'"; }

// Writes 'text' to 'path' through a temporary name, so that test processes
// running in parallel never read a half-written file.
inline void write_atomically(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  const fs::path temporary = path.string() + "." + std::to_string(::getpid());
  std::ofstream(temporary, std::ios::binary) << text;
  fs::rename(temporary, path);
}

struct Outcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs 'PREFIX flowsim ARGS' (PREFIX: for example an mpirun command line)
// with stdout and stderr captured under output/logs/NAME.
inline Outcome run_flowsim(const std::string& args, const std::string& name,
                           const fs::path& output, const std::string& prefix = "") {
  fs::create_directories(output / "logs");
  const fs::path out = output / "logs" / (name + ".out");
  const fs::path err = output / "logs" / (name + ".err");
  const std::string command = prefix + quoted(FLOWSIM_BINARY) + " " + args + " >" + quoted(out) +
                              " 2>" + quoted(err);
  const int status = std::system(command.c_str());
  Outcome outcome;
  outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  outcome.out = slurp(out);
  outcome.err = slurp(err);
  return outcome;
}

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

// A fresh (removed) directory under 'output'.
inline fs::path fresh_dir(const fs::path& output, const std::string& name) {
  const fs::path dir = output / name;
  fs::remove_all(dir);
  return dir;
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
inline const std::vector<std::string> kRunResultFiles = {"summary.csv", "summary.json",
                                                         "replications.csv", "occupancy.csv"};

}  // namespace cli_test
