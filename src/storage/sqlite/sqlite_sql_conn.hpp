#pragma once
// SqlConn (storage/sql/sql_conn.hpp) over the SQLite connection.
#include "storage/sql/sql_conn.hpp"
#include "storage/sqlite/sqlite_conn.hpp"

namespace jixu::storage::sqlite {

class SqliteSqlConn final : public sql::SqlConn {
 public:
  explicit SqliteSqlConn(Conn& conn) : conn_(conn) {}
  void Query(const std::string& sql, const sql::Values& params,
             const std::function<void(const sql::Row&)>& fn) override;
  int64_t Exec(const std::string& sql, const sql::Values& params) override;
  void Atomically(const std::function<void()>& fn) override;
  void LockKey(int64_t) override {}  // BEGIN IMMEDIATE already excludes other writers
  std::string PrefixCond(std::string_view column, std::string_view ph) const override;
  std::string DateInt(std::string_view column) const override { return std::string(column); }

 private:
  Conn& conn_;
};

}  // namespace jixu::storage::sqlite
