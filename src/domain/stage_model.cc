#include "domain/stage_model.h"

#include <array>

namespace tsunagu::domain {
namespace {

constexpr std::array<std::string_view, 4> kGuideline2010{
    "出会い・評価段階", "個人的支援段階", "中間的・過渡的な支援段階",
    "社会参加の試行段階"};
constexpr std::array<std::string_view, 4> kBunkyoStep{"相談", "いばしょ",
                                                      "つながる",
                                                      "はたらく・まなぶ"};
constexpr std::array<std::string_view, 5> kDiscovery5{"発見", "誘導", "支援",
                                                      "出口", "定着"};

constexpr std::array<StageModel, 3> kBuiltin{{
    {"guideline2010", "ひきこもりの評価・支援に関するガイドライン（2010）",
     kGuideline2010},
    {"bunkyo_step", "文京区 STEP", kBunkyoStep},
    {"discovery5", "発見・誘導・支援・出口・定着", kDiscovery5},
}};

}  // namespace

std::string_view StageMove::label() const {
  switch (direction) {
    case StageDirection::kForward:
      return "前へ";
    case StageDirection::kBack:
      return "戻る";
    case StageDirection::kSame:
      return "同じ";
  }
  return "同じ";
}

std::span<const StageModel> builtin_stage_models() { return kBuiltin; }

const StageModel* find_stage_model(std::string_view key) {
  for (const StageModel& model : kBuiltin) {
    if (model.key == key) return &model;
  }
  return nullptr;
}

std::optional<int> stage_index(const StageModel& model, std::string_view stage) {
  for (std::size_t i = 0; i < model.stages.size(); ++i) {
    if (model.stages[i] == stage) return static_cast<int>(i);
  }
  return std::nullopt;
}

std::optional<StageMove> describe_stage_move(const StageModel& model,
                                             std::string_view from,
                                             std::string_view to) {
  const auto a = stage_index(model, from);
  const auto b = stage_index(model, to);
  if (!a || !b) return std::nullopt;
  StageMove move;
  if (*b > *a) {
    move.direction = StageDirection::kForward;
    move.steps = *b - *a;
  } else if (*b < *a) {
    move.direction = StageDirection::kBack;
    move.steps = *a - *b;
  }
  return move;
}

bool is_well_formed(const StageModel& model) {
  if (model.key.empty() || model.name.empty() || model.stages.empty()) {
    return false;
  }
  for (std::size_t i = 0; i < model.stages.size(); ++i) {
    if (model.stages[i].empty()) return false;
    for (std::size_t j = 0; j < i; ++j) {
      if (model.stages[i] == model.stages[j]) return false;
    }
  }
  return true;
}

}  // namespace tsunagu::domain
