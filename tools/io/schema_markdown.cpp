#include "tools/io/schema_markdown.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "models/scenario/scenario_schema.hpp"

namespace flowsim::tools {

namespace {

using scenario::KeySpec;
using scenario::ValueKind;

const KeySpec* find_row(const std::string& path) {
  const auto& table = scenario::scenario_schema();
  const auto found =
      std::find_if(table.begin(), table.end(), [&](const KeySpec& k) { return k.path == path; });
  return found == table.end() ? nullptr : &*found;
}

std::string shape_name(const std::string& ref) {
  if (ref == "distribution") return "distribution (section 8)";
  if (ref == "seasonal") return "seasonal block (7.1)";
  if (ref == "rate") return "rate `{mean, sd, min, max}`";
  if (ref == "trigger")
    return "`{occupancy: SHARE}`, `{waiting: N}`, `{ed_over_4h: N}` or `{ed_over_12h: N}`";
  return ref;
}

std::string kind_text(ValueKind kind, const KeySpec& row, bool plural);

// Nested alternatives are bracketed: "map name → (number, or map name → number)".
std::string kinds_text(const KeySpec& row, bool plural, bool nested = false) {
  std::vector<std::string> parts;
  for (const auto kind : row.kinds) parts.push_back(kind_text(kind, row, plural));
  const std::string text = fmt::format("{}", fmt::join(parts, ", or "));
  return nested && parts.size() > 1 ? "(" + text + ")" : text;
}

std::string kind_text(ValueKind kind, const KeySpec& row, bool plural) {
  const auto* item = find_row(row.path + (kind == ValueKind::List ? "[]" : ".*"));
  switch (kind) {
    case ValueKind::Map: return plural ? "maps" : "map";
    case ValueKind::NamedMap:
      return item ? fmt::format("map name → {}", kinds_text(*item, false, true)) : "map";
    case ValueKind::List:
      return item ? fmt::format("list of {}", kinds_text(*item, true, true)) : "list";
    case ValueKind::Text: {
      if (row.allowed.empty()) return plural ? "texts" : "text";
      std::vector<std::string> quoted;
      for (const auto& word : row.allowed) quoted.push_back(fmt::format("`{}`", word));
      return fmt::format("{}", fmt::join(quoted, " or "));
    }
    case ValueKind::Number: return plural ? "numbers" : "number";
    case ValueKind::Integer: return plural ? "integers" : "integer";
    case ValueKind::Count: return "integer or `unlimited`";
    case ValueKind::Boolean: return "`true` or `false`";
    case ValueKind::Date: return plural ? "dates `YYYY-MM-DD`" : "date `YYYY-MM-DD`";
    case ValueKind::Ref: return shape_name(row.ref);
    case ValueKind::Any: return "any";
  }
  return "";
}

// Whole bounds in full (1073741824, not 1.07374e+09).
std::string number_text(double value) {
  if (value == std::floor(value) && std::abs(value) < 1e15)
    return fmt::format("{}", static_cast<long long>(value));
  return fmt::format("{:g}", value);
}

std::string bounds_text(const scenario::NumberRule& bounds) {
  std::vector<std::string> parts;
  if (bounds.min) parts.push_back("≥ " + number_text(*bounds.min));
  if (bounds.greater_than) parts.push_back("> " + number_text(*bounds.greater_than));
  if (bounds.max) parts.push_back("≤ " + number_text(*bounds.max));
  return fmt::format("{}", fmt::join(parts, " and "));
}

bool has_numbers(const KeySpec& row) {
  return std::any_of(row.kinds.begin(), row.kinds.end(), [](ValueKind k) {
    return k == ValueKind::Number || k == ValueKind::Integer || k == ValueKind::Count;
  });
}

// "`dist`: `gamma`, `weibull`", or "`dist` other than `mixture`" when shorter.
std::string kinds_taking(const KeySpec& row) {
  const std::string key(scenario::kKindKey);
  const auto* kind_row = find_row(scenario::parent_path(row.path) + "." + key);
  std::vector<std::string> taking;
  std::vector<std::string> not_taking;
  for (const auto& kind : kind_row ? kind_row->allowed : row.when_values) {
    const bool takes =
        std::find(row.when_values.begin(), row.when_values.end(), kind) != row.when_values.end();
    (takes ? taking : not_taking).push_back(fmt::format("`{}`", kind));
  }
  if (!not_taking.empty() && not_taking.size() < taking.size())
    return fmt::format("`{}` other than {}", key, fmt::join(not_taking, ", "));
  return fmt::format("`{}`: {}", key, fmt::join(taking, ", "));
}

std::string constraint_text(const KeySpec& row) {
  std::vector<std::string> parts;
  if (has_numbers(row)) {
    if (auto text = bounds_text(row.bounds); !text.empty()) parts.push_back(text);
  }
  // A list of numbers: the bound of each item.
  if (std::find(row.kinds.begin(), row.kinds.end(), ValueKind::List) != row.kinds.end())
    if (const auto* item = find_row(row.path + "[]"); item && has_numbers(*item))
      if (auto text = bounds_text(item->bounds); !text.empty()) parts.push_back("each " + text);
  if (!row.unit.empty()) parts.push_back(row.unit);
  if (!row.when_values.empty()) parts.push_back(kinds_taking(row));
  return parts.empty() ? "–" : fmt::format("{}", fmt::join(parts, "; "));
}

std::string required_text(const KeySpec& row) {
  switch (row.required) {
    case scenario::Requirement::Yes: return "yes";
    case scenario::Requirement::Conditional: return "yes, " + row.required_when;
    case scenario::Requirement::No: return "no";
  }
  return "";
}

}  // namespace

std::string schema_markdown_table(const std::string& section) {
  const auto rows = scenario::child_specs(section, scenario::scenario_schema());
  if (rows.empty())
    throw std::invalid_argument(fmt::format("no keys below '{}' in the scenario schema", section));
  std::string out =
      "| Key | Type | Required | Default | Constraint, unit | Meaning |\n"
      "|---|---|---|---|---|---|\n";
  for (const auto* row : rows)
    out += fmt::format("| `{}` | {} | {} | {} | {} | {} |\n", scenario::key_name(row->path),
                       kinds_text(*row, false), required_text(*row),
                       row->default_value.empty() ? "–" : row->default_value, constraint_text(*row),
                       row->doc);
  return out;
}

}  // namespace flowsim::tools
