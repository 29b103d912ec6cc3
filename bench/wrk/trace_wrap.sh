#!/usr/bin/env bash
# Runs wrk as given but with desk_trace.lua instead of desk.lua (okno-queue-bench --wrk-prefix);
# the full output goes to ${OKNO_WRK_TRACE:-/tmp/okno-wrk-trace.txt}, the summary line to stdout.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${OKNO_WRK_TRACE:-/tmp/okno-wrk-trace.txt}"
args=()
for a in "$@"; do case "$a" in */desk.lua) args+=("$here/desk_trace.lua") ;; *) args+=("$a") ;; esac; done
"${args[@]}" > "$out" 2>&1
grep -E "wrk-summary" "$out"
