#!/bin/sh
# SPDX-License-Identifier: MIT
# The submission payload schemas of the real council services are published
# in schemas/forms/ (JSON Schema and XSD, one pair per form) for back-office
# teams. This test rebuilds them with formc and fails when a published copy
# is out of date, or is left over from a form that is gone. A form not
# published yet is only noted: new forms do not fail CI for being new.
# UPDATE_EXPECTED=1 (or `./scripts/dev publish-schemas`) publishes every
# form's schemas, new ones included (review in git).
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
    echo "payload schemas: published every form's in schemas/forms"
    exit 0
fi
status=0
for built in "$tmp"/schemas/*; do
    name=$(basename "$built")
    if [ ! -e "schemas/forms/$name" ]; then
        echo "payload schemas: notice: $name is not published yet;" \
             "publish it with ./scripts/dev publish-schemas"
    elif ! diff -u "schemas/forms/$name" "$built"; then
        echo "payload schemas: schemas/forms/$name is out of date;" \
             "run ./scripts/dev publish-schemas and commit" >&2
        status=1
    fi
done
for published in schemas/forms/*; do
    [ -e "$published" ] || continue
    if [ ! -e "$tmp/schemas/$(basename "$published")" ]; then
        echo "payload schemas: $published has no form in forms/ any more;" \
             "remove it (./scripts/dev publish-schemas does)" >&2
        status=1
    fi
done
[ "$status" = 0 ] && echo "payload schemas: the published ones are up to date"
exit "$status"
