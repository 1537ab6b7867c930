#!/bin/sh
# SPDX-License-Identifier: MIT
# The submission payload schemas of the real council services are published
# in schemas/forms/ (JSON Schema and XSD, one pair per form) for back-office
# teams. This test rebuilds them with formc and fails when the published
# copies are out of date; UPDATE_EXPECTED=1 rewrites them (review in git).
# usage: run-payload-schemas.sh FORMC SRCDIR
set -eu
formc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$2"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$formc" build forms/*.yaml -o "$tmp"
mkdir -p "$tmp/schemas"
mv "$tmp"/*.schema.json "$tmp"/*.xsd "$tmp/schemas/"
if [ "${UPDATE_EXPECTED:-0}" = 1 ]; then
    rm -rf schemas/forms
    cp -R "$tmp/schemas" schemas/forms
    echo "payload schemas: rewrote schemas/forms"
    exit 0
fi
if diff -ru schemas/forms "$tmp/schemas"; then
    echo "payload schemas: schemas/forms is up to date"
else
    echo "payload schemas: schemas/forms is out of date;" \
         "run with UPDATE_EXPECTED=1 and commit" >&2
    exit 1
fi
