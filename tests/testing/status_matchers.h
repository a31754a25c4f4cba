// Assertions on Status and Result for GoogleTest, printing the error. All
// accept streamed context: EXPECT_OK(v->Validate()) << "slice " << i;
#pragma once

#include <gtest/gtest.h>

#include <utility>

#include "common/result.h"
#include "common/status.h"

namespace strata::testing {

inline ::testing::AssertionResult AssertOk(const char* expr, const Status& status) {
  if (status.ok()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << expr << " failed: " << status.ToString();
}

}  // namespace strata::testing

#define ASSERT_OK(expr) ASSERT_PRED_FORMAT1(::strata::testing::AssertOk, expr)
#define EXPECT_OK(expr) EXPECT_PRED_FORMAT1(::strata::testing::AssertOk, expr)

// Declares or assigns `lhs` from a Result expression, failing the test on error.
// NOLINTBEGIN(bugprone-macro-parentheses): lhs may be a declaration.
#define ASSERT_OK_AND_ASSIGN(lhs, rexpr) \
  ASSERT_OK_AND_ASSIGN_IMPL(STRATA_CONCAT(_assert_result_, __LINE__), lhs, rexpr)
#define ASSERT_OK_AND_ASSIGN_IMPL(tmp, lhs, rexpr)  \
  auto tmp = (rexpr);                               \
  ASSERT_TRUE(tmp.ok()) << tmp.status().ToString(); \
  lhs = std::move(tmp).value()
// NOLINTEND(bugprone-macro-parentheses)
