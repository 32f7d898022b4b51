#pragma once
// SqlConn (storage/sql/sql_conn.hpp) over the PostgreSQL pool: each call borrows a connection,
// or runs on the thread's pinned unit of work when one is open.
#include "storage/postgres/pg_pool.hpp"
#include "storage/sql/sql_conn.hpp"

namespace jixu::storage::pg {

class PgSqlConn final : public sql::SqlConn {
 public:
  explicit PgSqlConn(PgDatabase& db) : db_(db) {}
  void Query(const std::string& sql, const sql::Values& params,
             const std::function<void(const sql::Row&)>& fn) override;
  int64_t Exec(const std::string& sql, const sql::Values& params) override;
  void Atomically(const std::function<void()>& fn) override;
  void LockKey(int64_t key) override;
  std::string PrefixCond(std::string_view column, std::string_view ph) const override;
  std::string DateInt(std::string_view column) const override;
  std::string ByteOrder(std::string_view column) const override {
    return std::string(column) + " COLLATE \"C\"";
  }

 private:
  PgDatabase& db_;
};

}  // namespace jixu::storage::pg
