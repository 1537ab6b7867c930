#!/bin/sh
# SPDX-License-Identifier: MIT
# Author test scenarios (formc test, docs/authoring.md): every form in
# forms/ and tests/compiler/scenarios/ passes its scenarios with every
# page, branch, exit and option covered (--coverage --strict), and the
# failing scenarios of tests/compiler/scenarios/failing/ fail with the
# report in NAME.expected (UPDATE_EXPECTED=1 rewrites it).
# Usage: run-scenarios.sh FORMC SRCDIR. TAP.
set -u
formc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$2" || exit 2
forms() { ls "$@" | grep -v '\.test\.yaml$'; }
passing=$(forms forms/*.yaml tests/compiler/scenarios/*.yaml)
failing=$(forms tests/compiler/scenarios/failing/*.yaml)
echo "1..$(($(printf '%s\n' $passing $failing | wc -l) + 1))"
n=0
failed=0
for form in $passing; do
    n=$((n + 1))
    if out=$("$formc" test --coverage --strict "$form" 2>&1 >/dev/null) &&
        [ -z "$out" ]; then
        echo "ok $n - $form: scenarios pass, full coverage"
    else
        echo "not ok $n - $form"
        printf '%s\n' "$out" | sed 's/^/# /'
        failed=$((failed + 1))
    fi
done
for form in $failing; do
    n=$((n + 1))
    expected=${form%.yaml}.expected
    out=$("$formc" test --coverage "$form" 2>&1 >/dev/null)
    status=$?
    if [ -n "${UPDATE_EXPECTED:-}" ]; then
        printf '%s\n' "$out" > "$expected"
    fi
    if [ "$status" -eq 1 ] && printf '%s\n' "$out" | cmp -s - "$expected"; then
        echo "ok $n - $form: fails as expected"
    else
        echo "not ok $n - $form (exit $status)"
        printf '%s\n' "$out" | diff "$expected" - | sed 's/^/# /'
        failed=$((failed + 1))
    fi
done
# --fields: what each scenario posts, as a browser posts it (the a11y
# suite walks the server with it): one line per scenario, a date in its
# three parts, checkboxes once per box, and the scenario's own day.
n=$((n + 1))
out=$("$formc" test --fields forms/report-fly-tipping.yaml)
if [ "$(printf '%s\n' "$out" | wc -l)" -eq 6 ] &&
    printf '%s' "$out" | head -1 | grep -q '\["date_seen-day", "30"\], \["date_seen-month", "11"\], \["date_seen-year", "2026"\]' &&
    printf '%s' "$out" | head -1 | grep -q '\["waste_types", "bags"\], \["waste_types", "furniture"\]' &&
    printf '%s' "$out" | head -1 | grep -q '"today": "2026-12-01", "fields"'; then
    echo "ok $n - formc test --fields posts as a browser does"
else
    echo "not ok $n - formc test --fields"
    printf '%s\n' "$out" | sed 's/^/# /'
    failed=$((failed + 1))
fi
[ "$failed" -eq 0 ]
