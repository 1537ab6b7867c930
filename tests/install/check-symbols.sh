#!/bin/sh
# SPDX-License-Identifier: MIT
# The shared libfbrt must export only fb_ names (runtime/lib/libfbrt.map):
# lists every other exported symbol and fails, ignoring the few the linker
# adds itself. Fails too if no fb_ symbol is exported at all.
# usage: check-symbols.sh LIBFBRT.so
set -u
lib=$1
if ! command -v nm >/dev/null 2>&1; then
    echo "nm not found: skipped"
    exit 77
fi
syms=$(nm -D --defined-only "$lib") || {
    echo "nm -D failed on $lib" >&2
    exit 1
}
# Last field is the name; a versioned name reads NAME@@VERSION.
names=$(printf '%s\n' "$syms" |
    awk 'NF >= 2 { sub(/@.*/, "", $NF); print $NF }')
bad=$(printf '%s\n' "$names" | grep -v -x -e 'fb_.*' -e '_init' -e '_fini' \
    -e '_edata' -e '_end' -e '__bss_start' -e '')
if [ -n "$bad" ]; then
    echo "$lib exports symbols without the fb_ prefix:" >&2
    printf '%s\n' "$bad" | sed 's/^/  /' >&2
    exit 1
fi
if ! printf '%s\n' "$names" | grep -q '^fb_'; then
    echo "$lib exports no fb_ symbol at all" >&2
    exit 1
fi
echo "$(printf '%s\n' "$names" | grep -c '^fb_') fb_ symbols, nothing else"
