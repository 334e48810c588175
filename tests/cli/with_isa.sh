#!/usr/bin/env bash
# Runs a test with FLOWCLEAN_FORCE_ISA set, or skips it (exit 77) when this
# CPU lacks the instruction set: flowclean --version refuses it then.
# Usage: with_isa.sh FLOWCLEAN ISA COMMAND [ARGS...]
set -uo pipefail
flowclean=$1 isa=$2
shift 2
export FLOWCLEAN_FORCE_ISA=$isa
if ! message=$("$flowclean" --version 2>&1); then
  if [[ $message == *"this CPU lacks"* ]]; then
    echo "skipped: $message"
    exit 77
  fi
  echo "$message"
  exit 1
fi
exec "$@"
