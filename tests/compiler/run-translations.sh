#!/bin/sh
# SPDX-License-Identifier: MIT
# The translations workflow (docs/welsh.md) end to end, on
# tests/compiler/translations/report-a-pothole.yaml, a bilingual form
# written in English only: export PO and CSV (compared with expected/),
# merge the translator's PO and then CSV into the sidecar, check the form
# complete and build it with its Welsh; bad merge files change nothing.
# Also: every pattern's texts have Welsh (pattern-*.yaml check clean).
# usage: run-translations.sh FORMC SRCDIR (UPDATE_EXPECTED=1 rewrites
# expected/). TAP.
set -u
formc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$2/tests/compiler/translations
cd "$dir" || exit 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/out
n=0
failed=0
echo "1..22"
ok() {
    n=$((n + 1))
    echo "ok $n - $1"
}
not_ok() {
    n=$((n + 1))
    echo "not ok $n - $1"
    sed 's/^/# /' "$out"
    failed=$((failed + 1))
}
# expect NAME STATUS COMMAND...: runs COMMAND (stdout and stderr to $out).
expect() {
    name=$1 want=$2
    shift 2
    "$@" >"$out" 2>&1
    got=$?
    if [ "$got" -eq "$want" ]; then ok "$name"; else not_ok "$name: exit $got, want $want"; fi
}
# same NAME EXPECTED ACTUAL: the files are equal (or EXPECTED is rewritten).
same() {
    [ "${UPDATE_EXPECTED:-0}" = 1 ] && cp "$3" "$2"
    if cmp -s "$2" "$3"; then ok "$1"; else diff -u "$2" "$3" >"$out"; not_ok "$1"; fi
}
has() {
    if grep -q -- "$2" "$out"; then ok "$1"; else not_ok "$1: no '$2'"; fi
}
count() {
    got=$(grep -c -- "$2" "$out")
    if [ "$got" -eq "$3" ]; then ok "$1"; else not_ok "$1: $got, want $3"; fi
}

form=report-a-pothole.yaml
expect "an English-only text of a bilingual form is an error" 1 "$formc" check "$form"
count "each text without Welsh is reported" "error: text '.*' has no Welsh" 19
expect "--allow-missing-translations makes them warnings" 0 "$formc" check --allow-missing-translations "$form"

"$formc" translations "$form" > "$tmp/export.po" 2>"$out"
same "PO export: ids, source lines, English" expected/report-a-pothole.po "$tmp/export.po"
"$formc" translations "$form" --format csv > "$tmp/export.csv" 2>"$out"
same "CSV export: id,source,en,cy" expected/report-a-pothole.csv "$tmp/export.csv"

# The council's copy of the form, to merge the translations into.
cp "$form" "$tmp/"
cd "$tmp" || exit 2
expect "merging the translator's PO writes the sidecar" 0 "$formc" translations "$form" --merge "$dir/report-a-pothole.po"
has "the merge says what it wrote" "wrote 18 Welsh texts to report-a-pothole.cy.yaml"
expect "a fuzzy PO entry is not taken" 1 "$formc" check "$form"
count "only the fuzzy text is still missing" "error: text 'confirmation.body' has no Welsh" 1
expect "merging a CSV adds to the sidecar" 0 "$formc" translations "$form" --merge "$dir/report-a-pothole.csv"
expect "the translated form checks clean" 0 "$formc" check --strict "$form"
if [ -s "$out" ]; then not_ok "and without warnings"; else ok "and without warnings"; fi
same "the sidecar holds each Welsh text by id" "$dir/expected/report-a-pothole.cy.yaml" report-a-pothole.cy.yaml

cp report-a-pothole.cy.yaml before.cy.yaml
"$formc" translations "$form" > again.po 2>"$out"
expect "exporting and merging again changes nothing" 0 "$formc" translations "$form" --merge again.po
same "the sidecar after a second round trip" before.cy.yaml report-a-pothole.cy.yaml

expect "a merge file naming no text is refused" 1 "$formc" translations "$form" --merge "$dir/unknown-id.csv"
has "with the nearest id" "no text 'question.stret.label' (did you mean 'question.street.label'?)"
expect "a PO file that does not parse is refused" 1 "$formc" translations "$form" --merge "$dir/bad.po"
same "a refused merge leaves the sidecar as it was" before.cy.yaml report-a-pothole.cy.yaml

mkdir built
expect "the form builds with its Welsh" 0 "$formc" build "$form" -o built
if grep -q 'Rhoi gwybod am dwll yn y ffordd' built/report-a-pothole.c &&
   grep -q '\.languages = 0x3u' built/report-a-pothole.c; then
    ok "the descriptors carry the Welsh and the languages"
else
    not_ok "the descriptors carry the Welsh and the languages"
fi
cd "$dir" || exit 2

for p in pattern-*.yaml; do
    "$formc" check --strict "$p" >>"$tmp/patterns" 2>&1 || echo "$p" >>"$tmp/patterns-failed"
done
cp "$tmp/patterns" "$out"
if [ ! -e "$tmp/patterns-failed" ]; then ok "every pattern's texts have Welsh"; else not_ok "every pattern's texts have Welsh"; fi
[ "$failed" -eq 0 ]
