#pragma once
// Reading and checking one overlay file (docs/overlays.md): its name,
// sources and the list of changes, each with the positions needed to
// report a problem in the overlay's own file.
#include <optional>
#include <string>
#include <vector>

#include "models/scenario/diagnostics.hpp"
#include "models/scenario/overlay_path.hpp"
#include "models/scenario/overlay_tree.hpp"

namespace flowsim::scenario {

struct OverlayText {
  std::string file_name;  // used in messages and run records
  std::string text;
};

enum class ChangeOp { Set, Scale, Add, Append, Remove, Shift };

[[nodiscard]] const char* op_name(ChangeOp op);

struct OverlayChange {
  ChangeOp op = ChangeOp::Set;
  std::string path_text;  // as written
  KeyPath path;
  SourceLocation path_location;   // where the path is written
  std::optional<TreeNode> value;  // set: 'to'; add, append: 'value'
  double by = 1.0;                // scale
  bool round = false;             // scale: round results to whole numbers
  std::string from;               // shift
  std::string to;                 // shift
  double fraction = 0.0;          // shift
};

struct Overlay {
  std::string file_name;
  std::string name;
  std::string description;
  std::vector<std::string> sources;
  // The scenarios (their name:) the overlay was written for; empty: any.
  std::vector<std::string> applies_to;
  SourceLocation applies_to_location;
  std::vector<OverlayChange> changes;
};

// Every problem is reported with the overlay's file, line and column;
// returns nothing when there is any.
[[nodiscard]] std::optional<Overlay> read_overlay(const OverlayText& text, Diagnostics& diagnostics);

// An error at the overlay's applies_to when it names scenarios and
// 'scenario_name' (the base's name:) is not among them; false then.
bool check_applies_to(const Overlay& overlay, const std::string& scenario_name,
                      const std::string& scenario_file, Diagnostics& diagnostics);

}  // namespace flowsim::scenario
