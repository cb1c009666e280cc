#include "domain/consent_giver.h"

#include <string>

#include "domain/text_normalize.h"

namespace tsunagu::domain {

std::optional<std::string_view> consent_basis_refusal(std::string_view giver, std::string_view awareness) {
  if (!covers_subject_information(giver))
    return "家族の同意は、その家族自身が話したことについての同意です。本人の情報を共有する根拠にはなりません。"
           "本人の同意、法定代理人の同意、支援会議、または個人情報保護法第27条第1項の例外（理由つき）を使ってください。";
  if (giver == "本人" && awareness == "知らない")
    return "このケースでは、本人は相談を「知らない」ことになっています。本人の同意はまだ得られません。"
           "支援会議、または個人情報保護法第27条第1項の例外（理由つき）が使えます。";
  return std::nullopt;
}

std::string_view giver_of_old_consent(std::string_view given_by) {
  // normalize_for_search folds width and removes white space: 「 本人 」 and 「本　人」 are 本人.
  return normalize_for_search(given_by) == normalize_for_search("本人") ? "本人" : "家族";
}

}  // namespace tsunagu::domain
