#include "columnar/utf8.h"

#include <gtest/gtest.h>

namespace strata::utf8 {
namespace {

TEST(Utf8Test, DecodesValidSequences) {
  std::string_view text = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";  // a é € 😀
  size_t pos = 0;
  EXPECT_EQ(Decode(text, &pos), 'a');
  EXPECT_EQ(Decode(text, &pos), 0xE9);
  EXPECT_EQ(Decode(text, &pos), 0x20AC);
  EXPECT_EQ(Decode(text, &pos), 0x1F600);
  EXPECT_EQ(pos, text.size());
  EXPECT_TRUE(IsValid(text));
  EXPECT_EQ(CountCodePoints(text), 4);
}

TEST(Utf8Test, RejectsMalformedSequencesByteByByte) {
  for (std::string_view bad : {
           std::string_view("\x80"),              // lone continuation
           std::string_view("\xC0\xAF"),          // overlong '/'
           std::string_view("\xE0\x80\xAF"),      // overlong
           std::string_view("\xED\xA0\x80"),      // UTF-16 surrogate
           std::string_view("\xF4\x90\x80\x80"),  // above U+10FFFF
           std::string_view("\xE2\x82"),          // truncated
           std::string_view("\xFF"),
       }) {
    EXPECT_FALSE(IsValid(bad)) << ::testing::PrintToString(bad);
    size_t pos = 0;
    EXPECT_EQ(Decode(bad, &pos), kInvalid);
    EXPECT_EQ(pos, 1u);
  }
  EXPECT_EQ(CountCodePoints("\xE2\x82x"), 3);
}

TEST(Utf8Test, TruncatesAtCodePointBoundaries) {
  EXPECT_EQ(TruncateCodePoints("h\xC3\xA9llo", 2), "h\xC3\xA9");
  EXPECT_EQ(TruncateCodePoints("abc", 10), "abc");
  EXPECT_EQ(TruncateCodePoints("abc", 0), "");
}

TEST(Utf8Test, DisplayWidthCountsTerminalColumns) {
  EXPECT_EQ(utf8::DisplayWidth("abc"), 3);
  EXPECT_EQ(utf8::DisplayWidth("h\u00e9llo"), 5);
  EXPECT_EQ(utf8::DisplayWidth("\u6f22\u5b57"), 4);  // CJK: two columns each.
  EXPECT_EQ(utf8::DisplayWidth("\U0001F680"), 2);    // Emoji.
  EXPECT_EQ(utf8::DisplayWidth("e\u0301"), 1);       // Combining accent.
  EXPECT_EQ(utf8::DisplayWidth("\uAC00\uFF21"), 4);  // Hangul, fullwidth A.
  EXPECT_EQ(utf8::DisplayWidth(std::string_view("\xff", 1)), 1);
}

TEST(Utf8Test, TruncateDisplayWidthNeverSplitsAWideCharacter) {
  EXPECT_EQ(utf8::TruncateDisplayWidth("\u6f22\u5b57x", 3), "\u6f22");
  EXPECT_EQ(utf8::TruncateDisplayWidth("\u6f22\u5b57x", 4), "\u6f22\u5b57");
  EXPECT_EQ(utf8::TruncateDisplayWidth("abc", 0), "");
  EXPECT_EQ(utf8::TruncateDisplayWidth("abc", 10), "abc");
}

TEST(Utf8Test, EncodeRoundTrips) {
  for (int32_t cp : {0x41, 0xE9, 0x7FF, 0x800, 0xFFFD, 0x10000, 0x10FFFF}) {
    std::string text;
    Encode(cp, &text);
    size_t pos = 0;
    EXPECT_EQ(Decode(text, &pos), cp);
    EXPECT_EQ(pos, text.size());
  }
}

}  // namespace
}  // namespace strata::utf8
