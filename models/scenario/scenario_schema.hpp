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
// To add a key: add one KeySpec row among its parent's rows in
// scenario_schema.cpp (a parent's rows stay in the order of its "expected one
// of:" messages; a new key goes last unless a fixture says otherwise); the
// loader's check_keys then accepts it and suggests it. Read it in its reader,
// taking any bound with number_rule("its.path"). Then regenerate the docs and
// the shipped JSON Schemas: tools/docs/schema_docs.py update --flowsim
// build/tools/flowsim --root . (the docs_schema test fails until then). A new
// map needs its own rows below it, a new list its "[]" row, a new map of
// user names its ".*" row (the scenario_tests' schema test checks this).
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
  Count,  // an integer, or the word 'unlimited'
  Boolean,
  Date,  // YYYY-MM-DD
  Ref,   // the shape named by KeySpec::ref ("@distribution" ...)
  Any,   // any YAML value (an overlay's new value, a sweep block)
};

enum class Requirement { No, Yes, Conditional };

struct KeySpec {
  std::string path;
  std::vector<ValueKind> kinds;  // accepted shapes, the usual one first
  NumberRule bounds = {};        // for Number, Integer and Count
  Requirement required = Requirement::No;
  std::string required_when = {};         // for Conditional: when it is required
  std::string default_value = {};         // as the docs show it; empty: none
  std::string unit = {};                  // "days", "beds", "GBP", "patients/day"...
  std::string doc = {};                   // one line
  std::vector<std::string> allowed = {};  // the values a Text may take
  std::string ref = {};                   // for Ref: "distribution", "seasonal", ...
  // Keys of a shape with a kind (a distribution's 'dist'): the kinds that take
  // this key; empty: every kind.
  std::vector<std::string> when_values = {};
};

// The key below '@distribution' whose value says which other keys apply.
inline constexpr std::string_view kKindKey = "dist";

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
[[nodiscard]] std::vector<std::string> required_keys(
    std::string_view parent, const std::vector<KeySpec>& table = scenario_schema());
// The keys of the map at 'parent' when its kind (kKindKey) is 'value'.
[[nodiscard]] std::vector<std::string> known_keys_when(
    std::string_view parent, const std::string& value,
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
