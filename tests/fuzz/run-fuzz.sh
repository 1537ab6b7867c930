#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs one libFuzzer target for a while:
#   run-fuzz.sh FUZZER NAME FUZZDIR BUILDDIR SECONDS
# from a copy of FUZZDIR/corpus/NAME (the checked-in seeds stay as they
# are; new inputs go to the copy) with FUZZDIR/regressions/NAME read too,
# and FUZZDIR/NAME.dict as its dictionary. A crash, leak, timeout or
# broken property fails the run; the input is kept as
# BUILDDIR/fuzz-artifacts/NAME-crash-... (add it to regressions/NAME/ once
# fixed). The last lines are libFuzzer's: executions per second and
# coverage (cov, ft).
set -eu
exe=$1 name=$2 fuzz=$3 build=$4 seconds=$5

work=$(mktemp -d "${TMPDIR:-/tmp}/fb-fuzz-$name.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
mkdir "$work/corpus" "$build/fuzz-artifacts" 2>/dev/null || true
cp "$fuzz/corpus/$name"/* "$work/corpus/"
set -- "$work/corpus"
[ -d "$fuzz/regressions/$name" ] && set -- "$@" "$fuzz/regressions/$name"
[ -f "$fuzz/$name.dict" ] && set -- "-dict=$fuzz/$name.dict" "$@"

# -timeout: one input taking seconds is a finding (a hang). -rss_limit_mb:
# the machine is shared. -max_len: forms are larger than libFuzzer's
# default 4096 bytes. -error_exitcode: libFuzzer's own default, 77, is
# meson's "skipped", which would hide a finding.
status=0
"$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -error_exitcode=1 \
    -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="$build/fuzz-artifacts/$name-" "$@" \
    >"$work/log" 2>&1 || status=$?
grep -E '^#[0-9]+.*(DONE|INITED)|^stat::|ERROR|SUMMARY|property failed' \
    "$work/log" || true
if [ "$status" -ne 0 ]; then
    tail -n 60 "$work/log"
    echo "fuzz-$name: a finding (exit $status); input in" \
        "$build/fuzz-artifacts/" >&2
fi
exit "$status"
