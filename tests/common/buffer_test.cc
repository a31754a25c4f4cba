#include "common/buffer.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

namespace strata {
namespace {

TEST(BufferTest, AllocateIsZeroedAndAligned) {
  auto buffer = Buffer::Allocate(100).ValueOrDie();
  EXPECT_EQ(buffer->size(), 100u);
  EXPECT_GE(buffer->capacity(), 100u);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(buffer->data()) % Buffer::kAlignment, 0u);
  for (size_t i = 0; i < buffer->size(); ++i) ASSERT_EQ(buffer->data()[i], 0);
}

TEST(BufferTest, AppendGrowsAndKeepsContents) {
  Buffer buffer;
  EXPECT_TRUE(buffer.empty());
  std::string expected;
  for (int i = 0; i < 1000; ++i) {
    std::string piece = std::to_string(i) + ",";
    ASSERT_TRUE(buffer.Append(piece).ok());
    expected += piece;
  }
  EXPECT_EQ(buffer.view(), expected);
}

TEST(BufferTest, ResizeZeroesNewBytesAfterShrink) {
  Buffer buffer;
  ASSERT_TRUE(buffer.Append(std::string_view("abcdef")).ok());
  ASSERT_TRUE(buffer.Resize(2).ok());
  ASSERT_TRUE(buffer.Resize(6).ok());
  EXPECT_EQ(buffer.view(), std::string_view("ab\0\0\0\0", 6));
}

TEST(BufferTest, ResizePastCapacityKeepsContentsAndZeroesTheRest) {
  Buffer buffer;
  ASSERT_TRUE(buffer.Append(std::string_view("abcdef")).ok());
  ASSERT_TRUE(buffer.Resize(3).ok());
  const size_t grown = buffer.capacity() * 3 + 5;
  ASSERT_TRUE(buffer.Resize(grown).ok());
  EXPECT_EQ(buffer.view().substr(0, 3), "abc");
  for (size_t i = 3; i < buffer.capacity(); ++i) ASSERT_EQ(buffer.data()[i], 0) << i;
}

TEST(BufferTest, PaddingPastSizeIsZero) {
  Buffer buffer;
  ASSERT_TRUE(buffer.Append(std::string_view("xyz")).ok());
  for (size_t i = buffer.size(); i < buffer.capacity(); ++i) ASSERT_EQ(buffer.data()[i], 0);
}

TEST(BufferTest, MoveTransfersOwnership) {
  Buffer a;
  ASSERT_TRUE(a.Append(std::string_view("data")).ok());
  Buffer b = std::move(a);
  EXPECT_EQ(b.view(), "data");
  EXPECT_EQ(a.size(), 0u);  // NOLINT(bugprone-use-after-move): moved-from state is defined.
  a = std::move(b);
  EXPECT_EQ(a.view(), "data");
}

TEST(BufferTest, ImpossibleSizeIsAnErrorNotACrash) {
  Buffer buffer;
  Status st = buffer.Reserve(std::numeric_limits<size_t>::max() - 10);
  EXPECT_TRUE(st.IsResourceExhausted()) << st.ToString();
  EXPECT_EQ(buffer.size(), 0u);
}

TEST(BufferTest, CopyOf) {
  const uint8_t bytes[] = {1, 2, 3};
  auto buffer = Buffer::CopyOf(bytes).ValueOrDie();
  ASSERT_EQ(buffer->size(), 3u);
  EXPECT_EQ(buffer->data()[2], 3);
}

}  // namespace
}  // namespace strata
