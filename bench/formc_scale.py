#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""formc's cost growth (issue 16; figures in bench/README.md): writes
synthetic forms (synthetic_form.py) of 50, 500 and 5,000 questions, runs
`formc check` and `formc build` on each, and compiles the generated C of
each with the C compiler at -O2. Prints, per size, the median over --runs
of the CPU time (user + system) each step took, which time-slicing on a
shared machine does not inflate, the wall time beside it, and the growth
from one size to the next against linear.

usage: formc_scale.py FORMC [--cc CC] [--sizes 50,500,5000] [--runs 3]
Exit 0 done, 1 a step failed, 2 usage error.
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import synthetic_form  # noqa: E402

INCLUDE = os.path.join(HERE, os.pardir, "runtime", "include")


def timed(cmd):
    """Runs cmd; returns (cpu seconds, wall seconds), or exits on failure."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    res = subprocess.run(cmd, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, check=False)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if res.returncode != 0:
        sys.stderr.write(f"formc_scale: {' '.join(cmd)} failed "
                         f"({res.returncode}):\n{res.stderr.decode()}")
        sys.exit(1)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime -
                                                before.ru_stime)
    return cpu, wall


def median_of(cmd, runs):
    cpus, walls = zip(*(timed(cmd) for _ in range(runs)))
    return statistics.median(cpus), statistics.median(walls)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("formc")
    ap.add_argument("--cc", default=os.environ.get("CC", "cc"))
    ap.add_argument("--sizes", default="50,500,5000")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    try:
        sizes = [int(s) for s in args.sizes.split(",")]
    except ValueError:
        ap.error("--sizes takes whole numbers separated by commas")
    if args.runs < 1 or any(n < 1 for n in sizes):
        ap.error("--runs and --sizes must be at least 1")

    rows = []
    with tempfile.TemporaryDirectory(prefix="formc-scale-") as tmp:
        for n in sizes:
            src = os.path.join(tmp, f"synthetic-{n}.yaml")
            out = os.path.join(tmp, f"out-{n}")
            os.mkdir(out)
            with open(src, "w", encoding="utf-8") as f:
                f.write(synthetic_form.form(n))
            check = median_of([args.formc, "check", src], args.runs)
            build = median_of([args.formc, "build", src, "-o", out],
                              args.runs)
            c_file = os.path.join(out, f"synthetic-{n}.c")
            cc = median_of([args.cc, "-std=c11", "-O2", "-Wall", "-Wextra",
                            "-I", INCLUDE, "-I", out, "-c", c_file, "-o",
                            os.path.join(out, "form.o")], args.runs)
            rows.append((n, os.path.getsize(src), os.path.getsize(c_file),
                         check, build, cc))

    print(f"{'questions':>9} {'yaml KB':>8} {'C KB':>8} "
          f"{'check ms':>16} {'build ms':>16} {'cc -O2 ms':>18}")
    print(f"{'':>9} {'':>8} {'':>8} {'cpu (wall)':>16} {'cpu (wall)':>16} "
          f"{'cpu (wall)':>18}")
    for n, ysize, csize, check, build, cc in rows:
        cols = [f"{c * 1000:7.1f} ({w * 1000:6.1f})" for c, w in
                (check, build, cc)]
        print(f"{n:9d} {ysize / 1024:8.0f} {csize / 1024:8.0f} "
              f"{cols[0]:>16} {cols[1]:>16} {cols[2]:>18}")
    for (n0, _, _, c0, b0, k0), (n1, _, _, c1, b1, k1) in zip(rows, rows[1:]):
        def growth(a, b):
            return f"{b[0] / a[0]:.1f}x" if a[0] > 0 else "n/a"
        print(f"{n0} -> {n1} questions ({n1 / n0:.0f}x): check "
              f"{growth(c0, c1)}, build {growth(b0, b1)}, "
              f"cc {growth(k0, k1)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
