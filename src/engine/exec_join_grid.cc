// Distance join candidates for haversine_m(l, r) <= d: right points in
// latitude/longitude cells of about d (per key group, sorted by cell); each
// left point reads the cells of its window |dlat| <= d/R and
// hav(dlon) <= hav(d/R) / (cos(lat1) cos(|lat1| + d/R)), across the
// antimeridian, with a safety margin; the exact distance of each candidate
// is then checked inline (HaversineM, the bits of haversine_m), so the
// probe gets exactly the matching pairs.
#include <algorithm>
#include <bit>
#include <cmath>

#include "engine/exec_join_internal.h"
#include "engine/haversine.h"

namespace tutela::engine::join {

namespace {

constexpr double kDeg = 180.0 / M_PI;
constexpr int64_t kMisc = INT64_MAX;  // cell of points the grid cannot place

bool Placeable(double lat, double lon) {
  return std::isfinite(lat) && std::isfinite(lon) && std::fabs(lat) <= 90;
}

double NormalizeLon(double lon) { return lon - 360.0 * std::floor((lon + 180.0) / 360.0); }

class GridSource : public CandidateSource {
 public:
  explicit GridSource(const KeyGroups& groups) : groups_(groups) {}
  Status Build(const JoinSpec& spec, const Chunk& left, const Chunk& right, const EvalContext& ctx);

  RowSpan Get(size_t l, std::vector<RowIdx>* scratch) const override {
    int64_t g = groups_.OfLeft(l);
    if (g < 0 || none_ || !llat_.valid[l] || !llon_.valid[l]) return {};
    size_t b = cells_.off[static_cast<size_t>(g)], e = cells_.off[static_cast<size_t>(g) + 1];
    if (all_) return {row_order_.data() + b, row_order_.data() + e};
    double lat = llat_.d[l], lon = llon_.d[l];
    GeoPoint here;
    bool prepared = false;  // most left points have no candidate at all
    scratch->clear();
    auto take = [&](size_t from, size_t to) {
      if (from < to && !prepared) {
        here = PreparePoint(lat, lon);
        prepared = true;
      }
      for (size_t i = from; i < to; ++i) {
        if (Within(here, points_[i])) scratch->push_back(cells_.rows[i].row);
      }
    };
    if (!Placeable(lat, lon)) {
      take(b, e);
      std::sort(scratch->begin(), scratch->end());
      return {scratch->data(), scratch->data() + scratch->size()};
    }
    // Cells [lo_key, hi_key] of one latitude row: the row's points come
    // from the row index, then a short scan (or a binary search) of them.
    auto add = [&](const RowSlot* slot, int64_t lo_key, int64_t hi_key) {
      if (slot == nullptr) return;
      const KeyedRow* rb = cells_.rows.data() + slot->begin;
      const KeyedRow* re = cells_.rows.data() + slot->end;
      const KeyedRow* p = rb;
      if (re - rb > 16) {
        p = std::lower_bound(rb, re, lo_key,
                             [](const KeyedRow& a, int64_t v) { return a.key < v; });
      } else {
        while (p < re && p->key < lo_key) ++p;
      }
      const KeyedRow* q = p;
      while (q < re && q->key <= hi_key) ++q;
      take(static_cast<size_t>(p - cells_.rows.data()),
           static_cast<size_t>(q - cells_.rows.data()));
    };
    int64_t row_lo = Cell(std::max(-90.0, lat - theta_deg_) + 90.0, nlat_);
    int64_t row_hi = Cell(std::min(90.0, lat + theta_deg_) + 90.0, nlat_);
    // The band's rows (usually three): nothing there, no window to compute.
    constexpr int64_t kFewRows = 8;
    const RowSlot* band[kFewRows] = {};
    bool few = row_hi - row_lo < kFewRows, any = !few;
    for (int64_t row = row_lo; few && row <= row_hi; ++row) {
      band[row - row_lo] = FindRow(g, row);
      any = any || band[row - row_lo] != nullptr;
    }
    const RowSlot* misc = FindRow(g, kMisc >> 32);
    if (!any && misc == nullptr) return {};
    // Longitude window: all cells near the poles or when the bound reaches 1.
    double phi = std::fabs(lat) / kDeg;
    bool full = phi + theta_ >= M_PI / 2 - 1e-9;
    double dlon = 180;
    if (!full) {
      double ratio = hav_theta_ / (std::cos(phi) * std::cos(phi + theta_));
      full = !(ratio < 1);
      if (!full) dlon = 2 * std::asin(std::sqrt(ratio)) * kDeg * (1 + 1e-9) + 1e-9;
      full = full || 2 * dlon + 2 * cell_ >= 360;
    }
    int64_t c[4] = {0, nlon_ - 1, 1, 0};  // up to two cell ranges [c0, c1], [c2, c3]
    if (!full) {
      double x = NormalizeLon(lon), lo = x - dlon, hi = x + dlon;
      if (lo < -180) {
        c[0] = Cell(lo + 540, nlon_);
        c[2] = 0;
        c[3] = Cell(hi + 180, nlon_);
      } else if (hi >= 180) {
        c[0] = Cell(lo + 180, nlon_);
        c[2] = 0;
        c[3] = Cell(hi - 180, nlon_);
      } else {
        c[0] = Cell(lo + 180, nlon_);
        c[1] = Cell(hi + 180, nlon_);
      }
    }
    for (int64_t row = row_lo; any && row <= row_hi; ++row) {
      const RowSlot* slot = few ? band[row - row_lo] : FindRow(g, row);
      add(slot, row << 32 | c[0], row << 32 | c[1]);
      if (c[2] <= c[3]) add(slot, row << 32 | c[2], row << 32 | c[3]);
    }
    add(misc, kMisc, kMisc);
    std::sort(scratch->begin(), scratch->end());
    return {scratch->data(), scratch->data() + scratch->size()};
  }

  // Every candidate satisfies the distance condition, unless the distance
  // admits every pair (then the probe checks it).
  bool ExactBounds() const override { return !all_; }

 private:
  // The points of one latitude row of cells within a group:
  // cells_.rows[begin, end) (sorted by cell key, so a row is one run).
  struct RowSlot {
    int64_t lat_row = 0;
    int64_t group = -1;  // -1: empty slot
    uint32_t begin = 0, end = 0;
  };
  static uint64_t RowHash(int64_t g, int64_t lat_row) {
    uint64_t h = static_cast<uint64_t>(lat_row) * 0x9E3779B97F4A7C15ull + static_cast<uint64_t>(g);
    h ^= h >> 32;
    h *= 0xD6E8FEB86659FD93ull;
    return h ^ (h >> 32);
  }
  const RowSlot* FindRow(int64_t g, int64_t lat_row) const {
    size_t mask = index_.size() - 1;
    for (size_t i = RowHash(g, lat_row) & mask;; i = (i + 1) & mask) {
      const RowSlot& c = index_[i];
      if (c.group < 0) return nullptr;
      if (c.lat_row == lat_row && c.group == g) return &c;
    }
  }
  // Indexes every latitude row of every group of cells_ (the misc cell is
  // a row of its own: kMisc >> 32 is beyond every real row).
  void BuildIndex() {
    size_t runs = 0;
    for (size_t i = 0; i < cells_.rows.size(); ++i) {
      runs += i == 0 || (cells_.rows[i].key >> 32) != (cells_.rows[i - 1].key >> 32);
    }
    index_.assign(std::bit_ceil(std::max<size_t>(16, runs * 2 + 1)), RowSlot{});
    size_t mask = index_.size() - 1;
    for (size_t g = 0; g + 1 < cells_.off.size(); ++g) {
      for (size_t i = cells_.off[g]; i < cells_.off[g + 1];) {
        int64_t lat_row = cells_.rows[i].key >> 32;
        size_t j = i;
        while (j < cells_.off[g + 1] && (cells_.rows[j].key >> 32) == lat_row) ++j;
        size_t h = RowHash(static_cast<int64_t>(g), lat_row) & mask;
        while (index_[h].group >= 0) h = (h + 1) & mask;
        index_[h] = RowSlot{lat_row, static_cast<int64_t>(g), static_cast<uint32_t>(i),
                            static_cast<uint32_t>(j)};
        i = j;
      }
    }
  }

  // The grid conjunct on a left point and a right one, with haversine_m's
  // arguments in the order the query wrote them.
  bool Within(const GeoPoint& left, const GeoPoint& right) const {
    double m = left_first_ ? HaversineM(left, right) : HaversineM(right, left);
    return strict_ ? m < d_ : m <= d_;
  }

  // Cell of an offset in degrees from -90 / -180.
  int64_t Cell(double offset, int64_t cells) const {
    double c = std::floor(offset / cell_);
    if (!(c >= 0)) return 0;
    return std::min(cells - 1, static_cast<int64_t>(std::min(c, 1e15)));
  }
  int64_t CellKey(double lat, double lon) const {
    if (!Placeable(lat, lon)) return kMisc;
    return Cell(lat + 90.0, nlat_) << 32 | Cell(NormalizeLon(lon) + 180.0, nlon_);
  }

  const KeyGroups& groups_;
  Vec llat_, llon_;                // left point
  bool none_ = false;              // no pair can satisfy the condition
  bool all_ = false;               // every pair may: the grid does not help
  bool left_first_ = true;         // haversine_m(left point, right point)
  bool strict_ = false;            // < rather than <=
  double d_ = 0;                   // the distance
  double theta_ = 0;               // d / R plus margin, radians
  double theta_deg_ = 0;           // the same in degrees
  double hav_theta_ = 0;           // sin^2(theta / 2)
  double cell_ = 1;                // cell size in degrees
  int64_t nlat_ = 1, nlon_ = 1;    // cells per axis
  SortedGroups cells_;             // per group, right rows with coordinates by cell key
  std::vector<RowIdx> row_order_;  // the same rows per group in row order
  std::vector<GeoPoint> points_;   // the point of each row of cells_.rows
  std::vector<RowSlot> index_;     // (group, latitude row) -> rows, open addressing
};

Status GridSource::Build(const JoinSpec& spec, const Chunk& left, const Chunk& right,
                         const EvalContext& ctx) {
  Chunk one;
  one.rows = 1;
  ASSIGN_OR_RETURN(Vec dist, Eval(*spec.distance, one, ctx));
  if (dist.type != SqlType::kDouble || dist.valid.size() != 1) {
    return Status::Internal("grid join: distance is not one double");
  }
  bool known = dist.valid[0] && dist.d.size() == 1;
  double d = known ? dist.d[0] : 0;
  d_ = d;
  const Expr& c = *spec.grid_conjunct;
  strict_ = c.op == Op::kLt || c.op == Op::kGt;
  const Expr& hav = *c.args[c.op == Op::kLe || c.op == Op::kLt ? 0 : 1];
  left_first_ = hav.args[0] == spec.left_lat;
  // haversine_m is never negative; NULL compares to nothing; NaN is above
  // every number, so `<= NaN` holds for every distance.
  none_ = !known || d < 0;
  all_ = std::isnan(d) || d / kEarthRadiusM >= M_PI / 2;
  ASSIGN_OR_RETURN(llat_, EvalParallel(*spec.left_lat, left, ctx));
  ASSIGN_OR_RETURN(llon_, EvalParallel(*spec.left_lon, left, ctx));
  ASSIGN_OR_RETURN(Vec rlat, EvalParallel(*spec.right_lat, right, ctx));
  ASSIGN_OR_RETURN(Vec rlon, EvalParallel(*spec.right_lon, right, ctx));
  if (!none_ && !all_) {
    double theta = d / kEarthRadiusM;
    theta_ = theta * (1 + 1e-9) + 1e-7;  // about 0.6 m beyond float error
    theta_deg_ = theta_ * kDeg;
    double s = std::sin(theta_ / 2);
    hav_theta_ = s * s;
    cell_ = std::clamp(theta_deg_, 1e-5, 90.0);
    nlat_ = static_cast<int64_t>(std::floor(180.0 / cell_)) + 1;
    nlon_ = static_cast<int64_t>(std::ceil(360.0 / cell_));
  }
  RETURN_IF_ERROR(ReserveMemory(ctx, right.rows * 49 + groups_.count * 4, "grid join"));
  std::vector<uint8_t> keep(right.rows);
  std::vector<int64_t> cell(right.rows, 0);
  for (size_t r = 0; r < right.rows; ++r) {
    keep[r] = rlat.valid[r] && rlon.valid[r];
    if (keep[r] && !all_) cell[r] = CellKey(rlat.d[r], rlon.d[r]);
  }
  RETURN_IF_ERROR(SortRowsByGroup(right.rows, groups_.count,
                                  groups_.keyless ? nullptr : &groups_.right, &keep, cell.data(),
                                  nullptr, ctx, &cells_, &row_order_));
  if (all_) return Status::Ok();
  RETURN_IF_ERROR(ReserveMemory(ctx, cells_.rows.size() * 2 * sizeof(RowSlot), "grid join"));
  BuildIndex();
  points_.resize(cells_.rows.size());
  for (size_t i = 0; i < cells_.rows.size(); ++i) {
    RowIdx r = cells_.rows[i].row;
    points_[i] = PreparePoint(rlat.d[r], rlon.d[r]);
  }
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<CandidateSource>> MakeGridSource(const JoinSpec& spec,
                                                        const KeyGroups& groups, const Chunk& left,
                                                        const Chunk& right,
                                                        const EvalContext& ctx) {
  auto src = std::make_unique<GridSource>(groups);
  RETURN_IF_ERROR(src->Build(spec, left, right, ctx));
  return std::unique_ptr<CandidateSource>(std::move(src));
}

}  // namespace tutela::engine::join
