// Compiled with the models layer's flags by the test
// layers_models_cannot_include_tools: models/ sees sim/ and models/ only, so
// this include must not be found.
#include "tools/io/run_outputs.hpp"
