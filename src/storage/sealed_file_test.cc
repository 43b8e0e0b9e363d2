// Tests of sealed (encrypted, chunked, authenticated) files.
#include "storage/sealed_file.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "testutil/testutil.h"

namespace tutela::storage {
namespace {

using tutela::testing::ReadFile;
using tutela::testing::TempDir;
using tutela::testing::WriteFile;

class SealedFileTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(InitCrypto().ok()); }

  void Seal(const std::string& path, const std::string& plain, uint32_t chunk,
            const std::string& context = "ws:tables/t.1.tbl", int threads = 1) {
    auto file = env_->NewWritableFile(path, 0600);
    ASSERT_TRUE(file.ok());
    SealedWriter w(file->get(), key_, context, chunk);
    w.set_parallelism(threads, 0);
    // Mixed write sizes: small pieces and a large span.
    size_t half = plain.size() / 2;
    for (size_t i = 0; i < half; i += 7) {
      ASSERT_TRUE(w.Append(plain.data() + i, std::min<size_t>(7, half - i)).ok());
    }
    ASSERT_TRUE(w.Append(plain.data() + half, plain.size() - half).ok());
    ASSERT_TRUE(w.Finish().ok());
    ASSERT_TRUE((*file)->Close().ok());
    EXPECT_EQ(w.bytes_written(), ReadFile(path).size());
  }

  Result<std::string> Open(const std::string& path,
                           const std::string& context = "ws:tables/t.1.tbl",
                           const SecretKey* key = nullptr) {
    return ReadSealedFile(env_, path, key ? *key : key_, context, "t.1.tbl");
  }

  // Writes `content` to a new file (rewriting one in place can cost a flush
  // on ext4) and returns its path.
  std::string Variant(const std::string& content) {
    std::string path = dir_.Join("v" + std::to_string(variants_++));
    WriteFile(path, content);
    return path;
  }

  int variants_ = 0;
  Env* env_ = Env::Default();
  SecretKey key_ = SecretKey::Random();
  TempDir dir_;
};

std::string Pattern(size_t n) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 131 + i / 7) & 0xff);
  return s;
}

TEST_F(SealedFileTest, RoundTripsAcrossChunkBoundaries) {
  const uint32_t chunk = 64;
  for (size_t n : {0, 1, 63, 64, 65, 127, 128, 129, 1000}) {
    std::string path = dir_.Join("f" + std::to_string(n));
    std::string plain = Pattern(n);
    Seal(path, plain, chunk);
    auto back = Open(path);
    ASSERT_TRUE(back.ok()) << n << ": " << back.status().ToString();
    EXPECT_EQ(*back, plain) << n;
    // The ciphertext does not contain the plaintext.
    if (n >= 64) {
      EXPECT_EQ(ReadFile(path).find(plain.substr(0, 32)), std::string::npos);
    }
  }
}

TEST_F(SealedFileTest, ParallelSealingMatchesLayoutAndRoundTrips) {
  for (int threads : {2, 3, 5}) {
    for (size_t n : {0, 64, 640, 641, 5000}) {
      std::string path = dir_.Join(fmt::format("par{}_{}", threads, n));
      std::string plain = Pattern(n);
      Seal(path, plain, 64, "ws:tables/t.1.tbl", threads);
      // Same size as a single-threaded seal: 32 + chunks * 16 + plaintext.
      size_t chunks = n / 64 + 1;
      EXPECT_EQ(ReadFile(path).size(), kSealedHeaderSize + chunks * 16 + n);
      auto back = Open(path);
      ASSERT_TRUE(back.ok()) << threads << "/" << n << ": " << back.status().ToString();
      EXPECT_EQ(*back, plain);
    }
  }
}

TEST_F(SealedFileTest, ReadsInPiecesAndInPlace) {
  for (int threads : {1, 3}) {
    std::string plain = Pattern(5000 + threads);
    std::string path = dir_.Join("pieces");
    Seal(path, plain, 256);
    auto r = SealedReader::Open(env_, path, key_, "ws:tables/t.1.tbl", "t");
    ASSERT_TRUE(r.ok());
    (*r)->set_parallelism(threads, 0);
    EXPECT_EQ((*r)->Remaining(), plain.size());
    std::string out(plain.size(), '\0');
    size_t pos = 0;
    for (size_t step : {3, 250, 256, 1000, 1}) {
      ASSERT_TRUE((*r)->Read(out.data() + pos, step).ok());
      pos += step;
    }
    ASSERT_TRUE((*r)->Read(out.data() + pos, plain.size() - pos).ok());
    EXPECT_EQ(out, plain);
    EXPECT_TRUE((*r)->ExpectEnd().ok());
    char c;
    EXPECT_EQ((*r)->Read(&c, 1).code(), StatusCode::kCorruption);
  }
}

TEST_F(SealedFileTest, ParallelDecryptionDetectsTamperingInAnyChunk) {
  std::string plain = Pattern(64 * 40);
  std::string path = dir_.Join("par");
  Seal(path, plain, 64);
  std::string good = ReadFile(path);
  for (size_t chunk = 0; chunk <= 40; ++chunk) {
    std::string bad = good;
    size_t at = kSealedHeaderSize + chunk * 80 + (chunk * 7) % 80;
    if (at >= bad.size()) at = bad.size() - 1;
    bad[at] = static_cast<char>(bad[at] ^ 4);
    auto r = SealedReader::Open(env_, Variant(bad), key_, "ws:tables/t.1.tbl", "t");
    ASSERT_TRUE(r.ok());
    (*r)->set_parallelism(4, 0);
    std::string out(plain.size(), '\0');
    Status st = (*r)->Read(out.data(), out.size());
    if (st.ok()) st = (*r)->ExpectEnd();
    EXPECT_EQ(st.code(), StatusCode::kCorruption) << chunk;
  }
}

TEST_F(SealedFileTest, EveryFlippedByteIsDetected) {
  std::string plain = Pattern(300);
  std::string path = dir_.Join("flip");
  Seal(path, plain, 128);
  std::string good = ReadFile(path);
  for (size_t i = 0; i < good.size(); ++i) {
    std::string bad = good;
    bad[i] = static_cast<char>(bad[i] ^ 0x01);
    auto back = Open(Variant(bad));
    ASSERT_FALSE(back.ok()) << "byte " << i;
    EXPECT_EQ(back.status().code(), StatusCode::kCorruption) << i;
    EXPECT_NE(back.status().message().find("篡改"), std::string::npos);
  }
}

TEST_F(SealedFileTest, TruncationAndExtensionAreDetected) {
  std::string plain = Pattern(512);  // exactly 4 chunks of 128: final chunk is empty
  std::string path = dir_.Join("trunc");
  Seal(path, plain, 128);
  std::string good = ReadFile(path);
  for (size_t len = 0; len < good.size(); ++len) {
    EXPECT_EQ(Open(Variant(good.substr(0, len))).status().code(), StatusCode::kCorruption) << len;
  }
  EXPECT_EQ(Open(Variant(good + good.substr(kSealedHeaderSize, 144))).status().code(),
            StatusCode::kCorruption);
  EXPECT_TRUE(Open(Variant(good)).ok());
}

TEST_F(SealedFileTest, WrongKeyOrContextFails) {
  std::string path = dir_.Join("ctx");
  Seal(path, Pattern(100), 64);
  SecretKey other = SecretKey::Random();
  EXPECT_EQ(Open(path, "ws:tables/t.1.tbl", &other).status().code(), StatusCode::kCorruption);
  // A file moved to another name (context) does not open.
  EXPECT_EQ(Open(path, "ws:tables/t.2.tbl").status().code(), StatusCode::kCorruption);
  EXPECT_TRUE(Open(path).ok());
}

TEST_F(SealedFileTest, ChunksCannotBeSwappedBetweenFiles) {
  std::string a = dir_.Join("a"), b = dir_.Join("b");
  Seal(a, Pattern(256), 64);
  Seal(b, Pattern(256), 64);
  std::string fa = ReadFile(a), fb = ReadFile(b);
  // Same-layout files with different nonces: splice b's second chunk into a.
  size_t unit = 64 + 16;
  std::string spliced = fa;
  spliced.replace(kSealedHeaderSize + unit, unit, fb.substr(kSealedHeaderSize + unit, unit));
  WriteFile(a, spliced);
  EXPECT_EQ(Open(a).status().code(), StatusCode::kCorruption);
  // Reordering chunks within a file.
  std::string swapped = fb;
  swapped.replace(kSealedHeaderSize, unit, fb.substr(kSealedHeaderSize + unit, unit));
  swapped.replace(kSealedHeaderSize + unit, unit, fb.substr(kSealedHeaderSize, unit));
  WriteFile(b, swapped);
  EXPECT_EQ(Open(b).status().code(), StatusCode::kCorruption);
}

TEST_F(SealedFileTest, AtomicWriteReplacesWholeFile) {
  std::string path = dir_.Join("m");
  ASSERT_TRUE(WriteSealedFileAtomically(env_, path, "first", key_, "c").ok());
  ASSERT_TRUE(WriteSealedFileAtomically(env_, path, "second", key_, "c").ok());
  auto back = ReadSealedFile(env_, path, key_, "c", "m");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, "second");
  auto info = env_->Stat(path + ".tmp");
  ASSERT_TRUE(info.ok());
  EXPECT_FALSE(info->exists);
  EXPECT_EQ(ReadSealedFile(env_, dir_.Join("missing"), key_, "c", "x").status().code(),
            StatusCode::kNotFound);
}

}  // namespace
}  // namespace tutela::storage
