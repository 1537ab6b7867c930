#!/bin/sh
# SPDX-License-Identifier: MIT
# Every form in forms/ and examples/, and the test forms of
# tests/compiler/forms/, must check clean: no errors and no warnings, even
# under --strict. Usage: run-clean.sh FORMC SRCDIR. TAP.
set -u
# meson may pass a path relative to the build directory.
formc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$2" || exit 2
set -- forms/*.yaml examples/*.yaml tests/compiler/forms/*.yaml
echo "1..$#"
n=0
failed=0
for input in "$@"; do
    n=$((n + 1))
    if out=$("$formc" check --strict "$input" 2>&1) && [ -z "$out" ]; then
        echo "ok $n - $input"
    else
        echo "not ok $n - $input"
        printf '%s\n' "$out" | sed 's/^/# /'
        failed=$((failed + 1))
    fi
done
[ "$failed" -eq 0 ]
