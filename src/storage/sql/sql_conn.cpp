#include "storage/sql/sql_conn.hpp"

namespace jixu::storage::sql {

int64_t SqlConn::ScalarInt(const std::string& sql, const Values& params, int64_t fallback) {
  int64_t out = fallback;
  bool seen = false;
  Query(sql, params, [&](const Row& r) {
    if (!seen && !r.IsNull(0)) out = r.Int(0);
    seen = true;
  });
  return out;
}

Where& Where::Add(std::string_view cond, std::initializer_list<Value> values) {
  sql_ += sql_.empty() ? " WHERE " : " AND ";
  auto it = values.begin();
  for (char c : cond) {
    if (c == '?' && it != values.end()) {
      sql_ += Next(*it++);
    } else {
      sql_ += c;
    }
  }
  return *this;
}

Where& Where::AddPrefix(const SqlConn& conn, std::string_view column, const std::string& prefix) {
  if (prefix.empty()) return *this;
  sql_ += sql_.empty() ? " WHERE " : " AND ";
  sql_ += conn.PrefixCond(column, Next(prefix));
  return *this;
}

std::string Where::Next(Value v) {
  values_.push_back(std::move(v));
  return "$" + std::to_string(values_.size());
}

std::string PrefixEnd(std::string_view prefix) {
  std::string end(prefix);
  if (end.empty()) return "\x7f";
  end.back() = static_cast<char>(end.back() + 1);
  return end;
}

}  // namespace jixu::storage::sql
