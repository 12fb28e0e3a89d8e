#include "tools/server/workspace.hpp"

#include <algorithm>
#include <cctype>

namespace flowsim::server {

namespace fs = std::filesystem;

namespace {

constexpr const char* kShippedPrefix = "shipped/";
constexpr const char* kWorkspacePrefix = "workspace/";

bool plain_component(const std::string& part) {
  if (part.empty() || part.front() == '.') return false;
  return std::all_of(part.begin(), part.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '_' || c == '-' || c == '.';
  });
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// True when 'inside' is 'root' or below it, component by component.
bool is_within(const fs::path& root, const fs::path& inside) {
  auto r = root.begin();
  auto i = inside.begin();
  for (; r != root.end(); ++r, ++i)
    if (i == inside.end() || *r != *i) return false;
  return true;
}

}  // namespace

bool is_plain_relative_path(const std::string& relative) {
  if (!ends_with(relative, ".yaml") || relative.size() > 200) return false;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = relative.find('/', start);
    const std::string part =
        relative.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (!plain_component(part)) return false;
    if (slash == std::string::npos) return true;
    start = slash + 1;
  }
}

bool has_encoded_separator(const std::string& target) {
  std::string lower(target);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return lower.find("%2f") != std::string::npos || lower.find("%5c") != std::string::npos ||
         lower.find("%2e") != std::string::npos || lower.find("%00") != std::string::npos;
}

std::optional<ScenarioName> parse_scenario_name(const std::string& name) {
  for (const auto& [prefix, source] :
       {std::pair{kShippedPrefix, Source::shipped}, std::pair{kWorkspacePrefix, Source::workspace}}) {
    const std::string p(prefix);
    if (name.rfind(p, 0) != 0) continue;
    const std::string relative = name.substr(p.size());
    if (!is_plain_relative_path(relative)) return std::nullopt;
    return ScenarioName{source, relative};
  }
  return std::nullopt;
}

std::string scenario_name_text(const ScenarioName& name) {
  return (name.source == Source::shipped ? kShippedPrefix : kWorkspacePrefix) + name.relative;
}

Workspace::Workspace(fs::path workspace_root, fs::path shipped_root) {
  fs::create_directories(workspace_root);
  workspace_ = fs::canonical(workspace_root);
  shipped_ = fs::canonical(shipped_root);
}

std::optional<fs::path> Workspace::resolve(const ScenarioName& name, bool must_exist) const {
  if (!is_plain_relative_path(name.relative)) return std::nullopt;
  const fs::path& root = name.source == Source::shipped ? shipped_ : workspace_;
  // No component may be a symbolic link: a link could point anywhere.
  fs::path at = root;
  for (const auto& part : fs::path(name.relative)) {
    at /= part;
    std::error_code error;
    const auto status = fs::symlink_status(at, error);
    if (fs::is_symlink(status)) return std::nullopt;
    if (!fs::exists(status)) {
      if (must_exist) return std::nullopt;
      break;
    }
  }
  const fs::path full = fs::weakly_canonical(root / name.relative);
  if (!is_within(root, full)) return std::nullopt;
  if (must_exist && !fs::is_regular_file(full)) return std::nullopt;
  return full;
}

std::optional<fs::path> Workspace::file_to_read(const ScenarioName& name) const {
  return resolve(name, true);
}

std::optional<fs::path> Workspace::file_to_write(const ScenarioName& name) const {
  if (name.source != Source::workspace) return std::nullopt;  // the shipped scenarios are read-only
  return resolve(name, false);
}

std::vector<ScenarioName> Workspace::list() const {
  std::vector<ScenarioName> names;
  for (const auto& [root, source] :
       {std::pair{shipped_, Source::shipped}, std::pair{workspace_, Source::workspace}}) {
    std::error_code error;
    for (auto it = fs::recursive_directory_iterator(root, error);
         !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
      const auto relative = fs::relative(it->path(), root).generic_string();
      if (it->is_directory() && (relative == "runs" || relative.front() == '.')) {
        it.disable_recursion_pending();
        continue;
      }
      if (it->is_symlink() || !it->is_regular_file()) continue;
      ScenarioName name{source, relative};
      if (is_plain_relative_path(relative) && resolve(name, true)) names.push_back(name);
    }
  }
  std::sort(names.begin(), names.end(),
            [](const auto& a, const auto& b) { return scenario_name_text(a) < scenario_name_text(b); });
  return names;
}

fs::path Workspace::run_directory(const std::string& run_id) const { return runs_root() / run_id; }

}  // namespace flowsim::server
