#include "tools/server/scenario_input.hpp"

#include "models/scenario/loader.hpp"
#include "tools/provenance/provenance.hpp"

namespace flowsim::server {

nlohmann::json diagnostics_json(const scenario::Diagnostics& diagnostics) {
  auto all = nlohmann::json::array();
  for (const auto& d : diagnostics.sorted())
    all.push_back({{"line", d.location.line},
                   {"column", d.location.column},
                   {"path", d.key_path},
                   {"message", d.message},
                   {"file", d.location.file}});
  return all;
}

nlohmann::json validation_json(const std::string& yaml_text, const std::string& file_name) {
  const auto loaded = scenario::load_scenario_text(yaml_text, file_name);
  return {{"valid", loaded.ok()}, {"diagnostics", diagnostics_json(loaded.diagnostics)}};
}

JsonBody parse_json_body(const std::string& body) {
  JsonBody parsed;
  try {
    parsed.value = nlohmann::json::parse(body);
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte is 1-based: the line and column of the byte where parsing failed.
    int line = 1;
    int column = 1;
    for (std::size_t i = 0; i + 1 < e.byte && i < body.size(); ++i) {
      if (body[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    parsed.diagnostics.push_back(
        {{"line", line},
         {"column", column},
         {"path", ""},
         {"message", "the request body is not valid JSON: " + std::string(e.what())},
         {"file", "request"}});
  }
  return parsed;
}

LoadedInput load_input(const ScenarioTexts& texts) {
  LoadedInput input;
  scenario::LoadResult loaded;
  if (texts.overlays.empty()) {
    loaded = scenario::load_scenario_text(texts.base.text, texts.base.file_name);
  } else {
    input.effective = scenario::apply_overlays(texts.base.text, texts.base.file_name, texts.overlays);
    loaded = scenario::load_effective_scenario(input.effective);
  }
  input.diagnostics = diagnostics_json(loaded.diagnostics);
  if (!loaded.ok()) return input;
  if (input.effective.overlays.empty()) {
    input.model = loaded.model;
    return input;
  }
  auto titled = std::make_shared<models::ModelDefinition>(*loaded.model);
  std::vector<std::string> names;
  for (const auto& overlay : input.effective.overlays) names.push_back(overlay.name);
  titled->name = tools::scenario_title(loaded.model->name, names);
  input.model = std::move(titled);
  return input;
}

}  // namespace flowsim::server
