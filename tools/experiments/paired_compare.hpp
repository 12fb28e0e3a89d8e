#pragma once
// The steps of flowsim compare between loading the scenarios and writing
// the result files, shared by the command line and flowsim serve's Compare
// page so that both give the same numbers for the same arguments: the
// variant's title and changes, the pairing of replications (gridlocked ones
// named, or left out of every scenario), the table of paired differences,
// and the sizing of one unit on each scenario for the beds that can close.
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/model_definition.hpp"
#include "models/scenario/overlay.hpp"
#include "tools/experiments/compare_outputs.hpp"
#include "tools/experiments/compare_sizing.hpp"
#include "tools/experiments/comparison.hpp"
#include "tools/experiments/experiment.hpp"
#include "tools/sizing/capacity_search.hpp"
#include "tools/sizing/targets.hpp"

namespace flowsim::tools {

// A variant as the comparison's title names it: what its overlays add to
// the baseline's name ("Home First + More reablement"), or the name of its
// own scenario file.
[[nodiscard]] std::string variant_title(const models::ModelDefinition& variant,
                                        const models::ModelDefinition& baseline);

// The overlays' changes, one line each (`flowsim show --diff`), for run.json
// and the report.
[[nodiscard]] std::vector<std::string> change_lines(const scenario::EffectiveScenario& effective);

// The replications of 'outcome' paired up: fills info's replications_run,
// gridlocked and excluded (kept empty unless 'exclude_gridlocked', when a
// replication gridlocked in any scenario leaves all of them) and returns the
// comparison rows; nullopt when fewer than two pairs are left.
[[nodiscard]] std::optional<std::vector<ComparisonRow>> paired_rows(const ExperimentOutcome& outcome,
                                                                    CompareInfo& info,
                                                                    bool exclude_gridlocked);

// compare --size-unit: the unit and targets, parsed on every scenario
// (a shorthand such as ae.within_4h names each scenario's own unit).
struct CompareSizingRequest {
  std::string unit;
  std::vector<std::vector<Target>> targets;  // per scenario
  std::optional<SearchRange> range;
};

// The progress callback of scenario s's search (may be empty).
using SizingProgressFor = std::function<CapacitySearch::Progress(std::size_t scenario)>;

// The search of `flowsim size` on each scenario as run (the same seed,
// warm-up and replications), then the beds that can close from 'rows'.
[[nodiscard]] CompareSizing size_each(
    const CompareSizingRequest& request,
    const std::vector<std::shared_ptr<const models::ModelDefinition>>& models,
    const std::vector<ComparisonRow>& rows, unsigned threads, const SizingProgressFor& progress_for);

}  // namespace flowsim::tools
