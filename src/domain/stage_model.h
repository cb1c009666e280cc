// Stage models (支援の段階) as data.
//
// An organisation picks the stage model it works with; a case records its
// current stage and the history of moves. Moves in both directions are
// normal (進んだり戻ったり, PRODUCT.md principle 1), so a move is described
// only as 前へ / 戻る / 同じ — there is no "failure", "regression" or "drop
// out" anywhere in this vocabulary, and nothing here refuses a move.
//
// Built-in models (keys are stable; stored with each case):
//   guideline2010 — ひきこもりの評価・支援に関するガイドライン（2010）:
//       出会い・評価段階 → 個人的支援段階 → 中間的・過渡的な支援段階 → 社会参加の試行段階
//   bunkyo_step   — 文京区 STEP: 相談 → いばしょ → つながる → はたらく・まなぶ
//   discovery5    — 発見 → 誘導 → 支援 → 出口 → 定着
// A configured model built by an organisation has the same shape; its
// strings are owned by the caller.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace tsunagu::domain {

struct StageModel {
  std::string_view key;                      // ASCII, stable
  std::string_view name;                     // shown to people
  std::span<const std::string_view> stages;  // in order
};

enum class StageDirection { kForward, kBack, kSame };

struct StageMove {
  StageDirection direction = StageDirection::kSame;
  int steps = 0;  // how many stages apart, always >= 0
  // "前へ", "戻る" or "同じ".
  std::string_view label() const;
};

// The three built-in models, guideline2010 first (the default).
std::span<const StageModel> builtin_stage_models();

// The built-in model with `key`, or nullptr.
const StageModel* find_stage_model(std::string_view key);

// Position of `stage` in the model, or nullopt.
std::optional<int> stage_index(const StageModel& model, std::string_view stage);

// Describes going from `from` to `to`; nullopt if either is not a stage of
// `model`. Never refuses: every pair of stages is a possible move.
std::optional<StageMove> describe_stage_move(const StageModel& model,
                                             std::string_view from,
                                             std::string_view to);

// True iff key and name are non-empty and there is at least one stage, no
// stage empty and no stage repeated (a configured model must pass this).
bool is_well_formed(const StageModel& model);

}  // namespace tsunagu::domain
