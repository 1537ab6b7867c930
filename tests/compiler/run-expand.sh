#!/bin/sh
# SPDX-License-Identifier: MIT
# Pattern expansion goldens and round trip. Every case in
# tests/compiler/expand/ (test patterns beside it in patterns/) and every
# form in forms/ and examples/ that names a pattern (the library, in
# patterns/) is expanded with `formc expand`; the YAML it prints is
# compared exactly with tests/compiler/expand/expected/NAME.yaml. Then the
# round trip: the printed YAML, written as a form of its own, must check
# the same as the original and build the same C, headers and schemas.
# Usage: run-expand.sh FORMC SRCDIR   (UPDATE_EXPECTED=1 rewrites goldens)
# Output is TAP.
set -u
formc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$2" || exit 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
expected=tests/compiler/expand/expected

cases=$(ls tests/compiler/expand/*.yaml; grep -l '^pattern:' forms/*.yaml examples/*.yaml)
echo "1..$(( $(printf '%s\n' "$cases" | wc -l) * 2 ))"
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
    n=$((n + 1)); echo "not ok $n - $1"; failed=$((failed + 1))
    [ -f "$tmp/why" ] && sed 's/^/# /' "$tmp/why"
}
for input in $cases; do
    name=$(basename "$input" .yaml)
    want=$expected/$name.yaml
    # --- golden -----------------------------------------------------------
    if ! "$formc" expand "$input" > "$tmp/out.yaml" 2> "$tmp/why"; then
        not_ok "$input expands"
        n=$((n + 1)); echo "not ok $n - $input round trip # expansion failed"
        failed=$((failed + 1))
        continue
    fi
    [ "${UPDATE_EXPECTED:-0}" = 1 ] && cp "$tmp/out.yaml" "$want"
    if [ ! -f "$want" ]; then
        echo "no $want (run with UPDATE_EXPECTED=1 and review)" > "$tmp/why"
        not_ok "$input expands as $want"
    elif diff -u "$want" "$tmp/out.yaml" > "$tmp/why"; then
        ok "$input expands as $want"
    else
        not_ok "$input expands as $want"
    fi
    # --- round trip: same diagnostics, same generated files ---------------
    # The copy sits in a directory of its own with the form's shared
    # lists, under the form's own name (formc build wants file = slug).
    rm -rf "$tmp/rt" "$tmp/a" "$tmp/b"
    mkdir -p "$tmp/rt/forms"
    ln -s "$PWD/$(dirname "$input")/lists" "$tmp/rt/forms/lists" 2>/dev/null
    [ -d "$(dirname "$input")/lists" ] || ln -sfn "$PWD/forms/lists" "$tmp/rt/forms/lists"
    copy=$tmp/rt/forms/$name.yaml
    cp "$tmp/out.yaml" "$copy"
    "$formc" check "$input" > /dev/null 2> "$tmp/check-a"
    status_a=$?
    # The copy finds what the pattern shared (holiday lists) with
    # --patterns, as a form kept anywhere would.
    "$formc" check --patterns patterns "$copy" > /dev/null 2> "$tmp/check-b"
    status_b=$?
    "$formc" build "$input" -o "$tmp/a" > /dev/null 2>&1
    "$formc" build --patterns patterns "$copy" -o "$tmp/b" > /dev/null 2>&1
    # Generated files name their source: the only words allowed to differ.
    for f in "$tmp/a"/* "$tmp/b"/*; do
        [ -f "$f" ] && sed -i 's|from [^ ]*\.yaml\. Do not edit|from SOURCE. Do not edit|' "$f"
    done
    if [ "$status_a" -ne "$status_b" ] ||
       ! cmp -s "$tmp/check-a" "$tmp/check-b"; then
        { echo "check: exit $status_a, then $status_b"; cat "$tmp/check-a" "$tmp/check-b"; } > "$tmp/why"
        not_ok "$input round trip checks the same"
    elif [ "$status_a" -eq 0 ] && ! diff -r "$tmp/a" "$tmp/b" > "$tmp/why"; then
        not_ok "$input round trip builds the same"
    elif [ "$status_a" -eq 0 ] && [ -z "$(ls "$tmp/a")" ]; then
        echo "nothing was built" > "$tmp/why"
        not_ok "$input round trip builds the same"
    else
        ok "$input round trip checks and builds the same"
    fi
done
[ "$failed" -eq 0 ]
