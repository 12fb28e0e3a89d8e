#include "tools/report/report_runner.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <vector>

namespace flowsim::tools {

namespace fs = std::filesystem;

namespace {

std::string from_environment(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::string(value) : fallback;
}

std::string report_script() {
  if (const char* value = std::getenv("FLOWSIM_REPORT_SCRIPT"); value != nullptr && *value != '\0')
    return value;
  std::error_code ignored;
  const fs::path self = fs::read_symlink("/proc/self/exe", ignored);
  const fs::path installed = self.parent_path().parent_path() / "share" / "flowsim" / "report" /
                             "flowsim_report.py";
  if (!self.empty() && fs::exists(installed)) return installed.string();
  return FLOWSIM_REPORT_SCRIPT_SOURCE;
}

// Runs argv[0] (looked up on PATH) and waits; -1 when it cannot start.
int run_program(const std::vector<std::string>& argv) {
  std::vector<char*> pointers;
  for (const auto& a : argv) pointers.push_back(const_cast<char*>(a.c_str()));
  pointers.push_back(nullptr);
  const pid_t child = fork();
  if (child < 0) return -1;
  if (child == 0) {
    execvp(pointers[0], pointers.data());
    _exit(127);
  }
  int status = 0;
  if (waitpid(child, &status, 0) < 0) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

ReportOutcome write_html_report(const std::string& result_directory) {
  const std::string python = from_environment("FLOWSIM_PYTHON", FLOWSIM_PYTHON_DEFAULT);
  const std::string script = report_script();
  ReportOutcome outcome;
  outcome.report_path = (fs::path(result_directory) / "report.html").string();
  if (!fs::exists(script)) {
    std::cerr << "flowsim: the report script " << script
              << " is missing (set FLOWSIM_REPORT_SCRIPT to its path)\n";
    outcome.exit_code = 1;
    return outcome;
  }
  outcome.exit_code = run_program({python, script, result_directory});
  if (outcome.exit_code == 127 || outcome.exit_code == -1)
    std::cerr << "flowsim: cannot run " << python
              << " for the report: install Debian's python3 and python3-matplotlib "
                 "(bash tools/install_deps.sh), or set FLOWSIM_PYTHON\n";
  return outcome;
}

}  // namespace flowsim::tools
