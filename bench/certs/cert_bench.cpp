// Issue and render N annual hours certificates (default 10,000) for demo persons in a fresh
// SQLite database: per certificate, the compliance evaluation, the canonical payload, the
// signature, the stored row (in transactions of 500) and the complete A4 PDF with its subset
// CJK font and QR code. Rendering runs on --threads workers (default 1) while issuing stays on
// one thread (one SQLite connection). Prints certificates per second and the PDF size.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <thread>

#include <sys/resource.h>

#include "app/compliance_service.hpp"
#include "app/data_files.hpp"
#include "app/demo.hpp"
#include "certs/certificate_service.hpp"
#include "storage/factory.hpp"

namespace {

using namespace jixu;  // NOLINT: a benchmark's main

/// User + system CPU seconds of this process (all threads): the machine is shared, so wall time
/// alone says as much about the neighbours as about this code.
double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

struct Options {
  int count = 10'000;
  int threads = 1;
  certs::Algorithm algorithm = certs::Algorithm::kEd25519;
  std::string keep;  ///< folder to write the PDFs to (empty: keep in memory only)
};

Options Parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--count")) o.count = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--threads")) o.threads = std::max(1, std::atoi(argv[i + 1]));
    if (!std::strcmp(argv[i], "--alg")) o.algorithm = *certs::ParseAlgorithm(argv[i + 1]);
    if (!std::strcmp(argv[i], "--keep")) o.keep = argv[i + 1];
  }
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  const Options opt = Parse(argc, argv);
  const auto dir = std::filesystem::temp_directory_path() / ("jixu-cert-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  storage::StoreConfig cfg;
  cfg.sqlite_path = (dir / "bench.db").string();
  auto store = storage::OpenStore(cfg);
  auto data = app::LoadDataFiles();
  const Date today = *Date::FromYmd(2026, 3, 1);
  auto clock = std::make_shared<FixedClock>(today, 1772323200);
  {
    app::DemoOptions demo;
    demo.persons = opt.count;
    demo.last_year = 2026;
    demo.today = today;
    auto uow = store->Begin();
    auto sink = app::MakeStoreDemoSink(*store);
    app::GenerateDemo(demo, data->regions, *sink, nullptr);
    uow->Commit();
  }
  std::vector<std::string> ids;
  store->persons().ForEach({}, [&](const storage::PersonFacts& p) { ids.push_back(p.id_number); });
  ids.resize(std::min<size_t>(ids.size(), static_cast<size_t>(opt.count)));

  app::ComplianceService compliance(*store, data->policies, clock);
  certs::KeyRing keys(*store, clock, std::nullopt);
  certs::CertConfig config;
  config.algorithm = opt.algorithm;
  certs::CertificateService service(*store, compliance, keys, config, clock);
  keys.Active(opt.algorithm);

  std::vector<certs::IssuedCertificate> issued(ids.size());
  std::atomic<size_t> ready{0};
  std::atomic<size_t> next{0};
  std::atomic<int64_t> bytes{0};
  const auto start = std::chrono::steady_clock::now();
  const double cpu_start = CpuSeconds();
  // Renderers take certificates as soon as the issuer has stored them.
  std::vector<std::thread> renderers;
  for (int t = 0; t < opt.threads; ++t) {
    renderers.emplace_back([&] {
      for (size_t i = next++; i < issued.size(); i = next++) {
        while (ready.load(std::memory_order_acquire) <= i) std::this_thread::yield();
        const std::string pdf = service.RenderPdf(issued[i]);
        bytes += static_cast<int64_t>(pdf.size());
        if (!opt.keep.empty() && i < 20) {
          std::ofstream(opt.keep + "/" + issued[i].row.serial + ".pdf", std::ios::binary) << pdf;
        }
      }
    });
  }
  constexpr size_t kBatch = 500;
  double issue_seconds = 0;
  for (size_t b = 0; b < ids.size(); b += kBatch) {
    const auto t0 = std::chrono::steady_clock::now();
    auto uow = store->Begin();
    const size_t end = std::min(ids.size(), b + kBatch);
    for (size_t i = b; i < end; ++i) {
      auto r = service.IssueAnnual(ids[i], 2025);
      if (!r.ok()) {
        std::fprintf(stderr, "issue failed: %s\n", r.error().message_en.c_str());
        return 1;
      }
      issued[i] = std::move(r.value());
    }
    uow->Commit();
    issue_seconds += Seconds(t0);
    ready.store(end, std::memory_order_release);
  }
  for (auto& t : renderers) t.join();
  const double total = Seconds(start);
  const double cpu = CpuSeconds() - cpu_start;
  const double n = static_cast<double>(issued.size());
  std::printf("certificates: %zu (%s), render threads: %d\n", issued.size(),
              std::string(certs::AlgorithmCode(opt.algorithm)).c_str(), opt.threads);
  std::printf("issue (compliance + payload + sign + store): %.2f s, %.0f /s\n", issue_seconds,
              n / issue_seconds);
  std::printf("issue and render, wall: %.2f s, %.0f certificates/s (target >= 200/s)\n", total,
              n / total);
  std::printf("CPU: %.2f s, %.2f ms per certificate, %.0f certificates per CPU-second\n", cpu,
              cpu / n * 1000, n / cpu);
  std::printf("average PDF: %.1f KiB\n", static_cast<double>(bytes) / n / 1024);
  store.reset();
  std::filesystem::remove_all(dir);
  return n / total >= 200 ? 0 : 1;
}
