#pragma once
// fit.yaml: a scenario draft from an extract fit that `flowsim validate`
// accepts and `flowsim run` runs. Every fitted number has a comment saying
// where it came from (n, censored count, the chosen fit and its AIC margin
// over the runner-up); what the extract cannot tell (bed counts) is marked
// for the modeller to set.
#include <string>

#include "tools/fit/extract_fit.hpp"

namespace flowsim::fit {

// 'sources' names the extract files for the header.
[[nodiscard]] std::string scenario_yaml(const ExtractFit& fit, const std::string& sources);

}  // namespace flowsim::fit
