// compare --size-unit end to end: the beds that can close equal the
// difference of two separate `flowsim size` answers (same seed, so exactly),
// a variant identical to the baseline frees 0 beds with band 0, and a
// variant that changes the sized unit's capacity is refused.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "cli_test_support.hpp"

using namespace cli_test;

namespace {

// An M/M/c ward at 0.5 arrivals a day, mean stay 10 days (load 5): Erlang C
// puts P(wait) <= 0.2 at 8 beds. The overlay cuts arrivals to 0.2 a day
// (load 2: 4 beds).
struct Ward {
  fs::path scenario;
  fs::path quieter;
};
Ward ward(const std::string& name) {
  const fs::path folder = kOutput / name;
  fs::create_directories(folder);
  Ward w{folder / "ward.yaml", folder / "quieter.yaml"};
  write_atomically(w.scenario, R"(name: sized ward
run: {horizon_days: 4000, warmup_days: 200, replications: 8, seed: 23}
exits: [home]
units:
  ward:
    capacity: 6
    los: {dist: exponential, mean: 10, unit: days}
    routes: {home: 1}
arrivals:
  admissions: {to: ward, rate_per_day: 0.5}
)");
  write_atomically(
      w.quieter, "overlay: quieter\nchanges:\n  - set: arrivals.admissions.rate_per_day\n    to: 0.2\n");
  return w;
}

const std::string kSizing = " --size-unit ward --size-target 'p_wait <= 0.2' --threads 2";

// `flowsim compare WARD VARIANT_ARGS` with the ward sized, into a fresh
// directory NAME_out, required to exit with 'exit_code'; returns the
// outcome and that directory.
std::pair<Outcome, fs::path> compare_sized(const Ward& w, const std::string& variant_args,
                                           const std::string& name, int exit_code = 0) {
  const fs::path dir = fresh_dir(name + "_out");
  auto outcome = flowsim(
      "compare " + quoted(w.scenario) + " " + variant_args + kSizing + " --out " + quoted(dir), name);
  INFO(outcome.out << outcome.err);
  REQUIRE(outcome.exit_code == exit_code);
  return {std::move(outcome), dir};
}

}  // namespace

TEST_CASE("compare --size-unit: beds that can close equal the difference of two flowsim size answers",
          "[cli][compare][compare_sizing]") {
  const Ward w = ward("compare_sizing_known");
  const auto [r, dir] = compare_sized(w, "--with " + quoted(w.quieter), "compare_sizing_known");

  nlohmann::json sized[2];
  for (int with = 0; with < 2; ++with) {
    const fs::path out = fresh_dir(with ? "compare_sizing_size_with" : "compare_sizing_size_base");
    const auto s =
        flowsim("size " + quoted(w.scenario) + (with ? " --with " + quoted(w.quieter) : std::string()) +
                    " --unit ward --target 'p_wait <= 0.2' --threads 2 --out " + quoted(out),
                with ? "compare_sizing_size_with" : "compare_sizing_size_base");
    INFO(s.out << s.err);
    REQUIRE(s.exit_code == 0);
    sized[with] = nlohmann::json::parse(slurp(out / "size.json"));
  }
  const long base_met = sized[0]["capacity"];
  const long variant_met = sized[1]["capacity"];
  CHECK(base_met >= 8);  // never below the Erlang C answers
  CHECK(variant_met >= 4);
  REQUIRE(sized[0]["band"]["fails_with_confidence"].is_number_integer());
  REQUIRE(sized[1]["band"]["fails_with_confidence"].is_number_integer());
  const long base_fails = sized[0]["band"]["fails_with_confidence"];
  const long variant_fails = sized[1]["band"]["fails_with_confidence"];

  const auto json = nlohmann::json::parse(slurp(dir / "compare.json"));
  const auto& sizing = json["sizing"];
  CHECK(sizing["unit"] == "ward");
  CHECK(sizing["targets"][0]["metric"] == "unit.ward.p_wait");
  const auto& base = sizing["scenarios"]["ward"];
  const auto& variant = sizing["scenarios"]["quieter"];
  CHECK(base["met_with_confidence"] == base_met);
  CHECK(base["fails_with_confidence"] == base_fails);
  CHECK(variant["met_with_confidence"] == variant_met);
  CHECK(variant["fails_with_confidence"] == variant_fails);
  CHECK(base["capacities_simulated"] == sized[0]["evaluations"]);
  const auto& beds = variant["beds_can_close"];
  CHECK(beds["beds"] == base_met - variant_met);
  CHECK(beds["band"]["low"] == std::min(base_met - variant_met, base_fails - variant_fails));
  CHECK(beds["band"]["high"] == std::max(base_met - variant_met, base_fails - variant_fails));
  CHECK(beds["widest"]["low"] == base_fails + 1 - variant_met);
  CHECK(beds["widest"]["high"] == base_met - variant_fails - 1);
  // Next to it, the paired difference in mean occupied beds (about 5 - 2).
  const double occupied = variant["occupied_beds_difference"]["mean"];
  CHECK(occupied == json["metrics"]["unit.ward.occupancy_mean"]["quieter"]["difference"]["mean"]);
  CHECK(occupied < -2.5);
  CHECK(occupied > -3.5);

  const auto rows = lines_of(slurp(dir / "compare_sizing.csv"));
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].rfind("scenario,role,unit,targets,current_capacity,met_with_confidence,", 0) == 0);
  CHECK(rows[1].rfind(fmt::format("ward,baseline,ward,\"p_wait <= 0.2\",6,{},", base_met), 0) == 0);
  CHECK(rows[2].find(fmt::format(",{},", base_met - variant_met)) != std::string::npos);

  CHECK(r.out.find("Beds that can close: ward sized on each scenario to keep p_wait <= 0.2") !=
        std::string::npos);
  CHECK(r.out.find(fmt::format("{} beds can close while keeping p_wait <= 0.2",
                               base_met - variant_met)) != std::string::npos);
  CHECK(r.out.find("fewer occupied beds of ward on average") != std::string::npos);
  CHECK(r.out.find("headroom") != std::string::npos);
}

TEST_CASE("compare --size-unit: the low end of --size-range meeting the targets leaves the beds unknown",
          "[cli][compare][compare_sizing]") {
  const Ward w = ward("compare_sizing_range");
  const auto [r, dir] =
      compare_sized(w, "--size-range 5:20 --with " + quoted(w.quieter), "compare_sizing_range");
  CHECK(r.out.find("beds that can close: unknown, because the low end of --size-range already meets the "
                   "targets on quieter (widen the range)") != std::string::npos);
  const auto json = nlohmann::json::parse(slurp(dir / "compare.json"));
  CHECK(json["sizing"]["scenarios"]["quieter"]["beds_can_close"]["beds"].is_null());
}

TEST_CASE("compare --size-unit: a variant identical to the baseline frees 0 beds, band 0",
          "[cli][compare][compare_sizing]") {
  const Ward w = ward("compare_sizing_same");
  const auto [r, dir] =
      compare_sized(w, "--quiet --variant " + quoted(w.scenario), "compare_sizing_same");
  const auto json = nlohmann::json::parse(slurp(dir / "compare.json"));
  const auto& beds = json["sizing"]["scenarios"]["ward#2"]["beds_can_close"];
  CHECK(beds["beds"] == 0);
  CHECK(beds["band"]["low"] == 0);
  CHECK(beds["band"]["high"] == 0);
  CHECK(json["sizing"]["scenarios"]["ward#2"]["occupied_beds_difference"]["mean"] == 0.0);
}

TEST_CASE(
    "compare --size-unit: a variant changing the sized unit's capacity is refused, nothing written",
    "[cli][compare][compare_sizing]") {
  const Ward w = ward("compare_sizing_refused");
  const fs::path more_beds = kOutput / "compare_sizing_refused" / "more_beds.yaml";
  write_atomically(more_beds, "overlay: more beds\nchanges:\n  - set: units.ward.capacity\n    to: 9\n");
  const auto [r, dir] = compare_sized(w, "--with " + quoted(more_beds), "compare_sizing_refused", 2);
  CHECK(r.err.find("--size-unit ward: variant more_beds changes ward's capacity (6 -> 9)") !=
        std::string::npos);
  CHECK(r.err.find(fmt::format("  flowsim size {} --unit ward --target 'p_wait <= 0.2'\n",
                               w.scenario.string())) != std::string::npos);
  CHECK_FALSE(fs::exists(dir));

  // A target the unit does not have, and --size-target alone, are refused too.
  const auto bad = flowsim("compare " + quoted(w.scenario) + " --with " + quoted(w.quieter) +
                               " --size-unit ward --size-target 'p_wiat <= 0.2' --out " + quoted(dir),
                           "compare_sizing_bad_target");
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("p_wiat") != std::string::npos);
  const auto alone = flowsim("compare " + quoted(w.scenario) + " --with " + quoted(w.quieter) +
                                 " --size-target 'p_wait <= 0.2' --out " + quoted(dir),
                             "compare_sizing_alone");
  CHECK(alone.exit_code == 2);
  CHECK(alone.err.find("--size-unit and --size-target go together") != std::string::npos);
  CHECK_FALSE(fs::exists(dir));
}
