// flowsim fit on a million episodes (one unit, all candidate families):
// writes a synthetic extract of date-times to a temporary file, then times
// reading it and fitting it (lengths of stay, arrivals, routes, census), as
// `flowsim fit` does. Usage: fit_bench [EPISODES] (default 1,000,000).
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <fmt/format.h>

#include "sim/distribution.hpp"
#include "tools/fit/date_time.hpp"
#include "tools/fit/extract_fit.hpp"

using namespace flowsim;

int main(int argc, char** argv) {
  const long n = argc > 1 ? std::stol(argv[1]) : 1000000;
  const auto path = std::filesystem::temp_directory_path() / fmt::format("fit_bench_{}.csv", n);
  // Two years from 2019-01-01, stays lognormal (mean 6, sd 8 days), times to
  // the minute; stays still open at the end are still in.
  const double start = 17897.0, window = 730.0;
  const sim::Distribution los = sim::Distribution::lognormal_from_mean_sd(6.0, 8.0);
  std::mt19937_64 engine(1);
  const auto uniform = [&engine] { return (static_cast<double>(engine() >> 11) + 0.5) * 0x1p-53; };
  {
    std::ofstream out(path);
    out << "episode_id,unit,admitted,discharged,source,destination\n";
    for (long i = 0; i < n; ++i) {
      const double admitted = start + std::round(window * uniform() * 1440.0) / 1440.0;
      const double discharged = admitted + std::round(los.quantile(uniform()) * 1440.0) / 1440.0;
      out << i << ",ward," << fit::format_moment(admitted, false) << ","
          << (discharged < start + window ? fit::format_moment(discharged, false) : "") << ",ae,"
          << (uniform() < 0.9 ? "home" : "died") << "\n";
    }
  }
  const auto now = [] { return std::chrono::steady_clock::now(); };
  const auto seconds = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
  // CPU time beside wall time: on a shared machine the wall clock also
  // counts other people's work.
  const auto cpu = [] { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; };
  const double c0 = cpu();
  const auto t0 = now();
  scenario::Diagnostics diagnostics;
  const auto extract = fit::read_extracts({path.string()}, "2020-12-31", diagnostics);
  const auto t1 = now();
  const double c1 = cpu();
  if (!extract) {
    fmt::print(stderr, "{}", diagnostics.format());
    return 1;
  }
  const auto scope = fit::fit_scope(*extract, "", "", "2019-01-01");
  const auto result = fit::fit_extract(*extract, scope);
  const auto t2 = now();
  const double c2 = cpu();
  std::filesystem::remove(path);
  fmt::print(
      "{} episodes ({} distinct observations), one thread: read {:.2f} s (CPU {:.2f} s), "
      "fit {:.2f} s (CPU {:.2f} s), total {:.2f} s (CPU {:.2f} s)\n",
      extract->episodes.size(), result.los.front().fits.sample.observations.size(), seconds(t0, t1),
      c1 - c0, seconds(t1, t2), c2 - c1, seconds(t0, t2), c2 - c0);
  for (const auto& f : result.los.front().fits.ranked)
    fmt::print("  {:<20} AIC {:.1f}  mean {:.3f}  {}\n", fit::family_name(f.model.family), f.aic, f.mean,
               f.model.describe());
  return 0;
}
