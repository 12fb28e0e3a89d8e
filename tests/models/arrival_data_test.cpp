// Arrivals from data (arrivals.<source>.data): a CSV of counts per day or per
// hour, or of arrival times, replayed exactly or used as the rate of a
// Poisson process; scaled, shifted, and repeated past the file's end; errors
// in the file at its own file:line:column.
#include "model_test_support.hpp"

#include "models/scenario/overlay.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <boost/math/distributions/chi_squared.hpp>

using namespace flowsim::test;
namespace fs = std::filesystem;

namespace {

// A folder of its own for each test, holding the scenario and its data file.
class DataFolder {
 public:
  explicit DataFolder(const std::string& name)
      : dir_(fs::temp_directory_path() / ("flowsim_arrival_data_" + name)) {
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  ~DataFolder() {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  DataFolder(const DataFolder&) = delete;
  DataFolder& operator=(const DataFolder&) = delete;

  void write(const std::string& file, const std::string& text) const {
    std::ofstream out(dir_ / file, std::ios::binary);
    out << text;
  }
  [[nodiscard]] flowsim::scenario::LoadResult load(const std::string& yaml) const {
    return flowsim::scenario::load_scenario_text(yaml, (dir_ / "scenario.yaml").string());
  }
  [[nodiscard]] std::string path(const std::string& file) const { return (dir_ / file).string(); }

 private:
  fs::path dir_;
};

// One source into an unlimited ward: 'run' and 'source' complete it.
std::string scenario(const std::string& run, const std::string& source) {
  return fmt::format(R"(
name: data
run: {}
exits: [home]
units:
  ward:
    capacity: unlimited
    los: {{dist: fixed, value: 1, unit: hours}}
    routes: {{home: 1}}
arrivals:
  walk_in:
    to: ward
{}
)",
                     run, source);
}

std::shared_ptr<const flowsim::models::ModelDefinition> loaded(
    const flowsim::scenario::LoadResult& result) {
  INFO(result.diagnostics.format());
  REQUIRE(result.ok());
  return result.model;
}

std::vector<double> arrival_times(const flowsim::models::ReplicationResult& result) {
  std::vector<double> times;
  for (const auto& e : events_of(result, EventLogKind::Arrive)) times.push_back(e.time_days);
  return times;
}

std::map<std::int64_t, double> per_day(const std::vector<double>& times) {
  std::map<std::int64_t, double> counts;
  for (const double t : times) ++counts[static_cast<std::int64_t>(std::floor(t))];
  return counts;
}

// Counts with a weekly and a slow seasonal pattern, all different.
double synthetic_count(int day) {
  return 20.0 + 9.0 * (day % 7 == 5 || day % 7 == 6) + (day * 37) % 11 + day / 30;
}

std::string daily_file(int days, int first_day = 0) {
  std::string text = "# synthetic counts for a test\nday,count\n";
  for (int d = first_day; d < first_day + days; ++d)
    text += fmt::format("{},{}\n", d, synthetic_count(d));
  return text;
}

// 'days' of synthetic daily counts, used ('replay' or 'poisson') over a run
// of as many days, with an hour-of-day profile.
std::shared_ptr<const flowsim::models::ModelDefinition> daily_counts_model(
    const DataFolder& folder, int days, const std::string& use, const std::string& hour_of_day) {
  folder.write("counts.csv", daily_file(days));
  return loaded(folder.load(scenario(
      fmt::format("{{horizon_days: {}, warmup_days: 0, replications: 2, seed: 4}}", days),
      fmt::format("    hour_of_day: {}\n    data: {{file: counts.csv, use: {}}}", hour_of_day, use))));
}

// Each observed count within 4 Poisson standard deviations of its mean, and
// the chi-square statistic of them all below its 99.9% point.
void check_poisson_counts(const std::vector<double>& seen, const std::vector<double>& means,
                          const char* what) {
  REQUIRE(seen.size() == means.size());
  double chi_square = 0.0;
  for (std::size_t i = 0; i < seen.size(); ++i) {
    INFO(what << " " << i << ": " << seen[i] << " arrivals, expected " << means[i]);
    CHECK(std::abs(seen[i] - means[i]) <= 4.0 * std::sqrt(means[i]));
    chi_square += (seen[i] - means[i]) * (seen[i] - means[i]) / means[i];
  }
  INFO(what << "s: chi-square " << chi_square << " with " << seen.size() << " degrees of freedom");
  CHECK(chi_square <
        boost::math::quantile(boost::math::chi_squared(static_cast<double>(seen.size())), 0.999));
}

}  // namespace

TEST_CASE("Replay gives exactly the file's arrivals: the count of each day, and no random numbers",
          "[models][arrival_data]") {
  const DataFolder folder("replay_counts");
  const auto model = daily_counts_model(
      folder, 60, "replay", "[0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0]");
  const auto first = arrival_times(run_once(model, 0));
  const auto counts = per_day(first);
  for (int d = 0; d < 60; ++d) {
    INFO("day " << d);
    CHECK(counts.count(d) == 1);
    if (counts.count(d)) CHECK(counts.at(d) == synthetic_count(d));
  }
  // Placed by the hour-of-day profile: only 08:00 to 18:00.
  for (const double t : first) {
    const double hour = (t - std::floor(t)) * 24.0;
    CHECK((hour >= 8.0 && hour < 18.0));
  }
  // Another replication (another seed would do the same) replays the same times.
  CHECK(arrival_times(run_once(model, 1)) == first);
}

TEST_CASE("Replay of arrival times keeps each timestamp exactly", "[models][arrival_data]") {
  const DataFolder folder("replay_times");
  folder.write("times.csv",
               "arrival\n2024-01-01 00:00\n2024-01-01 09:15\n2024-01-03 23:59\n2024-01-02 12:30:30\n"
               "2024-01-05 07:00\n");
  const auto model = loaded(folder.load(
      scenario("{horizon_days: 5, warmup_days: 0, replications: 1, seed: 1, start_date: 2024-01-01}",
               "    data: {file: times.csv, use: replay}")));
  const std::vector<double> expected = {0.0, 555.0 / 1440.0, 1.0 + 45030.0 / 86400.0,
                                        2.0 + 1439.0 / 1440.0, 4.0 + 420.0 / 1440.0};
  CHECK(model->sources[0].replay_days == expected);
  CHECK(arrival_times(run_once(model)) == expected);
}

TEST_CASE("Replayed arrival times repeat with the period of the days they cover, shifted",
          "[models][arrival_data]") {
  // Two days of times (day numbers), moved one day later, repeated over 7 days:
  // the copies start on days -1, 1, 3 and 5.
  const DataFolder folder("repeat_times");
  folder.write("times.csv", "arrival\n0.25\n1.5\n0.75\n");
  const auto model =
      loaded(folder.load(scenario("{horizon_days: 7, warmup_days: 0, replications: 1, seed: 1}",
                                  "    data: {file: times.csv, use: replay, shift_days: 1, "
                                  "past_end: repeat}")));
  const std::vector<double> expected = {0.5, 1.25, 1.75, 2.5, 3.25, 3.75, 4.5, 5.25, 5.75, 6.5};
  CHECK(model->sources[0].replay_days == expected);
  CHECK(arrival_times(run_once(model)) == expected);
}

TEST_CASE("Poisson from daily counts: the counts of each day and month follow the file's rate",
          "[models][arrival_data]") {
  // 720 days of counts, composed with an hour-of-day profile; every day and
  // every 30-day month is a Poisson count with the file's mean.
  const DataFolder folder("poisson_days");
  const auto model =
      daily_counts_model(folder, 720, "poisson",
                         "[1, 1, 1, 1, 1, 1, 1, 1, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 1, 1, 1, 1]");
  CHECK_FALSE(model->sources[0].replay);
  const auto times = arrival_times(run_once(model));
  const auto counts = per_day(times);
  std::vector<double> day_seen(720, 0.0);
  std::vector<double> day_mean(720, 0.0);
  std::vector<double> month_seen(24, 0.0);
  std::vector<double> month_mean(24, 0.0);
  for (int d = 0; d < 720; ++d) {
    const auto i = static_cast<std::size_t>(d);
    day_seen[i] = counts.count(d) ? counts.at(d) : 0.0;
    day_mean[i] = synthetic_count(d);
    month_seen[i / 30] += day_seen[i];
    month_mean[i / 30] += day_mean[i];
  }
  check_poisson_counts(day_seen, day_mean, "day");
  check_poisson_counts(month_seen, month_mean, "month");
  // The hour profile still shapes each day: 08:00-20:00 carry 36 of 48 weight units.
  double daytime = 0.0;
  for (const double t : times) {
    const double hour = (t - std::floor(t)) * 24.0;
    daytime += hour >= 8.0 && hour < 20.0;
  }
  check_share(daytime, static_cast<double>(times.size()), 36.0 / 48.0);
  // Reproducible: the same replication draws the same arrivals.
  CHECK(arrival_times(run_once(model)) == times);
}

TEST_CASE("Poisson from hourly counts: each hour's arrivals follow the file's rate",
          "[models][arrival_data]") {
  const DataFolder folder("poisson_hours");
  std::string text = "date,hour,count\n";
  std::vector<double> per_hour;
  for (int d = 0; d < 7; ++d)
    for (int h = 0; h < 24; ++h) {
      const double count = (h >= 9 && h < 17 ? 12.0 : 2.0) + d;
      per_hour.push_back(count);
      text += fmt::format("2024-03-{:02},{},{}\n", d + 4, h, count);
    }
  folder.write("hours.csv", text);
  const auto model = loaded(folder.load(
      scenario("{horizon_days: 7, warmup_days: 0, replications: 40, seed: 5, start_date: 2024-03-04}",
               "    data: {file: hours.csv, use: poisson}")));
  // 40 replications: each hour of the week is Poisson with 40 x its count.
  std::vector<double> seen(per_hour.size(), 0.0);
  for (std::uint32_t r = 0; r < 40; ++r)
    for (const double t : arrival_times(run_once(model, r)))
      ++seen.at(static_cast<std::size_t>(std::floor(t * 24.0)));
  std::vector<double> means;
  for (const double count : per_hour) means.push_back(40.0 * count);
  check_poisson_counts(seen, means, "hour");
}

TEST_CASE("Scale and shift are exact", "[models][arrival_data]") {
  const DataFolder folder("scale_shift");
  // The file covers days -3 to 56; shifted 3 days later it covers 0 to 59.
  folder.write("counts.csv", daily_file(60, -3));
  const std::string run = "{horizon_days: 60, warmup_days: 0, replications: 1, seed: 2}";
  const auto poisson = loaded(folder.load(
      scenario(run, "    data: {file: counts.csv, use: poisson, scale: 1.1, shift_days: 3}")));
  const auto& source = poisson->sources[0];
  REQUIRE(source.rate_by_day.size() == 60);
  for (int d = 0; d < 60; ++d)
    CHECK(source.rate_per_day * source.rate_by_day[d] == Approx(1.1 * synthetic_count(d - 3)));

  const auto replay = loaded(folder.load(
      scenario(run, "    data: {file: counts.csv, use: replay, scale: 1.5, shift_days: 3}")));
  const auto counts = per_day(arrival_times(run_once(replay)));
  // The rounding is carried from day to day: after each day, the arrivals so
  // far are the scaled counts so far, rounded.
  double file_so_far = 0.0;
  double replayed_so_far = 0.0;
  for (int d = 0; d < 60; ++d) {
    file_so_far += synthetic_count(d - 3);
    replayed_so_far += counts.count(d) ? counts.at(d) : 0.0;
    INFO("day " << d);
    CHECK(replayed_so_far == std::round(1.5 * file_so_far));
  }
}

TEST_CASE("Past the end of the file: an error at load, or the file repeats", "[models][arrival_data]") {
  const DataFolder folder("past_end");
  folder.write("counts.csv", daily_file(10));
  const std::string run = "{horizon_days: 25, warmup_days: 0, replications: 1, seed: 2}";
  const auto refused = folder.load(scenario(run, "    data: {file: counts.csv, use: replay}"));
  CHECK_FALSE(refused.ok());
  CHECK_THAT(
      refused.diagnostics.format(),
      Catch::Contains("covers day 0 to the end of day 9, but the run needs day 0 to the end of day 24 "
                      "(horizon 25 days)") &&
          Catch::Contains("past_end: repeat") && Catch::Contains("scenario.yaml:"));
  const auto repeated =
      loaded(folder.load(scenario(run, "    data: {file: counts.csv, use: replay, past_end: repeat}")));
  const auto counts = per_day(arrival_times(run_once(repeated)));
  for (int d = 0; d < 25; ++d) {
    INFO("day " << d);
    CHECK(counts.at(d) == synthetic_count(d % 10));
  }
  // A file that starts after day 0 repeats backwards too.
  folder.write("late.csv", daily_file(10, 4));
  const auto late =
      loaded(folder.load(scenario(run, "    data: {file: late.csv, use: poisson, past_end: repeat}")));
  CHECK(late->sources[0].rate_per_day * late->sources[0].rate_by_day[0] == Approx(synthetic_count(10)));
  CHECK(late->sources[0].rate_per_day * late->sources[0].rate_by_day[4] == Approx(synthetic_count(4)));
}

TEST_CASE("Errors in the data file are reported at its file:line:column", "[models][arrival_data]") {
  const DataFolder folder("errors");
  const std::string run =
      "{horizon_days: 4, warmup_days: 0, replications: 1, seed: 2, start_date: 2024-01-01}";
  const auto diagnostics = [&](const std::string& text, const std::string& use = "replay") {
    folder.write("bad.csv", text);
    const auto result = folder.load(scenario(run, "    data: {file: bad.csv, use: " + use + "}"));
    CHECK_FALSE(result.ok());
    return result.diagnostics.format();
  };
  const std::string file = folder.path("bad.csv");
  CHECK(diagnostics("date,count\n2024-01-01,3\n2024-01-02,x\n2024-01-03,2\n2024-01-04,1\n") ==
        file +
            ":3:12: error: expected a count, a whole number (a replayed count is of patients) 0 to "
            "1e+07, got 'x'\n"
            "    at arrivals.walk_in.data.file\n");
  // A Poisson rate may be a mean (not whole), a replayed count may not.
  CHECK_THAT(diagnostics("date,count\n2024-01-01,3\n2024-01-02,2.5\n2024-01-03,2\n2024-01-04,1\n"),
             Catch::StartsWith(file + ":3:12: error: expected a count, a whole number"));
  // A gap is one error: the lines after it are read on from the day they give.
  CHECK(diagnostics("date,count\n2024-01-01,3\n2024-01-03,2\n2024-01-04,1\n2024-01-05,1\n") ==
        file +
            ":3:1: error: expected 2024-01-02 (the day after the line before), got 2024-01-03: counts "
            "must be "
            "given for consecutive days, each once, in order\n    at arrivals.walk_in.data.file\n");
  CHECK_THAT(diagnostics("# comment\n\ndate,count\n2024-02-30,3\n"),
             Catch::StartsWith(file + ":4:1: error: expected a date YYYY-MM-DD, got '2024-02-30'"));
  CHECK_THAT(diagnostics("date, cuont\n2024-01-01,3\n"),
             Catch::StartsWith(file + ":1:7: error: unknown column 'cuont' (did you mean 'count'?)"));
  CHECK_THAT(diagnostics("date,count\n2024-01-01,3\n2024-01-02,3,4\n"),
             Catch::StartsWith(file + ":3:14: error: expected 2 fields, as in the header, got 3"));
  CHECK_THAT(diagnostics("day,hour,count\n0,0,3\n0,24,3\n", "poisson"),
             Catch::StartsWith(file + ":3:3: error: expected an hour 0 to 23, got '24'"));
  CHECK_THAT(diagnostics("arrival\n2024-01-01 10:00\n2024-01-02 25:00\n"),
             Catch::StartsWith(file + ":3:1: error: expected an arrival time YYYY-MM-DD HH:MM"));
  CHECK_THAT(diagnostics("arrival\n2024-01-01 10:00\n2024-01-03 11:00\n", "poisson"),
             Catch::Contains("holds arrival times, which can only be replayed (use: replay)"));
  // Every error of the file in one pass.
  const auto several = diagnostics("date,count\n2024-01-01,-1\n2024-01-02,x\n");
  CHECK_THAT(several, Catch::Contains(file + ":2:12:") && Catch::Contains(file + ":3:12:"));
  // A missing file is named relative to the scenario.
  const auto missing = folder.load(scenario(run, "    data: {file: nowhere.csv, use: replay}"));
  CHECK_THAT(missing.diagnostics.format(), Catch::Contains(folder.path("nowhere.csv")) &&
                                               Catch::Contains("named relative to the scenario file"));
  // Through an overlay, an error in the file still points into the file.
  folder.write("bad.csv", "date,count\n2024-01-01,3\n2024-01-02,x\n2024-01-03,2\n2024-01-04,1\n");
  const auto overlaid = flowsim::scenario::load_scenario_text_with_overlays(
      scenario(run, "    rate_per_day: 3"), folder.path("scenario.yaml"),
      {{"data.yaml",
        "overlay: from data\nchanges:\n  - remove: arrivals.walk_in.rate_per_day\n"
        "  - add: arrivals.walk_in.data\n    value: {file: bad.csv, use: replay}\n"}});
  CHECK_THAT(overlaid.diagnostics.format(), Catch::StartsWith(file + ":3:12: error: expected a count"));
  // Dates need run.start_date.
  folder.write("dated.csv", "date,count\n2024-01-01,3\n");
  const auto undated =
      folder.load(scenario("{horizon_days: 1, warmup_days: 0, replications: 1, seed: 2}",
                           "    data: {file: dated.csv, use: replay}"));
  CHECK_THAT(undated.diagnostics.format(), Catch::Contains("need run.start_date"));
}
