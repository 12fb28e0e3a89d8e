#include "tools/server/event_stream.hpp"

#include <chrono>
#include <limits>
#include <memory>

namespace flowsim::server {

namespace {

// A comment line every so often keeps proxies from closing an idle stream.
constexpr std::chrono::milliseconds kKeepAlive{10000};

bool write(httplib::DataSink& sink, const std::string& text) {
  return sink.write(text.data(), text.size());
}

}  // namespace

void stream_run_events(const RunQueue& runs, const std::string& id, httplib::Response& response) {
  response.set_header("Cache-Control", "no-cache");
  // The version last sent, shared by the provider's calls (one stream at a time each).
  auto sent = std::make_shared<std::uint64_t>(std::numeric_limits<std::uint64_t>::max());
  response.set_chunked_content_provider(
      "text/event-stream", [&runs, id, sent](std::size_t, httplib::DataSink& sink) {
        const std::uint64_t now = *sent == std::numeric_limits<std::uint64_t>::max()
                                      ? runs.version(id)
                                      : runs.wait_for_change(id, *sent, kKeepAlive);
        const auto status = runs.status(id);
        if (!status) return false;
        const auto state = (*status)["state"].get<std::string>();
        const bool final = state != "queued" && state != "running";
        if (now == *sent && !final && !runs.shutting_down()) return write(sink, ": still running\n\n");
        *sent = now;
        if (!write(sink, "event: " + std::string(final ? "done" : "progress") +
                             "\ndata: " + status->dump() + "\n\n"))
          return false;  // the client went away
        if (final || runs.shutting_down()) sink.done();
        return true;
      });
}

}  // namespace flowsim::server
