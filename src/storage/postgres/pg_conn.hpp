#pragma once
// A thin RAII layer over libpq: one connection, its results, and parameters. Statements run
// through Run() are prepared once per connection (keyed by their text) and reused, so callers
// write plain SQL and still get prepared-statement speed. Every libpq error becomes a jixu::Fault.
#include <libpq-fe.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/common/date.hpp"
#include "core/common/error.hpp"

namespace jixu::storage::pg {

/// A database error with PostgreSQL's SQLSTATE, for the few callers that react to one (e.g.
/// 23505 unique_violation sends a batch down the slower conflict-aware path).
class PgFault : public Fault {
 public:
  /// SQLSTATE 53100 (disk_full) is "storage_full", as SQLite's SQLITE_FULL (the API answers 507);
  /// a lost connection (class 08) or a server shutting down (57P01–57P03) is
  /// "database_unavailable" (503, retry later); everything else "storage_error".
  PgFault(const std::string& message, std::string sqlstate)
      : Fault(CodeOf(sqlstate), message), sqlstate_(std::move(sqlstate)) {}
  const std::string& sqlstate() const { return sqlstate_; }

 private:
  static const char* CodeOf(std::string_view state) {
    if (state == "53100") return "storage_full";
    if (state.starts_with("08") || state == "57P01" || state == "57P02" || state == "57P03") {
      return "database_unavailable";
    }
    return "storage_error";
  }
  std::string sqlstate_;
};

inline constexpr std::string_view kUniqueViolation = "23505";

/// Owns one PGresult.
class PgResult {
 public:
  PgResult() = default;
  explicit PgResult(PGresult* r) : r_(r, &PQclear) {}
  int rows() const { return r_ ? PQntuples(r_.get()) : 0; }
  bool IsNull(int row, int col) const { return PQgetisnull(r_.get(), row, col) != 0; }
  std::string_view Text(int row, int col) const {
    return {PQgetvalue(r_.get(), row, col),
            static_cast<size_t>(PQgetlength(r_.get(), row, col))};
  }
  std::string String(int row, int col) const { return std::string(Text(row, col)); }
  int64_t Int(int row, int col) const;
  bool Bool(int row, int col) const { return Text(row, col) == "t"; }
  std::optional<Date> OptDate(int row, int col) const;
  Date DateAt(int row, int col) const;
  std::string_view CommandTag() const { return PQcmdStatus(r_.get()); }

 private:
  std::unique_ptr<PGresult, void (*)(PGresult*)> r_{nullptr, &PQclear};
};

/// Text-format parameters for one statement. Empty optionals become SQL NULL.
class Params {
 public:
  Params& Add(std::string_view text) {
    values_.emplace_back(std::string(text));
    return *this;
  }
  Params& Add(const char* text) { return Add(std::string_view(text)); }
  Params& Add(const std::string& text) { return Add(std::string_view(text)); }
  Params& Add(int64_t v) {
    values_.emplace_back(std::to_string(v));
    return *this;
  }
  Params& Add(int v) { return Add(static_cast<int64_t>(v)); }
  Params& Add(bool v) {
    values_.emplace_back(v ? "t" : "f");
    return *this;
  }
  Params& Add(Date d) {
    values_.emplace_back(d.ToString());
    return *this;
  }
  Params& Add(const std::optional<Date>& d) {
    if (d) return Add(*d);
    values_.emplace_back(std::nullopt);
    return *this;
  }
  Params& AddNull() {
    values_.emplace_back(std::nullopt);
    return *this;
  }
  int size() const { return static_cast<int>(values_.size()); }
  std::vector<const char*> Pointers() const;

 private:
  std::vector<std::optional<std::string>> values_;
};

class PgConnection {
 public:
  /// Connects; throws Fault("database_unavailable") if the server cannot be reached.
  explicit PgConnection(const std::string& url);
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;
  ~PgConnection();

  /// Simple-protocol execution: several statements allowed, no parameters (DDL, BEGIN, COMMIT).
  PgResult Exec(const std::string& sql);
  /// Prepared (once per connection) and executed with text parameters.
  PgResult Run(const std::string& sql, const Params& params = {});
  /// COPY ... FROM STDIN: `data` holds the complete payload (binary or text format).
  int64_t CopyIn(const std::string& copy_sql, std::string_view data);
  /// COPY ... TO STDOUT: calls `fn` once per data row, as libpq hands it over.
  void CopyOut(const std::string& copy_sql, const std::function<void(std::string_view)>& fn);

  /// Quotes a value as an SQL literal (COPY cannot take parameters).
  std::string Literal(std::string_view value);
  bool Healthy() const;
  bool InTransaction() const;

 private:
  [[noreturn]] void Throw(const PGresult* r, std::string_view what);
  PgResult Check(PGresult* r, std::string_view what);

  friend class CopyInStream;
  PGconn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> prepared_;  // sql text -> statement name
};

/// A COPY ... FROM STDIN in progress, fed in pieces so the server inserts while the client is
/// still encoding (two cores work at once). Destroyed unfinished (an exception while encoding),
/// it aborts the COPY, which fails the statement and leaves the connection usable.
class CopyInStream {
 public:
  CopyInStream(PgConnection& conn, const std::string& copy_sql);
  CopyInStream(const CopyInStream&) = delete;
  CopyInStream& operator=(const CopyInStream&) = delete;
  ~CopyInStream();
  void Put(std::string_view data);
  /// Ends the COPY; returns the rows copied. Throws PgFault with the server's error, if any.
  int64_t Finish();

 private:
  PgConnection& conn_;
  bool open_ = true;
};

}  // namespace jixu::storage::pg
