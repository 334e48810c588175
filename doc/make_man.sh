#!/usr/bin/env bash
# Writes the flowclean(1) man page (roff) to stdout, made from the program's
# own --help texts, so the man page and --help cannot drift apart.
# Usage: doc/make_man.sh FLOWCLEAN DATE [FLOWCLEAN_SLURM]
set -euo pipefail
# FLOWCLEAN may be a command of several words: an emulator and the binary,
# in a cross build.
read -ra flowclean <<< "$1"
date=${2:-$(date -u +%Y-%m-%d)}
slurm=${3:-$(dirname "$0")/../scripts/flowclean-slurm}
# The first line: the second names the instruction set of the machine
# that builds, which a man page must not depend on.
version=$("${flowclean[@]}" --version | head -n 1)
# roff: escape backslashes; protect lines starting with . or '
roff() { sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"; }

cat <<ROFF
.TH FLOWCLEAN 1 "$date" "flowclean $version" "User Commands"
.SH NAME
flowclean \\- find network flow records that were recorded backwards and put them the right way round
.SH SYNOPSIS
.B flowclean clean
[\\fIOPTIONS\\fR] [\\fIINPUT\\fR ...]
.br
.B flowclean learn
[\\fIOPTIONS\\fR] [\\fIINPUT\\fR ...]
.br
.B flowclean stats
[\\fIOPTIONS\\fR] \\fIINPUT\\fR ...
.br
.B flowclean combine
[\\fIOPTIONS\\fR] \\fISUMMARY\\fR ...
.br
.B flowclean report
[\\fB\\-\\-model\\fR \\fIMODEL\\fR] \\fB\\-o\\fR \\fIPAGE\\fR \\fISUMMARY\\fR ...
.br
.B flowclean formats
[\\fBshow\\fR \\fINAME\\fR]
.br
.B flowclean rules
.br
.B flowclean-slurm
\\fB\\-\\-work\\fR \\fIDIR\\fR [\\fIOPTIONS\\fR] \\fICHUNK\\fR ... [\\fB\\-\\-\\fR \\fISBATCH_OPTION\\fR ...]
.br
.B flowclean
[\\fB\\-\\-help\\fR | \\fB\\-\\-version\\fR]
.SH DESCRIPTION
.nf
ROFF
"${flowclean[@]}" --help | roff
cat <<ROFF
.fi
.SH "flowclean clean"
.nf
ROFF
"${flowclean[@]}" clean --help | roff
cat <<ROFF
.fi
.SH "flowclean learn"
.nf
ROFF
"${flowclean[@]}" learn --help | roff
cat <<ROFF
.fi
.SH "flowclean stats"
.nf
ROFF
"${flowclean[@]}" stats --help | roff
cat <<ROFF
.fi
.SH "flowclean combine"
.nf
ROFF
"${flowclean[@]}" combine --help | roff
cat <<ROFF
.fi
.SH "flowclean report"
.nf
ROFF
"${flowclean[@]}" report --help | roff
cat <<ROFF
.fi
.SH "flowclean formats"
.nf
ROFF
"${flowclean[@]}" formats --help | roff
echo
"${flowclean[@]}" formats | roff
cat <<ROFF
.fi
.SH "flowclean rules"
.nf
ROFF
"${flowclean[@]}" rules | roff
cat <<ROFF
.fi
.SH "flowclean-slurm"
.nf
ROFF
bash "$slurm" --help | roff
cat <<ROFF
.fi
.SH "EXIT STATUS"
0 success, 1 data or I/O error, 2 usage error.
.SH "SEE ALSO"
The README of the project, which shows the summary's JSON keys, the accuracy of the learned rules, the
performance figures and the three ways the tool is used.
ROFF
