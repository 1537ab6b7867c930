#!/bin/sh
# SPDX-License-Identifier: MIT
# The C formc generates for every form in forms/ and examples/ (and the
# validator cases) compiles with -std=c11 -Wall -Wextra -Wconversion
# -Werror -pedantic, with each C compiler installed (gcc, clang), against
# the runtime's public headers only. TAP, one test per form and compiler.
#   generated-code.sh FORMC SRCDIR
set -eu
formc=$1 src=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
compilers=""
for c in gcc clang; do
    command -v "$c" >/dev/null && compilers="$compilers $c"
done
forms=$(ls "$src"/examples/*.yaml "$src"/forms/*.yaml \
    "$src"/tests/validators/validator-cases.yaml)
n=0
for f in $forms; do
    for c in $compilers; do
        n=$((n + 1))
    done
done
echo "1..$n"
i=0
status=0
for f in $forms; do
    stem=$(basename "$f" .yaml)
    mkdir -p "$out/$stem"
    if ! "$formc" build "$f" -o "$out/$stem" 2>"$out/$stem.log"; then
        cat "$out/$stem.log" >&2
    fi
    for c in $compilers; do
        i=$((i + 1))
        if "$c" -std=c11 -Wall -Wextra -Wconversion -Werror -pedantic \
            -I "$src/runtime/include" -c "$out/$stem/$stem.c" \
            -o "$out/$stem/$stem.$c.o" 2>"$out/$stem.$c.log"; then
            echo "ok $i - $stem with $c"
        else
            sed 's/^/# /' "$out/$stem.$c.log"
            echo "not ok $i - $stem with $c"
            status=1
        fi
    done
done
exit $status
