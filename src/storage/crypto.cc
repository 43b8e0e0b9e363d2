// Workspace cryptographic primitives (libsodium).
#include "storage/crypto.h"

#include <sodium.h>

#include <vector>

#include "common/sha256.h"

namespace tutela::storage {

static_assert(crypto_kdf_KEYBYTES == SecretKey::kSize);
static_assert(crypto_auth_KEYBYTES == SecretKey::kSize);
static_assert(crypto_aead_xchacha20poly1305_ietf_KEYBYTES == SecretKey::kSize);

Status InitCrypto() {
  static const int rc = sodium_init();
  if (rc < 0) return Status::Internal("无法初始化加密库 / sodium_init failed");
  return Status::Ok();
}

SecretKey::SecretKey() { bytes_.fill(0); }
SecretKey::~SecretKey() { sodium_memzero(bytes_.data(), bytes_.size()); }
SecretKey::SecretKey(const SecretKey& other) : bytes_(other.bytes_) {}
SecretKey& SecretKey::operator=(const SecretKey& other) {
  bytes_ = other.bytes_;
  return *this;
}

SecretKey SecretKey::Random() {
  SecretKey k;
  randombytes_buf(k.data(), kSize);
  return k;
}

SecretKey DeriveSubkey(const SecretKey& master, KeyPurpose purpose) {
  SecretKey sub;
  static constexpr char kContext[crypto_kdf_CONTEXTBYTES] = {'T', 'u', 't', 'e',
                                                             'l', 'a', 'W', 'S'};
  crypto_kdf_derive_from_key(sub.data(), SecretKey::kSize, static_cast<uint64_t>(purpose), kContext,
                             master.data());
  return sub;
}

std::string ToHex(const void* data, size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), static_cast<const unsigned char*>(data), size);
  hex.pop_back();
  return hex;
}

std::string RandomHex(size_t bytes) {
  std::vector<unsigned char> buf(bytes);
  randombytes_buf(buf.data(), bytes);
  return ToHex(buf.data(), bytes);
}

std::string AuthTagHex(const SecretKey& key, std::string_view message) {
  unsigned char tag[crypto_auth_BYTES];
  crypto_auth(tag, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
              key.data());
  return ToHex(tag, sizeof tag);
}

bool VerifyAuthTagHex(const SecretKey& key, std::string_view message, std::string_view tag_hex) {
  unsigned char tag[crypto_auth_BYTES];
  size_t len = 0;
  if (tag_hex.size() != 2 * sizeof tag) return false;
  if (sodium_hex2bin(tag, sizeof tag, tag_hex.data(), tag_hex.size(), nullptr, &len, nullptr) !=
          0 ||
      len != sizeof tag) {
    return false;
  }
  return crypto_auth_verify(tag, reinterpret_cast<const unsigned char*>(message.data()),
                            message.size(), key.data()) == 0;
}

Result<std::string> Sha256OfFile(Env* env, const std::string& path) {
  ASSIGN_OR_RETURN(std::unique_ptr<SequentialFile> file, env->NewSequentialFile(path));
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  std::vector<char> buf(1 << 20);
  while (true) {
    size_t got = 0;
    RETURN_IF_ERROR(file->Read(buf.size(), buf.data(), &got));
    crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(buf.data()), got);
    if (got < buf.size()) break;
  }
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&st, out);
  return ToHex(out, sizeof out);
}

std::string Sha256Hex(std::string_view data) { return tutela::Sha256Hex(data); }

}  // namespace tutela::storage
