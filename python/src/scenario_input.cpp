#include "python/src/scenario_input.hpp"

#include <fstream>

#include <fmt/format.h>

#include "models/scenario/loader.hpp"
#include "models/scenario/overlay.hpp"
#include "models/traffic.hpp"
#include "sim/random_stream.hpp"

namespace flowsim::python {

LoadOutcome load_scenario_input(const std::string& path, const std::string& text,
                                const std::string& source_name,
                                const std::vector<std::string>& overlay_paths) {
  auto input = std::make_shared<ScenarioInput>();
  input->path = path;
  input->source_name = path.empty() ? source_name : path;
  input->overlay_paths = overlay_paths;
  scenario::LoadResult loaded;
  if (!path.empty() && !std::ifstream(path, std::ios::binary)) {
    loaded.diagnostics.error(scenario::SourceLocation{path, 0, 0}, "", "cannot open the scenario file");
    return {nullptr, loaded.diagnostics.sorted(), loaded.diagnostics.format()};
  }
  input->text = path.empty() ? text : cli::read_file(path);
  // The same steps as cli::load_scenario_or_report, which prints instead.
  const auto overlays = scenario::read_overlay_files(overlay_paths, loaded.diagnostics);
  if (!loaded.diagnostics.has_errors()) {
    input->loaded.effective = scenario::apply_overlays(input->text, input->source_name, overlays);
    loaded = overlays.empty() ? scenario::load_scenario_text(input->text, input->source_name)
                              : scenario::load_effective_scenario(input->loaded.effective);
  }
  if (!loaded.ok()) return {nullptr, loaded.diagnostics.sorted(), loaded.diagnostics.format()};
  input->loaded.model = cli::titled_model(loaded.model, input->loaded.effective);
  input->warnings = models::overload_warnings(*loaded.model, models::solve_traffic(*loaded.model));
  return {std::move(input), {}, {}};
}

tools::RunInfo input_run_info(const ScenarioInput& input, unsigned threads, double wall_seconds) {
  // Not from the command line: provenance.command_line is null.
  if (!input.path.empty()) return cli::run_info(input.path, input.loaded, threads, wall_seconds, "");
  // Text has no file to read back: the same record, from the text held.
  const auto& effective = input.loaded.effective;
  tools::RunInfo info{.scenario_path = input.source_name,
                      .scenario_hash = fmt::format("{:016x}", sim::fnv1a64(input.text)),
                      .threads = threads,
                      .wall_seconds = wall_seconds,
                      .scenario_text = effective.overlays.empty() ? input.text : effective.yaml};
  info.provenance.scenario = tools::fingerprint(input.source_name, input.text);
  for (const auto& overlay : effective.overlays) {
    info.overlays.push_back({overlay.file_name, overlay.name, overlay.hash});
    info.provenance.overlays.push_back(cli::fingerprint_of(overlay.file_name));
  }
  return info;
}

}  // namespace flowsim::python
