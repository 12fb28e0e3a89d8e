#pragma once
// Shared by the overlay tests: the small base scenario and file helpers.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "models/scenario/overlay.hpp"
#include "tests/fixture_files.hpp"

namespace overlay_test {

inline const std::filesystem::path kSourceDir = FLOWSIM_SOURCE_DIR;
inline const std::filesystem::path kBasePath = kSourceDir / "tests/data/overlays/base.yaml";

using test_files::slurp;

inline std::string base_text() { return slurp(kBasePath); }

// The base with the given overlay texts applied in order (named o1.yaml, o2.yaml, ...).
inline flowsim::scenario::EffectiveScenario apply(const std::vector<std::string>& overlay_texts) {
  std::vector<flowsim::scenario::OverlayText> overlays;
  for (std::size_t i = 0; i < overlay_texts.size(); ++i)
    overlays.push_back({fmt::format("o{}.yaml", i + 1), overlay_texts[i]});
  return flowsim::scenario::apply_overlays(base_text(), "base.yaml", overlays);
}

inline const flowsim::scenario::TreeNode& at(const flowsim::scenario::TreeNode& root,
                                             const std::vector<std::string>& keys) {
  const flowsim::scenario::TreeNode* node = &root;
  for (const auto& key : keys) {
    node = node->find(key);
    REQUIRE(node != nullptr);
  }
  return *node;
}

inline double number_at(const flowsim::scenario::TreeNode& root, const std::vector<std::string>& keys) {
  return std::stod(at(root, keys).scalar);
}

}  // namespace overlay_test
