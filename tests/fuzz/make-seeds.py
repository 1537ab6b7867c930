#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the seed corpora of tests/fuzz/corpus/ from the repository:
every form and example, the small cases of the bad corpus, the `when:`
conditions the forms use, and the requests a resident's browser sends
walking each form (the sample journey `formc build --html` records in
journey.json), as bodies, session records, stored payloads and page
posts. Hand-written seeds (names starting "hand-") are kept.

    tests/fuzz/make-seeds.py build/compiler/formc
"""
import glob
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(ROOT, "tests", "fuzz", "corpus")
TOKEN_A = "0123456789abcdef0123456789abcdef"
TOKEN_B = "fedcba9876543210fedcba9876543210"


def write(target, name, data):
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def clear_generated(target):
    for p in glob.glob(os.path.join(CORPUS, target, "*")):
        if not os.path.basename(p).startswith("hand-"):
            os.remove(p)


def short(data):
    return hashlib.sha1(data.encode()).hexdigest()[:10]


def forms():
    """The forms in the server's registry order (forms/meson.build)."""
    return sorted(glob.glob(os.path.join(ROOT, "examples", "*.yaml"))) + \
        sorted(glob.glob(os.path.join(ROOT, "forms", "*.yaml")))


def main(formc):
    for t in ("formc", "cond", "formdata", "session", "json", "validators"):
        clear_generated(t)
    for f in forms() + [os.path.join(ROOT, "tests", "validators",
                                     "validator-cases.yaml")]:
        write("formc", os.path.basename(f), open(f, "rb").read())
    for f in sorted(glob.glob(os.path.join(ROOT, "tests", "compiler", "bad", "*.yaml"))):
        if os.path.getsize(f) <= 4096:
            write("formc", "bad-" + os.path.basename(f), open(f, "rb").read())

    conds = set()
    for f in forms():
        for m in re.finditer(r"when:\s*(.+?)\s*(?:,\s*\w+:|\}|$)",
                             open(f, encoding="utf-8").read(), re.M):
            conds.add(m.group(1))
    for c in sorted(conds):
        write("cond", "when-" + short(c), c)

    registry = forms()
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([formc, "build", *registry, "-o", tmp + "/c",
                        "--html", tmp + "/html", "--today", "2025-06-15"],
                       check=True, cwd=ROOT)
        for index, f in enumerate(registry):
            slug = os.path.splitext(os.path.basename(f))[0]
            journey = json.load(open(os.path.join(tmp, "html", slug, "journey.json")))
            pages = [p["id"] for p in journey["pages"]]
            record = [("csrf", TOKEN_A), ("form", slug), ("pos", pages[0]),
                      ("tok", TOKEN_B), ("done", "")]
            answers = []
            for page in journey["pages"]:
                page["fields"] = [tuple(p) for p in page["fields"]]
                body = urllib.parse.urlencode([("csrf", TOKEN_A)] + page["fields"])
                name = f"{slug}-{page['id']}"
                write("formdata", name, body)
                post = bytes([index, pages.index(page["id"]), 0]) + \
                    urllib.parse.urlencode(page["fields"]).encode()
                write("validators", name, post)
                record.append(("seen", page["id"]))
                answers += page["fields"]
            record += [("a." + n, v) for n, v in answers]
            write("session", slug, TOKEN_A + "\n" + urllib.parse.urlencode(record))
            payload = {}
            for n, v in answers:
                payload.setdefault(n, []).append(v)
            write("json", slug, json.dumps({n: v[0] if len(v) == 1 else v
                                            for n, v in payload.items()}))


if __name__ == "__main__":
    main(os.path.abspath(sys.argv[1]))
