#include "storage/migrate_data.hpp"

#include <map>
#include <set>
#include <unordered_map>

#include "core/common/error.hpp"

namespace jixu::storage {
namespace {

// Rows per write call: large enough for COPY to pay off, small enough to bound memory.
constexpr size_t kPersonBatch = 20000;
constexpr size_t kRecordBatch = 50000;
constexpr int64_t kPageSize = 1000;
constexpr int64_t kProgressEvery = 10000;
// SettingsRepository cannot list its keys; these are the ones the program writes (http/serve.cpp).
constexpr std::string_view kKnownSettings[] = {"id_secret", "audit_legacy_head", "security_policy"};

// FNV-1a 64 over a canonical serialisation of a row; a table's checksum is the sum of its row
// hashes (mod 2^64), which does not depend on the order the backend returns rows in.
class RowHash {
 public:
  RowHash& Add(std::string_view s) {
    for (unsigned char c : s) Mix(c);
    Mix(0x1f);  // field separator: ("ab","c") and ("a","bc") differ
    return *this;
  }
  RowHash& Add(int64_t v) {
    for (int i = 0; i < 8; ++i) Mix(static_cast<unsigned char>(static_cast<uint64_t>(v) >> (8 * i)));
    Mix(0x1f);
    return *this;
  }
  RowHash& Add(const std::optional<Date>& d) { return d ? Add(int64_t{d->days()}) : Add("null"); }
  RowHash& Add(const std::optional<int64_t>& v) { return v ? Add(*v) : Add("null"); }
  uint64_t value() const { return h_; }

 private:
  void Mix(unsigned char c) {
    h_ ^= c;
    h_ *= 1099511628211ULL;
  }
  uint64_t h_ = 14695981039346656037ULL;
};

/// One TableDigest per table, in the order DigestStore reports them.
struct Digests {
  TableDigest employers{"employers"}, providers{"providers"}, persons{"persons"};
  TableDigest titles{"title_changes"}, learning{"learning_records"}, exempt{"exemptions"};
  TableDigest summaries{"person_year_totals"}, users{"users"}, audit{"audit_log"};
  TableDigest blobs{"evidence_blobs"}, evidence{"record_evidence"}, reviews{"record_reviews"};
  TableDigest courses{"courses"}, settings{"settings"}, keys{"signing_keys"};
  TableDigest certificates{"certificates"};
  std::vector<TableDigest> All() const {
    return {employers, providers, persons, titles,  learning, exempt,   summaries, users,
            audit,     blobs,     evidence, reviews, courses, settings, keys,      certificates};
  }
};

void Count(TableDigest& d, const RowHash& h) {
  ++d.rows;
  d.checksum += h.value();
}

RowHash HashRecord(std::string_view id_number, const records::LearningRecord& r) {
  RowHash h;
  h.Add(id_number).Add(int64_t{r.date.days()}).Add(static_cast<int64_t>(r.category));
  h.Add(static_cast<int64_t>(r.form)).Add(r.hours.centi()).Add(r.provider_code);
  h.Add(r.provider_name).Add(r.title).Add(r.source_id).Add(static_cast<int64_t>(r.status));
  h.Add(r.reject_reason).Add(static_cast<int64_t>(r.origin)).Add(r.topic).Add(r.activity);
  h.Add(r.course_code);
  return h;
}

std::vector<PersonFacts> AllPersons(Store& store) {
  std::vector<PersonFacts> out;
  // Collected first: the ForEach callback must not call back into the store.
  store.persons().ForEach({}, [&](const PersonFacts& p) { out.push_back(p); });
  return out;
}

void Report(const MigrateProgressFn& progress, std::string_view phase, std::string_view table,
            int64_t done, int64_t total) {
  if (progress) progress({phase, table, done, total});
}

/// Calls `fn` for every item of a paged listing.
template <typename List, typename Fn>
void ForEachPage(List list, Fn fn) {
  for (int64_t offset = 0;; offset += kPageSize) {
    auto page = list(Page{offset, kPageSize, "", false});
    for (const auto& item : page.items) fn(item);
    if (static_cast<int64_t>(page.items.size()) < kPageSize) return;
  }
}

void DigestOrgs(Store& store, Digests& d) {
  for (const auto& e : store.employers().List("")) {
    Count(d.employers, RowHash().Add(e.code).Add(e.name).Add(e.region_code)
                           .Add(static_cast<int64_t>(e.type)).Add(e.industry));
  }
  for (const auto& p : store.providers().List("")) {
    Count(d.providers, RowHash().Add(p.code).Add(p.name).Add(p.region_code)
                           .Add(static_cast<int64_t>(p.type))
                           .Add(int64_t{store.queries().ProviderApproved(p.code)}));
  }
  ForEachPage([&](const Page& pg) { return store.courses().List({}, pg); },
              [&](const Course& c) {
                Count(d.courses, RowHash().Add(c.provider_code).Add(c.code).Add(c.title)
                                     .Add(static_cast<int64_t>(c.category))
                                     .Add(static_cast<int64_t>(c.form)).Add(c.hours.centi())
                                     .Add(int64_t{c.published}).Add(c.description));
              });
  for (const auto& k : store.signing_keys().List()) {
    Count(d.keys, RowHash().Add(k.key_id).Add(k.algorithm).Add(k.public_key).Add(k.private_key)
                      .Add(k.protection).Add(k.created_at).Add(k.retired_at));
  }
  for (std::string_view key : kKnownSettings) {
    if (auto v = store.settings().Get(key)) Count(d.settings, RowHash().Add(key).Add(*v));
  }
}

/// A declared record's review and evidence (the only records that have them: see
/// http/handlers/evidence.cpp and records.cpp); `blobs` collects the evidence hashes.
void DigestDeclaration(Store& store, const records::LearningRecord& r, uint64_t record_hash,
                       Digests& d, std::set<std::string>& blobs) {
  if (auto v = store.reviews().Find(r.id)) {
    Count(d.reviews, RowHash().Add(static_cast<int64_t>(record_hash))
                         .Add(static_cast<int64_t>(v->stage)).Add(int64_t{v->needs_authority})
                         .Add(v->declared_at).Add(v->employer_reviewer)
                         .Add(v->employer_decided_at).Add(v->authority_reviewer)
                         .Add(v->authority_decided_at));
  }
  for (const auto& f : store.evidence().ListForRecord(r.id)) {
    Count(d.evidence, RowHash().Add(static_cast<int64_t>(record_hash)).Add(f.sha256).Add(f.mime)
                          .Add(f.size).Add(f.filename).Add(f.attached_at));
    blobs.insert(f.sha256);
  }
}

void DigestPerson(Store& store, const PersonFacts& p, bool has_certificates, Digests& d,
                  std::set<int>& years, std::set<std::string>& blobs) {
  Count(d.persons, RowHash().Add(p.id_number).Add(p.name).Add(p.employer_code).Add(p.region_code)
                       .Add(p.field).Add(static_cast<int64_t>(p.title_level)).Add(p.title_since)
                       .Add(p.joined));
  for (const auto& t : store.persons().TitleHistory(p.person_id)) {
    Count(d.titles, RowHash().Add(p.id_number).Add(static_cast<int64_t>(t.level))
                        .Add(int64_t{t.since.days()}));
  }
  for (const auto& r : store.records().ListForPerson(p.person_id, 0)) {
    const RowHash h = HashRecord(p.id_number, r);
    Count(d.learning, h);
    years.insert(r.date.year());
    if (r.origin == records::Origin::kSelf) DigestDeclaration(store, r, h.value(), d, blobs);
  }
  for (const auto& x : store.exemptions().ListForPerson(p.person_id)) {
    Count(d.exempt, RowHash().Add(p.id_number).Add(static_cast<int64_t>(x.kind))
                        .Add(int64_t{x.from.days()}).Add(int64_t{x.to.days()})
                        .Add(int64_t{x.approved}).Add(x.note));
  }
  if (!has_certificates) return;
  for (const auto& c : store.certificates().ListForPerson(p.person_id)) {
    Count(d.certificates, RowHash().Add(c.serial).Add(c.kind).Add(p.id_number)
                              .Add(int64_t{c.year}).Add(c.payload).Add(c.algorithm).Add(c.key_id)
                              .Add(c.signature).Add(c.issued_at).Add(c.revoked_at)
                              .Add(c.revoke_reason));
  }
}

void DigestSummaries(Store& store, const std::set<int>& years, Digests& d) {
  for (int year : years) {
    store.summaries().ForEachInYear(year, {}, [&](const PersonFacts& p,
                                                  const records::YearTotals& t) {
      if (t == records::YearTotals{}) return;
      RowHash h;
      h.Add(p.id_number).Add(int64_t{year}).Add(int64_t{t.approved_records});
      h.Add(t.pending.centi());
      for (const Hours& b : t.approved) h.Add(b.centi());
      Count(d.summaries, h);
    });
  }
}

/// Users (login counters excluded: they restart at zero, see MigrateData) and the audit chain
/// (seq excluded: the target numbers entries itself; the chain links by hash).
void DigestAccounts(Store& store, const std::unordered_map<int64_t, std::string_view>& id_numbers,
                    Digests& d) {
  ForEachPage([&](const Page& pg) { return store.users().List({}, pg); }, [&](const User& u) {
    auto it = id_numbers.find(u.person_id);
    Count(d.users, RowHash().Add(u.username).Add(u.password_hash).Add(RoleCode(u.role))
                       .Add(u.display_name).Add(it == id_numbers.end() ? "" : it->second)
                       .Add(u.employer_code).Add(u.provider_code).Add(u.region_prefix)
                       .Add(u.industry).Add(int64_t{u.disabled}).Add(u.created_at)
                       .Add(int64_t{u.must_change_password}));
  });
  store.audit().ForEach([&](const AuditEntry& e) {
    Count(d.audit, RowHash().Add(e.at).Add(e.actor).Add(e.actor_role).Add(e.action).Add(e.entity)
                       .Add(e.entity_id).Add(e.region_code).Add(e.industry).Add(e.employer_code)
                       .Add(e.provider_code).Add(e.before_json).Add(e.after_json)
                       .Add(e.prev_hash).Add(e.hash));
  });
}

}  // namespace

std::vector<TableDigest> DigestStore(Store& store, const MigrateProgressFn& progress) {
  Digests d;
  DigestOrgs(store, d);
  const std::vector<PersonFacts> all = AllPersons(store);
  const bool has_certificates = store.certificates().Count() > 0;
  std::unordered_map<int64_t, std::string_view> id_numbers;
  std::set<int> years;
  std::set<std::string> blobs;
  for (size_t i = 0; i < all.size(); ++i) {
    id_numbers.emplace(all[i].person_id, all[i].id_number);
    DigestPerson(store, all[i], has_certificates, d, years, blobs);
    if ((i + 1) % kProgressEvery == 0) Report(progress, "verify", "persons", i + 1, all.size());
  }
  for (const std::string& sha : blobs) {
    if (auto blob = store.evidence().GetBlob(sha)) {
      Count(d.blobs, RowHash().Add(sha).Add(blob->second).Add(blob->first));
    }
  }
  DigestSummaries(store, years, d);
  DigestAccounts(store, id_numbers, d);
  return d.All();
}

namespace {

void CheckEmpty(Store& to) {
  if (to.employers().Count() > 0 || to.providers().Count() > 0 || to.persons().Count({}) > 0 ||
      to.records().Count() > 0 || to.users().List({}, Page{0, 1, "", false}).total > 0) {
    throw Fault("target_not_empty", "migrate-data needs an empty target store");
  }
}

/// Provider classes and exemption requests (migration 4) are not copied yet. Refusing is better
/// than a "verified" copy that silently leaves them behind.
bool HasExemptionRequests(Store& from) {
  constexpr int64_t kPageSize = 500;
  for (int64_t offset = 0;; offset += kPageSize) {
    const auto page = from.exemption_reviews().List({}, Page{offset, kPageSize, "", false});
    for (const auto& row : page.items) {
      if (row.has_review) return true;
    }
    if (offset + kPageSize >= page.total) return false;
  }
}

void CheckSupported(Store& from) {
  if (from.classes().List({}, Page{0, 1, "", false}).total > 0 || HasExemptionRequests(from) ||
      from.transfers().List({}, Page{0, 1, "", false}).total > 0) {
    throw Fault("migration_unsupported",
                "migrate-data cannot copy provider classes, exemption requests or transfers yet; "
                "nothing was copied (docs/operations.md)");
  }
}

/// Reference data first: what persons, records, courses and certificates point at.
void CopyOrgs(Store& from, Store& to, const MigrateProgressFn& progress) {
  to.employers().Upsert(from.employers().List(""));
  const auto providers = from.providers().List("");
  to.providers().Upsert(providers);
  for (const auto& p : providers) {
    to.queries().SetProviderApproved(p.code, from.queries().ProviderApproved(p.code));
  }
  ForEachPage([&](const Page& pg) { return from.courses().List({}, pg); },
              [&](const Course& c) { to.courses().Create(c); });
  for (const auto& k : from.signing_keys().List()) to.signing_keys().Insert(k);
  for (std::string_view key : kKnownSettings) {
    if (auto v = from.settings().Get(key)) to.settings().PutIfAbsent(key, *v);
  }
  Report(progress, "copy", "employers, providers, courses, keys", providers.size(), 0);
}

/// Persons in source id order, written in batches; returns source id → target id.
std::unordered_map<int64_t, int64_t> CopyPersons(Store& to, const std::vector<PersonFacts>& all,
                                                 const MigrateProgressFn& progress) {
  std::vector<records::Person> batch;
  for (size_t i = 0; i < all.size(); ++i) {
    const PersonFacts& f = all[i];
    batch.push_back({0, f.id_number, f.name, f.employer_code, f.region_code, f.field,
                     f.title_level, f.title_since, f.joined});
    if (batch.size() == kPersonBatch || i + 1 == all.size()) {
      to.persons().Upsert(batch);
      batch.clear();
      Report(progress, "copy", "persons", i + 1, all.size());
    }
  }
  std::unordered_map<std::string, int64_t> target_ids;
  target_ids.reserve(all.size());
  to.persons().ForEachIdNumber(
      [&](std::string_view id_number, int64_t id) { target_ids.emplace(id_number, id); });
  std::unordered_map<int64_t, int64_t> map;
  map.reserve(all.size());
  for (const PersonFacts& f : all) map.emplace(f.person_id, target_ids.at(f.id_number));
  return map;
}

/// Records in batches; once a batch is in, the declared ones get their review and evidence
/// under the id the target gave them.
class RecordCopier {
 public:
  RecordCopier(Store& from, Store& to) : from_(from), to_(to) {}
  void Add(records::LearningRecord r, int64_t target_person) {
    const int64_t source_id = r.id;
    r.id = 0;
    r.person_id = target_person;
    if (r.origin == records::Origin::kSelf) {
      declared_.push_back({source_id, target_person, records::RecordKey(r)});
    }
    batch_.push_back(std::move(r));
    if (batch_.size() >= kRecordBatch) Flush();
  }
  void Flush() {
    if (!batch_.empty()) to_.records().Insert(batch_);
    batch_.clear();
    for (const Declared& d : declared_) CopyDeclaration(d);
    declared_.clear();
  }

 private:
  struct Declared {
    int64_t source_id;
    int64_t target_person;
    uint64_t key;
  };
  void CopyDeclaration(const Declared& d) {
    const auto target_id = to_.queries().RecordIdByKey(d.target_person, d.key);
    if (!target_id) throw Fault("migration_mismatch", "a declared record did not arrive");
    if (auto review = from_.reviews().Find(d.source_id)) {
      review->record_id = *target_id;
      to_.reviews().Create(*review);
    }
    for (const auto& file : from_.evidence().ListForRecord(d.source_id)) {
      if (auto blob = from_.evidence().GetBlob(file.sha256)) {
        to_.evidence().PutBlob(file.sha256, blob->second, blob->first);
      }
      to_.evidence().Attach(*target_id, file);
    }
  }

  Store& from_;
  Store& to_;
  std::vector<records::LearningRecord> batch_;
  std::vector<Declared> declared_;
};

/// Every person's title changes, records, exemptions and certificates, person_id remapped.
void CopyPersonRows(Store& from, Store& to, const std::vector<PersonFacts>& all,
                    const std::unordered_map<int64_t, int64_t>& ids,
                    const MigrateProgressFn& progress) {
  const bool has_certificates = from.certificates().Count() > 0;
  RecordCopier records(from, to);
  for (size_t i = 0; i < all.size(); ++i) {
    const int64_t source_id = all[i].person_id;
    const int64_t target_id = ids.at(source_id);
    for (auto t : from.persons().TitleHistory(source_id)) {
      t.person_id = target_id;
      to.persons().AddTitleChange(t);
    }
    for (auto& r : from.records().ListForPerson(source_id, 0)) records.Add(std::move(r), target_id);
    for (auto x : from.exemptions().ListForPerson(source_id)) {
      x.id = 0;
      x.person_id = target_id;
      to.exemptions().Add(x);
    }
    if (has_certificates) {
      for (auto c : from.certificates().ListForPerson(source_id)) {
        c.person_id = target_id;
        to.certificates().Insert(c);
      }
    }
    if ((i + 1) % kProgressEvery == 0) Report(progress, "copy", "records", i + 1, all.size());
  }
  records.Flush();
}

/// Users (person ids remapped; failed-login counters restart at zero, which Create enforces) and
/// the audit chain in chain order, so every entry's prev_hash still names its predecessor.
void CopyAccounts(Store& from, Store& to, const std::unordered_map<int64_t, int64_t>& ids) {
  ForEachPage([&](const Page& pg) { return from.users().List({}, pg); }, [&](User u) {
    if (u.person_id != 0) u.person_id = ids.at(u.person_id);
    const int64_t old_id = u.id;
    auto id = to.users().Create(u);
    // The second factor goes along (recovery codes do not: a migrated account enrols again
    // for new ones only if it used them up).
    if (!id) return;
    if (TotpState t = from.users().Totp(old_id); !t.secret.empty()) {
      to.users().SetTotp(*id, t.secret, t.enabled);
    }
  });
  to.audit().LockChain();
  from.audit().ForEach([&](const AuditEntry& e) { to.audit().Insert(e); });
}

std::string Mismatches(const MigrateReport& report) {
  std::string out;
  for (size_t i = 0; i < report.source.size() && i < report.target.size(); ++i) {
    const TableDigest& s = report.source[i];
    const TableDigest& t = report.target[i];
    if (s == t) continue;
    out += " " + s.table + ": source " + std::to_string(s.rows) + " rows, target " +
           std::to_string(t.rows) + " rows" + (s.checksum != t.checksum ? ", checksums differ;" : ";");
  }
  return out;
}

}  // namespace

MigrateReport MigrateData(Store& from, Store& to, const MigrateProgressFn& progress) {
  CheckEmpty(to);
  CheckSupported(from);
  auto uow = to.Begin();
  CopyOrgs(from, to, progress);
  const std::vector<PersonFacts> all = AllPersons(from);
  const auto ids = CopyPersons(to, all, progress);
  CopyPersonRows(from, to, all, ids, progress);
  CopyAccounts(from, to, ids);

  MigrateReport report;
  auto tagged = [&](std::string_view phase) {
    return [&, phase](const MigrateProgress& p) {
      if (progress) progress({phase, p.table, p.done, p.total});
    };
  };
  report.source = DigestStore(from, tagged("verify-source"));
  report.target = DigestStore(to, tagged("verify-target"));  // sees the open unit's rows
  if (!report.ok()) {
    throw Fault("migration_mismatch",
                "migrate-data: target differs from source, nothing committed:" +
                    Mismatches(report));
  }
  uow->Commit();
  return report;
}

}  // namespace jixu::storage
