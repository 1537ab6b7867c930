#!/bin/sh
# SPDX-License-Identifier: MIT
# Golden test of formc's back end: builds every form in examples/ with a
# fixed --today and compares the generated C, headers, schemas and static
# pages with the files checked in under tests/compiler/golden/expected/.
# With UPDATE_GOLDEN=1 it rewrites them instead (review the diff in git).
# usage: run-golden.sh FORMC SRCDIR
set -eu
formc=$1
src=$2
expected="$src/tests/compiler/golden/expected"
# meson passes programs relative to the build directory: make them absolute
# before leaving it.
abspath() { (cd "$(dirname "$1")" && printf '%s/%s\n' "$(pwd)" "$(basename "$1")"); }
formc=$(abspath "$formc")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$src"
"$formc" build examples/*.yaml -o "$tmp/out" --html "$tmp/out/html" \
    --today 2025-06-15
# The stylesheet belongs to the renderers; its own tests cover it.
rm -f "$tmp/out/html/formbuilder.css"

if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
    rm -rf "$expected"
    cp -R "$tmp/out" "$expected"
    echo "golden: rewrote $expected"
    exit 0
fi
if diff -ru "$expected" "$tmp/out"; then
    echo "golden: generated output matches $expected"
else
    echo "golden: generated output differs (UPDATE_GOLDEN=1 to accept)" >&2
    exit 1
fi
