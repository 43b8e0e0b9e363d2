// The demo world: the people and institutions of a synthetic province, the
// in-memory rows of background and planted data, and what each planted case
// is expected to produce. Built by one thread; owns everything it holds. While
// the files are written, emitters on several threads only read it, except for
// rejects / file_notes / file_stats (under `mu`) and what each emitter alone owns.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "demo/rng.h"
#include "demo/rows.h"

namespace tutela::demo {

enum class InstType : uint8_t {
  kKindergarten,
  kPrimary,
  kMiddle,
  kHigh,
  kVocational,
  kTraining,
  kChildWelfare,
  kHospital,
  kHotel,
  kInternetCafe,
  kBar,
  kEntertainment,
  kTobacco,
  kLottery,
  kEmployer,
  kCount
};
const char* InstTypeName(InstType t);  // canonical English value
// A Chinese spelling accepted by datasets.md (several for some types).
std::string_view InstTypeZh(InstType t, Rng& rng);

// Person flags.
constexpr uint8_t kRegistered = 1;   // has a persons row
constexpr uint8_t kTradName = 2;     // persons row spells the name in traditional characters
constexpr uint8_t kNoBirthDate = 4;  // persons row leaves birth_date empty
constexpr uint8_t kInvalidId = 8;    // planted invalid ID

// Background roles (which pools a person is drawn from).
enum class Role : uint8_t { kNone, kChild, kParent, kStaff, kOffender, kWorker, kElder, kPlanted };

struct Person {
  std::array<char, 18> id{};
  std::string name;     // simplified spelling
  Days birth = kNoDay;  // true birth date
  Days deceased = kNoDay;
  int32_t region = 0;  // residence county code (persons.region_code)
  uint32_t household = 0;
  char sex = 'M';
  uint8_t flags = kRegistered;
  Role role = Role::kNone;
  std::string_view Id() const { return {id.data(), id.size()}; }
};

struct Institution {
  std::string id, name, address, regulator;
  int32_t region = 0;
  double lat = 0, lon = 0;
  bool coords = true;
  InstType type = InstType::kEmployer;
  int16_t rooms = 0;  // hotels: number of rooms
  uint8_t city = 0;
  CellOverride ov;  // a planted bad cell
};

struct City {
  int32_t code = 0;  // 4 digits
  std::string name;
  double lat = 0, lon = 0;
  int weight = 1;
  std::vector<int32_t> counties;  // 6-digit codes
  int next_slot = 0;
};

// One planted case (or near miss) and the clue it should (or should not) give.
struct Expectation {
  std::string model, rule;
  std::vector<std::pair<std::string, std::string>> keys;  // sorted by name
  std::string severity;                                   // when the clue fires
  bool fires = true;
  std::string note;  // Chinese / English
};

// A reject-log entry the importer must produce for a planted bad row.
struct ExpectedReject {
  std::string file;
  int32_t line = 0;
  std::optional<std::string> column;
  bool warning = false;
};

struct DemoConfig {
  double scale = 1;
  uint64_t seed = 1;
  Days as_of = 0;
};

class World {
 public:
  explicit World(const DemoConfig& config);

  const DemoConfig& config() const { return config_; }
  Days as_of() const { return config_.as_of; }
  Days window_start() const { return config_.as_of - 729; }
  int copies() const { return copies_; }
  // round(x * scale), at least `min`.
  int64_t Scaled(double x, int64_t min = 1) const;
  Rng Stream(std::string_view name) const { return Rng(config_.seed, StreamId(name)); }

  // --- people ---
  struct PersonSpec {
    Days birth = kNoDay;
    char sex = 'M';
    bool registered = true;
    uint32_t household = 0;  // 0: a new household of its own (when registered)
    int32_t region = 0;      // 0: a random county of the home province
    std::string name;        // empty: random
    Role role = Role::kPlanted;
  };
  int32_t NewPerson(const PersonSpec& spec, Rng& rng);
  // Replaces a person's ID with one whose check character is wrong.
  void BreakCheckDigit(int32_t person);
  // Replaces a person's ID with one whose digits 7-14 are not a date.
  void BreakBirthDigits(int32_t person);
  uint32_t NewHousehold() { return ++households_; }
  int32_t RandomHomeCounty(Rng& rng) const;
  int32_t RandomAnyCounty(Rng& rng) const;

  // --- institutions ---
  // A new institution on a fresh grid slot of a city (jittered unless exact).
  int32_t NewInstitution(InstType type, Rng& rng, bool exact = false, int city = -1);
  // A new institution `metres` north (negative: south) of `anchor`.
  int32_t NewInstitutionNear(InstType type, int32_t anchor, double metres, Rng& rng);
  const std::vector<int32_t>& OfType(InstType t) const { return by_type_[static_cast<int>(t)]; }

  // --- identifiers ---
  std::string NewCaseNo(int year, int32_t county);  // (2024)浙0106刑初12号
  std::string CourtName(int32_t county) const;      // 杭州市西湖区人民法院
  std::string NewJuvenileCaseId(int year, int32_t county);
  std::string NewSerial(std::string_view prefix, int year);  // prefix + year + 6 digits
  std::string CountyName(int32_t county) const;              // 杭州市西湖区

  std::vector<Person> persons;
  std::vector<Institution> institutions;
  std::vector<City> cities;
  Rows background;
  Rows planted;
  std::vector<Expectation> expectations;
  // Filled while the files are written (several emitters run at once: lock `mu`).
  std::mutex mu;
  std::vector<ExpectedReject> rejects;
  std::vector<std::string> invalid_ids;           // planted invalid IDs (normalised)
  std::map<std::string, std::string> file_notes;  // file -> quirks it carries
  std::map<std::string, std::pair<int64_t, int64_t>> file_stats;  // file -> (records, bytes)
  std::map<int32_t, CellOverride> person_overrides;               // bad cells of persons rows
  std::map<std::string, std::vector<std::string>> raw_lines;      // file -> malformed records
  // The malformed records of `file` (empty when none); never inserts.
  const std::vector<std::string>& RawLines(const std::string& file) const {
    static const std::vector<std::string> kNone;
    auto it = raw_lines.find(file);
    return it == raw_lines.end() ? kNone : it->second;
  }
  std::map<std::string, std::string> outlier_notes;  // case_no -> why it is in a peer group
  size_t background_institutions = 0;                // institutions[0, this) are background ones
  uint64_t next_distinctive = 0;                     // serial of the next DistinctiveName
  uint64_t next_tradable = 0;                        // serial of the next DistinctiveTradableName

 private:
  std::array<char, 18> UniqueId(int32_t county, Days birth, char sex, Rng& rng);
  std::pair<double, double> SlotPosition(City& city);

  DemoConfig config_;
  int copies_ = 1;
  uint32_t households_ = 0;
  std::unordered_set<uint64_t> used_ids_;
  std::vector<int32_t> home_counties_;
  std::vector<int32_t> all_counties_;
  std::array<std::vector<int32_t>, static_cast<size_t>(InstType::kCount)> by_type_;
  std::map<std::string, int> counters_;
};

// Age in full years (datasets.md).
inline int Age(const Person& p, Days on) { return AgeAt(p.birth, on); }

}  // namespace tutela::demo
