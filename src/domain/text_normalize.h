// Normalisation of Japanese text for search, applied identically when text is
// indexed and when a query is typed.
//
// Staff search names and notes as they happen to type them: 半角カナ from an
// old Excel ledger (ﾀﾅｶ), ひらがな furigana (たなか), カタカナ (タナカ),
// full-width Latin (ＡＢＣ). normalize_for_search maps all of these to one
// form:
//   1. NFKC (ICU): ｶﾀｶﾅ→カタカナ (ﾀﾞ→ダ), ＡＢＣ→ABC, ０１２→012, ideographic
//      space → space. Note NFKC also folds ① → 1 and ㈱ → (株).
//   2. ひらがな → カタカナ (U+3041–U+3096 → U+30A1–U+30F6, ゝゞ → ヽヾ),
//      so ひき and ヒキ match.
//   3. ASCII A–Z → a–z. Only ASCII: other scripts' case is left alone.
//   4. every White_Space code point removed, so "田中 太郎" matches "田中太郎".
// Deliberately NOT folded: itaiji (異体字) such as 髙/高, 﨑/崎, 齋/斎 — NFKC
// keeps them distinct, and folding them needs a curated table that would
// also merge names people insist are different. Search 高 does not find 髙.
//
// Ill-formed UTF-8 in the input becomes U+FFFD; validate input at the
// boundary (validation.h) before it reaches here.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tsunagu::domain {

// The search form of `utf8`, as above. Deterministic; empty in → empty out.
std::string normalize_for_search(std::string_view utf8);

// Overlapping code-point bigrams of an already-normalised string, in order,
// duplicates kept: "たなか" normalised "タナカ" → {"タナ", "ナカ"}. A string of
// one code point yields {itself}; an empty string yields {}. This feeds the
// 2-character FTS shadow table, because the trigram index finds nothing for
// 2-character names like 田中.
std::vector<std::string> bigrams(std::string_view normalized);

// Number of Unicode code points in `utf8`; each ill-formed byte sequence
// counts as one.
std::size_t codepoint_length(std::string_view utf8);

}  // namespace tsunagu::domain
