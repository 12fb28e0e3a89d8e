#pragma once
// The JavaScript libraries that draw the report's charts (Vega, Vega-Lite,
// vega-embed), embedded at build time from tools/report/web/node_modules
// (pinned by tools/report/web/package-lock.json), in the order a page must
// load them. Inlined into every report.html so it opens offline.
#include <string_view>
#include <vector>

namespace flowsim::report {

struct WebBundle {
  std::string_view package;
  std::string_view version;
  std::string_view script;
};

[[nodiscard]] std::vector<WebBundle> web_bundles();

}  // namespace flowsim::report
