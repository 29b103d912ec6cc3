// Benchmark support: latency statistics over a run's samples (count, nearest-rank p50 and p99,
// max), in milliseconds, for the benchmarks that time requests.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace okno::bench {

struct Latency {
  std::size_t count = 0;
  double p50 = 0, p99 = 0, max = 0;
};

inline Latency summarize(std::vector<double> ms) {
  Latency out;
  out.count = ms.size();
  if (ms.empty()) return out;
  std::sort(ms.begin(), ms.end());
  auto rank = [&](double p) {
    auto i = static_cast<std::size_t>(p * static_cast<double>(ms.size()) + 0.999999);
    return ms[std::clamp<std::size_t>(i, 1, ms.size()) - 1];
  };
  out.p50 = rank(0.50);
  out.p99 = rank(0.99);
  out.max = ms.back();
  return out;
}

}  // namespace okno::bench
