#include "core/storage/notify_repos.hpp"

#include <array>

#include "core/common/error.hpp"
#include "core/storage/store.hpp"

namespace jixu::storage {

std::string_view EmailStateCode(EmailState s) {
  static constexpr std::array<std::string_view, 4> kCodes = {"pending", "sent", "no_address",
                                                             "failed"};
  return kCodes.at(static_cast<size_t>(s));
}

NoticeRepository& NoticesOf(Store& store) {
  auto* source = dynamic_cast<NotifySource*>(&store);
  if (source == nullptr) throw Fault("no_notices", "this store keeps no notices");
  return source->notices();
}

}  // namespace jixu::storage
