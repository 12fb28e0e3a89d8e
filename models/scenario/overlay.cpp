#include "models/scenario/overlay.hpp"

#include <fstream>
#include <optional>
#include <sstream>

#include <fmt/format.h>

#include "sim/random_stream.hpp"

namespace flowsim::scenario {

namespace {

std::optional<std::string> read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string shorten(const std::string& text, std::size_t width) {
  if (width == 0 || text.size() <= width) return text;
  return text.substr(0, width > 3 ? width - 3 : 0) + "...";
}

std::string position(const SourceLocation& location) {
  return location.line > 0 ? fmt::format("{}:{}:{}", location.file, location.line, location.column)
                           : location.file;
}

}  // namespace

EffectiveScenario apply_overlays(const std::string& base_text, const std::string& base_file_name,
                                 const std::vector<OverlayText>& overlays) {
  EffectiveScenario unreadable_base;
  unreadable_base.base_file_name = base_file_name;
  auto tree = parse_tree(base_text, base_file_name, unreadable_base.diagnostics);
  if (!tree) return unreadable_base;
  return apply_overlays(std::move(*tree), base_file_name, overlays);
}

EffectiveScenario apply_overlays(TreeNode base_tree, const std::string& base_file_name,
                                 const std::vector<OverlayText>& overlays) {
  EffectiveScenario effective;
  effective.base_file_name = base_file_name;
  effective.tree = std::move(base_tree);
  // The base's own name: (before any overlay renames it) is what applies_to names.
  const TreeNode* name_node = effective.tree.is_map() ? effective.tree.find("name") : nullptr;
  const std::string base_name = name_node && name_node->is_scalar() ? name_node->scalar : "";
  for (const auto& text : overlays) {
    const auto overlay = read_overlay(text, effective.diagnostics);
    if (!overlay) return effective;
    if (!check_applies_to(*overlay, base_name, base_file_name, effective.diagnostics)) return effective;
    effective.overlays.push_back(
        AppliedOverlay{text.file_name, overlay->name, fmt::format("{:016x}", sim::fnv1a64(text.text))});
    bool ok = true;
    for (const auto& change : overlay->changes)
      ok &=
          apply_change(effective.tree, change, overlay->name, effective.diagnostics, effective.changes);
    if (!ok) return effective;
  }
  effective.yaml = tree_to_yaml(effective.tree);
  return effective;
}

LoadResult load_effective_scenario(const EffectiveScenario& effective) {
  if (!effective.ok()) return LoadResult{nullptr, effective.diagnostics};
  LoadResult loaded = load_scenario_text(effective.yaml, effective.base_file_name);
  if (loaded.ok()) return loaded;
  // The loader saw the generated text; point each error at the file that
  // the offending node came from. An error in another file the scenario
  // names (arrival data) keeps its own position.
  const OriginMap origins(effective.tree, effective.yaml);
  Diagnostics mapped;
  for (const auto& d : loaded.diagnostics.sorted()) {
    const bool in_generated_text = d.location.file == effective.base_file_name;
    mapped.error(!in_generated_text    ? d.location
                 : d.location.line > 0 ? origins.origin_of(d.location)
                                       : SourceLocation{effective.base_file_name, 0, 0},
                 d.key_path, d.message);
  }
  loaded.diagnostics = std::move(mapped);
  return loaded;
}

LoadResult load_scenario_text_with_overlays(const std::string& base_text,
                                            const std::string& base_file_name,
                                            const std::vector<OverlayText>& overlays) {
  if (overlays.empty()) return load_scenario_text(base_text, base_file_name);
  return load_effective_scenario(apply_overlays(base_text, base_file_name, overlays));
}

LoadResult load_scenario_with_overlays(const std::string& base_path,
                                       const std::vector<std::string>& overlay_paths) {
  if (overlay_paths.empty()) return load_scenario_file(base_path);
  LoadResult result;
  const auto base = read_text(base_path);
  if (!base) {
    result.diagnostics.error(SourceLocation{base_path, 0, 0}, "", "cannot open the scenario file");
    return result;
  }
  const auto overlays = read_overlay_files(overlay_paths, result.diagnostics);
  if (result.diagnostics.has_errors()) return result;
  return load_scenario_text_with_overlays(*base, base_path, overlays);
}

std::vector<OverlayText> read_overlay_files(const std::vector<std::string>& paths,
                                            Diagnostics& diagnostics) {
  std::vector<OverlayText> overlays;
  for (const auto& path : paths) {
    if (auto text = read_text(path)) overlays.push_back(OverlayText{path, std::move(*text)});
    else diagnostics.error(SourceLocation{path, 0, 0}, "", "cannot open the overlay file");
  }
  return overlays;
}

std::string describe_changes(const EffectiveScenario& effective, std::size_t value_width) {
  std::string text;
  for (const auto& c : effective.changes)
    text += fmt::format("{} {} {}: {} -> {}\n", position(c.location), c.op, c.path,
                        shorten(c.before, value_width), shorten(c.after, value_width));
  return text;
}

std::string effective_scenario_yaml(const EffectiveScenario& effective, std::size_t value_width) {
  if (value_width == 0) return effective.yaml;
  std::string header = fmt::format("# Effective scenario: {}", effective.base_file_name);
  if (effective.overlays.empty()) {
    header += " (no overlays)\n";
  } else {
    header += "\n# with overlays, applied in order:\n";
    for (std::size_t i = 0; i < effective.overlays.size(); ++i) {
      const auto& o = effective.overlays[i];
      header += fmt::format("#   {}. {} \"{}\" (FNV-1a 64 {})\n", i + 1, o.file_name, o.name, o.hash);
    }
    header += "# Changes (file:line:column op key-path: before -> after):\n";
    std::istringstream lines(describe_changes(effective, value_width));
    for (std::string line; std::getline(lines, line);) header += "#   " + line + "\n";
  }
  return header + effective.yaml;
}

}  // namespace flowsim::scenario
