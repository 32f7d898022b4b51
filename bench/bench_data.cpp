#include "bench_data.hpp"

#include <cstdio>
#include <fstream>
#include <stdexcept>

#include "core/common/date.hpp"
#include "core/records/types.hpp"
#include "core/validate/credit_code.hpp"
#include "core/validate/id_number.hpp"

namespace jixu::bench {
namespace {

uint64_t SplitMix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::string CreditCode(char a, char b, const std::string& region, int64_t n) {
  char org[16];
  std::snprintf(org, sizeof org, "%08lld", static_cast<long long>(n % 100000000));
  std::string code = std::string{a, b} + region + org;
  code.push_back(validate::OrganizationCodeCheckChar(org));
  code.push_back(validate::CreditCodeCheckChar(code));
  return code;
}

constexpr int64_t kHoursChoices[] = {100, 200, 300, 400, 600, 800, 1200, 150, 50, 225, 2400, 4000};
constexpr const char* kFields[] = {"工程", "卫生", "教育", "信息技术", "农业", "经济", "会计"};
constexpr const char* kTitles[] = {"初级", "中级", "副高级", "正高级"};

}  // namespace

Generator::Generator(Scale scale, std::vector<std::string> counties)
    : scale_(scale), counties_(std::move(counties)) {
  if (counties_.empty()) throw std::runtime_error("no county codes");
}

std::string Generator::PersonIdNumber(int64_t i) const {
  // Unique per i: county × birth day (≈ 14,600 days from 1960) × sequence.
  const int64_t c = static_cast<int64_t>(counties_.size());
  const int64_t days = 14600;
  const Date birth = Date::FromYmd(1960, 1, 1)->AddDays(static_cast<int32_t>((i / c) % days));
  const int64_t seq = (i / (c * days)) % 1000;
  char body[24];
  std::snprintf(body, sizeof body, "%s%08d%03lld", Region(i).c_str(), birth.ToYmdInt(),
                static_cast<long long>(seq));
  std::string id(body, 17);
  id.push_back(validate::IdNumberCheckChar(id));
  return id;
}

std::string Generator::EmployerCode(int64_t i) const { return CreditCode('9', '1', Region(i), i); }

std::string Generator::ProviderCode(int64_t i) const {
  return CreditCode('1', '2', Region(i), 50'000'000 + i);
}

RecordValues Generator::Record(int64_t i) const {
  RecordValues v;
  const uint64_t h = SplitMix(static_cast<uint64_t>(i));
  v.mix = h;
  v.person = static_cast<int64_t>(h % static_cast<uint64_t>(scale_.persons));
  const int32_t day = static_cast<int32_t>(i * 366 / scale_.records());  // 2024 has 366 days
  v.ymd = Date::FromYmd(Scale::kYear, 1, 1)->AddDays(day).ToYmdInt();
  const uint64_t h2 = SplitMix(h);
  v.category = (h2 % 5 == 0) ? 1 : 0;
  v.form = static_cast<int>((h2 >> 8) % records::kFormCount);
  v.centi = kHoursChoices[(h2 >> 16) % std::size(kHoursChoices)];
  v.provider = ((h2 >> 24) % 10 < 7) ? static_cast<int64_t>((h2 >> 32) % Scale::kProviders) : -1;
  v.free_name = static_cast<int>((h2 >> 40) % 50);
  v.title = static_cast<int>((h2 >> 48) % 500);
  v.has_source = (h2 >> 60) % 2 == 0;
  return v;
}

void Generator::WriteCsv(const std::filesystem::path& dir) const {
  std::filesystem::create_directories(dir);
  auto open = [&](const char* name) {
    std::ofstream out(dir / name, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + (dir / name).string());
    return out;
  };
  auto employers = open("employers.csv");
  employers << "code,name,region_code,type\n";
  for (int64_t e = 0; e < scale_.employers(); ++e) {
    employers << EmployerCode(e) << ",单位" << e << ',' << Region(e) << ",private_enterprise\n";
  }
  auto providers = open("providers.csv");
  providers << "code,name,region_code,type\n";
  for (int64_t p = 0; p < Scale::kProviders; ++p) {
    providers << ProviderCode(p) << ",培训机构" << p << ',' << Region(p) << ",university\n";
  }
  auto persons = open("persons.csv");
  persons << "id_number,name,employer_code,region_code,field,title_level\n";
  std::vector<std::string> employer_codes;
  for (int64_t e = 0; e < scale_.employers(); ++e) employer_codes.push_back(EmployerCode(e));
  for (int64_t i = 0; i < scale_.persons; ++i) {
    const int64_t e = i % scale_.employers();
    persons << PersonIdNumber(i) << ",人员" << i << ',' << employer_codes[e] << ',' << Region(e)
            << ',' << kFields[i % 7] << ',' << kTitles[(i / 7) % 4] << '\n';
  }
  std::vector<std::string> ids, provider_codes;
  ids.reserve(static_cast<size_t>(scale_.persons));
  for (int64_t i = 0; i < scale_.persons; ++i) ids.push_back(PersonIdNumber(i));
  for (int64_t p = 0; p < Scale::kProviders; ++p) provider_codes.push_back(ProviderCode(p));
  auto recs = open("records.csv");
  recs << "id_number,date,category,form,hours,provider,title,source_id\n";
  for (int64_t i = 0; i < scale_.records(); ++i) {
    const RecordValues v = Record(i);
    recs << ids[v.person] << ',' << FormatYmd(v.ymd) << ','
         << records::CategoryCode(static_cast<records::Category>(v.category)) << ','
         << records::FormCode(static_cast<records::Form>(v.form)) << ',' << FormatHours(v.centi)
         << ',';
    if (v.provider >= 0) {
      recs << provider_codes[v.provider];
    } else {
      recs << "外部机构" << v.free_name;
    }
    recs << ",课程" << v.title << ',';
    if (v.has_source) recs << 'S' << i;
    recs << '\n';
  }
}

std::vector<std::string> LoadCounties(const std::filesystem::path& regions_csv) {
  std::ifstream in(regions_csv);
  if (!in) throw std::runtime_error("cannot read " + regions_csv.string());
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.size() >= 7 && line[6] == ',' && line.compare(4, 2, "00") != 0) {
      out.push_back(line.substr(0, 6));
    }
  }
  return out;
}

std::string FormatHours(int64_t centi) {
  std::string s = std::to_string(centi / 100);
  if (centi % 100 != 0) {
    char frac[4];
    std::snprintf(frac, sizeof frac, "%02lld", static_cast<long long>(centi % 100));
    s += '.';
    s += frac;
  }
  return s;
}

std::string FormatYmd(int32_t ymd) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", ymd / 10000, ymd / 100 % 100, ymd % 100);
  return buf;
}

}  // namespace jixu::bench
