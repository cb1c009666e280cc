#include "domain/consultation.h"

#include <array>
#include <cctype>

#include "domain/invisible_characters.h"
#include "domain/text_normalize.h"

namespace tsunagu::domain {
namespace {

constexpr std::array<Move, 8> kMoves{{
    {"新着", "対応中"},
    {"新着", "返信待ち"},
    {"対応中", "返信待ち"},
    {"返信待ち", "対応中"},
    {"新着", "終了"},
    {"対応中", "終了"},
    {"返信待ち", "終了"},
    {"終了", "対応中"},  // the person writes again, or staff reopen
}};
constexpr StateMachine kMachine{"consultation_state", kConsultationStateValues, "新着", kMoves};

// Folds what a person typed: NFKC (full width → ASCII), drops spaces and
// every kind of dash, upper-cases.
std::string fold_typed(std::string_view typed) {
  std::string n = normalize_for_search(typed);  // NFKC, lower-cased ASCII, no white space
  std::string out;
  for (std::size_t i = 0; i < n.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(n[i]);
    if (c == '-' || c == '_' || c == '.') continue;
    // U+2010–U+2015 (‐ ‑ ‒ – — ―), U+2212 (−), U+30FC (ー): dashes as typed
    // on a Japanese keyboard.
    if (c == 0xE2 && i + 2 < n.size()) {
      unsigned char b1 = static_cast<unsigned char>(n[i + 1]), b2 = static_cast<unsigned char>(n[i + 2]);
      if ((b1 == 0x80 && b2 >= 0x90 && b2 <= 0x95) || (b1 == 0x88 && b2 == 0x92)) {
        i += 2;
        continue;
      }
    }
    if (c == 0xE3 && i + 2 < n.size() && static_cast<unsigned char>(n[i + 1]) == 0x83 &&
        static_cast<unsigned char>(n[i + 2]) == 0xBC) {
      i += 2;
      continue;
    }
    out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : static_cast<char>(c);
  }
  return out;
}

std::string grouped(std::string_view s, std::size_t every) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i && i % every == 0) out += '-';
    out += s[i];
  }
  return out;
}

// Words of danger, written as people write them; each is normalised once
// like the message. Stems, not whole words, so that every conjugation is
// caught (死にたい, 死にたくなる, 死にたくて, 死にたかった all hold 死にた).
// A stem is kept as short as it can be without catching everyday words:
// hiragana しにた would catch 「顔を出しにたまに行く」, so hiragana forms are
// written out; けられ would catch 助けられ and 受けられ, so only 蹴られ.
constexpr std::array<std::string_view, 47> kDangerWords{
    "死にた",       "しにたい",       "しにたく",       "しにたか",     "死のう",       "死ぬしか",
    "死んでしま",   "死んだほうが",   "死んだ方が",     "消えたい",     "消えたく",     "消えてしまいた",
    "きえたい",     "きえたく",       "きえてしまいた", "いなくなりたい", "生きていたくない", "生きていけない",
    "生きるのがつらい", "生きている意味がな", "生きてる意味がな", "生きる意味がな", "生きている意味はな", "生きる意味はな",
    "自殺",         "自死",           "自傷",           "首をつ",       "首を吊",       "飛び降り",
    "とびおり",     "リストカット",   "リスカ",         "od",           "オーバードーズ", "殺したい",
    "殺され",       "ころされ",       "ころす",         "殺す",         "殴られ",       "なぐられ",
    "叩かれ",       "蹴られ",         "暴力",           "刃物",         "助けて"};
// And タヒ (死 drawn in katakana to pass word filters): see speaks_of_danger.

}  // namespace

const StateMachine& consultation_state_machine() { return kMachine; }

std::string_view state_after_person_message(std::string_view state) {
  return state == "新着" ? std::string_view("新着") : std::string_view("対応中");
}

std::string_view state_after_staff_reply(std::string_view state) {
  return state == "終了" ? std::string_view("終了") : std::string_view("返信待ち");
}

std::string_view state_note_for_person(std::string_view state) {
  if (state == "新着") return "相談を受け付けました。担当者が読んで、お返事します。";
  if (state == "対応中") return "担当者がお返事を考えています。もう少しお待ちください。";
  if (state == "返信待ち") return "担当者からお返事が届いています。続けて書くこともできます。";
  if (state == "終了") return "この相談はいったん終わりにしています。また書き込むと、相談を続けられます。";
  return "";
}

std::string format_consultation_number(std::string_view digits) { return grouped(digits, 4); }
std::string format_passphrase(std::string_view letters) { return grouped(letters, 4); }

std::optional<std::string> read_consultation_number(std::string_view typed) {
  if (typed.size() > 200) return std::nullopt;
  std::string s = fold_typed(typed);
  if (s.size() != kConsultationNumberDigits) return std::nullopt;
  for (char c : s)
    if (c < '0' || c > '9') return std::nullopt;
  return s;
}

std::optional<std::string> read_passphrase(std::string_view typed) {
  if (typed.size() > 200) return std::nullopt;
  std::string s = fold_typed(typed);
  for (char& c : s) {
    if (c == 'O') c = '0';
    else if (c == 'I' || c == 'L') c = '1';
    else if (c == 'U') c = 'V';
    if (kPassphraseAlphabet.find(c) == std::string_view::npos) return std::nullopt;
  }
  if (s.size() != kPassphraseLetters) return std::nullopt;
  return s;
}

bool speaks_of_danger(std::string_view message) {
  static const std::array<std::string, kDangerWords.size()> words = [] {
    std::array<std::string, kDangerWords.size()> w;
    for (std::size_t i = 0; i < w.size(); ++i) w[i] = normalize_for_search(kDangerWords[i]);
    return w;
  }();
  // Zero-width and other invisible characters first: 死\u200Bにたい reads
  // as 死にたい to a person, and must to us.
  std::string visible = drop_format_characters(message);
  // タヒ is 死 drawn in katakana; only katakana (half width too), as the
  // folded form would also match hiragana such as 「したひと」.
  if (visible.find("タヒ") != std::string::npos || visible.find("ﾀﾋ") != std::string::npos) return true;
  std::string text = normalize_for_search(visible);
  for (const auto& w : words) {
    // "od" only as a word of its own (not in "good", "mode"): Latin
    // letters on neither side.
    if (w == "od") {
      for (std::size_t at = text.find(w); at != std::string::npos; at = text.find(w, at + 1)) {
        bool before = at > 0 && std::isalpha(static_cast<unsigned char>(text[at - 1]));
        bool after = at + 2 < text.size() && std::isalpha(static_cast<unsigned char>(text[at + 2]));
        if (!before && !after) return true;
      }
      continue;
    }
    if (text.find(w) != std::string::npos) return true;
  }
  return false;
}

}  // namespace tsunagu::domain
