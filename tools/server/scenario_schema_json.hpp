#pragma once
// The JSON Schema the Edit page builds its form from: the scenario schema
// of tools/io/json_schema.hpp (one declarative table in models/scenario).
// Built without it (before that table exists in the tree), an empty object
// schema, and the page offers the YAML tab only.
#include <nlohmann/json.hpp>

#if __has_include("tools/io/json_schema.hpp")
#include "tools/io/json_schema.hpp"
#define FLOWSIM_SERVER_HAS_SCHEMA 1
#endif

namespace flowsim::server {

[[nodiscard]] inline nlohmann::json scenario_schema_for_forms() {
#ifdef FLOWSIM_SERVER_HAS_SCHEMA
  return tools::scenario_json_schema();
#else
  return {{"$schema", "http://json-schema.org/draft-07/schema#"},
          {"type", "object"},
          {"properties", nlohmann::json::object()}};
#endif
}

}  // namespace flowsim::server
