// The episode and attendance readers: every bad row reported at once with
// file:line:column and the column's name (fixtures in tests/data/bad_fit:
// NAME.csv read as a file named NAME.csv must give exactly NAME.expected),
// and what good rows become: censoring, whole days, the extract moment.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "tests/fixture_files.hpp"
#include "tools/fit/episode_reader.hpp"

namespace fs = std::filesystem;
using flowsim::fit::read_extract_text;
using flowsim::scenario::Diagnostics;

TEST_CASE("Every bad extract fixture gives exactly the expected diagnostics", "[fit]") {
  const fs::path folder = fs::path(FLOWSIM_SOURCE_DIR) / "tests" / "data" / "bad_fit";
  const auto fixtures = test_files::files_with(folder, ".csv");
  REQUIRE(fixtures.size() >= 4);
  fs::create_directories(FLOWSIM_TEST_OUTPUT_DIR);
  for (const auto& csv : fixtures) {
    const std::string name = csv.filename().string();
    INFO("fixture " << name);
    Diagnostics diagnostics;
    const auto extract = read_extract_text(test_files::slurp(csv), name, "", diagnostics);
    CHECK_FALSE(extract);
    // The actual text beside the build, to compare by eye when it differs.
    std::ofstream(fs::path(FLOWSIM_TEST_OUTPUT_DIR) / (name + ".actual")) << diagnostics.format();
    fs::path expected = csv;
    expected.replace_extension(".expected");
    REQUIRE(fs::exists(expected));
    CHECK(diagnostics.format() == test_files::slurp(expected));
  }
}

TEST_CASE("Good rows: still in, whole days, and the extract moment", "[fit]") {
  const std::string text =
      "episode_id,unit,admitted,discharged\n"
      "a,ward,2019-01-01,2019-01-04\n"
      "b,ward,2019-01-02 10:00,2019-01-02 22:00\n"
      "c,ward,2019-01-03,\n";
  Diagnostics diagnostics;
  const auto extract = read_extract_text(text, "x.csv", "", diagnostics);
  REQUIRE(extract);
  REQUIRE(extract->episodes.size() == 3);
  CHECK(extract->episodes[0].whole_days);
  CHECK_FALSE(extract->episodes[1].whole_days);
  CHECK(extract->episodes[1].discharged.value() - extract->episodes[1].admitted == Approx(0.5));
  CHECK_FALSE(extract->episodes[2].discharged);
  // The latest date is 2019-01-04, a whole day: the extract is taken at its end.
  CHECK(extract->extract_moment == Approx(extract->episodes[0].admitted + 4.0));
  // An explicit date-time is taken as it stands; a stay ending after it is an error.
  Diagnostics late;
  CHECK_FALSE(read_extract_text(text, "x.csv", "2019-01-03 12:00", late));
  CHECK(late.format() ==
        "x.csv:2:19: error: this stay ends after the extract date 2019-01-03 12:00:00\n");
}

TEST_CASE("An A&E attendance extract is read as stays in the unit ae", "[fit]") {
  Diagnostics diagnostics;
  const auto extract = read_extract_text(
      "arrived,departed,admitted_to\n2019-01-31 14:05,2019-01-31 18:05,ward\n"
      "2019-01-31 15:00,2019-01-31 16:00,\n",
      "ae.csv", "", diagnostics);
  REQUIRE(extract);
  REQUIRE(extract->episodes.size() == 2);
  CHECK(extract->episodes[0].unit == "ae");
  CHECK(extract->episodes[0].destination == "ward");
  CHECK(extract->episodes[1].destination == "discharged");
  CHECK(extract->episodes[0].discharged.value() - extract->episodes[0].admitted == Approx(4.0 / 24));
}

TEST_CASE("Each file of an extract has its own extract date by default", "[fit]") {
  const fs::path dir = fs::path(FLOWSIM_TEST_OUTPUT_DIR) / "two_files";
  fs::create_directories(dir);
  std::ofstream(dir / "episodes.csv") << "episode_id,unit,admitted,discharged,source\n"
                                         "a,ward,2019-01-01,2019-03-01,ae\n"
                                         "b,ward,2019-02-01,,ae\n";
  std::ofstream(dir / "ae.csv") << "arrived,departed,admitted_to\n"
                                   "2019-01-10 10:00,2019-01-10 14:00,ward\n"
                                   "2019-01-11 10:00,,\n";
  Diagnostics diagnostics;
  const auto extract = flowsim::fit::read_extracts(
      {(dir / "episodes.csv").string(), (dir / "ae.csv").string()}, "", diagnostics);
  REQUIRE(extract);
  REQUIRE(extract->files.size() == 2);
  const double day0 = extract->episodes[0].admitted;               // 2019-01-01
  CHECK(extract->files[0].extract_moment == Approx(day0 + 60.0));  // end of 2019-03-01
  CHECK(extract->files[1].extract_moment ==
        Approx(day0 + 10.0 + 10.0 / 24));  // its latest moment, the last arrival
  CHECK(extract->extract_moment == extract->files[0].extract_moment);
  // The A&E patient still in is censored at its own file's moment.
  CHECK(extract->episodes[3].censored_at == extract->files[1].extract_moment);
  CHECK(extract->episodes[1].censored_at == extract->files[0].extract_moment);
}
