#!/bin/sh
# SPDX-License-Identifier: MIT
# formc's command line: help, version, exit statuses (0 clean, 1 form
# errors, 2 usage or I/O) and JSON diagnostics. TAP.
# usage: run-cli.sh FORMC SRCDIR
set -u
formc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$2" || exit 2
out=$(mktemp)
n=0
failed=0
echo "1..9"
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
rm -f "$out"
[ "$failed" -eq 0 ]
