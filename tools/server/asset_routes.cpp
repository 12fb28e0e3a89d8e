// GET / and the page's assets; GET /lib/vega.js, /lib/vega-lite.js and
// /lib/vega-embed.js from the bundles the report embeds.
#include <string>

#include "tools/report/web_bundles.hpp"
#include "tools/server/assets.hpp"
#include "tools/server/routes.hpp"

namespace flowsim::server {

void add_asset_routes(httplib::Server& http) {
  for (const auto& asset : page_assets())
    http.Get(asset.url, [&asset](const httplib::Request&, httplib::Response& response) {
      response.set_content(asset.content, asset.content_type + "; charset=utf-8");
    });
  for (const auto& bundle : report::web_bundles()) {
    const std::string script(bundle.script);
    http.Get("/lib/" + std::string(bundle.package) + ".js",
             [script](const httplib::Request&, httplib::Response& response) {
               response.set_content(script, "text/javascript; charset=utf-8");
             });
  }
}

}  // namespace flowsim::server
