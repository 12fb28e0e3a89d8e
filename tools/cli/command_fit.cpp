// flowsim fit: an episode extract (and optionally an A&E attendance extract)
// to a scenario draft, fit.yaml, with the tables behind every number
// (docs/fitting.md). With --from-event-log it first turns a flowsim event log
// into an extract, to fit a simulated system and compare with its scenario.
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "tools/cli/cli_support.hpp"
#include "tools/cli/commands.hpp"
#include "tools/fit/event_log_extract.hpp"
#include "tools/fit/extract_fit.hpp"
#include "tools/fit/fit_report.hpp"
#include "tools/fit/scenario_writer.hpp"
#include "tools/fit/table_writer.hpp"
#include "tools/io/staged_files.hpp"

namespace flowsim::cli {

namespace po = boost::program_options;

namespace {

std::string option(const po::variables_map& vm, const char* name) {
  return vm.count(name) ? vm[name].as<std::string>() : std::string();
}

}  // namespace

int command_fit(const std::vector<std::string>& args) {
  po::options_description options(
      "flowsim fit EPISODES.csv [AE_ATTENDANCES.csv] [--extract-date D] [--window-start D] [--by group] "
      "[--unit U] [--out DIR] [--report]\n       flowsim fit --from-event-log events.csv [--start-date "
      "D] "
      "[--replication R] [...]");
  options.add_options()("help", "this text")(
      "extract-date", po::value<std::string>(),
      "when the extract was taken (a date means the end of that day); default: each file's latest date")(
      "window-start", po::value<std::string>(),
      "start of the extract window: stays begun earlier are left-truncated; default: each file's first "
      "admission")("by", po::value<std::string>(),
                   "'group': fit lengths of stay and routes per patient group")(
      "unit", po::value<std::string>(), "fit this unit only")(
      "out", po::value<std::string>(), "output directory (default: flowsim-out/fit-<first file name>)")(
      "report", "also write report.html: survival curves against Kaplan-Meier and Q-Q plots")(
      "from-event-log", po::value<std::string>(),
      "read a flowsim events.csv (run --event-log) as the extract; writes it as episodes.csv too")(
      "start-date", po::value<std::string>()->default_value("2020-01-01"),
      "with --from-event-log: the calendar date of the run's day 0")(
      "replication", po::value<int>()->default_value(0), "with --from-event-log: which replication")(
      "dates-only", "with --from-event-log: write dates without times (stays then fit as whole days)")(
      "files", po::value<std::vector<std::string>>(), "extract files");
  po::positional_options_description positional;
  positional.add("files", -1);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(options).positional(positional).run(), vm);
  po::notify(vm);
  if (vm.count("help")) {
    std::cout
        << options
        << "\nFits lengths of stay (censored and truncated maximum likelihood, ranked by AIC), "
           "arrivals, routes and the census at the extract date; writes fit.yaml (a scenario "
           "draft), fit_table.csv, fit_arrivals.csv and fit_routes.csv (and report.html with --report). "
           "Exit code 2 on bad input, with every bad row as file:line:column. See docs/fitting.md.\n";
    return kExitOk;
  }
  auto files =
      vm.count("files") ? vm["files"].as<std::vector<std::string>>() : std::vector<std::string>{};
  const std::string event_log = option(vm, "from-event-log");
  if (files.empty() && event_log.empty()) throw po::error("fit needs an episode extract (CSV)");
  if (!files.empty() && !event_log.empty())
    throw po::error("give either extract files or --from-event-log, not both");

  scenario::Diagnostics diagnostics;
  std::optional<fit::Extract> extract;
  std::string converted;
  std::string first = event_log.empty() ? files.front() : event_log;
  if (!event_log.empty()) {
    const auto conversion =
        fit::episodes_from_event_log(read_file(event_log), option(vm, "start-date"),
                                     vm["replication"].as<int>(), vm.count("dates-only") > 0);
    if (!conversion.error.empty()) {
      std::cerr << fmt::format("{}: error: {}\n", event_log, conversion.error);
      return kExitBadInput;
    }
    converted = conversion.episodes_csv;
    extract = fit::read_extract_text(converted, event_log, option(vm, "extract-date"), diagnostics);
  } else {
    extract = fit::read_extracts(files, option(vm, "extract-date"), diagnostics);
  }
  if (!extract) {
    std::cerr << diagnostics.format() << "nothing written\n";
    return kExitBadInput;
  }
  fit::FitScope scope;
  try {
    scope = fit::fit_scope(*extract, option(vm, "unit"), option(vm, "by"), option(vm, "window-start"));
  } catch (const std::invalid_argument& e) {
    std::cerr << "error: " << e.what() << "\nnothing written\n";
    return kExitBadInput;
  }
  const auto result = fit::fit_extract(*extract, scope);
  const std::string sources = event_log.empty() ? fmt::format("{}", fmt::join(files, ", ")) : event_log;
  const std::string out = vm.count("out") ? option(vm, "out")
                                          : (std::filesystem::path("flowsim-out") /
                                             ("fit-" + std::filesystem::path(first).stem().string()))
                                                .string();
  std::filesystem::create_directories(out);
  tools::StagedFileSet staged(out);
  const auto write = [&staged](const std::string& name, const std::string& text) {
    auto file = staged.open(name);
    file << text;
    if (!file) throw std::runtime_error("cannot write " + name);
  };
  write("fit.yaml", fit::scenario_yaml(result, sources));
  write("fit_table.csv", fit::fit_table_csv(result));
  write("fit_arrivals.csv", fit::arrivals_csv(result));
  write("fit_routes.csv", fit::routes_csv(result));
  if (!converted.empty()) write("episodes.csv", converted);
  if (vm.count("report")) write("report.html", fit::fit_report_html(result, sources));
  staged.commit();
  std::cout << fmt::format("{}: {} episodes in {} unit{}; fits ranked by AIC (lower is better)\n",
                           sources, extract->episodes.size(), scope.units.size(),
                           scope.units.size() == 1 ? "" : "s");
  std::cout << fit::console_text(result);
  std::cout << fmt::format(
      "\nwrote {}/fit.yaml (a scenario draft: set the bed counts, then flowsim run it), "
      "fit_table.csv, fit_arrivals.csv, fit_routes.csv{}{}\n",
      out, converted.empty() ? "" : ", episodes.csv", vm.count("report") ? ", report.html" : "");
  return kExitOk;
}

}  // namespace flowsim::cli
