#!/bin/sh
# SPDX-License-Identifier: MIT
# formc new: for every pattern in patterns/, the starter form checks clean
# under --strict and its scenarios pass; a second formc new of the same
# name refuses to overwrite and leaves both files as they were; an unknown
# pattern names the ones there are. Usage: run-new.sh FORMC SRCDIR. TAP.
set -u
formc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$2" || exit 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
patterns=$(ls patterns/*.yaml)
echo "1..$(($(printf '%s\n' $patterns | wc -l) + 4))"
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
    n=$((n + 1)); echo "not ok $n - $1"
    printf '%s\n' "$2" | sed 's/^/# /'
    failed=$((failed + 1))
}
for p in $patterns; do
    name=$(basename "$p" .yaml)
    form="$tmp/my-$name.yaml"
    if out=$("$formc" new --pattern "$name" --dir "$tmp" --patterns patterns \
                 "my-$name" 2>&1) &&
        out=$("$formc" check --strict --patterns patterns "$form" 2>&1) &&
        [ -z "$out" ] &&
        out=$("$formc" test --strict --patterns patterns "$form" 2>&1); then
        ok "$name: the starter checks clean and passes its scenarios"
    else
        not_ok "$name" "$out"
    fi
done
mkdir "$tmp/apart" "$tmp/apart/scenarios"
if out=$("$formc" new --pattern report-something --dir "$tmp/apart" \
             --patterns patterns kept-apart 2>&1) &&
    [ -f "$tmp/apart/scenarios/kept-apart.test.yaml" ] &&
    [ ! -e "$tmp/apart/kept-apart.test.yaml" ] &&
    out=$("$formc" test --patterns patterns "$tmp/apart/kept-apart.yaml" 2>&1)
then
    ok "a directory with scenarios/ gets the new scenarios there"
else
    not_ok "scenarios/ beside the form" "$out"
fi
name=$(basename "$(printf '%s\n' $patterns | head -1)" .yaml)
before=$(cat "$tmp/my-$name.yaml" "$tmp/my-$name.test.yaml")
out=$("$formc" new --pattern "$name" --dir "$tmp" --patterns patterns \
          "my-$name" 2>&1)
status=$?
if [ "$status" -eq 2 ] && printf '%s' "$out" | grep -q "does not overwrite" &&
    [ "$before" = "$(cat "$tmp/my-$name.yaml" "$tmp/my-$name.test.yaml")" ]; then
    ok "a second formc new of one name overwrites nothing"
else
    not_ok "second formc new (exit $status)" "$out"
fi
out=$("$formc" new --pattern book-somthing --dir "$tmp" --patterns patterns \
          other 2>&1)
status=$?
if [ "$status" -eq 2 ] && printf '%s' "$out" | grep -q "book-something" &&
    [ ! -e "$tmp/other.yaml" ]; then
    ok "an unknown pattern names the patterns and writes nothing"
else
    not_ok "unknown pattern (exit $status)" "$out"
fi
# Outside the project (no patterns/ beside the forms, none installed),
# the message says where it looked and how to name the library.
mkdir "$tmp/outside"
out=$(cd "$tmp/outside" && "$formc" new --pattern report-something \
          --dir . lost 2>&1)
status=$?
if [ "$status" -eq 0 ] ||
    { [ "$status" -eq 2 ] &&
      printf '%s' "$out" | grep -q "no pattern library in ./patterns, ./../patterns" &&
      printf '%s' "$out" | grep -q -- "--patterns DIR" &&
      [ ! -e "$tmp/outside/lost.yaml" ]; }; then
    ok "without a pattern library the message says where it looked"
else
    not_ok "no pattern library (exit $status)" "$out"
fi
[ "$failed" -eq 0 ]
