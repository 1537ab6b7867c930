#!/bin/sh
# SPDX-License-Identifier: MIT
# cppcheck over the project's own C (compiler/, runtime/, common/; tests/
# are not included), with the options below as the checked-in
# configuration: warnings, performance and portability, C11, the
# project's include folders, inline suppressions (each one says why next
# to it).
#   run-cppcheck.sh SRCDIR BUILDDIR
# Exit 0 only when cppcheck reports nothing; 77 (skipped) without it.
set -eu
src=$1 build=$2
if ! command -v cppcheck >/dev/null; then
    echo "cppcheck not installed"
    exit 77
fi
cd "$src"
cppcheck --quiet --std=c11 --enable=warning,performance,portability \
    --inline-suppr --error-exitcode=1 -j 2 \
    -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
    -I runtime/include -I common -I runtime/server -I compiler -I "$build" \
    --template='{file}:{line}:{column}: {severity}: {message} [{id}]' \
    compiler runtime/lib runtime/server common
echo "cppcheck: clean"
