#include "tools/experiments/paired_compare.hpp"

#include "tools/io/gridlock.hpp"

namespace flowsim::tools {

std::string variant_title(const models::ModelDefinition& variant,
                          const models::ModelDefinition& baseline) {
  const std::string prefix = baseline.name + " + ";
  if (variant.name.rfind(prefix, 0) == 0) return variant.name.substr(prefix.size());
  return variant.name;
}

std::vector<std::string> change_lines(const scenario::EffectiveScenario& effective) {
  std::vector<std::string> lines;
  const std::string text = scenario::describe_changes(effective);
  for (std::size_t start = 0; start < text.size();) {
    const auto end = text.find('\n', start);
    const auto line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!line.empty()) lines.push_back(line);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return lines;
}

std::optional<std::vector<ComparisonRow>> paired_rows(const ExperimentOutcome& outcome,
                                                      CompareInfo& info, bool exclude_gridlocked) {
  info.replications_run = outcome.results.front().size();
  info.gridlocked.clear();
  info.excluded.clear();
  for (std::size_t s = 0; s < outcome.results.size(); ++s) {
    info.gridlocked.push_back(find_gridlocked(*outcome.models[s], outcome.results[s]));
    for (const auto& g : info.gridlocked.back()) info.excluded.insert(g.replication);
  }
  info.gridlocked_excluded = exclude_gridlocked;
  if (!info.gridlocked_excluded) info.excluded.clear();
  const auto compared = without_replications(outcome.results, info.excluded);
  if (compared.front().size() < 2) return std::nullopt;
  return compare_scenarios(compared);
}

CompareSizing size_each(const CompareSizingRequest& request,
                        const std::vector<std::shared_ptr<const models::ModelDefinition>>& models,
                        const std::vector<ComparisonRow>& rows, unsigned threads,
                        const SizingProgressFor& progress_for) {
  CompareSizing sizing;
  sizing.unit = request.unit;
  sizing.targets = request.targets.front();
  sizing.replications = models.front()->run.replications;
  for (std::size_t s = 0; s < models.size(); ++s) {
    const auto& model = *models[s];
    const auto unit = *model.find_unit(request.unit);
    CapacitySearch search(models[s], request.targets[s], threads,
                          progress_for ? progress_for(s) : CapacitySearch::Progress{});
    SizedScenario sized;
    if (!model.units[unit].unlimited()) sized.current_capacity = model.units[unit].capacity;
    sized.result = search.size(unit, {}, request.range);
    sized.result.chosen_results.clear();
    sizing.scenarios.push_back(std::move(sized));
  }
  add_differences(sizing, rows);
  return sizing;
}

}  // namespace flowsim::tools
