#include "tools/io/sizing_outputs.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "tools/io/model_description.hpp"
#include "tools/io/network_dot.hpp"
#include "tools/io/staged_files.hpp"

namespace flowsim::tools {

namespace fs = std::filesystem;

namespace {

// Writes 'text' to directory/name through a temporary name (a failed write
// leaves no partial file behind).
void write_whole_file(const fs::path& directory, const std::string& name, const std::string& text) {
  fs::create_directories(directory);
  StagedFileSet staged(directory);
  std::ofstream out = staged.open(name);
  out << text;
  close_checked(out, name);
  staged.commit();
}

const char* bound_text(Bound bound) { return bound == Bound::AtMost ? "<=" : ">="; }

nlohmann::ordered_json targets_json(const std::vector<Target>& targets) {
  auto json = nlohmann::ordered_json::array();
  for (const auto& t : targets)
    json.push_back(
        {{"text", t.text}, {"metric", t.metric}, {"bound", bound_text(t.bound)}, {"value", t.value}});
  return json;
}

// One row per evaluated capacity and target, by capacity; 'prefix' holds
// leading columns (for the frontier, unit A's capacity).
std::string evaluation_rows(const std::string& prefix, std::uint32_t unit,
                            const std::vector<Target>& targets, std::vector<Evaluation> evaluations) {
  std::sort(evaluations.begin(), evaluations.end(), [unit](const Evaluation& a, const Evaluation& b) {
    return a.capacities.at(unit) < b.capacities.at(unit);
  });
  std::string rows;
  for (const auto& e : evaluations)
    for (std::size_t t = 0; t < targets.size(); ++t) {
      const auto& target = targets[t];
      const std::string values =
          e.simulated ? fmt::format("{},{},{},{},{}", e.per_target[t].mean, e.per_target[t].low(),
                                    e.per_target[t].high(), target_met(target, e.per_target[t]) ? 1 : 0,
                                    verdict_text(target, e.per_target[t]))
                      : std::string(",,,0,fails");
      rows += fmt::format("{}{},{},\"{} {} {}\",{},{}\n", prefix, e.capacities.at(unit), target.metric,
                          target.metric, bound_text(target.bound), target.value, e.simulated ? 1 : 0,
                          values);
    }
  return rows;
}

const char* kRule =
    "a target is met when its whole 95% confidence interval is on the good side: the upper bound "
    "for <=, the lower bound for >=; a capacity meets the targets when it meets every one. It "
    "fails with confidence when some target's whole interval is on the bad side, and is undecided "
    "otherwise";

nlohmann::ordered_json optional_json(const std::optional<std::int64_t>& value) {
  return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

// The answer's confidence band (see SizeResult), shared by size.json and
// each point of frontier.json.
nlohmann::ordered_json band_json(const SizeResult& result, std::uint32_t replications) {
  nlohmann::ordered_json json;
  json["met_with_confidence"] = optional_json(result.capacity);
  json["fails_with_confidence"] = optional_json(result.fails_with_confidence);
  const auto band = result.undecided();
  json["undecided"] = band ? nlohmann::ordered_json{{"low", band->low}, {"high", band->high}}
                           : nlohmann::ordered_json(nullptr);
  const auto more = result.replications_to_narrow(replications);
  json["replications_to_narrow"] =
      more ? nlohmann::ordered_json(*more) : nlohmann::ordered_json(nullptr);
  return json;
}

nlohmann::ordered_json unreachable_json(const SizeResult& result, const std::vector<Target>& targets) {
  if (!result.unreachable) return nullptr;
  const auto& stuck = *result.unreachable;
  return {{"target", targets[stuck.target].text}, {"metric", targets[stuck.target].metric},
          {"never_full_from", stuck.capacity},    {"mean", stuck.limit.mean},
          {"ci_low", stuck.limit.low()},          {"ci_high", stuck.limit.high()},
          {"beyond_peak", stuck.beyond_peak}};
}

}  // namespace

void write_size_outputs(const std::string& directory, const models::ModelDefinition& model,
                        const SizingRequest& request, const SizeResult& result,
                        const Provenance& provenance) {
  const auto unit = *model.find_unit(request.unit);
  write_whole_file(directory, "size.csv",
                   "capacity,metric,target,simulated,mean,ci_low,ci_high,meets,verdict\n" +
                       evaluation_rows("", unit, request.targets, result.evaluations));
  nlohmann::ordered_json json;
  json["title"] = model.name;
  json["scenario"] = model.name;
  json["unit"] = request.unit;
  json["current_capacity"] = model.units[unit].unlimited()
                                 ? nlohmann::ordered_json(nullptr)
                                 : nlohmann::ordered_json(model.units[unit].capacity);
  json["targets"] = targets_json(request.targets);
  json["capacity"] = optional_json(result.capacity);
  json["band"] = band_json(result, model.run.replications);
  json["lower_end_of_range_met"] = result.lower_end_met;
  json["unreachable"] = unreachable_json(result, request.targets);
  json["analytic_estimate"] = optional_json(result.analytic_estimate);
  json["minimum_stable_capacity"] = result.minimum_stable;
  json["evaluations"] = result.evaluations.size();
  json["replications"] = model.run.replications;
  json["seed"] = model.run.seed;
  json["rule"] = kRule;
  json["provenance"] = provenance_json(provenance);
  write_whole_file(directory, "size.json", json.dump(2) + "\n");
}

void write_frontier_outputs(const std::string& directory, const models::ModelDefinition& model,
                            const std::string& unit_a, const SizingRequest& request_b,
                            const std::vector<FrontierPoint>& points, const RunRecord& record) {
  const auto b = *model.find_unit(request_b.unit);
  const auto text = [](const std::optional<std::int64_t>& value) {
    return value ? std::to_string(*value) : std::string();
  };
  std::string frontier =
      "unit_a,capacity_a,unit_b,capacity_b,capacity_b_fails_with_confidence,replications_to_narrow\n";
  std::string evaluations =
      "capacity_a,capacity_b,metric,target,simulated,mean,ci_low,ci_high,meets,verdict\n";
  auto points_json = nlohmann::ordered_json::array();
  for (const auto& p : points) {
    const auto more = p.sized_b.replications_to_narrow(model.run.replications);
    frontier += fmt::format("{},{},{},{},{},{}\n", unit_a, p.capacity_a, request_b.unit,
                            text(p.sized_b.capacity), text(p.sized_b.fails_with_confidence),
                            more ? std::to_string(*more) : std::string());
    evaluations +=
        evaluation_rows(fmt::format("{},", p.capacity_a), b, request_b.targets, p.sized_b.evaluations);
    nlohmann::ordered_json point;
    point["capacity_a"] = p.capacity_a;
    point["band_b"] = band_json(p.sized_b, model.run.replications);
    point["unreachable"] = unreachable_json(p.sized_b, request_b.targets);
    points_json.push_back(std::move(point));
  }
  write_whole_file(directory, "frontier_evaluations.csv", evaluations);
  write_whole_file(directory, "frontier.csv", frontier);
  nlohmann::ordered_json json;
  json["title"] = record.title;
  json["scenario"] = model.name;
  json["unit_a"] = unit_a;
  json["unit_b"] = request_b.unit;
  json["targets"] = targets_json(request_b.targets);
  json["points"] = std::move(points_json);
  json["replications"] = model.run.replications;
  json["seed"] = model.run.seed;
  json["rule"] = kRule;
  json["provenance"] = provenance_json(record.provenance);
  write_whole_file(directory, "frontier.json", json.dump(2) + "\n");
  write_whole_file(directory, "run.json", run_record_json(record).dump(2) + "\n");
  // The model's logic and diagram, for the report's pathway diagram and STRESS-DES record.
  write_whole_file(directory, "model.json", describe_model(model).dump(2) + "\n");
  write_whole_file(directory, "network.dot", pathway_network_dot(model));
}

}  // namespace flowsim::tools
