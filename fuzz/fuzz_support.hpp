#pragma once
// What every fuzz target checks once the loader has answered.
#include "models/scenario/loader.hpp"

namespace flowsim::fuzz {

// Aborts (so libFuzzer records the input) when the result breaks the
// loader's contract: a model and errors together, or neither. A valid model
// goes through everything that runs before a simulation (traffic equations,
// the run estimate), and a small one is simulated for one replication.
void check_load_result(const scenario::LoadResult& loaded);

}  // namespace flowsim::fuzz
