#pragma once
// Applying one overlay change to a scenario tree. Every node a change writes
// takes the change's position as its origin, so that an invalid value is
// later reported in the overlay file that put it there.
#include <string>
#include <vector>

#include "models/scenario/diagnostics.hpp"
#include "models/scenario/overlay_file.hpp"
#include "models/scenario/overlay_tree.hpp"

namespace flowsim::scenario {

// What one change did at one matched path, for `flowsim show`.
struct AppliedChange {
  SourceLocation location;  // the change's key path in the overlay file
  std::string overlay;      // the overlay's name
  std::string op;
  std::string path;    // concrete: every '*' replaced by what it matched
  std::string before;  // one-line YAML, "(absent)" for a new key
  std::string after;   // one-line YAML, "(removed)" for a removed key
};

// Applies 'change' to every node its path matches. On error nothing is
// reported twice and the tree may be partly changed (it is then discarded).
bool apply_change(TreeNode& root, const OverlayChange& change, const std::string& overlay_name,
                  Diagnostics& diagnostics, std::vector<AppliedChange>& log);

// Multiplies the time scale of a distribution node ({dist: ...}) by 'by':
// every parameter measured in time (mean, sd, median, p90, value, min, mode,
// max, scale, values, edges; a mixture's components in turn) is multiplied,
// shape parameters and weights are not, so every quantile and the mean
// scale by exactly 'by'. Returns an error message, empty on success.
[[nodiscard]] std::string stretch_distribution(TreeNode& node, double by, const SourceLocation& origin);

}  // namespace flowsim::scenario
