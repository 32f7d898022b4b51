#pragma once
// Transfers of a person between employers (人员调入调出): the releasing employer lets the person
// go, another employer takes them on (or an authority moves them directly). Every step is a row
// kept for good, so a person's employment history can be read back. Written once in
// src/storage/sql/sql_transfers.cpp for both backends (migration 8).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/storage/server_repos.hpp"

namespace jixu::storage {

/// kReleased: let go, waiting to be taken on (at most one per person); kCompleted: taken on (or
/// moved directly); kCancelled: the release was withdrawn.
enum class TransferStatus : uint8_t { kReleased = 0, kCompleted, kCancelled };
std::string_view TransferStatusCode(TransferStatus s);
std::optional<TransferStatus> ParseTransferStatus(std::string_view text);

struct Transfer {
  int64_t id = 0;
  int64_t person_id = 0;
  std::string from_employer;  ///< the employer code the person left
  std::string to_employer;    ///< the employer that took them on; "" while released/cancelled
  TransferStatus status = TransferStatus::kReleased;
  std::string note;
  std::string released_by;  ///< username
  int64_t released_at = 0;
  std::string completed_by;  ///< who took them on or cancelled
  int64_t completed_at = 0;
  // Read only, for lists:
  std::string person_name;
  std::string from_employer_name;
  std::string to_employer_name;
};

struct TransferQuery {
  /// Employer admin: transfers from or to its employer. Authority: from or to an employer in its
  /// region (and industry). Person: their own. Admin: everything.
  Scope scope;
  int64_t person_id = 0;
  std::optional<TransferStatus> status;
};

class TransferRepository {
 public:
  virtual ~TransferRepository() = default;
  /// Inserts; the id. A second open release of one person violates a unique index (Fault).
  virtual int64_t Create(const Transfer& t) = 0;
  virtual std::optional<Transfer> Find(int64_t id) = 0;
  /// The person's open release, if any.
  virtual std::optional<Transfer> OpenFor(int64_t person_id) = 0;
  /// Closes an open release as completed (to_employer set) or cancelled; false if it is not open.
  virtual bool Close(int64_t id, TransferStatus status, std::string_view to_employer,
                     std::string_view by, int64_t at) = 0;
  /// Newest first.
  virtual PageOf<Transfer> List(const TransferQuery& query, const Page& page) = 0;
};

}  // namespace jixu::storage
