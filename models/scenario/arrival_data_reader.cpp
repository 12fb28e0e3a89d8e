#include "models/scenario/arrival_data_reader.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <optional>
#include <regex>
#include <sstream>

#include <fmt/format.h>

#include "models/arrival_trace.hpp"
#include "models/scenario/calendar_text.hpp"
#include "models/scenario/scenario_schema.hpp"

namespace flowsim::scenario {

namespace {

using models::ArrivalRecord;

// A file larger than this is not an arrival extract (and could be a device
// that never ends).
constexpr std::uintmax_t kLargestFile = std::uintmax_t{256} << 20;
constexpr double kLargestCount = 1e7;  // per day or hour, as rate_per_day's limit
constexpr double kMostReplayed = 5e7;  // arrivals held in memory for a replay

struct Field {
  std::string text;
  int column = 0;  // 1-based
};

struct Row {
  int line = 0;
  std::vector<Field> fields;
};

std::string trimmed(const std::string& text, std::size_t& lead) {
  lead = text.find_first_not_of(" \t");
  if (lead == std::string::npos) {
    lead = text.size();
    return {};
  }
  const std::size_t last = text.find_last_not_of(" \t");
  return text.substr(lead, last - lead + 1);
}

// Lines of the file, comment ('#') and blank lines dropped, split at commas.
std::vector<Row> read_rows(std::istream& in) {
  std::vector<Row> rows;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::size_t lead = 0;
    const std::string content = trimmed(line, lead);
    if (content.empty() || content.front() == '#') continue;
    Row row{number, {}};
    std::size_t start = 0;
    while (true) {
      const std::size_t comma = line.find(',', start);
      const std::string raw =
          line.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      std::size_t skip = 0;
      std::string text = trimmed(raw, skip);
      row.fields.push_back(Field{std::move(text), static_cast<int>(start + skip) + 1});
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

// "YYYY-MM-DD HH:MM" (or with a 'T', or with seconds): the date as days
// since 1970 and the time of day as a fraction of a day, kept apart so that
// a time relative to the start date is exact.
struct Timestamp {
  std::int64_t date = 0;
  double time_of_day = 0.0;
};

std::optional<Timestamp> parse_timestamp(const std::string& text) {
  static const std::regex pattern(R"(^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$)");
  std::smatch m;
  if (!std::regex_match(text, m, pattern)) return std::nullopt;
  const auto date = parse_date(m[1]);
  const int hour = std::stoi(m[2]);
  const int minute = std::stoi(m[3]);
  const int second = m[4].matched ? std::stoi(m[4]) : 0;
  if (!date || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  return Timestamp{*date, (hour * 3600.0 + minute * 60.0 + second) / 86400.0};
}

std::optional<std::int64_t> parse_integer(const std::string& text) {
  static const std::regex pattern(R"(^[-+]?\d{1,9}$)");
  if (!std::regex_match(text, pattern)) return std::nullopt;
  return std::stoll(text);
}

std::optional<double> parse_number(const std::string& text) {
  static const std::regex pattern(R"(^\+?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$)");
  if (!std::regex_match(text, pattern)) return std::nullopt;
  const double value = std::stod(text);
  return std::isfinite(value) ? std::optional<double>(value) : std::nullopt;
}

class DataFileReader {
 public:
  DataFileReader(const YamlReader& reader, std::string file, std::string path,
                 const models::RunSettings& run, bool whole_counts)
      : reader_(reader),
        file_(std::move(file)),
        path_(std::move(path)),
        run_(run),
        whole_counts_(whole_counts) {}

  // The record on the run's clock before any shift; nullopt after reporting.
  std::optional<ArrivalRecord> read(std::istream& in, const YAML::Node& file_node) {
    const auto rows = read_rows(in);
    if (rows.empty()) {
      fail(
          1, 1,
          "the file is empty: expected a header line (date,count / date,hour,count / arrival) and data");
      return std::nullopt;
    }
    if (!read_header(rows.front())) return std::nullopt;
    if (rows.size() == 1) {
      fail(rows.front().line, 1, "the file has a header but no data lines");
      return std::nullopt;
    }
    for (std::size_t i = 1; i < rows.size(); ++i) read_row(rows[i]);
    if (uses_dates_ && !run_.start_date_days) {
      reader_.error(
          file_node, path_,
          fmt::format("{} gives dates: they need run.start_date (the date of day 0) to be placed in "
                      "the run (or write a 'day' column of day numbers instead)",
                      file_));
      ok_ = false;
    }
    if (!ok_) return std::nullopt;
    if (record_.kind == ArrivalRecord::Kind::Timestamps)
      std::sort(record_.times_days.begin(), record_.times_days.end());
    return std::move(record_);
  }

 private:
  bool read_header(const Row& header) {
    static const std::vector<std::string> known = {"date", "day", "hour", "count", "arrival"};
    for (std::size_t c = 0; c < header.fields.size(); ++c) {
      const Field& field = header.fields[c];
      if (std::find(known.begin(), known.end(), field.text) == known.end()) {
        const std::string suggestion = closest_match(field.text, known);
        fail(
            header.line, field.column,
            fmt::format(
                "unknown column '{}'{}; expected a header of date,count or day,count (counts per "
                "day), date,hour,count or day,hour,count (per hour), or arrival (one arrival a line)",
                field.text, suggestion.empty() ? "" : fmt::format(" (did you mean '{}'?)", suggestion)));
        return false;
      }
      for (std::size_t before = 0; before < c; ++before)
        if (header.fields[before].text == field.text) {
          fail(header.line, field.column, fmt::format("column '{}' is given twice", field.text));
          return false;
        }
      column_[field.text] = c;
    }
    const bool has_day = column_.count("date") || column_.count("day");
    if (column_.count("date") && column_.count("day")) {
      fail(header.line, header.fields[column_["day"]].column,
           "give either a 'date' or a 'day' column, not both");
      return false;
    }
    if (column_.count("arrival")) {
      if (header.fields.size() != 1) {
        fail(header.line, 1, "a file of arrival times has the one column 'arrival'");
        return false;
      }
      record_.kind = ArrivalRecord::Kind::Timestamps;
      return true;
    }
    if (!has_day || !column_.count("count")) {
      fail(header.line, 1,
           "expected a header of date,count or day,count (counts per day), date,hour,count or "
           "day,hour,count "
           "(per hour), or arrival (one arrival a line)");
      return false;
    }
    uses_dates_ = column_.count("date") > 0;
    record_.kind =
        column_.count("hour") ? ArrivalRecord::Kind::HourlyCounts : ArrivalRecord::Kind::DailyCounts;
    return true;
  }

  void read_row(const Row& row) {
    if (row.fields.size() != column_.size()) {
      const Field& last = row.fields.back();
      fail(row.line, last.column,
           fmt::format("expected {} fields, as in the header, got {}", column_.size(),
                       row.fields.size()));
      return;
    }
    if (record_.kind == ArrivalRecord::Kind::Timestamps)
      return read_arrival(row.line, row.fields.front());
    const auto day = read_day(row);
    const auto hour = record_.kind == ArrivalRecord::Kind::HourlyCounts ? read_hour(row)
                                                                        : std::optional<std::int64_t>(0);
    const auto count = read_count(row.line, row.fields[column_.at("count")]);
    // A bad count still holds its day's place, so that it is the only error reported.
    if (!day || !hour) return;
    const std::int64_t bin =
        record_.kind == ArrivalRecord::Kind::HourlyCounts ? *day * 24 + *hour : *day;
    if (record_.counts.empty()) {
      record_.first_bin = bin;
    } else if (bin != expected_bin_) {
      const Field& field = row.fields[column_.count("date") ? column_.at("date") : column_.at("day")];
      fail(row.line, field.column,
           fmt::format("expected {} (the {} after the line before), got {}: counts must be given for "
                       "consecutive {}s, each once, in order",
                       describe_bin(expected_bin_), unit(), describe_bin(bin), unit()));
      // Carry on from this line, so that one gap is one error.
      expected_bin_ = bin + 1;
      return;
    }
    expected_bin_ = bin + 1;
    record_.counts.push_back(count.value_or(0.0));
  }

  std::optional<std::int64_t> read_hour(const Row& row) {
    const Field& field = row.fields[column_.at("hour")];
    const auto hour = parse_integer(field.text);
    if (hour && *hour >= 0 && *hour <= 23) return hour;
    fail(row.line, field.column, fmt::format("expected an hour 0 to 23, got '{}'", field.text));
    return std::nullopt;
  }

  std::optional<std::int64_t> read_day(const Row& row) {
    if (!uses_dates_) {
      const Field& field = row.fields[column_.at("day")];
      const auto day = parse_integer(field.text);
      if (!day)
        fail(row.line, field.column, fmt::format("expected a whole day number, got '{}'", field.text));
      return day;
    }
    const Field& field = row.fields[column_.at("date")];
    const auto date = parse_date(field.text);
    if (!date) {
      fail(row.line, field.column, fmt::format("expected a date YYYY-MM-DD, got '{}'", field.text));
      return std::nullopt;
    }
    // Without a start date (an error reported later) the dates still are checked for gaps.
    return run_.start_date_days ? *date - *run_.start_date_days : *date;
  }

  std::optional<double> read_count(int line, const Field& field) {
    const auto value = parse_number(field.text);
    if (!value || *value > kLargestCount || (whole_counts_ && *value != std::floor(*value))) {
      fail(line, field.column,
           fmt::format("expected a count, {} 0 to {:g}, got '{}'",
                       whole_counts_ ? "a whole number (a replayed count is of patients)" : "a number",
                       kLargestCount, field.text));
      return std::nullopt;
    }
    return value;
  }

  void read_arrival(int line, const Field& field) {
    std::optional<double> day;
    if (const auto when = parse_timestamp(field.text)) {
      uses_dates_ = true;
      day = static_cast<double>(when->date - run_.start_date_days.value_or(0)) + when->time_of_day;
    } else if (const auto number = parse_number(field.text)) {
      day = *number;
    } else if (!field.text.empty() && field.text.front() == '-' && parse_number(field.text.substr(1))) {
      day = -*parse_number(field.text.substr(1));
    }
    if (!day) {
      fail(line, field.column,
           fmt::format(
               "expected an arrival time YYYY-MM-DD HH:MM, or a day number such as 12.375 (day 12, "
               "09:00), got '{}'",
               field.text));
      return;
    }
    record_.times_days.push_back(*day);
  }

  [[nodiscard]] std::string describe_bin(std::int64_t bin) const {
    const bool hourly = record_.kind == ArrivalRecord::Kind::HourlyCounts;
    const std::int64_t day = hourly ? (bin >= 0 ? bin / 24 : -((-bin + 23) / 24)) : bin;
    const std::string day_text = uses_dates_ && run_.start_date_days
                                     ? format_date(*run_.start_date_days + day)
                                     : fmt::format("day {}", day);
    return hourly ? fmt::format("{} hour {}", day_text, bin - day * 24) : day_text;
  }
  [[nodiscard]] const char* unit() const {
    return record_.kind == ArrivalRecord::Kind::HourlyCounts ? "hour" : "day";
  }

  void fail(int line, int column, std::string message) {
    reader_.error_at(SourceLocation{file_, line, column}, path_, std::move(message));
    ok_ = false;
  }

  const YamlReader& reader_;
  std::string file_;
  std::string path_;
  const models::RunSettings& run_;
  bool whole_counts_;
  std::map<std::string, std::size_t> column_;
  bool uses_dates_ = false;
  std::int64_t expected_bin_ = 0;
  ArrivalRecord record_;
  bool ok_ = true;
};

// The file named in the scenario, relative to the scenario's own directory.
std::string resolve(const std::string& scenario_file, const std::string& named) {
  const std::filesystem::path path(named);
  if (path.is_absolute()) return named;
  return (std::filesystem::path(scenario_file).parent_path() / path).lexically_normal().generic_string();
}

std::string describe_day(const models::RunSettings& run, double day) {
  if (!run.start_date_days) return fmt::format("day {:g}", day);
  return fmt::format("{} (day {:g})",
                     format_date(*run.start_date_days + static_cast<std::int64_t>(std::floor(day))),
                     day);
}

}  // namespace

bool read_arrival_data(const YamlReader& reader, const YAML::Node& node, const std::string& path,
                       const models::RunSettings& run, models::ArrivalSource& source) {
  if (!check_keys(reader, node, path, "arrivals.*.data")) return false;
  if (!node["file"] || !node["use"]) return false;
  bool ok = true;
  const auto use = reader.text(node["use"], join_path(path, "use"));
  if (use && *use != "replay" && *use != "poisson") {
    reader.error(
        node["use"], join_path(path, "use"),
        fmt::format("expected 'replay' (the file's arrivals as they are) or 'poisson' (its counts as "
                    "the rate of a Poisson process), got '{}'",
                    *use));
    ok = false;
  }
  const bool replay = use && *use == "replay";
  double scale = 1.0;
  if (node["scale"]) {
    const auto value =
        reader.number(node["scale"], join_path(path, "scale"), number_rule("arrivals.*.data.scale"));
    if (value) scale = *value;
    else ok = false;
  }
  std::int64_t shift = 0;
  if (node["shift_days"]) {
    const YAML::Node shift_node = node["shift_days"];
    const auto value = shift_node.IsScalar() ? parse_integer(shift_node.Scalar()) : std::nullopt;
    if (value && std::abs(*value) <= 36525) {
      shift = *value;
    } else {
      reader.error(
          shift_node, join_path(path, "shift_days"),
          fmt::format("expected a whole number of days (-36525 to 36525; negative moves the file "
                      "earlier), got {}",
                      describe_node(shift_node)));
      ok = false;
    }
  }
  models::PastEnd past_end = models::PastEnd::Error;
  if (node["past_end"]) {
    const auto text = reader.text(node["past_end"], join_path(path, "past_end"));
    if (text && *text == "repeat") {
      past_end = models::PastEnd::Repeat;
    } else if (!text || *text != "error") {
      if (text)
        reader.error(
            node["past_end"], join_path(path, "past_end"),
            fmt::format("expected 'error' (the file must cover the whole run) or 'repeat' (the file "
                        "starts again after its last day), got '{}'",
                        *text));
      ok = false;
    }
  }
  const auto named = reader.text(node["file"], join_path(path, "file"));
  if (!named || !use || !ok) return false;

  const std::string file = resolve(reader.file(), *named);
  const std::string file_path = join_path(path, "file");
  std::error_code error;
  const bool regular = std::filesystem::is_regular_file(file, error);
  std::ifstream in(file, std::ios::binary);
  if (!regular || !in) {
    reader.error(
        node["file"], file_path,
        fmt::format("cannot open the arrival data file '{}' (named relative to the scenario file)",
                    file));
    return false;
  }
  if (std::filesystem::file_size(file, error) > kLargestFile) {
    reader.error(node["file"], file_path,
                 fmt::format("'{}' is larger than {} MiB", file, kLargestFile >> 20));
    return false;
  }
  auto record = DataFileReader(reader, file, file_path, run, replay).read(in, node["file"]);
  if (!record) return false;
  const bool timestamps = record->kind == models::ArrivalRecord::Kind::Timestamps;
  if (timestamps && !replay) {
    reader.error(
        node["use"], join_path(path, "use"),
        fmt::format("{} holds arrival times, which can only be replayed (use: replay); for a Poisson "
                    "process give counts per day or per hour",
                    file));
    return false;
  }
  if (timestamps && scale != 1.0) {
    reader.error(node["scale"], join_path(path, "scale"),
                 "a file of arrival times is replayed as it is: scale applies to counts only");
    return false;
  }
  if (record->kind == models::ArrivalRecord::Kind::HourlyCounts &&
      std::any_of(source.hour_of_day.begin(), source.hour_of_day.end(),
                  [](double m) { return m != 1.0; })) {
    reader.error(
        node["file"], file_path,
        fmt::format("{} counts arrivals per hour: it sets the hour-of-day pattern itself, so remove the "
                    "source's hour_of_day",
                    file));
    return false;
  }
  // Shift onto the run's clock.
  const double bins_per_day = record->bins_per_day();
  record->first_bin += shift * static_cast<std::int64_t>(bins_per_day);
  for (double& t : record->times_days) t += static_cast<double>(shift);
  if (timestamps && record->times_days.empty()) {
    reader.error(node["file"], file_path, fmt::format("{} holds no arrival times", file));
    return false;
  }
  if (past_end == models::PastEnd::Error &&
      (record->begin_day() > 0.0 || record->end_day() < run.horizon_days)) {
    reader.error(
        node["file"], file_path,
        fmt::format("{} covers {} to the end of {}{}, but the run needs {} to the end of {} "
                    "(horizon {:g} days): give data for the whole run, move it with shift_days, or "
                    "let it start again with past_end: repeat",
                    file, describe_day(run, record->begin_day()),
                    describe_day(run, record->end_day() - 1.0),
                    shift != 0 ? fmt::format(" after shift_days {}", shift) : std::string(),
                    describe_day(run, 0.0), describe_day(run, std::ceil(run.horizon_days) - 1.0),
                    run.horizon_days));
    return false;
  }
  if (replay) {
    // A repeating file is copied over the whole run: count its copies first.
    const double copies =
        past_end == models::PastEnd::Repeat
            ? std::ceil(run.horizon_days / (record->end_day() - record->begin_day())) + 1.0
            : 1.0;
    const double in_file =
        timestamps ? static_cast<double>(record->times_days.size())
                   : scale * std::accumulate(record->counts.begin(), record->counts.end(), 0.0);
    if (in_file * copies > kMostReplayed) {
      reader.error(node["file"], file_path,
                   fmt::format("replaying {} would hold more than {:g} arrivals", file, kMostReplayed));
      return false;
    }
    source.replay = true;
    source.replay_days = models::replay_times(*record, source.hour_of_day, run.horizon_days, scale);
    source.rate_per_day = static_cast<double>(source.replay_days.size()) / run.horizon_days;
    return true;
  }
  const auto bins = static_cast<std::size_t>(std::ceil(run.horizon_days * bins_per_day));
  auto counts = models::counts_by_bin(*record, bins, scale);
  // Counts per bin as a rate per day, then as multipliers of its mean.
  for (double& c : counts) c *= bins_per_day;
  const double mean = std::accumulate(counts.begin(), counts.end(), 0.0) / static_cast<double>(bins);
  for (double& c : counts) c = mean > 0.0 ? c / mean : 0.0;
  source.rate_per_day = mean;
  if (record->kind == models::ArrivalRecord::Kind::HourlyCounts) source.rate_by_hour = std::move(counts);
  else source.rate_by_day = std::move(counts);
  return true;
}

}  // namespace flowsim::scenario
