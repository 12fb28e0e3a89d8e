#pragma once
// Reads the scenario keys of services that are not plain beds (see
// models/services_definition.hpp and section 14 of docs/scenario_reference.md):
//   units.<u>.visits, units.<u>.avoidance, units.<u>.readmission,
//   arrivals.<s>.referred and the top-level electives block.
// The main loader hands over its group and destination lookups so that these
// keys report errors exactly as the rest of the scenario does.
#include <functional>
#include <optional>
#include <string>

#include "models/model_definition.hpp"
#include "models/scenario/yaml_reader.hpp"

namespace flowsim::scenario {

using GroupVisitor =
    std::function<void(std::size_t group, const YAML::Node& value, const std::string& path)>;

struct ServicesContext {
  const YamlReader& reader;
  models::ModelDefinition& model;
  // Visits every key of a map by group; reports unknown and missing groups.
  std::function<void(const YAML::Node&, const std::string&, const GroupVisitor&)> for_each_group;
  // A unit or exit by name; reports an unknown name.
  std::function<std::optional<models::Destination>(const YAML::Node& key, const std::string& name,
                                                   const std::string& path)>
      resolve_destination;
};

// Reads units.<u>.visits / avoidance / readmission when present. Avoidance
// builds the unit's routes (the loader then does not read 'routes').
void read_unit_services(const ServicesContext& context, const YAML::Node& node, const std::string& path,
                        models::UnitDefinition& unit);
// After every unit is read: an avoidance service's usual route is not
// another avoidance service (a full pair would pass patients back and forth).
void check_service_links(const ServicesContext& context, const YAML::Node& units);
// arrivals.<s>.referred
void read_referral(const ServicesContext& context, const YAML::Node& node, const std::string& path,
                   models::ArrivalSource& source);
// The top-level electives block.
void read_electives(const ServicesContext& context, const YAML::Node& node);

}  // namespace flowsim::scenario
