#pragma once
// The server's routes, in groups: the scenarios, schema and validation;
// the runs (queue, progress events, results, downloads); the paired
// comparisons and sizing measures; the page assets.
#include <httplib.h>

#include "tools/server/run_queue.hpp"
#include "tools/server/workspace.hpp"

namespace flowsim::server {

void add_scenario_routes(httplib::Server& http, const Workspace& workspace);
void add_run_routes(httplib::Server& http, const Workspace& workspace, RunQueue& runs);
void add_compare_routes(httplib::Server& http, const Workspace& workspace, RunQueue& runs);
void add_asset_routes(httplib::Server& http);

// A scenario or overlay file's text by name; nullopt when the guard refuses
// the name or the file does not exist.
[[nodiscard]] std::optional<std::string> read_named_file(const Workspace& workspace,
                                                         const std::string& name);

}  // namespace flowsim::server
