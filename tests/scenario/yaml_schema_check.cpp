#include "tests/scenario/yaml_schema_check.hpp"

#include <algorithm>
#include <cmath>
#include <regex>

#include <fmt/format.h>

namespace test_schema {

namespace {

using nlohmann::json;

enum class ScalarType { Null, Boolean, Integer, Number, String };

ScalarType scalar_type(const YAML::Node& node) {
  if (node.Tag() == "!") return ScalarType::String;  // quoted
  static const std::regex null_words("~|null|Null|NULL|");
  static const std::regex bools("true|True|TRUE|false|False|FALSE");
  static const std::regex ints("[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+");
  static const std::regex floats(
      R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))");
  const std::string& text = node.Scalar();
  if (std::regex_match(text, null_words)) return ScalarType::Null;
  if (std::regex_match(text, bools)) return ScalarType::Boolean;
  if (std::regex_match(text, ints)) return ScalarType::Integer;
  if (std::regex_match(text, floats)) return ScalarType::Number;
  return ScalarType::String;
}

class Validator {
 public:
  explicit Validator(const json& root) : root_(root) {}

  void check(const YAML::Node& node, const json& schema, const std::string& path,
             std::vector<std::string>& out) const {
    if (schema.contains("$ref")) {
      const std::string ref = schema["$ref"];
      const std::string prefix = "#/definitions/";
      if (ref.rfind(prefix, 0) != 0 || !root_["definitions"].contains(ref.substr(prefix.size())))
        return report(node, path, "unresolvable $ref " + ref, out);
      check(node, root_["definitions"][ref.substr(prefix.size())], path, out);
    }
    if (schema.contains("allOf"))
      for (const auto& part : schema["allOf"]) check(node, part, path, out);
    if (schema.contains("anyOf")) {
      std::vector<std::string> first;
      bool any = false;
      for (const auto& part : schema["anyOf"]) {
        std::vector<std::string> found;
        check(node, part, path, found);
        if (found.empty()) any = true;
        else if (first.empty()) first = found;
      }
      if (!any) out.insert(out.end(), first.begin(), first.end());
    }
    if (schema.contains("if")) {
      std::vector<std::string> found;
      check(node, schema["if"], path, found);
      if (found.empty() && schema.contains("then")) check(node, schema["then"], path, out);
    }
    if (schema.contains("propertyNames") && node.IsMap())
      for (const auto& entry : node) check(entry.first, schema["propertyNames"], path, out);
    if (schema.contains("type")) check_type(node, schema, path, out);
    else if (node.IsMap()) check_object(node, schema, path, out);
    if (schema.contains("enum") || schema.contains("const")) {
      const json allowed = schema.contains("enum") ? schema["enum"] : json::array({schema["const"]});
      const bool found =
          node.IsScalar() && std::any_of(allowed.begin(), allowed.end(), [&](const json& v) {
            return v.is_string() && v.get<std::string>() == node.Scalar();
          });
      if (!found) report(node, path, fmt::format("not one of {}", allowed.dump()), out);
    }
  }

 private:
  // The keywords of a map; also without "type" (an "if" that tests one key).
  void check_object(const YAML::Node& node, const json& schema, const std::string& path,
                    std::vector<std::string>& out) const {
    if (schema.contains("minProperties") && node.size() < schema["minProperties"].get<std::size_t>())
      report(node, path, "expected at least one entry", out);
    for (const auto& entry : node) {
      const std::string key = entry.first.as<std::string>("");
      const std::string child = path.empty() ? key : path + "." + key;
      if (schema.contains("properties") && schema["properties"].contains(key)) {
        check(entry.second, schema["properties"][key], child, out);
      } else if (schema.contains("additionalProperties")) {
        const json& extra = schema["additionalProperties"];
        if (extra.is_boolean()) {
          if (!extra.get<bool>()) report(entry.first, child, "key unknown to the schema", out);
        } else {
          check(entry.second, extra, child, out);
        }
      }
    }
    if (schema.contains("required"))
      for (const auto& key : schema["required"])
        if (!node[key.get<std::string>()])
          report(node, path, "missing required " + key.get<std::string>(), out);
  }

  void check_type(const YAML::Node& node, const json& schema, const std::string& path,
                  std::vector<std::string>& out) const {
    const std::string type = schema["type"];
    if (type == "object") {
      if (!node.IsMap()) return report(node, path, "expected a map", out);
      return check_object(node, schema, path, out);
    }
    if (type == "array") {
      if (!node.IsSequence()) return report(node, path, "expected a list", out);
      if (schema.contains("items"))
        for (std::size_t i = 0; i < node.size(); ++i)
          check(node[i], schema["items"], fmt::format("{}[{}]", path, i), out);
      return;
    }
    if (!node.IsScalar()) return report(node, path, "expected a " + type, out);
    const ScalarType found = scalar_type(node);
    if (type == "string") {
      if (found != ScalarType::String) return report(node, path, "expected text", out);
      if (schema.contains("pattern") &&
          !std::regex_search(node.Scalar(), std::regex(schema["pattern"].get<std::string>())))
        report(node, path, "does not match " + schema["pattern"].get<std::string>(), out);
      return;
    }
    if (type == "boolean") {
      if (found != ScalarType::Boolean) report(node, path, "expected true or false", out);
      return;
    }
    const bool numeric =
        found == ScalarType::Integer || (type == "number" && found == ScalarType::Number);
    if (!numeric) return report(node, path, "expected an " + type, out);
    const double value = node.as<double>();
    if (schema.contains("minimum") && value < schema["minimum"].get<double>())
      report(node, path, "below the minimum", out);
    if (schema.contains("exclusiveMinimum") && value <= schema["exclusiveMinimum"].get<double>())
      report(node, path, "not above the exclusive minimum", out);
    if (schema.contains("maximum") && value > schema["maximum"].get<double>())
      report(node, path, "above the maximum", out);
  }

  static void report(const YAML::Node& node, const std::string& path, const std::string& what,
                     std::vector<std::string>& out) {
    out.push_back(fmt::format("{}:{} {}: {}", node.Mark().line + 1, node.Mark().column + 1, path, what));
  }

  const json& root_;
};

}  // namespace

std::vector<std::string> violations(const YAML::Node& node, const json& schema) {
  std::vector<std::string> out;
  Validator(schema).check(node, schema, "", out);
  return out;
}

}  // namespace test_schema
