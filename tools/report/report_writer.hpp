#pragma once
// flowsim report: writes RESULT_DIR/report.html, one self-contained page
// with the charts of whatever the directory holds (a run, a comparison, a
// sweep, a sizing or a frontier), drawn in the browser from Vega-Lite
// specifications by the embedded Vega libraries; nothing is fetched when
// the page opens.
#include <string>

namespace flowsim::tools {

struct ReportOutcome {
  int exit_code = 0;  // 0 written, 2 the directory holds no results, 1 it could not be written
  std::string report_path;
};

// Messages go to stderr. The page is written under a temporary name and
// renamed, so a half-written report never exists.
[[nodiscard]] ReportOutcome write_html_report(const std::string& result_directory);

}  // namespace flowsim::tools
