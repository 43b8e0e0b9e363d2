// Cryptographic primitives of the workspace on top of libsodium: the master
// key and its derived subkeys, SHA-256 of source files, random identifiers
// and key-check tags. Value types; all functions are thread-safe once
// InitCrypto() has returned OK.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"
#include "storage/env.h"

namespace tutela::storage {

// Calls sodium_init() once per process.
Status InitCrypto();

// 32 secret bytes, wiped on destruction.
class SecretKey {
 public:
  static constexpr size_t kSize = 32;
  SecretKey();
  ~SecretKey();
  SecretKey(const SecretKey& other);
  SecretKey& operator=(const SecretKey& other);

  static SecretKey Random();
  uint8_t* data() { return bytes_.data(); }
  const uint8_t* data() const { return bytes_.data(); }

 private:
  std::array<uint8_t, kSize> bytes_;
};

// Purposes of the subkeys derived from the master key (crypto_kdf, context
// "TutelaWS"). Other subsystems (clue store, audit log) get their own ids.
enum class KeyPurpose : uint64_t {
  kKeyCheck = 1,  // tag proving a key file belongs to a workspace
  kManifest = 2,  // sealing the manifest
  kTables = 3,    // sealing table files
  kClues = 4,     // reserved: clue and case store
  kAudit = 5,     // reserved: audit log
};

SecretKey DeriveSubkey(const SecretKey& master, KeyPurpose purpose);

// Keyed tag (crypto_auth, HMAC-SHA-512-256) over `message`, lower-case hex.
std::string AuthTagHex(const SecretKey& key, std::string_view message);
// Constant-time check of a hex tag made by AuthTagHex.
bool VerifyAuthTagHex(const SecretKey& key, std::string_view message, std::string_view tag_hex);

std::string ToHex(const void* data, size_t size);
std::string RandomHex(size_t bytes);

// SHA-256 (crypto_hash_sha256) of a file's bytes, lower-case hex, read in
// large chunks.
Result<std::string> Sha256OfFile(Env* env, const std::string& path);
std::string Sha256Hex(std::string_view data);

}  // namespace tutela::storage
