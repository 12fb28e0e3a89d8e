// flowsim report: one self-contained report.html from a result directory
// (of run, size or frontier; compare and sweep sections appear when their
// files are there).
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <iterator>

#include "tools/cli/cli_support.hpp"
#include "tools/cli/commands.hpp"
#include "tools/report/report_writer.hpp"

namespace flowsim::cli {

namespace po = boost::program_options;

namespace {
// A directory holds flowsim results when it has one of these.
constexpr const char* kResultMarkers[] = {"summary.csv", "compare.csv", "sweep_summary.csv", "size.csv",
                                          "frontier.csv"};
}  // namespace

int command_report(const std::vector<std::string>& args) {
  po::options_description options("flowsim report RESULT_DIR");
  options.add_options()("help", "this text")("scenario", po::value<std::string>(), "result directory");
  const auto vm = parse_command_line(args, options);
  if (vm.count("help")) {
    std::cout
        << options
        << "\nWrites RESULT_DIR/report.html: one file holding every chart (Vega-Lite, drawn by the "
           "Vega libraries embedded in the page), which opens offline in any browser; hover a mark "
           "for its values. The pathway diagram needs graphviz (bash tools/install_deps.sh).\n";
    return kExitOk;
  }
  if (!vm.count("scenario")) throw po::error("report needs a result directory");
  const std::string directory = vm["scenario"].as<std::string>();
  const std::filesystem::path dir(directory);
  const bool has_results =
      std::any_of(std::begin(kResultMarkers), std::end(kResultMarkers),
                  [&dir](const char* name) { return std::filesystem::exists(dir / name); });
  if (!has_results) {
    std::cerr << "flowsim report: " << directory
              << " holds no flowsim results (no summary.csv, compare.csv, sweep_summary.csv, "
                 "size.csv or frontier.csv)\n";
    return kExitBadInput;
  }
  const auto outcome = tools::write_html_report(directory);
  if (outcome.exit_code == 2) return kExitBadInput;
  if (outcome.exit_code != 0) return kExitFailed;
  std::cout << "report: " << outcome.report_path << "\n";
  return kExitOk;
}

}  // namespace flowsim::cli
