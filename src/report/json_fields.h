// The checked reading of a summary's JSON fields: every complaint names
// the file and the key path (summary_read.cc, port_profile_json.cc).
#pragma once

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "flowclean/error.h"
#include "scan/record.h"

namespace flowclean {

using Json = nlohmann::json;

class JsonFields {
 public:
  explicit JsonFields(const std::string& file) : file_(file) {}

  [[noreturn]] void fail(const std::string& key,
                         const std::string& what) const {
    throw Error(file_, 0,
                key.empty() ? what : fmt::format("\"{}\": {}", key, what));
  }

  const Json& object(const Json& value, const std::string& key) const {
    if (!value.is_object())
      fail(key, "expected an object");
    return value;
  }

  const Json& list(const Json& value, const std::string& key) const {
    if (!value.is_array())
      fail(key, "expected a list");
    return value;
  }

  std::string text(const Json& object, const std::string& key,
                   const std::string& prefix) const {
    const Json& value = object.at(key);
    if (!value.is_string())
      fail(prefix + key, "expected a string");
    return value.get<std::string>();
  }

  std::uint64_t number(const Json& value, const std::string& key) const {
    if (!value.is_number_unsigned())
      fail(key, "expected a count (a whole number, 0 or more)");
    return value.get<std::uint64_t>();
  }

  std::uint64_t count(const Json& object, const std::string& key,
                      const std::string& prefix = "") const {
    return number(object.at(key), prefix + key);
  }

  /// Keys newer than the first summaries: 0 or empty when missing.
  static bool optional_key(std::string_view key) {
    return key == "lines_kept" || key == "rows_marked" || key == "ports" ||
           key == "first_malformed";
  }

  /// The kind of malformed row a key names, by problem_name.
  std::size_t problem_kind(const std::string& name,
                           const std::string& key) const {
    std::size_t k = 0;
    while (k < kProblemKindCount &&
           problem_name(static_cast<ProblemKind>(k)) != name)
      ++k;
    if (k == kProblemKindCount)
      fail(key, "unknown kind of malformed row");
    return k;
  }

  /// Only `keys` may stand in `object`; each must, unless optional_key
  /// or not `required`.
  void check_keys(const Json& object, const std::string& prefix,
                  std::initializer_list<const char*> keys,
                  bool required = true) const {
    for (const char* key : keys) {
      if (required && !object.contains(key) && !optional_key(key))
        fail(prefix + key, "missing");
    }
    for (const auto& item : object.items()) {
      if (std::none_of(keys.begin(), keys.end(),
                       [&](const char* key) { return item.key() == key; }))
        fail(prefix + item.key(), "unknown key (not a flowclean summary?)");
    }
  }

 private:
  const std::string& file_;
};

}  // namespace flowclean
