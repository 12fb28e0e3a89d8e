#pragma once
// Running the flowsim binary from tests: captured output and exit code,
// fresh output directories, and small text helpers. Shared by the command
// line, sizing and report tests.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace flowsim::cli_test {

namespace fs = std::filesystem;

inline const fs::path kOutput = fs::path(FLOWSIM_TEST_OUTPUT_DIR) / "cli";
inline const fs::path kSource = FLOWSIM_SOURCE_DIR;

inline std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::string quoted(const fs::path& path) { return "'" + path.string() + "'"; }

struct Outcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs 'flowsim ARGS' with stdout and stderr captured under 'name'.
inline Outcome run_flowsim(const std::string& args, const std::string& name) {
  fs::create_directories(kOutput / "logs");
  const fs::path out = kOutput / "logs" / (name + ".out");
  const fs::path err = kOutput / "logs" / (name + ".err");
  const std::string command =
      quoted(FLOWSIM_BINARY) + " " + args + " >" + quoted(out) + " 2>" + quoted(err);
  const int status = std::system(command.c_str());
  Outcome outcome;
  outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  outcome.out = slurp(out);
  outcome.err = slurp(err);
  return outcome;
}

// A fresh (removed) output directory for one test.
inline fs::path fresh_dir(const std::string& name) {
  const fs::path dir = kOutput / name;
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

}  // namespace flowsim::cli_test
