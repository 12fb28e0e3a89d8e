#pragma once
// What every result set records of where it came from (run.json,
// compare.json, size.json, frontier's run.json, the sweep's sweep.json): a
// title naming the scenario and its overlays, and a "provenance" object with
// the flowsim version and commit, the input files and their SHA-256, the
// seed, the replications and the command line, so that anyone can tell
// exactly what produced a result and run it again.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace flowsim::tools {

// A file read by the run and the SHA-256 of its bytes.
struct FileFingerprint {
  std::string file;
  std::string sha256;
};

struct Provenance {
  FileFingerprint scenario;
  std::vector<FileFingerprint> overlays;  // in the order applied
  std::uint64_t seed = 0;
  std::uint32_t replications = 0;
  std::string command_line;
};

// The fingerprint of 'file' whose bytes are 'contents'.
[[nodiscard]] FileFingerprint fingerprint(const std::string& file, const std::string& contents);

// "SCENARIO + OVERLAY + OVERLAY": the scenario's name with each overlay's
// name, so that a variant is never presented as its base scenario.
[[nodiscard]] std::string scenario_title(const std::string& scenario_name,
                                         const std::vector<std::string>& overlay_names);

// "flowsim COMMAND ARG ...", each word quoted for a POSIX shell when it
// needs to be, so that the line can be pasted back into a shell.
[[nodiscard]] std::string command_line_text(const std::string& command,
                                            const std::vector<std::string>& args);

// The "provenance" object (field names in docs/report_and_sizing.md):
// flowsim_version, git_commit (null when not built from git), git_dirty
// (null when unknown), scenario_file, scenario_sha256, overlays [{file,
// sha256}], seed, replications and command_line (null when empty: not run
// from the command line, as from the Python module).
[[nodiscard]] nlohmann::ordered_json provenance_json(const Provenance& provenance);

}  // namespace flowsim::tools
