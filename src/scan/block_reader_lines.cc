// BlockReader's lines that are not rows: the header (one line, or Zeek's
// leading '#' lines), the first line given back when a format has no
// header, and the trailer (nfdump's Summary) kept from where it starts.
#include <algorithm>
#include <climits>
#include <cstring>

#include <fmt/format.h>

#include "common/text.h"
#include "flowclean/error.h"
#include "scan/block_reader.h"
#include "scan/checked_scan.h"
#include "scan/record_scanner.h"

namespace flowclean {

namespace {

constexpr std::size_t kHeaderReadBytes = std::size_t{64} * 1024;
// Header columns are not known yet; more fields are counted, not kept.
constexpr std::size_t kHeaderMaxFields = 4096;

}  // namespace

std::string BlockReader::read_header() {
  const std::size_t max_bytes = max_row_bytes_;
  Record record(kHeaderMaxFields);
  std::vector<char> bytes;
  while (true) {
    const std::size_t have = bytes.size();
    if (!eof_) {
      bytes.resize(have + kHeaderReadBytes + kScanPadding);
      const int got =
          source_.read(bytes.data() + have, static_cast<int>(kHeaderReadBytes));
      eof_ = got <= 0;
      bytes.resize(have + static_cast<std::size_t>(std::max(got, 0)));
    }
    if (bytes.empty())
      return {};
    const std::size_t size = bytes.size();
    bytes.resize(size + kScanPadding);
    (void)scan_checked(bytes.data(), bytes.data() + size, record);
    const auto length = static_cast<std::size_t>(record.end - record.begin);
    if (record.terminated || eof_) {
      if (length > max_bytes)
        break;
      carry_.assign(bytes.begin() + static_cast<std::ptrdiff_t>(length),
                    bytes.begin() + static_cast<std::ptrdiff_t>(size));
      return std::string(bytes.data(), length);
    }
    if (size > max_bytes)
      break;
    bytes.resize(size);
  }
  throw Error(
      source_.name(), 1,
      fmt::format("header is longer than the limit of {} bytes", max_bytes));
}

void BlockReader::set_dialect(const Dialect& dialect) {
  dialect_ = dialect;
}

std::string BlockReader::read_lines_starting(std::string_view prefix) {
  std::string lines;
  while (true) {
    const auto newline = std::find(carry_.begin(), carry_.end(), '\n');
    if (newline == carry_.end() && !eof_ && carry_.size() <= max_row_bytes_) {
      const std::size_t have = carry_.size();
      carry_.resize(have + kHeaderReadBytes);
      carry_.resize(fill(carry_.data(), have, have + 1, carry_.size()));
      continue;
    }
    const std::string_view ahead(carry_.data(), carry_.size());
    if (!starts_with(ahead, prefix))
      return lines;
    const std::size_t length =
        newline == carry_.end()
            ? carry_.size()
            : static_cast<std::size_t>(newline - carry_.begin()) + 1;
    if (length > max_row_bytes_) {
      throw Error(source_.name(), 0,
                  fmt::format("a header line is longer than the limit of {} "
                              "bytes",
                              max_row_bytes_));
    }
    lines.append(carry_.data(), length);
    carry_.erase(carry_.begin(),
                 carry_.begin() + static_cast<std::ptrdiff_t>(length));
    if (carry_.empty() && eof_)
      return lines;
  }
}

void BlockReader::put_back(std::string_view bytes) {
  carry_.insert(carry_.begin(), bytes.begin(), bytes.end());
}

void BlockReader::set_trailer(std::string line) {
  trailer_ = std::move(line);
}

// A line at a time, only for formats with a trailer (nfdump's rows are
// about 300 bytes: one memchr each).
void BlockReader::stop_at_trailer(Block& block, const char* data,
                                  std::size_t cut) {
  if (trailer_.empty() || in_trailer_)
    return;
  const std::string_view rows(data, cut);
  for (std::size_t at = 0; at < rows.size();) {
    std::size_t end = rows.find('\n', at);
    end = end == std::string_view::npos ? rows.size() : end;
    std::string_view line = rows.substr(at, end - at);
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    if (line == trailer_) {
      block.kept_from = at;
      in_trailer_ = true;
      return;
    }
    at = end + 1;
  }
}

void BlockReader::cut_kept(Block& block, std::size_t size) {
  block.kind = Block::Kind::kKept;
  block.size = size;
  carry_.clear();
}

}  // namespace flowclean
