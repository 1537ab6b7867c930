#!/bin/sh
# SPDX-License-Identifier: MIT
# clang-tidy with the checked-in .clang-tidy over the project's own C:
# every file of compiler/, runtime/ and common/ in BUILDDIR's compilation
# database (tests/ are not included: check's macros and the fuzz targets'
# deliberate misuse would drown the findings), two files at a time.
#   run-clang-tidy.sh SRCDIR BUILDDIR
# Exit 0 only when clang-tidy reports nothing; 77 (skipped) without it.
set -eu
src=$1 build=$2
tidy=$(command -v clang-tidy || command -v clang-tidy-14 || true)
if [ -z "$tidy" ]; then
    echo "clang-tidy not installed"
    exit 77
fi
files=$(python3 - "$build/compile_commands.json" "$src" <<'PY'
import json, os, sys
src = os.path.realpath(sys.argv[2])
seen = set()
for e in json.load(open(sys.argv[1])):
    f = os.path.realpath(os.path.join(e["directory"], e["file"]))
    rel = os.path.relpath(f, src)
    if rel.split(os.sep)[0] in ("compiler", "runtime", "common") and f not in seen:
        seen.add(f)
        print(f)
PY
)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# shellcheck disable=SC2086 # one word per file
printf '%s\n' $files | xargs -P 2 -n 4 "$tidy" -p "$build" --quiet \
    >"$log" 2>/dev/null || true
count=$(printf '%s\n' $files | wc -l)
if grep -qE '(warning|error):' "$log"; then
    grep -E '(warning|error):' "$log" | sort -u
    echo "clang-tidy: findings in $count files (config: $src/.clang-tidy)"
    exit 1
fi
echo "clang-tidy: $count files clean"
