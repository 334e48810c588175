// What clean writes for a row of JSON lines: members are found by key, so a
// flip rewrites the line member by member instead of moving a run of
// columns, and --annotate adds two members instead of two columns.
#include <algorithm>

#include "pipeline/block_cleaner.h"

namespace flowclean {

namespace {

// A flipped value of a column flipped in place (history, conn_state, a
// complement): a string's quotes stay around it.
void append_flipped(const ColumnFlip& flip, std::string_view raw,
                    std::string_view total, std::size_t growth,
                    std::string& out) {
  const bool quoted = raw.size() >= 2 && raw.front() == '"';
  const std::string_view value = quoted ? raw.substr(1, raw.size() - 2) : raw;
  if (total.size() >= 2 && total.front() == '"')
    total = total.substr(1, total.size() - 2);
  const std::size_t at = out.size();
  out.resize(at + value.size() + growth + (quoted ? 2 : 0));
  char* p = &out[at];
  if (quoted)
    *p++ = '"';
  p = write_flipped_field(flip, value, total, p);
  if (quoted)
    *p++ = '"';
  out.resize(static_cast<std::size_t>(p - out.data()));
}

}  // namespace

std::string_view BlockCleaner::flipped_columns(const JsonRow& row) {
  std::string& out = json_line_;
  out.clear();
  const std::size_t growth = max_flip_growth(schema_);
  const char* copied = row.begin;
  for (const JsonMember& m : row.members()) {
    const char* const key = row.begin + m.key;
    const std::string_view value(row.begin + m.value, m.value_end - m.value);
    out.append(copied, key);
    copied = row.begin + m.value_end;
    const std::size_t column = m.column;
    const std::size_t twin =
        column == kNoColumn ? kNoColumn : schema_.flipped_order[column];
    if (twin != column && !row.present(twin)) {
      // Its twin is unset (Zeek leaves it out): the value moves to the
      // twin's name, so the line names each value's side truly.
      out.append("\"").append(schema_.names[twin]).append("\"");
    } else {
      out.append(key, m.key_end - m.key);
    }
    out.append(row.begin + m.key_end, row.begin + m.value);
    const ColumnFlip* flip =
        column == kNoColumn || flip_of_.empty() ? nullptr : flip_of_[column];
    if (twin != column && row.present(twin)) {
      out.append(row.raw(twin));
    } else if (flip != nullptr) {
      append_flipped(*flip, value, row.raw(flip->total), growth, out);
    } else {
      out.append(value);
    }
  }
  out.append(copied, row.content_end);
  return out;
}

std::string BlockCleaner::flipped_row(const JsonRow& row) {
  std::string line(flipped_columns(row));
  return line.append(row.content_end, row.end);
}

void BlockCleaner::emit(const JsonRow& row, BlockResult& result,
                        std::string_view action, std::string_view rule,
                        std::string_view flipped) {
  if (!policy_.annotate) {
    if (flipped.empty()) {
      copy(row.begin, row.end, result);
      return;
    }
    rewrite(flipped, result);
    copy(row.content_end, row.end, result);
    return;
  }
  std::string& out = result.annotated;
  const std::size_t start = out.size();
  if (flipped.empty()) {
    out.append(row.begin, row.content_end);
  } else {
    out.append(flipped);
  }
  // Two members before the closing brace; a line that does not end with
  // one (a malformed row passed) is written as it is.
  const std::size_t close = out.find_last_not_of(" \t\r");
  if (close != std::string::npos && close >= start && out[close] == '}') {
    const std::string members = std::string(row.members().empty() ? "" : ",") +
                                "\"flowcleanAction\":\"" + std::string(action) +
                                "\",\"flowcleanRule\":\"" + std::string(rule) +
                                "\"";
    out.insert(close, members);
  }
  out.append(row.content_end, row.end);
}

}  // namespace flowclean
