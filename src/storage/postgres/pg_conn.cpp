#include "storage/postgres/pg_conn.hpp"

#include <algorithm>
#include <charconv>
#include <exception>

#include "core/common/error.hpp"

namespace jixu::storage::pg {

int64_t PgResult::Int(int row, int col) const {
  std::string_view t = Text(row, col);
  int64_t v = 0;
  std::from_chars(t.data(), t.data() + t.size(), v);
  return v;
}

std::optional<Date> PgResult::OptDate(int row, int col) const {
  if (IsNull(row, col)) return std::nullopt;
  return Date::Parse(Text(row, col));
}

Date PgResult::DateAt(int row, int col) const { return OptDate(row, col).value_or(Date()); }

std::vector<const char*> Params::Pointers() const {
  std::vector<const char*> out;
  out.reserve(values_.size());
  for (const auto& v : values_) out.push_back(v ? v->c_str() : nullptr);
  return out;
}

PgConnection::PgConnection(const std::string& url) {
  conn_ = PQconnectdb(url.c_str());
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn_);
    PQfinish(conn_);
    conn_ = nullptr;
    throw Fault("storage_open_failed", "cannot connect to PostgreSQL: " + message);
  }
  // Notices (e.g. "relation already exists, skipping") are expected; keep them off stderr.
  PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
}

PgConnection::~PgConnection() {
  if (conn_ != nullptr) PQfinish(conn_);
}

void PgConnection::Throw(const PGresult* r, std::string_view what) {
  // Code "storage_error" like the SQLite backend, so callers see one vocabulary; the SQLSTATE
  // goes into the message for operators and into PgFault for code that reacts to it.
  std::string message = r ? PQresultErrorMessage(r) : PQerrorMessage(conn_);
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  std::string code = state ? state : "";
  // A connection that died (the server killed or restarted) gives no SQLSTATE: name it as one.
  if (code.empty() && PQstatus(conn_) == CONNECTION_BAD) code = "08006";
  if (!code.empty()) message = "[" + code + "] " + message;
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  throw PgFault("PostgreSQL " + std::string(what) + ": " + message, code);
}

PgResult PgConnection::Check(PGresult* raw, std::string_view what) {
  PgResult result(raw);
  ExecStatusType status = raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) {
    return result;
  }
  Throw(raw, what);
}

PgResult PgConnection::Exec(const std::string& sql) {
  return Check(PQexec(conn_, sql.c_str()), "query failed");
}

PgResult PgConnection::Run(const std::string& sql, const Params& params) {
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    std::string name = "jixu_" + std::to_string(prepared_.size());
    Check(PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr), "prepare failed");
    it = prepared_.emplace(sql, std::move(name)).first;
  }
  std::vector<const char*> values = params.Pointers();
  return Check(PQexecPrepared(conn_, it->second.c_str(), params.size(), values.data(), nullptr,
                              nullptr, 0),
               "statement failed");
}

int64_t PgConnection::CopyIn(const std::string& copy_sql, std::string_view data) {
  CopyInStream stream(*this, copy_sql);
  stream.Put(data);
  return stream.Finish();
}

CopyInStream::CopyInStream(PgConnection& conn, const std::string& copy_sql) : conn_(conn) {
  PGresult* start = PQexec(conn_.conn_, copy_sql.c_str());
  if (PQresultStatus(start) != PGRES_COPY_IN) {
    open_ = false;
    PgResult owned(start);
    conn_.Throw(start, "COPY failed to start");
  }
  PQclear(start);
}

CopyInStream::~CopyInStream() {
  if (!open_) return;
  PQputCopyEnd(conn_.conn_, "client aborted the COPY");
  while (PGresult* r = PQgetResult(conn_.conn_)) PQclear(r);
}

void CopyInStream::Put(std::string_view data) {
  // libpq buffers internally; hand it large slices so a batch is a handful of calls.
  constexpr size_t kSlice = 1 << 20;
  for (size_t off = 0; off < data.size(); off += kSlice) {
    size_t n = std::min(kSlice, data.size() - off);
    if (PQputCopyData(conn_.conn_, data.data() + off, static_cast<int>(n)) != 1) {
      conn_.Throw(nullptr, "COPY data failed");
    }
  }
}

int64_t CopyInStream::Finish() {
  open_ = false;
  if (PQputCopyEnd(conn_.conn_, nullptr) != 1) conn_.Throw(nullptr, "COPY end failed");
  PGresult* result = PQgetResult(conn_.conn_);
  while (PGresult* extra = PQgetResult(conn_.conn_)) PQclear(extra);  // leave the connection idle
  PgResult done = conn_.Check(result, "COPY failed");
  std::string_view tag = done.CommandTag();  // "COPY <n>"
  int64_t rows = 0;
  if (tag.size() > 5) std::from_chars(tag.data() + 5, tag.data() + tag.size(), rows);
  return rows;
}

void PgConnection::CopyOut(const std::string& copy_sql,
                           const std::function<void(std::string_view)>& fn) {
  PGresult* start = PQexec(conn_, copy_sql.c_str());
  if (PQresultStatus(start) != PGRES_COPY_OUT) {
    PgResult owned(start);
    Throw(start, "COPY failed to start");
  }
  PQclear(start);
  char* buffer = nullptr;
  int n = 0;
  bool failed = false;
  std::exception_ptr callback_error;
  while ((n = PQgetCopyData(conn_, &buffer, 0)) > 0) {
    // Keep draining after a callback throws so the connection stays usable.
    if (!callback_error) {
      try {
        fn(std::string_view(buffer, static_cast<size_t>(n)));
      } catch (...) {
        callback_error = std::current_exception();
      }
    }
    PQfreemem(buffer);
  }
  if (n == -2) failed = true;
  PGresult* end = PQgetResult(conn_);
  PgResult owned(end);
  while (PGresult* extra = PQgetResult(conn_)) PQclear(extra);
  if (failed || PQresultStatus(end) != PGRES_COMMAND_OK) Throw(end, "COPY out failed");
  if (callback_error) std::rethrow_exception(callback_error);
}

std::string PgConnection::Literal(std::string_view value) {
  char* quoted = PQescapeLiteral(conn_, value.data(), value.size());
  if (quoted == nullptr) Throw(nullptr, "escape failed");
  std::string out(quoted);
  PQfreemem(quoted);
  return out;
}

bool PgConnection::Healthy() const { return PQstatus(conn_) == CONNECTION_OK; }

bool PgConnection::InTransaction() const {
  return PQtransactionStatus(conn_) != PQTRANS_IDLE;
}

}  // namespace jixu::storage::pg
