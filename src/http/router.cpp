#include "http/router.hpp"


namespace jixu::http {
namespace {

std::vector<std::string> Segments(std::string_view path) {
  std::vector<std::string> out;
  size_t i = 1;
  while (i <= path.size()) {
    const size_t j = path.find('/', i);
    out.emplace_back(path.substr(i, j == std::string_view::npos ? std::string_view::npos : j - i));
    if (j == std::string_view::npos) break;
    i = j + 1;
  }
  return out;
}

}  // namespace

void Router::Add(Route r) {
  split_.push_back(Segments(r.pattern));
  routes_.push_back(std::move(r));
}

const Route* Router::Match(const std::string& method, const std::vector<std::string>& segs,
                           std::unordered_map<std::string, std::string>& params,
                           bool& path_known) const {
  path_known = false;
  for (size_t i = 0; i < routes_.size(); ++i) {
    const auto& pat = split_[i];
    if (pat.size() != segs.size()) continue;
    std::unordered_map<std::string, std::string> got;
    bool ok = true;
    for (size_t k = 0; k < pat.size() && ok; ++k) {
      if (pat[k].size() > 2 && pat[k].front() == '{' && pat[k].back() == '}') {
        if (segs[k].empty()) ok = false;
        got[pat[k].substr(1, pat[k].size() - 2)] = segs[k];
      } else {
        ok = pat[k] == segs[k];
      }
    }
    if (!ok) continue;
    if (routes_[i].method != method) {
      path_known = true;
      continue;
    }
    params = std::move(got);
    return &routes_[i];
  }
  return nullptr;
}

}  // namespace jixu::http
