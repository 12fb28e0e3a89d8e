// A deliberate violation for the layering check's own test: the model
// reaching up into the tools.
#include "tools/io/run_outputs.hpp"
