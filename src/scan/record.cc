#include "scan/record.h"

#include <algorithm>

namespace flowclean {

// One resize and plain copies: SiLK's marks run this for every row, and
// five appends, each a call that checks the capacity, were 11% of a clean.
void append_columns(std::string& out, std::size_t line, char separator,
                    std::string_view a, std::string_view b) {
  const bool trailing = out.size() > line && out.back() == separator;
  const std::size_t at = out.size();
  out.resize(at + a.size() + b.size() + 2);
  write_columns(&out[at], trailing, separator, a, b);
}

char* write_columns(char* out, bool trailing, char separator,
                    std::string_view a, std::string_view b) {
  if (!trailing)
    *out++ = separator;
  out = std::copy(a.begin(), a.end(), out);
  *out++ = separator;
  out = std::copy(b.begin(), b.end(), out);
  if (trailing)
    *out++ = separator;
  return out;
}

std::string with_columns_before_line_end(std::string_view line, char separator,
                                         std::string_view a,
                                         std::string_view b) {
  std::size_t content = line.size();
  if (content > 0 && line[content - 1] == '\n')
    --content;
  if (content > 0 && line[content - 1] == '\r')
    --content;
  std::string out(line.substr(0, content));
  append_columns(out, 0, separator, a, b);
  out.append(line.substr(content));
  return out;
}

std::string_view problem_name(ProblemKind kind) {
  static constexpr std::string_view kNames[kProblemKindCount] = {
      "field-count", "bad-port",    "bad-protocol", "nul-byte", "control-byte",
      "not-utf8",    "bad-quoting", "row-too-long", "not-json"};
  return kNames[static_cast<std::size_t>(kind)];
}

std::size_t Record::column_at(std::size_t offset) const {
  std::size_t column = 0;
  while (column + 1 < known_ && starts_[column + 1] <= offset) ++column;
  return column;
}

void Record::finish(std::size_t line_end, bool has_newline, std::size_t count) {
  const char* p = begin;
  std::size_t content = line_end;
  if (content > 0 && p[content - 1] == '\r')
    --content;
  const std::size_t cap = starts_.size() - 1;
  if (count <= cap && count <= known_ + 1) {
    starts_[count] = static_cast<std::uint32_t>(content + 1);
  }
  content_end = p + content;
  end = p + line_end + (has_newline ? 1 : 0);
  field_count = count;
  terminated = has_newline;
}

}  // namespace flowclean
