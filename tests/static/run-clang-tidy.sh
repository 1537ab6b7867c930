#!/bin/sh
# SPDX-License-Identifier: MIT
# clang-tidy with the checked-in .clang-tidy over the project's own C:
# every file of compiler/, runtime/ and common/ in BUILDDIR's compilation
# database (tests/ are not included: check's macros and the fuzz targets'
# deliberate misuse would drown the findings), two files at a time.
# A file found clean is not looked at again until its preprocessed text,
# compile command, .clang-tidy or clang-tidy changes (tidy-select.py).
#   run-clang-tidy.sh SRCDIR BUILDDIR
# Exit 0 only when clang-tidy reports nothing; 77 (skipped) without it.
set -eu
src=$1 build=$2
here=$(dirname "$0")
tidy=$(command -v clang-tidy || command -v clang-tidy-14 || true)
if [ -z "$tidy" ]; then
    echo "clang-tidy not installed"
    exit 77
fi
cache=$build/clang-tidy-clean
files=$(python3 "$here/tidy-select.py" "$src" "$build" "$cache" "$tidy")
if [ -z "$files" ]; then
    echo "clang-tidy: every file as it was when found clean"
    exit 0
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# shellcheck disable=SC2086 # one word per file
printf '%s\n' $files | xargs -P 2 -n 4 "$tidy" -p "$build" --quiet \
    >"$log" 2>/dev/null || true
count=$(printf '%s\n' $files | wc -l)
if grep -qE '(warning|error):' "$log"; then
    grep -E '(warning|error):' "$log" | sort -u
    echo "clang-tidy: findings in $count files looked at" \
        "(config: $src/.clang-tidy)"
    exit 1
fi
printf '%s\n' $files | python3 "$here/tidy-select.py" "$src" "$build" \
    "$cache" "$tidy" --record
echo "clang-tidy: $count files clean"
