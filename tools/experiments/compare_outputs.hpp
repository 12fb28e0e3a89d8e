#pragma once
// The result files of flowsim compare, written together through StagedFiles
// (all or none): compare.csv and compare.json (the comparison table),
// replications.csv (every scenario's metrics per replication), warmup.csv
// (with --warmup auto), compare_sizing.csv (with --size-unit: beds that can
// close, also under "sizing" in compare.json) and run.json.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "tools/experiments/compare_sizing.hpp"
#include "tools/experiments/comparison.hpp"
#include "tools/experiments/experiment.hpp"
#include "tools/io/gridlock.hpp"
#include "tools/provenance/provenance.hpp"

namespace flowsim::tools {

// Where a scenario of the comparison came from.
struct ScenarioSource {
  std::string label;                // its name in every output
  std::vector<std::string> files;   // the scenario, or the base and its overlays
  std::vector<std::string> hashes;  // FNV-1a 64 of each file, hex
  std::vector<std::string> sha256;  // SHA-256 of each file, hex
  // What the overlays change, one line each as `flowsim show --diff` prints
  // it (empty for the baseline and for a whole-scenario variant).
  std::vector<std::string> changes;
};

struct CompareInfo {
  std::vector<ScenarioSource> scenarios;  // baseline first
  // "BASE vs VARIANT vs ...", each variant named by its overlays' names
  // joined by " + " (or its scenario's name); in compare.json and run.json.
  std::string title;
  // The baseline is the scenario; the overlays are every --with file in the
  // order given; --variant scenario files are listed under "variants".
  Provenance provenance;
  std::vector<FileFingerprint> variant_files;
  unsigned threads = 1;
  // Per scenario, its gridlocked replications (tools/io/gridlock.hpp), and
  // whether the comparison left them out (compare --exclude-gridlocked: a
  // replication gridlocked in any scenario is left out of all of them).
  std::vector<std::vector<GridlockedReplication>> gridlocked;
  bool gridlocked_excluded = false;
  std::set<std::uint32_t> excluded;     // the replications left out
  std::size_t replications_run = 0;     // per scenario, before any is left out
  std::optional<CompareSizing> sizing;  // compare --size-unit
};

// Every file a comparison can write (an output directory holding any of
// them "already holds results").
[[nodiscard]] const std::vector<std::string>& compare_result_file_names();

// Throws std::runtime_error with the path when a file cannot be written.
void write_compare_outputs(const std::string& directory, const ExperimentOutcome& outcome,
                           const std::vector<ComparisonRow>& rows, const CompareInfo& info);

}  // namespace flowsim::tools
