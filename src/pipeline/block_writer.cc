#include "pipeline/block_writer.h"

#include <cstring>

#include <fmt/format.h>

#include "flowclean/error.h"
#include "pipeline/problem_text.h"

namespace flowclean {

std::uint64_t count_newlines(std::string_view bytes) {
  std::uint64_t lines = 0;
  const char* p = bytes.data();
  const char* const end = p + bytes.size();
  while ((p = static_cast<const char*>(std::memchr(
              p, '\n', static_cast<std::size_t>(end - p)))) != nullptr) {
    ++lines;
    ++p;
  }
  return lines;
}

BlockWriter::BlockWriter(const std::string& input, std::uint64_t first_line,
                         Sink& out, Sink* rejects, const RowPolicy& policy,
                         Summary& summary, char separator)
    : input_(input),
      line_(first_line),
      out_(out),
      rejects_(rejects),
      policy_(policy),
      summary_(summary),
      separator_(separator) {}

InputCounts BlockWriter::counts(const std::string& name) const {
  InputCounts counts = counts_;
  counts.name = name;
  return counts;
}

void BlockWriter::write(const Block& block, const BlockResult& result) {
  if (block.kind == Block::Kind::kKept) {
    write_kept(block.data(), block.size);
    return;
  }
  if (block.kind != Block::Kind::kRows) {
    write_oversized(block);
    return;
  }
  if (policy_.annotate) {
    out_.write(result.annotated);
  } else {
    parts_.clear();
    for (const OutputSpan& span : result.spans) {
      parts_.emplace_back(
          (span.rewritten ? result.rewritten.data() : block.data()) +
              span.offset,
          span.size);
    }
    out_.write_parts(parts_.data(), parts_.size());
  }
  if (rejects_ != nullptr && !result.rejects.empty()) {
    rejects_->write(result.rejects);
  }
  for (const auto& [kind, offset] : result.malformed_at)
    summary_.note_malformed(kind, input_, line_ + offset);
  counts_.rows_read += result.rows_read;
  counts_.rows_flipped += result.rows_flipped;
  if (result.failure) {
    throw Error(input_, line_ + result.failure->line_offset,
                result.failure->message);
  }
  line_ += result.lines;
  if (block.kept_from < block.size)
    write_kept(block.data() + block.kept_from, block.size - block.kept_from);
}

// The trailer: byte for byte, whatever --annotate and --on-error say.
void BlockWriter::write_kept(const char* data, std::size_t size) {
  const std::string_view bytes(data, size);
  const std::uint64_t lines = count_newlines(bytes);
  summary_.lines_kept += lines;
  line_ += lines;
  out_.write(bytes);
}

void BlockWriter::count_oversized_row() {
  ++counts_.rows_read;
  ++summary_.rows_read;
  ++summary_.rows_malformed;
  ++summary_
        .malformed_by_kind[static_cast<std::size_t>(ProblemKind::kRowTooLong)];
  summary_.note_malformed(ProblemKind::kRowTooLong, input_, line_);
  if (policy_.on_error == OnError::kFail) {
    throw Error(input_, line_, row_too_long_text(policy_.max_row_bytes));
  }
  if (policy_.on_error == OnError::kSkip) {
    ++summary_.rows_rejected;
  } else {
    ++summary_.rows_written;
  }
}

// A row longer than a block never reaches a worker; it is malformed
// (row-too-long) and goes, piece by piece, where malformed rows go.
void BlockWriter::write_oversized(const Block& block) {
  if (block.kind == Block::Kind::kOversizedHead)
    count_oversized_row();
  std::string_view bytes(block.data(), block.size);
  line_ += count_newlines(bytes);
  if (policy_.on_error != OnError::kPass) {
    if (rejects_ != nullptr)
      rejects_->write(bytes);
    return;
  }
  if (!policy_.annotate) {
    out_.write(bytes);
    return;
  }
  // Annotated like any other malformed row: before the line end.
  std::string piece = pending_cr_ ? "\r" : "";
  piece.append(bytes);
  pending_cr_ = false;
  if (block.kind != Block::Kind::kOversizedTail) {
    pending_cr_ = !piece.empty() && piece.back() == '\r';
    if (pending_cr_)
      piece.pop_back();
    out_.write(piece);
    return;
  }
  piece = with_columns_before_line_end(
      piece, separator_, action_name(Action::kKeep), kMalformedRule);
  out_.write(piece);
}

}  // namespace flowclean
