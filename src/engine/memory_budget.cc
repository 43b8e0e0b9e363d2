// MemoryBudget: resident-size checks against the query's memory limit.
#include "engine/memory_budget.h"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace tutela::engine {

namespace {
std::atomic<uint64_t> g_default_limit{0};
std::string Gib(uint64_t b) {
  return fmt::format("{:.2f} GiB", static_cast<double>(b) / (1 << 30));
}
}  // namespace

void MemoryBudget::SetDefaultLimit(uint64_t bytes) { g_default_limit.store(bytes); }

MemoryBudget::MemoryBudget(uint64_t limit_bytes) : limit_(limit_bytes) {
  if (limit_ == 0) limit_ = g_default_limit.load();
  if (limit_ == 0) {
    if (const char* env = std::getenv("TUTELA_MEMORY_LIMIT")) limit_ = ParseSize(env);
  }
  if (limit_ == 0) limit_ = PhysicalBytes() / 10 * 8;
}

uint64_t MemoryBudget::ParseSize(std::string_view text) {
  std::string t(text);
  char* end = nullptr;
  double v = std::strtod(t.c_str(), &end);
  if (end == t.c_str() || v <= 0) return 0;
  std::string unit(end);
  for (char& c : unit) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  double mult = 1;
  if (unit.empty() || unit == "B") {
    mult = 1;
  } else if (unit == "K" || unit == "KB" || unit == "KIB") {
    mult = 1024.0;
  } else if (unit == "M" || unit == "MB" || unit == "MIB") {
    mult = 1024.0 * 1024;
  } else if (unit == "G" || unit == "GB" || unit == "GIB") {
    mult = 1024.0 * 1024 * 1024;
  } else if (unit == "T" || unit == "TB" || unit == "TIB") {
    mult = 1024.0 * 1024 * 1024 * 1024;
  } else {
    return 0;
  }
  return static_cast<uint64_t>(v * mult);
}

uint64_t MemoryBudget::ResidentBytes() {
  FILE* f = std::fopen("/proc/self/statm", "r");
  if (f == nullptr) return 0;
  unsigned long size = 0, resident = 0;
  int got = std::fscanf(f, "%lu %lu", &size, &resident);
  std::fclose(f);
  if (got != 2) return 0;
  return static_cast<uint64_t>(resident) * static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
}

uint64_t MemoryBudget::PhysicalBytes() {
  long pages = sysconf(_SC_PHYS_PAGES);
  long page = sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page <= 0) return uint64_t{8} << 30;
  return static_cast<uint64_t>(pages) * static_cast<uint64_t>(page);
}

Status MemoryBudget::Reserve(uint64_t bytes, std::string_view op) const {
  uint64_t rss = ResidentBytes();
  if (rss + bytes <= limit_) return Status::Ok();
  return Status::ResourceExhausted(fmt::format(
      "内存不足：{} 需要约 {}，已用 {}，上限 {}（可用 --memory-limit 调整）/ out of memory: {} "
      "needs about {} on top of {} in use, limit {} (raise it with --memory-limit)",
      op, Gib(bytes), Gib(rss), Gib(limit_), op, Gib(bytes), Gib(rss), Gib(limit_)));
}

}  // namespace tutela::engine
