// A fixed-size array that starts as zero bytes, from calloc. For a large
// size calloc maps fresh pages, which the kernel zeroes when first touched:
// learn's 25 MB of tables cost a small input a few pages instead of a 25 MB
// memset per worker (that made the fuzz target run 10 inputs a second).
#pragma once

#include <cstdlib>
#include <cstring>
#include <new>
#include <type_traits>

namespace flowclean {

/// T must be trivially copyable and valid as all zero bytes.
template <class T>
class ZeroedArray {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  ZeroedArray() = default;
  ZeroedArray(const ZeroedArray& other) { *this = other; }
  ZeroedArray(ZeroedArray&& other) noexcept { swap(other); }
  ZeroedArray& operator=(const ZeroedArray& other) {
    if (this != &other) {
      ZeroedArray copy;
      copy.allocate(other.size_);
      if (other.size_ > 0)
        std::memcpy(copy.data_, other.data_, other.size_ * sizeof(T));
      swap(copy);
    }
    return *this;
  }
  ZeroedArray& operator=(ZeroedArray&& other) noexcept {
    swap(other);
    return *this;
  }
  ~ZeroedArray() { std::free(data_); }

  /// Makes `size` zeroed elements (dropping any before).
  void allocate(std::size_t size) {
    std::free(data_);
    data_ = nullptr;
    size_ = 0;
    if (size == 0)
      return;
    data_ = static_cast<T*>(std::calloc(size, sizeof(T)));
    if (data_ == nullptr)
      throw std::bad_alloc();
    size_ = size;
  }

  [[nodiscard]] bool empty() const { return size_ == 0; }
  [[nodiscard]] std::size_t size() const { return size_; }
  T& operator[](std::size_t i) { return data_[i]; }
  const T& operator[](std::size_t i) const { return data_[i]; }

 private:
  void swap(ZeroedArray& other) noexcept {
    std::swap(data_, other.data_);
    std::swap(size_, other.size_);
  }

  T* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace flowclean
