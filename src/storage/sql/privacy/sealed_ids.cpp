#include "storage/sql/privacy/sealed_ids.hpp"

#include <ctime>
#include <string>
#include <utility>
#include <vector>

#include "storage/sql/sql_conn.hpp"

namespace jixu::storage::privacy {
namespace {

struct IdRow {
  int64_t id;
  std::string id_number;  // plain text
};

/// One UPDATE for a batch (PostgreSQL's statistics trigger runs once per statement).
void WriteSealed(sql::SqlConn& c, KeyRing& keys, const std::vector<IdRow>& rows) {
  if (rows.empty()) return;
  std::string sql = "WITH v (id, sealed, idx) AS (VALUES ";
  sql::Values values;
  int n = 1;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (i > 0) sql += ", ";
    // The first row's casts give the VALUES list its column types on PostgreSQL.
    sql += i == 0 ? "(CAST($" + std::to_string(n) + " AS BIGINT), CAST($" + std::to_string(n + 1) +
                        " AS TEXT), CAST($" + std::to_string(n + 2) + " AS TEXT))"
                  : "($" + std::to_string(n) + ", $" + std::to_string(n + 1) + ", $" +
                        std::to_string(n + 2) + ")";
    n += 3;
    values.emplace_back(rows[i].id);
    values.emplace_back(keys.Seal(rows[i].id_number));
    values.emplace_back(keys.Index(rows[i].id_number));
  }
  sql += ") UPDATE persons SET id_number = v.sealed, id_index = v.idx FROM v WHERE persons.id = v.id";
  c.Exec(sql, values);
}

constexpr size_t kWriteBatch = 500;

void WriteInBatches(sql::SqlConn& c, KeyRing& keys, const std::vector<IdRow>& rows) {
  for (size_t i = 0; i < rows.size(); i += kWriteBatch) {
    const size_t end = std::min(rows.size(), i + kWriteBatch);
    WriteSealed(c, keys, std::vector<IdRow>(rows.begin() + static_cast<long>(i),
                                             rows.begin() + static_cast<long>(end)));
  }
}

}  // namespace

int64_t SealPlainIds(sql::SqlConn& c, KeyRing& keys) {
  int64_t sealed = 0;
  c.Atomically([&] {
    std::vector<IdRow> rows;
    c.Query("SELECT id, id_number FROM persons WHERE id_index IS NULL", {},
            [&](const sql::Row& r) { rows.push_back({r.Int(0), r.Text(1)}); });
    WriteInBatches(c, keys, rows);
    sealed = static_cast<int64_t>(rows.size());
  });
  return sealed;
}

int64_t ResealOldRows(sql::SqlConn& c, KeyRing& keys, int batch) {
  std::string active_prefix("k");
  active_prefix += std::to_string(keys.active_key());
  active_prefix += ':';
  int64_t resealed = 0;
  int64_t after = 0;
  for (;;) {
    // Walks by id so each transaction is short; a row is re-read inside its transaction.
    std::vector<IdRow> rows;
    int64_t last = after;
    c.Atomically([&] {
      c.Query("SELECT id, id_number FROM persons WHERE id > $1 ORDER BY id LIMIT $2",
              {after, int64_t{batch}}, [&](const sql::Row& r) {
                last = r.Int(0);
                std::string sealed = r.Text(1);
                if (sealed.rfind(active_prefix, 0) != 0) {
                  rows.push_back({r.Int(0), std::move(sealed)});
                }
              });
      for (IdRow& row : rows) row.id_number = keys.Open(row.id_number);
      WriteInBatches(c, keys, rows);
    });
    resealed += static_cast<int64_t>(rows.size());
    if (last == after) break;
    after = last;
  }
  return resealed;
}

Rotation RotateDataKey(sql::SqlConn& c, KeyRing& keys, int batch) {
  Rotation out;
  keys.Load();  // the key file as it is now, and keys other processes made
  c.Atomically([&] {
    c.LockKey(0x6a69786b);
    out.new_key = static_cast<uint32_t>(
        c.ScalarInt("SELECT coalesce(max(key_id), 0) + 1 FROM data_keys", {}, 1));
    const Key key = RandomKey();
    c.Exec("UPDATE data_keys SET active = 0 WHERE active = 1", {});
    for (const Kek& kek : keys.keks()) {
      c.Exec("INSERT INTO data_keys (key_id, kek_id, purpose, wrapped, created_at, active)"
             " VALUES ($1, $2, 'data', $3, $4, 1)",
             {int64_t{out.new_key}, kek.id, WrapKey(kek, out.new_key, "data", key),
              static_cast<int64_t>(std::time(nullptr))});
    }
  });
  keys.Load();
  out.resealed = ResealOldRows(c, keys, batch);
  return out;
}

int64_t RewrapKeys(sql::SqlConn& c, KeyRing& keys) {
  keys.Load();
  const std::vector<Kek> keks = keys.keks();
  int64_t added = 0;
  c.Atomically([&] {
    c.LockKey(0x6a69786b);
    for (const Kek& kek : keks) {
      for (const KeyRing::Wrapped& w : keys.WrapAllUnder(kek)) {
        added += c.Exec(
            "INSERT INTO data_keys (key_id, kek_id, purpose, wrapped, created_at, active)"
            " SELECT CAST($1 AS INTEGER), $2, $3, $4, CAST($5 AS BIGINT), CAST($6 AS INTEGER)"
            " WHERE NOT EXISTS"
            " (SELECT 1 FROM data_keys WHERE key_id = $1 AND kek_id = $2)",
            {int64_t{w.key_id}, kek.id, w.purpose, w.wrapped,
             static_cast<int64_t>(std::time(nullptr)), int64_t{w.active ? 1 : 0}});
      }
    }
    std::string in;
    sql::Values ids;
    for (size_t i = 0; i < keks.size(); ++i) {
      in += (i ? ", $" : "$") + std::to_string(i + 1);
      ids.emplace_back(keks[i].id);
    }
    c.Exec("DELETE FROM data_keys WHERE kek_id NOT IN (" + in + ")", ids);
  });
  return added;
}

std::map<uint32_t, int64_t> SealedRowsByKey(sql::SqlConn& c) {
  std::map<uint32_t, int64_t> out;
  c.Query("SELECT id_number FROM persons", {},
          [&](const sql::Row& r) { ++out[KeyRing::KeyIdOf(r.Text(0))]; });
  return out;
}

}  // namespace jixu::storage::privacy
