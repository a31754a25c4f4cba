#include "common/status.h"

#include <gtest/gtest.h>

#include <cerrno>

#include "common/result.h"
#include "common/version.h"

namespace strata {
namespace {

TEST(StatusTest, OkIsCheapAndPrintsOk) {
  Status st;
  EXPECT_TRUE(st.ok());
  EXPECT_EQ(st.code(), StatusCode::kOk);
  EXPECT_EQ(st.ToString(), "OK");
  EXPECT_TRUE(st.message().empty());
}

TEST(StatusTest, FactoriesSetCodeAndFormatMessage) {
  Status st = Status::Invalid("bad value '{}' at line {}", "x", 7);
  EXPECT_TRUE(st.IsInvalid());
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(st.message(), "bad value 'x' at line 7");
  EXPECT_EQ(st.ToString(), "invalid: bad value 'x' at line 7");
  EXPECT_TRUE(Status::IOError("e").IsIOError());
  EXPECT_TRUE(Status::NotFound("e").IsNotFound());
  EXPECT_TRUE(Status::AlreadyExists("e").IsAlreadyExists());
  EXPECT_TRUE(Status::Conflict("e").IsConflict());
  EXPECT_TRUE(Status::Corruption("e").IsCorruption());
  EXPECT_TRUE(Status::NotImplemented("e").IsNotImplemented());
  EXPECT_TRUE(Status::ResourceExhausted("e").IsResourceExhausted());
  EXPECT_EQ(Status::Cancelled("e").code(), StatusCode::kCancelled);
  EXPECT_EQ(Status::Internal("e").code(), StatusCode::kInternal);
}

TEST(StatusTest, CopyAndMoveKeepState) {
  Status a = Status::Corruption("page {}", 3);
  Status b = a;
  EXPECT_EQ(b.ToString(), a.ToString());
  Status c = std::move(a);
  EXPECT_TRUE(c.IsCorruption());
  b = Status::OK();
  EXPECT_TRUE(b.ok());
}

TEST(StatusTest, WithContextPrefixesAndKeepsCode) {
  Status st = Status::Corruption("bad crc").WithContext("column x").WithContext("a.parquet");
  EXPECT_TRUE(st.IsCorruption());
  EXPECT_EQ(st.message(), "a.parquet: column x: bad crc");
  EXPECT_TRUE(Status::OK().WithContext("ignored").ok());
}

TEST(StatusTest, FromErrnoMapsCommonCodes) {
  EXPECT_TRUE(Status::FromErrno(ENOENT, "open", "/x").IsNotFound());
  EXPECT_TRUE(Status::FromErrno(EEXIST, "link", "/x").IsAlreadyExists());
  EXPECT_TRUE(Status::FromErrno(ENOMEM, "mmap", "/x").IsResourceExhausted());
  Status st = Status::FromErrno(EACCES, "open", "/secret");
  EXPECT_TRUE(st.IsIOError());
  EXPECT_NE(st.message().find("open '/secret'"), std::string_view::npos);
}

Status FailsWhen(bool fail) { return fail ? Status::Invalid("failed") : Status::OK(); }

Status Chain(bool fail, int* reached) {
  RETURN_NOT_OK(FailsWhen(fail));
  *reached = 1;
  return Status::OK();
}

TEST(StatusTest, ReturnNotOkPropagates) {
  int reached = 0;
  EXPECT_TRUE(Chain(true, &reached).IsInvalid());
  EXPECT_EQ(reached, 0);
  EXPECT_TRUE(Chain(false, &reached).ok());
  EXPECT_EQ(reached, 1);
}

Result<int> Half(int x) {
  if (x % 2 != 0) return Status::Invalid("{} is odd", x);
  return x / 2;
}

Result<int> Quarter(int x) {
  ASSIGN_OR_RETURN(int half, Half(x));
  ASSIGN_OR_RETURN(auto quarter, Half(half));
  return quarter;
}

TEST(ResultTest, HoldsValueOrError) {
  Result<int> ok = Half(8);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 4);
  EXPECT_TRUE(ok.status().ok());
  Result<int> bad = Half(3);
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "3 is odd");
  EXPECT_EQ(std::move(bad).ValueOr(-1), -1);
}

TEST(ResultTest, AssignOrReturnPropagates) {
  EXPECT_EQ(*Quarter(12), 3);
  Result<int> r = Quarter(6);
  EXPECT_TRUE(r.status().IsInvalid());
  EXPECT_EQ(r.status().message(), "3 is odd");
}

TEST(ResultTest, MoveOnlyValues) {
  Result<std::unique_ptr<int>> r = std::make_unique<int>(5);
  ASSERT_TRUE(r.ok());
  std::unique_ptr<int> p = std::move(r).value();
  EXPECT_EQ(*p, 5);
}

TEST(ResultTest, OkStatusWithoutValueBecomesInternalError) {
  Result<int> r = Status::OK();
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
}

TEST(VersionTest, CreatedByNamesStrataAndVersion) {
  EXPECT_EQ(std::string("strata version ") + kVersion, kCreatedBy);
}

}  // namespace
}  // namespace strata
