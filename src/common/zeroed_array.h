// A fixed-size array that starts as zero bytes, in fresh pages the kernel
// zeroes when first touched: learn's 25 MB of tables cost a small input a
// few pages instead of a 25 MB memset per worker (that made the fuzz
// target run 10 inputs a second). Large ones are mapped in huge pages.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <type_traits>

#include <sys/mman.h>

#include "common/huge_pages.h"

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
  ~ZeroedArray() { release(); }

  /// Makes `size` zeroed elements (dropping any before).
  void allocate(std::size_t size) {
    release();
    if (size == 0)
      return;
    const std::size_t bytes = size * sizeof(T);
    data_ = static_cast<T*>(bytes >= kMapped ? map_huge(bytes)
                                             : std::calloc(size, sizeof(T)));
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

  /// From this size on, fresh pages of their own, aligned to huge pages
  /// and advised to be: a model's 4 and 4.7 MB tables, first written as
  /// it loads, cost 1,100 page faults in calloc's 4 KiB pages (perf).
  static constexpr std::size_t kMapped = std::size_t{1} << 20;

  /// Anonymous pages, zero until written; nullptr when there are none.
  static void* map_huge(std::size_t bytes) {
    const std::size_t length = whole_huge_pages(bytes);
    // A huge page more, to cut an aligned run out of it.
    void* const at = ::mmap(nullptr, length + kHugePage, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (at == MAP_FAILED)
      return nullptr;
    char* const start = static_cast<char*>(at);
    const std::size_t head =
        (kHugePage - reinterpret_cast<std::uintptr_t>(at) % kHugePage) %
        kHugePage;
    if (head > 0)
      ::munmap(start, head);
    ::munmap(start + head + length, kHugePage - head);  // never empty
    advise_huge_pages(start + head, length);
    return start + head;
  }
  void release() {
    if (data_ != nullptr && size_ * sizeof(T) >= kMapped) {
      ::munmap(data_, whole_huge_pages(size_ * sizeof(T)));
    } else {
      std::free(data_);
    }
    data_ = nullptr;
    size_ = 0;
  }

  T* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace flowclean
