#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs a program under valgrind's memcheck so that any memory error or
# definite leak fails it (exit 86; not 99, which meson takes
# for a broken test whatever should_fail says):
#   memcheck.sh PROGRAM [ARGS...]
# or, as the server the integration harness starts (it runs its "exe"
# with the server's arguments), with the program in FBT_MEMCHECK_PROGRAM.
# Each run's report goes to stderr, or to FBT_MEMCHECK_LOG when set (the
# server's stderr is its log). Exit 77 (skipped) without valgrind.
set -eu
if ! command -v valgrind >/dev/null; then
    echo "valgrind not installed" >&2
    exit 77
fi
if [ -n "${FBT_MEMCHECK_PROGRAM:-}" ]; then
    set -- "$FBT_MEMCHECK_PROGRAM" "$@"
fi
set -- --tool=memcheck --error-exitcode=86 --leak-check=full \
    --errors-for-leak-kinds=definite --show-leak-kinds=definite \
    --track-fds=no --num-callers=30 "$@"
if [ -n "${FBT_MEMCHECK_LOG:-}" ]; then
    set -- --log-file="$FBT_MEMCHECK_LOG.%p" "$@"
fi
exec valgrind "$@"
