#pragma once
// A small JSON Schema (draft-07) validator for the subset flowsim schema
// emits (type, properties, required, additionalProperties, items, enum,
// const, minimum, exclusiveMinimum, maximum, pattern, minProperties, anyOf,
// allOf, if/then, propertyNames, $ref to #/definitions), applied to a YAML tree as an editor's YAML
// language server applies it: a plain scalar that reads as a number, a
// boolean or null has that type (YAML 1.2 core schema), a quoted one is text.
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>
#include <nlohmann/json.hpp>

namespace test_schema {

// Every place where 'node' breaks 'schema': "line:column key.path: what".
[[nodiscard]] std::vector<std::string> violations(const YAML::Node& node, const nlohmann::json& schema);

}  // namespace test_schema
