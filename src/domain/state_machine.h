// State machines written as data: states, allowed moves, who may make each
// move and which moves need a written reason.
//
// Case status and referral state (and any later workflow) are tables of
// Move rows checked by one function, so the rules can be read in one place,
// listed to the front end (which buttons to show) and tested row by row.
// A refused move comes back as a MoveCheck value, never an exception.
#pragma once

#include <span>
#include <string_view>
#include <vector>

namespace tsunagu::domain {

// Which side of a two-party workflow may make a move. Single-party
// workflows (case status) use kAny throughout.
enum class Party { kAny, kSender, kReceiver };

struct Move {
  std::string_view from;
  std::string_view to;
  bool needs_reason = false;
  Party party = Party::kAny;
};

struct StateMachine {
  std::string_view name;                     // "case_status"
  std::span<const std::string_view> states;  // all states, display order
  std::string_view initial;                  // state of a new record
  std::span<const Move> moves;
};

enum class MoveCheck {
  kAllowed,
  kUnknownState,    // from or to is not a state of the machine
  kUnchanged,       // from == to: nothing to do (callers may treat as no-op)
  kNotAllowed,      // no such move
  kWrongParty,      // the move exists but belongs to the other side
  kReasonRequired,  // the move exists but needs a non-blank reason
};

// True iff `state` is one of machine.states.
bool has_state(const StateMachine& machine, std::string_view state);

// The row for from → to, or nullptr.
const Move* find_move(const StateMachine& machine, std::string_view from,
                      std::string_view to);

// Moves `actor` may make from `from` (for the front end's buttons).
// kAny as actor means "any party" and returns every move from `from`.
std::vector<Move> moves_from(const StateMachine& machine, std::string_view from,
                             Party actor = Party::kAny);

// True iff no move leaves `state`.
bool is_final(const StateMachine& machine, std::string_view state);

// Checks one attempted move. `actor` is the side attempting it (kAny when the
// machine has no sides); `reason` counts as given when it contains anything
// but ASCII or ideographic whitespace.
MoveCheck check_move(const StateMachine& machine, std::string_view from,
                     std::string_view to, Party actor, std::string_view reason);

// Japanese sentence for a refused check (problem+json `detail`); empty for
// kAllowed.
std::string_view describe(MoveCheck check);

}  // namespace tsunagu::domain
