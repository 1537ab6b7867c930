#!/bin/sh
# SPDX-License-Identifier: MIT
# The registry of diagnostics (compiler/diag_registry.c): docs/diagnostics.md
# is what `formc explain --markdown` prints (UPDATE_EXPECTED=1 rewrites it),
# every id explains itself with an example, and an unknown id is refused
# with the nearest. formc aborts on an id without a row, so every test that
# reports one (the bad corpus has one case per id) checks it is registered.
# Usage: run-diagnostics.sh FORMC SRCDIR. TAP.
set -u
formc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$2" || exit 2
echo "1..3"
failed=0
if [ -n "${UPDATE_EXPECTED:-}" ]; then
    "$formc" explain --markdown > docs/diagnostics.md
fi
if "$formc" explain --markdown | cmp -s - docs/diagnostics.md; then
    echo "ok 1 - docs/diagnostics.md is generated from the registry"
else
    echo "not ok 1 - docs/diagnostics.md is out of date: run formc explain --markdown > docs/diagnostics.md"
    "$formc" explain --markdown | diff docs/diagnostics.md - | sed 's/^/# /'
    failed=1
fi
bad=""
for id in $("$formc" explain --list | cut -f1); do
    out=$("$formc" explain "$id") &&
        printf '%s' "$out" | grep -q "^$id: " &&
        printf '%s' "$out" | grep -q "^For example:" || bad="$bad $id"
done
if [ -z "$bad" ]; then
    echo "ok 2 - every id explains itself with an example"
else
    echo "not ok 2 - no explanation for:$bad"
    failed=1
fi
out=$("$formc" explain when-sintax 2>&1)
if [ $? -eq 2 ] && printf '%s' "$out" | grep -q "did you mean 'when-syntax'"; then
    echo "ok 3 - an unknown id is refused with the nearest"
else
    echo "not ok 3 - unknown id: $out"
    failed=1
fi
[ "$failed" -eq 0 ]
