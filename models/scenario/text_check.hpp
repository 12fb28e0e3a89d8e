#pragma once
// Checks that a scenario file is text YAML can read before parsing it:
// UTF-8 (what YAML files are; spreadsheets often export Latin-1 or UTF-16)
// without binary control bytes. yaml-cpp would otherwise accept some
// invalid bytes into names and messages, or fail with an unrelated error.
#include <optional>
#include <string_view>

#include "models/scenario/diagnostics.hpp"

namespace flowsim::scenario {

struct TextProblem {
  int line = 1;    // 1-based
  int column = 1;  // 1-based, in bytes
  std::string message;
};

// The first problem, or nothing when the text is clean.
[[nodiscard]] std::optional<TextProblem> check_text(std::string_view text);

}  // namespace flowsim::scenario
