#!/bin/sh
# SPDX-License-Identifier: MIT
# Instructions per validation of validate-bench, counted by callgrind: each
# set is run with --iterations 0 (setup and the answer checks only) and
# with --iterations N, and the difference is divided by N. Repeatable on a
# busy machine, unlike validations/s. See bench/README.md.
# usage: bench/count-instructions.sh VALIDATE-BENCH [N [VALIDATOR]]
#   (default N 20000; VALIDATOR table, or hand for the hand-written ceiling)
set -eu
bench=${1:?usage: count-instructions.sh VALIDATE-BENCH [N]}
n=${2:-20000}
validator=${3:-table}
if ! command -v valgrind >/dev/null; then
    echo "valgrind is not installed" >&2
    exit 2
fi

# Prints the instructions callgrind collected for one run.
count() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        "$bench" --validator "$validator" --set "$1" --iterations "$2" 2>&1 >/dev/null |
        sed -n 's/^==[0-9]*== Collected : \([0-9]*\)$/\1/p'
}

for set in valid invalid; do
    base=$(count "$set" 0)
    total=$(count "$set" "$n")
    echo "$validator $set $(( (total - base) / n )) instructions per validation" \
         "($n validations, $total - $base instructions)"
done
