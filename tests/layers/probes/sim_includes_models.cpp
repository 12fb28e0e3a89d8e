// Compiled with the sim layer's flags by the test layers_sim_cannot_include_models:
// sim/ sees only its own include root, so this include must not be found.
#include "models/model_definition.hpp"
