#pragma once
// Runs the report script (tools/report/flowsim_report.py, Python with
// Debian's python3-matplotlib) on a result directory to write report.html.
#include <string>

namespace flowsim::tools {

struct ReportOutcome {
  int exit_code = 0;  // the script's: 0 written, 3 a plotting dependency is missing, other: failed
  std::string report_path;
};

// The interpreter is $FLOWSIM_PYTHON, else the one found at build time; the
// script is $FLOWSIM_REPORT_SCRIPT, else the installed copy next to the
// binary, else the one in the source tree. The script's own messages go to
// stderr.
[[nodiscard]] ReportOutcome write_html_report(const std::string& result_directory);

}  // namespace flowsim::tools
