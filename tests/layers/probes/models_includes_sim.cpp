// Compiled with the models layer's flags by the test layers_probe_looks_down:
// looking down a layer is allowed, so this compiles, and the two probes that
// must fail fail for their include and not for how a probe is built.
#include "models/model_definition.hpp"
#include "sim/distribution.hpp"
