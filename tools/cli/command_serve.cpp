// flowsim serve: the browser front end (tools/server). Binds 127.0.0.1
// unless --host says otherwise; then every API request needs the token
// printed here. Ctrl-C or SIGTERM stops it: runs in progress are cancelled
// (their results are not written), finished runs stay in the workspace.
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "tools/cli/cli_support.hpp"
#include "tools/cli/commands.hpp"
#include "tools/cli/experiment_options.hpp"
#include "tools/runner/interrupt_watcher.hpp"
#include "tools/server/server.hpp"

namespace flowsim::cli {

namespace po = boost::program_options;

int command_serve(const std::vector<std::string>& args) {
  po::options_description options("flowsim serve [options]");
  options.add_options()("help", "this text")("port", po::value<int>()->default_value(8050),
                                             "port to listen on (0: any free port)")(
      "host", po::value<std::string>()->default_value("127.0.0.1"),
      "address to listen on; any but 127.0.0.1, localhost or ::1 requires the token printed at start")(
      "workspace", po::value<std::string>()->default_value("flowsim-workspace"),
      "directory for saved scenarios and runs (created if absent); nothing is written elsewhere")(
      "scenarios", po::value<std::string>()->default_value("scenarios"),
      "the shipped scenarios directory, read-only")(
      "threads", po::value<unsigned>(), "runs simulating at once, one thread each (default: all cores)");
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(options).run(), vm);
  po::notify(vm);
  if (vm.count("help")) {
    std::cout << options << "\nOpen the address it prints in a browser. Stop it with Ctrl-C.\n";
    return kExitOk;
  }
  server::ServerOptions settings;
  settings.host = vm["host"].as<std::string>();
  settings.port = vm["port"].as<int>();
  if (settings.port < 0 || settings.port > 65535) throw po::error("--port must be from 0 to 65535");
  settings.workspace = vm["workspace"].as<std::string>();
  settings.shipped_scenarios = vm["scenarios"].as<std::string>();
  if (!std::filesystem::is_directory(settings.shipped_scenarios)) {
    std::cerr << fmt::format(
        "flowsim serve: no scenarios directory at '{}' (run from the flowsim checkout, or "
        "give --scenarios DIR)\n",
        settings.shipped_scenarios.string());
    return kExitBadInput;
  }
  settings.running_at_once = thread_count(vm);
  if (!server::is_loopback(settings.host)) settings.token = server::new_token();
  server::Server server(settings);
  int port = 0;
  try {
    port = server.bind();
  } catch (const std::runtime_error& e) {
    std::cerr << "flowsim serve: " << e.what() << "\n";
    return kExitBadInput;
  }
  const tools::InterruptWatcher interrupts;
  const std::stop_callback on_interrupt(interrupts.token(), [&server] { server.stop(); });
  const std::string host =
      settings.host.find(':') != std::string::npos ? "[" + settings.host + "]" : settings.host;
  const std::string query = settings.token.empty() ? "" : "/?token=" + settings.token;
  std::cout << fmt::format("flowsim serve: open http://{}:{}{} in a browser\n", host, port, query);
  if (!settings.token.empty())
    std::cout << fmt::format("  not a loopback address: every request needs the token {}\n",
                             settings.token);
  std::cout << fmt::format(
                   "  workspace {}/ (saved scenarios, runs/); {} run{} at a time; Ctrl-C stops\n",
                   std::filesystem::absolute(settings.workspace).string(), settings.running_at_once,
                   settings.running_at_once == 1 ? "" : "s")
            << std::flush;
  server.serve();
  std::cout << "flowsim serve: stopped\n";
  return kExitOk;  // stopped as asked (Ctrl-C or SIGTERM): a clean stop
}

}  // namespace flowsim::cli
