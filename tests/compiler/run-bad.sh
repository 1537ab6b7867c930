#!/bin/sh
# SPDX-License-Identifier: MIT
# The bad-input corpus: every tests/compiler/bad/NAME.yaml is checked with
# formc and its diagnostics (stderr, caret lines included) and exit status
# are compared exactly with NAME.expected. A first line
# "# formc-args: ..." adds options (e.g. --strict). NAME.cy.yaml is the
# translation sidecar of NAME.yaml, read with it, not a case of its own.
# Usage: run-bad.sh FORMC SRCDIR   (UPDATE_EXPECTED=1 rewrites the files)
# Output is TAP.
set -u
# meson may pass a path relative to the build directory.
formc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$2" || exit 2
total=0
failed=0
for input in tests/compiler/bad/*.yaml; do
    case $input in *.cy.yaml) continue ;; esac
    total=$((total + 1))
done
echo "1..$total"
n=0
for input in tests/compiler/bad/*.yaml; do
    case $input in *.cy.yaml) continue ;; esac
    n=$((n + 1))
    expected=${input%.yaml}.expected
    args=$(sed -n '1s/^# formc-args: //p' "$input")
    # shellcheck disable=SC2086 # args are words by design
    actual=$("$formc" check $args "$input" 2>&1 >/dev/null; echo "[exit $?]")
    if [ "${UPDATE_EXPECTED:-0}" = 1 ]; then
        printf '%s\n' "$actual" > "$expected"
    fi
    if [ ! -f "$expected" ]; then
        echo "not ok $n - $input: no $expected (run with UPDATE_EXPECTED=1 and review)"
        failed=$((failed + 1))
    elif printf '%s\n' "$actual" | cmp -s - "$expected"; then
        echo "ok $n - $input"
    else
        echo "not ok $n - $input"
        printf '%s\n' "$actual" | diff -u "$expected" - | sed 's/^/# /'
        failed=$((failed + 1))
    fi
done
[ "$failed" -eq 0 ]
