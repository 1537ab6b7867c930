#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Lists the files run-clang-tidy.sh must look at: every file of
compiler/, runtime/ and common/ in the compilation database, less those
whose preprocessed text (so every header they include), compile command,
.clang-tidy and clang-tidy version are those of a run that found nothing
(a stamp under CACHE). With --record, stamps the files given on stdin.

    tidy-select.py SRCDIR BUILDDIR CACHE TIDY [--record]
"""
import hashlib
import json
import os
import shlex
import subprocess
import sys

src, build, cache, tidy = sys.argv[1:5]
record = "--record" in sys.argv[5:]
src = os.path.realpath(src)
config = open(os.path.join(src, ".clang-tidy"), "rb").read()
version = subprocess.run([tidy, "--version"], capture_output=True).stdout


def key(entry):
    """The stamp of one entry: what clang-tidy's verdict depends on."""
    args = shlex.split(entry["command"])
    pre, skip = [], False
    for a in args:
        if skip:
            skip = False
        elif a in ("-o", "-MQ", "-MF"):
            skip = True
        elif a not in ("-MD", "-c"):
            pre.append(a)
    text = subprocess.run(pre + ["-E", "-P"], cwd=entry["directory"],
                          capture_output=True).stdout
    h = hashlib.sha256()
    for part in (config, version, entry["command"].encode(), text):
        h.update(hashlib.sha256(part).digest())
    return h.hexdigest()


entries = {}
for e in json.load(open(os.path.join(build, "compile_commands.json"))):
    f = os.path.realpath(os.path.join(e["directory"], e["file"]))
    if os.path.relpath(f, src).split(os.sep)[0] in ("compiler", "runtime", "common"):
        entries.setdefault(f, e)

os.makedirs(cache, exist_ok=True)
if record:
    for f in sys.stdin.read().split():
        with open(os.path.join(cache, key(entries[f])), "w") as out:
            out.write(f + "\n")
else:
    for f, e in sorted(entries.items()):
        if not os.path.exists(os.path.join(cache, key(e))):
            print(f)
