#pragma once
// Text output helpers for the CLI: JSON string escaping and tables aligned by
// display width (a Chinese character takes two columns in a terminal).
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace jixu::cli {

std::string JsonString(std::string_view s);
/// Terminal columns taken by UTF-8 text: East Asian wide characters count 2.
size_t DisplayWidth(std::string_view s);

class Table {
 public:
  explicit Table(std::vector<std::string> header) : header_(std::move(header)) {}
  void Add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  void Print(std::ostream& out) const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace jixu::cli
