#include "app/backup/backup.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <vector>

#include "app/backup/backup_file.hpp"
#include "core/common/error.hpp"

extern char** environ;

namespace jixu::app::backup {
namespace {

namespace privacy = storage::privacy;

/// A plain image beside `near`, owner-only, removed when this goes out of scope.
class TempImage {
 public:
  explicit TempImage(const std::filesystem::path& near) {
    path_ = near;
    path_ += ".plain-" + std::to_string(::getpid());
    Remove();
    const int fd = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) throw Fault("backup_io", "cannot create " + path_.string());
    ::close(fd);
  }
  ~TempImage() { Remove(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  void Remove() {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::filesystem::remove(path_.string() + suffix, ec);
    }
  }
  std::filesystem::path path_;
};

/// Runs a program (no shell: the URL is one argument), stdout to `out` if given; throws unless
/// it exits 0.
void Run(const std::vector<std::string>& args, const std::string& out = "") {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (!out.empty()) {
    posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_TRUNC, 0600);
  }
  pid_t pid = 0;
  const int rc = ::posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    throw Fault("backup_tool_missing", "cannot run " + args[0] + " (install the PostgreSQL client)");
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw Fault("backup_tool_failed",
                args[0] + " failed (exit " +
                    std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")");
  }
}

/// Copies database `from` over `to` with the online backup API (a consistent snapshot of a live
/// WAL database; the destination is replaced in one write transaction).
void SqliteCopy(const std::string& from, const std::string& to) {
  sqlite3* src = nullptr;
  sqlite3* dst = nullptr;
  auto fail = [&](const std::string& what) {
    const std::string msg = what + ": " + (dst ? sqlite3_errmsg(dst) : "") + " " +
                            (src ? sqlite3_errmsg(src) : "");
    sqlite3_close(src);
    sqlite3_close(dst);
    throw Fault("backup_io", msg);
  };
  if (sqlite3_open_v2(from.c_str(), &src, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    fail("cannot open " + from);
  }
  if (sqlite3_open(to.c_str(), &dst) != SQLITE_OK) fail("cannot open " + to);
  sqlite3_busy_timeout(dst, 5000);
  sqlite3_busy_timeout(src, 5000);
  sqlite3_backup* b = sqlite3_backup_init(dst, "main", src, "main");
  if (b == nullptr) fail("cannot start the backup");
  int rc = SQLITE_OK;
  do {
    rc = sqlite3_backup_step(b, -1);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) fail("backup step failed");
  sqlite3_close(src);
  sqlite3_close(dst);
}

std::string SqliteScalar(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::string out;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) != nullptr) {
      out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return out;
}

std::vector<privacy::Kek> Keks(const std::filesystem::path& key_file) {
  auto keks = privacy::ReadKeyFile(key_file);
  if (!keks) {
    throw Fault("data_key_missing", "数据密钥文件不存在 / the data key file " + key_file.string() +
                                        " is missing (give --data-key or --passphrase-file)");
  }
  return *keks;
}

bool TargetHoldsData(const BackupOptions& o) {
  const std::string q =
      "SELECT (SELECT count(*) FROM persons) + (SELECT count(*) FROM users)";
  if (o.store.database_url.empty()) {
    if (!std::filesystem::exists(o.store.sqlite_path)) return false;
    const std::string n = SqliteScalar(o.store.sqlite_path, q);
    return !n.empty() && n != "0";
  }
  TempImage answer(std::filesystem::temp_directory_path() / "jixu-restore-check");
  Run({"psql", "--no-psqlrc", "--tuples-only", "--no-align", "--quiet", "--dbname",
       o.store.database_url, "--command",
       // query_to_xml runs the count only when the tables exist (a plain subquery would not parse).
       "SELECT CASE WHEN to_regclass('persons') IS NULL OR to_regclass('users') IS NULL THEN '0'"
       " ELSE (xpath('/row/n/text()', query_to_xml('" + q + " AS n', false, true, '')))[1]::text END"},
      answer.path().string());
  std::ifstream in(answer.path());
  std::string n;
  std::getline(in, n);
  return !n.empty() && n != "0";
}

}  // namespace

std::filesystem::path DataKeyFileOf(const storage::StoreConfig& store) {
  if (!store.data_key_file.empty()) return store.data_key_file;
  return privacy::DefaultKeyFile(store.sqlite_path, store.database_url);
}

BackupResult Backup(const BackupOptions& o, const std::filesystem::path& file) {
  const Backend backend = o.store.database_url.empty() ? Backend::kSqlite : Backend::kPostgres;
  const BackupKey key = o.passphrase ? KeyFromPassphrase(*o.passphrase, backend)
                                     : KeyFromKek(Keks(o.data_key_file), backend);
  if (backend == Backend::kSqlite && !std::filesystem::exists(o.store.sqlite_path)) {
    throw Fault("not_found", "没有数据库 / no database at " + o.store.sqlite_path);
  }
  TempImage image(file);
  if (backend == Backend::kSqlite) {
    SqliteCopy(o.store.sqlite_path, image.path().string());
  } else {
    Run({"pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file",
         image.path().string(), o.store.database_url});
  }
  std::filesystem::path partial = file;
  partial += ".partial";
  {
    std::ifstream plain(image.path(), std::ios::binary);
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    std::filesystem::permissions(partial, std::filesystem::perms::owner_read |
                                              std::filesystem::perms::owner_write);
    Encrypt(plain, out, key);
  }
  std::filesystem::rename(partial, file);
  return {static_cast<int64_t>(std::filesystem::file_size(file)),
          static_cast<int64_t>(std::filesystem::file_size(image.path()))};
}

BackupResult Restore(const BackupOptions& o, const std::filesystem::path& file, bool force) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Fault("not_found", "没有备份文件 / no backup file " + file.string());
  const Header header = ReadHeader(in);
  const Backend backend = o.store.database_url.empty() ? Backend::kSqlite : Backend::kPostgres;
  if (header.backend != backend) {
    throw Fault("backup_backend_mismatch",
                "备份来自另一种数据库 / the backup is of the other backend (SQLite vs PostgreSQL);"
                " use `jixu migrate-data` to move between them");
  }
  if (header.source == KeySource::kPassphrase && !o.passphrase) {
    throw Fault("backup_key_wrong", "此备份需要口令 / this backup needs --passphrase-file");
  }
  const privacy::Key key = header.source == KeySource::kPassphrase
                               ? KeyFromPassphrase(*o.passphrase, header)
                               : KeyFromKek(Keks(o.data_key_file), header);
  const std::filesystem::path target = backend == Backend::kSqlite
                                           ? std::filesystem::path(o.store.sqlite_path)
                                           : std::filesystem::path("jixu-restore");
  TempImage image(target);
  {
    std::ofstream plain(image.path(), std::ios::binary | std::ios::trunc);
    Decrypt(in, header, key, plain);
  }
  if (!force && TargetHoldsData(o)) {
    throw Fault("restore_target_not_empty",
                "目标数据库已有数据，加 --force 覆盖 / the target database holds data; "
                "--force replaces it");
  }
  if (backend == Backend::kSqlite) {
    if (SqliteScalar(image.path().string(), "PRAGMA integrity_check") != "ok") {
      throw Fault("backup_invalid", "备份中的数据库不完整 / the database in the backup fails "
                                    "integrity_check");
    }
    SqliteCopy(image.path().string(), o.store.sqlite_path);
  } else {
    Run({"pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
         "--single-transaction", "--exit-on-error", "--dbname", o.store.database_url,
         image.path().string()});
  }
  return {static_cast<int64_t>(std::filesystem::file_size(file)),
          static_cast<int64_t>(std::filesystem::file_size(image.path()))};
}

}  // namespace jixu::app::backup
