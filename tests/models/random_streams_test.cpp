// The random-stream registry (models/random_streams.hpp): the names decide
// every patient's draws, so a few draws of every kind of name are pinned
// here (a rename fails this test), and the names every shipped scenario
// generates are checked for hash collisions (the registry's collision rule).
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "models/random_streams.hpp"
#include "models/scenario/overlay.hpp"
#include "sim/random_stream.hpp"
#include "tests/fixture_files.hpp"

namespace streams = flowsim::models::streams;
using flowsim::sim::SequentialStream;
using flowsim::sim::StreamKey;
using flowsim::sim::uniform_at;

namespace {

constexpr std::uint64_t kSeed = 20261130;

// The first uniform of a family at coordinates (0, 0, 0, 0).
double first_draw(const std::string& family) { return uniform_at(StreamKey(kSeed, family), 0, 0, 0, 0); }

// A patient's draw for one purpose, at arbitrary fixed coordinates.
double patient_draw(std::uint32_t purpose) {
  return uniform_at(StreamKey(kSeed, streams::source_patients("ae_walk_in")), purpose, 1, 2, 3);
}

void check_no_collisions(const flowsim::models::ModelDefinition& model, const std::string& what) {
  INFO(what);
  const auto purpose = streams::purpose_collision(streams::purpose_names(model));
  if (purpose)
    FAIL_CHECK("purposes '" << purpose->first << "' and '" << purpose->second << "' share 32 bits");
  const auto family = streams::family_collision(streams::family_names(model));
  if (family)
    FAIL_CHECK("families '" << family->first << "' and '" << family->second << "' share 64 bits");
}

}  // namespace

TEST_CASE("Stream names are spelt as they always were", "[streams]") {
  CHECK(streams::arrival_times("ae_walk_in") == "arrivals/ae_walk_in");
  CHECK(streams::source_patients("ae_walk_in") == "patient/ae_walk_in");
  CHECK(streams::census_patients("ward") == "census/ward");
  CHECK(streams::elective_patients("hips") == "elective/hips");
  CHECK(streams::kSweepPoints == "sweep.latin_hypercube");
  CHECK(streams::purpose_name("ward", streams::UnitPurpose::DischargeWindow) == "ward/discharge_window");
  CHECK(streams::purpose_name(streams::SharedPurpose::CensusResidual) == "census/residual");
}

TEST_CASE("Golden draws: the first uniform of every kind of stream family", "[streams]") {
  CHECK(first_draw(streams::arrival_times("ae_walk_in")) == 0x1.1764ba6aaf0a5p-1);
  CHECK(first_draw(streams::source_patients("ae_walk_in")) == 0x1.3f23a897f9871p-1);
  CHECK(first_draw(streams::census_patients("ward")) == 0x1.3381e2bd36867p-1);
  CHECK(first_draw(streams::elective_patients("hips")) == 0x1.aa84c7983d0f5p-1);
  CHECK(first_draw(std::string(streams::kSweepPoints)) == 0x1.82c5d4af1bc6fp-1);
  SequentialStream arrivals(StreamKey(kSeed, streams::arrival_times("ae_walk_in")), 2);
  CHECK(arrivals.next() == 0x1.984f8cd13b692p-2);
  CHECK(arrivals.next() == 0x1.c7b01ada28778p-4);
  CHECK(arrivals.next() == 0x1.28a73b0bca273p-1);
}

TEST_CASE("Golden draws: one patient draw for every kind of purpose", "[streams]") {
  using streams::SharedPurpose;
  using streams::UnitPurpose;
  CHECK(streams::purpose_word("ward", UnitPurpose::Stay) == 0x999986cdU);
  CHECK(streams::purpose_word(SharedPurpose::Group) == 0x46f6e08cU);
  CHECK(patient_draw(streams::purpose_word("ward", UnitPurpose::Stay)) == 0x1.453d0c4655745p-1);
  CHECK(patient_draw(streams::purpose_word("ward", UnitPurpose::Visits)) == 0x1.b4c81e9415d91p-1);
  CHECK(patient_draw(streams::purpose_word("ward", UnitPurpose::Readmission)) == 0x1.67ecf5450c383p-1);
  CHECK(patient_draw(streams::purpose_word("ward", UnitPurpose::DischargeWindow)) ==
        0x1.991626972787ep-2);
  CHECK(patient_draw(streams::purpose_word("ward", UnitPurpose::TransferDelay)) == 0x1.029c3da333c81p-1);
  CHECK(patient_draw(streams::purpose_word(SharedPurpose::Group)) == 0x1.c8c8c7ade082dp-1);
  CHECK(patient_draw(streams::purpose_word(SharedPurpose::Referral)) == 0x1.3276ca4eed01p-5);
  CHECK(patient_draw(streams::purpose_word(SharedPurpose::CensusResidual)) == 0x1.5fe4005b4a2dep-2);
}

TEST_CASE("The collision checks find two names that share a hash", "[streams]") {
  // Units 'u251191' and 'u805080': the first pair of "u<i>/stay" purposes
  // with the same 32 bits (found by a search over i = 0, 1, ...).
  const std::string a = streams::purpose_name("u251191", streams::UnitPurpose::Stay);
  const std::string b = streams::purpose_name("u805080", streams::UnitPurpose::Stay);
  REQUIRE(streams::purpose_word(a) == 0x601dc1f3U);
  REQUIRE(streams::purpose_word(b) == 0x601dc1f3U);
  const auto found = streams::purpose_collision({"group", a, "u1/stay", b});
  REQUIRE(found);
  CHECK(found->first == a);
  CHECK(found->second == b);
  CHECK_FALSE(streams::purpose_collision({"group", a, "u1/stay", a}));  // a repeat is no collision
  CHECK_FALSE(streams::family_collision({"patient/a", "census/a", "arrivals/a"}));
}

TEST_CASE("No shipped scenario generates two stream names with one hash", "[streams]") {
  const std::filesystem::path root(FLOWSIM_SOURCE_DIR);
  std::vector<std::filesystem::path> scenarios = test_files::files_with(root / "scenarios", ".yaml");
  for (const auto& file : test_files::files_with(root / "scenarios" / "validation", ".yaml"))
    scenarios.push_back(file);
  for (const auto& file : scenarios) {
    const auto loaded = flowsim::scenario::load_scenario_with_overlays(file.string(), {});
    REQUIRE(loaded.ok());
    check_no_collisions(*loaded.model, file.filename().string());
  }
  const auto base = (root / "scenarios" / "llr_2016_baseline.yaml").string();
  for (const auto& overlay : test_files::files_with(root / "scenarios" / "interventions", ".yaml")) {
    const auto loaded = flowsim::scenario::load_scenario_with_overlays(base, {overlay.string()});
    REQUIRE(loaded.ok());
    check_no_collisions(*loaded.model, overlay.filename().string());
  }
}
