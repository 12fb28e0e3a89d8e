#pragma once
// The key tables of docs/scenario_reference.md, generated from the
// declarative schema (models/scenario/scenario_schema.hpp) so that the
// reference cannot drift from what the loader accepts. Each table sits
// between <!-- schema: SECTION --> and <!-- /schema --> in the document;
// tools/docs/schema_docs.py regenerates them and its ctest fails on drift.
#include <string>

namespace flowsim::tools {

// One Markdown table of the keys directly below 'section' (a key path of the
// scenario table such as "run", "units.*" or "@distribution"; "" for the
// top level). Throws std::invalid_argument for a section with no keys.
[[nodiscard]] std::string schema_markdown_table(const std::string& section);

}  // namespace flowsim::tools
