#pragma once
// Overlays: small YAML files that change a base scenario (docs/overlays.md).
// The base is read into an editable tree, each overlay's changes are applied
// in order, and the effective scenario is validated by the usual loader.
// Errors in an overlay name the overlay's file, line and column; an invalid
// value that an overlay wrote is reported where the overlay wrote it.
#include <string>
#include <vector>

#include "models/scenario/diagnostics.hpp"
#include "models/scenario/loader.hpp"
#include "models/scenario/overlay_file.hpp"
#include "models/scenario/overlay_ops.hpp"
#include "models/scenario/overlay_tree.hpp"

namespace flowsim::scenario {

struct AppliedOverlay {
  std::string file_name;
  std::string name;
  std::string hash;  // FNV-1a 64 of the overlay file's bytes, hex (as run.json records the scenario)
};

struct EffectiveScenario {
  std::string base_file_name;
  std::vector<AppliedOverlay> overlays;
  std::vector<AppliedChange> changes;  // in the order they were applied
  TreeNode tree;                       // the effective scenario
  std::string yaml;                    // tree_to_yaml(tree)
  Diagnostics diagnostics;             // errors in the base's YAML or in an overlay
  [[nodiscard]] bool ok() const { return !diagnostics.has_errors(); }
};

// Applies the overlays in order. Stops after the first overlay with errors
// (later overlays would be applied to the wrong scenario), but reports every
// error of that overlay.
[[nodiscard]] EffectiveScenario apply_overlays(const std::string& base_text,
                                               const std::string& base_file_name,
                                               const std::vector<OverlayText>& overlays);
// The same, with the base already read into a tree (parse_tree), so that a
// caller applying many overlays to one base reads it once.
[[nodiscard]] EffectiveScenario apply_overlays(TreeNode base_tree, const std::string& base_file_name,
                                               const std::vector<OverlayText>& overlays);

// Validates the effective scenario with the usual loader; every error is
// mapped back to the file, line and column its node came from.
[[nodiscard]] LoadResult load_effective_scenario(const EffectiveScenario& effective);

// Base scenario + overlays applied in order, then validated by the loader.
// With no overlays, exactly load_scenario_file / load_scenario_text.
[[nodiscard]] LoadResult load_scenario_with_overlays(const std::string& base_path,
                                                     const std::vector<std::string>& overlay_paths);
[[nodiscard]] LoadResult load_scenario_text_with_overlays(const std::string& base_text,
                                                          const std::string& base_file_name,
                                                          const std::vector<OverlayText>& overlays);

// Reads overlay files; an unreadable one is reported in 'diagnostics'.
[[nodiscard]] std::vector<OverlayText> read_overlay_files(const std::vector<std::string>& paths,
                                                          Diagnostics& diagnostics);

// What `flowsim show` prints: the effective scenario as YAML, after a
// header comment naming the base, each overlay (with its hash) and each
// change ("file:line op path: before -> after", values shortened to
// 'value_width' characters; 0 for no header at all).
[[nodiscard]] std::string effective_scenario_yaml(const EffectiveScenario& effective,
                                                  std::size_t value_width = 60);
// One line per applied change, values in full (`flowsim show --diff`).
[[nodiscard]] std::string describe_changes(const EffectiveScenario& effective,
                                           std::size_t value_width = 0);

}  // namespace flowsim::scenario
