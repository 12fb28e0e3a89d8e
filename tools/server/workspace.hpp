#pragma once
// The two places `flowsim serve` reads scenarios from (the shipped
// scenarios/ directory, read-only, and the workspace, where it also writes
// saved scenarios and runs), and the guard that keeps every name given over
// HTTP inside them: a name is a relative path of plain components ("..",
// absolute paths, backslashes, hidden or empty components and symbolic links
// are all refused), checked again after resolving against the real root.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace flowsim::server {

enum class Source { shipped, workspace };

struct ScenarioName {
  Source source = Source::workspace;
  std::string relative;  // "interventions/home_first.yaml"
};

// "shipped/llr_2016_baseline.yaml" or "workspace/mine.yaml"; nullopt when
// the name is not one the guard accepts.
[[nodiscard]] std::optional<ScenarioName> parse_scenario_name(const std::string& name);
[[nodiscard]] std::string scenario_name_text(const ScenarioName& name);

// True when every '/'-separated component is a plain name: letters, digits,
// '_', '-', '.', not starting with '.', and the whole ends in ".yaml".
[[nodiscard]] bool is_plain_relative_path(const std::string& relative);

// True when a raw request target carries a percent-encoded '/', '\' or '.'
// (a path must be written out, never smuggled past the guard encoded).
[[nodiscard]] bool has_encoded_separator(const std::string& target);

class Workspace {
 public:
  // Creates the workspace directory when absent.
  Workspace(std::filesystem::path workspace_root, std::filesystem::path shipped_root);

  // The file a name stands for, or nullopt when it would leave its root,
  // passes through a symbolic link, or (for reading) does not exist.
  [[nodiscard]] std::optional<std::filesystem::path> file_to_read(const ScenarioName& name) const;
  [[nodiscard]] std::optional<std::filesystem::path> file_to_write(const ScenarioName& name) const;

  // Every scenario and overlay file of both roots, as names, sorted.
  [[nodiscard]] std::vector<ScenarioName> list() const;

  [[nodiscard]] const std::filesystem::path& root() const { return workspace_; }
  [[nodiscard]] const std::filesystem::path& shipped_root() const { return shipped_; }
  // Where run results go: <workspace>/runs/<id>.
  [[nodiscard]] std::filesystem::path run_directory(const std::string& run_id) const;
  [[nodiscard]] std::filesystem::path runs_root() const { return workspace_ / "runs"; }

 private:
  [[nodiscard]] std::optional<std::filesystem::path> resolve(const ScenarioName& name,
                                                             bool must_exist) const;
  std::filesystem::path workspace_;
  std::filesystem::path shipped_;
};

}  // namespace flowsim::server
