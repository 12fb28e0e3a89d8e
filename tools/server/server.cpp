#include "tools/server/server.hpp"

#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <random>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>
#include <httplib.h>

#include "tools/server/http_reply.hpp"
#include "tools/server/routes.hpp"
#include "tools/server/run_queue.hpp"
#include "tools/server/workspace.hpp"

namespace flowsim::server {

namespace {

// Request threads: event streams hold one each for as long as a run, so
// more than the library's default of about one per core.
constexpr std::size_t kRequestThreads = 32;

// Refuses, before any route: a percent-encoded separator anywhere in the
// target, and, when a token is set, an API request without it.
httplib::Server::HandlerResponse guard(const std::string& token, const httplib::Request& request,
                                       httplib::Response& response) {
  if (has_encoded_separator(request.target)) {
    reply_error(response, 400, "encoded '/', '\\' or '.' in a path are refused: write the path out");
    return httplib::Server::HandlerResponse::Handled;
  }
  if (!token.empty() && request.path.rfind("/api/", 0) == 0) {
    const bool given = request.get_header_value("X-Flowsim-Token") == token ||
                       (request.has_param("token") && request.get_param_value("token") == token);
    if (!given) {
      reply_error(response, 401,
                  "this server needs the token printed when it started (header X-Flowsim-Token "
                  "or ?token=)");
      return httplib::Server::HandlerResponse::Handled;
    }
  }
  return httplib::Server::HandlerResponse::Unhandled;
}

}  // namespace

bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1";
}

std::string new_token() {
  std::random_device device;
  std::string token;
  for (int i = 0; i < 4; ++i) token += fmt::format("{:08x}", device());
  return token;
}

struct Server::State {
  explicit State(ServerOptions o)
      : options(std::move(o)),
        workspace(options.workspace, options.shipped_scenarios),
        runs(workspace, options.running_at_once, options.most_waiting_runs) {}
  ServerOptions options;
  int listening_socket = -1;
  // httplib's stop() does nothing before its listening loop runs, so a stop
  // asked for just as serve() starts (Ctrl-C at once) waits for the loop.
  std::atomic<bool> serving{false};
  std::atomic<bool> stopped{false};
  Workspace workspace;
  RunQueue runs;
  httplib::Server http;
};

Server::Server(ServerOptions options) : state_(std::make_unique<State>(std::move(options))) {
  auto& http = state_->http;
  // httplib owns the queue it is given and deletes it when it stops.
  http.new_task_queue = [] { return new httplib::ThreadPool(kRequestThreads); };
  http.set_payload_max_length(state_->options.most_body_bytes);
  // Keeps the socket httplib listens on, to widen its backlog after bind():
  // the library listens with a backlog of 5, and a burst of connections
  // beyond it is reset by the kernel (seen in the load test).
  http.set_socket_options([state = state_.get()](int socket) {
    const int yes = 1;
    ::setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    state->listening_socket = socket;
  });
  const std::string token = state_->options.token;
  http.set_pre_routing_handler([token](const httplib::Request& request, httplib::Response& response) {
    return guard(token, request, response);
  });
  add_scenario_routes(http, state_->workspace);
  add_run_routes(http, state_->workspace, state_->runs);
  add_compare_routes(http, state_->workspace, state_->runs);
  add_asset_routes(http);
  http.set_error_handler([](const httplib::Request& request, httplib::Response& response) {
    if (!response.body.empty()) return;  // a handler's own error reply
    if (response.status == 404)
      return reply_error(response, 404, "no such page or API route: " + request.path);
    if (response.status == 413)
      return reply_error(response, 413, "the request body is larger than this server accepts");
    reply_error(response, response.status, "the request could not be served");
  });
  http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& response, std::exception_ptr error) {
        std::string what = "unknown error";
        try {
          std::rethrow_exception(error);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {}
        reply_error(response, 500, "the server failed: " + what);
      });
}

Server::~Server() { stop(); }

int Server::bind() {
  const auto& options = state_->options;
  const int port = options.port == 0
                       ? state_->http.bind_to_any_port(options.host)
                       : (state_->http.bind_to_port(options.host, options.port) ? options.port : -1);
  if (port < 0)
    throw std::runtime_error(
        fmt::format("cannot listen on {}:{} (in use, or not an address of this machine)", options.host,
                    options.port));
  // listen(2) again on a listening socket only changes its backlog.
  if (state_->listening_socket >= 0) ::listen(state_->listening_socket, SOMAXCONN);
  return port;
}

void Server::serve() {
  state_->serving = true;
  if (!state_->stopped) state_->http.listen_after_bind();
  state_->serving = false;
}

void Server::stop() {
  state_->stopped = true;
  state_->runs.shut_down();
  // serve() is between its check and the loop: wait for the loop to run.
  while (state_->serving && !state_->http.is_running())
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  state_->http.stop();
}

}  // namespace flowsim::server
