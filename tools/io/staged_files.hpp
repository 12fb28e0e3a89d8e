#pragma once
// Writes a set of result files atomically as a group: each is written under
// a hidden temporary name, and all are renamed into place by commit() only
// once every one is complete, so an interrupted run never leaves a file that
// looks finished. Uncommitted temporaries are removed on destruction.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace flowsim::tools {

class StagedFiles {
 public:
  explicit StagedFiles(std::filesystem::path directory);
  StagedFiles(const StagedFiles&) = delete;
  StagedFiles& operator=(const StagedFiles&) = delete;
  ~StagedFiles();

  // Throws std::runtime_error naming the path when it cannot be opened.
  [[nodiscard]] std::ofstream open(const std::string& name);
  // Writes a whole file at once.
  void write(const std::string& name, const std::string& contents);
  void commit();

 private:
  std::filesystem::path directory_;
  std::vector<std::string> staged_;
};

// Closes 'out' and throws std::runtime_error naming 'name' if any write failed.
void close_checked(std::ofstream& out, const std::string& name);

}  // namespace flowsim::tools
