#include "domain/state_machine.h"

#include <algorithm>

#include "domain/validation.h"

namespace tsunagu::domain {
namespace {

bool party_may(Party mover, Party actor) {
  return mover == Party::kAny || actor == Party::kAny || mover == actor;
}

}  // namespace

bool has_state(const StateMachine& machine, std::string_view state) {
  return std::find(machine.states.begin(), machine.states.end(), state) !=
         machine.states.end();
}

const Move* find_move(const StateMachine& machine, std::string_view from,
                      std::string_view to) {
  for (const Move& move : machine.moves) {
    if (move.from == from && move.to == to) return &move;
  }
  return nullptr;
}

std::vector<Move> moves_from(const StateMachine& machine, std::string_view from,
                             Party actor) {
  std::vector<Move> result;
  for (const Move& move : machine.moves) {
    if (move.from == from && party_may(move.party, actor)) {
      result.push_back(move);
    }
  }
  return result;
}

bool is_final(const StateMachine& machine, std::string_view state) {
  return std::none_of(machine.moves.begin(), machine.moves.end(),
                      [&](const Move& move) { return move.from == state; });
}

MoveCheck check_move(const StateMachine& machine, std::string_view from,
                     std::string_view to, Party actor, std::string_view reason) {
  if (!has_state(machine, from) || !has_state(machine, to)) {
    return MoveCheck::kUnknownState;
  }
  if (from == to) return MoveCheck::kUnchanged;
  const Move* move = find_move(machine, from, to);
  if (move == nullptr) return MoveCheck::kNotAllowed;
  // A side-specific move needs that side named: kAny does not pass here,
  // so a caller that forgot to say who is acting is refused, not waved on.
  if (move->party != Party::kAny && actor != move->party) {
    return MoveCheck::kWrongParty;
  }
  if (move->needs_reason && is_blank(reason)) return MoveCheck::kReasonRequired;
  return MoveCheck::kAllowed;
}

std::string_view describe(MoveCheck check) {
  switch (check) {
    case MoveCheck::kAllowed:
      return {};
    case MoveCheck::kUnknownState:
      return "指定された状態は定義されていません。";
    case MoveCheck::kUnchanged:
      return "状態は変わっていません。";
    case MoveCheck::kNotAllowed:
      return "この状態からは指定された状態に変更できません。";
    case MoveCheck::kWrongParty:
      return "この変更は相手側の機関だけが行えます。";
    case MoveCheck::kReasonRequired:
      return "この変更には理由の記入が必要です。";
  }
  return {};
}

}  // namespace tsunagu::domain
