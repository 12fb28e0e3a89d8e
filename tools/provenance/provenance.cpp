#include "tools/provenance/provenance.hpp"

#include <algorithm>

#include "tools/io/run_outputs.hpp"
#include "tools/provenance/sha256.hpp"
#include "tools/provenance/source_revision.hpp"

namespace flowsim::tools {

namespace {

// Words a POSIX shell takes literally need no quotes; anything else is put
// in single quotes, each ' written as '\''.
std::string shell_quoted(const std::string& word) {
  const auto plain = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("-_./=:,+@%").find(c) != std::string_view::npos;
  };
  if (!word.empty() && std::all_of(word.begin(), word.end(), plain)) return word;
  std::string quoted = "'";
  for (const char c : word) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

}  // namespace

FileFingerprint fingerprint(const std::string& file, const std::string& contents) {
  return {file, sha256_hex(contents)};
}

std::string scenario_title(const std::string& scenario_name,
                           const std::vector<std::string>& overlay_names) {
  std::string title = scenario_name;
  for (const auto& overlay : overlay_names) title += " + " + overlay;
  return title;
}

std::string command_line_text(const std::string& command, const std::vector<std::string>& args) {
  std::string line = "flowsim " + command;
  for (const auto& arg : args) line += " " + shell_quoted(arg);
  return line;
}

nlohmann::ordered_json provenance_json(const Provenance& provenance) {
  const auto revision = source_revision();
  nlohmann::ordered_json json;
  json["flowsim_version"] = flowsim_version();
  json["git_commit"] =
      revision.commit ? nlohmann::ordered_json(*revision.commit) : nlohmann::ordered_json(nullptr);
  json["git_dirty"] =
      revision.dirty ? nlohmann::ordered_json(*revision.dirty) : nlohmann::ordered_json(nullptr);
  json["scenario_file"] = provenance.scenario.file;
  json["scenario_sha256"] = provenance.scenario.sha256;
  auto& overlays = json["overlays"] = nlohmann::ordered_json::array();
  for (const auto& overlay : provenance.overlays)
    overlays.push_back({{"file", overlay.file}, {"sha256", overlay.sha256}});
  json["seed"] = provenance.seed;
  json["replications"] = provenance.replications;
  // Empty when not run from the command line (the Python module).
  json["command_line"] = provenance.command_line.empty()
                             ? nlohmann::ordered_json(nullptr)
                             : nlohmann::ordered_json(provenance.command_line);
  return json;
}

}  // namespace flowsim::tools
