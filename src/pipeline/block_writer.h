// Writes cleaned blocks of one input in order: output, rejects, line numbers
// for messages, and rows longer than a block, which arrive in pieces.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "io/sink.h"
#include "pipeline/row_policy.h"
#include "report/summary.h"
#include "scan/block.h"

namespace flowclean {

[[nodiscard]] std::uint64_t count_newlines(std::string_view bytes);

class BlockWriter {
 public:
  /// `first_line` is the line number of the first row after the header.
  BlockWriter(const std::string& input, std::uint64_t first_line, Sink& out,
              Sink* rejects, const RowPolicy& policy, Summary& summary,
              char separator);

  /// Throws Error at the block's first malformed row under OnError::kFail,
  /// after writing the rows before it.
  void write(const Block& block, const BlockResult& result);

  [[nodiscard]] InputCounts counts(const std::string& name) const;
  [[nodiscard]] std::uint64_t rows_read() const { return counts_.rows_read; }

 private:
  void write_kept(const char* data, std::size_t size);
  void write_oversized(const Block& block);
  void count_oversized_row();

  const std::string& input_;
  std::uint64_t line_;
  Sink& out_;
  Sink* rejects_;
  const RowPolicy& policy_;
  Summary& summary_;
  char separator_;  ///< between fields, for --annotate's columns
  InputCounts counts_;
  /// A CR that ended an oversized piece: held back until we know whether a
  /// LF follows, so an annotation goes before the whole CR LF.
  bool pending_cr_ = false;
  std::vector<std::string_view> parts_;  ///< a block's output, reused
};

}  // namespace flowclean
