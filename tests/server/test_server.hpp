#pragma once
// A flowsim server for one test: on a free loopback port, its workspace a
// fresh directory under the build tree, the shipped scenarios the source
// tree's; stopped and joined when the test ends.
#include <filesystem>
#include <string>
#include <thread>

#include <httplib.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tools/server/server.hpp"

namespace server_test {

inline std::filesystem::path fresh_directory(const std::string& name) {
  const auto directory = std::filesystem::path(FLOWSIM_TEST_OUTPUT_DIR) / name;
  std::filesystem::remove_all(directory);
  std::filesystem::create_directories(directory);
  return directory;
}

// 'again': a server started on the workspace an earlier one of that name used.
enum class Workspace { fresh, again };

class TestServer {
 public:
  explicit TestServer(const std::string& name, unsigned running_at_once = 2, std::string token = "",
                      Workspace workspace = Workspace::fresh)
      : workspace_((workspace == Workspace::fresh
                        ? fresh_directory(name)
                        : std::filesystem::path(FLOWSIM_TEST_OUTPUT_DIR) / name) /
                   "workspace"),
        server_(flowsim::server::ServerOptions{
            .host = "127.0.0.1",
            .port = 0,
            .workspace = workspace_,
            .shipped_scenarios = std::filesystem::path(FLOWSIM_SOURCE_DIR) / "scenarios",
            .running_at_once = running_at_once,
            .most_waiting_runs = 200,
            .most_body_bytes = 1 << 20,
            .token = std::move(token)}),
        port_(server_.bind()),
        thread_([this] { server_.serve(); }) {}
  ~TestServer() {
    server_.stop();
    thread_.join();
  }
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  [[nodiscard]] httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(120, 0);
    return c;
  }
  [[nodiscard]] int port() const { return port_; }
  [[nodiscard]] const std::filesystem::path& workspace() const { return workspace_; }
  void stop() { server_.stop(); }

 private:
  std::filesystem::path workspace_;
  flowsim::server::Server server_;
  int port_;
  std::thread thread_;
};

// The small Erlang C scenario, as the server names it and as a file.
inline const std::string kSmall = "shipped/validation/c1_erlang_c_small.yaml";
inline const std::string kSmallFile =
    std::string(FLOWSIM_SOURCE_DIR) + "/scenarios/validation/c1_erlang_c_small.yaml";

inline nlohmann::json body_of(const httplib::Result& result) {
  REQUIRE(result);
  return nlohmann::json::parse(result->body);
}

}  // namespace server_test
