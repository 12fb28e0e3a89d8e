#include "tools/report/report_writer.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "tools/report/html_page.hpp"
#include "tools/report/report_sections.hpp"
#include "tools/report/text_format.hpp"

namespace flowsim::tools {

namespace fs = std::filesystem;

namespace {

// The run's settings in one line under the title.
std::string run_line(const report::ResultFiles& files) {
  if (!files.run.is_object()) return "";
  const auto& run = files.run;
  return fmt::format("{} replications, seed {}, {:g} warm-up days then {:g} measured days; flowsim {}.",
                     run.contains("replications") ? run["replications"].dump() : "?",
                     run.contains("seed") ? run["seed"].dump() : "?", report::warmup_days(files),
                     report::measured_days(files),
                     report::escape_html(run.value("flowsim_version", "?")));
}

}  // namespace

ReportOutcome write_html_report(const std::string& result_directory) {
  const fs::path directory(result_directory);
  ReportOutcome outcome{.exit_code = 0, .report_path = (directory / "report.html").string()};
  const auto files = report::read_result_files(directory);
  if (!files.has_results()) {
    std::cerr << fmt::format("flowsim report: {} holds no flowsim results\n", result_directory);
    outcome.exit_code = 2;
    return outcome;
  }
  report::HtmlPage page(report::report_title(files));
  if (files.model.is_object() && !files.model.value("description", "").empty())
    page.paragraph(report::escape_html(files.model["description"].get<std::string>()));
  if (const auto line = run_line(files); !line.empty()) page.paragraph(line, "ci");
  // The answer of each kind first, then the detail, then the model.
  report::add_sizing_sections(page, files);
  report::add_frontier_sections(page, files);
  report::add_compare_sections(page, files);
  report::add_sweep_sections(page, files);
  report::add_run_sections(page, files);
  report::add_network_diagram(page, files);
  report::add_stress_des(page, files);

  const fs::path partial = directory / ".report.html.partial";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out << page.render();
    out.close();
    if (!out) {
      std::cerr << fmt::format("flowsim report: cannot write {}\n", partial.string());
      std::error_code ignored;
      fs::remove(partial, ignored);
      outcome.exit_code = 1;
      return outcome;
    }
  }
  std::error_code error;
  fs::rename(partial, outcome.report_path, error);
  if (error) {
    std::cerr << fmt::format("flowsim report: cannot write {}: {}\n", outcome.report_path,
                             error.message());
    fs::remove(partial, error);
    outcome.exit_code = 1;
  }
  return outcome;
}

}  // namespace flowsim::tools
