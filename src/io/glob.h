// Glob patterns over '/'-separated paths, as used by FileSystem::Glob.
//
// Within one path segment:
//   *        any run of characters (never '/')
//   ?        one character
//   [abc]    one of the listed characters; ranges [a-z]; negated [!a] or [^a];
//            a ']' right after '[' (or '[!') is literal; an unclosed '[' is literal
//   \x       the character x itself
// A segment that is exactly `**` matches zero or more whole segments.
// As in POSIX shells, a wildcard never matches a segment's leading '.': hidden
// files (and strata's `.strata-tmp-*` files) match only a pattern segment that
// starts with a literal '.', and `**` does not descend into hidden directories.
#pragma once

#include <string>
#include <string_view>

namespace strata {

// True if `text` contains an unescaped '*', '?' or '['.
bool HasGlobMetachars(std::string_view text);

// True if all of `path` matches `pattern`. Empty segments (from "//" or a
// trailing '/') are ignored; a leading '/' must be on both or neither.
bool GlobMatch(std::string_view pattern, std::string_view path);

// A pattern cut before the segment holding its first wildcard.
struct GlobBase {
  std::string base;  // The directory to list, unescaped; "" for the working
                     // directory, or the whole (unescaped) path when the
                     // pattern has no wildcard.
  std::string rest;  // The pattern relative to `base`; "" when there is no wildcard.
};
GlobBase SplitGlobBase(std::string_view pattern);

}  // namespace strata
