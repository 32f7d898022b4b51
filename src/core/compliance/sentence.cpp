// The year's sentence in Chinese and English, built from the numbers and the notes, e.g.
// "2024年度应修72学时，已计入66学时（公需科目30学时，超出上限24学时的6学时不计入），尚差6学时，未达标。"
#include "core/compliance/year_work.hpp"

namespace jixu::compliance {
namespace {

struct Amount {
  std::string zh;
  std::string en;
};

// "72学时" or, for a credit policy, "24学分（72学时）".
Amount Say(const policy::Policy& policy, Hours h) {
  if (!policy.UsesCredits()) return {Num(h) + "学时", Num(h) + " hours"};
  const Hours c = policy.ToUnit(h);
  return {Num(c) + "学分（" + Num(h) + "学时）", Num(c) + " credits (" + Num(h) + " hours)"};
}

void AppendNotes(const std::vector<Note>& notes, std::string& zh, std::string& en) {
  if (notes.empty()) return;
  zh += "（";
  en += " (";
  for (size_t i = 0; i < notes.size(); ++i) {
    if (i > 0) {
      zh += "；";
      en += "; ";
    }
    zh += notes[i].zh;
    en += notes[i].en;
  }
  zh += "）";
  en += ")";
}

}  // namespace

void BuildSentences(const policy::Policy& policy, YearResult& r) {
  const std::string year = std::to_string(r.year);
  std::string& zh = r.sentence_zh;
  std::string& en = r.sentence_en;
  if (r.status == Status::kExempt) {
    zh = year + "年度免修";
    en = year + ": exempt";
    AppendNotes(r.notes, zh, en);
    zh += "。";
    en += ".";
    return;
  }
  const bool cycle = policy.rules().IsCycle();
  const Amount req = Say(policy, r.required);
  const Amount got = Say(policy, r.counted_hours);
  zh = year + (cycle ? "年度（周期内每年）应修" : "年度应修") + req.zh + "，已计入" + got.zh;
  en = year + ": " + req.en + (cycle ? " required this year of the cycle, " : " required, ") +
       got.en + " counted";
  AppendNotes(r.notes, zh, en);
  if (!r.shortfall_hours.IsZero()) {
    const Amount gap = r.shortfall_credits ? Amount{Num(*r.shortfall_credits) + "学分",
                                                   Num(*r.shortfall_credits) + " credits"}
                                           : Say(policy, r.shortfall_hours);
    zh += "，尚差" + gap.zh;
    en += "; " + gap.en + " short";
  }
  for (const Note& n : r.unmet) {
    zh += "，" + n.zh;
    en += "; " + n.en;
  }
  zh += "，" + std::string(StatusZh(r.status)) + "。";
  en += ": " + std::string(StatusEn(r.status)) + ".";
}

}  // namespace jixu::compliance
