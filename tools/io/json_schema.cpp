#include "tools/io/json_schema.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "models/scenario/scenario_schema.hpp"

namespace flowsim::tools {

namespace {

using nlohmann::json;
using scenario::KeySpec;
using scenario::ValueKind;

constexpr const char* kDraft07 = "http://json-schema.org/draft-07/schema#";

void add_bounds(json& j, const scenario::NumberRule& bounds) {
  if (bounds.min) j["minimum"] = *bounds.min;
  if (bounds.greater_than) j["exclusiveMinimum"] = *bounds.greater_than;
  if (bounds.max) j["maximum"] = *bounds.max;
}

class SchemaBuilder {
 public:
  explicit SchemaBuilder(const std::vector<KeySpec>& table) : table_(table) {}

  json property(const KeySpec& row) const {
    std::vector<json> shapes;
    for (const auto kind : row.kinds)
      for (auto& shape : shapes_of(kind, row)) shapes.push_back(std::move(shape));
    json j = shapes.size() == 1 ? shapes.front() : json{{"anyOf", shapes}};
    if (j.contains("$ref"))
      j = json{{"allOf", json::array({j})}};  // $ref hides its siblings in draft-07
    if (!row.doc.empty()) j["description"] = row.doc;
    add_default(j, row);
    if (!row.unit.empty()) j["x-unit"] = row.unit;
    if (row.required == scenario::Requirement::Conditional) j["x-required"] = row.required_when;
    return j;
  }

  // An object with the rows below 'parent' as its properties.
  json object(const std::string& parent) const {
    json properties = json::object();
    json required = json::array();
    for (const auto* row : scenario::child_specs(parent, table_)) {
      const std::string key = scenario::key_name(row->path);
      properties[key] = property(*row);
      if (row->required == scenario::Requirement::Yes) required.push_back(key);
    }
    json j = {{"type", "object"}, {"properties", properties}, {"additionalProperties", false}};
    if (!required.empty()) j["required"] = required;
    if (auto by_kind = keys_by_kind(parent); !by_kind.empty()) j["allOf"] = by_kind;
    return j;
  }

  json definitions() const {
    json defs = json::object();
    for (const auto& row : table_)
      if (row.path.starts_with("@") && row.path.find('.') == std::string::npos)
        defs[row.path.substr(1)] = property(row);
    return defs;
  }

 private:
  std::vector<json> shapes_of(ValueKind kind, const KeySpec& row) const {
    json j;
    switch (kind) {
      case ValueKind::Map: return {object(row.path)};
      case ValueKind::NamedMap:
        return {
            {{"type", "object"}, {"minProperties", 1}, {"additionalProperties", item(row.path + ".*")}}};
      case ValueKind::List: return {{{"type", "array"}, {"items", item(row.path + "[]")}}};
      case ValueKind::Text:
        j = {{"type", "string"}};
        if (!row.allowed.empty()) j["enum"] = row.allowed;
        return {j};
      case ValueKind::Number:
      case ValueKind::Integer:
        j = {{"type", kind == ValueKind::Number ? "number" : "integer"}};
        add_bounds(j, row.bounds);
        return {j};
      case ValueKind::Count:
        j = {{"type", "integer"}};
        add_bounds(j, row.bounds);
        return {j, {{"const", "unlimited"}}};
      case ValueKind::Boolean: return {{{"type", "boolean"}}};
      case ValueKind::Date: return {{{"type", "string"}, {"pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}}};
      case ValueKind::Ref: return {{{"$ref", "#/definitions/" + row.ref}}};
      case ValueKind::Any: return {json::object()};
    }
    return {json::object()};
  }

  // For a shape whose keys depend on its kind (a distribution's 'dist'): for
  // each kind, the keys it accepts and those it requires.
  json keys_by_kind(const std::string& parent) const {
    json rules = json::array();
    const std::string kind_path = parent + "." + std::string(scenario::kKindKey);
    const auto kind_row = std::find_if(table_.begin(), table_.end(),
                                       [&](const KeySpec& k) { return k.path == kind_path; });
    if (kind_row == table_.end()) return rules;
    for (const auto& kind : kind_row->allowed) {
      json required = json::array();
      for (const auto* row : scenario::child_specs(parent, table_))
        if (row->required == scenario::Requirement::Conditional &&
            std::find(row->when_values.begin(), row->when_values.end(), kind) != row->when_values.end())
          required.push_back(scenario::key_name(row->path));
      json then = {{"propertyNames", {{"enum", scenario::known_keys_when(parent, kind, table_)}}}};
      if (!required.empty()) then["required"] = required;
      const std::string key(scenario::kKindKey);
      rules.push_back(
          {{"if", {{"properties", {{key, {{"const", kind}}}}}, {"required", {key}}}}, {"then", then}});
    }
    return rules;
  }

  // The schema of a list's items or a named map's entries; any value when
  // the table does not describe them.
  json item(const std::string& path) const {
    const auto found =
        std::find_if(table_.begin(), table_.end(), [&](const KeySpec& k) { return k.path == path; });
    return found == table_.end() ? json::object() : property(*found);
  }

  // A default that is a value (a number, a list, one of the allowed words)
  // becomes "default"; one written in words stays a note.
  static void add_default(json& j, const KeySpec& row) {
    if (row.default_value.empty()) return;
    const json parsed = json::parse(row.default_value, nullptr, false);
    const bool word =
        std::find(row.allowed.begin(), row.allowed.end(), row.default_value) != row.allowed.end() ||
        row.default_value == "unlimited";
    if (!parsed.is_discarded() && !parsed.is_string()) j["default"] = parsed;
    else if (word) j["default"] = row.default_value;
    else j["x-default"] = row.default_value;
  }

  const std::vector<KeySpec>& table_;
};

json document(const std::vector<KeySpec>& table, const char* title, const char* description) {
  const SchemaBuilder builder(table);
  json j = builder.object("");
  j["$schema"] = kDraft07;
  j["title"] = title;
  j["description"] = description;
  const json defs = builder.definitions();
  if (!defs.empty()) j["definitions"] = defs;
  return j;
}

}  // namespace

json scenario_json_schema() {
  return document(scenario::scenario_schema(), "flowsim scenario",
                  "A flowsim scenario (docs/scenario_reference.md); generated by 'flowsim schema'.");
}

json overlay_json_schema() {
  return document(
      scenario::overlay_schema(), "flowsim overlay",
      "A flowsim intervention overlay (docs/overlays.md); generated by 'flowsim schema --overlay'.");
}

}  // namespace flowsim::tools
