#!/bin/sh
# SPDX-License-Identifier: MIT
# Installs the build into a temporary DESTDIR, then builds the back-office
# example (examples/standalone-validator) from the installed copy alone:
# the installed formc generates the form's C, the program is compiled with
# `pkg-config --cflags --libs formbuilder` and run on the samples, with the
# installed libfbrt.so, by the example's own run-example.sh. Fails if
# formc, a header, the library or formbuilder.pc is missing; skips (77)
# only when pkg-config is.
#
# The pattern library is installed too, and the installed formc builds a
# form on a pattern from it.
#
# usage: run-installed.sh BUILDDIR BINDIR LIBDIR FORM.yaml PROGRAM.c EXAMPLEDIR
# BINDIR and LIBDIR are absolute (prefix included). Environment: MESON,
# CC (the compiler meson uses), SANITIZE (the b_sanitize value, or none),
# PATTERNS_DIR (where the pattern library is installed, prefix included).
set -u
if ! command -v pkg-config >/dev/null 2>&1; then
    echo "pkg-config not found: skipped"
    exit 77
fi
build=$1 bindir=$2 libdir=$3 form=$4 program=$5 example=$6
: "${MESON:=meson}" "${CC:=cc}" "${SANITIZE:=none}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dest=$tmp/dest
fail() {
    echo "run-installed: $*" >&2
    exit 1
}

$MESON install -C "$build" --no-rebuild --destdir "$dest" \
    >"$tmp/install.log" 2>&1 || {
    cat "$tmp/install.log" >&2
    fail "meson install failed"
}

formc=$dest$bindir/formc
[ -x "$formc" ] || fail "formc not installed ($formc)"
[ -f "$dest$libdir/libfbrt.so" ] ||
    fail "libfbrt.so not installed in $dest$libdir"
pcdir=$dest$libdir/pkgconfig
[ -f "$pcdir/formbuilder.pc" ] || fail "formbuilder.pc not installed in $pcdir"

# Paths in formbuilder.pc are the real prefix: the sysroot puts them back
# under DESTDIR. The system's .pc files (libpcre2-8) stay on the path.
PKG_CONFIG_PATH=$pcdir${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}
PKG_CONFIG_SYSROOT_DIR=$dest
# Keep -I/usr/include and -L/usr/lib should the prefix be /usr.
PKG_CONFIG_ALLOW_SYSTEM_CFLAGS=1
PKG_CONFIG_ALLOW_SYSTEM_LIBS=1
export PKG_CONFIG_PATH PKG_CONFIG_SYSROOT_DIR PKG_CONFIG_ALLOW_SYSTEM_CFLAGS \
    PKG_CONFIG_ALLOW_SYSTEM_LIBS
cflags=$(pkg-config --cflags formbuilder) || fail "pkg-config --cflags failed"
libs=$(pkg-config --libs formbuilder) || fail "pkg-config --libs failed"
case $cflags in *"$dest"*) ;; *) fail "--cflags not in DESTDIR: $cflags" ;; esac
case $libs in *"$dest"*) ;; *) fail "--libs not in DESTDIR: $libs" ;; esac

gen=$tmp/gen
"$formc" build "$form" -o "$gen" || fail "installed formc could not build $form"

# The pattern library: formc finds it there when it is installed at its
# prefix; from a DESTDIR, --patterns points at it.
if [ -n "${PATTERNS_DIR:-}" ]; then
    patterns=$dest$PATTERNS_DIR
    for f in book-something.yaml report-something.yaml \
             holidays/england-and-wales.yaml; do
        [ -f "$patterns/$f" ] || fail "pattern library not installed: no $patterns/$f"
    done
    "$formc" patterns --patterns "$patterns" > "$tmp/patterns.txt" ||
        fail "installed formc could not list the installed patterns"
    grep -q "^book-something " "$tmp/patterns.txt" ||
        fail "formc patterns does not list book-something"
    src=$(cd "$(dirname "$form")/.." && pwd)
    mkdir -p "$tmp/forms"
    cp "$src/forms/book-a-garden-waste-bin-delivery.yaml" "$tmp/forms/"
    "$formc" build --patterns "$patterns" \
        "$tmp/forms/book-a-garden-waste-bin-delivery.yaml" -o "$tmp/pgen" ||
        fail "installed formc could not build a form on an installed pattern"
    [ -f "$tmp/pgen/book-a-garden-waste-bin-delivery.c" ] ||
        fail "no C for the form on a pattern"
fi
stem=$(basename "$form" .yaml)

# A library built with sanitizers needs its program built with them too.
san=
[ "$SANITIZE" = none ] || san=-fsanitize=$SANITIZE
# shellcheck disable=SC2086 # CC, cflags and libs are word lists
$CC -std=c11 -D_POSIX_C_SOURCE=200809L $san -I"$gen" $cflags \
    "$program" "$gen/$stem.c" $libs -o "$tmp/validate-submission" ||
    fail "could not compile $program against the installed copy"

LD_LIBRARY_PATH=$dest$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
export LD_LIBRARY_PATH
sh "$example/run-example.sh" "$tmp/validate-submission" "$example" ||
    fail "the validator built from the installed copy gave wrong results"
echo "installed copy: formc, headers, libfbrt and formbuilder.pc work"
