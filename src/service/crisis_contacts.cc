#include "service/crisis_contacts.h"

#include <fstream>
#include <stdexcept>

#include "service/input.h"

namespace tsunagu::service {

nlohmann::json default_crisis_contacts() {
  return nlohmann::json::array({
      {{"name", "いのちが危ないとき（救急）"}, {"phone", "119"}, {"hours", "24時間"}, {"note", nullptr}},
      {{"name", "危険が迫っているとき（警察）"}, {"phone", "110"}, {"hours", "24時間"}, {"note", nullptr}},
      {{"name", "こころの健康相談統一ダイヤル"},
       {"phone", "0570-064-556"},
       {"hours", "都道府県・政令指定都市により異なります"},
       {"note", "お住まいの地域の相談窓口につながります。"}},
      {{"name", "よりそいホットライン"}, {"phone", "0120-279-338"}, {"hours", "24時間"}, {"note", nullptr}},
      {{"name", "いのちの電話（ナビダイヤル）"}, {"phone", "0570-783-556"}, {"hours", "10時〜22時"}, {"note", nullptr}},
  });
}

nlohmann::json load_crisis_contacts(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("緊急時の連絡先のファイルを開けません: " + path);
  nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  auto bad = [&](const std::string& why) {
    return std::runtime_error("緊急時の連絡先のファイル（" + path + "）が正しくありません: " + why);
  };
  if (!j.is_array() || j.empty()) throw bad("連絡先の配列（1件以上）にしてください。");
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : j) {
    if (!e.is_object() || !e.contains("name") || !e["name"].is_string() || e["name"].get<std::string>().empty() ||
        utf8_length(e["name"].get<std::string>()) > 100)
      throw bad("各連絡先に name（100文字まで）が必要です。");
    nlohmann::json c = {{"name", e["name"]}};
    for (const char* k : {"phone", "hours", "note"}) {
      if (!e.contains(k) || e[k].is_null()) {
        c[k] = nullptr;
        continue;
      }
      if (!e[k].is_string() || utf8_length(e[k].get<std::string>()) > 300)
        throw bad(std::string(k) + " は300文字までの文字列にしてください。");
      c[k] = e[k];
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace tsunagu::service
