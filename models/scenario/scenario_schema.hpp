#pragma once
// The scenario and overlay formats as one declarative table: for every key
// path its shape, bounds, whether it is required, its default, unit, allowed
// values and a one-line meaning. The loader takes its allowed and required
// keys (and "did you mean" candidates) and the bounds it checks from here;
// flowsim schema turns it into a JSON Schema (tools/io/json_schema.hpp) and
// the key tables of docs/scenario_reference.md are generated from it.
//
// Key paths: "units.*.capacity" ('*' stands for a name the user chooses: a
// unit, a group, a source), "run.occupancy_thresholds[]" (an item of a
// list), "@distribution.mean" (a shape used in several places, named once:
// a key whose kinds include Ref points at it).
//
// To add a key: add one KeySpec row below its parent in scenario_schema.cpp
// (rows of one parent stay in the order the loader lists them, which is the
// order of "expected one of:" messages), read it in its reader, and run
// tools/docs/schema_docs.py update to regenerate the docs and the shipped
// JSON Schemas.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/scenario/yaml_reader.hpp"

namespace flowsim::scenario {

enum class ValueKind {
  Map,       // fixed keys: the rows below it
  NamedMap,  // keys the user names: the row "<path>.*"
  List,      // items: the row "<path>[]"
  Text,
  Number,
  Integer,
  Count,     // an integer, or the word 'unlimited'
  Boolean,
  Date,      // YYYY-MM-DD
  Ref,       // the shape named by KeySpec::ref ("@distribution" ...)
  Any,       // any YAML value (an overlay's new value, a sweep block)
};

enum class Requirement { No, Yes, Conditional };

struct KeySpec {
  std::string path;
  std::vector<ValueKind> kinds;      // accepted shapes, the usual one first
  NumberRule bounds = {};            // for Number, Integer and Count
  Requirement required = Requirement::No;
  std::string required_when = {};    // for Conditional: when it is required
  std::string default_value = {};    // as the docs show it; empty: none
  std::string unit = {};             // "days", "beds", "GBP", "patients/day"...
  std::string doc = {};              // one line
  std::vector<std::string> allowed = {};  // the values a Text may take
  std::string ref = {};              // for Ref: "distribution", "seasonal", ...
};

// Every row of the scenario format, and of the overlay format.
[[nodiscard]] const std::vector<KeySpec>& scenario_schema();
[[nodiscard]] const std::vector<KeySpec>& overlay_schema();

// The parent of a key path: "units.*" for "units.*.capacity", "x" for "x[]",
// "" for a top-level key.
[[nodiscard]] std::string parent_path(std::string_view path);
// The last part of a key path ("capacity" for "units.*.capacity").
[[nodiscard]] std::string key_name(std::string_view path);

// The row of 'path' in 'table'; a missing row is a programming error and
// throws std::logic_error.
[[nodiscard]] const KeySpec& key_spec(std::string_view path,
                                      const std::vector<KeySpec>& table = scenario_schema());
// The keys of the map at 'parent' in table order, and those always required.
[[nodiscard]] std::vector<std::string> known_keys(std::string_view parent,
                                                  const std::vector<KeySpec>& table = scenario_schema());
[[nodiscard]] std::vector<std::string> required_keys(std::string_view parent,
                                                     const std::vector<KeySpec>& table = scenario_schema());
// The rows directly below 'parent', in table order.
[[nodiscard]] std::vector<const KeySpec*> child_specs(std::string_view parent,
                                                      const std::vector<KeySpec>& table);
// The bounds of a number at 'path'.
[[nodiscard]] NumberRule number_rule(std::string_view path);

// The loader's one lookup of allowed keys: checks the map 'node' at 'path'
// (as YamlReader::check_map: repeated, unknown keys with the nearest known
// one, missing required keys) against the rows below 'schema_path', plus
// any keys required only in this case.
bool check_keys(const YamlReader& reader, const YAML::Node& node, const std::string& path,
                std::string_view schema_path, const std::vector<std::string>& also_required = {},
                const std::vector<KeySpec>& table = scenario_schema());

}  // namespace flowsim::scenario
