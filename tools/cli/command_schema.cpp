// flowsim schema: prints the JSON Schema of the scenario format (or, with
// --overlay, of the overlay format) for editors, or one generated key table
// of docs/scenario_reference.md (--markdown SECTION).
#include <iostream>

#include "tools/cli/cli_support.hpp"
#include "tools/cli/commands.hpp"
#include "tools/io/json_schema.hpp"
#include "tools/io/schema_markdown.hpp"

namespace flowsim::cli {

namespace po = boost::program_options;

int command_schema(const std::vector<std::string>& args) {
  po::options_description options("flowsim schema [--overlay | --markdown SECTION]");
  options.add_options()("help", "this text")("overlay",
                                             "the schema of intervention overlays instead of scenarios")(
      "markdown", po::value<std::string>(),
      "print the Markdown table of the keys below SECTION ('' for the top level, run, units.*, "
      "@distribution...), as in docs/scenario_reference.md");
  const auto vm = parse_command_line(args, options);
  if (vm.count("help")) {
    std::cout << options
              << "\nPrints a JSON Schema (draft-07) of the scenario format. Editors check and complete "
                 "scenarios with it: with VS Code's YAML extension, start a scenario with\n"
                 "  # yaml-language-server: $schema=PATH/TO/flowsim/docs/flowsim.schema.json\n"
                 "(docs/flowsim.overlay.schema.json for overlays); see docs/scenario_reference.md.\n";
    return kExitOk;
  }
  if (vm.count("markdown")) {
    if (vm.count("overlay"))
      throw po::error("--markdown tables are of the scenario format; leave out --overlay");
    try {
      std::cout << tools::schema_markdown_table(vm["markdown"].as<std::string>());
    } catch (const std::invalid_argument& e) {
      throw po::error(e.what());
    }
    return kExitOk;
  }
  std::cout
      << (vm.count("overlay") ? tools::overlay_json_schema() : tools::scenario_json_schema()).dump(2)
      << "\n";
  return kExitOk;
}

}  // namespace flowsim::cli
