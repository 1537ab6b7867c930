#!/bin/sh
# SPDX-License-Identifier: MIT
# Every static page `formc build --html` writes for the forms in examples/
# and forms/ passes fb-htmlcheck: it parses cleanly, and every label for,
# aria-describedby and error-summary link points at an element that exists.
# usage: run-html.sh FORMC HTMLCHECK SRCDIR
set -eu
formc=$1
htmlcheck=$2
src=$3
# meson passes programs relative to the build directory: make them absolute
# before leaving it.
abspath() { (cd "$(dirname "$1")" && printf '%s/%s\n' "$(pwd)" "$(basename "$1")"); }
formc=$(abspath "$formc")
htmlcheck=$(abspath "$htmlcheck")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$src"
"$formc" build examples/*.yaml forms/*.yaml -o "$tmp/c" --html "$tmp/html"
pages=$(find "$tmp/html" -name '*.html' | sort)
n=$(printf '%s\n' "$pages" | grep -c . || true)
if [ "$n" -eq 0 ]; then
    echo "static-pages: formc wrote no pages" >&2
    exit 1
fi
# shellcheck disable=SC2086 # one argument per page; paths have no spaces
"$htmlcheck" $pages
echo "static-pages: $n pages pass"
