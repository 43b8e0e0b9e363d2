// Deterministic pseudo-random numbers for the demo-data generator: xoshiro256**
// seeded through splitmix64, with integer-only derivations so that the same
// seed gives the same stream on every compiler and standard library.
// Value type; one generator per stream, not thread-safe.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace tutela::demo {

class Rng {
 public:
  // `stream` separates independent streams of one seed (see StreamId).
  explicit Rng(uint64_t seed, uint64_t stream = 0) {
    uint64_t x = seed ^ (stream * 0x9E3779B97F4A7C15ull);
    for (uint64_t& s : s_) s = SplitMix(&x);
  }

  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, n) (multiply-shift; the bias is below 2^-32 for n < 2^32). n > 0.
  uint64_t Below(uint64_t n) {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(Next()) * n) >> 64);
  }
  // Uniform in [lo, hi], both inclusive; lo <= hi.
  int64_t Range(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo) + 1));
  }
  // True with probability `per_mille` / 1000.
  bool PerMille(uint32_t per_mille) { return Below(1000) < per_mille; }
  // True with probability num / den.
  bool Chance(uint64_t num, uint64_t den) { return Below(den) < num; }

  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[Below(v.size())];
  }
  template <typename T, size_t N>
  const T& Pick(const T (&a)[N]) {
    return a[Below(N)];
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static uint64_t SplitMix(uint64_t* x) {
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

  uint64_t s_[4];
};

// FNV-1a of a name: the stream number of a named stream ("hotel_checkins").
constexpr uint64_t StreamId(std::string_view name) {
  uint64_t h = 0xCBF29CE484222325ull;
  for (char c : name) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001B3ull;
  return h;
}

// A well-mixed 64-bit hash of one value (for deriving per-item attributes).
constexpr uint64_t Mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

}  // namespace tutela::demo
