// The learn, stats and combine subcommands' options and help.
#include "app/cli_inputs.h"

namespace flowclean {

const char* const kLearnDescription =
    "Learn service ports, server endpoints and scanners from flow CSV.\n"
    "\n"
    "One pass over the inputs gathers evidence that does not depend on which\n"
    "way a record points: per port, the distinct peer ports it met in\n"
    "conversations (payload both ways); per server endpoint (address,\n"
    "protocol, port), its distinct peer endpoints; per host in probes\n"
    "(records with no payload), the hosts and ports on either side, which\n"
    "tell scanners and the hosts they sweep. Client endpoints are not kept\n"
    "one by one: memory follows the servers, not the rows.\n"
    "\n"
    "-o writes the learned service ports, most evidence first, in the\n"
    "--service-ports-file format with the evidence as comments: review,\n"
    "edit and commit it. --model writes everything learned; use it with\n"
    "'flowclean clean --model', or add models of separate chunks together\n"
    "with --merge: the result equals one pass over all the chunks.\n"
    "--binary-model writes the same model in binary form, which loads in a\n"
    "quarter of the time, for runs that load it many times (a cluster's\n"
    "clean tasks); --model, --merge and the other commands read either.\n"
    "Keep the text model too: the binary one is read only on machines of\n"
    "the same byte order, by flowclean versions of the same binary format.";

const char* const kStatsDescription =
    "Print the tables to check a data set and a model by.\n"
    "\n"
    "Top destination and source ports as recorded, the hosts that probe and\n"
    "whether they count as scanners, the learned service ports, and rows\n"
    "flipped per source port by the default rules and by the learned model.\n"
    "Reads the inputs three times (learn, then two cleaning passes that write\n"
    "nothing).";

const char* const kCombineDescription =
    "Add summaries of separate runs into one.\n"
    "\n"
    "Reads --summary-json files (of chunks cleaned one by one, on one machine\n"
    "or many) and writes their total in the same layout: every count adds up,\n"
    "flips per port too, and the inputs are listed in the order given. The\n"
    "total equals the summary of one run over all the inputs. An input named\n"
    "in two summaries is an error: its rows would count twice.";

namespace {

std::string learn_footer() {
  return "Exit status: 0 success, 1 data or I/O error, 2 usage error.\n"
         "\n"
         "Examples:\n"
         "  flowclean learn -o ports.txt --model week.model nf-chunk*.csv\n"
         "  flowclean learn --model c1.model nf-chunk1.csv   # one per "
         "machine\n"
         "  flowclean learn --merge c1.model c2.model c3.model --model "
         "week.model\n"
         "  flowclean learn --merge week.model --binary-model week.fcm\n"
         "  flowclean clean --model week.model --out-dir clean/ nf-chunk*.csv";
}

}  // namespace

void setup_learn(CLI::App& learn, LearnCommand& options) {
  const char* group = "Output";
  learn
      .add_option("-o,--output", options.output,
                  "Write the learned service ports, ranked, to FILE")
      ->type_name("FILE")
      ->check(not_empty())
      ->group(group);
  learn
      .add_option("--model", options.model,
                  "Write the model (all evidence, text) to FILE")
      ->type_name("FILE")
      ->check(not_empty())
      ->group(group);
  learn
      .add_option("--binary-model", options.binary_model,
                  "Write the model in binary form to FILE: loads 4x faster "
                  "(doc/learning.md)")
      ->type_name("FILE")
      ->check(not_empty())
      ->group(group);
  learn
      .add_option("--merge", options.merge,
                  "Add the evidence of these model files to what is learned")
      ->type_name("MODEL")
      ->group(group);
  add_quiet_and_progress(learn, options, "what was learned", group);
  add_input_options(learn, options, "learn from", "count them, go on");
  learn.footer(learn_footer());
}

void setup_stats(CLI::App& stats, StatsCommand& options) {
  const char* group = "Output";
  stats
      .add_option("--model", options.model,
                  "Judge the learned rules with this model, not one learned "
                  "from the inputs")
      ->type_name("FILE")
      ->check(not_empty())
      ->group(group);
  stats.add_option("--top", options.top, "Rows per table")
      ->type_name("N")
      ->check(CLI::Range(1, 65536))
      ->capture_default_str()
      ->group(group);
  stats
      .add_flag("--progress", options.progress,
                "Show progress on stderr even when it is not a terminal")
      ->group(group);
  add_input_options(stats, options, "read", "count them, go on");
  stats.get_option("INPUT")->description(
      "CSV files to read, plain, gzip or zstd (three times, so not stdin)");
  stats.get_option("INPUT")->required();
  stats.footer(
      "Exit status: 0 success, 1 data or I/O error, 2 usage error.\n"
      "\n"
      "Example:\n"
      "  flowclean stats --top 20 nf-chunk1.csv");
}

void setup_combine(CLI::App& combine, CombineCommand& options) {
  combine.add_option("SUMMARY", options.inputs, "Summary JSON files to add")
      ->type_name("FILE")
      ->check(not_empty())
      ->required();
  const char* group = "Output";
  combine
      .add_option("-o,--output", options.output,
                  "Write the total to FILE (replaced atomically), not stdout")
      ->type_name("FILE")
      ->check(not_empty())
      ->group(group);
  combine
      .add_flag("-q,--quiet", options.quiet,
                "Do not print the total as a table on stderr")
      ->group(group);
  combine.footer(
      "Exit status: 0 success, 1 data or I/O error, 2 usage error.\n"
      "\n"
      "Examples:\n"
      "  flowclean combine -o week.json day*.json\n"
      "  flowclean combine -q summaries/*.json | jq .rows_flipped");
}

const char* const kReportDescription =
    "Draw summaries as one HTML page: what was flipped and why.\n"
    "\n"
    "Reads --summary-json files (added up as combine adds them) and writes a\n"
    "self-contained page: rows by rule and input; the top destination and\n"
    "top source ports before and after cleaning, side by side; the source x\n"
    "destination port density before and after; flips by service port; the\n"
    "malformed rows with their first lines. With --model, what the model\n"
    "learned: service ports and their evidence, scanners and probed hosts.\n"
    "Inline SVG and CSS: no script, no request, readable offline, printed\n"
    "and on a phone. Every chart's numbers are in a table beside it.";

void setup_report(CLI::App& report, ReportCommand& options) {
  report.add_option("SUMMARY", options.inputs, "Summary JSON files to draw")
      ->type_name("FILE")
      ->check(not_empty())
      ->required();
  report
      .add_option("--model", options.model,
                  "Add what this model (flowclean learn) learned")
      ->type_name("FILE")
      ->check(not_empty());
  report
      .add_option("-o,--output", options.output,
                  "Write the page to FILE (replaced atomically)")
      ->type_name("FILE")
      ->check(not_empty())
      ->required();
  report.footer(
      "Exit status: 0 success, 1 data or I/O error, 2 usage error.\n"
      "\n"
      "Examples:\n"
      "  flowclean report -o week.html day*.json\n"
      "  flowclean report --model vast.model -o report.html summary.json\n"
      "  flowclean clean --report report.html -o clean.csv flows.csv");
}

}  // namespace flowclean
