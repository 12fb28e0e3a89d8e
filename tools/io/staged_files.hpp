#pragma once
// Writes a set of result files so that a directory holds either a complete
// set (old or new) or none, whatever kills the process and when: the files
// are written into a hidden sibling directory, which is swapped in whole by
// rename(2), the one atomic step. A directory that also holds files flowsim
// did not write (or is the working directory) is not swapped; its result
// files are renamed in one by one, run.json last, so that run.json's
// presence marks a complete set. Staging left by a killed process is
// removed by the next writer.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace flowsim::tools {

class StagedFiles {
 public:
  // 'result_names' lists every file this kind of output can hold: a stale
  // one that the new set does not include is removed on commit.
  StagedFiles(std::filesystem::path directory, std::vector<std::string> result_names);
  StagedFiles(const StagedFiles&) = delete;
  StagedFiles& operator=(const StagedFiles&) = delete;
  ~StagedFiles();

  // Throws std::runtime_error naming the path when it cannot be opened.
  [[nodiscard]] std::ofstream open(const std::string& name);
  // Writes a whole file at once.
  void write(const std::string& name, const std::string& contents);
  // The set must include run.json.
  void commit();

 private:
  [[nodiscard]] bool is_result_file(const std::string& name) const;
  [[nodiscard]] bool swappable() const;

  std::filesystem::path target_;
  std::filesystem::path staging_;
  std::filesystem::path old_;
  std::vector<std::string> result_names_;
  std::vector<std::string> staged_;
  bool committed_ = false;
};

// Files written beside others that must stay put (a sweep's tables beside
// its SQLite store): each is written as '.NAME.partial' in the directory
// itself and commit() renames them into place. The directory is never
// swapped or moved, so the store in it is untouched; a killed writer leaves
// the old tables or the new ones (each file whole), never a torn file.
// Partial files not committed are removed.
class StagedFileSet {
 public:
  explicit StagedFileSet(std::filesystem::path directory) : directory_(std::move(directory)) {}
  StagedFileSet(const StagedFileSet&) = delete;
  StagedFileSet& operator=(const StagedFileSet&) = delete;
  ~StagedFileSet();

  // Throws std::runtime_error naming the path when it cannot be opened.
  [[nodiscard]] std::ofstream open(const std::string& name);
  void commit();

 private:
  std::filesystem::path directory_;
  std::vector<std::string> staged_;
};

// True when 'directory' holds any of 'result_names'.
[[nodiscard]] bool holds_any(const std::string& directory, const std::vector<std::string>& result_names);

// Closes 'out' and throws std::runtime_error naming 'name' if any write failed.
void close_checked(std::ofstream& out, const std::string& name);

}  // namespace flowsim::tools
