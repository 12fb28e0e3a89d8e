#pragma once
// The sweep's result store: one SQLite database (sweep.sqlite) that holds
// the sweep's description and every finished replication. It runs in WAL
// mode and stores each finished replication (or small batch) in one
// transaction, so a sweep killed at any moment keeps every replication it
// finished and never leaves a corrupt file; --resume continues from it.
// Modellers can query it directly (docs/sweeps_and_clusters.md).
//
// Tables: meta(key, value); parameters(parameter, name, action, path);
// point_values(point, parameter, value, is_number);
// replications(point, replication, events);
// metric_values(point, replication, metric_index, metric, value);
// view results(point, replication, metric, value).
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "models/replication_result.hpp"
#include "tools/sweep/sweep_points.hpp"

struct sqlite3;

namespace flowsim::sweep {

struct FinishedReplication {
  std::uint32_t point = 0;
  const models::ReplicationResult* result = nullptr;
};

class SweepStore {
 public:
  // Opens the database at 'path', creating it and its tables if needed.
  // Throws std::runtime_error naming the file when SQLite fails.
  explicit SweepStore(const std::string& path);
  SweepStore(const SweepStore&) = delete;
  SweepStore& operator=(const SweepStore&) = delete;
  ~SweepStore();

  [[nodiscard]] std::map<std::string, std::string> meta() const;
  // Writes the sweep's description into a new (empty) store, in one transaction.
  void describe(const std::map<std::string, std::string>& meta, const SweepDefinition& sweep,
                const std::vector<SweepPoint>& points);

  // The (point, replication) pairs already stored.
  [[nodiscard]] std::vector<std::pair<std::uint32_t, std::uint32_t>> finished() const;
  // Stores replications in one transaction: all of them or none.
  void store(const std::vector<FinishedReplication>& batch);

  [[nodiscard]] std::vector<std::string> parameter_names() const;
  // [point][parameter]: values as written to the scenario.
  [[nodiscard]] std::vector<std::vector<ParameterValue>> point_values() const;
  // Every stored metric value, ordered by point, replication and the
  // model's metric order.
  void for_each_value(const std::function<void(std::uint32_t point, std::uint32_t replication,
                                               const std::string& metric, double value)>& visit) const;

  // Folds the write-ahead log into the database file (at the end of a sweep).
  void checkpoint();
  [[nodiscard]] std::string integrity_check() const;

 private:
  void execute(const std::string& sql) const;
  std::string path_;
  sqlite3* db_ = nullptr;
};

}  // namespace flowsim::sweep
