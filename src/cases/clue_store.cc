// ClueStore on SQLite with sealed person data.
#include "cases/clue_store.h"

#include <fmt/format.h>
#include <sodium.h>
#include <sqlite3.h>

#include <map>
#include <set>

#include "storage/manifest.h"

namespace tutela::cases {

namespace {

constexpr const char* kSchema = R"sql(
PRAGMA journal_mode=WAL;
PRAGMA synchronous=FULL;
CREATE TABLE IF NOT EXISTS runs(
  run_id INTEGER PRIMARY KEY, started_at TEXT NOT NULL, as_of TEXT NOT NULL,
  params TEXT NOT NULL, models TEXT NOT NULL, tables TEXT NOT NULL,
  clues INTEGER NOT NULL, added INTEGER NOT NULL, staled INTEGER NOT NULL,
  revived INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS clues(
  clue_id TEXT PRIMARY KEY, model TEXT NOT NULL, rule TEXT NOT NULL,
  department TEXT NOT NULL, severity TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'new', stale INTEGER NOT NULL DEFAULT 0,
  first_run INTEGER NOT NULL, last_run INTEGER NOT NULL, updated_at TEXT NOT NULL,
  body BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS clue_runs(
  clue_id TEXT NOT NULL, run_id INTEGER NOT NULL, PRIMARY KEY(clue_id, run_id));
CREATE INDEX IF NOT EXISTS clues_model ON clues(model, rule);
)sql";

// RAII statement.
class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) { rc_ = sqlite3_prepare_v2(db, sql, -1, &s_, nullptr); }
  ~Stmt() { sqlite3_finalize(s_); }
  bool ok() const { return rc_ == SQLITE_OK; }
  sqlite3_stmt* get() { return s_; }
  void Text(int i, const std::string& v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void Blob(int i, const std::string& v) {
    sqlite3_bind_blob(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void Int(int i, int64_t v) { sqlite3_bind_int64(s_, i, v); }
  std::string ColText(int i) {
    const unsigned char* t = sqlite3_column_text(s_, i);
    return t ? std::string(reinterpret_cast<const char*>(t),
                           static_cast<size_t>(sqlite3_column_bytes(s_, i)))
             : std::string();
  }
  std::string ColBlob(int i) {
    const void* b = sqlite3_column_blob(s_, i);
    return b ? std::string(static_cast<const char*>(b),
                           static_cast<size_t>(sqlite3_column_bytes(s_, i)))
             : std::string();
  }

 private:
  sqlite3_stmt* s_ = nullptr;
  int rc_;
};

Status SqlError(sqlite3* db, const std::string& what) {
  return Status::IoError(fmt::format("线索库 / clue store: {}: {}", what, sqlite3_errmsg(db)));
}

}  // namespace

bool IsValidState(const std::string& s) {
  return s == "new" || s == "reviewing" || s == "acted" || s == "dismissed";
}

std::string ClueId(const models::Clue& clue) {
  return storage::Sha256Hex(clue.IdentityString()).substr(0, 32);
}

ClueStore::~ClueStore() { sqlite3_close(db_); }

Result<std::unique_ptr<ClueStore>> ClueStore::Open(const std::string& path,
                                                   const storage::SecretKey& key) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    Status s = SqlError(db, "open " + path);
    sqlite3_close(db);
    return s;
  }
  sqlite3_busy_timeout(db, 10000);
  std::unique_ptr<ClueStore> store(new ClueStore(db, key));
  RETURN_IF_ERROR(store->Exec(kSchema));
  return store;
}

Status ClueStore::Exec(const std::string& sql) const {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "?";
    sqlite3_free(err);
    return Status::IoError("线索库 / clue store: " + msg);
  }
  return Status::Ok();
}

std::string ClueStore::Seal(const std::string& clue_id, const std::string& plain) const {
  std::string out(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + plain.size() +
                      crypto_aead_xchacha20poly1305_ietf_ABYTES,
                  '\0');
  auto* nonce = reinterpret_cast<unsigned char*>(out.data());
  randombytes_buf(nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  unsigned long long clen = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, &clen,
      reinterpret_cast<const unsigned char*>(plain.data()), plain.size(),
      reinterpret_cast<const unsigned char*>(clue_id.data()), clue_id.size(), nullptr, nonce,
      key_.data());
  return out;
}

Result<std::string> ClueStore::Unseal(const std::string& clue_id, const std::string& sealed) const {
  const size_t nb = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  if (sealed.size() < nb + crypto_aead_xchacha20poly1305_ietf_ABYTES) {
    return Status::Corruption("线索 " + clue_id + " 已损坏 / clue record is damaged");
  }
  std::string plain(sealed.size() - nb - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  unsigned long long plen = 0;
  const auto* nonce = reinterpret_cast<const unsigned char*>(sealed.data());
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(plain.data()), &plen, nullptr, nonce + nb,
          sealed.size() - nb, reinterpret_cast<const unsigned char*>(clue_id.data()),
          clue_id.size(), nonce, key_.data()) != 0) {
    return Status::Corruption("线索 " + clue_id +
                              " 认证失败（被篡改或密钥错误）/ clue failed authentication "
                              "(tampered or wrong key)");
  }
  return plain;
}

Result<RunRecord> ClueStore::RecordRun(const std::vector<models::Clue>& clues,
                                       const RunMeta& meta) {
  RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
  auto rollback = [this](Status s) {
    (void)Exec("ROLLBACK");
    return s;
  };
  RunRecord rec;
  rec.started_at = storage::UtcNowIso8601();
  rec.meta = meta;
  rec.clues = static_cast<int64_t>(clues.size());
  {
    Stmt ins(db_,
             "INSERT INTO runs(started_at, as_of, params, models, tables, clues, added, staled, "
             "revived) VALUES(?,?,?,?,?,0,0,0,0)");
    if (!ins.ok()) return rollback(SqlError(db_, "prepare"));
    ins.Text(1, rec.started_at);
    ins.Text(2, meta.as_of);
    ins.Text(3, meta.params_json);
    ins.Text(4, meta.models_json);
    ins.Text(5, meta.tables_json);
    if (sqlite3_step(ins.get()) != SQLITE_DONE) return rollback(SqlError(db_, "insert run"));
    rec.run_id = sqlite3_last_insert_rowid(db_);
  }
  std::set<std::string> seen;
  for (const models::Clue& c : clues) {
    std::string id = ClueId(c);
    seen.insert(id);
    int64_t existing_stale = -1;
    {
      Stmt q(db_, "SELECT stale FROM clues WHERE clue_id = ?");
      q.Text(1, id);
      if (sqlite3_step(q.get()) == SQLITE_ROW) existing_stale = sqlite3_column_int64(q.get(), 0);
    }
    std::string body = Seal(id, models::ClueToJson(c));
    if (existing_stale < 0) {
      Stmt ins(db_,
               "INSERT INTO clues(clue_id, model, rule, department, severity, state, stale, "
               "first_run, last_run, updated_at, body) VALUES(?,?,?,?,?,'new',0,?,?,?,?)");
      ins.Text(1, id);
      ins.Text(2, c.model);
      ins.Text(3, c.rule);
      ins.Text(4, c.department);
      ins.Text(5, models::SeverityName(c.severity));
      ins.Int(6, rec.run_id);
      ins.Int(7, rec.run_id);
      ins.Text(8, rec.started_at);
      ins.Blob(9, body);
      if (sqlite3_step(ins.get()) != SQLITE_DONE) return rollback(SqlError(db_, "insert clue"));
      ++rec.added;
    } else {
      if (existing_stale == 1) ++rec.revived;
      Stmt up(db_,
              "UPDATE clues SET department = ?, severity = ?, stale = 0, last_run = ?, "
              "updated_at = ?, body = ? WHERE clue_id = ?");
      up.Text(1, c.department);
      up.Text(2, models::SeverityName(c.severity));
      up.Int(3, rec.run_id);
      up.Text(4, rec.started_at);
      up.Blob(5, body);
      up.Text(6, id);
      if (sqlite3_step(up.get()) != SQLITE_DONE) return rollback(SqlError(db_, "update clue"));
    }
    Stmt link(db_, "INSERT OR IGNORE INTO clue_runs(clue_id, run_id) VALUES(?,?)");
    link.Text(1, id);
    link.Int(2, rec.run_id);
    if (sqlite3_step(link.get()) != SQLITE_DONE) return rollback(SqlError(db_, "link clue"));
  }
  {
    // Clues of the models that ran, not produced now, become stale.
    std::set<std::pair<std::string, std::string>> rules;
    Stmt all(db_, "SELECT clue_id, stale FROM clues");
    std::vector<std::string> to_stale;
    while (sqlite3_step(all.get()) == SQLITE_ROW) {
      std::string id = all.ColText(0);
      if (!seen.count(id) && sqlite3_column_int64(all.get(), 1) == 0) to_stale.push_back(id);
    }
    for (const std::string& id : to_stale) {
      Stmt up(db_, "UPDATE clues SET stale = 1, updated_at = ? WHERE clue_id = ?");
      up.Text(1, rec.started_at);
      up.Text(2, id);
      if (sqlite3_step(up.get()) != SQLITE_DONE) return rollback(SqlError(db_, "stale clue"));
      ++rec.staled;
    }
  }
  {
    Stmt up(db_, "UPDATE runs SET clues = ?, added = ?, staled = ?, revived = ? WHERE run_id = ?");
    up.Int(1, rec.clues);
    up.Int(2, rec.added);
    up.Int(3, rec.staled);
    up.Int(4, rec.revived);
    up.Int(5, rec.run_id);
    if (sqlite3_step(up.get()) != SQLITE_DONE) return rollback(SqlError(db_, "update run"));
  }
  RETURN_IF_ERROR(Exec("COMMIT"));
  return rec;
}

Result<std::vector<StoredClue>> ClueStore::List(const ClueFilter& f) const {
  Stmt q(db_,
         "SELECT clue_id, model, rule, department, severity, state, stale, first_run, last_run, "
         "updated_at, body FROM clues WHERE (?1 = '' OR model = ?1) AND (?2 = '' OR rule = ?2) "
         "AND (?3 = '' OR severity = ?3) AND (?4 = '' OR department = ?4) AND "
         "(?5 = '' OR state = ?5) AND (?6 < 0 OR stale = ?6) ORDER BY model, rule, clue_id");
  if (!q.ok()) return SqlError(db_, "prepare list");
  q.Text(1, f.model);
  q.Text(2, f.rule);
  q.Text(3, f.severity);
  q.Text(4, f.department);
  q.Text(5, f.state);
  q.Int(6, f.stale.has_value() ? (*f.stale ? 1 : 0) : -1);
  std::vector<StoredClue> out;
  while (sqlite3_step(q.get()) == SQLITE_ROW) {
    StoredClue c;
    c.clue_id = q.ColText(0);
    c.model = q.ColText(1);
    c.rule = q.ColText(2);
    c.department = q.ColText(3);
    c.severity = q.ColText(4);
    c.state = q.ColText(5);
    c.stale = sqlite3_column_int64(q.get(), 6) != 0;
    c.first_run = sqlite3_column_int64(q.get(), 7);
    c.last_run = sqlite3_column_int64(q.get(), 8);
    c.updated_at = q.ColText(9);
    ASSIGN_OR_RETURN(c.json, Unseal(c.clue_id, q.ColBlob(10)));
    if (!f.contains.empty() && c.json.find(f.contains) == std::string::npos) continue;
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::vector<RunRecord>> ClueStore::Runs() const {
  Stmt q(db_,
         "SELECT run_id, started_at, as_of, params, models, tables, clues, added, staled, revived "
         "FROM runs ORDER BY run_id");
  if (!q.ok()) return SqlError(db_, "prepare runs");
  std::vector<RunRecord> out;
  while (sqlite3_step(q.get()) == SQLITE_ROW) {
    RunRecord r;
    r.run_id = sqlite3_column_int64(q.get(), 0);
    r.started_at = q.ColText(1);
    r.meta.as_of = q.ColText(2);
    r.meta.params_json = q.ColText(3);
    r.meta.models_json = q.ColText(4);
    r.meta.tables_json = q.ColText(5);
    r.clues = sqlite3_column_int64(q.get(), 6);
    r.added = sqlite3_column_int64(q.get(), 7);
    r.staled = sqlite3_column_int64(q.get(), 8);
    r.revived = sqlite3_column_int64(q.get(), 9);
    out.push_back(std::move(r));
  }
  return out;
}

Status ClueStore::SetState(const std::string& clue_id, const std::string& state) {
  if (!IsValidState(state)) {
    return Status::InvalidInput("无效的状态 / invalid state \"" + state +
                                "\" (new, reviewing, acted, dismissed)");
  }
  Stmt up(db_, "UPDATE clues SET state = ?, updated_at = ? WHERE clue_id = ?");
  up.Text(1, state);
  up.Text(2, storage::UtcNowIso8601());
  up.Text(3, clue_id);
  if (sqlite3_step(up.get()) != SQLITE_DONE) return SqlError(db_, "set state");
  if (sqlite3_changes(db_) == 0) return Status::NotFound("没有这条线索 / no clue " + clue_id);
  return Status::Ok();
}

}  // namespace tutela::cases
