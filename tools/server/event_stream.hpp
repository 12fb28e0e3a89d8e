#pragma once
// GET /api/runs/{id}/events: the run's status as server-sent events, one
// "progress" event per change and a last "done" event (state done,
// cancelled or failed), then the stream ends. A client that goes away only
// ends its own stream; the run goes on.
#include <string>

#include <httplib.h>

#include "tools/server/run_queue.hpp"

namespace flowsim::server {

void stream_run_events(const RunQueue& runs, const std::string& id, httplib::Response& response);

}  // namespace flowsim::server
