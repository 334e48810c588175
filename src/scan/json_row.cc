#include "scan/json_row.h"

#include <algorithm>

namespace flowclean {

namespace {

const char* skip_blanks(const char* p, const char* end) {
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\r')) ++p;
  return p;
}

bool is_control(char c) {
  return static_cast<unsigned char>(c) < kFirstTextByte;
}

// Past the closing quote of the string whose opening quote is at `p`; null
// at a raw control byte (JSON escapes them) or at the end, `bad` set there.
const char* string_end(const char* p, const char* end, const char*& bad) {
  for (++p; p < end; ++p) {
    if (*p == '"')
      return p + 1;
    if (*p == '\\') {
      if (++p == end)
        break;
    } else if (is_control(*p)) {
      bad = p;
      return nullptr;
    }
  }
  bad = end;
  return nullptr;
}

// Past the array or object that opens at `p` (Zeek's sets and vectors,
// tunnel_parents): kept as written, never read.
const char* nested_end(const char* p, const char* end, const char*& bad) {
  int depth = 0;
  while (p < end) {
    if (*p == '"') {
      p = string_end(p, end, bad);
      if (p == nullptr)
        return nullptr;
      continue;
    }
    if (*p == '[' || *p == '{') {
      ++depth;
    } else if (*p == ']' || *p == '}') {
      if (--depth == 0)
        return p + 1;
    } else if (is_control(*p) && *p != '\t' && *p != '\r') {
      bad = p;
      return nullptr;
    }
    ++p;
  }
  bad = end;
  return nullptr;
}

// Past a number, true, false or null; null when there is none.
const char* scalar_end(const char* p, const char* end, const char*& bad) {
  const char* q = p;
  while (q < end &&
         ((*q >= '0' && *q <= '9') || (*q >= 'a' && *q <= 'z') ||
          (*q >= 'A' && *q <= 'Z') || *q == '-' || *q == '+' || *q == '.'))
    ++q;
  if (q == p) {
    bad = p;
    return nullptr;
  }
  return q;
}

}  // namespace

JsonKeys::JsonKeys(const std::vector<std::string>& names) {
  for (std::size_t i = 0; i < names.size(); ++i)
    sorted_.emplace_back(names[i], i);
  std::sort(sorted_.begin(), sorted_.end(), [](const auto& a, const auto& b) {
    return a.first.size() != b.first.size() ? a.first.size() < b.first.size()
                                            : a.first < b.first;
  });
}

std::size_t JsonKeys::column(std::string_view key) const {
  const auto at = std::lower_bound(sorted_.begin(), sorted_.end(), key,
                                   [](const auto& entry, std::string_view k) {
                                     return entry.first.size() != k.size()
                                                ? entry.first.size() < k.size()
                                                : entry.first < k;
                                   });
  return at != sorted_.end() && at->first == key ? at->second : kNoColumn;
}

Problem JsonRow::not_json(const char* at, std::size_t column) const {
  Problem problem{ProblemKind::kNotJson, column,
                  static_cast<std::size_t>(at - begin)};
  if (at < content_end && is_control(*at)) {
    problem.kind =
        *at == '\0' ? ProblemKind::kNulByte : ProblemKind::kControlByte;
  }
  problem.byte = at < content_end ? static_cast<unsigned char>(*at) : 0;
  return problem;
}

// One "key": value member at `p`; past it, or `problem` set.
const char* JsonRow::member(const char* p, const JsonKeys& keys,
                            std::optional<Problem>& problem) {
  const char* bad = nullptr;
  const char* key_end =
      p < content_end && *p == '"' ? string_end(p, content_end, bad) : nullptr;
  if (key_end == nullptr) {
    problem = not_json(bad != nullptr ? bad : p);
    return p;
  }
  JsonMember m;
  m.key = static_cast<std::uint32_t>(p - begin);
  m.key_end = static_cast<std::uint32_t>(key_end - begin);
  m.column = keys.column({p + 1, static_cast<std::size_t>(key_end - p - 2)});
  const char* q = skip_blanks(key_end, content_end);
  if (q == content_end || *q != ':') {
    problem = not_json(q, m.column);
    return q;
  }
  q = skip_blanks(q + 1, content_end);
  const char* value_end = nullptr;
  if (q < content_end && *q == '"') {
    value_end = string_end(q, content_end, bad);
  } else if (q < content_end && (*q == '[' || *q == '{')) {
    value_end = nested_end(q, content_end, bad);
  } else {
    value_end = scalar_end(q, content_end, bad);
  }
  if (value_end == nullptr) {
    problem = not_json(bad, m.column);
    return q;
  }
  m.value = static_cast<std::uint32_t>(q - begin);
  m.value_end = static_cast<std::uint32_t>(value_end - begin);
  members_.push_back(m);
  // A key named twice: the first is read (and both are flipped).
  if (m.column != kNoColumn && !present(m.column))
    raw_[m.column] = {q, static_cast<std::size_t>(value_end - q)};
  return value_end;
}

std::optional<Problem> JsonRow::scan(const char* line,
                                     const char* line_content_end,
                                     const char* line_end,
                                     const JsonKeys& keys) {
  begin = line;
  content_end = line_content_end;
  end = line_end;
  std::fill(raw_.begin(), raw_.end(), std::string_view());
  members_.clear();
  const char* p = skip_blanks(begin, content_end);
  if (p == content_end || *p != '{')
    return not_json(p);
  p = skip_blanks(p + 1, content_end);
  if (p < content_end && *p == '}') {
    ++p;
  } else {
    while (true) {
      std::optional<Problem> problem;
      p = skip_blanks(member(p, keys, problem), content_end);
      if (problem)
        return problem;
      if (p < content_end && *p == ',') {
        p = skip_blanks(p + 1, content_end);
        continue;
      }
      if (p < content_end && *p == '}') {
        ++p;
        break;
      }
      return not_json(p);
    }
  }
  p = skip_blanks(p, content_end);
  if (p != content_end)
    return not_json(p);
  return std::nullopt;
}

}  // namespace flowclean
