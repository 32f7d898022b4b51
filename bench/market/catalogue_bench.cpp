// Catalogue search at scale (issue 11): fills a fresh store with N providers and M published
// courses whose titles, fields and teachers are drawn from realistic word lists, then runs
// searches of one to three words the way the public page sends them (a page of 20 and the
// total), and prints p50/p99/max in milliseconds. Deterministic for a seed.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <time.h>

#include "core/market/catalogue.hpp"
#include "core/validate/credit_code.hpp"
#include "storage/factory.hpp"

namespace {

using namespace jixu;

const char* const kTopics[] = {"人工智能", "急诊急救", "绿色建筑", "院感防控", "信息化教学", "智慧农业",
                               "审计实务", "数字经济", "安全生产", "工程管理", "护理质量", "临床检验",
                               "财务分析", "网络安全", "数据治理", "智能制造", "新能源", "水利工程",
                               "城乡规划", "知识产权", "中医药", "康复医学", "职业道德", "应急管理"};
const char* const kKinds[] = {"新进展", "实务", "专题研修", "案例分析", "能力提升", "前沿讲座", "标准解读",
                              "技术应用", "高级研修班", "培训班"};
const char* const kFields[] = {"工程", "卫生", "教育", "农业", "会计", "经济", "法律", "公需"};
const char* const kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};
const char* const kGiven[] = {"建国", "明", "静", "华", "伟", "芳", "强", "丽", "军", "敏", "立新", "晓东"};

std::string Code(int n) {
  char org[16];
  std::snprintf(org, sizeof org, "%08d", 60000000 + n);
  std::string code = std::string("52") + "510104" + org;
  code.push_back(validate::OrganizationCodeCheckChar(org));
  code.push_back(validate::CreditCodeCheckChar(code));
  return code;
}

double Ms(std::chrono::steady_clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

}  // namespace

int main(int argc, char** argv) {
  storage::StoreConfig config;
  config.sqlite_path = (std::filesystem::temp_directory_path() / "jixu-catalogue-bench.db").string();
  int providers = 1000, courses = 50000, queries = 2000;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--db") config.sqlite_path = v;
    else if (k == "--database-url") config.database_url = v;
    else if (k == "--courses") courses = std::stoi(v);
    else if (k == "--providers") providers = std::stoi(v);
    else if (k == "--queries") queries = std::stoi(v);
  }
  if (config.database_url.empty()) {
    for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(config.sqlite_path + ext);
  }
  auto store = storage::OpenStore(config);
  std::mt19937_64 rng(2007);
  auto pick = [&](auto& arr) { return std::string(arr[rng() % std::size(arr)]); };
  const auto t0 = std::chrono::steady_clock::now();
  {
    auto uow = store->Begin();
    std::vector<records::Provider> ps;
    for (int i = 0; i < providers; ++i) {
      records::Provider p;
      p.code = Code(i);
      p.name = "培训机构" + std::to_string(i);
      p.region_code = "510104";
      p.type = records::ProviderType::kPrivateSchool;
      ps.push_back(p);
    }
    store->providers().Upsert(ps);
    for (int i = 0; i < courses; ++i) {
      storage::Course c;
      c.provider_code = ps[static_cast<size_t>(i % providers)].code;
      c.code = "C" + std::to_string(i);
      c.title = pick(kTopics) + pick(kKinds) + "（" + std::to_string(2020 + i % 7) + "）";
      c.field = pick(kFields);
      c.teachers = pick(kSurnames) + pick(kGiven) + "、" + pick(kSurnames) + pick(kGiven);
      c.description = c.title + "，面向" + c.field + "专业技术人员";
      c.hours = Hours::FromWhole(4 + static_cast<int64_t>(rng() % 40));
      c.category = c.field == "公需" ? records::Category::kPublic : records::Category::kProfessional;
      c.form = records::Form::kOnlineCourse;
      c.published = rng() % 10 != 0;
      store->courses().Create(c);
    }
    uow->Commit();
  }
  const double load_ms = Ms(std::chrono::steady_clock::now() - t0);
  std::vector<std::string> qs;
  for (int i = 0; i < queries; ++i) {
    switch (i % 4) {
      case 0: qs.push_back(pick(kTopics)); break;                               // 急诊急救
      case 1: qs.push_back(pick(kTopics).substr(0, 6)); break;                  // 2 characters
      case 2: qs.push_back(pick(kTopics) + " " + pick(kKinds)); break;          // two words
      default: qs.push_back(pick(kSurnames) + pick(kGiven)); break;             // a teacher
    }
  }
  // Wall time and this process's CPU time per search: on a shared machine the first includes
  // waiting for a core, the second does not (PostgreSQL's work is in its own process: wall only).
  std::vector<double> times, cpu;
  int64_t hits = 0;
  auto cpu_now = [] {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
  };
  for (const auto& q : qs) {
    storage::CourseFilter f;
    f.published = true;
    f.terms = market::QueryTerms(q);
    const auto s = std::chrono::steady_clock::now();
    const double c0 = cpu_now();
    auto page = store->courses().List(f, {0, 20});
    cpu.push_back(cpu_now() - c0);
    times.push_back(Ms(std::chrono::steady_clock::now() - s));
    hits += page.total;
  }
  std::sort(times.begin(), times.end());
  std::sort(cpu.begin(), cpu.end());
  auto pct = [](const std::vector<double>& v, double p) { return v[static_cast<size_t>(p * static_cast<double>(v.size() - 1))]; };
  std::printf("backend %s: %d providers, %d courses loaded in %.0f ms; %d searches (page of 20 + total): "
              "wall p50 %.2f ms, p99 %.2f ms, max %.2f ms; CPU p50 %.2f ms, p99 %.2f ms; mean hits %.0f\n",
              std::string(store->backend()).c_str(), providers, courses, load_ms, queries, pct(times, 0.5),
              pct(times, 0.99), times.back(), pct(cpu, 0.5), pct(cpu, 0.99), static_cast<double>(hits) / queries);
  return 0;
}
