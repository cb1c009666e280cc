#include "service/person_contact.h"

#include <algorithm>
#include <iterator>

#include "domain/person_preference.h"

namespace tsunagu::service {
namespace {

constexpr std::string_view kContactKeys[] = {"phone",          "phone_callback", "phone_may_identify",
                                             "email",          "email_callback", "family_may_know",
                                             "preferred_method", "address"};

bool valid_phone(const std::string& s) {
  int digits = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9') ++digits;
    else if (c != '-' && c != '+' && c != '(' && c != ')' && c != ' ') return false;
  }
  return digits >= 3;
}

}  // namespace

nlohmann::json read_contact(Input& in, const nlohmann::json& body) {
  if (!body.contains("contact") || body["contact"].is_null()) return nullptr;
  const auto& c = body["contact"];
  if (!c.is_object()) {
    in.fail("contact", "連絡先は phone, email, address などを持つオブジェクトで指定してください。");
    return nullptr;
  }
  for (const auto& [k, v] : c.items()) {
    (void)v;
    if (std::find(std::begin(kContactKeys), std::end(kContactKeys), k) == std::end(kContactKeys))
      in.fail("contact." + utf8_prefix(k, 40),
              "連絡先に使える項目は phone, phone_callback, phone_may_identify, email, email_callback, "
              "family_may_know, preferred_method, address です。");
  }
  Input ci(c);
  auto phone = ci.opt_text("phone", "電話番号", {.required = false, .max = 30});
  if (phone && !valid_phone(*phone)) ci.fail("phone", "電話番号は数字と - + ( ) で入力してください。");
  auto phone_callback = ci.boolean("phone_callback", "折り返しの電話をしてよいか", false);
  auto phone_may_identify = ci.boolean("phone_may_identify", "この番号に電話したとき名乗ってよいか", false);
  auto email = ci.opt_text("email", "メールアドレス", {.required = false, .max = 254});
  if (email && (email->find('@') == std::string::npos || email->find(' ') != std::string::npos))
    ci.fail("email", "メールアドレスの形式が正しくありません。");
  auto email_callback = ci.boolean("email_callback", "メールで連絡してよいか", false);
  auto family_may_know = ci.boolean("family_may_know", "連絡を家族に知られてよいか", false);
  auto preferred = ci.choice("preferred_method", "連絡方法の希望", domain::kContactPreference.values, false);
  auto address = ci.opt_text("address", "住所", {.required = false, .max = 200});
  if (!phone && (phone_callback || phone_may_identify)) {
    const char* key = phone_callback ? "phone_callback" : "phone_may_identify";
    ci.fail(key, "電話についての希望は、電話番号といっしょに記録してください。");
  }
  if (!email && email_callback) ci.fail("email_callback", "メールについての希望は、メールアドレスといっしょに記録してください。");
  if (!phone && !email && family_may_know)
    ci.fail("family_may_know", "家族に知られてよいかは、電話番号かメールアドレスといっしょに記録してください。");
  try {
    ci.check();
  } catch (const Problem& p) {
    for (const auto& e : p.errors) in.fail("contact." + e.field, e.detail);
  }
  nlohmann::json out = nlohmann::json::object();
  if (phone) out["phone"] = *phone;
  if (phone_callback) out["phone_callback"] = *phone_callback;
  if (phone_may_identify) out["phone_may_identify"] = *phone_may_identify;
  if (email) out["email"] = *email;
  if (email_callback) out["email_callback"] = *email_callback;
  if (family_may_know) out["family_may_know"] = *family_may_know;
  if (preferred) out["preferred_method"] = *preferred;
  if (address) out["address"] = *address;
  return out.empty() ? nlohmann::json(nullptr) : out;
}

std::vector<std::string> read_preferences(Input& in, const nlohmann::json& body) {
  std::vector<std::string> out;
  if (!body.contains("preferences") || body["preferences"].is_null()) return out;
  const auto& list = body["preferences"];
  if (!list.is_array()) {
    in.fail("preferences", "支援についての希望は配列で指定してください。");
    return out;
  }
  std::vector<bool> chosen(domain::kSupportPreference.size(), false);
  for (const auto& v : list) {
    auto i = v.is_string() ? domain::kSupportPreference.index_of(v.get<std::string>()) : std::nullopt;
    if (!i) {
      in.fail("preferences", "支援についての希望の値「" + utf8_prefix(v.is_string() ? v.get<std::string>() : v.dump(), 60) +
                                 "」は選択肢にありません。");
      continue;
    }
    chosen[*i] = true;
  }
  for (std::size_t i = 0; i < chosen.size(); ++i)
    if (chosen[i]) out.emplace_back(domain::kSupportPreference.values[i]);
  return out;
}

std::optional<std::string> preferences_text(const std::vector<std::string>& preferences) {
  if (preferences.empty()) return std::nullopt;
  return nlohmann::json(preferences).dump();
}

std::vector<std::string> preferences_of(const std::optional<std::string>& stored) {
  std::vector<std::string> out;
  if (!stored) return out;
  auto j = nlohmann::json::parse(*stored, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& v : j)
    if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

}  // namespace tsunagu::service
