#include "models/scenario/yaml_document.hpp"

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>

#include "models/scenario/text_check.hpp"

namespace flowsim::scenario {

namespace {

// Whether line 'line' (0-based) starts with whitespace that holds a tab: the
// usual cause of yaml-cpp's errors on files edited in a spreadsheet or an
// editor set to tabs.
bool indented_with_tab(const std::string& text, int line) {
  std::size_t start = 0;
  for (int i = 0; i < line && start != std::string::npos; ++i) {
    start = text.find('\n', start);
    if (start != std::string::npos) ++start;
  }
  if (line < 0 || start == std::string::npos) return false;
  for (std::size_t i = start; i < text.size() && (text[i] == ' ' || text[i] == '\t'); ++i)
    if (text[i] == '\t') return true;
  return false;
}

SourceLocation location(const std::string& file_name, const YAML::Mark& mark) {
  return SourceLocation{file_name, mark.line + 1, mark.column + 1};
}

}  // namespace

std::optional<YAML::Node> read_yaml_document(const std::string& text, const std::string& file_name,
                                             Diagnostics& diagnostics) {
  if (const auto problem = check_text(text)) {
    diagnostics.error(SourceLocation{file_name, problem->line, problem->column}, "", problem->message);
    return std::nullopt;
  }
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::DeepRecursion& e) {
    diagnostics.error(location(file_name, e.mark), "",
                      fmt::format("invalid YAML: nested more than {} levels deep", e.depth()));
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    diagnostics.error(location(file_name, e.mark), "",
                      fmt::format("invalid YAML: {}{}", e.msg,
                                  indented_with_tab(text, e.mark.line)
                                      ? "; this line is indented with a tab, and YAML "
                                        "indents with spaces only"
                                      : ""));
    return std::nullopt;
  }
  if (root.IsNull() && root.Mark().is_null()) {
    // An empty file (or only comments) has no node to point at: its start.
    diagnostics.error(SourceLocation{file_name, 1, 1}, "",
                      "the file is empty: expected a scenario (a map with name, run, "
                      "exits, units and arrivals)");
    return std::nullopt;
  }
  return root;
}

}  // namespace flowsim::scenario
