#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs the standalone validator on the sample submissions and compares its
# output with the expected files (the form version is masked: it changes
# whenever the form does).
# usage: run-example.sh VALIDATE-SUBMISSION SRCDIR
set -u
exe=$1
dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

"$exe" --today 2025-06-15 "$dir/valid.txt" >"$tmp/valid.out"
[ $? -eq 0 ] || { echo "valid.txt: expected exit 0" >&2; fail=1; }
sed 's/ version [0-9a-f]\{16\}$/ version VERSION/' "$tmp/valid.out" \
    >"$tmp/valid.masked"
diff -u "$dir/expected-valid.txt" "$tmp/valid.masked" || fail=1

"$exe" --today 2025-06-15 "$dir/invalid.txt" >"$tmp/invalid.out"
[ $? -eq 1 ] || { echo "invalid.txt: expected exit 1" >&2; fail=1; }
diff -u "$dir/expected-invalid.txt" "$tmp/invalid.out" || fail=1

"$exe" "$dir/no-such-file.txt" >/dev/null 2>&1
[ $? -eq 2 ] || { echo "missing file: expected exit 2" >&2; fail=1; }
exit $fail
