// A bounded map from text keys to shared, immutable values, safe across
// threads: when full, the entry read least recently goes first.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

namespace tsunagu::service {

template <class V>
class LruMap {
 public:
  explicit LruMap(std::size_t capacity) : capacity_(capacity) {}

  std::shared_ptr<const V> find(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = index_.find(key);
    if (it == index_.end()) return nullptr;
    order_.splice(order_.begin(), order_, it->second);
    return it->second->second;
  }
  void put(const std::string& key, std::shared_ptr<const V> value) {
    put(key, std::move(value), [](const V&, const V&) { return false; });
  }
  // The same, unless `keeps(kept, value)` says the entry already kept
  // stays (an older build must not replace a newer one, say).
  template <class Keeps>
  void put(const std::string& key, std::shared_ptr<const V> value, Keeps keeps) {
    if (capacity_ == 0) return;
    std::lock_guard lock(mutex_);
    if (auto it = index_.find(key); it != index_.end()) {
      if (keeps(*it->second->second, *value)) return;
      it->second->second = std::move(value);
      order_.splice(order_.begin(), order_, it->second);
      return;
    }
    order_.emplace_front(key, std::move(value));
    index_.emplace(key, order_.begin());
    if (order_.size() > capacity_) {
      index_.erase(order_.back().first);
      order_.pop_back();
    }
  }
  void erase(const std::string& key) {
    std::lock_guard lock(mutex_);
    if (auto it = index_.find(key); it != index_.end()) {
      order_.erase(it->second);
      index_.erase(it);
    }
  }
  std::size_t size() const {
    std::lock_guard lock(mutex_);
    return order_.size();
  }

 private:
  using Order = std::list<std::pair<std::string, std::shared_ptr<const V>>>;
  const std::size_t capacity_;
  mutable std::mutex mutex_;
  Order order_;  // most recently read first
  std::unordered_map<std::string, typename Order::iterator> index_;
};

}  // namespace tsunagu::service
