#include "service/seal_key_check.h"

#include <filesystem>
#include <stdexcept>

namespace tsunagu::service {

SealKey key_for_database(store::Database& db, const std::string& path) {
  auto c = db.acquire();
  auto sample = c->query_one("SELECT contact_sealed FROM persons WHERE contact_sealed IS NOT NULL LIMIT 1");
  // Two-factor secrets are sealed with the same key: a database with only
  // those needs its key just as much.
  if (!sample)
    sample = c->query_one("SELECT COALESCE(secret, pending_secret) FROM user_two_factor "
                          "WHERE COALESCE(secret, pending_secret) IS NOT NULL LIMIT 1");
  // And supporters' contact details (migration 0026).
  if (!sample) sample = c->query_one("SELECT contact_sealed FROM supporters WHERE contact_sealed IS NOT NULL LIMIT 1");
  std::error_code ec;
  std::string where = std::filesystem::absolute(path, ec).string();
  if (sample && !std::filesystem::exists(path, ec))
    throw std::runtime_error("連絡先の鍵ファイル " + where +
                             " がありません。このデータベースには暗号化した連絡先があるため、新しい鍵は作りません。"
                             "このデータベースを作ったときの鍵ファイルを --key-file で指定してください"
                             "（複数のサーバーでは同じ鍵ファイルを使います）。");
  SealKey key = load_or_create_key(path);
  if (sample && !unseal(key, sample->text(0)))
    throw std::runtime_error("連絡先の鍵ファイル " + where +
                             " では、このデータベースの連絡先を開けません。別のデータベースの鍵か、別のサーバーで作られた鍵です。"
                             "このデータベースを作ったときの鍵ファイルを --key-file で指定してください。");
  return key;
}

}  // namespace tsunagu::service
