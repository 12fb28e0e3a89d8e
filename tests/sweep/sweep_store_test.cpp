// The SQLite store: description, replications stored and read back exactly
// (NaN included), the list of finished work, and integrity.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <limits>

#include "tools/sweep/sweep_store.hpp"

namespace fs = std::filesystem;
using flowsim::models::ReplicationResult;
using flowsim::sweep::SweepStore;

TEST_CASE("The store keeps replications exactly and lists finished work", "[sweep]") {
  const fs::path dir = fs::path(FLOWSIM_TEST_OUTPUT_DIR) / "store";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string path = (dir / "sweep.sqlite").string();

  flowsim::sweep::SweepDefinition sweep;
  flowsim::sweep::SweepParameter p;
  p.name = "beds, acute";  // a comma, to be quoted in CSV
  p.path = "units.acute.capacity";
  p.values = {{"10", true}, {"twenty", false}};
  sweep.parameters = {p};
  const std::vector<flowsim::sweep::SweepPoint> points = {{{{"10", true}}}, {{{"twenty", false}}}};

  ReplicationResult r;
  r.replication = 3;
  r.events = 77;
  r.metrics = {
      {"m.first", 0.1 + 0.2}, {"m.nan", std::numeric_limits<double>::quiet_NaN()}, {"m.tiny", 4.9e-324}};
  {
    SweepStore store(path);
    CHECK(store.meta().empty());
    store.describe({{"seed", "5"}}, sweep, points);
    store.store({{1, &r}});
  }
  SweepStore store(path);  // reopened: what was committed is there
  CHECK(store.meta() == std::map<std::string, std::string>{{"seed", "5"}});
  CHECK(store.parameter_names() == std::vector<std::string>{"beds, acute"});
  const auto values = store.point_values();
  REQUIRE(values.size() == 2);
  CHECK(values[1][0].text == "twenty");
  CHECK_FALSE(values[1][0].is_number);
  CHECK(store.finished() == std::vector<std::pair<std::uint32_t, std::uint32_t>>{{1, 3}});
  std::vector<double> read;
  store.for_each_value(
      [&](std::uint32_t point, std::uint32_t replication, const std::string&, double value) {
        CHECK(point == 1);
        CHECK(replication == 3);
        read.push_back(value);
      });
  REQUIRE(read.size() == 3);
  CHECK(read[0] == 0.1 + 0.2);  // bit for bit
  CHECK(std::isnan(read[1]));
  CHECK(read[2] == 4.9e-324);
  // A replication stored twice is refused, and the failed batch leaves nothing behind.
  ReplicationResult other = r;
  other.replication = 4;
  CHECK_THROWS(store.store({{0, &other}, {1, &r}}));
  CHECK(store.finished().size() == 1);
  CHECK(store.integrity_check() == "ok");
}
