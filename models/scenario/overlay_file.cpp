#include "models/scenario/overlay_file.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "models/scenario/scenario_schema.hpp"
#include "models/scenario/yaml_document.hpp"
#include "models/scenario/yaml_reader.hpp"

namespace flowsim::scenario {

namespace {

const std::vector<std::string> kOps = {"set", "scale", "add", "append", "remove", "shift"};

// The keys each op accepts besides its own name.
std::vector<std::string> parameters_of(ChangeOp op) {
  switch (op) {
    case ChangeOp::Set: return {"to"};
    case ChangeOp::Scale: return {"by", "round"};
    case ChangeOp::Add: return {"value"};
    case ChangeOp::Append: return {"value"};
    case ChangeOp::Remove: return {};
    case ChangeOp::Shift: return {"from", "to", "fraction"};
  }
  return {};
}

const char* example_of(ChangeOp op) {
  switch (op) {
    case ChangeOp::Set: return "'to': the new value";
    case ChangeOp::Scale: return "'by': the factor (a number > 0)";
    case ChangeOp::Add: return "'value': what to add";
    case ChangeOp::Append: return "'value': the item to append";
    case ChangeOp::Remove: return "";
    case ChangeOp::Shift: return "'from', 'to' and 'fraction'";
  }
  return "";
}

class ChangeReader {
 public:
  ChangeReader(const YamlReader& reader, Diagnostics& diagnostics)
      : reader_(reader), diagnostics_(diagnostics) {}

  std::optional<OverlayChange> read(const YAML::Node& item, std::size_t index) {
    const std::string where = fmt::format("changes[{}]", index);
    if (!item.IsMap()) {
      reader_.error(item, where,
                    fmt::format("expected a change such as {{set: units.acute.capacity, to: 1697}}, "
                                "got {}",
                                describe_node(item)));
      return std::nullopt;
    }
    const auto op = find_op(item, where);
    if (!op) return std::nullopt;
    OverlayChange change;
    change.op = *op;
    const YAML::Node path_node = item[op_name(*op)];
    change.path_location = reader_.where(path_node);
    if (!path_node.IsScalar() || path_node.Scalar().empty()) {
      reader_.error(path_node, where,
                    fmt::format("expected a key path such as units.acute.capacity after '{}:', "
                                "got {}",
                                op_name(*op), describe_node(path_node)));
      return std::nullopt;
    }
    change.path_text = path_node.Scalar();
    std::string problem;
    const auto path = parse_key_path(change.path_text, problem);
    if (!path) {
      reader_.error(path_node, change.path_text, fmt::format("invalid key path: {}", problem));
      return std::nullopt;
    }
    change.path = *path;
    if (!check_parameters(item, change)) return std::nullopt;
    if (!read_parameters(item, change)) return std::nullopt;
    return change;
  }

 private:
  std::optional<ChangeOp> find_op(const YAML::Node& item, const std::string& where) {
    std::vector<std::string> ops;
    std::vector<std::pair<std::string, YAML::Node>> others;
    for (const auto& entry : item) {
      const std::string key = entry.first.as<std::string>("");
      if (std::find(kOps.begin(), kOps.end(), key) != kOps.end()) ops.push_back(key);
      else others.emplace_back(key, entry.first);
    }
    if (ops.size() > 1) {
      reader_.error(item, where,
                    fmt::format("a change has exactly one op, got '{}' and '{}'", ops[0], ops[1]));
      return std::nullopt;
    }
    if (ops.empty()) {
      // The first key that is no op's parameter is most likely a misspelt op.
      for (const auto& [key, key_node] : others) {
        if (key == "to" || key == "by" || key == "round" || key == "value" || key == "from" ||
            key == "fraction")
          continue;
        const std::string suggestion = closest_match(key, kOps);
        reader_.error(
            key_node, where,
            suggestion.empty()
                ? fmt::format("unknown op '{}'; expected one of: {}", key, fmt::join(kOps, ", "))
                : fmt::format("unknown op '{}'; did you mean '{}'?", key, suggestion));
        return std::nullopt;
      }
      reader_.error(item, where,
                    fmt::format("missing op: a change starts with one of: {}", fmt::join(kOps, ", ")));
      return std::nullopt;
    }
    const auto found = std::find(kOps.begin(), kOps.end(), ops.front());
    return static_cast<ChangeOp>(found - kOps.begin());
  }

  bool check_parameters(const YAML::Node& item, const OverlayChange& change) {
    const auto known = parameters_of(change.op);
    bool ok = true;
    for (const auto& entry : item) {
      const std::string key = entry.first.as<std::string>("");
      if (key == op_name(change.op)) continue;
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      const std::string suggestion = closest_match(key, known);
      reader_.error(
          entry.first, change.path_text,
          known.empty()
              ? fmt::format("unknown key '{}': '{}' takes only the key path", key, op_name(change.op))
          : suggestion.empty() ? fmt::format("unknown key '{}' in a '{}' change; expected: {}", key,
                                             op_name(change.op), fmt::join(known, ", "))
                               : fmt::format("unknown key '{}' in a '{}' change; did you mean '{}'?",
                                             key, op_name(change.op), suggestion));
      ok = false;
    }
    for (const auto& key : known) {
      if (key == "round" || item[key]) continue;
      reader_.error(
          item, change.path_text,
          fmt::format("'{}' needs {}; '{}' is missing", op_name(change.op), example_of(change.op), key));
      ok = false;
    }
    return ok;
  }

  std::optional<double> number(const YAML::Node& node, const OverlayChange& change,
                               const std::string& key, const std::string& expected) {
    double value = 0.0;
    if (!node.IsScalar() || !YAML::convert<double>::decode(node, value) || !std::isfinite(value)) {
      reader_.error(node, change.path_text,
                    fmt::format("'{}' must be {}, got {}", key, expected, describe_node(node)));
      return std::nullopt;
    }
    return value;
  }

  bool read_parameters(const YAML::Node& item, OverlayChange& change) {
    switch (change.op) {
      case ChangeOp::Set: return read_value(item["to"], change, "to");
      case ChangeOp::Add:
      case ChangeOp::Append: return read_value(item["value"], change, "value");
      case ChangeOp::Remove: return true;
      case ChangeOp::Scale: {
        const auto by = number(item["by"], change, "by", "a number > 0");
        if (!by) return false;
        if (!(*by > 0.0)) {
          reader_.error(item["by"], change.path_text,
                        fmt::format("'by' must be a number > 0, got {}", item["by"].Scalar()));
          return false;
        }
        change.by = *by;
        if (item["round"] && !YAML::convert<bool>::decode(item["round"], change.round)) {
          reader_.error(
              item["round"], change.path_text,
              fmt::format("'round' must be true or false, got {}", describe_node(item["round"])));
          return false;
        }
        return true;
      }
      case ChangeOp::Shift: {
        const auto fraction = number(item["fraction"], change, "fraction", "a number from 0 to 1");
        const auto from = reader_.text(item["from"], change.path_text);
        const auto to = reader_.text(item["to"], change.path_text);
        if (!fraction || !from || !to) return false;
        if (*fraction < 0.0 || *fraction > 1.0) {
          reader_.error(item["fraction"], change.path_text,
                        fmt::format("'fraction' must be from 0 to 1 (the share of '{}' to move), "
                                    "got {}",
                                    *from, item["fraction"].Scalar()));
          return false;
        }
        if (*from == *to) {
          reader_.error(item["to"], change.path_text,
                        fmt::format("'from' and 'to' are both '{}'; nothing would move", *from));
          return false;
        }
        change.fraction = *fraction;
        change.from = *from;
        change.to = *to;
        return true;
      }
    }
    return false;
  }

  bool read_value(const YAML::Node& node, OverlayChange& change, const std::string& key) {
    if (node.IsNull()) {
      reader_.error(node, change.path_text,
                    fmt::format("'{}' is empty; write the value after '{}:'", key, key));
      return false;
    }
    change.value = tree_from_yaml(node, reader_.file(), diagnostics_);
    return change.value.has_value();
  }

  const YamlReader& reader_;
  Diagnostics& diagnostics_;
};

// The texts of a list such as sources: or applies_to:, each checked.
std::vector<std::string> read_text_list(const YAML::Node& list, const YamlReader& reader,
                                        const std::string& key, const std::string& what) {
  std::vector<std::string> texts;
  if (!list) return texts;
  if (!list.IsSequence()) {
    reader.error(list, key, fmt::format("expected a list of {}, got {}", what, describe_node(list)));
    return texts;
  }
  for (std::size_t i = 0; i < list.size(); ++i)
    if (auto text = reader.text(list[i], fmt::format("{}[{}]", key, i))) texts.push_back(*text);
  return texts;
}

void read_header(const YAML::Node& root, const YamlReader& reader, Overlay& overlay) {
  if (root["overlay"])
    if (auto name = reader.text(root["overlay"], "overlay")) overlay.name = *name;
  if (root["description"])
    if (auto text = reader.text(root["description"], "description")) overlay.description = *text;
  overlay.sources = read_text_list(root["sources"], reader, "sources", "sources");
  const YAML::Node applies_to = root["applies_to"];
  if (!applies_to) return;
  // A refusal points at the key itself, the line a reader looks for.
  for (const auto& entry : root)
    if (entry.first.Scalar() == "applies_to") overlay.applies_to_location = reader.where(entry.first);
  overlay.applies_to = read_text_list(applies_to, reader, "applies_to", "scenario names");
  if (applies_to.IsSequence() && applies_to.size() == 0)
    reader.error(applies_to, "applies_to",
                 "expected the name: of at least one scenario; leave applies_to out for any scenario");
}

}  // namespace

const char* op_name(ChangeOp op) {
  switch (op) {
    case ChangeOp::Set: return "set";
    case ChangeOp::Scale: return "scale";
    case ChangeOp::Add: return "add";
    case ChangeOp::Append: return "append";
    case ChangeOp::Remove: return "remove";
    case ChangeOp::Shift: return "shift";
  }
  return "";
}

std::optional<Overlay> read_overlay(const OverlayText& text, Diagnostics& diagnostics) {
  Diagnostics found;
  const YamlReader reader(text.file_name, found);
  Overlay overlay;
  overlay.file_name = text.file_name;
  // Read as a scenario is (UTF-8 and control bytes checked, nesting
  // bounded): a value whose bytes are not text would otherwise reach the
  // effective scenario and make its generated YAML unreadable.
  const auto document = read_yaml_document(text.text, text.file_name, found);
  try {
    const YAML::Node root = document ? *document : YAML::Node();
    if (document && check_keys(reader, root, "", "", {}, overlay_schema())) {
      read_header(root, reader, overlay);
      const YAML::Node changes = root["changes"];
      if (changes && (!changes.IsSequence() || changes.size() == 0)) {
        reader.error(changes, "changes",
                     fmt::format("expected a non-empty list of changes, got {}",
                                 changes.IsSequence() ? "an empty list" : describe_node(changes)));
      } else if (changes) {
        ChangeReader change_reader(reader, found);
        for (std::size_t i = 0; i < changes.size(); ++i)
          if (auto change = change_reader.read(changes[i], i))
            overlay.changes.push_back(std::move(*change));
      }
    }
  } catch (const YAML::Exception& e) {
    found.error(SourceLocation{text.file_name, e.mark.line + 1, e.mark.column + 1}, "",
                fmt::format("invalid YAML: {}", e.msg));
  }
  for (const auto& d : found.sorted()) diagnostics.error(d.location, d.key_path, d.message);
  if (found.has_errors()) return std::nullopt;
  return overlay;
}

bool check_applies_to(const Overlay& overlay, const std::string& scenario_name,
                      const std::string& scenario_file, Diagnostics& diagnostics) {
  const auto& names = overlay.applies_to;
  if (names.empty() || std::find(names.begin(), names.end(), scenario_name) != names.end()) return true;
  std::vector<std::string> quoted;
  for (const auto& name : names) quoted.push_back("'" + name + "'");
  diagnostics.error(
      overlay.applies_to_location, "applies_to",
      fmt::format("'{}' was written for the scenario{} {}, not for '{}' ({}); apply it to {} or "
                  "copy it and change applies_to",
                  overlay.name, names.size() == 1 ? "" : "s", fmt::join(quoted, ", "), scenario_name,
                  scenario_file, names.size() == 1 ? "that scenario" : "one of them"));
  return false;
}

}  // namespace flowsim::scenario
