#pragma once
// Gridlocked replications: those whose front door jams for good. For every
// unit that patients arrive at from outside (A&E, direct admissions), the
// midnight waiting list (arrivals waiting for a bed plus patients elsewhere
// waiting for one) of every replication is checked with the runaway rule of
// sim/runaway.hpp (the typical level pooled over the replications given). A
// replication is gridlocked from the earliest day any of them runs away.
//
// Only units with arrivals are checked: a full downstream unit's queue is
// held in upstream beds (delayed transfers, reported as such), and it is
// gridlock only once it backs up to where patients have nowhere else to wait.
// The minimum excess is 5% of the unit's beds (at least one patient), so a
// handful of boarders in a 1,300-bed pool is not called a gridlock.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/model_definition.hpp"
#include "models/replication_result.hpp"

namespace flowsim::tools {

struct GridlockedReplication {
  std::uint32_t replication = 0;
  std::string unit;     // where the waiting list ran away first
  std::size_t day = 0;  // from this day of the run (day 0 starts at time 0)
};

// In the order of 'results'. Empty when the results carry no daily series.
[[nodiscard]] std::vector<GridlockedReplication> find_gridlocked(
    const models::ModelDefinition& model, const std::vector<models::ReplicationResult>& results);

// The rule in words, as written into run.json and summary.json.
[[nodiscard]] std::string gridlock_rule_text();

// {"rule", "count", "replications": [{"replication", "unit", "from_day"}]}
[[nodiscard]] nlohmann::ordered_json gridlock_json(const std::vector<GridlockedReplication>& found);

// "2 of 40 replications gridlocked from day 473 (replications 12 from day 473
// at ae, 8 from day 501 at ae)"; empty when none is.
[[nodiscard]] std::string gridlock_sentence(const std::vector<GridlockedReplication>& found,
                                            std::size_t replications);

}  // namespace flowsim::tools
