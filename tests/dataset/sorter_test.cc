#include "dataset/sorter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "columnar/builder.h"
#include "columnar/compute.h"
#include "io/local_file_system.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace strata::dataset {
namespace {

// Hands out fixed batches, optionally failing at one of them.
class BatchesReader final : public RecordBatchReader {
 public:
  BatchesReader(SchemaPtr schema, std::vector<RecordBatchPtr> batches, int fail_at = -1)
      : schema_(std::move(schema)), batches_(std::move(batches)), fail_at_(fail_at) {}
  const SchemaPtr& schema() const override { return schema_; }
  Result<RecordBatchPtr> Next() override {
    if (next_ == fail_at_) return Status::IOError("injected read failure");
    if (next_ == static_cast<int>(batches_.size())) return RecordBatchPtr();
    return batches_[static_cast<size_t>(next_++)];
  }

 private:
  SchemaPtr schema_;
  std::vector<RecordBatchPtr> batches_;
  int fail_at_;
  int next_ = 0;
};

SchemaPtr TestSchema() {
  return MakeSchema({{"id", Int64(), false},
                     {"site", String(), true},
                     {"level", Int32(), true},
                     {"reading", Float64(), true},
                     {"at", Timestamp(TimeUnit::kMicro, true), false},
                     {"note", String(), false}});
}

// Random rows with a fixed seed: few distinct sites and levels (many ties,
// so stability shows), nulls, NaN; id is the input position.
std::vector<RecordBatchPtr> RandomBatches(int64_t rows, int64_t batch_rows, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<RecordBatchPtr> batches;
  for (int64_t first = 0; first < rows; first += batch_rows) {
    Int64Builder id;
    BinaryBuilder site(String());
    Int32Builder level;
    Float64Builder reading;
    NumericBuilder<int64_t> at(Timestamp(TimeUnit::kMicro, true));
    BinaryBuilder note(String());
    const int64_t n = std::min(batch_rows, rows - first);
    for (int64_t r = first; r < first + n; ++r) {
      CHECK_OK(id.Append(r));
      CHECK_OK(rng() % 13 == 0 ? site.AppendNull()
                               : site.Append("DC-SITE-0" + std::to_string(rng() % 9)));
      CHECK_OK(rng() % 17 == 0 ? level.AppendNull()
                               : level.Append(static_cast<int32_t>(rng() % 5) - 2));
      const uint64_t f = rng() % 50;
      CHECK_OK(f == 0   ? reading.AppendNull()
               : f == 1 ? reading.Append(std::numeric_limits<double>::quiet_NaN())
                        : reading.Append(static_cast<double>(rng() % 1000) / 8));
      CHECK_OK(at.Append(static_cast<int64_t>(rng() % 100000)));
      CHECK_OK(note.Append(std::string(rng() % 20, static_cast<char>('a' + r % 26))));
    }
    batches.push_back(RecordBatch::Make(TestSchema(),
                                        {id.Finish().ValueOrDie(), site.Finish().ValueOrDie(),
                                         level.Finish().ValueOrDie(), reading.Finish().ValueOrDie(),
                                         at.Finish().ValueOrDie(), note.Finish().ValueOrDie()},
                                        n)
                          .ValueOrDie());
  }
  return batches;
}

// One random value (or a null) of `type` appended to `builder`.
Status AppendRandomValue(const TypePtr& type, VectorBuilder* builder, std::mt19937_64* rng) {
  if ((*rng)() % 7 == 0) return builder->AppendNull();
  const uint64_t r = (*rng)();
  const std::string text = std::string(r % 9, 'x') + std::to_string(r % 77);
  switch (type->id()) {
    case TypeId::kBool: return static_cast<BoolBuilder*>(builder)->Append(r % 2 == 0);
    case TypeId::kInt16:
      return static_cast<Int16Builder*>(builder)->Append(static_cast<int16_t>(r % 50));
    case TypeId::kUInt8: return static_cast<UInt8Builder*>(builder)->Append(r % 256);
    case TypeId::kUInt64: return static_cast<UInt64Builder*>(builder)->Append(r);
    case TypeId::kFloat32:
      return static_cast<Float32Builder*>(builder)->Append(static_cast<float>(r % 1000) / 4);
    case TypeId::kDecimal:
      return static_cast<DecimalBuilder*>(builder)->Append(
          Decimal128(static_cast<Int128>(r % 100000000) - 50000000));
    case TypeId::kString:
    case TypeId::kBinary: return static_cast<BinaryBuilder*>(builder)->Append(text);
    case TypeId::kJson:
      return static_cast<BinaryBuilder*>(builder)->Append("{\"v\": " + std::to_string(r % 100) +
                                                          "}");
    case TypeId::kDate:
      return static_cast<NumericBuilder<int32_t>*>(builder)->Append(
          static_cast<int32_t>(r % 40000));
    case TypeId::kTime:
      return static_cast<NumericBuilder<int64_t>*>(builder)->Append(
          static_cast<int64_t>(r % 86400000));
    case TypeId::kTimestamp:
      return static_cast<NumericBuilder<int64_t>*>(builder)->Append(static_cast<int64_t>(r >> 2));
    case TypeId::kUuid:
    case TypeId::kFixedSizeBinary: {
      std::string bytes(static_cast<size_t>(type->byte_width()), '\0');
      for (char& c : bytes) c = static_cast<char>((*rng)());
      return static_cast<FixedSizeBinaryBuilder*>(builder)->Append(bytes);
    }
    case TypeId::kList: {
      auto* list = static_cast<ListBuilder*>(builder);
      RETURN_NOT_OK(list->Append(true));
      auto* values = static_cast<Int32Builder*>(list->value_builder());
      for (uint64_t k = 0; k < r % 4; ++k) RETURN_NOT_OK(values->Append(static_cast<int32_t>(k)));
      return Status::OK();
    }
    case TypeId::kStruct: {
      auto* row = static_cast<StructBuilder*>(builder);
      RETURN_NOT_OK(row->Append(true));
      RETURN_NOT_OK(static_cast<Int32Builder*>(row->child(0))->Append(static_cast<int32_t>(r % 9)));
      return static_cast<BinaryBuilder*>(row->child(1))->Append(text);
    }
    default: return Status::NotImplemented("no random {}", type->ToString());
  }
}

class SorterTest : public ::testing::Test {
 protected:
  std::string SpillDir() const { return dir_.Join("out/.sort-spill"); }
  bool SpillDirExists() const { return std::filesystem::exists(SpillDir()); }

  Result<std::unique_ptr<ExternalSorter>> MakeSorter(std::vector<RecordBatchPtr> batches,
                                                     std::vector<SortKey> keys, int64_t budget,
                                                     int fail_at = -1, int merge_width = 64) {
    SchemaPtr schema = batches.empty() ? TestSchema() : batches[0]->schema();
    return ExternalSorter::Make(
        fs_.get(), std::make_unique<BatchesReader>(schema, std::move(batches), fail_at),
        {.keys = std::move(keys),
         .memory_budget_bytes = budget,
         .temp_dir = SpillDir(),
         .batch_rows = 4096,
         .max_merge_width = merge_width});
  }

  // Every batch the sorter yields, checked for size and schema, as one.
  static Result<RecordBatchPtr> Drain(ExternalSorter* sorter) {
    std::vector<RecordBatchPtr> out;
    for (;;) {
      ASSIGN_OR_RETURN(RecordBatchPtr batch, sorter->Next());
      if (batch == nullptr) break;
      EXPECT_GT(batch->num_rows(), 0);
      EXPECT_LE(batch->num_rows(), 4096);
      EXPECT_TRUE(batch->schema()->Equals(*sorter->schema(), /*check_metadata=*/true));
      out.push_back(std::move(batch));
    }
    if (out.empty()) return RecordBatchPtr();
    return ConcatenateBatches(out);
  }

  // What sorting `batches` by `keys` must give: std::stable_sort over the
  // rows with RowKeys as the comparison.
  static RecordBatchPtr Expected(const std::vector<RecordBatchPtr>& batches,
                                 const std::vector<SortKey>& keys) {
    RecordBatchPtr all = ConcatenateBatches(batches).ValueOrDie();
    RowKeys row_keys = RowKeys::Make(*all, keys).ValueOrDie();
    std::vector<int64_t> order(static_cast<size_t>(all->num_rows()));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](int64_t a, int64_t b) { return row_keys.Compare(a, row_keys, b) < 0; });
    return TakeBatch(all, order).ValueOrDie();
  }

  void ExpectSorted(const std::vector<RecordBatchPtr>& batches, const std::vector<SortKey>& keys,
                    const RecordBatch& got) {
    RecordBatchPtr want = Expected(batches, keys);
    ASSERT_EQ(got.num_rows(), want->num_rows());
    // The ids first: a readable message for the first misplaced row.
    const int64_t* got_ids = got.column(0)->Values<int64_t>();
    const int64_t* want_ids = want->column(0)->Values<int64_t>();
    for (int64_t i = 0; i < got.num_rows(); ++i) {
      ASSERT_EQ(got_ids[i], want_ids[i]) << "row " << i;
    }
    EXPECT_TRUE(got.Equals(*want));
  }

  ScopedTempDir dir_;
  std::unique_ptr<FileSystem> fs_ = NewLocalFileSystem();
};

const std::vector<SortKey> kSiteLevelKeys = {{.column = 1, .nulls_first = true},
                                             {.column = 2, .descending = true}};

// 50k rows through a 100 KB budget: dozens of spilled runs, merged in two
// passes; the result equals an in-memory stable sort, and the spill
// directory exists while merging and is gone at the end.
TEST_F(SorterTest, SpilledRunsMergeToTheStableOrder) {
  const auto batches = RandomBatches(50000, 1000, 42);
  ASSERT_OK_AND_ASSIGN(auto sorter, MakeSorter(batches, kSiteLevelKeys, 100 << 10));
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr first, sorter->Next());
  ASSERT_NE(first, nullptr);
  EXPECT_TRUE(SpillDirExists());
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr rest, Drain(sorter.get()));
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr got, ConcatenateBatches(std::vector{first, rest}));
  ExpectSorted(batches, kSiteLevelKeys, *got);
  EXPECT_EQ(sorter->stats().rows, 50000);
  EXPECT_GE(sorter->stats().runs, 20);
  EXPECT_FALSE(SpillDirExists());
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr after, sorter->Next());
  EXPECT_EQ(after, nullptr);
}

// A merge width of 3 forces several intermediate passes; floats with NaN
// and nulls, descending, as the only key.
TEST_F(SorterTest, MultiPassMergeKeepsTheOrder) {
  const auto batches = RandomBatches(20000, 500, 7);
  const std::vector<SortKey> keys = {{.column = 3, .descending = true}};
  ASSERT_OK_AND_ASSIGN(auto sorter, MakeSorter(batches, keys, 16 << 10, -1, /*merge_width=*/3));
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr got, Drain(sorter.get()));
  ExpectSorted(batches, keys, *got);
  EXPECT_GE(sorter->stats().merge_passes, 2);
  EXPECT_FALSE(SpillDirExists());
}

TEST_F(SorterTest, InputThatFitsIsSortedWithoutFiles) {
  const auto batches = RandomBatches(30000, 777, 3);
  const std::vector<SortKey> keys = {{.column = 4}, {.column = 1, .descending = true}};
  ASSERT_OK_AND_ASSIGN(auto sorter, MakeSorter(batches, keys, 256 << 20));
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr got, Drain(sorter.get()));
  ExpectSorted(batches, keys, *got);
  EXPECT_EQ(sorter->stats().runs, 0);
  EXPECT_FALSE(std::filesystem::exists(dir_.Join("out")));
}

TEST_F(SorterTest, DestroyingTheSorterEarlyRemovesItsFiles) {
  const auto batches = RandomBatches(20000, 1000, 5);
  ASSERT_OK_AND_ASSIGN(auto sorter, MakeSorter(batches, kSiteLevelKeys, 64 << 10));
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr first, sorter->Next());
  ASSERT_NE(first, nullptr);
  ASSERT_TRUE(SpillDirExists());
  sorter.reset();
  EXPECT_FALSE(SpillDirExists());
}

TEST_F(SorterTest, EmptyInputYieldsNothing) {
  ASSERT_OK_AND_ASSIGN(auto sorter, MakeSorter({}, kSiteLevelKeys, 1024));
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr batch, sorter->Next());
  EXPECT_EQ(batch, nullptr);
  RecordBatchPtr empty = RandomBatches(1, 1, 1)[0]->Slice(0, 0);
  ASSERT_OK_AND_ASSIGN(auto of_empty, MakeSorter({empty, empty}, kSiteLevelKeys, 1024));
  ASSERT_OK_AND_ASSIGN(batch, of_empty->Next());
  EXPECT_EQ(batch, nullptr);
  EXPECT_FALSE(SpillDirExists());
}

// An input error after some spills ends the sort: the error every time,
// no files left.
TEST_F(SorterTest, InputErrorRemovesSpilledRuns) {
  const auto batches = RandomBatches(20000, 1000, 9);
  ASSERT_OK_AND_ASSIGN(auto sorter, MakeSorter(batches, kSiteLevelKeys, 32 << 10, /*fail_at=*/15));
  Result<RecordBatchPtr> first = sorter->Next();
  EXPECT_TRUE(first.status().IsIOError()) << first.status().ToString();
  EXPECT_GT(sorter->stats().runs, 0);
  EXPECT_FALSE(SpillDirExists());
  EXPECT_TRUE(sorter->Next().status().IsIOError());
}

TEST_F(SorterTest, ExistingSpillDirectoryIsNotTaken) {
  std::filesystem::create_directories(SpillDir());
  std::ofstream(SpillDir() + "/mine.txt") << "keep";
  ASSERT_OK_AND_ASSIGN(auto sorter, MakeSorter(RandomBatches(5000, 1000, 2), kSiteLevelKeys, 1024));
  EXPECT_TRUE(sorter->Next().status().IsAlreadyExists());
  EXPECT_TRUE(std::filesystem::exists(SpillDir() + "/mine.txt"));
}

TEST_F(SorterTest, BadOptionsAreInvalid) {
  EXPECT_TRUE(MakeSorter({}, {}, 1024).status().IsInvalid());
  EXPECT_TRUE(MakeSorter({}, {{.column = 9}}, 1024).status().IsInvalid());
  EXPECT_TRUE(MakeSorter({}, kSiteLevelKeys, 0).status().IsInvalid());
}

// Every column type survives a spill: the runs are Parquet files read back
// into the sorter's schema.
TEST_F(SorterTest, EveryTypeRoundTripsThroughRuns) {
  ASSERT_OK_AND_ASSIGN(TypePtr decimal, Decimal(20, 3));
  ASSERT_OK_AND_ASSIGN(TypePtr fixed, FixedSizeBinary(3));
  SchemaPtr schema = MakeSchema({{"id", Int64(), false},
                                 {"key", Int16(), true},
                                 {"b", Bool()},
                                 {"u8", UInt8()},
                                 {"u64", UInt64()},
                                 {"f", Float32()},
                                 {"d", decimal},
                                 {"s", String()},
                                 {"bin", Binary()},
                                 {"day", Date()},
                                 {"t", Time(TimeUnit::kMilli)},
                                 {"ts", Timestamp(TimeUnit::kNano, false)},
                                 {"uuid", Uuid()},
                                 {"j", Json()},
                                 {"fx", fixed},
                                 {"tags", List(Int32())},
                                 {"pt", Struct({{"x", Int32()}, {"y", String()}})}},
                                {{"origin", "test"}});
  std::mt19937_64 rng(99);
  std::vector<RecordBatchPtr> batches;
  for (int64_t first = 0; first < 6000; first += 600) {
    std::vector<VectorPtr> columns;
    for (const Field& field : schema->fields()) {
      ASSERT_OK_AND_ASSIGN(auto builder, MakeBuilder(field.type));
      for (int64_t r = first; r < first + 600; ++r) {
        if (field.name == "id") {
          ASSERT_OK(static_cast<Int64Builder*>(builder.get())->Append(r));
        } else if (field.name == "key" && rng() % 10 != 0) {
          ASSERT_OK(static_cast<Int16Builder*>(builder.get())->Append(rng() % 50));
        } else {
          ASSERT_OK(AppendRandomValue(field.type, builder.get(), &rng));
        }
      }
      ASSERT_OK_AND_ASSIGN(VectorPtr column, builder->Finish());
      columns.push_back(std::move(column));
    }
    ASSERT_OK_AND_ASSIGN(RecordBatchPtr batch, RecordBatch::Make(schema, std::move(columns), 600));
    batches.push_back(std::move(batch));
  }
  const std::vector<SortKey> keys = {{.column = 1, .descending = true, .nulls_first = true}};
  ASSERT_OK_AND_ASSIGN(auto sorter, MakeSorter(batches, keys, 32 << 10));
  ASSERT_OK_AND_ASSIGN(RecordBatchPtr got, Drain(sorter.get()));
  EXPECT_GT(sorter->stats().runs, 2);
  ASSERT_OK(got->Validate());
  ExpectSorted(batches, keys, *got);
}

TEST(ParseSortKeysTest, DuckDbSyntax) {
  SchemaPtr schema = MakeSchema({{"a", Int32()}, {"b c", String()}, {"q\"", Int64()}});
  ASSERT_OK_AND_ASSIGN(auto keys,
                       ParseSortKeys(" a,\"b c\" desc , \"q\"\"\" ASC NULLS first", *schema));
  EXPECT_EQ(keys, (std::vector<SortKey>{{.column = 0},
                                        {.column = 1, .descending = true},
                                        {.column = 2, .nulls_first = true}}));
  ASSERT_OK_AND_ASSIGN(keys, ParseSortKeys("a DESC NULLS LAST", *schema));
  EXPECT_EQ(keys, (std::vector<SortKey>{{.column = 0, .descending = true}}));
}

TEST(ParseSortKeysTest, ErrorsNameTheProblem) {
  SchemaPtr schema = MakeSchema({{"a", Int32()}, {"b", String()}, {"l", List(Int32())}});
  Status unknown = ParseSortKeys("a, nope", *schema).status();
  EXPECT_TRUE(unknown.IsInvalid());
  EXPECT_EQ(unknown.message(), "no column 'nope' to sort by (columns: a, b, l)");
  Status keyword = ParseSortKeys("a DOWN", *schema).status();
  EXPECT_TRUE(keyword.IsInvalid());
  EXPECT_NE(keyword.message().find("'DOWN'"), std::string::npos) << keyword.ToString();
  EXPECT_TRUE(ParseSortKeys("a,,b", *schema).status().IsInvalid());
  EXPECT_TRUE(ParseSortKeys("", *schema).status().IsInvalid());
  EXPECT_TRUE(ParseSortKeys("a NULLS", *schema).status().IsInvalid());
  EXPECT_TRUE(ParseSortKeys("\"a", *schema).status().IsInvalid());
  Status nested = ParseSortKeys("l", *schema).status();
  EXPECT_TRUE(nested.IsInvalid());
  EXPECT_NE(nested.message().find("'l'"), std::string::npos) << nested.ToString();
}

// Keys become leaf indices of the file's schema; a partition column the
// files lack is left out.
TEST(SortingColumnsForTest, LeafIndicesOfTheFileSchema) {
  SchemaPtr schema = MakeSchema({{"tags", List(Int32())}, {"site", String()}, {"ts", Int64()}});
  const std::vector<SortKey> keys = {{.column = 1}, {.column = 2, .descending = true}};
  ASSERT_OK_AND_ASSIGN(auto columns, SortingColumnsFor(*schema, keys, schema));
  EXPECT_EQ(columns, (std::vector<parquet::SortingColumn>{{.column_idx = 1},
                                                          {.column_idx = 2, .descending = true}}));
  SchemaPtr file = MakeSchema({{"tags", List(Int32())}, {"ts", Int64()}});
  ASSERT_OK_AND_ASSIGN(columns, SortingColumnsFor(*schema, keys, file));
  EXPECT_EQ(columns, (std::vector<parquet::SortingColumn>{{.column_idx = 1, .descending = true}}));
}

}  // namespace
}  // namespace strata::dataset
