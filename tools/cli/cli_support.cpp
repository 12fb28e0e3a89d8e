#include "tools/cli/cli_support.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "models/scenario/loader.hpp"
#include "models/traffic.hpp"

namespace flowsim::cli {

namespace po = boost::program_options;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::shared_ptr<const models::ModelDefinition> load_or_report(const std::string& path) {
  auto loaded = scenario::load_scenario_file(path);
  if (!loaded.ok()) {
    std::cerr << loaded.diagnostics.format();
    const auto n = loaded.diagnostics.sorted().size();
    std::cerr << fmt::format("{} error{} in {}; nothing was run\n", n, n == 1 ? "" : "s", path);
    return nullptr;
  }
  const auto& model = *loaded.model;
  for (const auto& warning : models::overload_warnings(model, models::solve_traffic(model)))
    std::cerr << fmt::format("{}: warning: {}\n", path, warning);
  return loaded.model;
}

std::shared_ptr<const models::ModelDefinition> load_with_overlays_or_report(
    const std::string& base_path, const std::vector<std::string>& overlay_paths) {
  // Placeholder until overlays (issue-overlays) land.
  std::cerr << fmt::format("{}: error: overlays are not available in this build\n",
                           overlay_paths.empty() ? base_path : overlay_paths.front());
  return nullptr;
}

po::variables_map parse_command_line(const std::vector<std::string>& args,
                                     const po::options_description& options) {
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(options).positional(positional).run(), vm);
  po::notify(vm);
  return vm;
}

}  // namespace flowsim::cli
