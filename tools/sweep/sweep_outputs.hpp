#pragma once
// The sweep's tables, generated from the store alone (so a resumed sweep
// writes exactly what an uninterrupted one does):
//   sweep_results.csv  point, <parameters...>, replication, metric, value,
//                      unit, measure
//   sweep_summary.csv  point, <parameters...>, metric, mean, sd, ci95_low,
//                      ci95_high, replications, unit, measure
// Both are staged and renamed into place together.
#include <string>

#include "tools/sweep/sweep_store.hpp"

namespace flowsim::sweep {

void write_sweep_tables(const std::string& directory, const SweepStore& store);

// A CSV field, quoted when it holds a comma, a quote or a line break.
[[nodiscard]] std::string csv_field(const std::string& text);

}  // namespace flowsim::sweep
