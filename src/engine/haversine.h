// Great-circle distance in metres (haversine formula), shared by the SQL
// function haversine_m and the grid join so that both give the same bits.
// Pure function; thread-safe.
#pragma once

#include <algorithm>
#include <cmath>

namespace tutela::engine {

constexpr double kEarthRadiusM = 6371008.8;  // mean earth radius (IUGG)

// A point in radians with the cosine of its latitude, so that a join can
// prepare each point once; HaversineM over prepared points gives exactly
// the bits of HaversineM over degrees.
struct GeoPoint {
  double lat = 0, lon = 0, cos_lat = 1;
};

inline GeoPoint PreparePoint(double lat_deg, double lon_deg) {
  constexpr double kRad = M_PI / 180.0;
  GeoPoint p;
  p.lat = lat_deg * kRad;
  p.lon = lon_deg * kRad;
  p.cos_lat = std::cos(p.lat);
  return p;
}

// Distance between two prepared points. Never NaN for finite inputs; the
// intermediate is clamped to [0, 1] against rounding.
inline double HaversineM(const GeoPoint& a, const GeoPoint& b) {
  double s1 = std::sin((b.lat - a.lat) / 2), s2 = std::sin((b.lon - a.lon) / 2);
  double h = s1 * s1 + a.cos_lat * b.cos_lat * s2 * s2;
  h = std::min(1.0, std::max(0.0, h));
  return 2 * kEarthRadiusM * std::asin(std::sqrt(h));
}

// Distance between two points given in degrees.
inline double HaversineM(double lat1_deg, double lon1_deg, double lat2_deg, double lon2_deg) {
  return HaversineM(PreparePoint(lat1_deg, lon1_deg), PreparePoint(lat2_deg, lon2_deg));
}

}  // namespace tutela::engine
