#!/bin/sh
# SPDX-License-Identifier: MIT
# formc check, build (C, schemas, static pages) and registry over every
# form in forms/ and examples/, under memcheck: no memory error, no
# definite leak.
#   formc-build.sh MEMCHECK FORMC SRCDIR
set -eu
memcheck=$1 src=$3
formc=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cd "$src"
forms=$(ls examples/*.yaml forms/*.yaml)
# shellcheck disable=SC2086 # one word per form
sh "$memcheck" "$formc" check --strict $forms
# shellcheck disable=SC2086
sh "$memcheck" "$formc" build $forms -o "$out/c" --html "$out/html" \
    --today 2025-06-15
# shellcheck disable=SC2086
sh "$memcheck" "$formc" registry $forms -o "$out/registry.c"
# A form with errors takes the diagnostics' paths.
sh "$memcheck" "$formc" check tests/compiler/bad/*.yaml >/dev/null 2>&1 &&
    { echo "the bad corpus passed formc check"; exit 1; }
status=0
sh "$memcheck" "$formc" check --diagnostics=json tests/compiler/bad/*.yaml \
    >/dev/null 2>"$out/bad.log" || status=$?
if [ "$status" -ne 1 ]; then
    cat "$out/bad.log"
    echo "formc check of the bad corpus: exit $status, not 1"
    exit 1
fi
echo "formc under memcheck: clean"
