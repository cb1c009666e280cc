// Furigana (ふりがな): the reading of a name, written in kana.
//
// Offices write it in ひらがな or カタカナ, old ledgers in 半角カナ; all are
// accepted (search folds them together). Anything else — kanji, Latin
// letters, digits — is refused, because a reading that is not kana cannot
// be sorted or searched as one.
#pragma once

#include <string_view>

namespace tsunagu::domain {

// True iff `utf8` is valid UTF-8 made only of hiragana, katakana (full or
// half width), the prolonged sound mark ー, the middle dot ・, iteration
// marks (ゝゞヽヾ) and spaces (ASCII or ideographic). Empty is not a reading.
bool is_furigana(std::string_view utf8);

}  // namespace tsunagu::domain
