#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Makes plain `ninja` reconfigure when a form file is added or removed.

Meson reads the lists of forms, shared lists and patterns once, at
configure time (forms/meson.build), and has no way to depend on a
directory's contents. Run as a post-configure script, this adds one edge
to build.ninja: meson-private/form-files.list holds the sorted names of
the YAML files in those directories, is rewritten only when they differ
(ninja's restat), and build.ninja depends on it, so ninja regenerates the
build exactly when the set of files changes, never on an edit.

Also run by that edge: `watch-form-dirs.py --list SRCDIR OUT`.
"""
import glob
import os
import sys

# The directories forms/meson.build globs, relative to the source root.
DIRS = ["forms", "forms/lists", "examples", "examples/lists", "patterns",
        "patterns/holidays"]


def listing(src):
    names = []
    for d in DIRS:
        names += sorted(os.path.relpath(p, src)
                        for p in glob.glob(os.path.join(src, d, "*.yaml")))
    return "".join(n + "\n" for n in names)


def write_list(src, out):
    text = listing(src)
    try:
        with open(out, encoding="utf-8") as f:
            if f.read() == text:
                return          # unchanged: ninja's restat keeps the build
    except FileNotFoundError:
        pass
    with open(out + ".tmp", "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(out + ".tmp", out)


def add_edge(src, build):
    ninja = os.path.join(build, "build.ninja")
    with open(ninja, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if any(l.startswith("rule FORM_FILES_LIST") for l in lines):
        return
    out = "meson-private/form-files.list"
    write_list(src, os.path.join(build, out))
    me = os.path.abspath(__file__)
    dirs = " ".join(os.path.relpath(os.path.join(src, d), build)
                    for d in DIRS if os.path.isdir(os.path.join(src, d)))
    for i, line in enumerate(lines):
        if line.startswith("build build.ninja: REGENERATE_BUILD "):
            lines[i] = line + " " + out
            break
    else:
        sys.exit("watch-form-dirs.py: no regeneration rule in build.ninja")
    lines += [
        "# Added by tools/watch-form-dirs.py: the set of form files.",
        "rule FORM_FILES_LIST",
        f" command = {sys.executable} {me} --list {src} $out",
        " description = Listing form files",
        " restat = 1",
        "",
        f"build {out}: FORM_FILES_LIST {dirs}",
        "",
    ]
    with open(ninja + ".tmp", "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    os.replace(ninja + ".tmp", ninja)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--list":
        write_list(sys.argv[2], sys.argv[3])
    else:
        add_edge(os.environ["MESON_SOURCE_ROOT"], os.environ["MESON_BUILD_ROOT"])
