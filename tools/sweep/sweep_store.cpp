#include "tools/sweep/sweep_store.hpp"

#include <sqlite3.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>

namespace flowsim::sweep {

namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS parameters(
  parameter INTEGER PRIMARY KEY, name TEXT NOT NULL, action TEXT NOT NULL, path TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS point_values(
  point INTEGER NOT NULL, parameter INTEGER NOT NULL, value TEXT NOT NULL,
  is_number INTEGER NOT NULL, number REAL, PRIMARY KEY(point, parameter)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS replications(
  point INTEGER NOT NULL, replication INTEGER NOT NULL, events INTEGER NOT NULL,
  PRIMARY KEY(point, replication)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS metric_values(
  point INTEGER NOT NULL, replication INTEGER NOT NULL, metric_index INTEGER NOT NULL,
  metric TEXT NOT NULL, value REAL,
  PRIMARY KEY(point, replication, metric_index)) WITHOUT ROWID;
CREATE VIEW IF NOT EXISTS results AS
  SELECT point, replication, metric, value FROM metric_values
  ORDER BY point, replication, metric_index;
)sql";

// A parameter value as a number for the store's 'number' column, so SQL
// can compare and sort it; none for text values (a distribution's name).
std::optional<double> as_number(const ParameterValue& value) {
  if (!value.is_number) return std::nullopt;
  double number = 0.0;
  const char* first = value.text.data();
  const char* last = first + value.text.size();
  const auto [end, error] = std::from_chars(first, last, number);
  if (error != std::errc() || end != last) return std::nullopt;
  return number;
}

// A prepared statement, finalised on scope exit.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql, const std::string& path) : db_(db), path_(path) {
    if (sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr) != SQLITE_OK) fail("prepare");
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(statement_); }

  void bind(int i, std::int64_t v) { sqlite3_bind_int64(statement_, i, v); }
  // SQLite stores NaN as NULL; reading maps NULL back to NaN.
  void bind(int i, double v) { sqlite3_bind_double(statement_, i, v); }
  void bind(int i, std::optional<double> v) {
    if (v) bind(i, *v);
    else sqlite3_bind_null(statement_, i);
  }
  void bind(int i, const std::string& v) {
    sqlite3_bind_text(statement_, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  // True while there is a row to read.
  bool step() {
    const int rc = sqlite3_step(statement_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE) fail("step");
    return false;
  }
  void run_and_reset() {
    step();
    sqlite3_reset(statement_);
  }
  [[nodiscard]] std::int64_t integer(int column) const {
    return sqlite3_column_int64(statement_, column);
  }
  [[nodiscard]] double real(int column) const {
    if (sqlite3_column_type(statement_, column) == SQLITE_NULL)
      return std::numeric_limits<double>::quiet_NaN();
    return sqlite3_column_double(statement_, column);
  }
  [[nodiscard]] std::string text(int column) const {
    const auto* bytes = sqlite3_column_text(statement_, column);
    return bytes == nullptr ? std::string() : reinterpret_cast<const char*>(bytes);
  }

 private:
  [[noreturn]] void fail(const char* what) const {
    throw std::runtime_error(fmt::format("{}: SQLite {} failed: {}", path_, what, sqlite3_errmsg(db_)));
  }
  sqlite3* db_;
  const std::string& path_;
  sqlite3_stmt* statement_ = nullptr;
};

}  // namespace

SweepStore::SweepStore(const std::string& path) : path_(path) {
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw std::runtime_error(fmt::format("{}: cannot open the sweep store: {}", path, message));
  }
  sqlite3_busy_timeout(db_, 10'000);  // a modeller may be reading it meanwhile
  // WAL: a commit is one append to the log, readers do not block the writer,
  // and a killed writer leaves the last committed state. synchronous=NORMAL
  // is durable against the process being killed (not against power loss),
  // which is what a resumable sweep needs.
  execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
  execute(kSchema);
}

SweepStore::~SweepStore() { sqlite3_close(db_); }

void SweepStore::execute(const std::string& sql) const {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    const std::string message = error != nullptr ? error : "unknown error";
    sqlite3_free(error);
    throw std::runtime_error(fmt::format("{}: SQLite failed: {}", path_, message));
  }
}

std::map<std::string, std::string> SweepStore::meta() const {
  std::map<std::string, std::string> values;
  Statement select(db_, "SELECT key, value FROM meta", path_);
  while (select.step()) values[select.text(0)] = select.text(1);
  return values;
}

void SweepStore::describe(const std::map<std::string, std::string>& meta, const SweepDefinition& sweep,
                          const std::vector<SweepPoint>& points) {
  execute("BEGIN IMMEDIATE");
  try {
    Statement meta_row(db_, "INSERT INTO meta(key, value) VALUES (?, ?)", path_);
    for (const auto& [key, value] : meta) {
      meta_row.bind(1, key);
      meta_row.bind(2, value);
      meta_row.run_and_reset();
    }
    Statement parameter_row(
        db_, "INSERT INTO parameters(parameter, name, action, path) VALUES (?, ?, ?, ?)", path_);
    for (std::size_t i = 0; i < sweep.parameters.size(); ++i) {
      const auto& p = sweep.parameters[i];
      parameter_row.bind(1, static_cast<std::int64_t>(i));
      parameter_row.bind(2, p.name);
      parameter_row.bind(3, std::string(p.action == ParameterAction::Set ? "set" : "scale"));
      parameter_row.bind(4, p.path);
      parameter_row.run_and_reset();
    }
    Statement value_row(
        db_,
        "INSERT INTO point_values(point, parameter, value, is_number, number) VALUES (?, ?, ?, ?, ?)",
        path_);
    for (std::size_t point = 0; point < points.size(); ++point)
      for (std::size_t i = 0; i < points[point].values.size(); ++i) {
        value_row.bind(1, static_cast<std::int64_t>(point));
        value_row.bind(2, static_cast<std::int64_t>(i));
        value_row.bind(3, points[point].values[i].text);
        value_row.bind(5, as_number(points[point].values[i]));
        value_row.bind(4, std::int64_t{points[point].values[i].is_number ? 1 : 0});
        value_row.run_and_reset();
      }
    execute("COMMIT");
  } catch (...) {
    execute("ROLLBACK");
    throw;
  }
}

std::vector<std::pair<std::uint32_t, std::uint32_t>> SweepStore::finished() const {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> pairs;
  Statement select(db_, "SELECT point, replication FROM replications ORDER BY point, replication",
                   path_);
  while (select.step())
    pairs.emplace_back(static_cast<std::uint32_t>(select.integer(0)),
                       static_cast<std::uint32_t>(select.integer(1)));
  return pairs;
}

void SweepStore::store(const std::vector<FinishedReplication>& batch) {
  if (batch.empty()) return;
  execute("BEGIN IMMEDIATE");
  try {
    Statement replication_row(
        db_, "INSERT INTO replications(point, replication, events) VALUES (?, ?, ?)", path_);
    Statement value_row(db_,
                        "INSERT INTO metric_values(point, replication, metric_index, metric, value) "
                        "VALUES (?, ?, ?, ?, ?)",
                        path_);
    for (const auto& [point, result] : batch) {
      replication_row.bind(1, std::int64_t{point});
      replication_row.bind(2, std::int64_t{result->replication});
      replication_row.bind(3, static_cast<std::int64_t>(result->events));
      replication_row.run_and_reset();
      for (std::size_t k = 0; k < result->metrics.size(); ++k) {
        value_row.bind(1, std::int64_t{point});
        value_row.bind(2, std::int64_t{result->replication});
        value_row.bind(3, static_cast<std::int64_t>(k));
        value_row.bind(4, result->metrics[k].name);
        value_row.bind(5, result->metrics[k].value);
        value_row.run_and_reset();
      }
    }
    execute("COMMIT");
  } catch (...) {
    execute("ROLLBACK");
    throw;
  }
}

std::vector<std::string> SweepStore::parameter_names() const {
  std::vector<std::string> names;
  Statement select(db_, "SELECT name FROM parameters ORDER BY parameter", path_);
  while (select.step()) names.push_back(select.text(0));
  return names;
}

std::vector<std::vector<ParameterValue>> SweepStore::point_values() const {
  std::vector<std::vector<ParameterValue>> values;
  Statement select(db_, "SELECT point, value, is_number FROM point_values ORDER BY point, parameter",
                   path_);
  while (select.step()) {
    const auto point = static_cast<std::size_t>(select.integer(0));
    if (values.size() <= point) values.resize(point + 1);
    values[point].push_back({select.text(1), select.integer(2) != 0});
  }
  return values;
}

void SweepStore::for_each_value(
    const std::function<void(std::uint32_t, std::uint32_t, const std::string&, double)>& visit) const {
  Statement select(db_,
                   "SELECT point, replication, metric, value FROM metric_values "
                   "ORDER BY point, replication, metric_index",
                   path_);
  while (select.step())
    visit(static_cast<std::uint32_t>(select.integer(0)), static_cast<std::uint32_t>(select.integer(1)),
          select.text(2), select.real(3));
}

void SweepStore::checkpoint() { execute("PRAGMA wal_checkpoint(TRUNCATE)"); }

std::string SweepStore::integrity_check() const {
  Statement check(db_, "PRAGMA integrity_check", path_);
  std::string result;
  while (check.step()) result += check.text(0);
  return result;
}

}  // namespace flowsim::sweep
