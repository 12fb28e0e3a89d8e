// flowsim._flowsim: the compiled half of the Python module. It exposes the
// command line's own loading, running and writing; python/flowsim/ turns
// what it returns into pandas DataFrames and Python exceptions.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "python/src/command_in_process.hpp"
#include "python/src/run_session.hpp"
#include "python/src/scenario_input.hpp"
#include "tools/io/run_outputs.hpp"

namespace py = pybind11;
using namespace flowsim::python;

namespace {

// (scenario or None, [(file, line, column, key_path, message, text)], every
// error as the command line prints them).
py::tuple load(const std::string& path, const std::string& text, const std::string& source_name,
               const std::vector<std::string>& overlays) {
  const auto outcome = load_scenario_input(path, text, source_name, overlays);
  py::list errors;
  for (const auto& d : outcome.errors)
    errors.append(py::make_tuple(d.location.file, d.location.line, d.location.column, d.key_path,
                                 d.message, d.format()));
  return py::make_tuple(outcome.scenario ? py::cast(outcome.scenario) : py::none(), errors,
                        outcome.formatted_errors);
}

}  // namespace

PYBIND11_MODULE(_flowsim, m) {
  m.doc() = "flowsim's simulator, as the command line runs it (use the package flowsim)";
  m.attr("version") = flowsim::tools::flowsim_version();

  py::register_exception<RunStopped>(m, "RunStopped");

  py::class_<ScenarioInput, std::shared_ptr<ScenarioInput>>(m, "Scenario")
      .def_property_readonly("path", [](const ScenarioInput& s) { return s.path; })
      .def_property_readonly("source_name", [](const ScenarioInput& s) { return s.source_name; })
      .def_property_readonly("text", [](const ScenarioInput& s) { return s.text; })
      .def_property_readonly("overlays", [](const ScenarioInput& s) { return s.overlay_paths; })
      .def_property_readonly("effective_yaml",
                             [](const ScenarioInput& s) {
                               return s.loaded.effective.overlays.empty() ? s.text
                                                                          : s.loaded.effective.yaml;
                             })
      .def_property_readonly("warnings", [](const ScenarioInput& s) { return s.warnings; })
      .def_property_readonly("name", [](const ScenarioInput& s) { return s.loaded.model->name; })
      .def_property_readonly("replications",
                             [](const ScenarioInput& s) { return s.loaded.model->run.replications; })
      .def_property_readonly("seed", [](const ScenarioInput& s) { return s.loaded.model->run.seed; })
      .def_property_readonly("horizon_days",
                             [](const ScenarioInput& s) { return s.loaded.model->run.horizon_days; })
      .def_property_readonly("warmup_days",
                             [](const ScenarioInput& s) { return s.loaded.model->run.warmup_days; })
      .def_property_readonly("units", [](const ScenarioInput& s) {
        std::vector<std::string> names;
        for (const auto& unit : s.loaded.model->units) names.push_back(unit.name);
        return names;
      });

  py::class_<RunSession>(m, "RunSession")
      .def("write", &RunSession::write, py::arg("directory"), py::arg("overwrite") = false,
           py::call_guard<py::gil_scoped_release>())
      .def_property_readonly("replications", &RunSession::replications)
      .def_property_readonly("wall_seconds", &RunSession::wall_seconds);

  m.def("load", &load, py::arg("path"), py::arg("text"), py::arg("source_name"), py::arg("overlays"));

  m.def(
      "run",
      [](const ScenarioInput& scenario, std::optional<std::uint32_t> replications,
         std::optional<std::uint64_t> seed, unsigned threads, bool force, bool catch_interrupts,
         bool series) {
        const RunRequest request{replications, seed, threads, force, catch_interrupts, series};
        const py::gil_scoped_release simulating_without_the_gil;
        return std::make_unique<RunSession>(scenario, request);
      },
      py::arg("scenario"), py::arg("replications"), py::arg("seed"), py::arg("threads"),
      py::arg("force"), py::arg("catch_interrupts"), py::arg("series"));

  m.def(
      "run_command",
      [](const std::string& command, const std::vector<std::string>& args) {
        CommandOutcome outcome;
        {
          const py::gil_scoped_release running_without_the_gil;
          outcome = run_command_in_process(command, args);
        }
        return py::make_tuple(outcome.exit_code, outcome.out, outcome.err);
      },
      py::arg("command"), py::arg("args"));
}
