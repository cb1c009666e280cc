// Characters that show nothing: Unicode's format characters (category Cf:
// zero-width spaces and joiners U+200B–U+200D, marks U+200E/U+200F, bidi
// embeddings and isolates, word joiner U+2060, BOM U+FEFF, soft hyphen …).
// Text that differs only by them reads the same to a person, and text made
// only of them (and of spaces) reads as nothing.
#pragma once

#include <string>
#include <string_view>

namespace tsunagu::domain {

// `utf8` without its format characters, so that a word split by one is
// still found (死\u200Bにたい). Not part of normalize_for_search, whose form
// the search indexes hold.
std::string drop_format_characters(std::string_view utf8);

// Whether `utf8` has a character a person can see: not white space, not a
// format character, not a control. "\u200B\u200B" has none.
bool has_visible_character(std::string_view utf8);

}  // namespace tsunagu::domain
