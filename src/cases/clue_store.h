// ClueStore: the workspace's clue database (a real SQLite file, clues.db).
// A clue's id is a hash of model, rule and keys, so a re-run finds the same
// clue again: its handling state is kept, new clues are added, and clues the
// new data no longer supports are marked stale; nothing is deleted. Each run
// records the model file hashes, parameters and input table hashes. Person
// data (keys and the clue body) is sealed with the workspace's clue subkey.
// One ClueStore per thread; SQLite serialises writers across processes.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "models/clue.h"
#include "storage/crypto.h"

struct sqlite3;

namespace tutela::cases {

// Workflow states of a clue (线索状态).
// new 新线索 → reviewing 审查中 → acted 已处理 (suggestion, suit, protest, referral) | dismissed
// 不予处理
bool IsValidState(const std::string& state);

struct RunMeta {
  std::string as_of;        // YYYY-MM-DD
  std::string params_json;  // {"model.name":"value",...}
  std::string models_json;  // [{"id":...,"path":...,"sha256":...},...]
  std::string tables_json;  // [{"table":...,"rows":...,"sources":[sha256...]},...]
};

struct RunRecord {
  int64_t run_id = 0;
  std::string started_at;
  RunMeta meta;
  int64_t clues = 0;    // clues produced by the run
  int64_t added = 0;    // of which new to the store
  int64_t staled = 0;   // stored clues the run no longer supports
  int64_t revived = 0;  // stale clues supported again
};

struct StoredClue {
  std::string clue_id;
  std::string model, rule, department, severity;
  std::string state;
  bool stale = false;
  int64_t first_run = 0, last_run = 0;
  std::string updated_at;
  std::string json;  // the clue as the last run that supported it produced it (cli.md JSONL)
};

struct ClueFilter {
  std::string model, rule, severity, department, state;
  std::optional<bool> stale;
  std::string contains;  // substring of the clue JSON (e.g. a person ID)
};

// Hex id of a clue: SHA-256 of its identity (model, rule, keys), 32 hex digits.
std::string ClueId(const models::Clue& clue);

class ClueStore {
 public:
  ~ClueStore();
  // Opens or creates `path`; `key` is the workspace's clue subkey.
  static Result<std::unique_ptr<ClueStore>> Open(const std::string& path,
                                                 const storage::SecretKey& key);

  // Records one run in a single transaction.
  Result<RunRecord> RecordRun(const std::vector<models::Clue>& clues, const RunMeta& meta);
  Result<std::vector<StoredClue>> List(const ClueFilter& filter) const;
  Result<std::vector<RunRecord>> Runs() const;
  Status SetState(const std::string& clue_id, const std::string& state);

 private:
  ClueStore(sqlite3* db, const storage::SecretKey& key) : db_(db), key_(key) {}
  Status Exec(const std::string& sql) const;
  std::string Seal(const std::string& clue_id, const std::string& plain) const;
  Result<std::string> Unseal(const std::string& clue_id, const std::string& sealed) const;

  sqlite3* db_;
  storage::SecretKey key_;
};

}  // namespace tutela::cases
