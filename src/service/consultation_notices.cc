#include "service/consultation_notices.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include <sodium.h>

#include "service/log_event.h"

extern char** environ;

namespace tsunagu::service {
namespace {

std::string base64(std::string_view text) {
  std::string out(sodium_base64_encoded_len(text.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

// Runs `sendmail -oi -- to` with `message` on its standard input; true when
// it exits 0.
bool run_sendmail(const std::string& sendmail, const std::string& to, const std::string& message) {
  int in[2];
  if (pipe(in) != 0) return false;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
  posix_spawn_file_actions_addclose(&actions, in[1]);
  std::vector<std::string> args{sendmail, "-oi", "--", to};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, sendmail.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(in[0]);
  if (rc != 0) {
    close(in[1]);
    return false;
  }
  std::size_t done = 0;
  while (done < message.size()) {
    auto n = write(in[1], message.data() + done, message.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  close(in[1]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return done == message.size() && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

bool plain_mailbox(std::string_view a) {
  auto at = a.find('@');
  if (a.empty() || a.size() > 254 || at == std::string_view::npos || at == 0 || at != a.rfind('@') ||
      at + 1 >= a.size())
    return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(a[i]);
    bool ok = std::isalnum(c) || c == '.' || c == '-' || c == '_' || c == '+' || c == '@' || (i < at && c == '%');
    if (!ok) return false;
  }
  std::string_view domain = a.substr(at + 1);
  return domain.find('.') != std::string_view::npos && domain.front() != '.' && domain.back() != '.' &&
         domain.find("..") == std::string_view::npos;
}

std::string notice_message(const NoticeSettings& s, const std::string& to) {
  std::string url = s.public_url;
  while (!url.empty() && url.back() == '/') url.pop_back();
  return "To: " + to + "\r\nFrom: " + s.from + "\r\nSubject: =?UTF-8?B?" + base64("返信があります") +
         "?=\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
         "ご相談に返信があります。\r\n"
         "相談番号と合言葉で、次のページから読めます。\r\n" +
         url + "/consult/open\r\n\r\n"
               "このメールには、ご相談の内容は書かれていません。\r\n"
               "心当たりがない場合は、このメールを削除してください。\r\n";
}

int send_pending_notices(store::Database& db, const SealKey& key, const NoticeSettings& s) {
  std::vector<std::string> ids;
  {
    auto lease = db.acquire();
    store::Transaction tx(*lease, store::Transaction::Mode::read);
    for (const auto& r : lease->query("SELECT id FROM consultation_threads WHERE notice_pending = 1 LIMIT 500"))
      ids.push_back(r.text(0));
    tx.commit();
  }
  int sent = 0;
  for (const auto& id : ids) {
    std::optional<std::string> to;
    {
      auto lease = db.acquire();
      store::Transaction tx(*lease, store::Transaction::Mode::write);
      // The claim: only the process whose UPDATE changed the row sends.
      if (lease->execute("UPDATE consultation_threads SET notice_pending = 0 WHERE id = ? AND notice_pending = 1", {id}) ==
          1)
        if (auto r = lease->query_one("SELECT notice_email FROM consultation_threads WHERE id = ?", {id});
            r && !r->is_null(0))
          to = unseal(key, r->text(0));
      tx.commit();
    }
    if (!to || !plain_mailbox(*to)) continue;
    if (run_sendmail(s.sendmail, *to, notice_message(s, *to))) {
      ++sent;
      continue;
    }
    log_error({{"event", "notice_send_failed"}, {"thread", id}});
    auto lease = db.acquire();
    store::Transaction tx(*lease, store::Transaction::Mode::write);
    lease->execute("UPDATE consultation_threads SET notice_pending = 1 WHERE id = ?", {id});
    tx.commit();
  }
  return sent;
}

}  // namespace tsunagu::service
