#!/bin/sh
# SPDX-License-Identifier: MIT
# formc's command line: help, version, exit statuses (0 clean, 1 form
# errors, 2 usage or I/O), JSON diagnostics, `formc patterns`, `formc
# expand` and --patterns. TAP.
# usage: run-cli.sh FORMC SRCDIR
set -u
formc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$2" || exit 2
out=$(mktemp)
n=0
failed=0
echo "1..41"
# expect NAME STATUS COMMAND...: runs COMMAND, wants exit STATUS.
expect() {
    name=$1 want=$2
    shift 2
    n=$((n + 1))
    "$@" >"$out" 2>&1
    got=$?
    if [ "$got" -eq "$want" ]; then
        echo "ok $n - $name"
    else
        echo "not ok $n - $name: exit $got, want $want"
        sed 's/^/# /' "$out"
        failed=$((failed + 1))
    fi
}
grep_out() {
    n=$((n + 1))
    if grep -q "$2" "$out"; then
        echo "ok $n - $1"
    else
        echo "not ok $n - $1: output lacks '$2'"
        failed=$((failed + 1))
    fi
}
expect "--help exits 0" 0 "$formc" --help
grep_out "--help lists the commands" "formc check"
expect "--version exits 0" 0 "$formc" --version
grep_out "--version prints the version" "^formc [0-9]"
expect "no command is a usage error" 2 "$formc"
expect "a missing file is an I/O error" 2 "$formc" check no/such/form.yaml
expect "a clean form exits 0" 0 "$formc" check forms/report-streetlight.yaml
expect "a bad form exits 1" 1 "$formc" check tests/compiler/bad/model-unknown-type.yaml
n=$((n + 1))
if "$formc" check --diagnostics=json tests/compiler/bad/model-unknown-type.yaml |
    python3 -c 'import json, sys
d = json.load(sys.stdin)
assert d["errors"] == 1, d
e = d["diagnostics"][0]
assert e["id"] == "unknown-type" and e["line"] > 0 and e["column"] > 0, e'
then
    echo "ok $n - --diagnostics=json gives id, line and column"
else
    echo "not ok $n - --diagnostics=json"
    failed=$((failed + 1))
fi
# grep_not NAME TEXT: the last output must not contain TEXT.
grep_not() {
    n=$((n + 1))
    if grep -q "$2" "$out"; then
        echo "not ok $n - $1: output has '$2'"
        failed=$((failed + 1))
    else
        echo "ok $n - $1"
    fi
}

# formc patterns: the library, each with its parameters.
expect "patterns lists the library" 0 "$formc" patterns
grep_out "patterns lists book-something" "^book-something (.*patterns/book-something.yaml)"
grep_out "patterns lists report-something" "^report-something "
grep_out "patterns gives a parameter's type and default" \
    "retention_days *number *default \"365\": days a report is kept"
grep_out "patterns marks a required parameter" "thing *text *required: what is booked"
# --patterns DIR is looked in first: a test pattern is listed with them.
expect "patterns --patterns DIR" 0 "$formc" patterns --patterns tests/compiler/expand/patterns
grep_out "--patterns adds its patterns" "^journey (tests/compiler/expand/patterns/journey.yaml)"
expect "patterns with a bad pattern file exits 1" 1 "$formc" patterns --patterns tests/compiler/bad/patterns
grep_out "patterns says what is wrong in it" "no-slot.yaml:3:1: error: a pattern's pages need one"
grep_out "patterns still lists the good ones" "^report-test (tests/compiler/bad/patterns/report-test.yaml)"
expect "patterns with a bad option is a usage error" 2 "$formc" patterns --strict
expect "--patterns without a directory is a usage error" 2 "$formc" check --patterns

# docs/patterns.md documents every parameter of every library pattern,
# with its type: the doc's tables cannot drift from the files.
"$formc" patterns > "$out" 2>&1
n=$((n + 1))
missing=$(awk '$2 ~ /^(text|number|duration|date|list|booking)$/ { print $1 " " $2 }' "$out" |
    while read -r name type; do
        grep -q "^| \`$name\` | $type |" docs/patterns.md || echo "$name ($type)"
    done)
if [ -z "$missing" ]; then
    echo "ok $n - docs/patterns.md documents every parameter"
else
    echo "not ok $n - docs/patterns.md lacks parameters:" $missing
    failed=$((failed + 1))
fi

# formc expand: YAML on stdout, with the pattern's pages and the form's.
expect "expand prints the expanded form" 0 "$formc" expand forms/report-streetlight.yaml
grep_out "expand records the pattern" "^expanded_from: report-something$"
grep_out "expand puts the form's pages in" "^  - id: problem$"
grep_out "expand fills in parameters" "^    en: We aim to fix faults within 5 working days"
grep_not "expand leaves out what the form removed" "id: noticed"
grep_not "expand leaves no pattern keys" "^with:\|^replace:\|^remove:\|^pattern:"
expect "expand of a bilingual form" 0 "$formc" expand tests/compiler/translations/pattern-report.yaml
grep_out "expand places a parameter's Welsh in the pattern's Welsh" "cy: \"Dewiswch leoliad y twll yn y ffordd\""
grep_out "and its English in the English" "en: \"Select where the pothole is\""
expect "translations without a form exits 2" 2 "$formc" translations
expect "translations --format other than po or csv exits 2" 2 "$formc" translations forms/report-streetlight.yaml --format xml
expect "translations --merge of a file neither .po nor .csv exits 2" 2 "$formc" translations forms/report-streetlight.yaml --merge README.md
expect "translations of a form with errors exits 1" 1 "$formc" translations tests/compiler/bad/model-unknown-type.yaml
expect "expand of a form using an unknown pattern exits 1" 1 "$formc" expand tests/compiler/bad/pattern-unknown.yaml
grep_out "expand reports why" "unknown pattern 'report-tset'"
expect "expand needs one form" 2 "$formc" expand
expect "expand of a missing file is an I/O error" 2 "$formc" expand no/such/form.yaml
# A form outside the tree finds its pattern with --patterns only.
cp tests/compiler/expand/expand-defaults.yaml "$out.yaml"
expect "a pattern not beside the form is not found" 1 "$formc" check "$out.yaml"
expect "--patterns finds it" 0 "$formc" check --patterns tests/compiler/expand/patterns "$out.yaml"
rm -f "$out" "$out.yaml"
[ "$failed" -eq 0 ]
