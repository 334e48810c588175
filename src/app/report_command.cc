// `flowclean report`: summaries (and a model) drawn as one HTML page.
#include <optional>

#include "app/command_support.h"
#include "app/commands.h"
#include "flowclean/error.h"
#include "io/output_guard.h"
#include "learn/model_parse.h"
#include "report/report_html.h"

namespace flowclean {

int run_report(const ReportCommand& command) {
  std::vector<std::string> reads = command.inputs;
  if (!command.model.empty())
    reads.push_back(command.model);
  check_outputs(named({{"-o", command.output}}), reads);
  const Summary total = add_summaries(command.inputs);
  const std::optional<Model> model =
      command.model.empty()
          ? std::nullopt
          : std::optional<Model>(Model(read_model_file(command.model)));
  write_file(command.output,
             render_report_html(total, model ? &*model : nullptr));
  return static_cast<int>(ExitCode::kSuccess);
}

}  // namespace flowclean
