// A deliberate violation for the layering check's own test: the engine
// reaching up into the patient-flow model.
#include "models/patient.hpp"
