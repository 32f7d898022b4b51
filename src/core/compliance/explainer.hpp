#pragma once
// Collects Notes only when explaining: bulk evaluation passes a null sink and every text is
// skipped (callers test on() before building strings).
#include <string>
#include <vector>

#include "core/compliance/engine.hpp"

namespace jixu::compliance {

class Explainer {
 public:
  explicit Explainer(std::vector<Note>* out) : out_(out) {}
  bool on() const { return out_ != nullptr; }
  void Add(std::string rule, Hours before, Hours after, std::string zh, std::string en) {
    if (out_ != nullptr) {
      out_->push_back(Note{std::move(rule), before, after, std::move(zh), std::move(en)});
    }
  }

 private:
  std::vector<Note>* out_;
};

/// "72", "1.5": shortest exact decimal.
inline std::string Num(Hours h) { return h.ToString(); }

}  // namespace jixu::compliance
