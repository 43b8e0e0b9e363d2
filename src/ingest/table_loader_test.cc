// The parallel import gives exactly the one-thread result: every column, row
// identity, dictionary (in code order), person code and PersonInfo, reject
// entry, counter and progress order, for 1, 2, 3 and 7 threads and for files
// cut into many small pieces (quoted newlines, stray quotes, CRLF, BOM,
// GB18030, JSONL keys first seen mid-file, unique keys repeated across pieces).
#include "ingest/table_loader.h"

#include <gtest/gtest.h>
#include <iconv.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "identity/id_number.h"
#include "ingest/catalog_builder.h"
#include "testutil/testutil.h"

namespace tutela::ingest {
namespace {

class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  size_t Next(size_t n) {
    s_ = s_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<size_t>(s_ >> 33) % n;
  }
  bool OneIn(size_t n) { return Next(n) == 0; }

 private:
  uint64_t s_;
};

std::string ToGb18030(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  EXPECT_NE(cd, reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size();
  char* o = out.data();
  size_t out_left = out.size();
  EXPECT_NE(iconv(cd, &in, &in_left, &o, &out_left), static_cast<size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return out;
}

// A pool of IDs: mostly valid, some with a wrong check character, some
// spelled differently (lowercase x, inner space, 15 digits) or malformed.
std::vector<std::string> IdPool(Rng* rng) {
  std::vector<std::string> ids;
  for (int i = 0; i < 260; ++i) {
    std::string first17 = "110101" + std::to_string(1950 + rng->Next(70)) + "0" +
                          std::to_string(1 + rng->Next(9)) + "1" + std::to_string(rng->Next(10)) +
                          std::to_string(100 + rng->Next(900));
    std::string id = first17 + IdCheckChar(first17);
    if (i % 17 == 3) id[17] = id[17] == '1' ? '2' : '1';  // wrong check character
    if (id[17] == 'X' && i % 2) id[17] = 'x';
    if (i % 23 == 5) id.insert(6, " ");
    if (i % 29 == 7) id = id.substr(0, 6) + id.substr(8, 9);  // 15-digit form
    if (i % 31 == 11) id = "ABC" + std::to_string(i);
    ids.push_back(id);
  }
  return ids;
}

const char* const kNames[] = {"张三", "李四", "王五", "張三", "赵 六", "阿依古丽·买买提",
                              "JOHN", "john"};

std::string PersonsCsv(Rng* rng, const std::vector<std::string>& ids) {
  std::string s = "身份证号,姓名,性别,出生日期,户号,户籍地区划代码,住址,死亡日期\n";
  for (int r = 0; r < 420; ++r) {
    std::string id = rng->OneIn(40) ? "" : ids[rng->Next(ids.size())];
    const char* sex[] = {"男", "女", "M", "f", "x"};
    const char* birth[] = {"1990-01-02", "1990/1/2", "19900102", "1990-13-01", ""};
    s += id + "," + kNames[rng->Next(8)] + "," + sex[rng->Next(5)] + "," + birth[rng->Next(5)] +
         ",H" + std::to_string(rng->Next(50)) + "," + (rng->OneIn(9) ? "11010" : "110101") +
         (rng->OneIn(4) ? ",\"北京市,东城区 " + std::to_string(r) + "号\"" : ",某地") + ",\n";
  }
  return ToGb18030(s);
}

std::string HotelCsv(Rng* rng, const std::vector<std::string>& ids) {
  std::string s =
      "\xEF\xBB\xBF旅馆编号,房间号,身份证号,姓名,入住时间,退房时间,监护人联系方式,备注,备注\r\n";
  for (int r = 0; r < 700; ++r) {
    if (rng->OneIn(25)) s += "\r\n  \r\n";  // blank lines
    std::string note;
    switch (rng->Next(8)) {
      case 0:
        note = "\"多行\r\n备注, \"\"引号\"\"\n第三行\"";
        break;
      case 1:
        note = "a\"b";  // a literal quote: quote parity is off from here on
        break;
      case 2:
        note = "\"x\",y";  // one field too many: rejected
        break;
      case 3:
        note = "\"unterminated";
        break;
      default:
        note = "n" + std::to_string(r);
    }
    const char* in[] = {"2024-07-01 20:16:19",
                        "2024年7月1日 20:16:19",
                        "2024-07-01T08:00",
                        "2024-02-30 10:00:00",
                        "",
                        "2024-07-02 24:00:00"};
    s += "H" + std::to_string(rng->Next(30)) + "," + std::to_string(200 + rng->Next(20)) + "," +
         ids[rng->Next(ids.size())] + "," + kNames[rng->Next(8)] + "," + in[rng->Next(6)] + "," +
         (rng->OneIn(3) ? "NULL" : "2024-07-03 07:29:26") + "," +
         (rng->OneIn(2) ? "" : "138" + std::to_string(10000000 + rng->Next(100))) + "," + note +
         ",extra" + std::to_string(rng->Next(5)) + "\r\n";
  }
  s += "H1,201," + ids[0] + ",张三,2024-07-01 20:16:19,,,last,line";  // no final newline
  return s;
}

std::string NetcafeJsonl(Rng* rng, const std::vector<std::string>& ids) {
  std::string s;
  for (int r = 0; r < 600; ++r) {
    if (rng->OneIn(30)) s += "\n \r\n";
    std::string id = "\"person_id\":\"" + ids[rng->Next(ids.size())] + "\"";
    std::string cafe = "\"cafe_id\":\"C" + std::to_string(rng->Next(12)) + "\"";
    std::string t =
        "\"login_time\":\"2024.07.01 19:19:" + std::to_string(10 + rng->Next(50)) + "\"";
    std::string term = rng->OneIn(2) ? "\"terminal\":" + std::to_string(rng->Next(100))
                                     : "\"terminal\":\"A" + std::to_string(rng->Next(100)) + "\"";
    std::string line = rng->OneIn(2) ? "{" + cafe + "," + id + "," + t + "," + term
                                     : "{ " + id + " , " + term + "," + t + "," + cafe;
    if (r > 350 && rng->OneIn(3)) line += ",\"seat\":\"S" + std::to_string(rng->Next(9)) + "\"";
    if (r > 420 && rng->OneIn(4)) line += ",\"座位\":" + std::to_string(rng->Next(9));
    if (rng->OneIn(15)) line += ",\"note\":\"esc\\\"aped\\u5f20\"";
    if (rng->OneIn(20)) line += ",\"nested\":{\"a\":[1,2]}";
    if (rng->OneIn(25)) line += ",\"cafe_id\":\"again\"";
    if (rng->OneIn(20)) line += ",\"logout_time\":1.5e3";
    line += "}";
    if (rng->OneIn(30)) line = "{\"broken\": tru}";
    s += line + (rng->OneIn(5) ? "\r\n" : "\n");
  }
  return s;
}

std::string InstitutionsCsv(Rng* rng) {
  std::string s = "institution_id,name,type,lat,lon\n";
  for (int r = 0; r < 300; ++r) {
    s += "I" + std::to_string(rng->Next(120)) + ",机构" + std::to_string(r) + "," +
         (rng->OneIn(10) ? "bank" : "hospital") + "," + (rng->OneIn(5) ? "99" : "39.9") +
         ",116.4\n";
  }
  return s;
}

std::string StaffCsv(Rng* rng, const std::vector<std::string>& ids) {
  std::string s = "institution_id,person_id,name,birth_date,position,hire_date\n";
  for (int r = 0; r < 200; ++r) {
    s += "I" + std::to_string(rng->Next(120)) + "," + (rng->OneIn(3) ? "" : ids[rng->Next(40)]) +
         "," + kNames[rng->Next(8)] + ",1990-01-02,职员," + (rng->OneIn(20) ? "" : "2020-01-01") +
         "\n";
  }
  return s;
}

// Everything a load produced, as text.
std::string Dump(const Catalog& catalog, const DataDirLoad& load) {
  std::string out;
  for (const std::string& name : catalog.TableNames()) {
    const Table& t = *catalog.GetTable(name);
    out += "table " + name + "\n";
    for (const ColumnSpec& c : t.schema()) out += " " + c.name + ":" + TypeName(c.type);
    out += "\n";
    for (const std::string& f : t.files()) out += " file " + f + "\n";
    for (size_t r = 0; r < t.num_rows(); ++r) {
      out += std::to_string(t.file_index()[r]) + ":" + std::to_string(t.lines()[r]);
      for (size_t c = 0; c < t.num_columns(); ++c) {
        const Column& col = t.column(c);
        if (col.IsNull(r)) {
          out += "|NULL";
        } else if (col.type() == Type::kInt64 || col.type() == Type::kTimestamp) {
          out += "|" + std::to_string(col.GetInt(r));
        } else if (col.type() == Type::kDouble) {
          out += "|" + std::to_string(col.GetDouble(r));
        } else {
          out += "|" + std::to_string(col.GetI32(r));
        }
      }
      out += "\n";
    }
    for (size_t c = 0; c < t.num_columns(); ++c) {
      if (t.column(c).type() != Type::kString) continue;
      out += " dict " + t.schema()[c].name + ":";
      for (const std::string& v : t.column(c).dict().values()) out += " [" + v + "]";
      out += "\n";
    }
  }
  const PersonDict& p = catalog.persons();
  for (size_t c = 0; c < p.size(); ++c) {
    const PersonInfo& i = p.Info(static_cast<int32_t>(c));
    out += "person " + p.Id(static_cast<int32_t>(c)) + " " +
           std::to_string(static_cast<int>(i.problem)) + " " + std::to_string(i.id_birth) + " " +
           std::to_string(i.birth) + " " + std::to_string(i.id_sex) + std::to_string(i.sex) +
           std::to_string(i.registered) + "\n";
  }
  for (const RejectEntry& e : load.rejects) out += RejectEntryToJson(e) + "\n";
  for (const ImportResult& imp : load.imports) {
    for (const FileImportStats& f : imp.files) {
      out += "stats " + f.base_name + " " + f.encoding + " " + f.format + " " +
             std::to_string(f.bytes) + " " + std::to_string(f.rows_read) + " " +
             std::to_string(f.rows_accepted) + " " + std::to_string(f.rows_rejected) + " " +
             std::to_string(f.rows_warned) + " " + std::to_string(f.rows_duplicate_key);
      for (const std::string& u : f.unknown_columns) out += " +" + u;
      out += "\n";
    }
  }
  for (const auto& [table, l] : load.links) {
    out += "links " + table + " " + std::to_string(l.by_id) + " " + std::to_string(l.linked) + " " +
           std::to_string(l.ambiguous) + " " + std::to_string(l.unlinked) + "\n";
  }
  return out;
}

class TableLoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Rng rng(7);
    std::vector<std::string> ids = IdPool(&rng);
    testing::WriteFile(dir_.Join("persons.csv"), PersonsCsv(&rng, ids));
    testing::WriteFile(dir_.Join("hotel_checkins.csv"), HotelCsv(&rng, ids));
    testing::WriteFile(dir_.Join("netcafe_sessions.jsonl"), NetcafeJsonl(&rng, ids));
    testing::WriteFile(dir_.Join("institutions.csv"), InstitutionsCsv(&rng));
    testing::WriteFile(dir_.Join("staff.csv"), StaffCsv(&rng, ids));
    testing::WriteFile(dir_.Join("persons.jsonl"),
                       "{\"person_id\":\"" + ids[1] + "\",\"name\":\"新\"}\n");
  }

  // Loads the directory; `calls` receives the progress calls.
  std::string LoadWith(int threads, size_t min_piece_bytes,
                       std::vector<std::pair<std::string, int64_t>>* calls = nullptr,
                       bool balance = false) {
    ImportOptions options;
    options.threads = threads;
    options.min_piece_bytes = min_piece_bytes;
    options.balance_pieces = balance;
    std::atomic<int> inside{0};
    if (calls != nullptr) {
      options.progress = [&](const std::string& file, int64_t rows) {
        EXPECT_EQ(inside.fetch_add(1), 0) << "progress called concurrently";
        calls->emplace_back(file, rows);
        inside.fetch_sub(1);
      };
    }
    Catalog catalog;
    Result<DataDirLoad> load = LoadDataDir(dir_.path(), options, &catalog);
    EXPECT_TRUE(load.ok()) << load.status().ToString();
    return load.ok() ? Dump(catalog, *load) : "";
  }

  testing::TempDir dir_;
};

TEST_F(TableLoaderTest, AnyThreadCountAndPieceSizeGivesTheOneThreadResult) {
  const std::string one = LoadWith(1, 0);
  // The data exercises what it should.
  EXPECT_NE(one.find("column given twice"), std::string::npos);
  EXPECT_NE(one.find("+备注_2"), std::string::npos);
  EXPECT_NE(one.find("+seat"), std::string::npos);
  EXPECT_NE(one.find("text after closing quote"), std::string::npos);
  EXPECT_NE(one.find("gb18030"), std::string::npos);
  EXPECT_NE(one.find("\"kind\":\"warning\""), std::string::npos);
  for (int threads : {2, 3, 7}) {
    for (size_t min_piece : {size_t{1}, size_t{97}, size_t{4096}, size_t{8} << 20}) {
      EXPECT_EQ(LoadWith(threads, min_piece), one) << threads << " threads, " << min_piece;
    }
    // Only files larger than a thread's share are cut.
    EXPECT_EQ(LoadWith(threads, 1, nullptr, /*balance=*/true), one) << threads << " balanced";
  }
}

TEST_F(TableLoaderTest, ProgressIsSerialisedInFileOrderWithFinalCounts) {
  std::vector<std::pair<std::string, int64_t>> one, many;
  LoadWith(1, 0, &one);
  LoadWith(3, 1, &many);
  // First appearance of each file, in order.
  auto firsts = [](const std::vector<std::pair<std::string, int64_t>>& calls) {
    std::vector<std::string> out;
    for (const auto& c : calls) {
      if (std::find(out.begin(), out.end(), c.first) == out.end()) out.push_back(c.first);
    }
    return out;
  };
  auto finals = [](const std::vector<std::pair<std::string, int64_t>>& calls) {
    std::map<std::string, int64_t> out;
    for (const auto& c : calls) out[c.first] = c.second;
    return out;
  };
  EXPECT_EQ(firsts(many), firsts(one));
  EXPECT_EQ(finals(many), finals(one));
  EXPECT_EQ(finals(one).size(), 6u);
}

TEST_F(TableLoaderTest, AppendingToABaseTableMatchesOneThread) {
  auto run = [&](int threads) {
    PersonDict persons;
    ImportOptions options;
    options.threads = threads;
    options.min_piece_bytes = 1;
    options.balance_pieces = false;
    Result<ImportResult> base =
        ImportFiles(*FindTable("persons"), {dir_.Join("persons.jsonl")}, &persons, options);
    EXPECT_TRUE(base.ok());
    Result<ImportResult> r = ImportFiles(*FindTable("persons"), {dir_.Join("persons.csv")},
                                         &persons, options, base->table);
    EXPECT_TRUE(r.ok());
    Catalog catalog;
    catalog.PutTable(r->table);
    DataDirLoad load;
    load.rejects = r->rejects;
    load.imports.push_back(*r);
    std::string out = Dump(catalog, load);
    for (size_t c = 0; c < persons.size(); ++c) out += persons.Id(static_cast<int32_t>(c)) + "\n";
    return out;
  };
  const std::string one = run(1);
  EXPECT_EQ(run(2), one);
  EXPECT_EQ(run(5), one);
}

TEST_F(TableLoaderTest, TheFirstErrorInFileOrderWins) {
  testing::WriteFile(dir_.Join("guardians.csv"), "minor_id,minor_id\n1,2\n");
  testing::WriteFile(dir_.Join("staff.csv"), "\xFF\xFE\x00\x00");
  for (int threads : {1, 2, 3}) {
    Catalog catalog;
    ImportOptions options;
    options.threads = threads;
    Result<DataDirLoad> load = LoadDataDir(dir_.path(), options, &catalog);
    ASSERT_FALSE(load.ok());
    EXPECT_NE(load.status().message().find("guardians.csv:1:2"), std::string::npos)
        << load.status().message();
  }
}

}  // namespace
}  // namespace tutela::ingest
