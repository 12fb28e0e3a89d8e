#include "tools/sweep/sweep_definition.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "models/scenario/scenario_schema.hpp"
#include "models/scenario/yaml_reader.hpp"

namespace flowsim::sweep {

namespace fs = std::filesystem;
using scenario::join_path;
using scenario::SourceLocation;
using scenario::YamlReader;

namespace {

// Beyond this a sweep is a typing error rather than an experiment.
constexpr std::int64_t kMostPoints = 10'000'000;

std::string slurp(const std::string& path, bool& ok) {
  std::ifstream in(path, std::ios::binary);
  ok = static_cast<bool>(in);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The value of a grid entry: a plain scalar that reads as a number is a
// number (written back in its shortest exact form); anything else, or a
// quoted scalar, is a string.
std::optional<ParameterValue> read_value(const YamlReader& reader, const YAML::Node& node,
                                         const std::string& path) {
  if (!node.IsScalar()) {
    reader.error(node, path,
                 fmt::format("expected a number or a string, got {}", scenario::describe_node(node)));
    return std::nullopt;
  }
  double number = 0.0;
  if (node.Tag() != "!" && YAML::convert<double>::decode(node, number)) {
    if (!std::isfinite(number)) {
      reader.error(node, path, fmt::format("expected a finite number, got {}", node.Scalar()));
      return std::nullopt;
    }
    return ParameterValue{fmt::format("{}", number), true};
  }
  return ParameterValue{node.Scalar(), false};
}

class SweepReader {
 public:
  SweepReader(const YamlReader& reader, SweepDefinition& sweep) : reader_(reader), sweep_(sweep) {}

  // 'block' holds the sweep settings; 'path' is its key path ("" or "sweep").
  void read_settings(const YAML::Node& block, const std::string& path, bool standalone) {
    // A sweep file has the block's keys with 'sweep: NAME' and 'scenario: FILE' instead of 'name'.
    std::vector<std::string> known = scenario::known_keys("sweep");
    if (standalone) {
      known.erase(known.begin());
      known.insert(known.begin(), {"sweep", "scenario"});
    }
    if (!reader_.check_map(block, path, known, scenario::required_keys("sweep"))) return;
    if (block["replications"]) {
      const auto n = reader_.count(block["replications"], join_path(path, "replications"), false, 1);
      if (n) sweep_.replications = static_cast<std::uint32_t>(*n);
    }
    if (block["seed"]) {
      const auto s = reader_.count(block["seed"], join_path(path, "seed"), false, 0);
      if (s) sweep_.seed = static_cast<std::uint64_t>(*s);
    }
    if (!standalone && block["name"]) {
      const auto name = reader_.text(block["name"], join_path(path, "name"));
      if (name) sweep_.name = *name;
    }
    read_parameters(block["parameters"], join_path(path, "parameters"));
    read_samples(block, path);
  }

 private:
  void read_parameters(const YAML::Node& list, const std::string& path) {
    if (!list) return;
    if (!list.IsSequence() || list.size() == 0) {
      reader_.error(
          list, path,
          fmt::format("expected a non-empty list of parameters, got {}", scenario::describe_node(list)));
      return;
    }
    std::set<std::string> names;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const std::string item_path = fmt::format("{}[{}]", path, i);
      auto parameter = read_parameter(list[i], item_path);
      if (!parameter) continue;
      if (!names.insert(parameter->name).second) {
        reader_.error(
            list[i], item_path,
            fmt::format("two parameters are named '{}'; give one a different 'name'", parameter->name));
        continue;
      }
      sweep_.parameters.push_back(std::move(*parameter));
    }
  }

  std::optional<SweepParameter> read_parameter(const YAML::Node& node, const std::string& path) {
    if (!scenario::check_keys(reader_, node, path, "sweep.parameters[]")) return std::nullopt;
    SweepParameter parameter;
    const bool sets = static_cast<bool>(node["set"]);
    const bool scales = static_cast<bool>(node["scale"]);
    if (sets == scales) {
      reader_.error(node, path, "expected exactly one of 'set: KEY.PATH' or 'scale: KEY.PATH'");
      return std::nullopt;
    }
    parameter.action = sets ? ParameterAction::Set : ParameterAction::Scale;
    const char* verb = sets ? "set" : "scale";
    const auto target = reader_.text(node[verb], join_path(path, verb));
    if (!target) return std::nullopt;
    if (target->empty()) {
      reader_.error(node[verb], join_path(path, verb), "expected a scenario key path, got ''");
      return std::nullopt;
    }
    parameter.path = *target;
    parameter.name = sets ? *target : "scale:" + *target;
    if (node["name"]) {
      const auto name = reader_.text(node["name"], join_path(path, "name"));
      if (!name) return std::nullopt;
      parameter.name = *name;
    }
    const bool has_values = static_cast<bool>(node["values"]);
    const bool has_range = static_cast<bool>(node["range"]);
    saw_range_ = saw_range_ || has_range;
    if (has_values == has_range) {
      reader_.error(node, path,
                    "expected exactly one of 'values: [...]' (a grid) or 'range: [low, high]' "
                    "(sampled by the Latin hypercube)");
      return std::nullopt;
    }
    bool ok = true;
    if (has_values) ok = read_values(node["values"], join_path(path, "values"), parameter);
    else ok = read_range(node["range"], join_path(path, "range"), parameter);
    if (node["integer"]) {
      bool integer = false;
      if (!node["integer"].IsScalar() || !YAML::convert<bool>::decode(node["integer"], integer)) {
        reader_.error(
            node["integer"], join_path(path, "integer"),
            fmt::format("expected true or false, got {}", scenario::describe_node(node["integer"])));
        ok = false;
      } else if (integer && has_values) {
        reader_.error(node["integer"], join_path(path, "integer"),
                      "'integer' applies to a 'range'; write the grid's values as integers");
        ok = false;
      }
      parameter.integer = integer;
    }
    if (!ok) return std::nullopt;
    if (parameter.integer &&
        (parameter.low != std::floor(parameter.low) || parameter.high != std::floor(parameter.high))) {
      reader_.error(node["range"], join_path(path, "range"), "an integer range needs integer bounds");
      return std::nullopt;
    }
    return parameter;
  }

  bool read_values(const YAML::Node& node, const std::string& path, SweepParameter& parameter) {
    if (!node.IsSequence() || node.size() == 0) {
      reader_.error(
          node, path,
          fmt::format("expected a non-empty list of values, got {}", scenario::describe_node(node)));
      return false;
    }
    bool ok = true;
    for (std::size_t i = 0; i < node.size(); ++i) {
      const std::string item_path = fmt::format("{}[{}]", path, i);
      auto value = read_value(reader_, node[i], item_path);
      if (!value) {
        ok = false;
        continue;
      }
      if (parameter.action == ParameterAction::Scale && !value->is_number) {
        reader_.error(node[i], item_path,
                      fmt::format("a scale factor must be a number, got \"{}\"", value->text));
        ok = false;
        continue;
      }
      parameter.values.push_back(std::move(*value));
    }
    return ok;
  }

  bool read_range(const YAML::Node& node, const std::string& path, SweepParameter& parameter) {
    const auto bounds = reader_.numbers(node, path);
    if (!bounds) return false;
    if (bounds->size() != 2 || (*bounds)[0] > (*bounds)[1]) {
      reader_.error(node, path, "expected [low, high] with low <= high");
      return false;
    }
    parameter.low = (*bounds)[0];
    parameter.high = (*bounds)[1];
    return true;
  }

  void read_samples(const YAML::Node& block, const std::string& path) {
    // A range with a mistake of its own still counts, for one error, not two.
    const bool any_sampled = saw_range_;
    const YAML::Node node = block["samples"];
    if (!node) {
      if (any_sampled)
        reader_.error(block, join_path(path, "samples"),
                      "missing key 'samples': a parameter with a 'range' needs the number of "
                      "Latin hypercube samples");
      return;
    }
    const auto n = reader_.count(node, join_path(path, "samples"), false, 1);
    if (!n) return;
    if (!any_sampled) {
      reader_.error(node, join_path(path, "samples"),
                    "'samples' needs at least one parameter with a 'range'");
      return;
    }
    std::int64_t points = *n;
    for (const auto& p : sweep_.parameters) {
      if (!p.sampled()) points *= static_cast<std::int64_t>(p.values.size());
      if (points > kMostPoints) {
        reader_.error(node, join_path(path, "samples"),
                      fmt::format("the sweep would have more than {} points", kMostPoints));
        return;
      }
    }
    sweep_.samples = static_cast<std::uint32_t>(*n);
  }

  const YamlReader& reader_;
  SweepDefinition& sweep_;
  bool saw_range_ = false;
};

// The scenario text with the lines of its top-level 'sweep:' entry emptied,
// so the loader sees a plain scenario and reports the same line numbers.
std::string without_sweep_block(const std::string& text, const YAML::Node& root) {
  int first = -1;
  int end = -1;
  for (auto it = root.begin(); it != root.end(); ++it) {
    if (first >= 0) {
      end = it->first.Mark().line;
      break;
    }
    if (it->first.Scalar() == "sweep") first = it->first.Mark().line;
  }
  std::istringstream in(text);
  std::string result;
  int line_number = 0;
  for (std::string line; std::getline(in, line); ++line_number) {
    const bool inside = line_number >= first && (end < 0 || line_number < end);
    result += inside ? std::string() : line;
    result += '\n';
  }
  return result;
}

}  // namespace

SweepLoad load_sweep_text(const std::string& text, const std::string& file) {
  SweepLoad load;
  const YamlReader reader(file, load.diagnostics);
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    load.diagnostics.error(SourceLocation{file, e.mark.line + 1, e.mark.column + 1}, "",
                           fmt::format("invalid YAML: {}", e.msg));
    return load;
  }
  SweepDefinition sweep;
  sweep.file = file;
  try {
    if (!root.IsMap() || !root["sweep"]) {
      reader.error(root, "sweep",
                   "expected a sweep file (with 'sweep: NAME' and 'scenario: FILE') or a "
                   "scenario with a 'sweep:' block");
      return load;
    }
    SweepReader sweep_reader(reader, sweep);
    if (root["sweep"].IsMap()) {  // a block inside the base scenario
      sweep.name = fs::path(file).stem().string();
      sweep.scenario_file = file;
      sweep.scenario_text = without_sweep_block(text, root);
      sweep_reader.read_settings(root["sweep"], "sweep", false);
    } else {
      sweep_reader.read_settings(root, "", true);
      if (const auto name = reader.text(root["sweep"], "sweep")) sweep.name = *name;
      if (root["scenario"]) {
        if (const auto base = reader.text(root["scenario"], "scenario")) {
          sweep.scenario_file = (fs::path(file).parent_path() / *base).lexically_normal().string();
          bool readable = false;
          sweep.scenario_text = slurp(sweep.scenario_file, readable);
          if (!readable)
            reader.error(root["scenario"], "scenario",
                         fmt::format("cannot open the scenario file '{}'", sweep.scenario_file));
        }
      } else {
        reader.error(root, "scenario", "missing key 'scenario' (the base scenario file)");
      }
    }
  } catch (const YAML::Exception& e) {
    load.diagnostics.error(SourceLocation{file, e.mark.line + 1, e.mark.column + 1}, "",
                           fmt::format("unreadable sweep: {}", e.msg));
  }
  if (!load.diagnostics.has_errors()) load.sweep = std::move(sweep);
  return load;
}

SweepLoad load_sweep_file(const std::string& path) {
  bool readable = false;
  const std::string text = slurp(path, readable);
  if (!readable) {
    SweepLoad load;
    load.diagnostics.error(SourceLocation{path, 0, 0}, "", "cannot open the sweep file");
    return load;
  }
  return load_sweep_text(text, path);
}

}  // namespace flowsim::sweep
