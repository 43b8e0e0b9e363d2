// Typed rows of the demo tables, before they are spelled out into a file.
// Person columns hold an index into World::persons; institution columns an
// index into World::institutions. Plain value types.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/date.h"

namespace tutela::demo {

constexpr Days kNoDay = INT32_MIN;
constexpr Seconds kNoTime = INT64_MIN;
constexpr int32_t kNoInt = INT32_MIN;

// A cell replaced on purpose by a bad value: the importer must reject the
// row (a required column) or warn and drop the value (an optional column).
struct CellOverride {
  int col = -1;          // canonical column index; -1 = none
  bool warning = false;  // expected reject-log kind
  std::string text;
};

// Spelling of a person-ID cell: -1 = the table's usual mix, else an IdStyle.
using IdStyleChoice = int8_t;

struct GuardianRow {
  int32_t minor = -1, guardian = -1;
  std::string relation;
  CellOverride ov;
};

struct StaffRow {
  int32_t inst = -1;
  int32_t person = -1;  // -1: a name + birth date that matches nobody
  bool blank_id = false;
  std::string name;     // empty: the person's name
  Days birth = kNoDay;  // kNoDay with blank_id false: left empty
  std::string position;
  Days hire = kNoDay, leave = kNoDay;
  CellOverride ov;
};

struct JudgmentRow {
  std::string case_no, court;
  int32_t region = 0;
  Days judgment_date = kNoDay;
  int32_t defendant = -1;
  std::string occupation, charge;
  Days offense = kNoDay;
  std::string place;  // offense_place_id
  std::string sentence_type;
  int32_t months = kNoInt;
  int8_t suspended = -1;  // -1 missing, 0, 1
  int32_t ban = kNoInt;
  std::string aggravating, mitigating, remark;
  IdStyleChoice style = -1;
  CellOverride ov;
};

struct VictimRow {
  std::string case_no;
  int32_t victim = -1;
  IdStyleChoice style = -1;
  CellOverride ov;
};

struct HotelRow {
  int32_t hotel = -1;
  std::string room;
  int32_t person = -1;
  Seconds in = kNoTime, out = kNoTime;
  std::string contact;
  IdStyleChoice style = -1;
  CellOverride ov;
};

struct NetcafeRow {
  int32_t cafe = -1;
  int32_t person = -1;
  Seconds login = kNoTime, logout = kNoTime;
  int32_t terminal = 0;
  IdStyleChoice style = -1;
  CellOverride ov;
};

struct MedicalRow {
  int32_t hospital = -1;
  int32_t patient = -1;
  Seconds time = kNoTime;
  std::string code, diagnosis;
  CellOverride ov;
};

struct ReportRow {
  std::string id;
  int32_t reporter = -1;  // institution
  int32_t subject = -1;
  Seconds time = kNoTime;
  std::string category;
  CellOverride ov;
};

struct EmploymentRow {
  int32_t employer = -1;
  int32_t person = -1;
  Days start = kNoDay, end = kNoDay;
  int8_t hazardous = -1;
  CellOverride ov;
};

struct EnrollmentRow {
  int32_t school = -1;
  int32_t student = -1;
  Days enroll = kNoDay, leave = kNoDay;
  CellOverride ov;
};

struct DetentionRow {
  int32_t person = -1;
  std::string kind;  // detention / prison / rehab
  Days start = kNoDay, end = kNoDay;
  CellOverride ov;
};

struct CaseRow {
  std::string case_id;
  int32_t suspect = -1;
  std::string charge;
  Days offense = kNoDay;
  int32_t expected = kNoInt;
  int8_t confessed = -1;
  std::string decision;  // canonical English value, empty = missing
  Days decision_date = kNoDay;
  int32_t probation = kNoInt;
  CellOverride ov;
};

struct TaskRow {
  std::string case_id, task_id, kind;
  Days due = kNoDay, done = kNoDay;
  CellOverride ov;
};

struct QueryRow {
  std::string id;
  int32_t subject = -1;
  std::string requester;
  Seconds time = kNoTime;
  std::string purpose;  // canonical English value, empty = missing
  int8_t disclosed = -1;
  CellOverride ov;
};

// A persons-table row beyond the registry's own: a repeated ID (later row,
// counted as a duplicate) or a row with a bad cell.
struct PersonExtraRow {
  int32_t person = -1;
  CellOverride ov;
};

// The rows of the in-memory tables (the three big activity tables stream
// their background rows and keep only planted rows here).
struct Rows {
  std::vector<GuardianRow> guardians;
  std::vector<StaffRow> staff;
  std::vector<JudgmentRow> judgments;
  std::vector<VictimRow> victims;
  std::vector<HotelRow> hotel;
  std::vector<NetcafeRow> netcafe;
  std::vector<MedicalRow> medical;
  std::vector<ReportRow> reports;
  std::vector<EmploymentRow> employment;
  std::vector<EnrollmentRow> enrollments;
  std::vector<DetentionRow> detentions;
  std::vector<CaseRow> cases;
  std::vector<TaskRow> tasks;
  std::vector<QueryRow> queries;
  std::vector<PersonExtraRow> person_extras;
};

}  // namespace tutela::demo
