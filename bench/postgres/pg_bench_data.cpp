#include "bench/postgres/pg_bench_data.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "storage/postgres/pg_copy.hpp"

namespace jixu::bench {
namespace {

const char* const kRegions[] = {"110105", "310104", "440106", "510104", "610113",
                                "650102", "210102", "420106", "330106", "530102"};
const char* const kFields[] = {"工程", "卫生", "教育", "信息技术", "农业", "经济"};

// A cheap deterministic mix so runs are repeatable without <random>'s cost per field.
uint64_t Mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  return x;
}

}  // namespace

std::vector<records::Employer> MakeEmployers(const Scale& s) {
  std::vector<records::Employer> out;
  for (int i = 0; i < s.employers; ++i) {
    char code[24];
    std::snprintf(code, sizeof code, "91%s%010d", kRegions[i % 10], i);
    out.push_back({0, code, "单位" + std::to_string(i), kRegions[i % 10],
                   static_cast<records::EmployerType>(i % 7), ""});
  }
  return out;
}

std::vector<records::Provider> MakeProviders(const Scale& s) {
  std::vector<records::Provider> out;
  for (int i = 0; i < s.providers; ++i) {
    char code[24];
    std::snprintf(code, sizeof code, "52%s%010d", kRegions[i % 10], i);
    out.push_back({0, code, "培训机构" + std::to_string(i), kRegions[i % 10],
                   static_cast<records::ProviderType>(i % 8)});
  }
  return out;
}

std::vector<records::Person> MakePersons(const Scale& s, int64_t first, int64_t n,
                                         const std::vector<records::Employer>& employers) {
  std::vector<records::Person> out;
  out.reserve(n);
  for (int64_t i = first; i < first + n; ++i) {
    const records::Employer& e = employers[Mix(i) % employers.size()];
    char id[24];
    std::snprintf(id, sizeof id, "%s1980%08lld", e.region_code.c_str(),
                  static_cast<long long>(i));
    records::Person p;
    p.id_number = id;
    p.name = "姓名" + std::to_string(i);
    p.employer_code = e.code;
    p.region_code = e.region_code;
    p.field = kFields[i % 6];
    p.title_level = static_cast<records::TitleLevel>(1 + i % 4);
    p.title_since = Date::FromYmd(2010 + static_cast<int>(i % 12), 7, 1);
    out.push_back(std::move(p));
  }
  (void)s;
  return out;
}

std::vector<records::LearningRecord> MakeRecords(const Scale& s, int64_t first_id, int64_t n,
                                                 const std::vector<records::Provider>& providers) {
  std::vector<records::LearningRecord> out;
  out.reserve(n * s.records_per_person);
  const Date start = YearStart(s.year);
  for (int64_t id = first_id; id < first_id + n; ++id) {
    for (int k = 0; k < s.records_per_person; ++k) {
      const uint64_t h = Mix(static_cast<uint64_t>(id) * 64 + k);
      records::LearningRecord r;
      r.person_id = id;
      r.date = start.AddDays(static_cast<int32_t>(h % 365));
      r.category = (h >> 10) % 3 == 0 ? records::Category::kPublic
                                      : records::Category::kProfessional;
      r.form = static_cast<records::Form>((h >> 12) % records::kFormCount);
      r.hours = Hours::FromCenti(100 * (1 + static_cast<int64_t>((h >> 16) % 16)));
      if ((h >> 20) % 2 == 0) {
        const records::Provider& p = providers[(h >> 21) % providers.size()];
        r.provider_code = p.code;
        r.provider_name = p.name;
      } else {
        r.provider_name = "外部机构";
      }
      r.title = "继续教育课程" + std::to_string((h >> 24) % 5000);
      out.push_back(std::move(r));
    }
  }
  return out;
}

std::vector<records::LearningRecord> RecordStream::Next() {
  std::vector<records::LearningRecord> out = std::move(carry_);
  carry_.clear();
  constexpr int64_t kPersonsPerStep = 256;
  while (out.size() < s_.batch && next_person_ <= s_.persons) {
    const int64_t n = std::min(kPersonsPerStep, s_.persons - next_person_ + 1);
    auto more = MakeRecords(s_, next_person_, n, providers_);
    next_person_ += n;
    for (auto& r : more) out.push_back(std::move(r));
  }
  if (out.size() > s_.batch) {
    carry_.assign(std::make_move_iterator(out.begin() + static_cast<std::ptrdiff_t>(s_.batch)),
                  std::make_move_iterator(out.end()));
    out.resize(s_.batch);
  }
  return out;
}

void RawCopy(storage::pg::PgConnection& conn, RawTable table, const Scale& s,
             const std::vector<records::Provider>& providers, Span& span) {
  conn.Exec("DROP TABLE IF EXISTS raw_records");
  if (table == RawTable::kSameIndexes) {
    conn.Exec("CREATE TABLE raw_records (LIKE learning_records INCLUDING ALL)");
  } else {
    conn.Exec(std::string("CREATE TABLE raw_records (id bigint NOT NULL,"
                          " person_id bigint NOT NULL, record_key bigint NOT NULL,"
                          " completed_on date NOT NULL, year smallint NOT NULL,"
                          " category smallint NOT NULL, form smallint NOT NULL,"
                          " centi_hours integer NOT NULL, provider_code text,"
                          " provider_name text NOT NULL, title text NOT NULL,"
                          " source_id text NOT NULL, status smallint NOT NULL,"
                          " reject_reason text NOT NULL, origin smallint NOT NULL,"
                          " topic text NOT NULL, activity text NOT NULL,"
                          " course_code text NOT NULL") +
              (table == RawTable::kNaturalKey ? ", PRIMARY KEY (person_id, record_key))" : ")"));
  }
  conn.Exec("CHECKPOINT");
  span.Start();
  conn.Exec("BEGIN");
  span.Stop();
  int64_t id = 0;
  RecordStream stream_of_batches(s, providers);
  for (auto batch = stream_of_batches.Next(); !batch.empty(); batch = stream_of_batches.Next()) {
    span.Start();
    // The same encoding work as RecordRepository::Insert, key hash included, streamed the same
    // way (the server inserts while the client encodes).
    storage::pg::CopyInStream stream(
        conn, "COPY raw_records (id, person_id, record_key, completed_on, year, category, form,"
              " centi_hours, provider_code, provider_name, title, source_id, status,"
              " reject_reason, origin, topic, activity, course_code) FROM STDIN (FORMAT binary)");
    storage::pg::CopyWriter w;
    for (const auto& r : batch) {
      w.BeginRow(18);
      w.Int8(++id);
      w.Int8(r.person_id);
      w.Int8(static_cast<int64_t>(records::RecordKey(r)));
      w.DateField(r.date);
      w.Int2(static_cast<int16_t>(r.date.year()));
      w.Int2(static_cast<int16_t>(r.category));
      w.Int2(static_cast<int16_t>(r.form));
      w.Int4(static_cast<int32_t>(r.hours.centi()));
      if (r.provider_code.empty()) {
        w.Null();
      } else {
        w.Text(r.provider_code);
      }
      w.Text(r.provider_name);
      w.Text(r.title);
      w.Text(r.source_id);
      w.Int2(static_cast<int16_t>(r.status));
      w.Text(r.reject_reason);
      w.Int2(static_cast<int16_t>(r.origin));
      w.Text(r.topic);
      w.Text(r.activity);
      w.Text(r.course_code);
      if (w.size() >= (size_t{1} << 20)) {
        stream.Put(w.data());
        w.Consume();
      }
    }
    stream.Put(w.Finish());
    stream.Finish();
    span.Stop();
  }
  span.Start();
  conn.Exec("COMMIT");
  span.Stop();
}

void RawGroupBy(storage::pg::PgConnection& conn, int year, int64_t& rows, Span& span) {
  rows = 0;
  storage::pg::CopyRowReader reader;
  span.Start();
  conn.CopyOut("COPY (SELECT person_id, category, form, sum(centi_hours) FROM learning_records"
               " WHERE year = " + std::to_string(year) +
               " AND status = 1 GROUP BY person_id, category, form) TO STDOUT (FORMAT binary)",
               [&](std::string_view data) {
                 if (reader.Start(data)) ++rows;
               });
  span.Stop();
}

}  // namespace jixu::bench
