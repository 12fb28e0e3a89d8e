#pragma once
// flowsim serve: the local web front end. One HTTP server (cpp-httplib)
// serving the page's assets, built into the binary, and the JSON API
// (docs in README "In the browser"). It binds 127.0.0.1 unless told
// otherwise; on any other address every API request must carry the token
// printed at start, as the header X-Flowsim-Token or the query ?token=.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>

namespace flowsim::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8050;  // 0: any free port (the tests' ephemeral port)
  std::filesystem::path workspace;
  std::filesystem::path shipped_scenarios;
  unsigned running_at_once = 1;         // runs simulating at a time
  std::size_t most_waiting_runs = 200;  // more are refused (503) until some finish
  std::size_t most_body_bytes = 4 << 20;
  std::string token;  // required on every API request when not empty
};

// True for the loopback addresses, which need no token.
[[nodiscard]] bool is_loopback(const std::string& host);
// 32 random hex digits.
[[nodiscard]] std::string new_token();

class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the address; the port bound (the free one chosen for port 0).
  // Throws std::runtime_error when the address cannot be bound.
  int bind();
  // Serves until stop(); returns when every request has finished.
  void serve();
  // Cancels the runs, ends every event stream and stops serving; safe from any thread.
  void stop();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace flowsim::server
