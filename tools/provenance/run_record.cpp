#include "tools/provenance/run_record.hpp"

#include "tools/io/model_description.hpp"
#include "tools/io/run_outputs.hpp"

namespace flowsim::tools {

nlohmann::ordered_json run_record_json(const RunRecord& record) {
  nlohmann::ordered_json json;
  json["flowsim_version"] = flowsim_version();
  json["command"] = record.command;
  json["title"] = record.title;
  json["scenario"] = record.title;
  json["scenario_file"] = record.provenance.scenario.file;
  json["seed"] = record.provenance.seed;
  json["replications"] = record.provenance.replications;
  json["random_numbers"] = random_number_scheme();
  json["warmup_days"] = record.run.warmup_days;
  json["horizon_days"] = record.run.horizon_days;
  json["threads"] = record.threads;
  json["wall_seconds"] = record.wall_seconds;
  json["finished_utc"] = utc_now();
  json["machine"] = describe_machine();
  json["provenance"] = provenance_json(record.provenance);
  return json;
}

}  // namespace flowsim::tools
