#include "tools/fit/episode_reader.hpp"

#include <algorithm>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "tools/fit/date_time.hpp"

namespace flowsim::fit {

namespace {

struct Field {
  std::string text;
  int column = 0;  // 1-based character position of the field's start
};

// One CSV line split at commas; a field may be double-quoted ("" inside is a
// quote). Surrounding spaces are trimmed.
std::vector<Field> split_csv(const std::string& line) {
  std::vector<Field> fields;
  std::size_t i = 0;
  while (true) {
    Field f;
    f.column = static_cast<int>(i) + 1;
    while (i < line.size() && line[i] == ' ') ++i;
    if (i < line.size() && line[i] == '"') {
      ++i;
      while (i < line.size()) {
        if (line[i] == '"' && i + 1 < line.size() && line[i + 1] == '"') {
          f.text += '"';
          i += 2;
        } else if (line[i] == '"') {
          ++i;
          break;
        } else {
          f.text += line[i++];
        }
      }
      while (i < line.size() && line[i] != ',') ++i;
    } else {
      while (i < line.size() && line[i] != ',') f.text += line[i++];
      while (!f.text.empty() && f.text.back() == ' ') f.text.pop_back();
    }
    fields.push_back(std::move(f));
    if (i >= line.size()) break;
    ++i;  // the comma
  }
  return fields;
}

const std::vector<std::string> kEpisodeColumns = {"episode_id", "unit",   "admitted",   "discharged",
                                                  "group",      "source", "destination"};
const std::vector<std::string> kEpisodeRequired = {"episode_id", "unit", "admitted", "discharged"};
const std::vector<std::string> kAttendanceColumns = {"arrived", "departed", "admitted_to"};
const std::vector<std::string> kAttendanceRequired = {"arrived", "departed"};

struct Reader {
  const std::string& file;
  scenario::Diagnostics& diagnostics;
  void error(int line, int column, const std::string& name, const std::string& message) const {
    diagnostics.error({file, line, column}, name.empty() ? "" : "column " + name, message);
  }
};

struct ParsedFile {
  std::vector<Episode> episodes;
  std::vector<int> discharged_columns;  // per episode, for errors found later
  bool has_group = false, has_source = false, has_destination = false;
  double latest = 0.0;  // the latest moment in the file (end of day for dates)
};

double end_of(const Moment& m) { return m.date_only ? m.days + 1.0 : m.days; }

std::optional<ParsedFile> parse_file(const std::string& text, const std::string& file,
                                     scenario::Diagnostics& diagnostics, int& attendance_rows) {
  const Reader reader{file, diagnostics};
  std::istringstream in(text);
  std::string line;
  int number = 0;
  // Lines starting with '#' are comments (a shipped extract says where it
  // came from), before the header and after it.
  const auto next_line = [&in, &line, &number] {
    while (std::getline(in, line)) {
      ++number;
      if (line.empty() || line[0] != '#') return true;
    }
    return false;
  };
  if (!next_line()) {
    reader.error(1, 1, "", "the file is empty; expected a header line");
    return std::nullopt;
  }
  const int header_line = number;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.size() >= 3 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);  // BOM
  const auto header = split_csv(line);
  const bool attendances =
      std::any_of(header.begin(), header.end(), [](const Field& f) { return f.text == "arrived"; });
  const auto& known = attendances ? kAttendanceColumns : kEpisodeColumns;
  const auto& required = attendances ? kAttendanceRequired : kEpisodeRequired;
  std::map<std::string, std::size_t> index;
  bool ok = true;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const auto& name = header[i].text;
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      const auto guess = scenario::closest_match(name, known);
      reader.error(header_line, header[i].column, name,
                   fmt::format("unknown column '{}'{}; the columns are {}", name,
                               guess.empty() ? "" : fmt::format(" (did you mean '{}'?)", guess),
                               fmt::join(known, ", ")));
      ok = false;
    } else if (index.count(name)) {
      reader.error(header_line, header[i].column, name, fmt::format("column '{}' appears twice", name));
      ok = false;
    } else {
      index[name] = i;
    }
  }
  for (const auto& name : required)
    if (!index.count(name)) {
      reader.error(header_line, 1, name, fmt::format("missing column '{}'", name));
      ok = false;
    }
  if (!ok) return std::nullopt;

  ParsedFile out;
  out.has_group = index.count("group") > 0;
  out.has_source = index.count("source") > 0 || attendances;
  out.has_destination = index.count("destination") > 0 || index.count("admitted_to") > 0;
  std::map<std::string, int> first_line_of_id;
  while (next_line()) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" ,") == std::string::npos) continue;  // blank line
    const auto fields = split_csv(line);
    if (fields.size() != header.size()) {
      reader.error(
          number, 1, "",
          fmt::format("expected {} fields (as the header), got {}", header.size(), fields.size()));
      ok = false;
      continue;
    }
    const auto field = [&](const std::string& name) -> const Field* {
      const auto it = index.find(name);
      return it == index.end() ? nullptr : &fields[it->second];
    };
    bool row_ok = true;
    const auto moment = [&](const std::string& name, bool may_be_empty) -> std::optional<Moment> {
      const Field* f = field(name);
      if (f->text.empty()) {
        if (!may_be_empty) {
          reader.error(number, f->column, name, "expected a date, got an empty field");
          row_ok = false;
        }
        return std::nullopt;
      }
      const auto m = parse_moment(f->text);
      if (!m) {
        reader.error(number, f->column, name,
                     fmt::format("expected an ISO 8601 date (2019-01-31) or date-time "
                                 "(2019-01-31 14:05), got \"{}\"",
                                 f->text));
        row_ok = false;
      }
      return m;
    };
    Episode e;
    e.line = number;
    const std::string in_name = attendances ? "arrived" : "admitted";
    const std::string out_name = attendances ? "departed" : "discharged";
    const auto admitted = moment(in_name, false);
    const auto discharged = moment(out_name, true);
    if (attendances) {
      e.id = fmt::format("{}:{}", file, number);
      e.unit = kAttendanceUnit;
      e.source = "ae_attendances";
      ++attendance_rows;
      if (const Field* to = field("admitted_to")) e.destination = to->text;
      if (e.destination.empty()) e.destination = "discharged";
    } else {
      e.id = field("episode_id")->text;
      e.unit = field("unit")->text;
      for (const auto* name : {"episode_id", "unit"})
        if (field(name)->text.empty()) {
          reader.error(number, field(name)->column, name, "expected a value, got an empty field");
          row_ok = false;
        }
      if (!e.id.empty()) {
        const auto [it, fresh] = first_line_of_id.emplace(e.id, number);
        if (!fresh) {
          reader.error(number, field("episode_id")->column, "episode_id",
                       fmt::format("duplicate episode_id \"{}\" (first on line {})", e.id, it->second));
          row_ok = false;
        }
      }
      if (const Field* g = field("group")) e.group = g->text;
      if (const Field* s = field("source")) e.source = s->text;
      if (const Field* d = field("destination")) e.destination = d->text;
      for (const auto* name : {"unit", "group", "source", "destination"})
        if (const Field* f = field(name); f && f->text.find('.') != std::string::npos) {
          reader.error(number, f->column, name,
                       fmt::format("\"{}\" contains '.', which a scenario name may not (write "
                                   "'_' instead)",
                                   f->text));
          row_ok = false;
        }
    }
    if (admitted && discharged && discharged->days < admitted->days) {
      reader.error(number, field(out_name)->column, out_name,
                   fmt::format("{} {} is before {} {}", out_name, field(out_name)->text, in_name,
                               field(in_name)->text));
      row_ok = false;
    }
    if (!row_ok) {
      ok = false;
      continue;
    }
    e.admitted = admitted->days;
    if (discharged) e.discharged = discharged->days;
    e.whole_days = admitted->date_only && (!discharged || discharged->date_only);
    out.latest = std::max(out.latest, end_of(*admitted));
    if (discharged) out.latest = std::max(out.latest, end_of(*discharged));
    out.discharged_columns.push_back(field(out_name)->column);
    out.episodes.push_back(std::move(e));
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<Extract> combine(std::vector<std::pair<std::string, ParsedFile>> files,
                               const std::string& extract_date, scenario::Diagnostics& diagnostics) {
  Extract extract;
  std::optional<double> given;
  if (!extract_date.empty()) {
    const auto m = parse_moment(extract_date);
    if (!m) {
      diagnostics.error({"--extract-date", 0, 0}, "",
                        fmt::format("expected an ISO 8601 date or date-time, got \"{}\"", extract_date));
      return std::nullopt;
    }
    given = end_of(*m);
  }
  bool ok = true;
  for (auto& [name, f] : files) {
    ExtractFile span{name, std::numeric_limits<double>::infinity(), given.value_or(f.latest)};
    for (auto& e : f.episodes) {
      span.first_admission = std::min(span.first_admission, e.admitted);
      e.file = extract.files.size();
      e.censored_at = span.extract_moment;
    }
    extract.extract_moment = std::max(extract.extract_moment, span.extract_moment);
    extract.files.push_back(span);
    extract.has_group = extract.has_group || f.has_group;
    extract.has_source = extract.has_source || f.has_source;
    extract.has_destination = extract.has_destination || f.has_destination;
    for (std::size_t i = 0; i < f.episodes.size(); ++i) {
      const auto& e = f.episodes[i];
      const double last = e.discharged ? *e.discharged : e.admitted;
      if (last > span.extract_moment + 1e-9) {
        diagnostics.error(
            {name, e.line, f.discharged_columns[i]}, "",
            fmt::format("this stay {} after the extract date {}", e.discharged ? "ends" : "begins",
                        format_moment(span.extract_moment, false)));
        ok = false;
      }
    }
    for (auto& e : f.episodes) extract.episodes.push_back(std::move(e));
  }
  if (!ok) return std::nullopt;
  if (extract.episodes.empty()) {
    diagnostics.error({files.front().first, 0, 0}, "", "the extract has no episodes");
    return std::nullopt;
  }
  return extract;
}

}  // namespace

std::optional<Extract> read_extract_text(const std::string& text, const std::string& display_name,
                                         const std::string& extract_date,
                                         scenario::Diagnostics& diagnostics) {
  int attendance_rows = 0;
  auto parsed = parse_file(text, display_name, diagnostics, attendance_rows);
  if (!parsed) return std::nullopt;
  std::vector<std::pair<std::string, ParsedFile>> files;
  files.emplace_back(display_name, std::move(*parsed));
  return combine(std::move(files), extract_date, diagnostics);
}

std::optional<Extract> read_extracts(const std::vector<std::string>& paths,
                                     const std::string& extract_date,
                                     scenario::Diagnostics& diagnostics) {
  std::vector<std::pair<std::string, ParsedFile>> files;
  bool ok = true;
  int attendance_rows = 0;
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      diagnostics.error({path, 0, 0}, "", "cannot open the file");
      ok = false;
      continue;
    }
    std::ostringstream text;
    text << in.rdbuf();
    auto parsed = parse_file(text.str(), path, diagnostics, attendance_rows);
    if (!parsed) {
      ok = false;
      continue;
    }
    files.emplace_back(path, std::move(*parsed));
  }
  if (!ok) return std::nullopt;
  return combine(std::move(files), extract_date, diagnostics);
}

}  // namespace flowsim::fit
