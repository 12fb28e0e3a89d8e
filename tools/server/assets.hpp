#pragma once
// The files of flowsim serve's page, built into the binary at build time
// (tools/server/embed_assets.cmake): the page's own HTML, JavaScript and CSS
// from tools/server/assets/, CodeMirror 5 from tools/report/web/node_modules
// (pinned by its package-lock.json). The Vega libraries are the report's
// (tools/report/web_bundles.hpp), served from /lib/<package>.js.
#include <string>
#include <vector>

namespace flowsim::server {

struct Asset {
  std::string url;           // "/", "/app.js", "/lib/codemirror.js", ...
  std::string content_type;  // "text/html", "text/javascript", "text/css" (all UTF-8)
  std::string content;
};

[[nodiscard]] const std::vector<Asset>& page_assets();

}  // namespace flowsim::server
