#include "service/sealed_field.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <vector>

namespace tsunagu::service {
namespace {

std::runtime_error key_error(const std::string& path, const std::string& what) {
  return std::runtime_error("暗号鍵ファイル " + path + " " + what);
}

bool read_key(const std::string& path, SealKey& key) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return false;
    throw key_error(path, std::string("を開けません: ") + std::strerror(errno));
  }
  unsigned char buf[33];
  ssize_t n = ::read(fd, buf, sizeof buf);
  ::close(fd);
  if (n != 32) throw key_error(path, "の長さが 32 バイトではありません（壊れているか、別のファイルです）。");
  std::memcpy(key.bytes.data(), buf, 32);
  sodium_memzero(buf, sizeof buf);
  key.loaded = true;
  return true;
}

}  // namespace

SealKey load_or_create_key(const std::string& path) {
  SealKey key;
  if (read_key(path, key)) return key;
  std::filesystem::path p(path);
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
  // Write a temporary file, then link() it into place: link fails when the
  // key appeared meanwhile, so a concurrent start never sees half a key and
  // both processes end up with the one that was published first.
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) throw key_error(path, std::string("を作成できません: ") + std::strerror(errno));
  unsigned char fresh[32];
  randombytes_buf(fresh, sizeof fresh);
  bool ok = ::write(fd, fresh, sizeof fresh) == static_cast<ssize_t>(sizeof fresh) && ::fsync(fd) == 0;
  sodium_memzero(fresh, sizeof fresh);
  ::close(fd);
  if (!ok) {
    ::unlink(tmp.c_str());
    throw key_error(path, "を書き込めません。");
  }
  int linked = ::link(tmp.c_str(), path.c_str());
  int link_errno = errno;
  ::unlink(tmp.c_str());
  if (linked != 0 && link_errno != EEXIST)
    throw key_error(path, std::string("を作成できません: ") + std::strerror(link_errno));
  if (!read_key(path, key)) throw key_error(path, "を読み込めません。");
  return key;
}

std::string default_key_path(const std::string& db_url) {
  if (db_url.rfind("sqlite:", 0) == 0) return db_url.substr(7) + ".key";
  return "var/tsunagu.key";
}

std::string seal(const SealKey& key, std::string_view plaintext) {
  if (!key.loaded) throw std::logic_error("seal() without a key");
  std::vector<unsigned char> box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plaintext.size());
  unsigned char* nonce = box.data();
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(box.data() + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(), nonce,
                        key.bytes.data());
  std::string out(sodium_base64_ENCODED_LEN(box.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), box.data(), box.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

std::optional<std::string> unseal(const SealKey& key, std::string_view sealed) {
  if (!key.loaded) throw std::logic_error("unseal() without a key");
  std::vector<unsigned char> box(sealed.size());
  std::size_t len = 0;
  if (sodium_base642bin(box.data(), box.size(), sealed.data(), sealed.size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0)
    return std::nullopt;
  if (len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) return std::nullopt;
  std::string plain(len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()), box.data() + crypto_secretbox_NONCEBYTES,
                                 len - crypto_secretbox_NONCEBYTES, box.data(), key.bytes.data()) != 0)
    return std::nullopt;
  return plain;
}

}  // namespace tsunagu::service
