// Unit tests for catalog building: data directories, reference tables, the
// persons registry and name+birth_date linking, FinalizeCatalog idempotency.
#include "ingest/catalog_builder.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/date.h"
#include "testutil/testutil.h"

namespace tutela::ingest {
namespace {

constexpr const char* kZhang = "310104197505050456";  // born 1975-05-05, M
constexpr const char* kZhao = "110101197001010016";   // born 1970-01-01, M (digit 1)

class CatalogBuilderTest : public ::testing::Test {
 protected:
  void Write(const std::string& name, const std::string& text) {
    testing::WriteFile(dir_.Join(name), text);
  }
  DataDirLoad Load() {
    Result<DataDirLoad> load = LoadDataDir(dir_.path(), {}, &catalog_);
    EXPECT_TRUE(load.ok()) << load.status().ToString();
    return load.ok() ? std::move(load).value() : DataDirLoad{};
  }
  // person_id (or NULL) and _linked of every staff row.
  std::vector<std::string> StaffIds() {
    const Table* t = catalog_.GetTable("staff");
    const Column& ids = t->column(static_cast<size_t>(t->ColumnIndex("person_id")));
    const Column& linked = t->column(static_cast<size_t>(t->ColumnIndex("_linked")));
    std::vector<std::string> out;
    for (size_t r = 0; r < t->num_rows(); ++r) {
      std::string id = ids.IsNull(r) ? "NULL" : catalog_.persons().Id(ids.GetI32(r));
      out.push_back(id + (linked.GetI32(r) ? " linked" : ""));
    }
    return out;
  }
  const PersonInfo& Info(const char* id) {
    int32_t code = catalog_.persons().Find(id);
    EXPECT_GE(code, 0) << id;
    return catalog_.persons().Info(code);
  }

  testing::TempDir dir_;
  Catalog catalog_;
};

TEST_F(CatalogBuilderTest, MissingDirectoryIsNotFound) {
  Result<DataDirLoad> load = LoadDataDir(dir_.Join("absent"), {}, &catalog_);
  ASSERT_FALSE(load.ok());
  EXPECT_EQ(load.status().code(), StatusCode::kNotFound);
}

TEST_F(CatalogBuilderTest, LoadsTablesSkipsOthersCsvBeforeJsonl) {
  Write("persons.jsonl", std::string(R"({"person_id":")") + kZhao + R"("})" + "\n");
  Write("persons.csv", std::string("person_id\n") + kZhang + "\n");
  Write("readme.md", "x");
  Write("charges.csv", "charge\n自带罪名\n");  // a reference table, not a data table
  DataDirLoad load = Load();
  EXPECT_EQ(load.skipped_files, (std::vector<std::string>{"charges.csv", "readme.md"}));
  const Table* persons = catalog_.GetTable("persons");
  ASSERT_NE(persons, nullptr);
  EXPECT_EQ(persons->files(), (std::vector<std::string>{"persons.csv", "persons.jsonl"}));
  ASSERT_EQ(load.imports.size(), 1u);
  EXPECT_EQ(load.imports[0].table, nullptr);                // moved into the catalog
  EXPECT_EQ(catalog_.GetTable("hotel_checkins"), nullptr);  // no file: absent
}

TEST_F(CatalogBuilderTest, ReferenceTables) {
  ASSERT_TRUE(AddReferenceTables(&catalog_).ok());
  const Table* charges = catalog_.GetTable("charges");
  ASSERT_NE(charges, nullptr);
  EXPECT_GT(charges->num_rows(), 10u);
  ASSERT_EQ(charges->num_columns(), 4u);
  EXPECT_EQ(charges->schema()[0].name, "charge");
  EXPECT_EQ(charges->schema()[2].name, "chapter");
  EXPECT_EQ(charges->schema()[2].type, Type::kInt64);
  EXPECT_EQ(charges->schema()[3].name, "category");
  bool found = false;
  for (size_t r = 0; r < charges->num_rows(); ++r) {
    if (charges->column(0).GetString(r) == "猥亵儿童罪") {
      found = true;
      EXPECT_EQ(charges->column(3).GetString(r), "sexual");
    }
  }
  EXPECT_TRUE(found);
  ASSERT_NE(catalog_.GetTable("icd10_minor_harm"), nullptr);
  EXPECT_GT(catalog_.GetTable("icd10_minor_harm")->num_rows(), 0u);
  const Table* regions = catalog_.GetTable("regions");
  ASSERT_NE(regions, nullptr);
  EXPECT_EQ(regions->schema()[0].name, "code");
  EXPECT_EQ(regions->column(0).GetString(0).size(), 2u);  // provinces first
  EXPECT_TRUE(regions->column(3).IsNull(0));              // a province has no parent
}

TEST_F(CatalogBuilderTest, RegistryOverridesTheId) {
  Write("persons.csv",
        "person_id,sex,birth_date\n" + std::string(kZhang) + ",F,1975-06-06\n" + kZhao + ",,\n");
  Write("guardians.csv", "minor_id,guardian_id\n110101201003150134," + std::string(kZhang) + "\n");
  Load();
  EXPECT_EQ(FormatDate(Info(kZhang).birth), "1975-06-06");
  EXPECT_EQ(Info(kZhang).sex, 'F');
  EXPECT_TRUE(Info(kZhang).registered);
  EXPECT_EQ(FormatDate(Info(kZhao).birth), "1970-01-01");  // from the ID
  EXPECT_EQ(Info(kZhao).sex, 'M');
  EXPECT_FALSE(Info("110101201003150134").registered);
  EXPECT_EQ(FormatDate(Info("110101201003150134").birth), "2010-03-15");
}

TEST_F(CatalogBuilderTest, RegistryFirstRowPerIdWins) {
  // A stored persons table may hold an ID twice; the first row is the registry's.
  auto persons =
      std::make_shared<Table>("persons", std::vector<ColumnSpec>{{"person_id", Type::kPersonId},
                                                                 {"name", Type::kString},
                                                                 {"sex", Type::kString},
                                                                 {"birth_date", Type::kDate}});
  const int32_t code = catalog_.persons().Intern(kZhang);
  const uint16_t file = persons->AddFile("persons.csv");
  for (const char* birth : {"1975-07-07", "1975-08-08"}) {
    persons->mutable_column(0).AppendI32(code);
    persons->mutable_column(1).AppendString("张伟");
    persons->mutable_column(2).AppendNull();
    persons->mutable_column(3).AppendI32(*ParseIsoDate(birth));
    persons->FinishRow(file, static_cast<int32_t>(persons->num_rows()) + 2);
  }
  catalog_.PutTable(persons);
  ASSERT_TRUE(FinalizeCatalog(&catalog_).ok());
  EXPECT_EQ(FormatDate(Info(kZhang).birth), "1975-07-07");
  EXPECT_EQ(Info(kZhang).sex, 'M');  // absent in the registry: from the ID
}

TEST_F(CatalogBuilderTest, NameBirthLinkingAndIdempotency) {
  Write("persons.csv",
        "person_id,name,birth_date\n" + std::string(kZhang) + ",张伟,1975-05-05\n" + kZhao +
            ",赵强,\n440305199001010026,李娜,1990-01-01\n440305199001010042,李 娜,1990-01-01\n");
  Write("staff.csv",
        "institution_id,person_id,name,birth_date,hire_date\n"
        "K1,,張偉,1975-05-05,2020-01-01\n"   // linked (traditional -> simplified)
        "K1,,赵·强,1970-01-01,2020-01-01\n"  // linked through the ID's birth date
        "K1,,李娜,1990-01-01,2020-01-01\n"   // ambiguous
        "K1,,张伟,1975-05-06,2020-01-01\n"   // unlinked: other birth date
        "K1," +
            std::string(kZhao) + ",x,,2020-01-01\n");  // by ID
  DataDirLoad load = Load();
  const std::vector<std::string> expected = {std::string(kZhang) + " linked",
                                             std::string(kZhao) + " linked", "NULL", "NULL", kZhao};
  EXPECT_EQ(StaffIds(), expected);
  const LinkStats& s = load.links.at("staff");
  EXPECT_EQ(s.by_id, 1);
  EXPECT_EQ(s.linked, 2);
  EXPECT_EQ(s.ambiguous, 1);
  EXPECT_EQ(s.unlinked, 1);

  // Running it again recomputes the same result from the tables.
  for (int i = 0; i < 2; ++i) {
    Result<std::map<std::string, LinkStats>> again = FinalizeCatalog(&catalog_);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(StaffIds(), expected);
    const LinkStats& a = again->at("staff");
    EXPECT_EQ(a.by_id, 1);
    EXPECT_EQ(a.linked, 2);
    EXPECT_EQ(a.ambiguous, 1);
    EXPECT_EQ(a.unlinked, 1);
    EXPECT_EQ(catalog_.GetTable("staff")->num_columns(), 8u);  // one _linked column
  }

  // After the persons table changes, an earlier link that no longer holds is undone.
  auto persons = std::make_shared<Table>(*catalog_.GetTable("persons"));
  persons->mutable_column(static_cast<size_t>(persons->ColumnIndex("name")))
      .mutable_validity()
      .Set(0, false);  // 张伟 loses the name
  catalog_.PutTable(persons);
  Result<std::map<std::string, LinkStats>> changed = FinalizeCatalog(&catalog_);
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(StaffIds(), (std::vector<std::string>{"NULL", std::string(kZhao) + " linked", "NULL",
                                                  "NULL", kZhao}));
  EXPECT_EQ(changed->at("staff").linked, 1);
  EXPECT_EQ(changed->at("staff").unlinked, 2);
}

TEST_F(CatalogBuilderTest, FinalizeWithoutPersonsLinksNothing) {
  Write("staff.csv", "institution_id,name,birth_date,hire_date\nK1,张伟,1975-05-05,2020-01-01\n");
  DataDirLoad load = Load();
  EXPECT_EQ(StaffIds(), (std::vector<std::string>{"NULL"}));
  EXPECT_EQ(load.links.at("staff").unlinked, 1);
}

TEST_F(CatalogBuilderTest, FileErrorsStopTheLoad) {
  Write("persons.csv", "person_id,身份证号\n1,1\n");
  Result<DataDirLoad> load = LoadDataDir(dir_.path(), {}, &catalog_);
  ASSERT_FALSE(load.ok());
  EXPECT_EQ(load.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(load.status().message().find("persons.csv:1:2"), std::string::npos);
}

}  // namespace
}  // namespace tutela::ingest
