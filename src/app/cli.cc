#include "app/cli.h"

#include <map>
#include <memory>
#include <sstream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "app/cli_inputs.h"
#include "rules/rules.h"
#include "simd/kernels.h"

namespace flowclean {

namespace {

constexpr const char* kCleanDescription =
    "Clean flow CSV: flip inverted records back, count what was done.\n"
    "\n"
    "Put flow records that were recorded backwards (server -> client) the\n"
    "right way round, and count what was done. Input is CSV in the VAST 2013\n"
    "netflow layout; columns are found by header name.\n"
    "\n"
    "Rows are streamed in blocks: memory stays bounded whatever the input\n"
    "size. Row order is kept; a row that is not flipped is written byte for\n"
    "byte; a flipped row has exactly five src/dst pairs swapped (address,\n"
    "port, payload bytes, total bytes, packet count). Cleaning a cleaned file\n"
    "changes nothing.\n"
    "\n"
    "gzip and zstd input is recognised by its first bytes, on files and "
    "stdin;\n"
    "an output named *.gz or *.zst is compressed. On a terminal, progress\n"
    "(bytes, rows, rate, ETA) shows on stderr.";

std::string rules_footer() {
  std::string text =
      "Rules, tried in order; the first that matches decides. The learned\n"
      "rules take part only with --learn or --model:\n";
  for (const Rule& rule : kRules) {
    text += fmt::format("  {:<24} {:<7} {}\n", rule.name,
                        action_name(rule.action), rule.summary);
  }
  return text;
}

std::string clean_footer() {
  return rules_footer() +
         "\n"
         "Malformed rows (wrong field count, a port outside 0-65535, a\n"
         "protocol that is not a number, NUL or control bytes, bytes that are\n"
         "not UTF-8, broken quoting, rows over 1 MiB) stop the run with\n"
         "FILE:LINE, or go to --rejects (skip) or through unchanged (pass).\n"
         "Blank lines are not rows: they are dropped and counted.\n"
         "\n"
         "Exit status: 0 success, 1 data or I/O error, 2 usage error.\n"
         "\n"
         "Examples:\n"
         "  flowclean clean nf-chunk*.csv > clean.csv\n"
         "  flowclean clean -q --out-dir clean/ nf-chunk1.csv nf-chunk2.csv\n"
         "  flowclean clean --learn --out-dir clean/ nf-chunk*.csv\n"
         "  flowclean clean --summary-json summary.json -o clean.csv "
         "flows.csv\n"
         "  zcat flows.csv.gz | flowclean clean --on-error skip "
         "--rejects bad.csv";
}

// Lists each subcommand by the first line of its description only; the rest
// is shown by the subcommand's own --help.
class HelpFormatter : public CLI::Formatter {
 public:
  std::string make_subcommand(const CLI::App* sub) const override {
    const std::string& description = sub->get_description();
    std::stringstream out;
    CLI::detail::format_help(out, sub->get_display_name(true),
                             description.substr(0, description.find('\n')),
                             get_column_width());
    return out.str();
  }
};

void add_output_options(CLI::App& clean, CleanCommand& options) {
  const char* group = "Output";
  auto* output = clean.add_option(
      "-o,--output", options.output,
      "Write cleaned CSV to FILE (replaced atomically), not stdout");
  output->type_name("FILE")->check(not_empty())->group(group);
  clean
      .add_option("--out-dir", options.out_dir,
                  "Write one cleaned file per input into DIR, same file name")
      ->type_name("DIR")
      ->check(not_empty())
      ->excludes(output)
      ->group(group);
  clean
      .add_option("--summary-json", options.summary_json,
                  "Write the summary as JSON to FILE")
      ->type_name("FILE")
      ->check(not_empty())
      ->group(group);
  clean
      .add_option("--report", options.report,
                  "Write the run's report to FILE, an HTML page "
                  "(flowclean report)")
      ->type_name("FILE")
      ->check(not_empty())
      ->group(group);
  clean
      .add_flag("--annotate", options.annotate,
                "Append columns flowcleanAction (kept/flipped) and "
                "flowcleanRule (the deciding rule)")
      ->group(group);
  add_quiet_and_progress(clean, options, "the summary table", group);
}

void add_rule_options(CLI::App& clean, CleanCommand& options) {
  const char* group = "Rules";
  auto* ports = clean.add_option(
      "--service-ports", options.service_ports,
      "Comma-separated service ports, replacing the default list\n"
      "20,21,25,53,80,123,137,138,389,1900,1984,3389,5355");
  ports->type_name("LIST")->check(not_empty())->group(group);
  clean
      .add_option("--service-ports-file", options.service_ports_file,
                  "Read service ports from FILE: one per line, '#' comments")
      ->type_name("FILE")
      ->check(not_empty())
      ->excludes(ports)
      ->group(group);
  auto* learn = clean.add_flag(
      "--learn", options.learn,
      "Learn service ports, server endpoints and scanners from all inputs\n"
      "first (one extra read), then clean every input with what was learned");
  learn->group(group);
  clean
      .add_option("--model", options.model,
                  "Clean with a model saved by 'flowclean learn --model'")
      ->type_name("FILE")
      ->check(not_empty())
      ->excludes(learn)
      ->group(group);
  clean
      .add_option("--ephemeral-min", options.ephemeral_min,
                  "Destination ports above N count as ephemeral")
      ->type_name("N")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str()
      ->group(group);
}

void setup_clean(CLI::App& clean, CleanCommand& options) {
  add_output_options(clean, options);
  add_rule_options(clean, options);
  add_input_options(clean, options, "clean");
  clean.footer(clean_footer());
}

}  // namespace

void setup_cli(CLI::App& app, CliOptions& options) {
  app.description(
      "flowclean: find network flow records that were recorded backwards and "
      "put them the right way round.");
  // The second line says which kernels run (simd/kernels.h): output is the
  // same on every instruction set, speed is not.
  app.set_version_flag("-V,--version", [] {
    return std::string(FLOWCLEAN_VERSION) +
           "\ninstruction set: " + simd::describe_active_kernels();
  });
  app.require_subcommand(1);
  app.formatter(std::make_shared<HelpFormatter>());
  app.footer(
      "Run 'flowclean COMMAND --help' for a command's options.\n"
      "Exit status: 0 success, 1 data or I/O error, 2 usage error.\n"
      "Environment: FLOWCLEAN_FORCE_ISA=scalar|sse2|avx2|avx512 (neon on "
      "aarch64)\nruns that instruction set's kernels instead of the widest "
      "the CPU has;\nthe output is the same, only the speed differs. "
      "--version names the set in use.");
  CLI::App* clean = app.add_subcommand("clean", kCleanDescription);
  setup_clean(*clean, options.clean);
  clean->callback([&options] { options.clean_chosen = true; });
  CLI::App* learn = app.add_subcommand("learn", kLearnDescription);
  setup_learn(*learn, options.learn);
  learn->callback([&options] { options.learn_chosen = true; });
  CLI::App* stats = app.add_subcommand("stats", kStatsDescription);
  setup_stats(*stats, options.stats);
  stats->callback([&options] { options.stats_chosen = true; });
  CLI::App* combine = app.add_subcommand("combine", kCombineDescription);
  setup_combine(*combine, options.combine);
  combine->callback([&options] { options.combine_chosen = true; });
  CLI::App* report = app.add_subcommand("report", kReportDescription);
  setup_report(*report, options.report);
  report->callback([&options] { options.report_chosen = true; });
  CLI::App* formats = app.add_subcommand(
      "formats", "List the flow formats flowclean reads, or show one");
  formats->footer(
      "A format names the columns flowclean reads and the pairs a flip "
      "swaps.\n'flowclean formats show NAME' prints one as a description to "
      "copy, edit\nand give to --format-file (doc/formats.md).");
  CLI::App* show = formats->add_subcommand(
      "show", "Print a format's description, to copy and edit");
  show->add_option("NAME", options.formats.show, "A format 'formats' lists")
      ->required();
  formats->callback([&options] { options.formats_chosen = true; });
  CLI::App* rules =
      app.add_subcommand("rules", "List the rules in the order they are tried");
  rules->footer(rules_footer());
  rules->callback([&options] { options.rules_chosen = true; });
}

}  // namespace flowclean
