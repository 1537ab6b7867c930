#!/bin/sh
# SPDX-License-Identifier: MIT
# formc graph: the dot text of every form in forms/ and of the scenario
# corpus's form equals tests/compiler/graph/NAME.dot (UPDATE_EXPECTED=1
# rewrites them). Graphviz is not needed: the text is the golden.
# Usage: run-graph.sh FORMC SRCDIR. TAP.
set -u
formc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$2" || exit 2
forms=$(ls forms/*.yaml tests/compiler/scenarios/*.yaml | grep -v '\.test\.yaml$')
echo "1..$(printf '%s\n' $forms | wc -l)"
n=0
failed=0
for form in $forms; do
    n=$((n + 1))
    golden=tests/compiler/graph/$(basename "${form%.yaml}").dot
    out=$("$formc" graph "$form" 2>&1)
    status=$?
    [ -n "${UPDATE_EXPECTED:-}" ] && printf '%s\n' "$out" > "$golden"
    if [ "$status" -eq 0 ] && printf '%s\n' "$out" | cmp -s - "$golden"; then
        echo "ok $n - $form"
    else
        echo "not ok $n - $form (exit $status)"
        printf '%s\n' "$out" | diff "$golden" - | sed 's/^/# /'
        failed=$((failed + 1))
    fi
done
[ "$failed" -eq 0 ]
