#pragma once
// Shared by the command-line tests: running the flowsim binary with its
// output captured, and reading files.
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

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

struct Outcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs 'flowsim ARGS' with stdout and stderr captured under 'name'.
inline Outcome flowsim(const std::string& args, const std::string& name) {
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

}  // namespace cli_test
