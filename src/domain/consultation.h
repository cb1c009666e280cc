// Anonymous consultation from the public side (オンライン相談, PRODUCT.md):
// a person or a family member writes without an account and comes back
// with a consultation number and a passphrase. The rules here are free of
// I/O so that the server, the tests and the screens read them alike:
//   - who is writing, the thread's states and who wrote each message;
//   - the form of the number and the passphrase, and how what a person
//     types is read back (spaces, hyphens, full-width and lower case are
//     forgiven: a person copies them from paper or a phone's note);
//   - which words make a message urgent (死にたい, 暴力 …).
//
// The number and the passphrase together are the only key to a thread:
// 12 digits (≈ 39.9 bits) and 20 characters of a 32-letter alphabet
// (100 bits), ≈ 140 bits in all — beyond any guessing, even without the
// throttle.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "domain/enumeration.h"
#include "domain/state_machine.h"

namespace tsunagu::domain {

// Who is writing (the person chooses; nothing else about them is asked).
inline constexpr std::array<std::string_view, 3> kConsultationWriterValues{"本人", "家族", "その他"};
inline constexpr std::array<std::string_view, 3> kConsultationWriterLabels{"本人（ご自身のこと）", "家族",
                                                                          "その他（知人・支援者など）"};
inline constexpr EnumSpec kConsultationWriter{"consultation_writer", "相談する人", kConsultationWriterValues,
                                              kConsultationWriterLabels};

// 新着: nobody has answered yet; 対応中: the person wrote and awaits an
// answer; 返信待ち: staff answered and the next word is the person's;
// 終了: closed (by staff, or after a period without messages). A message
// from the person moves any state but 新着 to 対応中; a staff reply moves
// 新着 and 対応中 to 返信待ち.
inline constexpr std::array<std::string_view, 4> kConsultationStateValues{"新着", "対応中", "返信待ち", "終了"};
inline constexpr EnumSpec kConsultationState{"consultation_state", "相談の状況", kConsultationStateValues};
const StateMachine& consultation_state_machine();
// The state after a message of the person / a reply of staff.
std::string_view state_after_person_message(std::string_view state);
std::string_view state_after_staff_reply(std::string_view state);

// What the state means, in the words the person reads on their thread.
std::string_view state_note_for_person(std::string_view state);

// Who wrote a message: the person, staff (a reply the person reads), the
// system (the automatic 「返信まで数日かかります」) or staff's internal note,
// which the person never sees.
inline constexpr std::array<std::string_view, 4> kConsultationAuthorValues{"person", "staff", "system", "note"};
inline constexpr std::array<std::string_view, 4> kConsultationAuthorLabels{"相談者", "職員", "自動のお知らせ",
                                                                          "内部メモ"};
inline constexpr EnumSpec kConsultationAuthor{"consultation_author", "書いた人", kConsultationAuthorValues,
                                              kConsultationAuthorLabels};

// The number as shown: 12 digits in groups of four ("4821-0937-5566").
inline constexpr std::size_t kConsultationNumberDigits = 12;
// The passphrase as shown: 5 groups of 4 letters of kPassphraseAlphabet
// ("K7QM-3HWX-…"), in Crockford's base 32: no I, L, O or U, and what a
// person reads back as O is taken for 0 and I or L for 1, the slips of
// copying by hand.
inline constexpr std::string_view kPassphraseAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
inline constexpr std::size_t kPassphraseLetters = 20;

// Groups `digits` (12) as "dddd-dddd-dddd"; `letters` (20) in fives of four.
std::string format_consultation_number(std::string_view digits);
std::string format_passphrase(std::string_view letters);
// What a person typed, read back to the canonical form: full-width folded,
// spaces and hyphens (any dash) dropped, letters upper-cased. nullopt when
// what remains is not 12 digits / 20 letters of the alphabet.
std::optional<std::string> read_consultation_number(std::string_view typed);
std::optional<std::string> read_passphrase(std::string_view typed);

// Whether a message speaks of dying or of danger, so that the inbox marks
// it at once and the person sees the crisis contacts. Matched on the
// search form of the text (domain/text_normalize.h: ひらがな and カタカナ,
// full and half width alike). Errs on the side of marking: a false mark
// costs a staff member a look, a missed one may cost far more.
bool speaks_of_danger(std::string_view message);

}  // namespace tsunagu::domain
